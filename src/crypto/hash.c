/* Digests through OpenSSL's EVP interface (see hash.h). */
#include "crypto/hash.h"
#include "crypto/hmac.h"

#include <openssl/evp.h>

#include "sshcore.h"

struct hash_info {
    const char *name;
    size_t len;
};

static const struct hash_info hashes[] = {
    [SSHC_HASH_SHA1] = {"sha1", 20},
    [SSHC_HASH_SHA256] = {"sha256", 32},
    [SSHC_HASH_SHA384] = {"sha384", 48},
    [SSHC_HASH_SHA512] = {"sha512", 64},
    [SSHC_HASH_MD5] = {"md5", 16},
};

static const EVP_MD *md_of(enum sshc_hash_alg alg)
{
    switch (alg) {
    case SSHC_HASH_SHA1: return EVP_sha1();
    case SSHC_HASH_SHA256: return EVP_sha256();
    case SSHC_HASH_SHA384: return EVP_sha384();
    case SSHC_HASH_SHA512: return EVP_sha512();
    case SSHC_HASH_MD5: return EVP_md5();
    }
    return NULL;
}

size_t sshc_hash_len(enum sshc_hash_alg alg)
{
    return (unsigned)alg <= SSHC_HASH_MD5 ? hashes[alg].len : 0;
}

const char *sshc_hash_name(enum sshc_hash_alg alg)
{
    return (unsigned)alg <= SSHC_HASH_MD5 ? hashes[alg].name : "?";
}

int sshc_hash(enum sshc_hash_alg alg, const void *data, size_t len, uint8_t *out)
{
    const EVP_MD *md = md_of(alg);
    unsigned int n = 0;
    if (md == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (EVP_Digest(data, len, out, &n, md, NULL) != 1 || n != hashes[alg].len) {
        return SSHC_E_CRYPTO;
    }
    return SSHC_OK;
}

int sshc_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                   uint8_t out[20])
{
    /* One HMAC implementation for everything (hmac.c). */
    sshc_hmac h;
    int r = sshc_hmac_init(&h, SSHC_HASH_SHA1, key, key_len);
    if (r == SSHC_OK) {
        sshc_hmac_compute(&h, NULL, 0, data, len, out);
    }
    sshc_hmac_clear(&h);
    return r;
}
