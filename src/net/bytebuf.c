/* Byte FIFO (see bytebuf.h). */
#include "net/bytebuf.h"

#include <stdlib.h>
#include <string.h>

#include "sshcore.h"

int sshc_bytebuf_append(struct sshc_bytebuf *b, const uint8_t *p, size_t n)
{
    if (b->start > 0 && b->start + b->len + n > b->cap) {
        memmove(b->data, b->data + b->start, b->len);
        b->start = 0;
    }
    if (b->start + b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 16 * 1024;
        while (cap < b->len + n) {
            cap *= 2;
        }
        uint8_t *d = realloc(b->data, cap);
        if (d == NULL) {
            return SSHC_E_NOMEM;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->start + b->len, p, n);
    b->len += n;
    return SSHC_OK;
}

void sshc_bytebuf_drop(struct sshc_bytebuf *b, size_t n)
{
    b->start += n;
    b->len -= n;
    if (b->len == 0) {
        b->start = 0;
    }
}

void sshc_bytebuf_free(struct sshc_bytebuf *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}
