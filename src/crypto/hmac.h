/*
 * HMAC (RFC 2104) with the inner and outer pad states computed once per
 * key: a packet copies two small structs and hashes, with no allocation.
 * The hashes are OpenSSL's block functions, which use SHA extensions /
 * AVX2 where the CPU has them (libsodium's SHA-2 is portable C and ran at
 * half of OpenSSH's speed on hmac-sha2-256).
 */
#ifndef SSHC_CRYPTO_HMAC_H
#define SSHC_CRYPTO_HMAC_H

#define OPENSSL_SUPPRESS_DEPRECATED /* SHA*_CTX: plain structs, copyable per packet */
#include <openssl/sha.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/hash.h"

typedef struct sshc_hmac {
    enum sshc_hash_alg alg; /* SHA1, SHA256 or SHA512 */
    union {
        SHA_CTX s1;
        SHA256_CTX s256;
        SHA512_CTX s512;
    } inner, outer;
} sshc_hmac;

/* Key the state; SSHC_E_INVALID_ARG for other hashes. */
int sshc_hmac_init(sshc_hmac *h, enum sshc_hash_alg alg, const uint8_t *key, size_t key_len);
/* HMAC of prefix || data (prefix may be empty) into out (the hash length). */
void sshc_hmac_compute(const sshc_hmac *h, const uint8_t *prefix, size_t prefix_len,
                       const uint8_t *data, size_t len, uint8_t *out);
void sshc_hmac_clear(sshc_hmac *h);

#endif
