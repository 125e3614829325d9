/*
 * UMAC (RFC 4418) with AES-128, as used by OpenSSH's umac-64@openssh.com and
 * umac-128@openssh.com (and their -etm variants): 8- and 16-byte tags.
 *
 * All key material (the L1/L2/L3 hash keys and the AES key schedule for the
 * pad) is derived once in sshc_umac_init; sshc_umac_compute allocates
 * nothing. Messages of any length are accepted (L2 switches to POLY-128
 * past 2^24 bytes, as the RFC specifies).
 */
#ifndef SSHC_CRYPTO_UMAC_H
#define SSHC_CRYPTO_UMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SSHC_UMAC_KEY_LEN 16
#define SSHC_UMAC_MAX_ITERS 4 /* 128-bit tag: four 32-bit UHASH iterations */

struct evp_cipher_ctx_st; /* OpenSSL's EVP_CIPHER_CTX, opaque here */

typedef struct sshc_umac {
    struct evp_cipher_ctx_st *aes; /* AES-128-ECB keyed with the pad key K' */
    size_t tag_len;                /* 8 or 16 */
    size_t iters;                  /* tag_len / 4 */
    /* L1 (NH) key: 1024 bytes plus 16 per extra iteration, as 32-bit words. */
    uint32_t l1[(1024 + (SSHC_UMAC_MAX_ITERS - 1) * 16) / 4];
    uint64_t l2_64[SSHC_UMAC_MAX_ITERS];     /* masked POLY-64 keys */
    uint64_t l2_128[SSHC_UMAC_MAX_ITERS][2]; /* masked POLY-128 keys, {hi, lo} */
    uint64_t l3_1[SSHC_UMAC_MAX_ITERS][8];   /* L3 keys, already reduced mod 2^36-5 */
    uint32_t l3_2[SSHC_UMAC_MAX_ITERS];
    /* The last pad block: consecutive UMAC-64 nonces share one AES block. */
    uint8_t pad_in[16];
    uint8_t pad_out[16];
    bool pad_valid;
} sshc_umac;

/* key: 16 bytes (the AES-128 key); tag_len 8 or 16. On failure u holds
 * nothing to release. */
int sshc_umac_init(sshc_umac *u, const uint8_t *key, size_t tag_len);
/* Releases the AES context and wipes the state; safe on a zeroed struct. */
void sshc_umac_clear(sshc_umac *u);
/* nonce: 1..16 bytes; tag receives tag_len bytes. */
int sshc_umac_compute(sshc_umac *u, const uint8_t *nonce, size_t nonce_len, const uint8_t *msg,
                      size_t len, uint8_t *tag);

#endif
