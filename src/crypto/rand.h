/* The system random number generator, the default sshc_rng_fn. */
#ifndef SSHC_CRYPTO_RAND_H
#define SSHC_CRYPTO_RAND_H

#include <stddef.h>
#include <stdint.h>

/* Fill buf with len random bytes from libsodium's CSPRNG (getrandom). ctx unused. */
int sshc_rand_system(void *ctx, uint8_t *buf, size_t len);
/* Initialise libsodium once; safe to call from any thread, any number of times. */
int sshc_crypto_init(void);

#endif
