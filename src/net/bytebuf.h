/*
 * A FIFO of bytes for the drivers: data that arrived but cannot be passed
 * on yet (a full pipe, an application that has not read). The window that
 * lets the bytes in is what bounds it.
 */
#ifndef SSHC_NET_BYTEBUF_H
#define SSHC_NET_BYTEBUF_H

#include <stddef.h>
#include <stdint.h>

struct sshc_bytebuf {
    uint8_t *data;
    size_t start, len, cap;
};

/* Append n bytes (grows by doubling); SSHC_E_NOMEM on failure. */
int sshc_bytebuf_append(struct sshc_bytebuf *b, const uint8_t *p, size_t n);
/* The first n bytes were used. */
void sshc_bytebuf_drop(struct sshc_bytebuf *b, size_t n);
void sshc_bytebuf_free(struct sshc_bytebuf *b);

#endif
