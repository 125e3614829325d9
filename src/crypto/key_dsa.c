/*
 * ssh-dss keys (RFC 4253 §6.6), verify only: a client may check an old
 * server's DSA host key when the user names ssh-dss in HostKeyAlgorithms.
 * We never generate DSA keys, load private ones, or sign with them.
 *
 * Blob: string "ssh-dss", mpint p, mpint q, mpint g, mpint y. Like OpenSSH
 * we accept only p of 1024 bits and q of 160 bits (FIPS 186-2), with
 * 1 < g < p and 1 < y < p.
 * Signature blob: string "ssh-dss", string (r || s), each exactly 20 bytes
 * big-endian, over SHA-1; OpenSSL speaks DER (Dss-Sig-Value), converted here.
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/key.h"

#define DSA_P_BITS 1024
#define DSA_Q_BITS 160
#define DSA_Q_BYTES (DSA_Q_BITS / 8)
#define DSA_SIG_LEN (2 * DSA_Q_BYTES)
/* Room to read (then refuse by size) moduli up to 3072 bits. */
#define MPINT_MAX (3072 / 8 + 1)

/* A BIGNUM from an mpint field (non-negative, bounded). NULL on error (cursor failed). */
static BIGNUM *read_bn(sshc_cur *c)
{
    const uint8_t *p;
    size_t n;
    if (sshc_cur_mpint(c, MPINT_MAX, false, &p, &n) != SSHC_OK) {
        return NULL;
    }
    BIGNUM *bn = BN_bin2bn(p, (int)n, NULL);
    if (bn == NULL) {
        sshc_cur_fail(c, SSHC_E_NOMEM);
    }
    return bn;
}

/* Append a BIGNUM as an mpint. */
static int write_bn(sshc_bld *b, const BIGNUM *bn)
{
    if (bn == NULL) {
        return SSHC_E_CRYPTO;
    }
    int n = BN_num_bytes(bn);
    uint8_t *tmp = malloc((size_t)n + 1);
    if (tmp == NULL) {
        return SSHC_E_NOMEM;
    }
    BN_bn2bin(bn, tmp);
    sshc_bld_mpint_unsigned(b, tmp, (size_t)n);
    free(tmp);
    return sshc_bld_err(b);
}

static BIGNUM *get_bn(const struct evp_pkey_st *pkey, const char *name)
{
    BIGNUM *bn = NULL;
    if (EVP_PKEY_get_bn_param((EVP_PKEY *)pkey, name, &bn) != 1) {
        return NULL;
    }
    return bn;
}

/* 1 < v < p */
static bool in_range(const BIGNUM *v, const BIGNUM *p)
{
    return !BN_is_zero(v) && !BN_is_one(v) && BN_cmp(v, p) < 0;
}

int sshc_dsa_read_public(sshc_key *key, sshc_cur *c)
{
    BIGNUM *v[4] = {NULL}; /* p, q, g, y */
    for (size_t i = 0; i < 4; i++) {
        if ((v[i] = read_bn(c)) == NULL) {
            for (size_t j = 0; j < i; j++) {
                BN_free(v[j]);
            }
            return c->err != SSHC_OK ? c->err : SSHC_E_BAD_KEY;
        }
    }
    int r = SSHC_OK;
    if (BN_num_bits(v[0]) != DSA_P_BITS || BN_num_bits(v[1]) != DSA_Q_BITS) {
        r = SSHC_E_KEY_TYPE; /* sizes OpenSSH does not accept for ssh-dss either */
    } else if (!BN_is_odd(v[0]) || !BN_is_odd(v[1]) || !in_range(v[2], v[0]) ||
               !in_range(v[3], v[0])) {
        r = SSHC_E_BAD_KEY;
    }
    EVP_PKEY *pkey = NULL;
    if (r == SSHC_OK) {
        OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
        OSSL_PARAM *params = NULL;
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
        if (bld == NULL || ctx == NULL ||
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, v[0]) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_Q, v[1]) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, v[2]) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PUB_KEY, v[3]) != 1 ||
            (params = OSSL_PARAM_BLD_to_param(bld)) == NULL || EVP_PKEY_fromdata_init(ctx) != 1 ||
            EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) {
            EVP_PKEY_free(pkey);
            pkey = NULL;
            r = SSHC_E_BAD_KEY;
        }
        OSSL_PARAM_free(params);
        OSSL_PARAM_BLD_free(bld);
        EVP_PKEY_CTX_free(ctx);
    }
    for (size_t i = 0; i < 4; i++) {
        BN_free(v[i]);
    }
    if (r != SSHC_OK) {
        return sshc_cur_fail(c, r);
    }
    EVP_PKEY_free(key->pkey);
    key->pkey = pkey;
    return SSHC_OK;
}

int sshc_dsa_write_public(const sshc_key *key, sshc_bld *b)
{
    static const char *const names[4] = {OSSL_PKEY_PARAM_FFC_P, OSSL_PKEY_PARAM_FFC_Q,
                                         OSSL_PKEY_PARAM_FFC_G, OSSL_PKEY_PARAM_PUB_KEY};
    if (key->pkey == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    int r = SSHC_OK;
    for (size_t i = 0; i < 4 && r == SSHC_OK; i++) {
        BIGNUM *bn = get_bn(key->pkey, names[i]);
        r = write_bn(b, bn);
        BN_free(bn);
    }
    return r;
}

int sshc_dsa_verify(const sshc_key *key, const uint8_t *sig, size_t sig_len, const uint8_t *data,
                    size_t len)
{
    if (key->pkey == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    if (sig_len != DSA_SIG_LEN) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    BIGNUM *q = get_bn(key->pkey, OSSL_PKEY_PARAM_FFC_Q);
    BIGNUM *br = BN_bin2bn(sig, DSA_Q_BYTES, NULL);
    BIGNUM *bs = BN_bin2bn(sig + DSA_Q_BYTES, DSA_Q_BYTES, NULL);
    DSA_SIG *ds = DSA_SIG_new();
    if (q == NULL || br == NULL || bs == NULL || ds == NULL) {
        BN_free(q);
        BN_free(br);
        BN_free(bs);
        DSA_SIG_free(ds);
        return SSHC_E_NOMEM;
    }
    /* 0 < r < q, 0 < s < q (FIPS 186 §4.7); OpenSSL checks too, we do not rely on it. */
    bool ok = !BN_is_zero(br) && !BN_is_zero(bs) && BN_cmp(br, q) < 0 && BN_cmp(bs, q) < 0;
    BN_free(q);
    if (!ok || DSA_SIG_set0(ds, br, bs) != 1) {
        BN_free(br);
        BN_free(bs);
        DSA_SIG_free(ds);
        return SSHC_E_SIGNATURE_INVALID;
    }
    uint8_t *der = NULL;
    int der_len = i2d_DSA_SIG(ds, &der);
    DSA_SIG_free(ds);
    if (der_len <= 0) {
        return SSHC_E_NOMEM;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int r = SSHC_E_SIGNATURE_INVALID;
    if (ctx != NULL && EVP_DigestVerifyInit_ex(ctx, NULL, "SHA1", NULL, NULL, key->pkey, NULL) == 1 &&
        EVP_DigestVerify(ctx, der, (size_t)der_len, data, len) == 1) {
        r = SSHC_OK;
    }
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return r;
}
