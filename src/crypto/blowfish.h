/*
 * Blowfish, as bcrypt_pbkdf needs it: the block function on two 32-bit
 * halves, the standard key schedule, and the two halves of the "eksblowfish"
 * expensive key schedule (Provos and Mazieres, USENIX 1999):
 *
 *   expand(state, salt, key)  XOR key into P, then re-key P and the S-boxes
 *                             by encrypting a running block XORed with salt;
 *   expand0(state, key)       the same without salt (= Blowfish's own schedule
 *                             applied to an already keyed state).
 *
 * Keys and data are read as repeating byte strings, 32-bit big-endian words.
 * Not a packet cipher (no SSH "blowfish-cbc"): no mode is provided.
 */
#ifndef SSHC_CRYPTO_BLOWFISH_H
#define SSHC_CRYPTO_BLOWFISH_H

#include <stddef.h>
#include <stdint.h>

#define SSHC_BLOWFISH_ROUNDS 16

typedef struct sshc_blowfish {
    uint32_t p[SSHC_BLOWFISH_ROUNDS + 2];
    uint32_t s[4][256];
} sshc_blowfish;

/* Load the initial tables (hex digits of pi). */
void sshc_blowfish_init(sshc_blowfish *bf);
/* Standard Blowfish key schedule: init + expand0. key_len > 0 (1..72 useful bytes). */
void sshc_blowfish_setkey(sshc_blowfish *bf, const uint8_t *key, size_t key_len);
/* Eksblowfish halves; key_len and data_len > 0. */
void sshc_blowfish_expand0(sshc_blowfish *bf, const uint8_t *key, size_t key_len);
void sshc_blowfish_expand(sshc_blowfish *bf, const uint8_t *data, size_t data_len,
                          const uint8_t *key, size_t key_len);

/* One block as two halves (xl is the first, big-endian, word). */
void sshc_blowfish_encipher(const sshc_blowfish *bf, uint32_t *xl, uint32_t *xr);
void sshc_blowfish_decipher(const sshc_blowfish *bf, uint32_t *xl, uint32_t *xr);
/* One 8-byte block in place, bytes in big-endian word order (test vectors' form). */
void sshc_blowfish_encrypt_block(const sshc_blowfish *bf, uint8_t block[8]);
void sshc_blowfish_decrypt_block(const sshc_blowfish *bf, uint8_t block[8]);

#endif
