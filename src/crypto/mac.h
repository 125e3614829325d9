/*
 * Packet MACs (RFC 4253 §6.4, RFC 6668, OpenSSH PROTOCOL §1.7 for the
 * encrypt-then-MAC "-etm@openssh.com" variants, and RFC 4418 with PROTOCOL for
 * umac-64/umac-128@openssh.com). An HMAC covers uint32 seqnr || data; a
 * UMAC covers data only and takes the seqnr as its nonce (uint64, big
 * endian). Nothing is allocated per packet.
 */
#ifndef SSHC_CRYPTO_MAC_H
#define SSHC_CRYPTO_MAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sshc_mac_kind {
    SSHC_MAC_HMAC_SHA256 = 0,
    SSHC_MAC_HMAC_SHA512,
    SSHC_MAC_HMAC_SHA1,
    SSHC_MAC_UMAC64,
    SSHC_MAC_UMAC128,
};

typedef struct sshc_mac_alg {
    const char *name;
    size_t key_len;
    size_t mac_len;
    bool etm;     /* MAC over the ciphertext, length field in the clear */
    bool legacy;  /* off by default; enabled by name */
    enum sshc_mac_kind kind;
} sshc_mac_alg;

typedef struct sshc_mac_ctx sshc_mac_ctx;

const sshc_mac_alg *sshc_mac_at(size_t i);
const sshc_mac_alg *sshc_mac_find(const char *name, size_t len);
const char *sshc_mac_default_list(void);

int sshc_mac_new(const sshc_mac_alg *alg, const uint8_t *key, sshc_mac_ctx **out);
void sshc_mac_free(sshc_mac_ctx *ctx);
/* out receives mac_len bytes. */
int sshc_mac_compute(sshc_mac_ctx *ctx, uint32_t seqnr, const uint8_t *data, size_t len,
                     uint8_t *out);
/* Constant-time check of mac (mac_len bytes): SSHC_OK or SSHC_E_MAC_INVALID. */
int sshc_mac_verify(sshc_mac_ctx *ctx, uint32_t seqnr, const uint8_t *data, size_t len,
                    const uint8_t *mac);

#endif
