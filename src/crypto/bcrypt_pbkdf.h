/*
 * bcrypt_pbkdf: the key derivation of passphrase-protected openssh-key-v1
 * private keys (OpenSSH PROTOCOL.key, kdfname "bcrypt"; OpenBSD
 * bcrypt_pbkdf(3)). PBKDF2's shape with a bcrypt-style PRF over SHA-512
 * digests, 32-byte blocks, and the output bytes of the blocks interleaved
 * across the key rather than concatenated.
 */
#ifndef SSHC_CRYPTO_BCRYPT_PBKDF_H
#define SSHC_CRYPTO_BCRYPT_PBKDF_H

#include <stddef.h>
#include <stdint.h>

#include "sshcore.h"

#define SSHC_BCRYPT_PBKDF_MAX_KEY 1024
#define SSHC_BCRYPT_PBKDF_MAX_SALT ((size_t)1 << 20)

/*
 * Derive key_len bytes from pass (pass_len bytes, may be empty) and salt.
 * SSHC_E_INVALID_ARG for rounds 0, key_len 0 or > 1024, salt_len 0 or
 * > 1 MiB, or a NULL pointer with a non-zero length; SSHC_E_NOMEM if the
 * salt buffer cannot be had. Intermediate values are wiped; on error key is
 * zeroed (when it could be written).
 */
int sshc_bcrypt_pbkdf(const char *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                      uint8_t *key, size_t key_len, unsigned rounds);

#endif
