/*
 * One server connection (server_conn.c): its socket, its session and its
 * channels' children. The loop in server.c asks each connection which
 * descriptors to poll and hands back what poll() found.
 */
#ifndef SSHC_NET_SERVER_CONN_H
#define SSHC_NET_SERVER_CONN_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "sshcore.h"

struct srv_conn;

struct srv_conn *sshc_srv_conn_new(const sshc_config *cfg, const sshc_server_callbacks *cb, int fd,
                                   uint64_t now_ms);
/* Closes the socket; children get SIGHUP. */
void sshc_srv_conn_free(struct srv_conn *c);
/* Most descriptors sshc_srv_conn_pollfds may fill. */
size_t sshc_srv_conn_pollfd_count(const struct srv_conn *c);
/* Fill p with what to wait for; returns how many (remembered for handle). */
size_t sshc_srv_conn_pollfds(struct srv_conn *c, struct pollfd *p);
size_t sshc_srv_conn_pollfd_count_used(const struct srv_conn *c);
/* Act on poll's results for this connection's n descriptors; rbuf is scratch. */
void sshc_srv_conn_handle(struct srv_conn *c, const struct pollfd *p, size_t n, uint8_t *rbuf,
                          size_t cap, uint64_t now_ms);
uint64_t sshc_srv_conn_deadline(const struct srv_conn *c);
/* Closed and flushed: free it. */
bool sshc_srv_conn_done(const struct srv_conn *c);
/* A child of this connection exited: true if it was ours. */
bool sshc_srv_conn_child_exited(struct srv_conn *c, pid_t pid, int status);

/* server_exec.c: run "/bin/sh -c command" with non-blocking pipes for its stdio. */
int sshc_spawn_shell(const char *command, pid_t *pid, int *in_fd, int *out_fd, int *err_fd);
/* The SSH name of a signal ("TERM"), or NULL. */
const char *sshc_signal_name(int sig);

#endif
