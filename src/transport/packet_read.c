/*
 * Deframing, RFC 4253 §6. Bytes arrive in s->in; one packet at a time is
 * length-checked, authenticated (MAC or AEAD tag, before anything of the
 * payload is looked at), decrypted in place and handed out as a view.
 *
 * Length rules: packet_length >= 5 (padding_length and 4 bytes of
 * padding), at most the configured maximum (RFC 4253 §6.1: at least 35000
 * accepted), and aligned to the block size: the whole packet for classic
 * MAC-and-encrypt, or everything after the length field for AEAD and
 * encrypt-then-MAC. padding_length >= 4 and leaves at least one byte of
 * payload (the message number).
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/cipher.h"
#include "crypto/mac.h"
#include "transport/compress.h"
#include "transport/session.h"

/* Make s->in able to hold `need` bytes from in_start: compact, then grow. */
static int in_room(sshc_session *s, size_t need)
{
    if (s->in_start > 0 && s->in_cap - s->in_start < need) {
        memmove(s->in, s->in + s->in_start, s->in_len - s->in_start);
        s->in_len -= s->in_start;
        s->in_start = 0;
    }
    if (s->in_cap - s->in_start >= need) {
        return SSHC_OK;
    }
    size_t cap = s->in_cap * 2;
    if (cap < need) {
        cap = need;
    }
    uint8_t *nb = realloc(s->in, cap);
    if (nb == NULL) {
        return sshc_session_fail(s, SSHC_E_NOMEM, "out of memory growing the input buffer");
    }
    s->in = nb;
    s->in_cap = cap;
    return SSHC_OK;
}

/* Learn packet_length from the first bytes; decrypts the first block in place for CTR+MAC. */
static int read_length(sshc_session *s, uint8_t *p, uint32_t *plen)
{
    struct sshc_dir *d = &s->rx;
    if (d->cipher != NULL && d->cipher->tag_len > 0) {
        return sshc_cipher_aead_length(d->cipher_ctx, d->seqnr, p, plen);
    }
    if (d->cipher != NULL && !d->mac->etm && !s->first_block_done) {
        int r = sshc_cipher_crypt(d->cipher_ctx, p, d->block);
        if (r != SSHC_OK) {
            return r;
        }
        s->first_block_done = true;
    }
    *plen = sshc_load_u32be(p);
    return SSHC_OK;
}

static int open_packet(sshc_session *s, uint8_t *p, size_t clen)
{
    struct sshc_dir *d = &s->rx;
    const uint8_t *trailer = p + clen;
    int r = SSHC_OK;
    if (d->cipher == NULL) {
        return SSHC_OK;
    }
    if (d->cipher->tag_len > 0) {
        r = sshc_cipher_aead_open(d->cipher_ctx, d->seqnr, p, clen, trailer);
    } else if (d->mac->etm) {
        /* PROTOCOL §1.5: verify the MAC over the ciphertext, then decrypt. */
        r = sshc_mac_verify(d->mac_ctx, d->seqnr, p, clen, trailer);
        if (r == SSHC_OK) {
            r = sshc_cipher_crypt(d->cipher_ctx, p + 4, clen - 4);
        }
    } else {
        /* RFC 4253 §6.4: the MAC is over the plaintext; the first block is already decrypted. */
        r = sshc_cipher_crypt(d->cipher_ctx, p + d->block, clen - d->block);
        if (r == SSHC_OK) {
            r = sshc_mac_verify(d->mac_ctx, d->seqnr, p, clen, trailer);
        }
    }
    return r;
}

int sshc_packet_read(sshc_session *s, bool *got)
{
    struct sshc_dir *d = &s->rx;
    *got = false;
    size_t first = d->aad ? 4 : d->block;
    if (s->in_len - s->in_start < first) {
        return in_room(s, first);
    }
    uint8_t *p = s->in + s->in_start;
    if (s->cur_packet_len == 0) {
        uint32_t plen;
        int r = read_length(s, p, &plen);
        if (r != SSHC_OK) {
            return sshc_session_fail(s, r, "reading the packet length failed");
        }
        /* RFC 4253 §6: padding_length plus at least four bytes of padding. */
        if (plen < 1 + SSHC_MIN_PADDING || plen > s->cfg->max_packet) {
            return sshc_session_fail(s, plen > s->cfg->max_packet ? SSHC_E_PACKET_TOO_LARGE
                                                                  : SSHC_E_BAD_PACKET,
                                     "bad packet length %u (limit %zu)", plen,
                                     s->cfg->max_packet);
        }
        if (((d->aad ? 0 : 4) + (size_t)plen) % d->block != 0) {
            return sshc_session_fail(s, SSHC_E_BAD_PACKET,
                                     "packet length %u not a multiple of the block size %zu",
                                     plen, d->block);
        }
        s->cur_packet_len = plen;
    }
    size_t clen = 4 + (size_t)s->cur_packet_len;
    size_t total = clen + d->trailer;
    if (s->in_len - s->in_start < total) {
        return in_room(s, total);
    }
    int r = open_packet(s, p, clen);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, r == SSHC_E_MAC_INVALID
                                           ? "packet authentication failed (corrupted or forged)"
                                           : "packet decryption failed");
    }
    uint8_t padding = p[4];
    /* RFC 4253 §6: at least four bytes of padding; the payload holds the message number. */
    if (padding < SSHC_MIN_PADDING || (size_t)padding + 1 >= s->cur_packet_len) {
        return sshc_session_fail(s, SSHC_E_BAD_PACKET, "bad padding length %u in packet of %u",
                                 padding, s->cur_packet_len);
    }
    s->payload = p + SSHC_PACKET_HEADER;
    s->payload_len = s->cur_packet_len - padding - 1;
    if (s->z_rx != NULL) {
        /* RFC 4253 §6.2: the payload field is compressed; the limit applies to what comes out. */
        if ((r = sshc_comp_inflate(s, s->payload, s->payload_len, &s->payload,
                                   &s->payload_len)) != SSHC_OK) {
            return r;
        }
    }
    s->in_start += total;
    s->cur_packet_len = 0;
    s->first_block_done = false;
    d->seqnr++;
    d->packets++;
    d->bytes += total;
    *got = true;
    return SSHC_OK;
}
