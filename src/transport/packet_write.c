/*
 * Packet framing, RFC 4253 §6:
 *
 *   uint32    packet_length   (of what follows, without the MAC)
 *   byte      padding_length
 *   byte[n1]  payload
 *   byte[n2]  random padding  (at least 4 bytes; the total is a multiple
 *                              of max(8, cipher block size))
 *   byte[m]   mac or AEAD tag
 *
 * For AEAD ciphers and encrypt-then-MAC (OpenSSH PROTOCOL §1.5) the length
 * field stays outside the encrypted blocks, so only padding_length onwards
 * is aligned. Packets are framed and encrypted in place in the output
 * buffer: no allocation per packet once the buffer has grown.
 *
 * RFC 4253 §7.1: between our KEXINIT and our NEWKEYS only transport and
 * kex messages may be sent; others are held in s->deferred (bounded) and
 * sent after NEWKEYS.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/cipher.h"
#include "crypto/mac.h"
#include "transport/compress.h"
#include "transport/session.h"

bool sshc_msg_allowed_during_kex(uint8_t msg)
{
    /* RFC 4253 §7.1: transport layer generic messages (1 to 19, except
     * SERVICE_REQUEST and SERVICE_ACCEPT), and 20 to 49. */
    return (msg >= 1 && msg <= 4) || (msg >= 20 && msg <= 49);
}

bool sshc_packet_held(const sshc_session *s)
{
    return s->kex.in_progress && s->kex.our_kexinit_sent && !s->kex.newkeys_sent;
}

/* Make room for n more bytes at out_len; compacts first, then grows. */
static int out_reserve(sshc_session *s, size_t n)
{
    /* The named limit holds for what waits to be sent, whatever the buffer's capacity. */
    if (s->out_len - s->out_start + n > SSHC_OUTPUT_HIGH_WATER + 2 * s->cfg->max_packet) {
        return sshc_session_fail(s, SSHC_E_LIMIT, "output buffer limit reached (peer not reading)");
    }
    if (s->out_cap - s->out_len >= n) {
        return SSHC_OK;
    }
    if (s->out_start > 0) {
        memmove(s->out, s->out + s->out_start, s->out_len - s->out_start);
        s->out_len -= s->out_start;
        s->out_start = 0;
        if (s->out_cap - s->out_len >= n) {
            return SSHC_OK;
        }
    }
    size_t need = s->out_len + n;
    size_t cap = s->out_cap * 2;
    if (cap < need) {
        cap = need;
    }
    uint8_t *nb = realloc(s->out, cap);
    if (nb == NULL) {
        return sshc_session_fail(s, SSHC_E_NOMEM, "out of memory growing the output buffer");
    }
    s->out = nb;
    s->out_cap = cap;
    return SSHC_OK;
}

/*
 * Frame hdr||body as one packet at the end of the output buffer. The two
 * parts let channel data go from the caller's buffer to the packet with a
 * single copy.
 */
static int frame_plain(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *body,
                       size_t blen, bool traced)
{
    struct sshc_dir *d = &s->tx;
    size_t plen = hlen + blen;
    size_t bs = d->block;
    size_t aligned = (d->aad ? 0 : 4) + 1 + plen;
    size_t pad = bs - aligned % bs;
    if (pad < SSHC_MIN_PADDING) {
        pad += bs;
    }
    size_t packet_length = 1 + plen + pad;
    size_t total = 4 + packet_length + d->trailer;
    if (plen > s->cfg->max_packet) {
        return sshc_session_fail(s, SSHC_E_PACKET_TOO_LARGE, "outgoing packet too large");
    }
    int r = out_reserve(s, total);
    if (r != SSHC_OK) {
        return r;
    }
    uint8_t *p = s->out + s->out_len;
    sshc_store_u32be(p, (uint32_t)packet_length);
    p[4] = (uint8_t)pad;
    memcpy(p + 5, hdr, hlen);
    if (blen > 0) {
        memcpy(p + 5 + hlen, body, blen);
    }
    /* The whole plaintext payload is contiguous here, before encryption: trace it. */
    if (s->cfg->trace != NULL && !traced) {
        s->cfg->trace(s->cfg->trace_ctx, true, p + 5, plen);
    }
    /* RFC 4253 §6: random padding. */
    r = sshc_session_random(s, p + 5 + plen, pad);
    if (r != SSHC_OK) {
        return r;
    }
    size_t clen = 4 + packet_length; /* what is encrypted and authenticated */
    uint8_t *trailer = p + clen;
    if (d->cipher != NULL && d->cipher->tag_len > 0) {
        r = sshc_cipher_aead_seal(d->cipher_ctx, d->seqnr, p, clen, trailer);
    } else if (d->cipher != NULL && d->mac->etm) {
        r = sshc_cipher_crypt(d->cipher_ctx, p + 4, packet_length);
        if (r == SSHC_OK) {
            r = sshc_mac_compute(d->mac_ctx, d->seqnr, p, clen, trailer);
        }
    } else if (d->cipher != NULL) {
        /* RFC 4253 §6.4: the MAC is over the plaintext. */
        r = sshc_mac_compute(d->mac_ctx, d->seqnr, p, clen, trailer);
        if (r == SSHC_OK) {
            r = sshc_cipher_crypt(d->cipher_ctx, p, clen);
        }
    }
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "packet encryption failed");
    }
    s->out_len += total;
    d->seqnr++; /* RFC 4253 §6.4: wraps modulo 2^32 */
    d->packets++;
    d->bytes += total;
    return SSHC_OK;
}

/* Frame one payload, compressed first when a zlib stream is running (compress.c). */
static int frame(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *body,
                 size_t blen)
{
    if (s->z_tx == NULL) {
        return frame_plain(s, hdr, hlen, body, blen, false);
    }
    if (s->cfg->trace != NULL) {
        /* The trace shows plaintext payloads; with compression they are not contiguous. */
        sshc_bld t;
        sshc_bld_init(&t, hlen + blen);
        t.secret = true;
        sshc_bld_bytes(&t, hdr, hlen);
        sshc_bld_bytes(&t, body, blen);
        if (sshc_bld_err(&t) == SSHC_OK) {
            s->cfg->trace(s->cfg->trace_ctx, true, t.buf, t.len);
        }
        sshc_bld_clear(&t);
    }
    const uint8_t *z;
    size_t zlen;
    int r = sshc_comp_deflate(s, hdr, hlen, body, blen, &z, &zlen);
    return r == SSHC_OK ? frame_plain(s, z, zlen, NULL, 0, true) : r;
}

static int send_parts(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *body,
                      size_t blen)
{
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    if (hlen == 0) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "empty payload");
    }
    if (sshc_packet_held(s) && !sshc_msg_allowed_during_kex(hdr[0])) {
        /* Held until our NEWKEYS: [uint32 length][payload]. */
        if (s->deferred.len + 4 + hlen + blen > SSHC_MAX_DEFERRED) {
            return sshc_session_fail(s, SSHC_E_LIMIT, "too much queued during key exchange");
        }
        sshc_bld_u32(&s->deferred, (uint32_t)(hlen + blen));
        sshc_bld_bytes(&s->deferred, hdr, hlen);
        sshc_bld_bytes(&s->deferred, body, blen);
        if (sshc_bld_err(&s->deferred) != SSHC_OK) {
            return sshc_session_fail(s, sshc_bld_err(&s->deferred), "deferring a packet failed");
        }
        return SSHC_OK;
    }
    return frame(s, hdr, hlen, body, blen);
}

int sshc_packet_send(sshc_session *s, const uint8_t *payload, size_t len)
{
    return send_parts(s, payload, len, NULL, 0);
}

int sshc_packet_send_data(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *data,
                          size_t len)
{
    return send_parts(s, hdr, hlen, data, len);
}

int sshc_packet_begin(sshc_session *s, sshc_bld *b)
{
    sshc_bld_init(b, s->cfg->max_packet);
    return SSHC_OK;
}

int sshc_packet_end(sshc_session *s, sshc_bld *b)
{
    int r = sshc_bld_err(b);
    if (r != SSHC_OK) {
        r = sshc_session_fail(s, r, "building a packet failed");
    } else {
        r = sshc_packet_send(s, b->buf, b->len);
    }
    sshc_bld_clear(b);
    return r;
}

int sshc_packet_flush_deferred(sshc_session *s)
{
    sshc_cur c;
    sshc_cur_init(&c, s->deferred.buf, s->deferred.len);
    int r = SSHC_OK;
    while (r == SSHC_OK && sshc_cur_left(&c) > 0) {
        const uint8_t *p;
        size_t n;
        sshc_cur_string(&c, &p, &n);
        r = c.err != SSHC_OK ? SSHC_E_INTERNAL : sshc_packet_send(s, p, n);
    }
    sshc_bld_reset(&s->deferred);
    return r;
}

int sshc_session_output(sshc_session *s, const uint8_t **data, size_t *len)
{
    if (s == NULL || data == NULL || len == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *data = s->out + s->out_start;
    *len = s->out_len - s->out_start;
    return SSHC_OK;
}

int sshc_session_output_done(sshc_session *s, size_t n)
{
    if (s == NULL || n > s->out_len - s->out_start) {
        return SSHC_E_INVALID_ARG;
    }
    s->out_start += n;
    if (s->out_start == s->out_len) {
        s->out_start = s->out_len = 0;
    }
    return SSHC_OK;
}

size_t sshc_session_output_pending(const sshc_session *s)
{
    return s ? s->out_len - s->out_start : 0;
}
