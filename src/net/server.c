/*
 * The event-loop server driver (sshcore.h, "Event-loop server"): one
 * process, one poll() loop, many connections, no fork per connection.
 * Decisions are answered at once through the application's callbacks;
 * exec requests run "/bin/sh -c" in a child wired to the channel by pipes
 * (server_exec.c).
 *
 * Memory per idle connection is the session plus this small struct: reads
 * go through one shared buffer, and only bytes a paused session could not
 * take yet are kept per connection.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "net/server_conn.h"
#include "net/socket.h"

#define DEFAULT_MAX_CONNECTIONS 4096

struct sshc_server {
    const sshc_config *cfg;
    sshc_server_callbacks cb;
    int listen_fd;
    uint16_t port;
    unsigned max_conns;
    volatile sig_atomic_t stop;
    struct srv_conn **conns;
    size_t n_conns, cap_conns;
    uint8_t *rbuf; /* shared read buffer */
    struct pollfd *pfds;
    size_t pfd_cap;
    size_t dropped_since_trim;
};

/*
 * Return freed memory to the system after connections end, so a burst of
 * stalled or hostile connections does not leave the process large (glibc
 * keeps freed heap otherwise; other C libraries return it on their own).
 */
#if defined(__GLIBC__)
#include <malloc.h>
static void give_back_memory(void)
{
    (void)malloc_trim(0);
}
#else
static void give_back_memory(void)
{
}
#endif

/* SIGCHLD wakes the loop through a pipe (one per process). */
static int chld_pipe[2] = {-1, -1};

static void on_sigchld(int sig)
{
    (void)sig;
    int e = errno;
    if (write(chld_pipe[1], "c", 1) < 0) {
        /* full pipe: a wake-up is already pending */
    }
    errno = e;
}

static int install_sigchld(void)
{
    if (chld_pipe[0] >= 0) {
        return SSHC_OK;
    }
    if (pipe2(chld_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        return SSHC_E_IO;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGCHLD, &sa, NULL) < 0) {
        return SSHC_E_IO;
    }
    /* A client that goes away must not kill the server with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    return SSHC_OK;
}

sshc_server *sshc_server_new(const sshc_config *cfg, const sshc_server_callbacks *cb)
{
    if (cfg == NULL || install_sigchld() != SSHC_OK) {
        return NULL;
    }
    sshc_server *srv = calloc(1, sizeof(*srv));
    if (srv == NULL) {
        return NULL;
    }
    srv->cfg = cfg;
    if (cb != NULL) {
        srv->cb = *cb;
    }
    srv->listen_fd = -1;
    srv->max_conns = DEFAULT_MAX_CONNECTIONS;
    srv->rbuf = malloc(SSHC_IO_CHUNK);
    if (srv->rbuf == NULL) {
        free(srv);
        return NULL;
    }
    return srv;
}

void sshc_server_free(sshc_server *srv)
{
    if (srv == NULL) {
        return;
    }
    for (size_t i = 0; i < srv->n_conns; i++) {
        sshc_srv_conn_free(srv->conns[i]);
    }
    free(srv->conns);
    if (srv->listen_fd >= 0) {
        close(srv->listen_fd);
    }
    free(srv->rbuf);
    free(srv->pfds);
    free(srv);
}

int sshc_server_listen(sshc_server *srv, const char *addr, uint16_t port)
{
    if (srv == NULL || srv->listen_fd >= 0) {
        return SSHC_E_INVALID_ARG;
    }
    return sshc_tcp_listen(addr, port, &srv->listen_fd, &srv->port);
}

uint16_t sshc_server_port(const sshc_server *srv)
{
    return srv != NULL ? srv->port : 0;
}

int sshc_server_set_max_connections(sshc_server *srv, unsigned n)
{
    if (srv == NULL || n == 0) {
        return SSHC_E_INVALID_ARG;
    }
    srv->max_conns = n;
    return SSHC_OK;
}

void sshc_server_stop(sshc_server *srv)
{
    if (srv != NULL) {
        srv->stop = 1;
    }
}

size_t sshc_server_connection_count(const sshc_server *srv)
{
    return srv != NULL ? srv->n_conns : 0;
}

static void accept_all(sshc_server *srv)
{
    for (;;) {
        int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            return;
        }
        if (srv->n_conns >= srv->max_conns) {
            close(fd);
            continue;
        }
        if (srv->n_conns == srv->cap_conns) {
            size_t cap = srv->cap_conns ? srv->cap_conns * 2 : 64;
            struct srv_conn **nc = realloc(srv->conns, cap * sizeof(*nc));
            if (nc == NULL) {
                close(fd);
                return;
            }
            srv->conns = nc;
            srv->cap_conns = cap;
        }
        struct srv_conn *c = sshc_srv_conn_new(srv->cfg, &srv->cb, fd, sshc_now_ms());
        if (c == NULL) {
            close(fd);
            continue;
        }
        srv->conns[srv->n_conns++] = c;
    }
}

static void reap_children(sshc_server *srv)
{
    char drain[64];
    while (read(chld_pipe[0], drain, sizeof(drain)) > 0) {
    }
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (size_t i = 0; i < srv->n_conns; i++) {
            if (sshc_srv_conn_child_exited(srv->conns[i], pid, status)) {
                break;
            }
        }
    }
}

static int grow_pfds(sshc_server *srv, size_t need)
{
    if (need <= srv->pfd_cap) {
        return SSHC_OK;
    }
    size_t cap = srv->pfd_cap ? srv->pfd_cap : 256;
    while (cap < need) {
        cap *= 2;
    }
    struct pollfd *p = realloc(srv->pfds, cap * sizeof(*p));
    if (p == NULL) {
        return SSHC_E_NOMEM;
    }
    srv->pfds = p;
    srv->pfd_cap = cap;
    return SSHC_OK;
}

int sshc_server_run(sshc_server *srv, int timeout_ms)
{
    if (srv == NULL || srv->listen_fd < 0) {
        return SSHC_E_INVALID_ARG;
    }
    uint64_t end = timeout_ms >= 0 ? sshc_now_ms() + (uint64_t)timeout_ms : UINT64_MAX;
    srv->stop = 0;
    while (!srv->stop) {
        uint64_t now = sshc_now_ms();
        if (now >= end) {
            return SSHC_OK;
        }
        size_t need = 2;
        for (size_t i = 0; i < srv->n_conns; i++) {
            need += sshc_srv_conn_pollfd_count(srv->conns[i]);
        }
        if (grow_pfds(srv, need) != SSHC_OK) {
            return SSHC_E_NOMEM;
        }
        struct pollfd *p = srv->pfds;
        size_t n = 0;
        p[n++] = (struct pollfd){.fd = srv->listen_fd,
                                 .events = srv->n_conns < srv->max_conns ? POLLIN : 0};
        p[n++] = (struct pollfd){.fd = chld_pipe[0], .events = POLLIN};
        uint64_t deadline = end;
        for (size_t i = 0; i < srv->n_conns; i++) {
            n += sshc_srv_conn_pollfds(srv->conns[i], p + n);
            uint64_t d = sshc_srv_conn_deadline(srv->conns[i]);
            if (d < deadline) {
                deadline = d;
            }
        }
        int timeout = -1;
        if (deadline != UINT64_MAX) {
            uint64_t wait = deadline > now ? deadline - now : 0;
            timeout = (int)(wait > 60000 ? 60000 : wait);
        }
        int got = poll(p, n, timeout);
        if (got < 0 && errno != EINTR) {
            return SSHC_E_IO;
        }
        now = sshc_now_ms();
        if (got > 0 && (p[1].revents & POLLIN)) {
            reap_children(srv);
        }
        size_t k = 2;
        for (size_t i = 0; i < srv->n_conns; i++) {
            size_t cnt = sshc_srv_conn_pollfd_count_used(srv->conns[i]);
            sshc_srv_conn_handle(srv->conns[i], p + k, cnt, srv->rbuf, SSHC_IO_CHUNK, now);
            k += cnt;
        }
        /* Drop finished connections (order does not matter). */
        size_t dropped = 0;
        for (size_t i = 0; i < srv->n_conns;) {
            if (sshc_srv_conn_done(srv->conns[i])) {
                sshc_srv_conn_free(srv->conns[i]);
                srv->conns[i] = srv->conns[--srv->n_conns];
                dropped++;
            } else {
                i++;
            }
        }
        srv->dropped_since_trim += dropped;
        if (dropped > 0 && (srv->n_conns == 0 || srv->dropped_since_trim >= 256)) {
            give_back_memory();
            srv->dropped_since_trim = 0;
        }
        if (got > 0 && (p[0].revents & POLLIN)) {
            accept_all(srv);
        }
    }
    return SSHC_OK;
}
