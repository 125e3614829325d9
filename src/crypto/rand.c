/* System randomness (see rand.h). */
#include "crypto/rand.h"

#include <sodium.h>

#include "sshcore.h"

int sshc_crypto_init(void)
{
    /* sodium_init is idempotent and thread-safe; < 0 means it failed. */
    return sodium_init() < 0 ? SSHC_E_CRYPTO : SSHC_OK;
}

int sshc_rand_system(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    int r = sshc_crypto_init();
    if (r == SSHC_OK) {
        randombytes_buf(buf, len);
    }
    return r;
}
