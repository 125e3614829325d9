/* HMAC with precomputed pads (see hmac.h). */
#include "crypto/hmac.h"

#include <string.h>

#include "core/mem.h"
#include "sshcore.h"

#define MAX_BLOCK 128 /* SHA-512's block; SHA-1 and SHA-256 use 64 */

static size_t block_of(enum sshc_hash_alg alg)
{
    return alg == SSHC_HASH_SHA512 ? 128 : 64;
}

/* One hash state, started and fed one pad block. */
static void pad_state(enum sshc_hash_alg alg, void *st, const uint8_t *pad, size_t n)
{
    switch (alg) {
    case SSHC_HASH_SHA1:
        SHA1_Init(st);
        SHA1_Update(st, pad, n);
        break;
    case SSHC_HASH_SHA256:
        SHA256_Init(st);
        SHA256_Update(st, pad, n);
        break;
    default:
        SHA512_Init(st);
        SHA512_Update(st, pad, n);
        break;
    }
}

int sshc_hmac_init(sshc_hmac *h, enum sshc_hash_alg alg, const uint8_t *key, size_t key_len)
{
    if (alg != SSHC_HASH_SHA1 && alg != SSHC_HASH_SHA256 && alg != SSHC_HASH_SHA512) {
        return SSHC_E_INVALID_ARG;
    }
    size_t block = block_of(alg);
    uint8_t k0[MAX_BLOCK] = {0}, pad[MAX_BLOCK];
    /* RFC 2104 §2: keys longer than a block are hashed first. */
    if (key_len > block) {
        int r = sshc_hash(alg, key, key_len, k0);
        if (r != SSHC_OK) {
            return r;
        }
    } else {
        memcpy(k0, key, key_len);
    }
    h->alg = alg;
    for (size_t i = 0; i < block; i++) {
        pad[i] = k0[i] ^ 0x36;
    }
    pad_state(alg, &h->inner, pad, block);
    for (size_t i = 0; i < block; i++) {
        pad[i] = k0[i] ^ 0x5c;
    }
    pad_state(alg, &h->outer, pad, block);
    sshc_wipe(k0, sizeof(k0));
    sshc_wipe(pad, sizeof(pad));
    return SSHC_OK;
}

void sshc_hmac_compute(const sshc_hmac *h, const uint8_t *prefix, size_t prefix_len,
                       const uint8_t *data, size_t len, uint8_t *out)
{
    uint8_t ih[SSHC_HASH_MAX];
    size_t n = sshc_hash_len(h->alg);
    union {
        SHA_CTX s1;
        SHA256_CTX s256;
        SHA512_CTX s512;
    } st;
    switch (h->alg) {
    case SSHC_HASH_SHA1:
        st.s1 = h->inner.s1;
        SHA1_Update(&st.s1, prefix, prefix_len);
        SHA1_Update(&st.s1, data, len);
        SHA1_Final(ih, &st.s1);
        st.s1 = h->outer.s1;
        SHA1_Update(&st.s1, ih, n);
        SHA1_Final(out, &st.s1);
        break;
    case SSHC_HASH_SHA256:
        st.s256 = h->inner.s256;
        SHA256_Update(&st.s256, prefix, prefix_len);
        SHA256_Update(&st.s256, data, len);
        SHA256_Final(ih, &st.s256);
        st.s256 = h->outer.s256;
        SHA256_Update(&st.s256, ih, n);
        SHA256_Final(out, &st.s256);
        break;
    default:
        st.s512 = h->inner.s512;
        SHA512_Update(&st.s512, prefix, prefix_len);
        SHA512_Update(&st.s512, data, len);
        SHA512_Final(ih, &st.s512);
        st.s512 = h->outer.s512;
        SHA512_Update(&st.s512, ih, n);
        SHA512_Final(out, &st.s512);
        break;
    }
    sshc_wipe(&st, sizeof(st));
    sshc_wipe(ih, sizeof(ih));
}

void sshc_hmac_clear(sshc_hmac *h)
{
    sshc_wipe(h, sizeof(*h));
}
