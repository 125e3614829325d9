/*
 * Ephemeral ECDH (see ecdh.h). X25519 goes through crypto/x25519.c; the
 * NIST curves through OpenSSL 3's EVP interface. RFC 5656 §4 and §3.1:
 * public keys are uncompressed points (SEC1 §2.3.3) and MUST be validated
 * as points on the curve; the shared secret K is the x coordinate.
 */
#include "crypto/ecdh.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/x25519.h"

struct sshc_ecdh {
    enum sshc_ecdh_curve curve;
    uint8_t x25519_priv[32];
    EVP_PKEY *pkey;
};

struct curve_info {
    const char *group;   /* OpenSSL group name */
    size_t field_len;    /* bytes of a coordinate */
};

static const struct curve_info curves[] = {
    [SSHC_ECDH_X25519] = {NULL, 32},
    [SSHC_ECDH_P256] = {"P-256", 32},
    [SSHC_ECDH_P384] = {"P-384", 48},
    [SSHC_ECDH_P521] = {"P-521", 66},
};

void sshc_ecdh_free(sshc_ecdh *e)
{
    if (e == NULL) {
        return;
    }
    EVP_PKEY_free(e->pkey);
    sshc_wipe(e, sizeof(*e));
    free(e);
}

int sshc_ecdh_new(enum sshc_ecdh_curve curve, sshc_rng_fn rng, void *rng_ctx, sshc_ecdh **out,
                  uint8_t *pub, size_t *pub_len)
{
    *out = NULL;
    *pub_len = 0;
    if ((unsigned)curve > SSHC_ECDH_P521) {
        return SSHC_E_INVALID_ARG;
    }
    sshc_ecdh *e = calloc(1, sizeof(*e));
    if (e == NULL) {
        return SSHC_E_NOMEM;
    }
    e->curve = curve;
    int r = SSHC_OK;
    if (curve == SSHC_ECDH_X25519) {
        r = sshc_x25519_keypair(rng, rng_ctx, e->x25519_priv, pub);
        *pub_len = 32;
    } else {
        size_t want = 1 + 2 * curves[curve].field_len;
        e->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", curves[curve].group);
        /* Public key as an uncompressed point (OpenSSL's default encoding for EC). */
        size_t n = 0;
        if (e->pkey == NULL ||
            EVP_PKEY_get_octet_string_param(e->pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pub,
                                            SSHC_ECDH_MAX_PUBLIC, &n) != 1 ||
            n != want || pub[0] != 0x04) {
            r = SSHC_E_CRYPTO;
        }
        *pub_len = n;
    }
    if (r != SSHC_OK) {
        sshc_ecdh_free(e);
        *pub_len = 0;
        return r;
    }
    *out = e;
    return SSHC_OK;
}

/* An EVP_PKEY for the peer's point; NULL if it is not a valid point on the curve. */
static EVP_PKEY *peer_key(enum sshc_ecdh_curve curve, const uint8_t *peer, size_t len)
{
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                         (char *)curves[curve].group, 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)peer, len),
        OSSL_PARAM_construct_end(),
    };
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    /* RFC 5656 §3.1: the point MUST be validated (on the curve, not infinity). */
    ctx = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (ctx == NULL || EVP_PKEY_public_check(ctx) != 1) {
        EVP_PKEY_free(key);
        key = NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    return key;
}

int sshc_ecdh_derive(sshc_ecdh *e, const uint8_t *peer, size_t peer_len, uint8_t *out,
                     size_t *out_len)
{
    *out_len = 0;
    if (e->curve == SSHC_ECDH_X25519) {
        if (peer_len != 32) {
            return SSHC_E_BAD_PUBLIC_VALUE;
        }
        int r = sshc_x25519_shared(e->x25519_priv, peer, out);
        sshc_wipe(e->x25519_priv, sizeof(e->x25519_priv));
        *out_len = r == SSHC_OK ? 32 : 0;
        return r;
    }
    size_t field = curves[e->curve].field_len;
    /* Exactly an uncompressed point: compressed and hybrid forms are refused. */
    if (peer_len != 1 + 2 * field || peer[0] != 0x04) {
        return SSHC_E_BAD_PUBLIC_VALUE;
    }
    EVP_PKEY *pk = peer_key(e->curve, peer, peer_len);
    if (pk == NULL) {
        return SSHC_E_BAD_PUBLIC_VALUE;
    }
    int r = SSHC_E_CRYPTO;
    size_t n = SSHC_ECDH_MAX_SECRET;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, e->pkey, NULL);
    if (ctx != NULL && EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, pk) == 1 &&
        EVP_PKEY_derive(ctx, out, &n) == 1 && n == field) {
        *out_len = n;
        r = SSHC_OK;
    }
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(pk);
    return r;
}
