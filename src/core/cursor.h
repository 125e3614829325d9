/*
 * sshc_cur: the bounded, sticky reader for RFC 4251 §5 data types.
 *
 * Every byte that comes from a peer or from a file is read through this
 * type. A cursor never owns memory and never allocates. After the first
 * failed read every later read is a no-op that zeroes its outputs and keeps
 * the first error, so a parser can be written in the order of the message
 * layout and check once, at sshc_cur_end().
 *
 * Views (sub-cursors, string pointers) point into the input and live as
 * long as it does.
 */
#ifndef SSHC_CORE_CURSOR_H
#define SSHC_CORE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sshc_cur {
    const uint8_t *p;
    size_t len;
    int err;
} sshc_cur;

/* RFC 4251 §6: names are at most 64 characters. */
#define SSHC_MAX_ALG_NAME 64
/* DESIGN.md limits: names per name-list. */
#define SSHC_MAX_NAME_LIST_NAMES 128
/* Upper bound on a name-list in bytes (names * (64 + comma)). */
#define SSHC_MAX_NAME_LIST_BYTES (SSHC_MAX_NAME_LIST_NAMES * (SSHC_MAX_ALG_NAME + 1))

void sshc_cur_init(sshc_cur *c, const void *p, size_t len);

int sshc_cur_u8(sshc_cur *c, uint8_t *out);
int sshc_cur_bool(sshc_cur *c, bool *out);
int sshc_cur_u32(sshc_cur *c, uint32_t *out);
int sshc_cur_u64(sshc_cur *c, uint64_t *out);
/* n raw bytes; *out points into the input (NULL on error). */
int sshc_cur_bytes(sshc_cur *c, size_t n, const uint8_t **out);
/* A length-prefixed string as a view. */
int sshc_cur_string(sshc_cur *c, const uint8_t **p, size_t *len);
/* A length-prefixed string as a sub-cursor. */
int sshc_cur_string_cur(sshc_cur *c, sshc_cur *sub);
/*
 * A length-prefixed string copied into buf (NUL-terminated). Rejects
 * embedded NUL bytes and strings longer than cap - 1 (OpenSSH's cstring
 * rule), with SSHC_E_BAD_STRING.
 */
int sshc_cur_cstring(sshc_cur *c, char *buf, size_t cap);
/*
 * A name-list (RFC 4251 §5) as a view: printable US-ASCII without spaces,
 * no empty names, at most SSHC_MAX_NAME_LIST_NAMES names of at most
 * SSHC_MAX_ALG_NAME bytes each. An empty list is allowed (len 0).
 */
int sshc_cur_name_list(sshc_cur *c, const uint8_t **p, size_t *len);
/*
 * An mpint (RFC 4251 §5) as a view of its two's complement bytes. Rejects
 * non-canonical encodings (superfluous leading 0x00 or 0xff) and, unless
 * allow_negative, negative values. max_len bounds the encoded length.
 */
int sshc_cur_mpint(sshc_cur *c, size_t max_len, bool allow_negative,
                   const uint8_t **p, size_t *len);
/* Everything consumed and no error: SSHC_OK; else the sticky error or SSHC_E_TRAILING_DATA. */
int sshc_cur_end(const sshc_cur *c);
/* Fail the cursor with err (if it has not failed already); returns the sticky error. */
int sshc_cur_fail(sshc_cur *c, int err);

static inline size_t sshc_cur_left(const sshc_cur *c) { return c->len; }

/*
 * Fixed-width big-endian loads and stores for code that works on raw
 * buffers it owns (packet headers, nonces). Only cursor.c and builder.c
 * define byte-order conversions; everything else calls these.
 */
uint32_t sshc_load_u32be(const uint8_t *p);
void sshc_store_u32be(uint8_t *p, uint32_t v);
void sshc_store_u64be(uint8_t *p, uint64_t v);

/* Split helper for name-lists: iterate names of a comma-separated list. */
typedef struct sshc_name_iter {
    const uint8_t *p;
    size_t len;
} sshc_name_iter;
void sshc_name_iter_init(sshc_name_iter *it, const uint8_t *p, size_t len);
/* Next name as a view; false at the end. */
bool sshc_name_iter_next(sshc_name_iter *it, const uint8_t **name, size_t *len);
/* Does the comma-separated list contain exactly this name? */
bool sshc_name_list_has(const uint8_t *list, size_t list_len, const char *name);

#endif
