/*
 * PEM private keys, as older ssh-keygen (-m PEM) and other tools write
 * them: PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", PKCS#8
 * "PRIVATE KEY" and "ENCRYPTED PRIVATE KEY" (and legacy PEM encryption
 * with a Proc-Type header). OpenSSL's decoder does the parsing; here the
 * result is checked to be a key type and size SSH uses.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <string.h>

#include "crypto/key.h"
#include "crypto/key_pem.h"

bool sshc_key_is_pem(const uint8_t *data, size_t len)
{
    static const char *const heads[] = {
        "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----", "-----BEGIN ENCRYPTED PRIVATE KEY-----"};
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        size_t n = strlen(heads[i]);
        for (size_t off = 0; off + n <= len && off < 4096; off++) {
            if (memcmp(data + off, heads[i], n) == 0) {
                return true;
            }
        }
    }
    return false;
}

struct pass_ctx {
    const char *passphrase;
    bool asked;
};

/* OpenSSL asks for the passphrase only when the file is encrypted. */
static int pass_cb(char *buf, int size, int rwflag, void *u)
{
    struct pass_ctx *pc = u;
    (void)rwflag;
    pc->asked = true;
    if (pc->passphrase == NULL) {
        return -1;
    }
    size_t n = strlen(pc->passphrase);
    if (n > (size_t)size) {
        return -1;
    }
    memcpy(buf, pc->passphrase, n);
    return (int)n;
}

static enum sshc_key_type type_of(EVP_PKEY *pkey)
{
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        int bits = EVP_PKEY_get_bits(pkey);
        return bits >= SSHC_RSA_MIN_BITS && bits <= SSHC_RSA_MAX_BITS ? SSHC_KEY_RSA
                                                                      : SSHC_KEY_UNKNOWN;
    }
    if (EVP_PKEY_is_a(pkey, "EC")) {
        char group[64];
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                           NULL) != 1) {
            return SSHC_KEY_UNKNOWN;
        }
        if (strcmp(group, "prime256v1") == 0 || strcmp(group, "P-256") == 0) {
            return SSHC_KEY_ECDSA_P256;
        }
        if (strcmp(group, "secp384r1") == 0 || strcmp(group, "P-384") == 0) {
            return SSHC_KEY_ECDSA_P384;
        }
        if (strcmp(group, "secp521r1") == 0 || strcmp(group, "P-521") == 0) {
            return SSHC_KEY_ECDSA_P521;
        }
        return SSHC_KEY_UNKNOWN;
    }
    if (EVP_PKEY_is_a(pkey, "ED25519")) {
        return SSHC_KEY_ED25519;
    }
    return SSHC_KEY_UNKNOWN;
}

int sshc_key_parse_pem(const uint8_t *data, size_t len, const char *passphrase, sshc_key **out)
{
    *out = NULL;
    if (len > INT32_MAX) {
        return SSHC_E_BAD_FORMAT;
    }
    BIO *bio = BIO_new_mem_buf(data, (int)len);
    if (bio == NULL) {
        return SSHC_E_NOMEM;
    }
    struct pass_ctx pc = {passphrase, false};
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, NULL, pass_cb, &pc);
    BIO_free(bio);
    if (pkey == NULL) {
        /* Asked for a passphrase and failed: missing or wrong. */
        return pc.asked ? SSHC_E_PASSPHRASE : SSHC_E_BAD_FORMAT;
    }
    enum sshc_key_type type = type_of(pkey);
    sshc_key *k = NULL;
    int r = type == SSHC_KEY_UNKNOWN ? SSHC_E_KEY_TYPE : sshc_key_new(type, &k);
    if (r == SSHC_OK && type == SSHC_KEY_ED25519) {
        /* Ed25519 keys live in the key's own fields: seed || public, as libsodium wants. */
        size_t sl = 32, pl = 32;
        if (EVP_PKEY_get_raw_private_key(pkey, k->ed_secret, &sl) != 1 ||
            EVP_PKEY_get_raw_public_key(pkey, k->ed_public, &pl) != 1 || sl != 32 || pl != 32) {
            r = SSHC_E_BAD_FORMAT;
        } else {
            memcpy(k->ed_secret + 32, k->ed_public, 32);
        }
        EVP_PKEY_free(pkey);
    } else if (r == SSHC_OK) {
        k->pkey = pkey; /* the key takes the reference */
    } else {
        EVP_PKEY_free(pkey);
    }
    if (r != SSHC_OK) {
        sshc_key_free(k);
        return r;
    }
    k->has_private = true;
    *out = k;
    return SSHC_OK;
}
