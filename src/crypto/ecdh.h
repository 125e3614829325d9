/*
 * Ephemeral elliptic-curve Diffie-Hellman for key exchange: X25519
 * (RFC 8731) and the NIST curves P-256, P-384, P-521 (RFC 5656 §4).
 * Public values are exchanged as octet strings: 32 bytes for X25519, an
 * uncompressed point (0x04 || X || Y) for the NIST curves. The shared
 * secret comes out as big-endian bytes, ready to be encoded as an mpint:
 * the X25519 output, or the x coordinate of the shared point.
 */
#ifndef SSHC_CRYPTO_ECDH_H
#define SSHC_CRYPTO_ECDH_H

#include "sshcore.h"

enum sshc_ecdh_curve {
    SSHC_ECDH_X25519 = 0,
    SSHC_ECDH_P256,
    SSHC_ECDH_P384,
    SSHC_ECDH_P521,
};

#define SSHC_ECDH_MAX_PUBLIC 133 /* P-521 uncompressed */
#define SSHC_ECDH_MAX_SECRET 66

typedef struct sshc_ecdh sshc_ecdh;

/*
 * A new ephemeral key pair; its public value goes to pub (at least
 * SSHC_ECDH_MAX_PUBLIC bytes) and *pub_len. X25519 draws from rng; the
 * NIST curves use OpenSSL's generator.
 */
int sshc_ecdh_new(enum sshc_ecdh_curve curve, sshc_rng_fn rng, void *rng_ctx, sshc_ecdh **out,
                  uint8_t *pub, size_t *pub_len);
/*
 * The shared secret with the peer's public value, which is validated
 * (exact length, uncompressed form, point on the curve, non-zero result):
 * SSHC_E_BAD_PUBLIC_VALUE otherwise. out holds SSHC_ECDH_MAX_SECRET bytes.
 */
int sshc_ecdh_derive(sshc_ecdh *e, const uint8_t *peer, size_t peer_len, uint8_t *out,
                     size_t *out_len);
/* Wipes the private key; NULL is a no-op. */
void sshc_ecdh_free(sshc_ecdh *e);

#endif
