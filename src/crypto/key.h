/*
 * Keys inside the library: the shape of sshc_key and the operations the
 * transport and auth layers need (public key blobs, RFC 4253 §6.6, and
 * signatures). Key files and text lines live in key_file.c and key_text.c.
 *
 * Types: ssh-ed25519 (RFC 8709, libsodium), ssh-rsa (RFC 4253 §6.6 with
 * the rsa-sha2-256/512 signatures of RFC 8332, key_rsa.c) and
 * ecdsa-sha2-nistp256/384/521 (RFC 5656 §3, key_ecdsa.c), the last two
 * through OpenSSL 3's EVP interface. ssh-dss (RFC 4253 §6.6, key_dsa.c) is
 * verify only: public keys and signature checks, never generated, loaded
 * private or used to sign, and not in the default algorithm list. Every
 * other type is refused with
 * SSHC_E_KEY_TYPE. A new type adds a row to the table in key.c and its
 * fields here.
 */
#ifndef SSHC_CRYPTO_KEY_H
#define SSHC_CRYPTO_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/builder.h"
#include "core/cursor.h"
#include "sshcore.h"

#define SSHC_ED25519_PUBLIC 32
#define SSHC_ED25519_SECRET 64 /* seed || public, as libsodium and OpenSSH keep it */
#define SSHC_ED25519_SIG 64
#define SSHC_MAX_KEY_COMMENT 1024
#define SSHC_RSA_DEFAULT_BITS 3072
#define SSHC_RSA_MIN_BITS 1024
#define SSHC_RSA_MAX_BITS 16384

/* OpenSSL's EVP_PKEY, named without including OpenSSL outside src/crypto. */
struct evp_pkey_st;

struct sshc_key {
    enum sshc_key_type type;
    bool has_private;
    uint8_t ed_public[SSHC_ED25519_PUBLIC];
    uint8_t ed_secret[SSHC_ED25519_SECRET];
    struct evp_pkey_st *pkey; /* RSA, ECDSA and DSA keys (public, or the key pair); immutable */
    char *comment;            /* from a key file, may be NULL */
};

/* New zeroed key of a type (internal). */
int sshc_key_new(enum sshc_key_type type, sshc_key **out);
/* Type from its SSH name; SSHC_KEY_UNKNOWN when we do not know it. */
enum sshc_key_type sshc_key_type_from_name(const uint8_t *name, size_t len);

/*
 * Generate a key with a size: RSA modulus bits (0: SSHC_RSA_DEFAULT_BITS),
 * ECDSA must match its curve (0 allowed), ed25519 ignores bits (0 or 256).
 */
int sshc_key_generate_bits(enum sshc_key_type type, unsigned bits, sshc_key **out);

/* Append the public key blob (RFC 4253 §6.6). */
int sshc_key_public_blob(const sshc_key *key, sshc_bld *b);
/* Read the type-specific public fields after the type name (key files repeat them). */
int sshc_key_read_public_fields(sshc_key *key, sshc_cur *c);

/*
 * The signature algorithm this key signs with by default ("ssh-ed25519";
 * "rsa-sha2-512" for RSA), or NULL.
 */
const char *sshc_key_sig_alg(const sshc_key *key);
/*
 * Can this key sign (or, public only, verify) with signature algorithm alg?
 * RSA keys: rsa-sha2-512, rsa-sha2-256 and ssh-rsa; other types: their one
 * algorithm (DSA: ssh-dss, which only ever verifies). Host key negotiation and publickey auth must use this rather
 * than comparing with sshc_key_sig_alg().
 */
bool sshc_key_can_sign_alg(const sshc_key *key, const char *alg);
/* Is name a signature algorithm we can verify? */
bool sshc_sig_alg_known(const char *name, size_t len);
/* Default host key / signature algorithm preference list. */
const char *sshc_sig_default_list(void);

/*
 * Sign data with alg: appends the signature blob's contents
 * (string alg, string signature); the caller wraps it in a string.
 */
int sshc_key_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                  sshc_bld *b);
/* Verify a signature blob (string alg, string signature) over data: SSHC_OK or an error. */
int sshc_key_verify(const sshc_key *key, const char *alg, const uint8_t *sig, size_t sig_len,
                    const uint8_t *data, size_t len);

/* Per-family operations behind key.c and key_file.c (key_rsa.c, key_ecdsa.c). */
int sshc_rsa_generate(sshc_key *key, unsigned bits);
int sshc_rsa_read_public(sshc_key *key, sshc_cur *c);        /* mpint e, mpint n */
int sshc_rsa_write_public(const sshc_key *key, sshc_bld *b); /* mpint e, mpint n */
/* openssh-key-v1 private fields n, e, d, iqmp, p, q; key holds the public half to match. */
int sshc_rsa_read_private(sshc_key *key, sshc_cur *c);
int sshc_rsa_write_private(const sshc_key *key, sshc_bld *b);
/* Append string alg, string s. */
int sshc_rsa_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                  sshc_bld *b);
/* Verify raw signature s (the blob's second string). */
int sshc_rsa_verify(const sshc_key *key, const char *alg, const uint8_t *s, size_t s_len,
                    const uint8_t *data, size_t len);
int sshc_ecdsa_generate(sshc_key *key);
int sshc_ecdsa_read_public(sshc_key *key, sshc_cur *c);        /* string curve, string Q */
int sshc_ecdsa_write_public(const sshc_key *key, sshc_bld *b); /* string curve, string Q */
/* openssh-key-v1 private fields: string curve, string Q, mpint d; key holds the public half. */
int sshc_ecdsa_read_private(sshc_key *key, sshc_cur *c);
int sshc_ecdsa_write_private(const sshc_key *key, sshc_bld *b);
int sshc_ecdsa_sign(const sshc_key *key, const char *alg, const uint8_t *data, size_t len,
                    sshc_bld *b);
int sshc_ecdsa_verify(const sshc_key *key, const uint8_t *sig, size_t sig_len,
                      const uint8_t *data, size_t len);
/* ssh-dss, verify only (key_dsa.c). */
int sshc_dsa_read_public(sshc_key *key, sshc_cur *c);        /* mpint p, q, g, y */
int sshc_dsa_write_public(const sshc_key *key, sshc_bld *b); /* mpint p, q, g, y */
/* Verify raw signature r || s (40 bytes, the blob's second string) over SHA-1 of data. */
int sshc_dsa_verify(const sshc_key *key, const uint8_t *sig, size_t sig_len, const uint8_t *data,
                    size_t len);

/*
 * Text form "type base64": the key from its two fields, the type checked
 * against the blob's (key_text.c; shared by public key lines, known_hosts
 * and authorized_keys).
 */
int sshc_key_from_text(const char *type, size_t type_len, const char *b64, size_t b64_len,
                       sshc_key **out);
/* Largest base64 field accepted in a key line. */
#define SSHC_MAX_KEY_TEXT 16384

#endif
