/*
 * One server connection (see server_conn.h).
 *
 * Channel data flow, both ways bounded by the SSH window:
 *   client DATA -> write to the child's stdin; what the pipe does not take
 *                  waits in pend_in and is consumed (window reopened) only
 *                  once written;
 *   child stdout/stderr -> read only while the peer's window is open and
 *                  the session's output is below its high-water mark.
 * A channel finishes when the child was reaped and both its output pipes
 * reached EOF: exit-status (or exit-signal), EOF, CLOSE, in that order.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "net/bytebuf.h"
#include "net/server_conn.h"

#define OUTPUT_HIGH_WATER (1024u * 1024u)


struct srv_chan {
    bool used;
    bool closed_by_peer;
    bool finished;      /* exit status, EOF and CLOSE sent */
    bool peer_eof;
    pid_t pid;          /* 0: no child (yet) */
    bool reaped;
    int status;
    int in_fd, out_fd[2];
    struct sshc_bytebuf pend_in;      /* client data not yet written to the child */
    struct sshc_bytebuf pend_out[2];  /* child output the session did not take yet */
};

enum poll_kind { PK_SOCKET, PK_IN, PK_OUT0, PK_OUT1 };

struct poll_ref {
    uint32_t chan;
    enum poll_kind kind;
};

struct srv_conn {
    const sshc_config *cfg;
    const sshc_server_callbacks *cb;
    int fd;
    sshc_session *s;
    char user[256];
    struct sshc_bytebuf left;   /* socket bytes the session could not take yet */
    bool eof;               /* socket EOF or error */
    bool dead;
    struct srv_chan *chans;
    size_t n_chans;
    struct poll_ref *refs;
    size_t n_refs, cap_refs;
};

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

struct srv_conn *sshc_srv_conn_new(const sshc_config *cfg, const sshc_server_callbacks *cb, int fd,
                                   uint64_t now_ms)
{
    struct srv_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return NULL;
    }
    c->cfg = cfg;
    c->cb = cb;
    c->fd = fd;
    c->s = sshc_session_new(cfg);
    if (c->s == NULL) {
        free(c);
        return NULL;
    }
    sshc_session_tick(c->s, now_ms);
    return c;
}

static void chan_release(struct srv_chan *ch)
{
    if (ch->pid > 0 && !ch->reaped) {
        kill(-ch->pid, SIGHUP); /* the child leads its own process group */
    }
    close_fd(&ch->in_fd);
    close_fd(&ch->out_fd[0]);
    close_fd(&ch->out_fd[1]);
    sshc_bytebuf_free(&ch->pend_in);
    sshc_bytebuf_free(&ch->pend_out[0]);
    sshc_bytebuf_free(&ch->pend_out[1]);
    memset(ch, 0, sizeof(*ch));
    ch->in_fd = ch->out_fd[0] = ch->out_fd[1] = -1;
}

void sshc_srv_conn_free(struct srv_conn *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < c->n_chans; i++) {
        chan_release(&c->chans[i]);
    }
    free(c->chans);
    free(c->refs);
    sshc_bytebuf_free(&c->left);
    sshc_session_free(c->s);
    close_fd(&c->fd);
    free(c);
}

bool sshc_srv_conn_done(const struct srv_conn *c)
{
    return c->dead;
}

uint64_t sshc_srv_conn_deadline(const struct srv_conn *c)
{
    return sshc_session_deadline(c->s);
}

bool sshc_srv_conn_child_exited(struct srv_conn *c, pid_t pid, int status)
{
    for (size_t i = 0; i < c->n_chans; i++) {
        struct srv_chan *ch = &c->chans[i];
        if (ch->used && ch->pid == pid && !ch->reaped) {
            ch->reaped = true;
            ch->status = status;
            return true;
        }
    }
    return false;
}

static struct srv_chan *chan_get(struct srv_conn *c, uint32_t id, bool create)
{
    if (id >= c->n_chans) {
        if (!create) {
            return NULL;
        }
        size_t n = id + 1 > c->n_chans * 2 ? id + 1 : c->n_chans * 2;
        struct srv_chan *nc = realloc(c->chans, n * sizeof(*nc));
        if (nc == NULL) {
            return NULL;
        }
        for (size_t i = c->n_chans; i < n; i++) {
            memset(&nc[i], 0, sizeof(nc[i]));
            nc[i].in_fd = nc[i].out_fd[0] = nc[i].out_fd[1] = -1;
        }
        c->chans = nc;
        c->n_chans = n;
    }
    struct srv_chan *ch = &c->chans[id];
    if (!ch->used && !create) {
        return NULL;
    }
    return ch;
}

/* ---- session events --------------------------------------------------------- */

static bool run_exec(struct srv_conn *c, uint32_t id, const char *command)
{
    struct srv_chan *ch = chan_get(c, id, false);
    if (ch == NULL || ch->pid != 0) {
        return false; /* one command per channel (RFC 4254 §6.5) */
    }
    if (c->cb->check_exec != NULL && !c->cb->check_exec(c->cb->ctx, c->user, command)) {
        return false;
    }
    return sshc_spawn_shell(command, &ch->pid, &ch->in_fd, &ch->out_fd[0], &ch->out_fd[1]) ==
           SSHC_OK;
}

/* Client data for the child's stdin: write what the pipe takes, keep the rest. */
static int chan_data(struct srv_conn *c, uint32_t id, const uint8_t *data, size_t len)
{
    struct srv_chan *ch = chan_get(c, id, false);
    if (ch == NULL || ch->in_fd < 0) {
        return sshc_channel_consume(c->s, id, len); /* nobody reads it: drop */
    }
    size_t done = 0;
    if (ch->pend_in.len == 0) {
        ssize_t w = write(ch->in_fd, data, len);
        if (w < 0 && errno != EAGAIN && errno != EINTR) {
            close_fd(&ch->in_fd); /* the child closed its stdin */
            return sshc_channel_consume(c->s, id, len);
        }
        done = w > 0 ? (size_t)w : 0;
    }
    if (done < len && sshc_bytebuf_append(&ch->pend_in, data + done, len - done) != SSHC_OK) {
        return SSHC_E_NOMEM;
    }
    return done > 0 ? sshc_channel_consume(c->s, id, done) : SSHC_OK;
}

static int handle_event(struct srv_conn *c, const sshc_event *ev)
{
    const sshc_server_callbacks *cb = c->cb;
    switch (ev->type) {
    case SSHC_EV_AUTH_PASSWORD: {
        bool ok = cb->check_password != NULL &&
                  cb->check_password(cb->ctx, ev->str, ev->data, ev->len);
        return sshc_session_reply(c->s, ev->decision, ok ? SSHC_ALLOW : SSHC_DENY);
    }
    case SSHC_EV_AUTH_PUBKEY: {
        bool ok = cb->check_publickey != NULL && cb->check_publickey(cb->ctx, ev->str, ev->key);
        return sshc_session_reply(c->s, ev->decision, ok ? SSHC_ALLOW : SSHC_DENY);
    }
    case SSHC_EV_AUTH_SUCCESS:
        snprintf(c->user, sizeof(c->user), "%s", ev->str ? ev->str : "");
        break;
    case SSHC_EV_CHANNEL_OPEN_REQUEST: {
        bool ok = ev->str != NULL && strcmp(ev->str, "session") == 0;
        struct srv_chan *ch = ok ? chan_get(c, ev->channel, true) : NULL;
        if (ch != NULL) {
            chan_release(ch);
            ch->used = true;
        }
        return sshc_session_reply(c->s, ev->decision, ch != NULL ? SSHC_ALLOW : SSHC_DENY);
    }
    case SSHC_EV_CHANNEL_REQUEST: {
        bool exec = ev->str != NULL && strcmp(ev->str, "exec") == 0 && ev->str2 != NULL;
        bool ok = exec && run_exec(c, ev->channel, ev->str2);
        if (ev->decision != 0) {
            return sshc_session_reply(c->s, ev->decision, ok ? SSHC_ALLOW : SSHC_DENY);
        }
        /* RFC 4254 §6.5: exec may come without want-reply (dbclient does); a command
         * that cannot run then ends the channel, the only way left to say so. */
        if (exec && !ok) {
            return sshc_channel_close(c->s, ev->channel);
        }
        break;
    }
    case SSHC_EV_CHANNEL_DATA:
        if (ev->code != 0) {
            return sshc_channel_consume(c->s, ev->channel, ev->len);
        }
        return chan_data(c, ev->channel, ev->data, ev->len);
    case SSHC_EV_CHANNEL_EOF: {
        struct srv_chan *ch = chan_get(c, ev->channel, false);
        if (ch != NULL) {
            ch->peer_eof = true;
            if (ch->pend_in.len == 0) {
                close_fd(&ch->in_fd);
            }
        }
        break;
    }
    case SSHC_EV_CHANNEL_CLOSED: {
        struct srv_chan *ch = chan_get(c, ev->channel, false);
        if (ch != NULL) {
            chan_release(ch);
        }
        break;
    }
    default:
        break;
    }
    return SSHC_OK;
}

static void drain_events(struct srv_conn *c)
{
    sshc_event ev;
    while (sshc_session_poll_event(c->s, &ev) == 1) {
        if (handle_event(c, &ev) != SSHC_OK) {
            sshc_session_disconnect(c->s, SSHC_DISCONNECT_BY_APPLICATION, "server out of memory");
            return;
        }
    }
}

/* Feed bytes to the session; what it cannot take now is kept in c->left. */
static void feed(struct srv_conn *c, const uint8_t *data, size_t len)
{
    drain_events(c);
    while (len > 0 && !sshc_session_is_closed(c->s)) {
        size_t used = 0;
        if (sshc_session_recv(c->s, data, len, &used) != SSHC_OK) {
            break;
        }
        data += used;
        len -= used;
        size_t before = len;
        drain_events(c);
        if (used == 0 && before == len && sshc_session_output_pending(c->s) == 0) {
            break;
        }
    }
    if (len > 0 && !sshc_session_is_closed(c->s) && data != c->left.data + c->left.start) {
        (void)sshc_bytebuf_append(&c->left, data, len);
    }
}

/* ---- channel I/O -------------------------------------------------------------- */

static void flush_pend_in(struct srv_conn *c, uint32_t id, struct srv_chan *ch)
{
    while (ch->pend_in.len > 0 && ch->in_fd >= 0) {
        ssize_t w = write(ch->in_fd, ch->pend_in.data + ch->pend_in.start, ch->pend_in.len);
        if (w <= 0) {
            if (w < 0 && errno != EAGAIN && errno != EINTR) {
                close_fd(&ch->in_fd);
                sshc_channel_consume(c->s, id, ch->pend_in.len);
                sshc_bytebuf_drop(&ch->pend_in, ch->pend_in.len);
            }
            break;
        }
        sshc_bytebuf_drop(&ch->pend_in, (size_t)w);
        sshc_channel_consume(c->s, id, (size_t)w);
    }
    if (ch->pend_in.len == 0 && ch->peer_eof) {
        close_fd(&ch->in_fd);
    }
}

static void push_out(struct srv_conn *c, uint32_t id, struct srv_chan *ch, int k)
{
    struct sshc_bytebuf *b = &ch->pend_out[k];
    if (b->len == 0) {
        return;
    }
    size_t w = 0;
    if (sshc_channel_write(c->s, id, (uint32_t)k, b->data + b->start, b->len, &w) == SSHC_OK) {
        sshc_bytebuf_drop(b, w);
    }
}

static bool can_read_child(const struct srv_conn *c, uint32_t id, const struct srv_chan *ch, int k)
{
    return ch->out_fd[k] >= 0 && ch->pend_out[k].len == 0 &&
           sshc_channel_send_window(c->s, id) > 0 &&
           sshc_session_output_pending(c->s) < OUTPUT_HIGH_WATER;
}

static void read_child(struct srv_conn *c, uint32_t id, struct srv_chan *ch, int k, uint8_t *rbuf,
                       size_t cap)
{
    size_t want = sshc_channel_send_window(c->s, id);
    if (want > cap) {
        want = cap;
    }
    ssize_t got = read(ch->out_fd[k], rbuf, want);
    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
        close_fd(&ch->out_fd[k]);
        return;
    }
    if (got < 0) {
        return;
    }
    size_t w = 0;
    (void)sshc_channel_write(c->s, id, (uint32_t)k, rbuf, (size_t)got, &w);
    if (w < (size_t)got) {
        (void)sshc_bytebuf_append(&ch->pend_out[k], rbuf + w, (size_t)got - w);
    }
}

static void maybe_finish(struct srv_conn *c, uint32_t id, struct srv_chan *ch)
{
    if (ch->finished || !ch->reaped || ch->out_fd[0] >= 0 || ch->out_fd[1] >= 0 ||
        ch->pend_out[0].len > 0 || ch->pend_out[1].len > 0) {
        return;
    }
    const char *sig = WIFSIGNALED(ch->status) ? sshc_signal_name(WTERMSIG(ch->status)) : NULL;
    if (sig != NULL) {
        sshc_channel_send_exit_signal(c->s, id, sig, WCOREDUMP(ch->status), "");
    } else {
        uint32_t code = WIFEXITED(ch->status) ? (uint32_t)WEXITSTATUS(ch->status)
                                              : 128u + (uint32_t)WTERMSIG(ch->status);
        sshc_channel_send_exit_status(c->s, id, code);
    }
    sshc_channel_send_eof(c->s, id);
    sshc_channel_close(c->s, id);
    close_fd(&ch->in_fd);
    ch->finished = true;
}

/* ---- the socket ---------------------------------------------------------------- */

static void flush_socket(struct srv_conn *c)
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
            if (errno != EAGAIN) {
                c->eof = true;
            }
            return;
        }
        sshc_session_output_done(c->s, (size_t)w);
        sshc_session_output(c->s, &d, &n);
    }
}

size_t sshc_srv_conn_pollfd_count(const struct srv_conn *c)
{
    return 1 + 3 * c->n_chans;
}

static void add_ref(struct srv_conn *c, struct pollfd *p, int fd, short events, uint32_t id,
                    enum poll_kind kind)
{
    p[c->n_refs] = (struct pollfd){.fd = fd, .events = events};
    c->refs[c->n_refs++] = (struct poll_ref){id, kind};
}

size_t sshc_srv_conn_pollfds(struct srv_conn *c, struct pollfd *p)
{
    size_t need = sshc_srv_conn_pollfd_count(c);
    c->n_refs = 0;
    if (need > c->cap_refs) {
        struct poll_ref *r = realloc(c->refs, need * sizeof(*r));
        if (r == NULL) {
            c->dead = true;
            return 0;
        }
        c->refs = r;
        c->cap_refs = need;
    }
    short ev = 0;
    if (!c->eof && c->left.len == 0 && !sshc_session_is_closed(c->s)) {
        ev |= POLLIN;
    }
    if (sshc_session_output_pending(c->s) > 0) {
        ev |= POLLOUT;
    }
    add_ref(c, p, c->fd, ev, 0, PK_SOCKET);
    for (uint32_t i = 0; i < c->n_chans; i++) {
        struct srv_chan *ch = &c->chans[i];
        if (!ch->used) {
            continue;
        }
        if (ch->in_fd >= 0 && ch->pend_in.len > 0) {
            add_ref(c, p, ch->in_fd, POLLOUT, i, PK_IN);
        }
        for (int k = 0; k < 2; k++) {
            if (can_read_child(c, i, ch, k)) {
                add_ref(c, p, ch->out_fd[k], POLLIN, i, k == 0 ? PK_OUT0 : PK_OUT1);
            }
        }
    }
    return c->n_refs;
}

size_t sshc_srv_conn_pollfd_count_used(const struct srv_conn *c)
{
    return c->n_refs;
}

void sshc_srv_conn_handle(struct srv_conn *c, const struct pollfd *p, size_t n, uint8_t *rbuf,
                          size_t cap, uint64_t now_ms)
{
    if (c->dead) {
        return;
    }
    sshc_session_tick(c->s, now_ms);
    /* Bytes held back while the session was paused go first. */
    if (c->left.len > 0) {
        struct sshc_bytebuf held = c->left;
        memset(&c->left, 0, sizeof(c->left));
        feed(c, held.data + held.start, held.len);
        free(held.data);
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i].revents == 0) {
            continue;
        }
        struct poll_ref ref = c->refs[i];
        if (ref.kind == PK_SOCKET) {
            if ((p[i].revents & (POLLIN | POLLHUP | POLLERR)) && c->left.len == 0) {
                ssize_t got = read(c->fd, rbuf, cap);
                if (got > 0) {
                    feed(c, rbuf, (size_t)got);
                } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                    size_t used;
                    c->eof = true;
                    sshc_session_recv(c->s, NULL, 0, &used);
                    drain_events(c);
                }
            }
            continue;
        }
        struct srv_chan *ch = chan_get(c, ref.chan, false);
        if (ch == NULL) {
            continue; /* released while handling an earlier descriptor */
        }
        if (ref.kind == PK_IN) {
            flush_pend_in(c, ref.chan, ch);
        } else {
            int k = ref.kind == PK_OUT0 ? 0 : 1;
            if (ch->out_fd[k] == p[i].fd && can_read_child(c, ref.chan, ch, k)) {
                read_child(c, ref.chan, ch, k, rbuf, cap);
            }
        }
    }
    drain_events(c);
    for (uint32_t i = 0; i < c->n_chans; i++) {
        struct srv_chan *ch = &c->chans[i];
        if (ch->used && !ch->finished) {
            flush_pend_in(c, i, ch);
            push_out(c, i, ch, 0);
            push_out(c, i, ch, 1);
            maybe_finish(c, i, ch);
        }
    }
    flush_socket(c);
    if (sshc_session_is_closed(c->s) &&
        (c->eof || sshc_session_output_pending(c->s) == 0)) {
        c->dead = true;
    } else if (c->eof && sshc_session_is_closed(c->s)) {
        c->dead = true;
    }
}
