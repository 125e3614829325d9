/*
 * Secret wiping and small allocation helpers (see mem.h).
 */
#define _DEFAULT_SOURCE
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

void sshc_wipe(void *p, size_t n)
{
    if (p != NULL && n > 0) {
        /* glibc >= 2.25: a memset the optimiser must keep. */
        explicit_bzero(p, n);
    }
}

void sshc_free_secret(void *p, size_t n)
{
    if (p != NULL) {
        sshc_wipe(p, n);
        free(p);
    }
}

void *sshc_calloc(size_t n, size_t size)
{
    return calloc(n, size); /* calloc checks n * size for overflow */
}

char *sshc_strdup(const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}
