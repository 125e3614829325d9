/*
 * authorized_keys (sshd(8), "AUTHORIZED_KEYS FILE FORMAT"): is a public key
 * listed?
 *
 * Each line is "[options] keytype base64 [comment]". The options field is
 * comma-separated and may hold double-quoted strings with spaces and
 * commas (command="echo a b",no-pty). As OpenSSH does, the first two tokens
 * are tried as a key; when they do not parse, the options field is skipped
 * (respecting quotes) and the next two are tried.
 *
 * Options are NOT enforced yet: a listed key matches whatever its options
 * say (command=, from=, restrict, ... are ignored).
 *
 * Every line is untrusted: the contents are not NUL-terminated, lines
 * longer than SSHC_MAX_TEXT_LINE are skipped, and lines that do not parse
 * (unknown key type, bad base64, too few fields) are skipped, not errors.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/lines.h"
#include "crypto/key.h"
#include "sshcore.h"


/*
 * Skip the options field starting at p: up to the first blank outside
 * double quotes (a backslash inside quotes escapes the next character).
 * Returns the position after it, or NULL when a quote is left open.
 */
static const char *skip_options(const char *p, const char *end)
{
    bool quoted = false;
    while (p < end && (quoted || !sshc_is_blank(*p))) {
        if (quoted && *p == '\\' && p + 1 < end) {
            p += 2;
            continue;
        }
        if (*p == '"') {
            quoted = !quoted;
        }
        p++;
    }
    return quoted ? NULL : p;
}

/* Try type/base64 as key: 1 same, 0 other or unparseable, SSHC_E_NOMEM. */
static int try_key(const char *type, size_t type_len, const char *b64, size_t b64_len,
                   const sshc_key *key, bool *parsed)
{
    sshc_key *k = NULL;
    int r = sshc_key_from_text(type, type_len, b64, b64_len, &k);
    *parsed = r == SSHC_OK;
    if (r == SSHC_E_NOMEM) {
        return r;
    }
    if (r != SSHC_OK) {
        return 0;
    }
    bool same = sshc_key_equal_public(k, key);
    sshc_key_free(k);
    return same ? 1 : 0;
}

int sshc_authorized_keys_match(const uint8_t *data, size_t len, const sshc_key *key)
{
    if ((data == NULL && len > 0) || key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    size_t pos = 0;
    const char *line;
    size_t line_len;
    while (sshc_next_line(data, len, &pos, &line, &line_len)) {
        const char *p = line, *end = line + line_len;
        const char *t1, *t2;
        size_t t1_len, t2_len;
        if (!sshc_next_token(&p, end, &t1, &t1_len) || t1[0] == '#') {
            continue; /* blank or comment */
        }
        bool parsed = false;
        if (sshc_next_token(&p, end, &t2, &t2_len)) {
            int r = try_key(t1, t1_len, t2, t2_len, key, &parsed);
            if (r != 0) {
                return r; /* 1, or SSHC_E_NOMEM */
            }
        }
        if (parsed) {
            continue; /* a key without options, not this one */
        }
        /* The first token was not a key type: skip the options field. */
        p = skip_options(t1, end);
        if (p == NULL || !sshc_next_token(&p, end, &t1, &t1_len) ||
            !sshc_next_token(&p, end, &t2, &t2_len)) {
            continue;
        }
        int r = try_key(t1, t1_len, t2, t2_len, key, &parsed);
        if (r != 0) {
            return r;
        }
    }
    return 0;
}

