/*
 * Packet compression (RFC 4253 §6.2 "zlib", and OpenSSH's delayed
 * "zlib@openssh.com", PROTOCOL §2.1: it starts only after USERAUTH_SUCCESS).
 * One zlib stream per direction lives for the whole connection, across
 * re-keys; every packet is flushed with Z_PARTIAL_FLUSH as OpenSSH does.
 * Inflated size is bounded by the packet limit: a compression bomb ends the
 * session with SSHC_E_PACKET_TOO_LARGE, memory stays fixed.
 */
#ifndef SSHC_TRANSPORT_COMPRESS_H
#define SSHC_TRANSPORT_COMPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "transport/session.h"

enum sshc_comp_method {
    SSHC_COMP_NONE = 0,
    SSHC_COMP_ZLIB,         /* from NEWKEYS on */
    SSHC_COMP_ZLIB_DELAYED, /* zlib@openssh.com: from authentication on */
};

/* Every supported compression name, in preference order for "yes". */
#define SSHC_COMP_ALL "none,zlib@openssh.com,zlib"

enum sshc_comp_method sshc_comp_method_of(const char *name);
/* New keys were installed for dir (tx or rx), or authentication succeeded: start streams as due. */
int sshc_comp_update(sshc_session *s);
/* Compress hdr||body; *out is valid until the next call. */
int sshc_comp_deflate(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *body,
                      size_t blen, const uint8_t **out, size_t *out_len);
/* Inflate a received payload; at most the configured packet limit comes out. */
int sshc_comp_inflate(sshc_session *s, const uint8_t *in, size_t len, const uint8_t **out,
                      size_t *out_len);
void sshc_comp_free(sshc_session *s);

#endif
