/*
 * Signature blobs (string alg, string signature) checked against fixed keys
 * of every type: the first byte picks the key and algorithm, the rest is
 * the blob. Random bytes must never verify.
 */
#include <stdint.h>

#include "crypto/key.h"
#include "key_kinds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sshc_key *keys[KEY_KINDS];
    if (size < 1) {
        return 0;
    }
    size_t i = data[0] % KEY_KINDS;
    if (keys[i] == NULL &&
        sshc_key_generate_bits(key_kinds[i].type, key_kinds[i].bits, &keys[i]) != SSHC_OK) {
        return 0;
    }
    static const uint8_t msg[] = "exchange hash";
    if (sshc_key_verify(keys[i], key_kinds[i].alg, data + 1, size - 1, msg, sizeof(msg)) == SSHC_OK) {
        __builtin_trap();
    }
    return 0;
}
