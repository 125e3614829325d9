/*
 * The bounded sticky reader (see cursor.h). RFC 4251 §5 defines the
 * encodings: byte, boolean, uint32, uint64, string, mpint, name-list.
 */
#include "core/cursor.h"

#include <string.h>

#include "sshcore.h"

void sshc_cur_init(sshc_cur *c, const void *p, size_t len)
{
    c->p = p;
    c->len = len;
    c->err = SSHC_OK;
}

int sshc_cur_fail(sshc_cur *c, int err)
{
    if (c->err == SSHC_OK) {
        c->err = err;
    }
    c->len = 0;
    return c->err;
}

/* Take n bytes or fail with TRUNCATED; the one place that advances. */
static const uint8_t *take(sshc_cur *c, size_t n)
{
    if (c->err != SSHC_OK) {
        return NULL;
    }
    if (n > c->len) {
        sshc_cur_fail(c, SSHC_E_TRUNCATED);
        return NULL;
    }
    const uint8_t *p = c->p;
    c->p += n;
    c->len -= n;
    return p;
}

uint32_t sshc_load_u32be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
           (uint32_t)p[3];
}

void sshc_store_u32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void sshc_store_u64be(uint8_t *p, uint64_t v)
{
    sshc_store_u32be(p, (uint32_t)(v >> 32));
    sshc_store_u32be(p + 4, (uint32_t)v);
}

int sshc_cur_u8(sshc_cur *c, uint8_t *out)
{
    const uint8_t *p = take(c, 1);
    *out = p ? p[0] : 0;
    return c->err;
}

int sshc_cur_bool(sshc_cur *c, bool *out)
{
    uint8_t v;
    sshc_cur_u8(c, &v);
    /* RFC 4251 §5: any non-zero value is TRUE. */
    *out = v != 0;
    return c->err;
}

int sshc_cur_u32(sshc_cur *c, uint32_t *out)
{
    const uint8_t *p = take(c, 4);
    *out = p ? sshc_load_u32be(p) : 0;
    return c->err;
}

int sshc_cur_u64(sshc_cur *c, uint64_t *out)
{
    const uint8_t *p = take(c, 8);
    *out = p ? ((uint64_t)sshc_load_u32be(p) << 32) | sshc_load_u32be(p + 4) : 0;
    return c->err;
}

int sshc_cur_bytes(sshc_cur *c, size_t n, const uint8_t **out)
{
    *out = take(c, n);
    return c->err;
}

int sshc_cur_string(sshc_cur *c, const uint8_t **p, size_t *len)
{
    uint32_t n;
    sshc_cur_u32(c, &n);
    *p = take(c, n);
    *len = *p ? n : 0;
    return c->err;
}

int sshc_cur_string_cur(sshc_cur *c, sshc_cur *sub)
{
    const uint8_t *p;
    size_t n;
    sshc_cur_string(c, &p, &n);
    sshc_cur_init(sub, p, n);
    sub->err = c->err;
    return c->err;
}

int sshc_cur_cstring(sshc_cur *c, char *buf, size_t cap)
{
    const uint8_t *p;
    size_t n;
    if (cap > 0) {
        buf[0] = '\0';
    }
    if (sshc_cur_string(c, &p, &n) != SSHC_OK) {
        return c->err;
    }
    if (n >= cap || memchr(p, 0, n) != NULL) {
        return sshc_cur_fail(c, SSHC_E_BAD_STRING);
    }
    memcpy(buf, p, n);
    buf[n] = '\0';
    return SSHC_OK;
}

int sshc_cur_name_list(sshc_cur *c, const uint8_t **p, size_t *len)
{
    if (sshc_cur_string(c, p, len) != SSHC_OK) {
        return c->err;
    }
    if (*len > SSHC_MAX_NAME_LIST_BYTES) {
        *p = NULL;
        *len = 0;
        return sshc_cur_fail(c, SSHC_E_LIMIT);
    }
    const uint8_t *v = *p;
    size_t n = *len, names = 0, start = 0;
    bool bad = false;
    for (size_t i = 0; n > 0 && i <= n && !bad; i++) {
        if (i < n && v[i] != ',') {
            /* RFC 4251 §6: printable US-ASCII, no spaces or controls. */
            bad = v[i] <= 0x20 || v[i] >= 0x7f;
            continue;
        }
        /* RFC 4251 §5: a name MUST have non-zero length; §6: at most 64. */
        size_t name_len = i - start;
        bad = name_len == 0 || name_len > SSHC_MAX_ALG_NAME;
        names++;
        start = i + 1;
    }
    if (bad || names > SSHC_MAX_NAME_LIST_NAMES) {
        *p = NULL;
        *len = 0;
        return sshc_cur_fail(c, SSHC_E_BAD_NAME_LIST);
    }
    return SSHC_OK;
}

int sshc_cur_mpint(sshc_cur *c, size_t max_len, bool allow_negative, const uint8_t **p,
                   size_t *len)
{
    if (sshc_cur_string(c, p, len) != SSHC_OK) {
        return c->err;
    }
    const uint8_t *v = *p;
    size_t n = *len;
    bool bad = n > max_len;
    if (!bad && n > 0) {
        /* RFC 4251 §5: no unnecessary leading 0x00 or 0xff bytes. */
        if (n > 1 && v[0] == 0x00 && (v[1] & 0x80) == 0) {
            bad = true;
        }
        if (n > 1 && v[0] == 0xff && (v[1] & 0x80) != 0) {
            bad = true;
        }
        if (n == 1 && v[0] == 0x00) {
            bad = true; /* zero is the empty string */
        }
        if ((v[0] & 0x80) != 0 && !allow_negative) {
            bad = true;
        }
    }
    if (bad) {
        *p = NULL;
        *len = 0;
        return sshc_cur_fail(c, SSHC_E_BAD_MPINT);
    }
    return SSHC_OK;
}

int sshc_cur_end(const sshc_cur *c)
{
    if (c->err != SSHC_OK) {
        return c->err;
    }
    return c->len == 0 ? SSHC_OK : SSHC_E_TRAILING_DATA;
}

void sshc_name_iter_init(sshc_name_iter *it, const uint8_t *p, size_t len)
{
    it->p = p;
    it->len = len;
}

bool sshc_name_iter_next(sshc_name_iter *it, const uint8_t **name, size_t *len)
{
    while (it->len > 0) {
        const uint8_t *comma = memchr(it->p, ',', it->len);
        size_t n = comma ? (size_t)(comma - it->p) : it->len;
        *name = it->p;
        *len = n;
        it->p += comma ? n + 1 : n;
        it->len -= comma ? n + 1 : n;
        if (n > 0) {
            return true;
        }
    }
    *name = NULL;
    *len = 0;
    return false;
}

bool sshc_name_list_has(const uint8_t *list, size_t list_len, const char *name)
{
    size_t want = strlen(name);
    sshc_name_iter it;
    const uint8_t *n;
    size_t nl;
    sshc_name_iter_init(&it, list, list_len);
    while (sshc_name_iter_next(&it, &n, &nl)) {
        if (nl == want && memcmp(n, name, nl) == 0) {
            return true;
        }
    }
    return false;
}
