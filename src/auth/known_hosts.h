/* known_hosts internals shared with the file driver (net/files.c). */
#ifndef SSHC_AUTH_KNOWN_HOSTS_H
#define SSHC_AUTH_KNOWN_HOSTS_H

#include <stdint.h>

#include "sshcore.h"

/*
 * The line recording key for host:port ("host key" or "[host]:port key",
 * with a newline) into a malloc'd string. SSHC_E_INVALID_ARG for a host
 * name that would not read back as itself.
 */
int sshc_known_hosts_format_line(const char *host, uint16_t port, const sshc_key *key,
                                 char **out);

#endif
