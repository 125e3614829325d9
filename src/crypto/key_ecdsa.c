/*
 * ecdsa-sha2-nistp256/384/521 keys (RFC 5656 §3) through OpenSSL 3's EVP
 * interface.
 *
 * Blob: string "ecdsa-sha2-<id>", string "<id>", string Q, Q an
 * uncompressed point 0x04 || X || Y (validated as a point on the curve).
 * openssh-key-v1 private fields: string "<id>", string Q, mpint d.
 * Signature blob: string "ecdsa-sha2-<id>", string (mpint r, mpint s), over
 * SHA-256 / SHA-384 / SHA-512 for nistp256 / 384 / 521; OpenSSL speaks DER
 * (ECDSA-Sig-Value), converted here.
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/key.h"

struct curve {
    enum sshc_key_type type;
    const char *id;    /* SSH curve identifier */
    const char *group; /* OpenSSL group name */
    const char *md;    /* signature hash */
    size_t field_len;  /* bytes of a coordinate (and of the order) */
};

static const struct curve curves[] = {
    {SSHC_KEY_ECDSA_P256, "nistp256", "P-256", "SHA256", 32},
    {SSHC_KEY_ECDSA_P384, "nistp384", "P-384", "SHA384", 48},
    {SSHC_KEY_ECDSA_P521, "nistp521", "P-521", "SHA512", 66},
};

#define MAX_POINT (1 + 2 * 66)

static const struct curve *curve_of(enum sshc_key_type type)
{
    for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
        if (curves[i].type == type) {
            return &curves[i];
        }
    }
    return NULL;
}

static EVP_PKEY *from_params(OSSL_PARAM_BLD *bld, bool priv)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
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

/* The key's public point, uncompressed, into q (MAX_POINT bytes). */
static int get_point(const sshc_key *key, const struct curve *cv, uint8_t *q, size_t *q_len)
{
    size_t n = 0;
    if (key->pkey == NULL ||
        EVP_PKEY_get_octet_string_param(key->pkey, OSSL_PKEY_PARAM_PUB_KEY, q, MAX_POINT, &n) !=
            1 ||
        n != 1 + 2 * cv->field_len || q[0] != 0x04) {
        return SSHC_E_CRYPTO;
    }
    *q_len = n;
    return SSHC_OK;
}

int sshc_ecdsa_generate(sshc_key *key)
{
    const struct curve *cv = curve_of(key->type);
    if (cv == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", cv->group);
    if (pkey == NULL) {
        return SSHC_E_CRYPTO;
    }
    key->pkey = pkey;
    key->has_private = true;
    uint8_t q[MAX_POINT];
    size_t q_len;
    if (get_point(key, cv, q, &q_len) != SSHC_OK) {
        return SSHC_E_CRYPTO; /* the caller frees the key */
    }
    return SSHC_OK;
}

/* string curve id (must be ours), string Q: the point's bytes, checked for shape. */
static int read_curve_point(const struct curve *cv, sshc_cur *c, const uint8_t **q,
                            size_t *q_len)
{
    const uint8_t *id;
    size_t id_len;
    sshc_cur_string(c, &id, &id_len);
    sshc_cur_string(c, q, q_len);
    if (c->err != SSHC_OK) {
        return c->err;
    }
    if (id_len != strlen(cv->id) || memcmp(id, cv->id, id_len) != 0 ||
        *q_len != 1 + 2 * cv->field_len || (*q)[0] != 0x04) {
        return sshc_cur_fail(c, SSHC_E_BAD_KEY);
    }
    return SSHC_OK;
}

int sshc_ecdsa_read_public(sshc_key *key, sshc_cur *c)
{
    const struct curve *cv = curve_of(key->type);
    if (cv == NULL) {
        return sshc_cur_fail(c, SSHC_E_KEY_TYPE);
    }
    const uint8_t *q;
    size_t q_len;
    int r = read_curve_point(cv, c, &q, &q_len);
    if (r != SSHC_OK) {
        return r;
    }
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *check = NULL;
    r = SSHC_E_BAD_KEY;
    /* Decoding fails for points off the curve; the public check also refuses infinity. */
    if (bld != NULL &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, cv->group, 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, q, q_len) == 1 &&
        (pkey = from_params(bld, false)) != NULL &&
        (check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL)) != NULL &&
        EVP_PKEY_public_check(check) == 1) {
        EVP_PKEY_free(key->pkey);
        key->pkey = pkey;
        pkey = NULL;
        r = SSHC_OK;
    }
    EVP_PKEY_CTX_free(check);
    EVP_PKEY_free(pkey);
    OSSL_PARAM_BLD_free(bld);
    return r == SSHC_OK ? r : sshc_cur_fail(c, r);
}

int sshc_ecdsa_write_public(const sshc_key *key, sshc_bld *b)
{
    const struct curve *cv = curve_of(key->type);
    uint8_t q[MAX_POINT];
    size_t q_len;
    if (cv == NULL || get_point(key, cv, q, &q_len) != SSHC_OK) {
        return SSHC_E_INVALID_ARG;
    }
    sshc_bld_cstring(b, cv->id);
    sshc_bld_string(b, q, q_len);
    return sshc_bld_err(b);
}

int sshc_ecdsa_read_private(sshc_key *key, sshc_cur *c)
{
    const struct curve *cv = curve_of(key->type);
    if (cv == NULL) {
        return sshc_cur_fail(c, SSHC_E_KEY_TYPE);
    }
    const uint8_t *q, *d;
    size_t q_len, d_len;
    uint8_t pub_q[MAX_POINT];
    size_t pub_len;
    if (read_curve_point(cv, c, &q, &q_len) != SSHC_OK ||
        sshc_cur_mpint(c, cv->field_len + 1, false, &d, &d_len) != SSHC_OK) {
        return sshc_cur_fail(c, SSHC_E_BAD_FORMAT);
    }
    if (get_point(key, cv, pub_q, &pub_len) != SSHC_OK || pub_len != q_len ||
        memcmp(pub_q, q, q_len) != 0) {
        return sshc_cur_fail(c, SSHC_E_BAD_FORMAT);
    }
    BIGNUM *bn = BN_secure_new();
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *check = NULL;
    int r = SSHC_E_BAD_FORMAT;
    /* d in [1, order), d G = Q: a corrupted file fails here. */
    if (bn != NULL && bld != NULL && BN_bin2bn(d, (int)d_len, bn) != NULL &&
        OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, cv->group, 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, q, q_len) == 1 &&
        OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn) == 1 &&
        (pkey = from_params(bld, true)) != NULL &&
        (check = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL)) != NULL &&
        EVP_PKEY_check(check) == 1) {
        EVP_PKEY_free(key->pkey);
        key->pkey = pkey;
        pkey = NULL;
        key->has_private = true;
        r = SSHC_OK;
    }
    EVP_PKEY_CTX_free(check);
    EVP_PKEY_free(pkey);
    OSSL_PARAM_BLD_free(bld);
    BN_clear_free(bn);
    return r == SSHC_OK ? r : sshc_cur_fail(c, r);
}

int sshc_ecdsa_write_private(const sshc_key *key, sshc_bld *b)
{
    if (!key->has_private) {
        return SSHC_E_INVALID_ARG;
    }
    int r = sshc_ecdsa_write_public(key, b);
    if (r != SSHC_OK) {
        return r;
    }
    BIGNUM *d = NULL;
    if (EVP_PKEY_get_bn_param(key->pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) {
        return SSHC_E_CRYPTO;
    }
    uint8_t buf[66];
    int n = BN_num_bytes(d);
    if (n <= 0 || (size_t)n > sizeof(buf)) {
        BN_clear_free(d);
        return SSHC_E_CRYPTO;
    }
    BN_bn2bin(d, buf);
    BN_clear_free(d);
    sshc_bld_mpint_unsigned(b, buf, (size_t)n);
    sshc_wipe(buf, sizeof(buf));
    return sshc_bld_err(b);
}

/* Append a BIGNUM as an mpint. */
static void put_bn(sshc_bld *b, const BIGNUM *bn)
{
    uint8_t buf[67];
    int n = BN_num_bytes(bn);
    if (n < 0 || (size_t)n > sizeof(buf)) {
        sshc_bld_u8(b, 0);
        b->err = b->err ? b->err : SSHC_E_CRYPTO;
        return;
    }
    BN_bn2bin(bn, buf);
    sshc_bld_mpint_unsigned(b, buf, (size_t)n);
}

int sshc_ecdsa_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                    sshc_bld *b)
{
    const struct curve *cv = curve_of(key->type);
    if (cv == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    if (key->pkey == NULL || !key->has_private) {
        return SSHC_E_INVALID_ARG;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    uint8_t der[160];
    size_t der_len = sizeof(der);
    int r = SSHC_E_CRYPTO;
    if (ctx != NULL && EVP_DigestSignInit_ex(ctx, NULL, cv->md, NULL, NULL, key->pkey, NULL) == 1 &&
        EVP_DigestSign(ctx, der, &der_len, data, len) == 1) {
        const uint8_t *p = der;
        ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
        if (es != NULL) {
            size_t mark;
            sshc_bld_cstring(b, alg);
            sshc_bld_string_begin(b, &mark);
            put_bn(b, ECDSA_SIG_get0_r(es));
            put_bn(b, ECDSA_SIG_get0_s(es));
            sshc_bld_string_end(b, mark);
            r = sshc_bld_err(b);
            ECDSA_SIG_free(es);
        }
    }
    EVP_MD_CTX_free(ctx);
    return r;
}

int sshc_ecdsa_verify(const sshc_key *key, const uint8_t *sig, size_t sig_len,
                      const uint8_t *data, size_t len)
{
    const struct curve *cv = curve_of(key->type);
    if (cv == NULL || key->pkey == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    sshc_cur c;
    const uint8_t *rp, *sp;
    size_t r_len, s_len;
    sshc_cur_init(&c, sig, sig_len);
    sshc_cur_mpint(&c, cv->field_len + 1, false, &rp, &r_len);
    sshc_cur_mpint(&c, cv->field_len + 1, false, &sp, &s_len);
    if (sshc_cur_end(&c) != SSHC_OK || r_len == 0 || s_len == 0) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    ECDSA_SIG *es = ECDSA_SIG_new();
    BIGNUM *br = BN_bin2bn(rp, (int)r_len, NULL);
    BIGNUM *bs = BN_bin2bn(sp, (int)s_len, NULL);
    if (es == NULL || br == NULL || bs == NULL || ECDSA_SIG_set0(es, br, bs) != 1) {
        ECDSA_SIG_free(es);
        BN_free(br);
        BN_free(bs);
        return SSHC_E_NOMEM;
    }
    uint8_t *der = NULL;
    int der_len = i2d_ECDSA_SIG(es, &der);
    ECDSA_SIG_free(es);
    if (der_len <= 0) {
        return SSHC_E_NOMEM;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int r = SSHC_E_SIGNATURE_INVALID;
    if (ctx != NULL && EVP_DigestVerifyInit_ex(ctx, NULL, cv->md, NULL, NULL, key->pkey, NULL) == 1 &&
        EVP_DigestVerify(ctx, der, (size_t)der_len, data, len) == 1) {
        r = SSHC_OK;
    }
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    return r;
}
