/*
 * The blocking client driver (sshcore.h, "Blocking client"): a socket, a
 * client session, and a loop that moves bytes between them until the
 * condition a call waits for holds. Every wait is one function, io_round,
 * so timeouts, output flushing and event handling live in one place.
 *
 * Channel data arriving in events is copied into a per-channel buffer and
 * the window is reopened (sshc_channel_consume) only when the application
 * takes it out, so the buffer never holds more than the window we gave.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "net/bytebuf.h"
#include "net/socket.h"
#include "sshcore.h"

#define MAX_CLIENT_CHANNELS 64
#define MAX_METHODS 256
#define MAX_BANNER 8192


struct client_channel {
    bool used;
    bool opened, open_failed;
    bool replied, request_ok;
    bool eof, closed;
    bool has_exit;
    int exit_status;
    char exit_signal[32];
    struct sshc_bytebuf out[2]; /* stdout, stderr */
};

struct sshc_client {
    const sshc_config *cfg;
    sshc_session *s;
    int fd;
    char *known_hosts;
    enum sshc_hostkey_policy policy;
    sshc_hostkey_ask_fn ask;
    void *ask_ctx;
    unsigned connect_ms, io_ms;
    char host[256];
    uint16_t port;
    sshc_key *hostkey;
    int hostkey_err;       /* why we refused the host key */
    bool ready;
    bool auth_replied;
    int auth_code;
    char methods[MAX_METHODS];
    char *banner;
    bool peer_closed;      /* socket EOF */
    uint64_t deadline_ms;  /* end of the connect phase (0: none), from the connect timeout */
    uint8_t *in;           /* bytes read but not yet taken by the session */
    size_t in_start, in_len;
    struct client_channel ch[MAX_CLIENT_CHANNELS];
};

sshc_client *sshc_client_new(const sshc_config *cfg)
{
    if (cfg == NULL) {
        return NULL;
    }
    sshc_client *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return NULL;
    }
    c->cfg = cfg;
    c->fd = -1;
    c->policy = SSHC_HOSTKEY_REJECT;
    c->in = malloc(SSHC_IO_CHUNK);
    if (c->in == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

void sshc_client_free(sshc_client *c)
{
    if (c == NULL) {
        return;
    }
    sshc_client_disconnect(c);
    sshc_session_free(c->s);
    sshc_key_free(c->hostkey);
    for (size_t i = 0; i < MAX_CLIENT_CHANNELS; i++) {
        sshc_bytebuf_free(&c->ch[i].out[0]);
        sshc_bytebuf_free(&c->ch[i].out[1]);
    }
    free(c->known_hosts);
    free(c->banner);
    free(c->in);
    free(c);
}

int sshc_client_set_known_hosts(sshc_client *c, const char *path, enum sshc_hostkey_policy policy)
{
    if (c == NULL || (unsigned)policy > SSHC_HOSTKEY_ASK) {
        return SSHC_E_INVALID_ARG;
    }
    free(c->known_hosts);
    c->known_hosts = NULL;
    if (path != NULL && (c->known_hosts = sshc_strdup(path)) == NULL) {
        return SSHC_E_NOMEM;
    }
    c->policy = policy;
    return SSHC_OK;
}

int sshc_client_set_hostkey_ask(sshc_client *c, sshc_hostkey_ask_fn fn, void *ctx)
{
    if (c == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    c->ask = fn;
    c->ask_ctx = ctx;
    return SSHC_OK;
}

int sshc_client_set_timeouts(sshc_client *c, unsigned connect_ms, unsigned io_ms)
{
    if (c == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    c->connect_ms = connect_ms;
    c->io_ms = io_ms;
    return SSHC_OK;
}

sshc_session *sshc_client_session(sshc_client *c)
{
    return c != NULL ? c->s : NULL;
}

const sshc_key *sshc_client_host_key(const sshc_client *c)
{
    return c != NULL ? c->hostkey : NULL;
}

const char *sshc_client_auth_methods(const sshc_client *c)
{
    return c != NULL ? c->methods : "";
}

const char *sshc_client_banner(const sshc_client *c)
{
    return c != NULL ? c->banner : NULL;
}

/* ---- host key policy ------------------------------------------------------ */

static void log_msg(sshc_client *c, const char *fmt, const char *arg)
{
    (void)c;
    fprintf(stderr, fmt, arg);
}

static bool hostkey_acceptable(sshc_client *c, const sshc_key *key)
{
    sshc_key_free(c->hostkey);
    c->hostkey = NULL;
    if (sshc_key_dup(key, &c->hostkey) != SSHC_OK) {
        c->hostkey_err = SSHC_E_NOMEM;
        return false;
    }
    int st = SSHC_KNOWN_HOST_NOT_FOUND;
    if (c->known_hosts != NULL) {
        st = sshc_known_hosts_check_file(c->known_hosts, c->host, c->port, key);
        if (st < 0) {
            c->hostkey_err = st;
            return false;
        }
    }
    char fp[128] = "";
    sshc_key_fingerprint_sha256(key, fp, sizeof(fp));
    switch (st) {
    case SSHC_KNOWN_HOST_OK:
        return true;
    case SSHC_KNOWN_HOST_CHANGED:
    case SSHC_KNOWN_HOST_REVOKED:
        c->hostkey_err = st == SSHC_KNOWN_HOST_CHANGED ? SSHC_E_HOSTKEY_CHANGED
                                                       : SSHC_E_HOSTKEY_REJECTED;
        return false;
    default:
        break;
    }
    bool asked_yes = c->policy == SSHC_HOSTKEY_ASK && c->ask != NULL &&
                     c->ask(c->ask_ctx, c->host, c->port, key, fp);
    if (c->policy == SSHC_HOSTKEY_REJECT || (c->policy == SSHC_HOSTKEY_ASK && !asked_yes)) {
        c->hostkey_err = SSHC_E_HOSTKEY_REJECTED;
        return false;
    }
    if ((c->policy == SSHC_HOSTKEY_ACCEPT_NEW || asked_yes) && c->known_hosts != NULL) {
        int r = sshc_known_hosts_add_file(c->known_hosts, c->host, c->port, key);
        if (r != SSHC_OK) {
            c->hostkey_err = r;
            return false;
        }
        log_msg(c, "Permanently added the host key %s to the list of known hosts.\n", fp);
    } else {
        log_msg(c, "Warning: accepting unknown host key %s\n", fp);
    }
    return true;
}

/* ---- events --------------------------------------------------------------- */

static struct client_channel *chan(sshc_client *c, uint32_t id)
{
    return id < MAX_CLIENT_CHANNELS && c->ch[id].used ? &c->ch[id] : NULL;
}

static int handle_event(sshc_client *c, const sshc_event *ev)
{
    struct client_channel *ch = chan(c, ev->channel);
    switch (ev->type) {
    case SSHC_EV_HOSTKEY:
        return sshc_session_reply(c->s, ev->decision,
                                  hostkey_acceptable(c, ev->key) ? SSHC_ALLOW : SSHC_DENY);
    case SSHC_EV_READY:
        c->ready = true;
        break;
    case SSHC_EV_AUTH_BANNER:
        if (c->banner == NULL && ev->str != NULL) {
            c->banner = strndup(ev->str, MAX_BANNER);
        }
        break;
    case SSHC_EV_AUTH_RESULT:
        c->auth_replied = true;
        c->auth_code = (int)ev->code;
        snprintf(c->methods, sizeof(c->methods), "%s", ev->str ? ev->str : "");
        break;
    case SSHC_EV_CHANNEL_OPENED:
        if (ch) ch->opened = true;
        break;
    case SSHC_EV_CHANNEL_OPEN_FAILED:
        if (ch) ch->open_failed = true;
        break;
    case SSHC_EV_CHANNEL_REQUEST_RESULT:
        if (ch) {
            ch->replied = true;
            ch->request_ok = ev->flag;
        }
        break;
    case SSHC_EV_CHANNEL_DATA:
        if (ch == NULL || ev->code > 1) {
            return sshc_channel_consume(c->s, ev->channel, ev->len);
        }
        return sshc_bytebuf_append(&ch->out[ev->code], ev->data, ev->len);
    case SSHC_EV_CHANNEL_EOF:
        if (ch) ch->eof = true;
        break;
    case SSHC_EV_CHANNEL_EXIT_STATUS:
        if (ch) {
            ch->has_exit = true;
            ch->exit_status = (int)ev->code;
        }
        break;
    case SSHC_EV_CHANNEL_EXIT_SIGNAL:
        if (ch) {
            snprintf(ch->exit_signal, sizeof(ch->exit_signal), "%s", ev->str ? ev->str : "?");
        }
        break;
    case SSHC_EV_CHANNEL_CLOSED:
        if (ch) ch->closed = true;
        break;
    default:
        break;
    }
    return SSHC_OK;
}

/* Give buffered input to the session and handle the events it produces. */
static int feed(sshc_client *c)
{
    for (;;) {
        sshc_event ev;
        int got;
        while ((got = sshc_session_poll_event(c->s, &ev)) == 1) {
            int r = handle_event(c, &ev);
            if (r != SSHC_OK) {
                return r;
            }
        }
        if (c->in_len == 0 || sshc_session_is_closed(c->s)) {
            return SSHC_OK;
        }
        size_t used = 0;
        (void)sshc_session_recv(c->s, c->in + c->in_start, c->in_len, &used);
        c->in_start += used;
        c->in_len -= used;
        if (c->in_len == 0) {
            c->in_start = 0;
        }
        if (used == 0 && sshc_session_poll_event(c->s, &ev) == 0) {
            return SSHC_OK; /* paused on something only the application can resolve */
        }
        if (used == 0) {
            int r = handle_event(c, &ev);
            if (r != SSHC_OK) {
                return r;
            }
        }
    }
}

static int flush_output(sshc_client *c)
{
    const uint8_t *d;
    size_t n;
    sshc_session_output(c->s, &d, &n);
    while (n > 0) {
        ssize_t w = write(c->fd, d, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN ? SSHC_OK : SSHC_E_IO;
        }
        sshc_session_output_done(c->s, (size_t)w);
        sshc_session_output(c->s, &d, &n);
    }
    return SSHC_OK;
}

/* The session's own error when it has one, else r. */
static int session_err(sshc_client *c, int r)
{
    int e = c->s != NULL ? sshc_session_error(c->s) : SSHC_OK;
    if (c->hostkey_err != SSHC_OK) {
        return c->hostkey_err;
    }
    return e != SSHC_OK ? e : r;
}

/*
 * One round: flush, wait for the socket (and extra_fd for reading, when
 * >= 0), read, feed. *extra_ready says extra_fd became readable.
 */
static int io_round(sshc_client *c, int extra_fd, bool *extra_ready)
{
    int r = feed(c);
    if (r == SSHC_OK) {
        r = flush_output(c);
    }
    if (r != SSHC_OK) {
        return r;
    }
    if (sshc_session_is_closed(c->s)) {
        (void)flush_output(c);
        return session_err(c, SSHC_E_CLOSED);
    }
    struct pollfd p[2] = {{.fd = c->fd, .events = POLLIN}, {.fd = extra_fd, .events = POLLIN}};
    if (sshc_session_output_pending(c->s) > 0) {
        p[0].events |= POLLOUT;
    }
    if (c->in_len > 0 || c->peer_closed) {
        p[0].events &= (short)~POLLIN; /* the session is paused; it holds what we have */
    }
    uint64_t now = sshc_now_ms();
    uint64_t deadline = sshc_session_deadline(c->s);
    int timeout = c->io_ms ? (int)c->io_ms : -1;
    bool phase_limited = false;
    if (c->deadline_ms != 0) {
        /* Connect phase: the connect timeout covers the version exchange and kex too. */
        if (now >= c->deadline_ms) {
            return SSHC_E_TIMEOUT;
        }
        uint64_t left = c->deadline_ms - now;
        if (timeout < 0 || left < (uint64_t)timeout) {
            timeout = (int)left;
            phase_limited = true;
        }
    }
    if (deadline != UINT64_MAX) {
        uint64_t wait = deadline > now ? deadline - now : 0;
        if (timeout < 0 || wait < (uint64_t)timeout) {
            timeout = (int)(wait > 60000 ? 60000 : wait);
        }
    }
    int n = poll(p, extra_fd >= 0 ? 2 : 1, timeout);
    if (n < 0 && errno != EINTR) {
        return SSHC_E_IO;
    }
    sshc_session_tick(c->s, sshc_now_ms());
    if (n == 0 && (phase_limited || c->io_ms) &&
        (deadline == UINT64_MAX || sshc_now_ms() < deadline)) {
        return SSHC_E_TIMEOUT;
    }
    if (n > 0 && (p[0].revents & (POLLIN | POLLHUP | POLLERR)) && c->in_len == 0) {
        ssize_t got = read(c->fd, c->in, SSHC_IO_CHUNK);
        if (got > 0) {
            c->in_start = 0;
            c->in_len = (size_t)got;
        } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
            size_t used;
            c->peer_closed = true;
            sshc_session_recv(c->s, NULL, 0, &used);
        }
    }
    if (extra_ready != NULL) {
        *extra_ready = n > 0 && extra_fd >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR));
    }
    return feed(c);
}

/* ---- connect and authenticate ---------------------------------------------- */

int sshc_client_connect_fd(sshc_client *c, int fd, const char *host, uint16_t port)
{
    if (c == NULL || fd < 0 || host == NULL || c->s != NULL) {
        return SSHC_E_INVALID_ARG;
    }
    c->fd = fd;
    snprintf(c->host, sizeof(c->host), "%s", host);
    c->port = port;
    if (sshc_set_nonblock(fd) != SSHC_OK) {
        return SSHC_E_IO;
    }
    c->s = sshc_session_new(c->cfg);
    if (c->s == NULL) {
        return SSHC_E_NOMEM;
    }
    sshc_session_tick(c->s, sshc_now_ms());
    c->deadline_ms = c->connect_ms ? sshc_now_ms() + c->connect_ms : 0;
    while (!c->ready) {
        int r = io_round(c, -1, NULL);
        if (r != SSHC_OK) {
            c->deadline_ms = 0;
            return session_err(c, r);
        }
    }
    c->deadline_ms = 0;
    return SSHC_OK;
}

int sshc_client_connect(sshc_client *c, const char *host, uint16_t port)
{
    if (c == NULL || host == NULL || c->s != NULL) {
        return SSHC_E_INVALID_ARG;
    }
    int fd;
    int r = sshc_tcp_connect(host, port, c->connect_ms, &fd);
    if (r != SSHC_OK) {
        return r;
    }
    return sshc_client_connect_fd(c, fd, host, port);
}

static int wait_auth(sshc_client *c, int r)
{
    while (r == SSHC_OK && !c->auth_replied) {
        r = io_round(c, -1, NULL);
    }
    if (r != SSHC_OK) {
        return session_err(c, r);
    }
    return c->auth_code == SSHC_AUTH_SUCCESS ? SSHC_OK : SSHC_E_AUTH_DENIED;
}

static int start_auth(sshc_client *c)
{
    if (c == NULL || c->s == NULL || !c->ready) {
        return SSHC_E_BAD_STATE;
    }
    c->auth_replied = false;
    return SSHC_OK;
}

int sshc_client_auth_none(sshc_client *c, const char *user)
{
    int r = start_auth(c);
    return r != SSHC_OK ? r : wait_auth(c, sshc_auth_none(c->s, user));
}

int sshc_client_auth_password(sshc_client *c, const char *user, const char *password)
{
    int r = start_auth(c);
    return r != SSHC_OK ? r : wait_auth(c, sshc_auth_password(c->s, user, password));
}

int sshc_client_auth_publickey(sshc_client *c, const char *user, const sshc_key *key)
{
    int r = start_auth(c);
    return r != SSHC_OK ? r : wait_auth(c, sshc_auth_publickey(c->s, user, key));
}

/* ---- channels --------------------------------------------------------------- */

int sshc_client_exec(sshc_client *c, const char *command, uint32_t *channel)
{
    if (c == NULL || c->s == NULL || command == NULL || channel == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint32_t id;
    int r = sshc_channel_open_session(c->s, &id);
    if (r != SSHC_OK) {
        return r;
    }
    if (id >= MAX_CLIENT_CHANNELS) {
        sshc_channel_close(c->s, id);
        return SSHC_E_TOO_MANY_CHANNELS;
    }
    struct client_channel *ch = &c->ch[id];
    sshc_bytebuf_free(&ch->out[0]);
    sshc_bytebuf_free(&ch->out[1]);
    memset(ch, 0, sizeof(*ch));
    ch->used = true;
    while (r == SSHC_OK && !ch->opened && !ch->open_failed) {
        r = io_round(c, -1, NULL);
    }
    if (r == SSHC_OK && ch->open_failed) {
        ch->used = false;
        return SSHC_E_UNSUPPORTED;
    }
    if (r == SSHC_OK) {
        r = sshc_channel_exec(c->s, id, command);
    }
    while (r == SSHC_OK && !ch->replied && !ch->closed) {
        r = io_round(c, -1, NULL);
    }
    if (r != SSHC_OK) {
        return session_err(c, r);
    }
    if (!ch->request_ok) {
        sshc_channel_close(c->s, id);
        return SSHC_E_UNSUPPORTED;
    }
    *channel = id;
    return SSHC_OK;
}

/* Take up to cap bytes of stream k out of the buffer and reopen the window. */
static size_t take(sshc_client *c, uint32_t id, int k, uint8_t *buf, size_t cap)
{
    struct sshc_bytebuf *b = &c->ch[id].out[k];
    size_t n = b->len < cap ? b->len : cap;
    if (n > 0) {
        memcpy(buf, b->data + b->start, n);
    }
    sshc_bytebuf_drop(b, n);
    if (n > 0 && !c->ch[id].closed) {
        (void)sshc_channel_consume(c->s, id, n);
    }
    return n;
}

int sshc_client_read(sshc_client *c, uint32_t channel, uint8_t *buf, size_t cap, size_t *n,
                     int *stream)
{
    struct client_channel *ch = c != NULL ? chan(c, channel) : NULL;
    if (ch == NULL || buf == NULL || n == NULL || stream == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *n = 0;
    for (;;) {
        for (int k = 0; k < 2; k++) {
            if (ch->out[k].len > 0) {
                *stream = k;
                *n = take(c, channel, k, buf, cap);
                return SSHC_OK;
            }
        }
        if (ch->eof || ch->closed) {
            *stream = 0;
            return SSHC_OK;
        }
        int r = io_round(c, -1, NULL);
        if (r != SSHC_OK) {
            return session_err(c, r);
        }
    }
}

int sshc_client_write(sshc_client *c, uint32_t channel, const uint8_t *data, size_t len)
{
    struct client_channel *ch = c != NULL ? chan(c, channel) : NULL;
    if (ch == NULL || (data == NULL && len > 0)) {
        return SSHC_E_INVALID_ARG;
    }
    while (len > 0) {
        size_t w = 0;
        int r = sshc_channel_write(c->s, channel, 0, data, len, &w);
        if (r != SSHC_OK) {
            return session_err(c, r);
        }
        data += w;
        len -= w;
        if (ch->closed) {
            return SSHC_E_CLOSED;
        }
        if (len > 0 || sshc_session_output_pending(c->s) > 0) {
            if ((r = io_round(c, -1, NULL)) != SSHC_OK) {
                return session_err(c, r);
            }
        }
    }
    return SSHC_OK;
}

int sshc_client_send_eof(sshc_client *c, uint32_t channel)
{
    if (c == NULL || chan(c, channel) == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    int r = sshc_channel_send_eof(c->s, channel);
    return r == SSHC_OK ? flush_output(c) : r;
}

static void exit_result(struct client_channel *ch, int *status, char *sig, size_t sig_cap)
{
    if (status != NULL) {
        *status = ch->has_exit ? ch->exit_status : -1;
    }
    if (sig != NULL && sig_cap > 0) {
        snprintf(sig, sig_cap, "%s", ch->exit_signal);
    }
}

static void release(sshc_client *c, uint32_t id)
{
    struct client_channel *ch = &c->ch[id];
    sshc_bytebuf_free(&ch->out[0]);
    sshc_bytebuf_free(&ch->out[1]);
    memset(ch, 0, sizeof(*ch));
}

int sshc_client_wait_exit(sshc_client *c, uint32_t channel, int *status, char *sig, size_t sig_cap)
{
    struct client_channel *ch = c != NULL ? chan(c, channel) : NULL;
    if (ch == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t sink[4096];
    while (!ch->closed) {
        for (int k = 0; k < 2; k++) {
            while (take(c, channel, k, sink, sizeof(sink)) > 0) {
            }
        }
        int r = io_round(c, -1, NULL);
        if (r != SSHC_OK) {
            return session_err(c, r);
        }
    }
    exit_result(ch, status, sig, sig_cap);
    release(c, channel);
    return SSHC_OK;
}

int sshc_client_run_fds(sshc_client *c, uint32_t channel, int in_fd, int out_fd, int err_fd,
                        int *status)
{
    struct client_channel *ch = c != NULL ? chan(c, channel) : NULL;
    if (ch == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t *buf = malloc(SSHC_IO_CHUNK);
    if (buf == NULL) {
        return SSHC_E_NOMEM;
    }
    size_t pend_start = 0, pend_len = 0; /* stdin bytes read but not yet taken */
    bool in_open = in_fd >= 0, eof_sent = false;
    int fds[2] = {out_fd, err_fd};
    int r = SSHC_OK;
    if (!in_open) {
        r = sshc_channel_send_eof(c->s, channel);
        eof_sent = true;
    }
    for (;;) {
        /* Output first: writing it out is what reopens the window for more. */
        for (int k = 0; k < 2 && r == SSHC_OK; k++) {
            struct sshc_bytebuf *b = &ch->out[k];
            if (b->len > 0) {
                if (fds[k] >= 0 && sshc_write_all(fds[k], b->data + b->start, b->len) != SSHC_OK) {
                    fds[k] = -1; /* the reader went away: discard from now on */
                }
                if (!ch->closed) {
                    r = sshc_channel_consume(c->s, channel, b->len);
                }
                sshc_bytebuf_drop(b, b->len);
            }
        }
        if (r != SSHC_OK || ch->closed) {
            break; /* everything that arrived before CLOSE was written out above */
        }
        /* Then stdin, as far as the window goes. */
        if (pend_len > 0) {
            size_t w = 0;
            r = sshc_channel_write(c->s, channel, 0, buf + pend_start, pend_len, &w);
            pend_start += w;
            pend_len -= w;
        }
        bool want_in = in_open && pend_len == 0 && sshc_channel_send_window(c->s, channel) > 0;
        bool ready = false;
        if (r == SSHC_OK) {
            r = io_round(c, want_in ? in_fd : -1, &ready);
        }
        if (r == SSHC_OK && ready) {
            ssize_t got = read(in_fd, buf, SSHC_IO_CHUNK);
            if (got > 0) {
                pend_start = 0;
                pend_len = (size_t)got;
            } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                in_open = false;
            }
        }
        if (r == SSHC_OK && !in_open && pend_len == 0 && !eof_sent && !ch->closed) {
            r = sshc_channel_send_eof(c->s, channel);
            eof_sent = true;
        }
    }
    free(buf);
    if (r != SSHC_OK) {
        return session_err(c, r);
    }
    exit_result(ch, status, NULL, 0);
    release(c, channel);
    return flush_output(c);
}

int sshc_client_disconnect(sshc_client *c)
{
    if (c == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (c->s != NULL && !sshc_session_is_closed(c->s)) {
        sshc_session_disconnect(c->s, SSHC_DISCONNECT_BY_APPLICATION, "disconnected by user");
    }
    if (c->s != NULL && c->fd >= 0) {
        (void)flush_output(c);
    }
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    return SSHC_OK;
}
