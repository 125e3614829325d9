/*
 * Signature blobs (string alg, string signature) checked against fixed keys
 * of every type: the first byte picks the key and algorithm, the rest is
 * the blob. Random bytes must never verify.
 */
#include <stdint.h>

#include "crypto/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    enum sshc_key_type type;
    unsigned bits;
    const char *alg;
} kinds[] = {
    {SSHC_KEY_ED25519, 0, "ssh-ed25519"},
    {SSHC_KEY_RSA, 1024, "rsa-sha2-512"},
    {SSHC_KEY_RSA, 1024, "rsa-sha2-256"},
    {SSHC_KEY_RSA, 1024, "ssh-rsa"},
    {SSHC_KEY_ECDSA_P256, 256, "ecdsa-sha2-nistp256"},
    {SSHC_KEY_ECDSA_P384, 384, "ecdsa-sha2-nistp384"},
    {SSHC_KEY_ECDSA_P521, 521, "ecdsa-sha2-nistp521"},
};
#define KINDS (sizeof(kinds) / sizeof(kinds[0]))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sshc_key *keys[KINDS];
    if (size < 1) {
        return 0;
    }
    size_t i = data[0] % KINDS;
    if (keys[i] == NULL && sshc_key_generate_bits(kinds[i].type, kinds[i].bits, &keys[i]) != SSHC_OK) {
        return 0;
    }
    static const uint8_t msg[] = "exchange hash";
    if (sshc_key_verify(keys[i], kinds[i].alg, data + 1, size - 1, msg, sizeof(msg)) == SSHC_OK) {
        __builtin_trap();
    }
    return 0;
}
