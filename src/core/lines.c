/* Line and token scanning (see lines.h). */
#include "core/lines.h"

#include <string.h>

bool sshc_next_line(const uint8_t *data, size_t len, size_t *pos, const char **line,
                    size_t *line_len)
{
    while (*pos < len) {
        const uint8_t *start = data + *pos;
        size_t rest = len - *pos;
        const uint8_t *nl = memchr(start, '\n', rest);
        size_t n = nl != NULL ? (size_t)(nl - start) : rest;
        *pos += nl != NULL ? n + 1 : n;
        if (n > SSHC_MAX_TEXT_LINE) {
            continue; /* overlong: skipped */
        }
        if (n > 0 && start[n - 1] == '\r') {
            n--;
        }
        *line = (const char *)start;
        *line_len = n;
        return true;
    }
    return false;
}

bool sshc_is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

bool sshc_next_token(const char **p, const char *end, const char **tok, size_t *tok_len)
{
    const char *s = *p;
    while (s < end && sshc_is_blank(*s)) {
        s++;
    }
    if (s == end) {
        *p = s;
        return false;
    }
    const char *t = s;
    while (s < end && !sshc_is_blank(*s)) {
        s++;
    }
    *tok = t;
    *tok_len = (size_t)(s - t);
    *p = s;
    return true;
}
