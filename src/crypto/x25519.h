/* X25519 (RFC 7748) for curve25519-sha256 (RFC 8731). */
#ifndef SSHC_CRYPTO_X25519_H
#define SSHC_CRYPTO_X25519_H

#include <stdint.h>

#include "sshcore.h"

#define SSHC_X25519_LEN 32

/* A fresh private scalar from rng and its public value. */
int sshc_x25519_keypair(sshc_rng_fn rng, void *rng_ctx, uint8_t priv[SSHC_X25519_LEN],
                        uint8_t pub[SSHC_X25519_LEN]);
/*
 * The shared secret with the peer's public value. RFC 8731 §3: an all-zero
 * result (a low-order peer point) is refused with SSHC_E_BAD_PUBLIC_VALUE.
 */
int sshc_x25519_shared(const uint8_t priv[SSHC_X25519_LEN], const uint8_t peer[SSHC_X25519_LEN],
                       uint8_t shared[SSHC_X25519_LEN]);

#endif
