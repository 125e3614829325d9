/*
 * Identification string exchange, RFC 4253 §4.2.
 *
 *   SSH-protoversion-softwareversion SP comments CR LF
 *
 * Our line is at most 255 bytes including CR LF. The peer's is accepted
 * with or without the CR (as OpenSSH does) and, counting CR LF, at most
 * 255 bytes. A client also accepts up to SSHC_MAX_PRE_BANNER_LINES other
 * lines before it (§4.2: "the server MAY send other lines of data before
 * sending the version string"), each at most SSHC_VERSION_MAX_ACCEPTED
 * bytes; a server accepts none. Protocol versions "2.0" and "1.99" are
 * accepted (§5.1); anything else is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "transport/session.h"

int sshc_version_send(sshc_session *s)
{
    int n = snprintf(s->our_version, sizeof(s->our_version), "SSH-2.0-%s",
                     s->cfg->software_version);
    if (n < 0 || (size_t)n + 2 > SSHC_VERSION_MAX_SENT) {
        return sshc_session_fail(s, SSHC_E_INVALID_ARG, "identification string too long");
    }
    /* The only raw (unframed) bytes the session ever writes. */
    if (s->out_len + (size_t)n + 2 > s->out_cap) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "output buffer too small for version");
    }
    memcpy(s->out + s->out_len, s->our_version, (size_t)n);
    memcpy(s->out + s->out_len + (size_t)n, "\r\n", 2);
    s->out_len += (size_t)n + 2;
    return SSHC_OK;
}

static bool is_ssh_line(const uint8_t *p, size_t n)
{
    return n >= 4 && memcmp(p, "SSH-", 4) == 0;
}

static int accept_identification(sshc_session *s, const uint8_t *line, size_t n)
{
    /* n excludes LF and CR. §4.2: 255 bytes including CR LF. */
    if (n + 2 > SSHC_VERSION_MAX_SENT) {
        return sshc_session_fail(s, SSHC_E_BAD_VERSION, "identification string longer than 255 bytes");
    }
    for (size_t i = 0; i < n; i++) {
        if (line[i] == 0 || line[i] == '\r') {
            return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                     "identification string contains a NUL or CR byte");
        }
    }
    const uint8_t *proto = line + 4;
    size_t rest = n - 4;
    bool v20 = rest >= 4 && memcmp(proto, "2.0-", 4) == 0;
    bool v199 = rest >= 5 && memcmp(proto, "1.99-", 5) == 0;
    if (!v20 && !v199) {
        return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                 "peer does not speak SSH protocol 2.0: \"%.*s\"",
                                 (int)(n > 64 ? 64 : n), (const char *)line);
    }
    s->peer_version = malloc(n + 1);
    if (s->peer_version == NULL) {
        return sshc_session_fail(s, SSHC_E_NOMEM, "out of memory");
    }
    memcpy(s->peer_version, line, n);
    s->peer_version[n] = '\0';
    sshc_session_log(s, SSHC_LOG_INFO, "peer identification: %s", s->peer_version);
    return SSHC_OK;
}

int sshc_version_recv(sshc_session *s, bool *done)
{
    *done = false;
    while (s->in_len > s->in_start) {
        const uint8_t *p = s->in + s->in_start;
        size_t avail = s->in_len - s->in_start;
        const uint8_t *lf = memchr(p, '\n', avail);
        bool ssh = avail >= 4 ? is_ssh_line(p, avail) : (memcmp(p, "SSH-", avail) == 0);
        size_t limit = ssh ? SSHC_VERSION_MAX_SENT - 1 : SSHC_VERSION_MAX_ACCEPTED;
        if (lf == NULL) {
            if (avail > limit) {
                return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                         "identification line not terminated within %zu bytes",
                                         limit);
            }
            if (!ssh && s->role == SSHC_ROLE_SERVER && avail >= 4) {
                return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                         "client did not start with an SSH- identification");
            }
            return SSHC_OK; /* need more bytes */
        }
        size_t line_len = (size_t)(lf - p);
        size_t consumed = line_len + 1;
        if (line_len > 0 && p[line_len - 1] == '\r') {
            line_len--;
        }
        if (line_len + 1 > limit + 1) {
            return sshc_session_fail(s, SSHC_E_BAD_VERSION, "identification line too long");
        }
        if (is_ssh_line(p, line_len)) {
            int r = accept_identification(s, p, line_len);
            s->in_start += consumed;
            if (r == SSHC_OK) {
                *done = true;
            }
            return r;
        }
        /* §4.2: only a server may send lines before its identification. */
        if (s->role == SSHC_ROLE_SERVER) {
            return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                     "client sent a line that is not an SSH- identification");
        }
        if (++s->pre_banner_lines > SSHC_MAX_PRE_BANNER_LINES) {
            return sshc_session_fail(s, SSHC_E_BAD_VERSION,
                                     "more than %d lines before the identification",
                                     SSHC_MAX_PRE_BANNER_LINES);
        }
        if (memchr(p, 0, line_len) != NULL) {
            return sshc_session_fail(s, SSHC_E_BAD_VERSION, "NUL byte before the identification");
        }
        s->in_start += consumed;
    }
    return SSHC_OK;
}
