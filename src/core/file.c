/* Whole-file reads (see file.h). */
#include "core/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "sshcore.h"

int sshc_read_file(const char *path, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return errno == ENOENT ? SSHC_E_NOT_FOUND : SSHC_E_IO;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    int r = buf == NULL ? SSHC_E_NOMEM : SSHC_OK;
    while (r == SSHC_OK) {
        if (n == cap) {
            if (cap >= SSHC_MAX_FILE) {
                r = SSHC_E_LIMIT;
                break;
            }
            cap *= 2;
            uint8_t *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                r = SSHC_E_NOMEM;
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            r = ferror(f) ? SSHC_E_IO : SSHC_OK;
            break;
        }
    }
    fclose(f);
    if (r != SSHC_OK) {
        free(buf);
        return r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SSHC_OK;
}
