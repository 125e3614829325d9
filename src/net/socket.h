/* Socket and clock helpers shared by the client and server drivers. */
#ifndef SSHC_NET_SOCKET_H
#define SSHC_NET_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Size of one read from a socket or pipe: large reads keep per-call overhead low. */
#define SSHC_IO_CHUNK (256u * 1024u)

/* Milliseconds on the monotonic clock. */
uint64_t sshc_now_ms(void);
int sshc_set_nonblock(int fd);
/*
 * TCP connect to host:port with a timeout (0: none). The socket is
 * non-blocking, close-on-exec, TCP_NODELAY. SSHC_E_RESOLVE, SSHC_E_IO,
 * SSHC_E_TIMEOUT.
 */
int sshc_tcp_connect(const char *host, uint16_t port, unsigned timeout_ms, int *fd);
/* A listening socket on addr:port (non-blocking, SO_REUSEADDR); *bound_port is the real port. */
int sshc_tcp_listen(const char *addr, uint16_t port, int *fd, uint16_t *bound_port);
/* Write all of buf to a (possibly non-blocking) fd, waiting with poll. SSHC_E_IO on error. */
int sshc_write_all(int fd, const uint8_t *buf, size_t len);

#endif
