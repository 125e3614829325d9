/*
 * known_hosts (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): look a host key up
 * and append new lines.
 *
 * Each line is "[marker] hostpatterns keytype base64 [comment]". Markers:
 * "@revoked" (the key must never be accepted) and "@cert-authority"
 * (skipped: certificates are not supported yet). Host patterns are a
 * comma-separated list of names with '*' and '?' wildcards, '!' negation
 * (a matching negated pattern excludes the whole line) and hashed names
 * "|1|base64(salt)|base64(HMAC-SHA1(salt, name))".
 *
 * Every line is untrusted: the contents are not NUL-terminated, lines
 * longer than SSHC_MAX_TEXT_LINE are skipped, and lines that do not parse (wrong
 * field count, unknown key type, bad base64) are skipped, never an error.
 *
 * Unlike OpenSSH, an @revoked line revokes its key whatever its host
 * patterns say: a revoked key is refused for every host.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/known_hosts.h"
#include "core/base64.h"
#include "core/lines.h"
#include "core/pattern.h"
#include "crypto/ct.h"
#include "crypto/hash.h"
#include "crypto/key.h"
#include "sshcore.h"

#define KH_MAX_HOST 1024
#define KH_HASH_LEN 20
#define KH_MAX_SALT 64
#define KH_SKIP (-1) /* line_key_is: the key fields do not parse */

/*
 * A hashed name "|1|salt|hash" against name. Returns 1 on a match, 0 when
 * it does not match or is malformed, negative on a crypto failure.
 */
static int hashed_match(const char *pat, size_t plen, const char *name, size_t nlen)
{
    if (plen < 3 || memcmp(pat, "|1|", 3) != 0) {
        return 0;
    }
    const char *salt64 = pat + 3;
    const char *bar = memchr(salt64, '|', plen - 3);
    if (bar == NULL) {
        return 0;
    }
    const char *hash64 = bar + 1;
    size_t salt64_len = (size_t)(bar - salt64);
    size_t hash64_len = plen - (size_t)(hash64 - pat);
    uint8_t salt[KH_MAX_SALT], want[KH_HASH_LEN + 4], got[KH_HASH_LEN];
    size_t salt_len = 0, want_len = 0;
    if (salt64_len == 0 || hash64_len == 0 ||
        sshc_base64_decode(salt64, salt64_len, salt, sizeof(salt), &salt_len) != SSHC_OK ||
        sshc_base64_decode(hash64, hash64_len, want, sizeof(want), &want_len) != SSHC_OK ||
        want_len != KH_HASH_LEN) {
        return 0;
    }
    int r = sshc_hmac_sha1(salt, salt_len, (const uint8_t *)name, nlen, got);
    if (r != SSHC_OK) {
        return r;
    }
    return sshc_ct_equal(got, want, KH_HASH_LEN) ? 1 : 0;
}

/*
 * The host field (comma-separated patterns) against name (already
 * lowercased). Returns 1 when a pattern matches and no negated one does,
 * 0 otherwise, negative on a crypto failure.
 */
static int hosts_match(const char *field, size_t flen, const char *name, size_t nlen)
{
    bool matched = false;
    const char *p = field, *end = field + flen;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *pe = comma != NULL ? comma : end;
        const char *pat = p;
        size_t plen = (size_t)(pe - p);
        bool negated = plen > 0 && pat[0] == '!';
        if (negated) {
            pat++;
            plen--;
        }
        if (plen > 0) {
            int m;
            if (pat[0] == '|') {
                m = hashed_match(pat, plen, name, nlen);
                if (m < 0) {
                    return m;
                }
            } else {
                m = sshc_glob_match(pat, plen, name, nlen) ? 1 : 0;
            }
            if (m == 1) {
                if (negated) {
                    return 0; /* a negated match excludes the line */
                }
                matched = true;
            }
        }
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return matched ? 1 : 0;
}

/*
 * Is the line's key (its type and base64 fields) key? 1 or 0; KH_SKIP when
 * the fields do not parse (unknown type, bad base64); SSHC_E_NOMEM.
 */
static int line_key_is(const char *type, size_t type_len, const char *b64, size_t b64_len,
                       const sshc_key *key)
{
    sshc_key *k = NULL;
    int r = sshc_key_from_text(type, type_len, b64, b64_len, &k);
    if (r == SSHC_E_NOMEM) {
        return r;
    }
    if (r != SSHC_OK) {
        return KH_SKIP;
    }
    bool same = sshc_key_equal_public(k, key);
    sshc_key_free(k);
    return same ? 1 : 0;
}

/* The lookup name: host (port 22) or "[host]:port", lowercased, into buf. */
static int lookup_name(const char *host, uint16_t port, char *buf, size_t cap, size_t *out_len)
{
    size_t hlen = strlen(host);
    if (hlen == 0 || hlen > KH_MAX_HOST) {
        return SSHC_E_INVALID_ARG;
    }
    int n = port == 22 ? snprintf(buf, cap, "%s", host)
                       : snprintf(buf, cap, "[%s]:%u", host, (unsigned)port);
    if (n < 0 || (size_t)n >= cap) {
        return SSHC_E_INVALID_ARG;
    }
    for (int i = 0; i < n; i++) {
        buf[i] = sshc_ascii_lower(buf[i]);
    }
    *out_len = (size_t)n;
    return SSHC_OK;
}

int sshc_known_hosts_check(const uint8_t *data, size_t len, const char *host, uint16_t port,
                           const sshc_key *key)
{
    if ((data == NULL && len > 0) || host == NULL || key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    char name[KH_MAX_HOST + 16];
    size_t name_len = 0;
    int r = lookup_name(host, port, name, sizeof(name), &name_len);
    if (r != SSHC_OK) {
        return r;
    }
    bool found_ok = false, found_other = false, revoked = false;
    size_t pos = 0;
    const char *line;
    size_t line_len;
    while (sshc_next_line(data, len, &pos, &line, &line_len)) {
        const char *p = line, *end = line + line_len;
        const char *tok, *hosts, *type, *b64;
        size_t tok_len, hosts_len, type_len, b64_len;
        if (!sshc_next_token(&p, end, &tok, &tok_len) || tok[0] == '#') {
            continue; /* blank or comment */
        }
        bool is_revoked = false;
        if (tok[0] == '@') {
            if (tok_len == 8 && memcmp(tok, "@revoked", 8) == 0) {
                is_revoked = true;
            } else {
                continue; /* @cert-authority (not supported yet) or unknown marker */
            }
            if (!sshc_next_token(&p, end, &tok, &tok_len)) {
                continue;
            }
        }
        hosts = tok;
        hosts_len = tok_len;
        if (!sshc_next_token(&p, end, &type, &type_len) || !sshc_next_token(&p, end, &b64, &b64_len)) {
            continue; /* too few fields */
        }
        if (is_revoked) {
            int same = line_key_is(type, type_len, b64, b64_len, key);
            if (same == SSHC_E_NOMEM) {
                return same;
            }
            if (same == 1) {
                revoked = true;
            }
            continue;
        }
        int m = hosts_match(hosts, hosts_len, name, name_len);
        if (m < 0) {
            return m;
        }
        if (m == 0) {
            continue;
        }
        int same = line_key_is(type, type_len, b64, b64_len, key);
        if (same == SSHC_E_NOMEM) {
            return same;
        }
        if (same == 1) {
            found_ok = true;
        } else if (same == 0) {
            found_other = true;
        }
    }
    if (revoked) {
        return SSHC_KNOWN_HOST_REVOKED;
    }
    if (found_ok) {
        return SSHC_KNOWN_HOST_OK;
    }
    return found_other ? SSHC_KNOWN_HOST_CHANGED : SSHC_KNOWN_HOST_NOT_FOUND;
}

int sshc_known_hosts_format_line(const char *host, uint16_t port, const sshc_key *key,
                                 char **out)
{
    *out = NULL;
    if (host == NULL || key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    size_t hlen = strlen(host);
    if (hlen == 0 || hlen > KH_MAX_HOST || strpbrk(host, " \t\r\n,#|!*?@[]") != NULL) {
        return SSHC_E_INVALID_ARG; /* would not read back as this host */
    }
    char *keyline = NULL;
    int r = sshc_key_format_public_line(key, NULL, &keyline);
    if (r != SSHC_OK) {
        return r;
    }
    size_t cap = hlen + strlen(keyline) + 32;
    char *line = malloc(cap);
    if (line == NULL) {
        free(keyline);
        return SSHC_E_NOMEM;
    }
    int n = port == 22 ? snprintf(line, cap, "%s %s\n", host, keyline)
                       : snprintf(line, cap, "[%s]:%u %s\n", host, (unsigned)port, keyline);
    free(keyline);
    if (n < 0 || (size_t)n >= cap) {
        free(line);
        return SSHC_E_INVALID_ARG;
    }
    *out = line;
    return SSHC_OK;
}
