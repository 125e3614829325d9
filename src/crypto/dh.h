/*
 * Finite-field Diffie-Hellman for key exchange (RFC 4253 §8): the fixed
 * MODP groups of RFC 3526 (group 14: 2048 bits, 16: 4096, 18: 8192) and
 * RFC 2409 (group 1: 1024 bits, legacy), and groups given as p and g
 * (diffie-hellman-group-exchange, RFC 4419). Values cross this interface
 * as unsigned big-endian magnitudes, ready for mpint encoding.
 */
#ifndef SSHC_CRYPTO_DH_H
#define SSHC_CRYPTO_DH_H

#include "sshcore.h"

typedef struct sshc_dh sshc_dh;

#define SSHC_DH_MAX_BYTES 1024 /* 8192-bit groups */

/* One of the fixed groups: 1, 14, 16 or 18. */
int sshc_dh_new_group(int group, sshc_dh **out);
/* A group from its prime p and generator g (magnitudes). p must be 1024..8192 bits. */
int sshc_dh_new_pg(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len, sshc_dh **out);
/* Bytes of p. */
size_t sshc_dh_size(const sshc_dh *dh);
/* p and g as magnitudes (for GEX's KEX_DH_GEX_GROUP and the exchange hash). */
int sshc_dh_get_pg(const sshc_dh *dh, uint8_t *p, size_t *p_len, uint8_t *g, size_t *g_len);
/*
 * Our secret x (exp_bits random bits from rng, RFC 4419 §6.2: twice the
 * security strength) and public e = g^x mod p into pub (*pub_len bytes).
 */
int sshc_dh_keypair(sshc_dh *dh, sshc_rng_fn rng, void *rng_ctx, size_t exp_bits, uint8_t *pub,
                    size_t *pub_len);
/* K = f^x mod p; SSHC_E_BAD_PUBLIC_VALUE unless 1 < f < p-1 (RFC 4253 §8). */
int sshc_dh_derive(sshc_dh *dh, const uint8_t *peer, size_t peer_len, uint8_t *out,
                   size_t *out_len);
/* Wipes the secret; NULL is a no-op. */
void sshc_dh_free(sshc_dh *dh);

#endif
