/*
 * The writer for RFC 4251 §5 types (see builder.h).
 */
#include "core/builder.h"

#include <stdlib.h>
#include <string.h>

#include "core/cursor.h"
#include "core/mem.h"
#include "sshcore.h"

void sshc_bld_init(sshc_bld *b, size_t max)
{
    memset(b, 0, sizeof(*b));
    b->max = max;
}

void sshc_bld_init_fixed(sshc_bld *b, void *storage, size_t cap)
{
    memset(b, 0, sizeof(*b));
    b->buf = storage;
    b->cap = cap;
    b->max = cap;
    b->fixed = true;
}

void sshc_bld_clear(sshc_bld *b)
{
    if (b->secret && b->buf != NULL) {
        sshc_wipe(b->buf, b->cap);
    }
    if (!b->fixed) {
        free(b->buf);
        b->buf = NULL;
        b->cap = 0;
    }
    b->len = 0;
    b->err = SSHC_OK;
}

void sshc_bld_reset(sshc_bld *b)
{
    if (b->secret && b->buf != NULL) {
        sshc_wipe(b->buf, b->len);
    }
    b->len = 0;
    b->err = SSHC_OK;
}

int sshc_bld_err(const sshc_bld *b)
{
    return b->err;
}

uint8_t *sshc_bld_reserve(sshc_bld *b, size_t n)
{
    if (b->err != SSHC_OK) {
        return NULL;
    }
    if (n > b->max || b->len > b->max - n) {
        b->err = SSHC_E_LIMIT;
        return NULL;
    }
    size_t need = b->len + n;
    /* Allocate even for n == 0, so the pointer returned is never NULL + 0. */
    if (need > b->cap || b->buf == NULL) {
        if (b->fixed) {
            b->err = SSHC_E_LIMIT;
            return NULL;
        }
        size_t cap = b->cap ? b->cap : 256;
        while (cap < need) {
            cap = cap > b->max / 2 ? b->max : cap * 2;
        }
        uint8_t *nb = malloc(cap);
        if (nb == NULL) {
            b->err = SSHC_E_NOMEM;
            return NULL;
        }
        if (b->buf != NULL) {
            memcpy(nb, b->buf, b->len);
            if (b->secret) {
                sshc_wipe(b->buf, b->cap);
            }
            free(b->buf);
        }
        b->buf = nb;
        b->cap = cap;
    }
    return b->buf + b->len;
}

uint8_t *sshc_bld_append(sshc_bld *b, size_t n)
{
    uint8_t *p = sshc_bld_reserve(b, n);
    if (p != NULL) {
        b->len += n;
    }
    return p;
}

int sshc_bld_bytes(sshc_bld *b, const void *p, size_t n)
{
    uint8_t *d = sshc_bld_append(b, n);
    if (d != NULL && n > 0) {
        memcpy(d, p, n);
    }
    return b->err;
}

int sshc_bld_u8(sshc_bld *b, uint8_t v)
{
    return sshc_bld_bytes(b, &v, 1);
}

int sshc_bld_bool(sshc_bld *b, bool v)
{
    return sshc_bld_u8(b, v ? 1 : 0);
}

int sshc_bld_u32(sshc_bld *b, uint32_t v)
{
    uint8_t *d = sshc_bld_append(b, 4);
    if (d != NULL) {
        sshc_store_u32be(d, v);
    }
    return b->err;
}

int sshc_bld_u64(sshc_bld *b, uint64_t v)
{
    uint8_t *d = sshc_bld_append(b, 8);
    if (d != NULL) {
        sshc_store_u64be(d, v);
    }
    return b->err;
}

int sshc_bld_string(sshc_bld *b, const void *p, size_t n)
{
    if (n > UINT32_MAX) {
        b->err = b->err ? b->err : SSHC_E_LIMIT;
        return b->err;
    }
    sshc_bld_u32(b, (uint32_t)n);
    return sshc_bld_bytes(b, p, n);
}

int sshc_bld_cstring(sshc_bld *b, const char *s)
{
    return sshc_bld_string(b, s, strlen(s));
}

int sshc_bld_mpint_unsigned(sshc_bld *b, const uint8_t *p, size_t n)
{
    /* RFC 4251 §5: no leading zero bytes, but a 0x00 before a set top bit. */
    while (n > 0 && p[0] == 0) {
        p++;
        n--;
    }
    bool pad = n > 0 && (p[0] & 0x80) != 0;
    if (n > UINT32_MAX - 1) {
        b->err = b->err ? b->err : SSHC_E_LIMIT;
        return b->err;
    }
    sshc_bld_u32(b, (uint32_t)(n + (pad ? 1 : 0)));
    if (pad) {
        sshc_bld_u8(b, 0);
    }
    return sshc_bld_bytes(b, p, n);
}

int sshc_bld_string_begin(sshc_bld *b, size_t *mark)
{
    *mark = b->len;
    return sshc_bld_u32(b, 0);
}

int sshc_bld_string_end(sshc_bld *b, size_t mark)
{
    if (b->err != SSHC_OK) {
        return b->err;
    }
    size_t n = b->len - mark - 4;
    if (n > UINT32_MAX) {
        b->err = SSHC_E_LIMIT;
        return b->err;
    }
    sshc_store_u32be(b->buf + mark, (uint32_t)n);
    return SSHC_OK;
}
