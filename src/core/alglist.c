/* Algorithm list assembly (see alglist.h). */
#include "core/alglist.h"

#include <stdbool.h>
#include <string.h>

#include "core/pattern.h"
#include "sshcore.h"

#define MAX_SPEC 4096

/* Is name (len) already in the comma list out? */
static bool has_name(const char *out, const char *name, size_t len)
{
    for (const char *p = out; *p;) {
        size_t n = strcspn(p, ",");
        if (n == len && memcmp(p, name, len) == 0) {
            return true;
        }
        p += n + (p[n] == ',');
    }
    return false;
}

static int append(char *out, size_t cap, const char *name, size_t len)
{
    if (has_name(out, name, len)) {
        return SSHC_OK;
    }
    size_t used = strlen(out);
    if (used + (used > 0) + len + 1 > cap) {
        return SSHC_E_LIMIT;
    }
    if (used > 0) {
        out[used++] = ',';
    }
    memcpy(out + used, name, len);
    out[used + len] = '\0';
    return SSHC_OK;
}

static bool is_pattern(const char *p, size_t len)
{
    return memchr(p, '*', len) != NULL || memchr(p, '?', len) != NULL;
}

/* Does name match any pattern in the comma list pats? */
static bool matches_any(const char *pats, const char *name, size_t len)
{
    for (const char *p = pats; *p;) {
        size_t n = strcspn(p, ",");
        if (sshc_glob_match(p, n, name, len)) {
            return true;
        }
        p += n + (p[n] == ',');
    }
    return false;
}

/* Copy a comma list into buf, dropping names that match a pattern in removed. */
static int copy_without(char *buf, size_t cap, const char *list, const char *removed)
{
    buf[0] = '\0';
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n > 0 && (removed == NULL || !matches_any(removed, p, n))) {
            int r = append(buf, cap, p, n);
            if (r != SSHC_OK) {
                return r;
            }
        }
        p += n + (p[n] == ',');
    }
    return SSHC_OK;
}

/* Join a and b (comma lists) into buf. */
static int join(char *buf, size_t cap, const char *a, const char *b)
{
    int r = copy_without(buf, cap, a, NULL);
    char tail[MAX_SPEC];
    if (r == SSHC_OK) {
        r = copy_without(tail, sizeof(tail), b, NULL);
    }
    for (const char *p = tail; r == SSHC_OK && *p;) {
        size_t n = strcspn(p, ",");
        r = append(buf, cap, p, n);
        p += n + (p[n] == ',');
    }
    return r;
}

int sshc_alglist_assemble(const char *spec, const char *defaults, const char *all, char *out,
                          size_t cap)
{
    if (spec == NULL || defaults == NULL || all == NULL || out == NULL || cap == 0 ||
        strlen(spec) >= MAX_SPEC) {
        return SSHC_E_INVALID_ARG;
    }
    char wanted[MAX_SPEC];
    int r;
    switch (spec[0]) {
    case '+': r = join(wanted, sizeof(wanted), defaults, spec + 1); break;
    case '^': r = join(wanted, sizeof(wanted), spec + 1, defaults); break;
    case '-': r = copy_without(wanted, sizeof(wanted), defaults, spec + 1); break;
    default: r = copy_without(wanted, sizeof(wanted), spec, NULL); break;
    }
    if (r != SSHC_OK) {
        return r;
    }
    char result[MAX_SPEC] = "";
    for (const char *p = wanted; *p && r == SSHC_OK;) {
        size_t n = strcspn(p, ",");
        bool found = false;
        /* Expand each element against every supported name, in table order. */
        for (const char *a = all; *a && r == SSHC_OK;) {
            size_t an = strcspn(a, ",");
            bool hit = is_pattern(p, n) ? sshc_glob_match(p, n, a, an)
                                        : an == n && memcmp(a, p, n) == 0;
            if (hit) {
                found = true;
                r = append(result, sizeof(result), a, an);
            }
            a += an + (a[an] == ',');
        }
        if (r == SSHC_OK && !found && !is_pattern(p, n) && spec[0] != '-') {
            r = SSHC_E_UNSUPPORTED;
        }
        p += n + (p[n] == ',');
    }
    if (r == SSHC_OK && result[0] == '\0') {
        r = SSHC_E_INVALID_ARG;
    }
    if (r == SSHC_OK && strlen(result) >= cap) {
        r = SSHC_E_LIMIT;
    }
    if (r == SSHC_OK) {
        memcpy(out, result, strlen(result) + 1);
    }
    return r;
}
