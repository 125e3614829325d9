/* X25519 through libsodium (see x25519.h). */
#include "crypto/x25519.h"

#include <sodium.h>

#include "crypto/rand.h"

int sshc_x25519_keypair(sshc_rng_fn rng, void *rng_ctx, uint8_t priv[SSHC_X25519_LEN],
                        uint8_t pub[SSHC_X25519_LEN])
{
    int r = sshc_crypto_init();
    if (r != SSHC_OK) {
        return r;
    }
    if ((r = rng(rng_ctx, priv, SSHC_X25519_LEN)) != SSHC_OK) {
        return r;
    }
    return crypto_scalarmult_curve25519_base(pub, priv) == 0 ? SSHC_OK : SSHC_E_CRYPTO;
}

int sshc_x25519_shared(const uint8_t priv[SSHC_X25519_LEN], const uint8_t peer[SSHC_X25519_LEN],
                       uint8_t shared[SSHC_X25519_LEN])
{
    /* libsodium returns -1 exactly when the result is all zero. */
    if (crypto_scalarmult_curve25519(shared, priv, peer) != 0) {
        sodium_memzero(shared, SSHC_X25519_LEN);
        return SSHC_E_BAD_PUBLIC_VALUE;
    }
    return SSHC_OK;
}
