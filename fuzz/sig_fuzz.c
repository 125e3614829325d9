/* Signature blobs (string alg, string signature) checked against a fixed key and message. */
#include <stdint.h>

#include "crypto/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* RFC 8032 §7.1 test 1 public key: a fixed, valid key. */
    static const uint8_t blob[] = {
        0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd', '2', '5', '5', '1', '9', 0, 0, 0, 32,
        0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
        0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
        0xf7, 0x07, 0x51, 0x1a};
    sshc_key *k = NULL;
    if (sshc_key_parse_blob(blob, sizeof(blob), &k) != SSHC_OK) {
        return 0;
    }
    static const uint8_t msg[] = "exchange hash";
    /* Random bytes must never verify. */
    if (sshc_key_verify(k, "ssh-ed25519", data, size, msg, sizeof(msg)) == SSHC_OK) {
        __builtin_trap();
    }
    sshc_key_free(k);
    return 0;
}
