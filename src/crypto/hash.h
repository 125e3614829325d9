/*
 * Message digests used by key exchange (RFC 4253 §7.2 exchange hash and
 * key derivation), fingerprints and signatures. One-shot only: callers
 * build the whole input in a builder first.
 */
#ifndef SSHC_CRYPTO_HASH_H
#define SSHC_CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

enum sshc_hash_alg {
    SSHC_HASH_SHA1 = 0,
    SSHC_HASH_SHA256,
    SSHC_HASH_SHA384,
    SSHC_HASH_SHA512,
    SSHC_HASH_MD5, /* fingerprints only (ssh-keygen -E md5) */
};

#define SSHC_HASH_MAX 64

size_t sshc_hash_len(enum sshc_hash_alg alg);
/* out receives sshc_hash_len(alg) bytes. */
int sshc_hash(enum sshc_hash_alg alg, const void *data, size_t len, uint8_t *out);
/* The hash's SSH/OpenSSL-neutral name ("sha256"), for messages. */
const char *sshc_hash_name(enum sshc_hash_alg alg);
/* HMAC-SHA1 (RFC 2104) of data under key into out (known_hosts hashed names). */
int sshc_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                   uint8_t out[20]);

#endif
