/* Packet compression with zlib (see compress.h). */
#include "transport/compress.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/mem.h"

struct sshc_zstream {
    z_stream z;
    bool deflating;
    uint8_t *buf; /* output of the last call */
    size_t cap;
};

enum sshc_comp_method sshc_comp_method_of(const char *name)
{
    if (strcmp(name, "zlib") == 0) {
        return SSHC_COMP_ZLIB;
    }
    if (strcmp(name, "zlib@openssh.com") == 0) {
        return SSHC_COMP_ZLIB_DELAYED;
    }
    return SSHC_COMP_NONE;
}

static void zs_free(struct sshc_zstream *zs)
{
    if (zs == NULL) {
        return;
    }
    if (zs->deflating) {
        deflateEnd(&zs->z);
    } else {
        inflateEnd(&zs->z);
    }
    sshc_free_secret(zs->buf, zs->cap);
    free(zs);
}

void sshc_comp_free(sshc_session *s)
{
    zs_free(s->z_tx);
    zs_free(s->z_rx);
    s->z_tx = s->z_rx = NULL;
}

static int zs_new(bool deflating, struct sshc_zstream **out)
{
    struct sshc_zstream *zs = calloc(1, sizeof(*zs));
    if (zs == NULL) {
        return SSHC_E_NOMEM;
    }
    zs->deflating = deflating;
    int zr = deflating ? deflateInit(&zs->z, Z_DEFAULT_COMPRESSION) : inflateInit(&zs->z);
    if (zr != Z_OK) {
        free(zs);
        return SSHC_E_NOMEM;
    }
    *out = zs;
    return SSHC_OK;
}

static bool due(const sshc_session *s, enum sshc_comp_method m)
{
    return m == SSHC_COMP_ZLIB || (m == SSHC_COMP_ZLIB_DELAYED && s->authenticated);
}

int sshc_comp_update(sshc_session *s)
{
    int r = SSHC_OK;
    if (s->z_tx == NULL && due(s, s->comp_tx)) {
        r = zs_new(true, &s->z_tx);
    }
    if (r == SSHC_OK && s->z_rx == NULL && due(s, s->comp_rx)) {
        r = zs_new(false, &s->z_rx);
    }
    return r == SSHC_OK ? r : sshc_session_fail(s, r, "starting compression failed");
}

static int grow(struct sshc_zstream *zs, size_t want, size_t limit)
{
    if (want <= zs->cap) {
        return SSHC_OK;
    }
    if (want > limit) {
        return SSHC_E_PACKET_TOO_LARGE;
    }
    uint8_t *nb = malloc(want);
    if (nb == NULL) {
        return SSHC_E_NOMEM;
    }
    if (zs->buf != NULL) {
        sshc_free_secret(zs->buf, zs->cap);
    }
    zs->buf = nb;
    zs->cap = want;
    return SSHC_OK;
}

/* Run deflate over one input part, appending to zs->buf from *used. */
static int deflate_part(struct sshc_zstream *zs, const uint8_t *in, size_t len, int flush,
                        size_t *used, size_t limit)
{
    zs->z.next_in = (Bytef *)(uintptr_t)in;
    zs->z.avail_in = (uInt)len;
    for (;;) {
        if (zs->cap - *used < 64) {
            size_t old = *used;
            uint8_t *keep = zs->buf;
            size_t keep_cap = zs->cap;
            zs->buf = NULL;
            zs->cap = 0;
            int r = grow(zs, keep_cap * 2 + 1024, limit);
            if (r != SSHC_OK) {
                zs->buf = keep;
                zs->cap = keep_cap;
                return r;
            }
            if (keep != NULL) {
                memcpy(zs->buf, keep, old);
                sshc_free_secret(keep, keep_cap);
            }
        }
        zs->z.next_out = zs->buf + *used;
        zs->z.avail_out = (uInt)(zs->cap - *used);
        int zr = deflate(&zs->z, flush);
        *used = zs->cap - zs->z.avail_out;
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            return SSHC_E_INTERNAL;
        }
        /* Done when all input is taken and deflate left room (nothing more pending). */
        if (zs->z.avail_in == 0 && zs->z.avail_out > 0) {
            return SSHC_OK;
        }
    }
}

int sshc_comp_deflate(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *body,
                      size_t blen, const uint8_t **out, size_t *out_len)
{
    struct sshc_zstream *zs = s->z_tx;
    size_t used = 0;
    /* Compressed data may exceed the input slightly; the frame limit still applies after. */
    size_t limit = 2 * s->cfg->max_packet + 1024;
    int r = grow(zs, hlen + blen + hlen / 8 + blen / 8 + 256, limit);
    if (r == SSHC_OK) {
        r = deflate_part(zs, hdr, hlen, blen > 0 ? Z_NO_FLUSH : Z_PARTIAL_FLUSH, &used, limit);
    }
    if (r == SSHC_OK && blen > 0) {
        r = deflate_part(zs, body, blen, Z_PARTIAL_FLUSH, &used, limit);
    }
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "compressing a packet failed");
    }
    *out = zs->buf;
    *out_len = used;
    return SSHC_OK;
}

int sshc_comp_inflate(sshc_session *s, const uint8_t *in, size_t len, const uint8_t **out,
                      size_t *out_len)
{
    struct sshc_zstream *zs = s->z_rx;
    /* One byte over the limit tells "too large" from "exactly the limit". */
    size_t limit = s->cfg->max_packet + 1;
    int r = grow(zs, limit, limit);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "out of memory for decompression");
    }
    zs->z.next_in = (Bytef *)(uintptr_t)in;
    zs->z.avail_in = (uInt)len;
    zs->z.next_out = zs->buf;
    zs->z.avail_out = (uInt)limit;
    int zr;
    do {
        zr = inflate(&zs->z, Z_SYNC_FLUSH);
    } while (zr == Z_OK && zs->z.avail_in > 0 && zs->z.avail_out > 0);
    size_t produced = limit - zs->z.avail_out;
    if (produced >= limit) {
        return sshc_session_fail(s, SSHC_E_PACKET_TOO_LARGE,
                                 "decompressed packet exceeds %zu bytes", s->cfg->max_packet);
    }
    if ((zr != Z_OK && zr != Z_BUF_ERROR) || zs->z.avail_in > 0 || produced == 0) {
        return sshc_session_fail(s, SSHC_E_BAD_PACKET, "corrupt compressed packet");
    }
    *out = zs->buf;
    *out_len = produced;
    return SSHC_OK;
}
