/* known_hosts contents looked up for a fixed host, on port 22 and on another port. */
#include <stdint.h>

#include "sshcore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sshc_key *key;
    if (key == NULL && sshc_key_generate(SSHC_KEY_ED25519, &key) != SSHC_OK) {
        return 0;
    }
    int r = sshc_known_hosts_check(data, size, "example.com", 22, key);
    int r2 = sshc_known_hosts_check(data, size, "127.0.0.1", 2222, key);
    if (r > SSHC_KNOWN_HOST_REVOKED || r2 > SSHC_KNOWN_HOST_REVOKED) {
        __builtin_trap();
    }
    return 0;
}
