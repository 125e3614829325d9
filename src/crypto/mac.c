/*
 * Packet MACs (see mac.h). The HMACs (hmac.c) and UMAC (umac.c) derive
 * their keyed states once; a packet copies and hashes, with no allocation.
 */
#include "crypto/mac.h"

#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "core/mem.h"
#include "crypto/ct.h"
#include "crypto/hmac.h"
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
        sshc_hmac hmac;
        sshc_umac umac;
    } keyed;
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
    if (ctx->alg->kind == SSHC_MAC_UMAC64 || ctx->alg->kind == SSHC_MAC_UMAC128) {
        sshc_umac_clear(&ctx->keyed.umac);
    }
    sshc_free_secret(ctx, sizeof(*ctx));
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
        r = sshc_hmac_init(&ctx->keyed.hmac, SSHC_HASH_SHA256, key, alg->key_len);
        break;
    case SSHC_MAC_HMAC_SHA512:
        r = sshc_hmac_init(&ctx->keyed.hmac, SSHC_HASH_SHA512, key, alg->key_len);
        break;
    case SSHC_MAC_HMAC_SHA1:
        r = sshc_hmac_init(&ctx->keyed.hmac, SSHC_HASH_SHA1, key, alg->key_len);
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
    case SSHC_MAC_HMAC_SHA256:
    case SSHC_MAC_HMAC_SHA512:
    case SSHC_MAC_HMAC_SHA1:
        /* RFC 4253 §6.4: MAC(key, uint32 sequence_number || packet). */
        sshc_hmac_compute(&ctx->keyed.hmac, seq, sizeof(seq), data, len, out);
        return SSHC_OK;
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
