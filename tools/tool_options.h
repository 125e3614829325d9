/* Option handling shared by the tools: OpenSSH's option names for algorithm lists. */
#ifndef SSHC_TOOL_OPTIONS_H
#define SSHC_TOOL_OPTIONS_H

#include <stdbool.h>

#include "sshcore.h"

/*
 * Apply "Name=value" (or "Name value") for Ciphers, MACs, KexAlgorithms,
 * HostKeyAlgorithms, RekeyLimit, Compression (yes/no, with each role's list); SSHC_E_NOT_FOUND if Name is none of them.
 */
int sshc_tool_algorithm_option(sshc_config *cfg, const char *option, bool server);
/* Split "Name=value" / "Name value" into name (cap bytes) and a pointer to the value. */
int sshc_tool_split_option(const char *option, char *name, size_t cap, const char **value);

/*
 * With SSHC_TRACE_CORPUS=dir in the environment, record what the peer sends
 * as fuzz seeds: KEXINIT payloads into dir/kexinit/, userauth and
 * connection messages into dir/session_server/ (server) or
 * dir/session_client/ (client). Used by fuzz/record_openssh.sh.
 */
void sshc_tool_record_corpus(sshc_config *cfg, bool server);

#endif
