/*
 * sshc_bld: the writer for RFC 4251 §5 data types.
 *
 * A builder writes either into fixed storage the caller owns
 * (sshc_bld_init_fixed) or into a heap buffer that grows up to a hard
 * maximum (sshc_bld_init). Errors are sticky like the cursor's: after the
 * first failure every put is a no-op and sshc_bld_err() reports it. A
 * builder marked secret wipes its storage on reset, on growth and on clear.
 */
#ifndef SSHC_CORE_BUILDER_H
#define SSHC_CORE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sshc_bld {
    uint8_t *buf;
    size_t len;
    size_t cap;
    size_t max;
    int err;
    bool fixed;  /* buf belongs to the caller, never grown or freed */
    bool secret; /* wipe on reset, growth and clear */
} sshc_bld;

/* A growable builder; max bounds its size (SSHC_E_LIMIT beyond). */
void sshc_bld_init(sshc_bld *b, size_t max);
/* A builder over caller storage of cap bytes. */
void sshc_bld_init_fixed(sshc_bld *b, void *storage, size_t cap);
/* Frees (and wipes if secret) a growable builder's buffer. */
void sshc_bld_clear(sshc_bld *b);
/* Empties the builder, keeping its storage; clears the error. */
void sshc_bld_reset(sshc_bld *b);
/* Ensure room for n more bytes; returns a pointer to them (NULL on error). */
uint8_t *sshc_bld_reserve(sshc_bld *b, size_t n);
/* Reserve and account n bytes; the caller fills them. */
uint8_t *sshc_bld_append(sshc_bld *b, size_t n);
int sshc_bld_err(const sshc_bld *b);

int sshc_bld_u8(sshc_bld *b, uint8_t v);
int sshc_bld_bool(sshc_bld *b, bool v);
int sshc_bld_u32(sshc_bld *b, uint32_t v);
int sshc_bld_u64(sshc_bld *b, uint64_t v);
int sshc_bld_bytes(sshc_bld *b, const void *p, size_t n);
int sshc_bld_string(sshc_bld *b, const void *p, size_t n);
int sshc_bld_cstring(sshc_bld *b, const char *s);
/* An mpint from an unsigned big-endian magnitude (leading zeros are stripped). */
int sshc_bld_mpint_unsigned(sshc_bld *b, const uint8_t *p, size_t n);
/* Nested length prefix: begin writes a placeholder, end fills it in. */
int sshc_bld_string_begin(sshc_bld *b, size_t *mark);
int sshc_bld_string_end(sshc_bld *b, size_t mark);

#endif
