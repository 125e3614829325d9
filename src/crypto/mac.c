/*
 * Packet MACs (see mac.h). HMAC-SHA-256/512 use libsodium's states: the
 * keyed state is set up once and copied per packet, so a packet costs no
 * allocation. HMAC-SHA-1 uses OpenSSL's EVP_MAC, re-initialised with the
 * stored key per packet. UMAC (umac.c) derives all its keys once.
 */
#include "crypto/mac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "core/mem.h"
#include "crypto/ct.h"
#include "crypto/rand.h"
#include "crypto/umac.h"
#include "sshcore.h"

static const sshc_mac_alg macs[] = {
    {"umac-64-etm@openssh.com", 16, 8, true, false, SSHC_MAC_UMAC64},
    {"umac-128-etm@openssh.com", 16, 16, true, false, SSHC_MAC_UMAC128},
    {"hmac-sha2-256-etm@openssh.com", 32, 32, true, false, SSHC_MAC_HMAC_SHA256},
    {"hmac-sha2-512-etm@openssh.com", 64, 64, true, false, SSHC_MAC_HMAC_SHA512},
    {"hmac-sha1-etm@openssh.com", 20, 20, true, false, SSHC_MAC_HMAC_SHA1},
    {"umac-64@openssh.com", 16, 8, false, false, SSHC_MAC_UMAC64},
    {"umac-128@openssh.com", 16, 16, false, false, SSHC_MAC_UMAC128},
    {"hmac-sha2-256", 32, 32, false, false, SSHC_MAC_HMAC_SHA256},
    {"hmac-sha2-512", 64, 64, false, false, SSHC_MAC_HMAC_SHA512},
    {"hmac-sha1", 20, 20, false, false, SSHC_MAC_HMAC_SHA1},
};

#define MAC_COUNT (sizeof(macs) / sizeof(macs[0]))

struct sshc_mac_ctx {
    const sshc_mac_alg *alg;
    union {
        crypto_auth_hmacsha256_state s256;
        crypto_auth_hmacsha512_state s512;
        sshc_umac umac;
    } keyed;
    EVP_MAC_CTX *evp; /* SHA-1 */
};

const sshc_mac_alg *sshc_mac_at(size_t i)
{
    return i < MAC_COUNT ? &macs[i] : NULL;
}

const sshc_mac_alg *sshc_mac_find(const char *name, size_t len)
{
    for (size_t i = 0; i < MAC_COUNT; i++) {
        if (strlen(macs[i].name) == len && memcmp(macs[i].name, name, len) == 0) {
            return &macs[i];
        }
    }
    return NULL;
}

const char *sshc_mac_default_list(void)
{
    /* OpenSSH 9.x's order. */
    return "umac-64-etm@openssh.com,umac-128-etm@openssh.com,"
           "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
           "hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
           "hmac-sha2-256,hmac-sha2-512,hmac-sha1";
}

void sshc_mac_free(sshc_mac_ctx *ctx)
{
    if (ctx == NULL) {
        return;
    }
    EVP_MAC_CTX_free(ctx->evp);
    if (ctx->alg->kind == SSHC_MAC_UMAC64 || ctx->alg->kind == SSHC_MAC_UMAC128) {
        sshc_umac_clear(&ctx->keyed.umac);
    }
    sshc_free_secret(ctx, sizeof(*ctx));
}

static int sha1_ctx(sshc_mac_ctx *ctx, const uint8_t *key)
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) {
        return SSHC_E_CRYPTO;
    }
    ctx->evp = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac);
    if (ctx->evp == NULL) {
        return SSHC_E_NOMEM;
    }
    char digest[] = "SHA1";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    return EVP_MAC_init(ctx->evp, key, ctx->alg->key_len, params) == 1 ? SSHC_OK : SSHC_E_CRYPTO;
}

int sshc_mac_new(const sshc_mac_alg *alg, const uint8_t *key, sshc_mac_ctx **out)
{
    *out = NULL;
    if (alg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    int r = sshc_crypto_init();
    if (r != SSHC_OK) {
        return r;
    }
    sshc_mac_ctx *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        return SSHC_E_NOMEM;
    }
    ctx->alg = alg;
    switch (alg->kind) {
    case SSHC_MAC_HMAC_SHA256:
        crypto_auth_hmacsha256_init(&ctx->keyed.s256, key, alg->key_len);
        break;
    case SSHC_MAC_HMAC_SHA512:
        crypto_auth_hmacsha512_init(&ctx->keyed.s512, key, alg->key_len);
        break;
    case SSHC_MAC_HMAC_SHA1:
        r = sha1_ctx(ctx, key);
        break;
    case SSHC_MAC_UMAC64:
    case SSHC_MAC_UMAC128:
        r = sshc_umac_init(&ctx->keyed.umac, key, alg->mac_len);
        break;
    }
    if (r != SSHC_OK) {
        sshc_mac_free(ctx);
        return r;
    }
    *out = ctx;
    return SSHC_OK;
}

int sshc_mac_compute(sshc_mac_ctx *ctx, uint32_t seqnr, const uint8_t *data, size_t len,
                     uint8_t *out)
{
    uint8_t seq[4];
    sshc_store_u32be(seq, seqnr);
    switch (ctx->alg->kind) {
    case SSHC_MAC_HMAC_SHA256: {
        crypto_auth_hmacsha256_state st = ctx->keyed.s256;
        crypto_auth_hmacsha256_update(&st, seq, sizeof(seq));
        crypto_auth_hmacsha256_update(&st, data, len);
        crypto_auth_hmacsha256_final(&st, out);
        sodium_memzero(&st, sizeof(st));
        return SSHC_OK;
    }
    case SSHC_MAC_HMAC_SHA512: {
        crypto_auth_hmacsha512_state st = ctx->keyed.s512;
        crypto_auth_hmacsha512_update(&st, seq, sizeof(seq));
        crypto_auth_hmacsha512_update(&st, data, len);
        crypto_auth_hmacsha512_final(&st, out);
        sodium_memzero(&st, sizeof(st));
        return SSHC_OK;
    }
    case SSHC_MAC_HMAC_SHA1: {
        size_t outl = 0;
        /* A NULL key re-initialises with the key already set. */
        if (EVP_MAC_init(ctx->evp, NULL, 0, NULL) != 1 ||
            EVP_MAC_update(ctx->evp, seq, sizeof(seq)) != 1 ||
            EVP_MAC_update(ctx->evp, data, len) != 1 ||
            EVP_MAC_final(ctx->evp, out, &outl, ctx->alg->mac_len) != 1 ||
            outl != ctx->alg->mac_len) {
            return SSHC_E_CRYPTO;
        }
        return SSHC_OK;
    }
    case SSHC_MAC_UMAC64:
    case SSHC_MAC_UMAC128: {
        /* OpenSSH PROTOCOL: the nonce is the seqnr as a uint64; it is not MACed. */
        uint8_t nonce[8];
        sshc_store_u64be(nonce, seqnr);
        return sshc_umac_compute(&ctx->keyed.umac, nonce, sizeof(nonce), data, len, out);
    }
    }
    return SSHC_E_INTERNAL;
}

int sshc_mac_verify(sshc_mac_ctx *ctx, uint32_t seqnr, const uint8_t *data, size_t len,
                    const uint8_t *mac)
{
    uint8_t expect[64];
    int r = sshc_mac_compute(ctx, seqnr, data, len, expect);
    if (r == SSHC_OK && !sshc_ct_equal(expect, mac, ctx->alg->mac_len)) {
        r = SSHC_E_MAC_INVALID;
    }
    sshc_wipe(expect, sizeof(expect));
    return r;
}
