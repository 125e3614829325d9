/*
 * bcrypt_pbkdf (OpenSSH PROTOCOL.key; OpenBSD bcrypt_pbkdf(3)).
 *
 * The PRF, bcrypt_hash(P, S), for two 64-byte SHA-512 digests:
 *   state = Blowfish initial tables
 *   expand(state, salt = S, key = P)
 *   64 times: expand0(state, S); expand0(state, P)
 *   C = "OxychromaticBlowfishSwatDynamite" as 8 big-endian words
 *   64 times: encrypt the 4 blocks of C in ECB with state
 *   out = the 8 words of C, each stored little-endian (32 bytes)
 *
 * The KDF, for key_len bytes: stride = ceil(key_len / 32) blocks, each
 * giving amt = ceil(key_len / stride) bytes. Block b (counted from 1):
 *   T = bcrypt_hash(SHA512(pass), SHA512(salt || BE32(b)))
 *   U = T; rounds - 1 times: T = bcrypt_hash(SHA512(pass), SHA512(T)); U ^= T
 *   U[i] goes to key[i * stride + (b - 1)] while that index is < key_len.
 * So the key is the blocks interleaved byte by byte, not concatenated.
 */
#include "crypto/bcrypt_pbkdf.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/blowfish.h"
#include "crypto/hash.h"

#define BCRYPT_HASH_LEN 32
#define BCRYPT_WORDS (BCRYPT_HASH_LEN / 4)
#define BCRYPT_COST 64 /* 2^6 eksblowfish iterations, fixed by the format */
#define SHA512_LEN 64

static const char bcrypt_magic[BCRYPT_HASH_LEN + 1] = "OxychromaticBlowfishSwatDynamite";

static void bcrypt_hash(sshc_blowfish *bf, const uint8_t sha_pass[SHA512_LEN],
                        const uint8_t sha_salt[SHA512_LEN], uint8_t out[BCRYPT_HASH_LEN])
{
    uint32_t c[BCRYPT_WORDS];

    sshc_blowfish_init(bf);
    sshc_blowfish_expand(bf, sha_salt, SHA512_LEN, sha_pass, SHA512_LEN);
    for (int i = 0; i < BCRYPT_COST; i++) {
        sshc_blowfish_expand0(bf, sha_salt, SHA512_LEN);
        sshc_blowfish_expand0(bf, sha_pass, SHA512_LEN);
    }

    for (int w = 0; w < BCRYPT_WORDS; w++) {
        const uint8_t *m = (const uint8_t *)bcrypt_magic + 4 * w;
        c[w] = ((uint32_t)m[0] << 24) | ((uint32_t)m[1] << 16) | ((uint32_t)m[2] << 8) | m[3];
    }
    for (int i = 0; i < BCRYPT_COST; i++) {
        for (int w = 0; w < BCRYPT_WORDS; w += 2) {
            sshc_blowfish_encipher(bf, &c[w], &c[w + 1]);
        }
    }
    /* Little-endian on output: a quirk of the original, kept by the format. */
    for (int w = 0; w < BCRYPT_WORDS; w++) {
        out[4 * w + 0] = (uint8_t)c[w];
        out[4 * w + 1] = (uint8_t)(c[w] >> 8);
        out[4 * w + 2] = (uint8_t)(c[w] >> 16);
        out[4 * w + 3] = (uint8_t)(c[w] >> 24);
    }
    sshc_wipe(c, sizeof(c));
}

int sshc_bcrypt_pbkdf(const char *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                      uint8_t *key, size_t key_len, unsigned rounds)
{
    if (key == NULL || key_len == 0 || key_len > SSHC_BCRYPT_PBKDF_MAX_KEY) {
        return SSHC_E_INVALID_ARG;
    }
    if (rounds == 0 || salt == NULL || salt_len == 0 || salt_len > SSHC_BCRYPT_PBKDF_MAX_SALT ||
        (pass == NULL && pass_len != 0)) {
        sshc_wipe(key, key_len);
        return SSHC_E_INVALID_ARG;
    }

    size_t stride = (key_len + BCRYPT_HASH_LEN - 1) / BCRYPT_HASH_LEN;
    size_t amt = (key_len + stride - 1) / stride;
    uint8_t *count_salt = malloc(salt_len + 4);
    sshc_blowfish *bf = malloc(sizeof(*bf));
    uint8_t sha_pass[SHA512_LEN], sha_salt[SHA512_LEN];
    uint8_t tmp[BCRYPT_HASH_LEN], acc[BCRYPT_HASH_LEN];
    int rc = SSHC_OK;

    if (count_salt == NULL || bf == NULL) {
        rc = SSHC_E_NOMEM;
        goto out;
    }
    memcpy(count_salt, salt, salt_len);
    rc = sshc_hash(SSHC_HASH_SHA512, pass_len > 0 ? (const void *)pass : "", pass_len, sha_pass);
    if (rc != SSHC_OK) {
        goto out;
    }

    for (size_t block = 0; block < stride; block++) {
        uint32_t count = (uint32_t)block + 1;
        count_salt[salt_len + 0] = (uint8_t)(count >> 24);
        count_salt[salt_len + 1] = (uint8_t)(count >> 16);
        count_salt[salt_len + 2] = (uint8_t)(count >> 8);
        count_salt[salt_len + 3] = (uint8_t)count;

        rc = sshc_hash(SSHC_HASH_SHA512, count_salt, salt_len + 4, sha_salt);
        if (rc != SSHC_OK) {
            goto out;
        }
        bcrypt_hash(bf, sha_pass, sha_salt, tmp);
        memcpy(acc, tmp, sizeof(acc));
        for (unsigned r = 1; r < rounds; r++) {
            rc = sshc_hash(SSHC_HASH_SHA512, tmp, sizeof(tmp), sha_salt);
            if (rc != SSHC_OK) {
                goto out;
            }
            bcrypt_hash(bf, sha_pass, sha_salt, tmp);
            for (size_t i = 0; i < sizeof(acc); i++) {
                acc[i] ^= tmp[i];
            }
        }
        for (size_t i = 0; i < amt; i++) {
            size_t dest = i * stride + block;
            if (dest >= key_len) {
                break;
            }
            key[dest] = acc[i];
        }
    }

out:
    if (rc != SSHC_OK) {
        sshc_wipe(key, key_len);
    }
    sshc_free_secret(count_salt, salt_len + 4);
    sshc_free_secret(bf, sizeof(*bf));
    sshc_wipe(sha_pass, sizeof(sha_pass));
    sshc_wipe(sha_salt, sizeof(sha_salt));
    sshc_wipe(tmp, sizeof(tmp));
    sshc_wipe(acc, sizeof(acc));
    return rc;
}
