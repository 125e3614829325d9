/*
 * Memory helpers that every layer uses: wiping secrets, and checked size
 * arithmetic. Constant-time comparison lives in crypto/ (sshc_ct_equal),
 * next to the primitives whose outputs it compares.
 */
#ifndef SSHC_CORE_MEM_H
#define SSHC_CORE_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* Overwrite n bytes with zeros in a way the compiler may not elide. */
void sshc_wipe(void *p, size_t n);
/* Wipe then free; NULL is a no-op. */
void sshc_free_secret(void *p, size_t n);
/* calloc that fails on overflow; NULL on failure. */
void *sshc_calloc(size_t n, size_t size);
/* strdup; NULL on failure or NULL input. */
char *sshc_strdup(const char *s);
/* a + b without overflow: false if it would overflow. */
static inline bool sshc_add_ok(size_t a, size_t b, size_t *out)
{
    if (a > (size_t)-1 - b) {
        return false;
    }
    *out = a + b;
    return true;
}

#endif
