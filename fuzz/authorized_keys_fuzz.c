/* authorized_keys contents matched against a fixed key. */
#include <stdint.h>

#include "sshcore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sshc_key *key;
    if (key == NULL && sshc_key_generate(SSHC_KEY_ED25519, &key) != SSHC_OK) {
        return 0;
    }
    if (sshc_authorized_keys_match(data, size, key) > 1) {
        __builtin_trap();
    }
    return 0;
}
