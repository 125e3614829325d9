/*
 * Packet ciphers (RFC 4253 §6.3, RFC 4344, RFC 5647 as amended by
 * OpenSSH's PROTOCOL §1.6, PROTOCOL.chacha20poly1305). Every cipher is one
 * row of the table in cipher.c. All work is in place in the packet buffer
 * and nothing is allocated per packet.
 *
 * Two shapes:
 *   - stream/block ciphers (CTR, CBC): sshc_cipher_crypt, paired with a MAC;
 *   - AEAD ciphers (tag_len > 0): the packet is sealed and opened as a
 *     whole, including the 4-byte length that starts it.
 */
#ifndef SSHC_CRYPTO_CIPHER_H
#define SSHC_CRYPTO_CIPHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sshc_cipher_kind {
    SSHC_CIPHER_CHACHAPOLY = 0,
    SSHC_CIPHER_GCM,
    SSHC_CIPHER_CTR,
    SSHC_CIPHER_CBC,
};

typedef struct sshc_cipher_alg {
    const char *name;
    size_t key_len;
    size_t iv_len;
    size_t block_size;
    size_t tag_len;          /* 0: not AEAD, a MAC is negotiated too */
    bool length_encrypted;   /* AEAD only: is the length field encrypted? */
    bool legacy;             /* off by default; enabled by name */
    enum sshc_cipher_kind kind;
} sshc_cipher_alg;

typedef struct sshc_cipher_ctx sshc_cipher_ctx;

/* Table access: the i-th row or NULL past the end; lookup by name. */
const sshc_cipher_alg *sshc_cipher_at(size_t i);
const sshc_cipher_alg *sshc_cipher_find(const char *name, size_t len);
/* Default preference list (no legacy rows), comma separated. */
const char *sshc_cipher_default_list(void);

/* key is key_len bytes, iv iv_len bytes. */
int sshc_cipher_new(const sshc_cipher_alg *alg, bool encrypt, const uint8_t *key, const uint8_t *iv,
                    sshc_cipher_ctx **out);
void sshc_cipher_free(sshc_cipher_ctx *ctx);

/* CTR/CBC: encrypt or decrypt len bytes in place (len a multiple of the block for CBC). */
int sshc_cipher_crypt(sshc_cipher_ctx *ctx, uint8_t *p, size_t len);

/*
 * AEAD: pkt is the whole packet starting with its 4-byte length, len bytes
 * (4 + packet_length); the tag (tag_len bytes) is written to or read from tag.
 * open verifies the tag before anything is trusted: SSHC_E_MAC_INVALID.
 */
int sshc_cipher_aead_seal(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len,
                          uint8_t *tag);
int sshc_cipher_aead_open(sshc_cipher_ctx *ctx, uint32_t seqnr, uint8_t *pkt, size_t len,
                          const uint8_t *tag);
/* AEAD: packet_length from the first 4 bytes, without changing them. */
int sshc_cipher_aead_length(sshc_cipher_ctx *ctx, uint32_t seqnr, const uint8_t *pkt,
                            uint32_t *packet_length);

#endif
