/*
 * ssh-rsa keys (RFC 4253 §6.6) with the signature algorithms rsa-sha2-512,
 * rsa-sha2-256 (RFC 8332) and the legacy ssh-rsa (SHA-1), all RSASSA-PKCS1
 * v1.5, through OpenSSL 3's EVP interface.
 *
 * Blob: string "ssh-rsa", mpint e, mpint n. openssh-key-v1 private fields
 * (OpenSSH PROTOCOL.key / sshkey.c): mpint n, e, d, iqmp, p, q.
 * Signature blob: string alg, string s, s exactly as long as the modulus
 * (a shorter s is left-padded with zeros on verify, as OpenSSH does).
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/key.h"

#define MPINT_MAX (SSHC_RSA_MAX_BITS / 8 + 1)

static const char *md_of(const char *alg)
{
    if (strcmp(alg, "rsa-sha2-512") == 0) {
        return "SHA512";
    }
    if (strcmp(alg, "rsa-sha2-256") == 0) {
        return "SHA256";
    }
    if (strcmp(alg, "ssh-rsa") == 0) {
        return "SHA1";
    }
    return NULL;
}

/* A BIGNUM from an mpint field (positive, bounded). NULL on error (cursor failed). */
static BIGNUM *read_bn(sshc_cur *c, bool secret)
{
    const uint8_t *p;
    size_t n;
    if (sshc_cur_mpint(c, MPINT_MAX, false, &p, &n) != SSHC_OK) {
        return NULL;
    }
    BIGNUM *bn = secret ? BN_secure_new() : BN_new();
    if (bn == NULL || BN_bin2bn(p, (int)n, bn) == NULL) {
        BN_free(bn);
        sshc_cur_fail(c, SSHC_E_NOMEM);
        return NULL;
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
    sshc_free_secret(tmp, (size_t)n + 1);
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

/* Build an EVP_PKEY from params. */
static EVP_PKEY *from_params(OSSL_PARAM_BLD *bld, bool priv)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    EVP_PKEY *pkey = NULL;
    if (params == NULL || ctx == NULL || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) !=
            1) {
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    OSSL_PARAM_free(params);
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

int sshc_rsa_generate(sshc_key *key, unsigned bits)
{
    if (bits == 0) {
        bits = SSHC_RSA_DEFAULT_BITS;
    }
    if (bits < SSHC_RSA_MIN_BITS || bits > SSHC_RSA_MAX_BITS) {
        return SSHC_E_INVALID_ARG;
    }
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
    if (pkey == NULL) {
        return SSHC_E_CRYPTO;
    }
    key->pkey = pkey;
    key->has_private = true;
    return SSHC_OK;
}

int sshc_rsa_read_public(sshc_key *key, sshc_cur *c)
{
    BIGNUM *e = read_bn(c, false);
    BIGNUM *n = e != NULL ? read_bn(c, false) : NULL;
    if (n == NULL) {
        BN_free(e);
        return c->err != SSHC_OK ? c->err : SSHC_E_BAD_KEY;
    }
    int r = SSHC_OK;
    int bits = BN_num_bits(n);
    if (bits < SSHC_RSA_MIN_BITS || bits > SSHC_RSA_MAX_BITS) {
        r = SSHC_E_KEY_TYPE; /* too small to trust, or too large to bother */
    } else if (!BN_is_odd(n) || !BN_is_odd(e) || BN_cmp(e, n) >= 0 || BN_num_bits(e) < 2) {
        r = SSHC_E_BAD_KEY;
    }
    EVP_PKEY *pkey = NULL;
    if (r == SSHC_OK) {
        OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
        if (bld == NULL || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) != 1 ||
            OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) != 1 ||
            (pkey = from_params(bld, false)) == NULL) {
            r = SSHC_E_BAD_KEY;
        }
        OSSL_PARAM_BLD_free(bld);
    }
    BN_free(e);
    BN_free(n);
    if (r != SSHC_OK) {
        return sshc_cur_fail(c, r);
    }
    EVP_PKEY_free(key->pkey);
    key->pkey = pkey;
    return SSHC_OK;
}

int sshc_rsa_write_public(const sshc_key *key, sshc_bld *b)
{
    if (key->pkey == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    BIGNUM *e = get_bn(key->pkey, OSSL_PKEY_PARAM_RSA_E);
    BIGNUM *n = get_bn(key->pkey, OSSL_PKEY_PARAM_RSA_N);
    int r = write_bn(b, e);
    if (r == SSHC_OK) {
        r = write_bn(b, n);
    }
    BN_free(e);
    BN_free(n);
    return r;
}

int sshc_rsa_read_private(sshc_key *key, sshc_cur *c)
{
    BIGNUM *v[6] = {NULL}; /* n, e, d, iqmp, p, q */
    BIGNUM *dmp1 = BN_secure_new(), *dmq1 = BN_secure_new(), *tmp = BN_secure_new();
    BIGNUM *pub_n = NULL, *pub_e = NULL;
    BN_CTX *bnctx = BN_CTX_secure_new();
    OSSL_PARAM_BLD *bld = NULL;
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *check = NULL;
    int r = SSHC_E_BAD_FORMAT;
    for (size_t i = 0; i < 6; i++) {
        if ((v[i] = read_bn(c, i >= 2)) == NULL) {
            goto out;
        }
    }
    if (dmp1 == NULL || dmq1 == NULL || tmp == NULL || bnctx == NULL) {
        r = SSHC_E_NOMEM;
        goto out;
    }
    /* The public half must be the file's public key. */
    pub_n = key->pkey != NULL ? get_bn(key->pkey, OSSL_PKEY_PARAM_RSA_N) : NULL;
    pub_e = key->pkey != NULL ? get_bn(key->pkey, OSSL_PKEY_PARAM_RSA_E) : NULL;
    if (pub_n == NULL || pub_e == NULL || BN_cmp(pub_n, v[0]) != 0 || BN_cmp(pub_e, v[1]) != 0) {
        goto out;
    }
    /* CRT exponents d mod (p-1), d mod (q-1); OpenSSH does not store them. */
    if (BN_is_zero(v[4]) || BN_is_zero(v[5]) || BN_is_one(v[4]) || BN_is_one(v[5]) ||
        BN_copy(tmp, v[4]) == NULL || BN_sub_word(tmp, 1) != 1 ||
        BN_mod(dmp1, v[2], tmp, bnctx) != 1 || BN_copy(tmp, v[5]) == NULL ||
        BN_sub_word(tmp, 1) != 1 || BN_mod(dmq1, v[2], tmp, bnctx) != 1) {
        goto out;
    }
    bld = OSSL_PARAM_BLD_new();
    if (bld == NULL || OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, v[0]) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, v[1]) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_D, v[2]) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR1, v[4]) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR2, v[5]) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT1, dmp1) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT2, dmq1) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, v[3]) != 1 ||
        (pkey = from_params(bld, true)) == NULL) {
        goto out;
    }
    /* n = p q, d e = 1 mod lambda(n), iqmp = q^-1 mod p: a corrupted file fails here. */
    check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    if (check == NULL || EVP_PKEY_pairwise_check(check) != 1) {
        goto out;
    }
    EVP_PKEY_free(key->pkey);
    key->pkey = pkey;
    pkey = NULL;
    key->has_private = true;
    r = SSHC_OK;
out:
    if (r != SSHC_OK && c->err == SSHC_OK) {
        sshc_cur_fail(c, r);
    }
    for (size_t i = 0; i < 6; i++) {
        BN_clear_free(v[i]);
    }
    BN_clear_free(dmp1);
    BN_clear_free(dmq1);
    BN_clear_free(tmp);
    BN_free(pub_n);
    BN_free(pub_e);
    BN_CTX_free(bnctx);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(check);
    EVP_PKEY_free(pkey);
    return r;
}

int sshc_rsa_write_private(const sshc_key *key, sshc_bld *b)
{
    /* n, e, d, iqmp (q^-1 mod p, OpenSSL's coefficient 1), p, q */
    static const char *const names[6] = {
        OSSL_PKEY_PARAM_RSA_N,        OSSL_PKEY_PARAM_RSA_E,
        OSSL_PKEY_PARAM_RSA_D,        OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
        OSSL_PKEY_PARAM_RSA_FACTOR1,  OSSL_PKEY_PARAM_RSA_FACTOR2,
    };
    if (key->pkey == NULL || !key->has_private) {
        return SSHC_E_INVALID_ARG;
    }
    int r = SSHC_OK;
    for (size_t i = 0; i < 6 && r == SSHC_OK; i++) {
        BIGNUM *bn = get_bn(key->pkey, names[i]);
        r = write_bn(b, bn);
        BN_clear_free(bn);
    }
    return r;
}

int sshc_rsa_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                  sshc_bld *b)
{
    const char *md = md_of(alg);
    if (md == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    if (key->pkey == NULL || !key->has_private) {
        return SSHC_E_INVALID_ARG;
    }
    size_t sig_len = (size_t)EVP_PKEY_get_size(key->pkey);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    uint8_t *sig = malloc(sig_len);
    int r = SSHC_E_CRYPTO;
    if (ctx == NULL || sig == NULL) {
        r = SSHC_E_NOMEM;
    } else if (EVP_DigestSignInit_ex(ctx, NULL, md, NULL, NULL, key->pkey, NULL) == 1 &&
               EVP_DigestSign(ctx, sig, &sig_len, data, len) == 1 &&
               sig_len == (size_t)EVP_PKEY_get_size(key->pkey)) {
        sshc_bld_cstring(b, alg);
        sshc_bld_string(b, sig, sig_len);
        r = sshc_bld_err(b);
    }
    free(sig);
    EVP_MD_CTX_free(ctx);
    return r;
}

int sshc_rsa_verify(const sshc_key *key, const char *alg, const uint8_t *s, size_t s_len,
                    const uint8_t *data, size_t len)
{
    const char *md = md_of(alg);
    if (md == NULL || key->pkey == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    size_t mod_len = (size_t)EVP_PKEY_get_size(key->pkey);
    if (s_len == 0 || s_len > mod_len) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    uint8_t *sig = calloc(1, mod_len);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int r = SSHC_E_SIGNATURE_INVALID;
    if (sig == NULL || ctx == NULL) {
        r = SSHC_E_NOMEM;
    } else {
        memcpy(sig + (mod_len - s_len), s, s_len);
        if (EVP_DigestVerifyInit_ex(ctx, NULL, md, NULL, NULL, key->pkey, NULL) == 1 &&
            EVP_DigestVerify(ctx, sig, mod_len, data, len) == 1) {
            r = SSHC_OK;
        }
    }
    free(sig);
    EVP_MD_CTX_free(ctx);
    return r;
}
