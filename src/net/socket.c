/* Socket and clock helpers (see socket.h). */
#include "net/socket.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "sshcore.h"

uint64_t sshc_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int sshc_set_nonblock(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        return SSHC_E_IO;
    }
    return SSHC_OK;
}

static void set_nodelay(int fd)
{
    int one = 1;
    /* Interactive packets go at once; bulk data is already in large writes. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* One address: non-blocking connect, wait up to timeout. */
static int connect_one(const struct addrinfo *ai, unsigned timeout_ms, int *out)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
        return SSHC_E_IO;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
        if (errno != EINPROGRESS) {
            int e = errno;
            close(fd);
            errno = e;
            return SSHC_E_IO;
        }
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int n;
        do {
            n = poll(&p, 1, timeout_ms ? (int)timeout_ms : -1);
        } while (n < 0 && errno == EINTR);
        if (n == 0) {
            close(fd);
            errno = ETIMEDOUT;
            return SSHC_E_TIMEOUT;
        }
        int err = 0;
        socklen_t len = sizeof(err);
        if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err != 0) {
            close(fd);
            errno = err != 0 ? err : errno;
            return SSHC_E_IO;
        }
    }
    set_nodelay(fd);
    *out = fd;
    return SSHC_OK;
}

int sshc_tcp_connect(const char *host, uint16_t port, unsigned timeout_ms, int *fd)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    char service[8];
    *fd = -1;
    snprintf(service, sizeof(service), "%u", (unsigned)port);
    if (getaddrinfo(host, service, &hints, &res) != 0 || res == NULL) {
        return SSHC_E_RESOLVE;
    }
    int r = SSHC_E_IO;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        r = connect_one(ai, timeout_ms, fd);
        if (r == SSHC_OK) {
            break;
        }
    }
    freeaddrinfo(res);
    return r;
}

int sshc_tcp_listen(const char *addr, uint16_t port, int *fd, uint16_t *bound_port)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    char service[8];
    *fd = -1;
    snprintf(service, sizeof(service), "%u", (unsigned)port);
    if (getaddrinfo(addr ? addr : "127.0.0.1", service, &hints, &res) != 0 || res == NULL) {
        return SSHC_E_RESOLVE;
    }
    int s = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    int one = 1;
    int r = SSHC_OK;
    if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(s, res->ai_addr, res->ai_addrlen) < 0 || listen(s, 1024) < 0) {
        r = SSHC_E_IO;
    }
    freeaddrinfo(res);
    if (r != SSHC_OK) {
        if (s >= 0) {
            int e = errno;
            close(s);
            errno = e;
        }
        return r;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(s, (struct sockaddr *)&ss, &len) == 0) {
        *bound_port = ss.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port)
                                               : ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    *fd = s;
    return SSHC_OK;
}

int sshc_write_all(int fd, const uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n > 0) {
            buf += n;
            len -= (size_t)n;
        } else if (n < 0 && errno == EAGAIN) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            (void)poll(&p, 1, -1);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            return SSHC_E_IO;
        }
    }
    return SSHC_OK;
}
