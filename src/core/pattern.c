/* Glob patterns (see pattern.h). */
#include "core/pattern.h"

bool sshc_glob_match(const char *pat, size_t plen, const char *name, size_t nlen)
{
    size_t p = 0, i = 0, star_p = 0, star_i = 0;
    bool star = false;
    while (i < nlen) {
        if (p < plen && pat[p] == '*') {
            star = true;
            star_p = p++;
            star_i = i;
        } else if (p < plen && (pat[p] == '?' || sshc_ascii_lower(pat[p]) == sshc_ascii_lower(name[i]))) {
            p++;
            i++;
        } else if (star) {
            p = star_p + 1;
            i = ++star_i;
        } else {
            return false;
        }
    }
    while (p < plen && pat[p] == '*') {
        p++;
    }
    return p == plen;
}
