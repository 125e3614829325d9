/*
 * Key objects, public key blobs and signatures (see key.h).
 * ssh-ed25519: RFC 8709 (blob, signature format), Ed25519 by libsodium.
 * ssh-rsa (RFC 4253 §6.6, RFC 8332) in key_rsa.c; ecdsa-sha2-* (RFC 5656
 * §3) in key_ecdsa.c; ssh-dss (RFC 4253 §6.6, verify only) in key_dsa.c.
 */
#include "crypto/key.h"

#include <openssl/evp.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/rand.h"

struct key_type_info {
    enum sshc_key_type type;
    const char *name;    /* key type in blobs and files */
    const char *sig_alg; /* the signature algorithm it signs with by default */
};

static const struct key_type_info key_types[] = {
    {SSHC_KEY_ED25519, "ssh-ed25519", "ssh-ed25519"},
    {SSHC_KEY_RSA, "ssh-rsa", "rsa-sha2-512"},
    {SSHC_KEY_ECDSA_P256, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"},
    {SSHC_KEY_ECDSA_P384, "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"},
    {SSHC_KEY_ECDSA_P521, "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521"},
    {SSHC_KEY_DSA, "ssh-dss", "ssh-dss"}, /* public keys only, never signs */
};

/* Every signature algorithm we sign and verify with, and the key type it needs. */
static const struct {
    const char *name;
    enum sshc_key_type type;
} sig_algs[] = {
    {"ssh-ed25519", SSHC_KEY_ED25519},
    {"ecdsa-sha2-nistp256", SSHC_KEY_ECDSA_P256},
    {"ecdsa-sha2-nistp384", SSHC_KEY_ECDSA_P384},
    {"ecdsa-sha2-nistp521", SSHC_KEY_ECDSA_P521},
    {"rsa-sha2-512", SSHC_KEY_RSA},
    {"rsa-sha2-256", SSHC_KEY_RSA},
    {"ssh-rsa", SSHC_KEY_RSA}, /* SHA-1: known, not in the default list */
    {"ssh-dss", SSHC_KEY_DSA}, /* SHA-1, verify only: known, not in the default list */
};

#define SIG_ALG_COUNT (sizeof(sig_algs) / sizeof(sig_algs[0]))

static bool is_ecdsa(enum sshc_key_type type)
{
    return type == SSHC_KEY_ECDSA_P256 || type == SSHC_KEY_ECDSA_P384 ||
           type == SSHC_KEY_ECDSA_P521;
}

#define KEY_TYPE_COUNT (sizeof(key_types) / sizeof(key_types[0]))

static const struct key_type_info *info_of(enum sshc_key_type type)
{
    for (size_t i = 0; i < KEY_TYPE_COUNT; i++) {
        if (key_types[i].type == type) {
            return &key_types[i];
        }
    }
    return NULL;
}

enum sshc_key_type sshc_key_type_from_name(const uint8_t *name, size_t len)
{
    for (size_t i = 0; i < KEY_TYPE_COUNT; i++) {
        if (strlen(key_types[i].name) == len && memcmp(key_types[i].name, name, len) == 0) {
            return key_types[i].type;
        }
    }
    return SSHC_KEY_UNKNOWN;
}

int sshc_key_new(enum sshc_key_type type, sshc_key **out)
{
    *out = NULL;
    if (info_of(type) == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    sshc_key *k = calloc(1, sizeof(*k));
    if (k == NULL) {
        return SSHC_E_NOMEM;
    }
    k->type = type;
    *out = k;
    return SSHC_OK;
}

void sshc_key_free(sshc_key *key)
{
    if (key == NULL) {
        return;
    }
    free(key->comment);
    EVP_PKEY_free(key->pkey);
    sshc_free_secret(key, sizeof(*key));
}

int sshc_key_dup(const sshc_key *key, sshc_key **out)
{
    *out = NULL;
    if (key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    sshc_key *k = malloc(sizeof(*k));
    if (k == NULL) {
        return SSHC_E_NOMEM;
    }
    *k = *key;
    k->comment = NULL;
    /* The EVP_PKEY is never modified once made: share it. */
    if (k->pkey != NULL && EVP_PKEY_up_ref(k->pkey) != 1) {
        k->pkey = NULL;
        sshc_key_free(k);
        return SSHC_E_CRYPTO;
    }
    if (key->comment != NULL && (k->comment = sshc_strdup(key->comment)) == NULL) {
        sshc_key_free(k);
        return SSHC_E_NOMEM;
    }
    *out = k;
    return SSHC_OK;
}

int sshc_key_generate_bits(enum sshc_key_type type, unsigned bits, sshc_key **out)
{
    static const unsigned ec_bits[] = {
        [SSHC_KEY_ECDSA_P256] = 256, [SSHC_KEY_ECDSA_P384] = 384, [SSHC_KEY_ECDSA_P521] = 521};
    *out = NULL;
    if (type == SSHC_KEY_DSA) {
        return SSHC_E_KEY_TYPE; /* verify only: we never make DSA keys */
    }
    int r = sshc_key_new(type, out);
    if (r != SSHC_OK) {
        return r;
    }
    sshc_key *k = *out;
    if (type == SSHC_KEY_ED25519) {
        r = bits == 0 || bits == 256 ? sshc_crypto_init() : SSHC_E_INVALID_ARG;
        if (r == SSHC_OK) {
            crypto_sign_ed25519_keypair(k->ed_public, k->ed_secret);
            k->has_private = true;
        }
    } else if (type == SSHC_KEY_RSA) {
        r = sshc_rsa_generate(k, bits);
    } else {
        r = bits == 0 || bits == ec_bits[type] ? sshc_ecdsa_generate(k) : SSHC_E_INVALID_ARG;
    }
    if (r != SSHC_OK) {
        sshc_key_free(k);
        *out = NULL;
    }
    return r;
}

int sshc_key_generate(enum sshc_key_type type, sshc_key **out)
{
    return sshc_key_generate_bits(type, 0, out);
}

enum sshc_key_type sshc_key_get_type(const sshc_key *key)
{
    return key != NULL ? key->type : SSHC_KEY_UNKNOWN;
}

const char *sshc_key_type_name(const sshc_key *key)
{
    const struct key_type_info *ti = key != NULL ? info_of(key->type) : NULL;
    return ti != NULL ? ti->name : "unknown";
}

bool sshc_key_has_private(const sshc_key *key)
{
    return key != NULL && key->has_private;
}

bool sshc_key_equal_public(const sshc_key *a, const sshc_key *b)
{
    if (a == NULL || b == NULL || a->type != b->type) {
        return false;
    }
    if (a->type == SSHC_KEY_ED25519) {
        return memcmp(a->ed_public, b->ed_public, sizeof(a->ed_public)) == 0;
    }
    if (a->pkey == NULL || b->pkey == NULL) {
        return false;
    }
    /* Compare the public blobs: what SSH identifies a key by. */
    sshc_bld ba, bb;
    sshc_bld_init(&ba, 8192);
    sshc_bld_init(&bb, 8192);
    bool eq = sshc_key_public_blob(a, &ba) == SSHC_OK && sshc_key_public_blob(b, &bb) == SSHC_OK &&
              ba.len == bb.len && memcmp(ba.buf, bb.buf, ba.len) == 0;
    sshc_bld_clear(&ba);
    sshc_bld_clear(&bb);
    return eq;
}

int sshc_key_public_blob(const sshc_key *key, sshc_bld *b)
{
    const struct key_type_info *ti = info_of(key->type);
    if (ti == NULL) {
        return SSHC_E_KEY_TYPE;
    }
    sshc_bld_cstring(b, ti->name);
    if (key->type == SSHC_KEY_RSA) {
        int r = sshc_rsa_write_public(key, b);
        return r != SSHC_OK ? r : sshc_bld_err(b);
    }
    if (is_ecdsa(key->type)) {
        int r = sshc_ecdsa_write_public(key, b);
        return r != SSHC_OK ? r : sshc_bld_err(b);
    }
    if (key->type == SSHC_KEY_DSA) {
        int r = sshc_dsa_write_public(key, b);
        return r != SSHC_OK ? r : sshc_bld_err(b);
    }
    sshc_bld_string(b, key->ed_public, sizeof(key->ed_public));
    return sshc_bld_err(b);
}

int sshc_key_read_public_fields(sshc_key *key, sshc_cur *c)
{
    if (key->type == SSHC_KEY_RSA) {
        return sshc_rsa_read_public(key, c);
    }
    if (is_ecdsa(key->type)) {
        return sshc_ecdsa_read_public(key, c);
    }
    if (key->type == SSHC_KEY_DSA) {
        return sshc_dsa_read_public(key, c);
    }
    const uint8_t *pk;
    size_t pk_len;
    int r = sshc_cur_string(c, &pk, &pk_len);
    if (r != SSHC_OK) {
        return r;
    }
    if (pk_len != SSHC_ED25519_PUBLIC) {
        return sshc_cur_fail(c, SSHC_E_BAD_KEY);
    }
    memcpy(key->ed_public, pk, pk_len);
    return SSHC_OK;
}

int sshc_key_parse_blob(const uint8_t *blob, size_t len, sshc_key **out)
{
    *out = NULL;
    if (blob == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    sshc_cur c;
    const uint8_t *name;
    size_t name_len;
    sshc_cur_init(&c, blob, len);
    if (sshc_cur_string(&c, &name, &name_len) != SSHC_OK) {
        return SSHC_E_BAD_KEY;
    }
    sshc_key *k = NULL;
    int r = sshc_key_new(sshc_key_type_from_name(name, name_len), &k);
    if (r != SSHC_OK) {
        return r;
    }
    r = sshc_key_read_public_fields(k, &c);
    if (r != SSHC_OK || sshc_cur_end(&c) != SSHC_OK) {
        sshc_key_free(k);
        /* SSHC_E_KEY_TYPE: a key of a known type we refuse (an RSA modulus too small) */
        return r == SSHC_E_KEY_TYPE ? r : SSHC_E_BAD_KEY;
    }
    *out = k;
    return SSHC_OK;
}

const char *sshc_key_sig_alg(const sshc_key *key)
{
    const struct key_type_info *ti = key != NULL ? info_of(key->type) : NULL;
    return ti != NULL ? ti->sig_alg : NULL;
}

bool sshc_key_can_sign_alg(const sshc_key *key, const char *alg)
{
    if (key == NULL || alg == NULL) {
        return false;
    }
    for (size_t i = 0; i < SIG_ALG_COUNT; i++) {
        if (strcmp(sig_algs[i].name, alg) == 0) {
            return sig_algs[i].type == key->type;
        }
    }
    return false;
}

bool sshc_sig_alg_known(const char *name, size_t len)
{
    for (size_t i = 0; i < SIG_ALG_COUNT; i++) {
        if (strlen(sig_algs[i].name) == len && memcmp(sig_algs[i].name, name, len) == 0) {
            return true;
        }
    }
    return false;
}

const char *sshc_sig_default_list(void)
{
    return "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
           "rsa-sha2-512,rsa-sha2-256";
}

int sshc_key_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                  sshc_bld *b)
{
    if (!sshc_key_can_sign_alg(key, alg) || key->type == SSHC_KEY_DSA) {
        return SSHC_E_KEY_TYPE; /* DSA: verify only */
    }
    if (!key->has_private) {
        return SSHC_E_INVALID_ARG;
    }
    if (key->type == SSHC_KEY_RSA) {
        return sshc_rsa_sign(key, alg, data, len, b);
    }
    if (is_ecdsa(key->type)) {
        return sshc_ecdsa_sign(key, alg, data, len, b);
    }
    uint8_t sig[SSHC_ED25519_SIG];
    if (crypto_sign_ed25519_detached(sig, NULL, data, len, key->ed_secret) != 0) {
        return SSHC_E_CRYPTO;
    }
    sshc_bld_cstring(b, alg);
    sshc_bld_string(b, sig, sizeof(sig));
    return sshc_bld_err(b);
}

int sshc_key_verify(const sshc_key *key, const char *alg, const uint8_t *sig, size_t sig_len,
                    const uint8_t *data, size_t len)
{
    if (!sshc_key_can_sign_alg(key, alg)) {
        return SSHC_E_KEY_TYPE;
    }
    sshc_cur c;
    const uint8_t *name, *raw;
    size_t name_len, raw_len;
    sshc_cur_init(&c, sig, sig_len);
    sshc_cur_string(&c, &name, &name_len);
    sshc_cur_string(&c, &raw, &raw_len);
    if (sshc_cur_end(&c) != SSHC_OK || name_len != strlen(alg) || memcmp(name, alg, name_len) != 0) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    if (key->type == SSHC_KEY_RSA) {
        return sshc_rsa_verify(key, alg, raw, raw_len, data, len);
    }
    if (is_ecdsa(key->type)) {
        return sshc_ecdsa_verify(key, raw, raw_len, data, len);
    }
    if (key->type == SSHC_KEY_DSA) {
        return sshc_dsa_verify(key, raw, raw_len, data, len);
    }
    if (raw_len != SSHC_ED25519_SIG) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    if (sshc_crypto_init() != SSHC_OK) {
        return SSHC_E_CRYPTO;
    }
    if (crypto_sign_ed25519_verify_detached(raw, data, len, key->ed_public) != 0) {
        return SSHC_E_SIGNATURE_INVALID;
    }
    return SSHC_OK;
}
