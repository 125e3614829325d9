/*
 * Packet ciphers (see cipher.h). chacha20-poly1305@openssh.com is built
 * from libsodium's original (64-bit nonce) ChaCha20 and Poly1305 as
 * PROTOCOL.chacha20poly1305 describes; AES-GCM, CTR and CBC go through
 * OpenSSL's EVP interface, set up once per key.
 */
#include "crypto/cipher.h"

#include <openssl/evp.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "core/mem.h"
#include "crypto/ct.h"
#include "crypto/rand.h"
#include "sshcore.h"

static const sshc_cipher_alg ciphers[] = {
    {"chacha20-poly1305@openssh.com", 64, 0, 8, 16, true, false, SSHC_CIPHER_CHACHAPOLY},
    {"aes128-gcm@openssh.com", 16, 12, 16, 16, false, false, SSHC_CIPHER_GCM},
    {"aes256-gcm@openssh.com", 32, 12, 16, 16, false, false, SSHC_CIPHER_GCM},
    {"aes128-ctr", 16, 16, 16, 0, false, false, SSHC_CIPHER_CTR},
    {"aes192-ctr", 24, 16, 16, 0, false, false, SSHC_CIPHER_CTR},
    {"aes256-ctr", 32, 16, 16, 0, false, false, SSHC_CIPHER_CTR},
    {"aes128-cbc", 16, 16, 16, 0, false, true, SSHC_CIPHER_CBC},
    {"aes192-cbc", 24, 16, 16, 0, false, true, SSHC_CIPHER_CBC},
    {"aes256-cbc", 32, 16, 16, 0, false, true, SSHC_CIPHER_CBC},
    {"3des-cbc", 24, 8, 8, 0, false, true, SSHC_CIPHER_CBC},
};

#define CIPHER_COUNT (sizeof(ciphers) / sizeof(ciphers[0]))
#define CHACHA_KEY 32
#define GCM_FIXED 4 /* RFC 5647 §7.1: fixed field, then the 8-byte invocation counter */

struct sshc_cipher_ctx {
    const sshc_cipher_alg *alg;
    bool encrypt;
    EVP_CIPHER_CTX *evp;
    uint8_t iv[12];               /* GCM nonce */
    uint8_t main_key[CHACHA_KEY]; /* chacha: payload key (K_2) */
    uint8_t hdr_key[CHACHA_KEY];  /* chacha: length key (K_1) */
};

const sshc_cipher_alg *sshc_cipher_at(size_t i)
{
    return i < CIPHER_COUNT ? &ciphers[i] : NULL;
}

const sshc_cipher_alg *sshc_cipher_find(const char *name, size_t len)
{
    for (size_t i = 0; i < CIPHER_COUNT; i++) {
        if (strlen(ciphers[i].name) == len && memcmp(ciphers[i].name, name, len) == 0) {
            return &ciphers[i];
        }
    }
    return NULL;
}

const char *sshc_cipher_default_list(void)
{
    return "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,"
           "aes128-ctr,aes192-ctr,aes256-ctr";
}

static const EVP_CIPHER *evp_cipher_of(const sshc_cipher_alg *alg)
{
    switch (alg->kind) {
    case SSHC_CIPHER_GCM:
        return alg->key_len == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
    case SSHC_CIPHER_CTR:
        return alg->key_len == 16 ? EVP_aes_128_ctr()
             : alg->key_len == 24 ? EVP_aes_192_ctr()
                                  : EVP_aes_256_ctr();
    case SSHC_CIPHER_CBC:
        if (alg->block_size == 8) {
            return EVP_des_ede3_cbc();
        }
        return alg->key_len == 16 ? EVP_aes_128_cbc()
             : alg->key_len == 24 ? EVP_aes_192_cbc()
                                  : EVP_aes_256_cbc();
    case SSHC_CIPHER_CHACHAPOLY:
        break;
    }
    return NULL;
}

void sshc_cipher_free(sshc_cipher_ctx *ctx)
{
    if (ctx == NULL) {
        return;
    }
    EVP_CIPHER_CTX_free(ctx->evp);
    sshc_free_secret(ctx, sizeof(*ctx));
}

int sshc_cipher_new(const sshc_cipher_alg *alg, bool encrypt, const uint8_t *key, const uint8_t *iv,
                    sshc_cipher_ctx **out)
{
    *out = NULL;
    if (alg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    int r = sshc_crypto_init();
    if (r != SSHC_OK) {
        return r;
    }
    sshc_cipher_ctx *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        return SSHC_E_NOMEM;
    }
    ctx->alg = alg;
    ctx->encrypt = encrypt;
    if (alg->kind == SSHC_CIPHER_CHACHAPOLY) {
        /* PROTOCOL.chacha20poly1305: the first 32 bytes are K_2, the last K_1. */
        memcpy(ctx->main_key, key, CHACHA_KEY);
        memcpy(ctx->hdr_key, key + CHACHA_KEY, CHACHA_KEY);
        *out = ctx;
        return SSHC_OK;
    }
    ctx->evp = EVP_CIPHER_CTX_new();
    if (ctx->evp == NULL) {
        sshc_cipher_free(ctx);
        return SSHC_E_NOMEM;
    }
    const EVP_CIPHER *c = evp_cipher_of(alg);
    bool ok = EVP_CipherInit_ex(ctx->evp, c, NULL, NULL, NULL, encrypt ? 1 : 0) == 1;
    if (ok && alg->kind == SSHC_CIPHER_GCM) {
        memcpy(ctx->iv, iv, sizeof(ctx->iv));
        ok = EVP_CIPHER_CTX_ctrl(ctx->evp, EVP_CTRL_GCM_SET_IVLEN, (int)sizeof(ctx->iv), NULL) == 1 &&
             EVP_CipherInit_ex(ctx->evp, NULL, NULL, key, NULL, -1) == 1;
    } else if (ok) {
        ok = EVP_CipherInit_ex(ctx->evp, NULL, NULL, key, iv, -1) == 1 &&
             EVP_CIPHER_CTX_set_padding(ctx->evp, 0) == 1;
    }
    if (!ok) {
        sshc_cipher_free(ctx);
        return SSHC_E_CRYPTO;
    }
    *out = ctx;
    return SSHC_OK;
}

int sshc_cipher_crypt(sshc_cipher_ctx *ctx, uint8_t *p, size_t len)
{
    int outl = 0;
    if (ctx->evp == NULL || ctx->alg->tag_len != 0 || len > INT32_MAX ||
        (len % ctx->alg->block_size != 0 && ctx->alg->kind == SSHC_CIPHER_CBC)) {
        return SSHC_E_INVALID_ARG;
    }
    if (len == 0) {
        return SSHC_OK;
    }
    if (EVP_CipherUpdate(ctx->evp, p, &outl, p, (int)len) != 1 || (size_t)outl != len) {
        return SSHC_E_CRYPTO;
    }
    return SSHC_OK;
}

/* ---- chacha20-poly1305@openssh.com -------------------------------------- */

static void chacha_nonce(uint32_t seqnr, uint8_t nonce[8])
{
    sshc_store_u64be(nonce, seqnr);
}

/* The Poly1305 key: the first 32 bytes of K_2's keystream block 0. */
static void chacha_poly_key(const sshc_cipher_ctx *ctx, const uint8_t nonce[8], uint8_t pk[32])
{
    static const uint8_t zero[32];
    crypto_stream_chacha20_xor_ic(pk, zero, sizeof(zero), nonce, 0, ctx->main_key);
}

static int chacha_seal(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len, uint8_t *tag)
{
    uint8_t nonce[8], pk[32];
    chacha_nonce(seqnr, nonce);
    crypto_stream_chacha20_xor_ic(pkt, pkt, 4, nonce, 0, ctx->hdr_key);
    crypto_stream_chacha20_xor_ic(pkt + 4, pkt + 4, len - 4, nonce, 1, ctx->main_key);
    chacha_poly_key(ctx, nonce, pk);
    crypto_onetimeauth_poly1305(tag, pkt, len, pk);
    sodium_memzero(pk, sizeof(pk));
    return SSHC_OK;
}

static int chacha_open(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len,
                       const uint8_t *tag)
{
    uint8_t nonce[8], pk[32], expect[16];
    chacha_nonce(seqnr, nonce);
    chacha_poly_key(ctx, nonce, pk);
    crypto_onetimeauth_poly1305(expect, pkt, len, pk);
    sodium_memzero(pk, sizeof(pk));
    if (!sshc_ct_equal(expect, tag, sizeof(expect))) {
        return SSHC_E_MAC_INVALID;
    }
    crypto_stream_chacha20_xor_ic(pkt, pkt, 4, nonce, 0, ctx->hdr_key);
    crypto_stream_chacha20_xor_ic(pkt + 4, pkt + 4, len - 4, nonce, 1, ctx->main_key);
    return SSHC_OK;
}

/* ---- AES-GCM (RFC 5647, OpenSSH PROTOCOL §1.6) --------------------------- */

static void gcm_next_iv(sshc_cipher_ctx *ctx)
{
    /* RFC 5647 §7.1: the 64-bit invocation counter increments per packet. */
    for (int i = (int)sizeof(ctx->iv) - 1; i >= GCM_FIXED; i--) {
        if (++ctx->iv[i] != 0) {
            break;
        }
    }
}

static int gcm_run(sshc_cipher_ctx *ctx, uint8_t *pkt, size_t len, uint8_t *tag, bool seal)
{
    int outl = 0;
    int ok = EVP_CipherInit_ex(ctx->evp, NULL, NULL, NULL, ctx->iv, -1) == 1 &&
             EVP_CipherUpdate(ctx->evp, NULL, &outl, pkt, 4) == 1 &&
             EVP_CipherUpdate(ctx->evp, pkt + 4, &outl, pkt + 4, (int)(len - 4)) == 1;
    if (ok && !seal) {
        ok = EVP_CIPHER_CTX_ctrl(ctx->evp, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1;
    }
    int fin = ok ? EVP_CipherFinal_ex(ctx->evp, pkt + len, &outl) : 0;
    if (ok && seal && fin == 1) {
        ok = EVP_CIPHER_CTX_ctrl(ctx->evp, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
    }
    gcm_next_iv(ctx);
    if (!ok) {
        return SSHC_E_CRYPTO;
    }
    return fin == 1 ? SSHC_OK : SSHC_E_MAC_INVALID;
}

int sshc_cipher_aead_seal(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len,
                          uint8_t *tag)
{
    if (ctx->alg->tag_len == 0 || len < 4 || len > INT32_MAX || !ctx->encrypt) {
        return SSHC_E_INVALID_ARG;
    }
    if (ctx->alg->kind == SSHC_CIPHER_CHACHAPOLY) {
        return chacha_seal(ctx, seqnr, pkt, len, tag);
    }
    return gcm_run(ctx, pkt, len, tag, true);
}

int sshc_cipher_aead_open(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len,
                          const uint8_t *tag)
{
    if (ctx->alg->tag_len == 0 || len < 4 || len > INT32_MAX || ctx->encrypt) {
        return SSHC_E_INVALID_ARG;
    }
    if (ctx->alg->kind == SSHC_CIPHER_CHACHAPOLY) {
        return chacha_open(ctx, seqnr, pkt, len, tag);
    }
    /* OpenSSL only reads the tag; the cast drops const for its ctrl interface. */
    return gcm_run(ctx, pkt, len, (uint8_t *)(uintptr_t)tag, false);
}

int sshc_cipher_aead_length(sshc_cipher_ctx *ctx, uint32_t seqnr, const uint8_t *pkt,
                            uint32_t *packet_length)
{
    if (ctx->alg->kind != SSHC_CIPHER_CHACHAPOLY) {
        *packet_length = sshc_load_u32be(pkt);
        return SSHC_OK;
    }
    uint8_t nonce[8], plain[4];
    chacha_nonce(seqnr, nonce);
    crypto_stream_chacha20_xor_ic(plain, pkt, 4, nonce, 0, ctx->hdr_key);
    *packet_length = sshc_load_u32be(plain);
    return SSHC_OK;
}
