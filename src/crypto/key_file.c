/*
 * OpenSSH private key files, format "openssh-key-v1" (OpenSSH
 * PROTOCOL.key): PEM-style armour around base64 of
 *   "openssh-key-v1\0" string ciphername, string kdfname, string kdfoptions,
 *   uint32 nkeys, string publickey[nkeys], string private section,
 * where the private section is uint32 check, uint32 check, then per key
 * the type name, its public and private fields and a comment, then padding
 * 1, 2, 3, ... to the cipher's block size.
 *
 * Passphrase-protected files use kdf "bcrypt" (kdfoptions: string salt,
 * uint32 rounds; bcrypt_pbkdf.c) to derive the cipher's key and IV, and
 * encrypt the private section with that cipher (aes256-ctr as ssh-keygen
 * writes; any CTR or CBC cipher of our table reads). A wrong passphrase
 * shows as unequal check integers: SSHC_E_PASSPHRASE.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base64.h"
#include "core/mem.h"
#include "crypto/bcrypt_pbkdf.h"
#include "crypto/cipher.h"
#include "crypto/key_pem.h"
#include "crypto/key.h"
#include "crypto/rand.h"

#define ARMOR_BEGIN "-----BEGIN OPENSSH PRIVATE KEY-----"
#define ARMOR_END "-----END OPENSSH PRIVATE KEY-----"
#define MAGIC "openssh-key-v1"
#define MAGIC_LEN 15 /* including the NUL */
#define PLAIN_BLOCK 8
#define MAX_KEY_FILE (64u * 1024u)
#define LINE_WIDTH 70

static const char *find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        if (memcmp(hay + i, needle, n) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

/* Strip the armour and whitespace; decode into *out (malloc'd). */
static int unarmor(const uint8_t *data, size_t len, uint8_t **out, size_t *out_len)
{
    const char *text = (const char *)data;
    const char *begin = find(text, len, ARMOR_BEGIN);
    if (begin == NULL) {
        return SSHC_E_BAD_FORMAT;
    }
    begin += strlen(ARMOR_BEGIN);
    const char *end = find(begin, len - (size_t)(begin - text), ARMOR_END);
    if (end == NULL) {
        return SSHC_E_BAD_FORMAT;
    }
    size_t span = (size_t)(end - begin);
    char *b64 = malloc(span + 1);
    uint8_t *bin = malloc(span + 1);
    if (b64 == NULL || bin == NULL) {
        free(b64);
        free(bin);
        return SSHC_E_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < span; i++) {
        char ch = begin[i];
        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') {
            b64[n++] = ch;
        }
    }
    int r = sshc_base64_decode(b64, n, bin, span + 1, out_len);
    free(b64);
    if (r != SSHC_OK) {
        free(bin);
        return SSHC_E_BAD_FORMAT;
    }
    *out = bin;
    return SSHC_OK;
}

/* Set the key's comment from the file. */
static int set_comment(sshc_key *k, const uint8_t *comment, size_t comment_len)
{
    k->comment = malloc(comment_len + 1);
    if (k->comment == NULL) {
        return SSHC_E_NOMEM;
    }
    memcpy(k->comment, comment, comment_len);
    k->comment[comment_len] = '\0';
    return SSHC_OK;
}

/*
 * RSA (n, e, d, iqmp, p, q) and ECDSA (curve, Q, d) private fields and the
 * comment; the private half is checked against the public key.
 */
static int read_private_evp(sshc_cur *c, const sshc_key *pub, sshc_key **out)
{
    sshc_key *k = NULL;
    int r = sshc_key_dup(pub, &k);
    if (r != SSHC_OK) {
        return r;
    }
    r = pub->type == SSHC_KEY_RSA ? sshc_rsa_read_private(k, c) : sshc_ecdsa_read_private(k, c);
    const uint8_t *comment;
    size_t comment_len = 0;
    if (r == SSHC_OK) {
        sshc_cur_string(c, &comment, &comment_len);
        r = c->err != SSHC_OK || comment_len > SSHC_MAX_KEY_COMMENT ? SSHC_E_BAD_FORMAT : SSHC_OK;
    }
    if (r == SSHC_OK) {
        r = set_comment(k, comment, comment_len);
    } else if (r != SSHC_E_NOMEM) {
        r = SSHC_E_BAD_FORMAT;
    }
    if (r != SSHC_OK) {
        sshc_key_free(k);
        return r;
    }
    *out = k;
    return SSHC_OK;
}

/* One key of the private section: type, public and private fields, comment. */
static int read_private_key(sshc_cur *c, const sshc_key *pub, sshc_key **out)
{
    const uint8_t *name, *pk, *sk, *comment;
    size_t name_len, pk_len, sk_len, comment_len;
    sshc_cur_string(c, &name, &name_len);
    if (sshc_cur_end(c) == SSHC_E_TRUNCATED) {
        return SSHC_E_BAD_FORMAT;
    }
    enum sshc_key_type type = sshc_key_type_from_name(name, name_len);
    if (type != pub->type) {
        return type == SSHC_KEY_UNKNOWN ? SSHC_E_KEY_TYPE : SSHC_E_BAD_FORMAT;
    }
    if (type != SSHC_KEY_ED25519) {
        return read_private_evp(c, pub, out);
    }
    sshc_cur_string(c, &pk, &pk_len);
    sshc_cur_string(c, &sk, &sk_len);
    sshc_cur_string(c, &comment, &comment_len);
    if (c->err != SSHC_OK || pk_len != SSHC_ED25519_PUBLIC || sk_len != SSHC_ED25519_SECRET ||
        comment_len > SSHC_MAX_KEY_COMMENT) {
        return SSHC_E_BAD_FORMAT;
    }
    /* The public half must agree with the file's public key and with the secret's tail. */
    if (memcmp(pk, pub->ed_public, pk_len) != 0 ||
        memcmp(sk + 32, pk, SSHC_ED25519_PUBLIC) != 0) {
        return SSHC_E_BAD_FORMAT;
    }
    sshc_key *k = NULL;
    int r = sshc_key_dup(pub, &k);
    if (r != SSHC_OK) {
        return r;
    }
    /* The secret's seed must generate this public key (a corrupted file fails here). */
    uint8_t check_pk[SSHC_ED25519_PUBLIC];
    if (sshc_crypto_init() != SSHC_OK ||
        crypto_sign_ed25519_seed_keypair(check_pk, k->ed_secret, sk) != 0 ||
        memcmp(check_pk, pk, sizeof(check_pk)) != 0) {
        sshc_key_free(k);
        return SSHC_E_BAD_FORMAT;
    }
    k->has_private = true;
    if (set_comment(k, comment, comment_len) != SSHC_OK) {
        sshc_key_free(k);
        return SSHC_E_NOMEM;
    }
    *out = k;
    return SSHC_OK;
}

/* Refuse work factors that would stall a caller on a hostile file. */
#define MAX_KDF_ROUNDS 10000
#define SALT_LEN 16
#define DEFAULT_CIPHER "aes256-ctr"

/* Derive key || IV from the passphrase with bcrypt_pbkdf and run the cipher over priv. */
static int crypt_private(const sshc_cipher_alg *alg, bool encrypt, const char *passphrase,
                         const uint8_t *salt, size_t salt_len, uint32_t rounds, uint8_t *priv,
                         size_t priv_len)
{
    uint8_t kiv[128];
    size_t n = alg->key_len + alg->iv_len;
    if (n > sizeof(kiv) || priv_len % alg->block_size != 0) {
        return SSHC_E_BAD_FORMAT;
    }
    int r = sshc_bcrypt_pbkdf(passphrase, strlen(passphrase), salt, salt_len, kiv, n, rounds);
    sshc_cipher_ctx *ctx = NULL;
    if (r == SSHC_OK) {
        r = sshc_cipher_new(alg, encrypt, kiv, kiv + alg->key_len, &ctx);
    }
    if (r == SSHC_OK) {
        r = sshc_cipher_crypt(ctx, priv, priv_len);
    }
    sshc_cipher_free(ctx);
    sshc_wipe(kiv, sizeof(kiv));
    return r;
}

/* The private section, decrypted in place when the file is protected. */
static int open_private(const uint8_t *cipher, size_t cipher_len, const uint8_t *kdf,
                        size_t kdf_len, const uint8_t *kdfopts, size_t kdfopts_len,
                        const char *passphrase, uint8_t *priv, size_t priv_len, size_t *block)
{
    bool plain_cipher = cipher_len == 4 && memcmp(cipher, "none", 4) == 0;
    bool plain_kdf = kdf_len == 4 && memcmp(kdf, "none", 4) == 0;
    *block = PLAIN_BLOCK;
    if (plain_cipher && plain_kdf) {
        return SSHC_OK;
    }
    const sshc_cipher_alg *alg = sshc_cipher_find((const char *)cipher, cipher_len);
    if (plain_cipher || alg == NULL || alg->tag_len != 0 || kdf_len != 6 ||
        memcmp(kdf, "bcrypt", 6) != 0) {
        return SSHC_E_UNSUPPORTED; /* AEAD ciphers or other kdfs: not written by ssh-keygen */
    }
    sshc_cur o;
    const uint8_t *salt;
    size_t salt_len;
    uint32_t rounds;
    sshc_cur_init(&o, kdfopts, kdfopts_len);
    sshc_cur_string(&o, &salt, &salt_len);
    sshc_cur_u32(&o, &rounds);
    if (sshc_cur_end(&o) != SSHC_OK || salt_len == 0 || salt_len > 1024 || rounds == 0 ||
        rounds > MAX_KDF_ROUNDS) {
        return SSHC_E_BAD_FORMAT;
    }
    if (passphrase == NULL) {
        return SSHC_E_PASSPHRASE;
    }
    *block = alg->block_size;
    return crypt_private(alg, false, passphrase, salt, salt_len, rounds, priv, priv_len);
}

static int parse_container(uint8_t *bin, size_t len, const char *passphrase, sshc_key **out)
{
    sshc_cur c;
    const uint8_t *magic, *cipher, *kdf, *kdfopts, *pubblob, *priv;
    size_t cipher_len, kdf_len, kdfopts_len, pub_len, priv_len;
    uint32_t nkeys;
    sshc_cur_init(&c, bin, len);
    sshc_cur_bytes(&c, MAGIC_LEN, &magic);
    if (c.err != SSHC_OK || memcmp(magic, MAGIC, MAGIC_LEN) != 0) {
        return SSHC_E_BAD_FORMAT;
    }
    sshc_cur_string(&c, &cipher, &cipher_len);
    sshc_cur_string(&c, &kdf, &kdf_len);
    sshc_cur_string(&c, &kdfopts, &kdfopts_len);
    sshc_cur_u32(&c, &nkeys);
    if (c.err != SSHC_OK) {
        return SSHC_E_BAD_FORMAT;
    }
    if (nkeys != 1) {
        return SSHC_E_BAD_FORMAT; /* OpenSSH writes exactly one key per file */
    }
    sshc_cur_string(&c, &pubblob, &pub_len);
    sshc_cur_string(&c, &priv, &priv_len);
    if (sshc_cur_end(&c) != SSHC_OK) {
        return SSHC_E_BAD_FORMAT;
    }
    sshc_key *pub = NULL;
    int r = sshc_key_parse_blob(pubblob, pub_len, &pub);
    if (r != SSHC_OK) {
        return r == SSHC_E_KEY_TYPE ? r : SSHC_E_BAD_FORMAT;
    }
    if (pub->type == SSHC_KEY_DSA) {
        sshc_key_free(pub);
        return SSHC_E_KEY_TYPE; /* ssh-dss is verify only: no private DSA keys */
    }
    /* The cursor handed out a const view of bin, which is ours to decrypt in place. */
    uint8_t *priv_rw = bin + (priv - bin);
    size_t block;
    r = open_private(cipher, cipher_len, kdf, kdf_len, kdfopts, kdfopts_len, passphrase, priv_rw,
                     priv_len, &block);
    if (r != SSHC_OK) {
        sshc_key_free(pub);
        return r;
    }
    uint32_t check1, check2;
    sshc_cur p;
    sshc_cur_init(&p, priv, priv_len);
    sshc_cur_u32(&p, &check1);
    sshc_cur_u32(&p, &check2);
    if (p.err != SSHC_OK || check1 != check2 || priv_len % block != 0) {
        sshc_key_free(pub);
        /* With a passphrase, unequal check integers are what a wrong one looks like. */
        return block != PLAIN_BLOCK && p.err == SSHC_OK ? SSHC_E_PASSPHRASE : SSHC_E_BAD_FORMAT;
    }
    sshc_key *k = NULL;
    r = read_private_key(&p, pub, &k);
    sshc_key_free(pub);
    if (r != SSHC_OK) {
        return r;
    }
    /* Padding: 1, 2, 3, ... */
    size_t pad = sshc_cur_left(&p);
    const uint8_t *padding;
    sshc_cur_bytes(&p, pad, &padding);
    for (size_t i = 0; i < pad; i++) {
        if (pad >= block || padding[i] != (uint8_t)(i + 1)) {
            sshc_key_free(k);
            return SSHC_E_BAD_FORMAT;
        }
    }
    *out = k;
    return SSHC_OK;
}

int sshc_key_parse_private(const uint8_t *data, size_t len, const char *passphrase, sshc_key **out)
{
    if (out == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    if (data == NULL || len > MAX_KEY_FILE) {
        return data == NULL ? SSHC_E_INVALID_ARG : SSHC_E_BAD_FORMAT;
    }
    if (sshc_key_is_pem(data, len)) {
        return sshc_key_parse_pem(data, len, passphrase, out);
    }
    uint8_t *bin = NULL;
    size_t bin_len = 0;
    int r = unarmor(data, len, &bin, &bin_len);
    if (r != SSHC_OK) {
        return r;
    }
    r = parse_container(bin, bin_len, passphrase, out);
    sshc_free_secret(bin, bin_len);
    return r;
}

int sshc_key_format_private_file(const sshc_key *key, const char *comment, char **out)
{
    return sshc_key_format_private_file_pass(key, comment, NULL, 0, out);
}

int sshc_key_format_private_file_pass(const sshc_key *key, const char *comment,
                                      const char *passphrase, unsigned rounds, char **out)
{
    if (key == NULL || out == NULL || !key->has_private || rounds > MAX_KDF_ROUNDS) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    if (comment == NULL) {
        comment = "";
    }
    bool protect = passphrase != NULL && passphrase[0] != '\0';
    const sshc_cipher_alg *alg = sshc_cipher_find(DEFAULT_CIPHER, strlen(DEFAULT_CIPHER));
    size_t block = protect ? alg->block_size : PLAIN_BLOCK;
    uint8_t salt[SALT_LEN];
    int sr = protect ? sshc_rand_system(NULL, salt, sizeof(salt)) : SSHC_OK;
    if (rounds == 0) {
        rounds = 16; /* ssh-keygen's default */
    }
    sshc_bld b;
    sshc_bld_init(&b, MAX_KEY_FILE);
    b.secret = true;
    sshc_bld_bytes(&b, MAGIC, MAGIC_LEN);
    size_t mark;
    if (protect) {
        sshc_bld_cstring(&b, DEFAULT_CIPHER);
        sshc_bld_cstring(&b, "bcrypt");
        sshc_bld_string_begin(&b, &mark);
        sshc_bld_string(&b, salt, sizeof(salt));
        sshc_bld_u32(&b, rounds);
        sshc_bld_string_end(&b, mark);
    } else {
        sshc_bld_cstring(&b, "none");
        sshc_bld_cstring(&b, "none");
        sshc_bld_string(&b, NULL, 0);
    }
    sshc_bld_u32(&b, 1);
    sshc_bld_string_begin(&b, &mark);
    sshc_key_public_blob(key, &b);
    sshc_bld_string_end(&b, mark);
    sshc_bld_string_begin(&b, &mark);
    size_t priv_start = b.len;
    uint8_t check[4];
    int r = sshc_rand_system(NULL, check, sizeof(check));
    if (r == SSHC_OK) {
        r = sr;
    }
    sshc_bld_bytes(&b, check, 4);
    sshc_bld_bytes(&b, check, 4);
    sshc_bld_cstring(&b, sshc_key_type_name(key));
    int fr = SSHC_OK;
    if (key->type == SSHC_KEY_ED25519) {
        sshc_bld_string(&b, key->ed_public, sizeof(key->ed_public));
        sshc_bld_string(&b, key->ed_secret, sizeof(key->ed_secret));
    } else if (key->type == SSHC_KEY_RSA) {
        fr = sshc_rsa_write_private(key, &b);
    } else {
        fr = sshc_ecdsa_write_private(key, &b);
    }
    if (r == SSHC_OK) {
        r = fr;
    }
    sshc_bld_cstring(&b, comment);
    for (uint8_t i = 1; (b.len - priv_start) % block != 0; i++) {
        sshc_bld_u8(&b, i);
    }
    if (r == SSHC_OK && protect && sshc_bld_err(&b) == SSHC_OK) {
        r = crypt_private(alg, true, passphrase, salt, sizeof(salt), rounds, b.buf + priv_start,
                          b.len - priv_start);
    }
    sshc_bld_string_end(&b, mark);
    if (r == SSHC_OK) {
        r = sshc_bld_err(&b);
    }
    size_t b64_len = sshc_base64_encoded_len(b.len);
    size_t cap = strlen(ARMOR_BEGIN) + strlen(ARMOR_END) + b64_len + b64_len / LINE_WIDTH + 8;
    char *b64 = r == SSHC_OK ? malloc(b64_len + 1) : NULL;
    char *text = r == SSHC_OK ? malloc(cap) : NULL;
    if (r == SSHC_OK && (b64 == NULL || text == NULL)) {
        r = SSHC_E_NOMEM;
    }
    if (r == SSHC_OK) {
        size_t n = sshc_base64_encode(b.buf, b.len, b64, b64_len + 1, true);
        size_t off = (size_t)snprintf(text, cap, "%s\n", ARMOR_BEGIN);
        for (size_t i = 0; i < n; i += LINE_WIDTH) {
            size_t chunk = n - i < LINE_WIDTH ? n - i : LINE_WIDTH;
            memcpy(text + off, b64 + i, chunk);
            off += chunk;
            text[off++] = '\n';
        }
        snprintf(text + off, cap - off, "%s\n", ARMOR_END);
        *out = text;
        text = NULL;
    }
    if (b64 != NULL) {
        sshc_free_secret(b64, b64_len + 1);
    }
    free(text);
    sshc_bld_clear(&b);
    return r;
}
