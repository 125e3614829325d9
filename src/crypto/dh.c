/*
 * Finite-field Diffie-Hellman with OpenSSL's BIGNUM (see dh.h). The secret
 * exponent comes from the session's RNG, so tests and fuzzers replay
 * byte for byte. Peer values are checked: 1 < f < p-1 (RFC 4253 §8).
 */
#include "crypto/dh.h"

#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct sshc_dh {
    BIGNUM *p, *g, *x;
    BN_CTX *ctx;
};

void sshc_dh_free(sshc_dh *dh)
{
    if (dh == NULL) {
        return;
    }
    BN_free(dh->p);
    BN_free(dh->g);
    BN_clear_free(dh->x);
    BN_CTX_free(dh->ctx);
    free(dh);
}

static int finish_new(sshc_dh *dh, sshc_dh **out)
{
    dh->ctx = BN_CTX_new();
    int bits = dh->p ? BN_num_bits(dh->p) : 0;
    /* A group must be an odd prime-sized modulus of sane size with 1 < g < p-1. */
    if (dh->ctx == NULL || dh->g == NULL || bits < 1024 || bits > 8192 || !BN_is_odd(dh->p) ||
        BN_cmp(dh->g, BN_value_one()) <= 0 || BN_cmp(dh->g, dh->p) >= 0) {
        sshc_dh_free(dh);
        return SSHC_E_BAD_PUBLIC_VALUE;
    }
    *out = dh;
    return SSHC_OK;
}

int sshc_dh_new_group(int group, sshc_dh **out)
{
    *out = NULL;
    sshc_dh *dh = calloc(1, sizeof(*dh));
    if (dh == NULL) {
        return SSHC_E_NOMEM;
    }
    switch (group) {
    case 1:
        dh->p = BN_get_rfc2409_prime_1024(NULL); /* RFC 2409 §6.2, Oakley group 2 */
        break;
    case 14:
        dh->p = BN_get_rfc3526_prime_2048(NULL); /* RFC 3526 §3 */
        break;
    case 16:
        dh->p = BN_get_rfc3526_prime_4096(NULL); /* RFC 3526 §5 */
        break;
    case 18:
        dh->p = BN_get_rfc3526_prime_8192(NULL); /* RFC 3526 §7 */
        break;
    default:
        free(dh);
        return SSHC_E_INVALID_ARG;
    }
    dh->g = BN_new();
    if (dh->g != NULL && BN_set_word(dh->g, 2) != 1) {
        BN_free(dh->g);
        dh->g = NULL;
    }
    return finish_new(dh, out);
}

int sshc_dh_new_pg(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len, sshc_dh **out)
{
    *out = NULL;
    if (p_len == 0 || p_len > SSHC_DH_MAX_BYTES || g_len == 0 || g_len > SSHC_DH_MAX_BYTES) {
        return SSHC_E_BAD_PUBLIC_VALUE;
    }
    sshc_dh *dh = calloc(1, sizeof(*dh));
    if (dh == NULL) {
        return SSHC_E_NOMEM;
    }
    dh->p = BN_bin2bn(p, (int)p_len, NULL);
    dh->g = BN_bin2bn(g, (int)g_len, NULL);
    return finish_new(dh, out);
}

size_t sshc_dh_size(const sshc_dh *dh)
{
    return (size_t)BN_num_bytes(dh->p);
}

int sshc_dh_get_pg(const sshc_dh *dh, uint8_t *p, size_t *p_len, uint8_t *g, size_t *g_len)
{
    *p_len = (size_t)BN_bn2bin(dh->p, p);
    *g_len = (size_t)BN_bn2bin(dh->g, g);
    return SSHC_OK;
}

int sshc_dh_keypair(sshc_dh *dh, sshc_rng_fn rng, void *rng_ctx, size_t exp_bits, uint8_t *pub,
                    size_t *pub_len)
{
    uint8_t xb[SSHC_DH_MAX_BYTES];
    size_t xlen = (exp_bits + 7) / 8;
    *pub_len = 0;
    if (xlen == 0 || xlen > sizeof(xb) || xlen >= sshc_dh_size(dh)) {
        return SSHC_E_INVALID_ARG;
    }
    if (rng(rng_ctx, xb, xlen) != 0) {
        return SSHC_E_CRYPTO;
    }
    xb[0] |= 0x80; /* full length, so the exponent has exp_bits bits of strength */
    BN_clear_free(dh->x);
    dh->x = BN_bin2bn(xb, (int)xlen, NULL);
    sshc_wipe(xb, sizeof(xb));
    BIGNUM *e = BN_new();
    int r = SSHC_E_CRYPTO;
    if (dh->x != NULL && e != NULL && BN_mod_exp_mont_consttime(e, dh->g, dh->x, dh->p, dh->ctx, NULL) == 1) {
        *pub_len = (size_t)BN_bn2bin(e, pub);
        r = SSHC_OK;
    }
    BN_free(e);
    return r;
}

int sshc_dh_derive(sshc_dh *dh, const uint8_t *peer, size_t peer_len, uint8_t *out,
                   size_t *out_len)
{
    *out_len = 0;
    if (dh->x == NULL || peer_len > sshc_dh_size(dh)) {
        return dh->x == NULL ? SSHC_E_BAD_STATE : SSHC_E_BAD_PUBLIC_VALUE;
    }
    BIGNUM *f = BN_bin2bn(peer, (int)peer_len, NULL);
    BIGNUM *pm1 = BN_dup(dh->p);
    BIGNUM *k = BN_new();
    int r = SSHC_E_CRYPTO;
    if (f != NULL && pm1 != NULL && k != NULL && BN_sub_word(pm1, 1) == 1) {
        /* RFC 4253 §8: values outside [2, p-2] MUST NOT be sent or accepted. */
        if (BN_cmp(f, BN_value_one()) <= 0 || BN_cmp(f, pm1) >= 0) {
            r = SSHC_E_BAD_PUBLIC_VALUE;
        } else if (BN_mod_exp_mont_consttime(k, f, dh->x, dh->p, dh->ctx, NULL) == 1) {
            *out_len = (size_t)BN_bn2bin(k, out);
            r = SSHC_OK;
        }
    }
    BN_free(f);
    BN_free(pm1);
    BN_clear_free(k);
    BN_clear_free(dh->x);
    dh->x = NULL;
    return r;
}
