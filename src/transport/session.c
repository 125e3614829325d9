/*
 * sshc_session: the public entry points of the sans-I/O core. Bytes come in
 * through sshc_session_recv, go out through sshc_session_output, time
 * through sshc_session_tick; events are pulled with sshc_session_poll_event
 * and decisions answered with sshc_session_reply. Nothing here touches a
 * socket, a file or a clock.
 *
 * Input is processed one packet at a time, and processing pauses while
 * events wait to be polled or a decision waits for its answer, so an
 * event's borrowed pointers (into the input buffer) stay valid and a slow
 * application is never overrun: it simply stops feeding bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/key.h"
#include "transport/compress.h"
#include "transport/kex.h"
#include "transport/session.h"

#define SSHC_INPUT_INITIAL (16u * 1024u)
#define SSHC_OUTPUT_INITIAL (16u * 1024u)

sshc_session *sshc_session_new(const sshc_config *cfg)
{
    if (cfg == NULL) {
        return NULL;
    }
    sshc_session *s = sshc_calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    s->cfg = cfg;
    s->role = cfg->role;
    s->in = malloc(SSHC_INPUT_INITIAL);
    s->out = malloc(SSHC_OUTPUT_INITIAL);
    if (s->in == NULL || s->out == NULL) {
        sshc_session_free(s);
        return NULL;
    }
    s->in_cap = SSHC_INPUT_INITIAL;
    s->out_cap = SSHC_OUTPUT_INITIAL;
    sshc_dir_clear(&s->rx);
    sshc_dir_clear(&s->tx);
    sshc_bld_init(&s->kex.our_kexinit, 64 * 1024);
    sshc_bld_init(&s->kex.peer_kexinit, 64 * 1024);
    sshc_bld_init(&s->kex.shared, 4096);
    s->kex.shared.secret = true;
    sshc_bld_init(&s->deferred, SSHC_MAX_DEFERRED + 64 * 1024);
    sshc_bld_init(&s->ev_arena, cfg->max_packet + 4096);
    if (s->role == SSHC_ROLE_SERVER && cfg->login_grace_s > 0) {
        s->auth.deadline_ms = UINT64_MAX; /* armed at the first tick */
    }
    /* Our identification and KEXINIT go out at once (RFC 4253 §4.2, §7.1). */
    if (sshc_version_send(s) != SSHC_OK || sshc_kex_start(s) != SSHC_OK) {
        sshc_session_free(s);
        return NULL;
    }
    return s;
}

void sshc_session_free(sshc_session *s)
{
    if (s == NULL) {
        return;
    }
    sshc_channels_free(s);
    sshc_auth_clear(&s->auth);
    sshc_kex_clear(&s->kex);
    sshc_dir_clear(&s->rx);
    sshc_dir_clear(&s->tx);
    sshc_comp_free(s);
    sshc_key_free(s->server_hostkey);
    /* Decrypted payloads and plaintext waiting to be sent may be secret. */
    sshc_free_secret(s->in, s->in_cap);
    sshc_free_secret(s->out, s->out_cap);
    s->deferred.secret = true;
    sshc_bld_clear(&s->deferred);
    s->ev_arena.secret = true;
    sshc_bld_clear(&s->ev_arena);
    free(s->peer_version);
    sshc_wipe(s->session_id, sizeof(s->session_id));
    free(s);
}

int sshc_session_random(sshc_session *s, uint8_t *buf, size_t len)
{
    if (s->cfg->rng(s->cfg->rng_ctx, buf, len) != 0) {
        return sshc_session_fail(s, SSHC_E_CRYPTO, "random number generator failed");
    }
    return SSHC_OK;
}

void sshc_session_log(sshc_session *s, enum sshc_log_level level, const char *fmt, ...)
{
    if (s->cfg->log == NULL || level > s->cfg->log_level) {
        return;
    }
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    s->cfg->log(s->cfg->log_ctx, level, line);
}

int sshc_session_fail(sshc_session *s, int err, const char *fmt, ...)
{
    if (s->err != SSHC_OK) {
        return s->err; /* the first error is the one that counts */
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->detail, sizeof(s->detail), fmt, ap);
    va_end(ap);
    sshc_session_log(s, SSHC_LOG_ERROR, "%s (%s)", s->detail, sshc_strerror(err));
    /* Set first: a failure while sending the DISCONNECT below returns at the top. */
    s->err = err;
    /* RFC 4253 §11.1: tell the peer why, when the error has a reason code. */
    uint32_t reason = sshc_err_disconnect_reason(err);
    if (reason != 0 && !s->closed && s->ts != SSHC_TS_EXPECT_VERSION) {
        /* Sent even during kex: DISCONNECT is a transport message. */
        (void)sshc_disconnect_send(s, reason, s->detail);
    }
    s->closed = true;
    s->ts = SSHC_TS_CLOSED;
    return err;
}

static bool paused(const sshc_session *s)
{
    return s->ev_count > 0 || s->decision_kind != SSHC_DECIDE_NONE;
}

static void trace_in(sshc_session *s)
{
    if (s->cfg->trace != NULL) {
        s->cfg->trace(s->cfg->trace_ctx, false, s->payload, s->payload_len);
    }
}

/* Process buffered input until it runs out, an event is queued or a decision is pending. */
static int process(sshc_session *s)
{
    while (!s->closed && !paused(s)) {
        if (s->ts == SSHC_TS_EXPECT_VERSION) {
            bool done;
            int r = sshc_version_recv(s, &done);
            if (r != SSHC_OK || !done) {
                return r;
            }
            s->ts = SSHC_TS_EXPECT_KEXINIT;
            continue;
        }
        bool got;
        int r = sshc_packet_read(s, &got);
        if (r != SSHC_OK || !got) {
            return r;
        }
        trace_in(s);
        r = sshc_dispatch(s, s->payload, s->payload_len);
        if (r == SSHC_OK) {
            r = sshc_rekey_check(s);
        }
        if (r != SSHC_OK) {
            return r;
        }
    }
    return s->closed ? s->err : SSHC_OK;
}

int sshc_session_recv(sshc_session *s, const uint8_t *data, size_t len, size_t *used)
{
    if (used != NULL) {
        *used = 0;
    }
    if (s == NULL || used == NULL || (data == NULL && len > 0)) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->in_callback) {
        return SSHC_E_REENTRANT;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    if (paused(s)) {
        return SSHC_OK;
    }
    if (len == 0) {
        s->eof_seen = true;
        s->closed = true;
        s->ts = SSHC_TS_CLOSED;
        s->err = SSHC_E_EOF;
        snprintf(s->detail, sizeof(s->detail), "connection closed by peer");
        return SSHC_E_EOF;
    }
    /* Nothing borrowed points into the buffer now: compact it. */
    if (s->in_start > 0) {
        memmove(s->in, s->in + s->in_start, s->in_len - s->in_start);
        s->in_len -= s->in_start;
        s->in_start = 0;
    }
    size_t n = s->in_cap - s->in_len;
    if (n > len) {
        n = len;
    }
    memcpy(s->in + s->in_len, data, n);
    s->in_len += n;
    *used = n;
    return process(s);
}

int sshc_session_tick(sshc_session *s, uint64_t now_ms)
{
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    s->now_ms = now_ms;
    if (s->kex.started_ms == 0) {
        s->kex.started_ms = now_ms; /* keys installed before the first tick */
    }
    if (s->closed) {
        return s->err;
    }
    if (s->auth.deadline_ms == UINT64_MAX) {
        s->auth.deadline_ms = now_ms + (uint64_t)s->cfg->login_grace_s * 1000u;
    }
    /* sshd_config(5) LoginGraceTime: the unauthenticated connection ends. */
    if (s->role == SSHC_ROLE_SERVER && !s->authenticated && s->auth.deadline_ms != 0 &&
        now_ms >= s->auth.deadline_ms) {
        return sshc_session_fail(s, SSHC_E_TIMEOUT, "authentication not completed in %u seconds",
                                 s->cfg->login_grace_s);
    }
    return sshc_rekey_check(s);
}

uint64_t sshc_session_deadline(const sshc_session *s)
{
    if (s == NULL || s->closed) {
        return UINT64_MAX;
    }
    if (s->role == SSHC_ROLE_SERVER && !s->authenticated && s->auth.deadline_ms != 0) {
        return s->auth.deadline_ms == UINT64_MAX ? s->now_ms : s->auth.deadline_ms;
    }
    if (s->cfg->rekey_seconds != 0 && s->kex.done_once && !s->kex.in_progress) {
        return s->kex.started_ms + (uint64_t)s->cfg->rekey_seconds * 1000u;
    }
    return UINT64_MAX;
}

int sshc_session_reply(sshc_session *s, uint32_t decision, enum sshc_decision answer)
{
    if (s == NULL || decision == 0 || decision != s->decision_id ||
        s->decision_kind == SSHC_DECIDE_NONE) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    enum sshc_decision_kind kind = s->decision_kind;
    bool allow = answer == SSHC_ALLOW; /* anything but an explicit ALLOW denies */
    s->decision_kind = SSHC_DECIDE_NONE;
    s->decision_id = 0;
    int r;
    switch (kind) {
    case SSHC_DECIDE_HOSTKEY:
        r = sshc_kex_hostkey_reply(s, allow);
        break;
    case SSHC_DECIDE_AUTH:
        r = sshc_userauth_decided(s, allow);
        break;
    case SSHC_DECIDE_CHANNEL_OPEN:
        r = sshc_channel_open_decided(s, s->decision_channel, allow);
        break;
    case SSHC_DECIDE_CHANNEL_REQUEST:
        r = sshc_channel_request_decided(s, s->decision_channel, s->decision_want_reply, allow);
        break;
    default:
        r = sshc_session_fail(s, SSHC_E_INTERNAL, "unknown decision kind");
        break;
    }
    if (r != SSHC_OK) {
        return r;
    }
    return process(s);
}

int sshc_session_process(sshc_session *s)
{
    return s->in_callback ? SSHC_OK : process(s);
}

int sshc_session_disconnect(sshc_session *s, uint32_t reason, const char *description)
{
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return SSHC_OK;
    }
    int r = SSHC_OK;
    if (s->ts != SSHC_TS_EXPECT_VERSION) {
        r = sshc_disconnect_send(s, reason, description);
    }
    s->closed = true;
    s->ts = SSHC_TS_CLOSED;
    s->err = SSHC_E_CLOSED;
    snprintf(s->detail, sizeof(s->detail), "disconnected: %s", description ? description : "");
    return r;
}

int sshc_session_error(const sshc_session *s)
{
    return s ? s->err : SSHC_E_INVALID_ARG;
}

const char *sshc_session_error_detail(const sshc_session *s)
{
    if (s == NULL) {
        return "";
    }
    return s->detail[0] != '\0' ? s->detail : sshc_strerror(s->err);
}

bool sshc_session_is_closed(const sshc_session *s)
{
    return s == NULL || s->closed;
}

bool sshc_session_is_authenticated(const sshc_session *s)
{
    return s != NULL && s->authenticated;
}

const char *sshc_session_get_algorithm(const sshc_session *s, const char *what)
{
    static const char *const keys[] = {"kex",      "hostkey",  "cipher_ctos", "cipher_stoc",
                                       "mac_ctos", "mac_stoc", "comp_ctos",   "comp_stoc"};
    if (s == NULL || what == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < 8; i++) {
        if (strcmp(what, keys[i]) == 0) {
            return s->kex.names[i][0] ? s->kex.names[i] : NULL;
        }
    }
    return NULL;
}

const char *sshc_session_peer_version(const sshc_session *s)
{
    return s ? s->peer_version : NULL;
}
