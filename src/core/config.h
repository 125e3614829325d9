/*
 * The internal shape of sshc_config: defaults, limits, algorithm lists and
 * hooks. A config is immutable while sessions use it.
 */
#ifndef SSHC_CORE_CONFIG_H
#define SSHC_CORE_CONFIG_H

#include "sshcore.h"

/* DESIGN.md limits (defaults; every one configurable). */
#define SSHC_MAX_PACKET_DEFAULT (256u * 1024u)
#define SSHC_MAX_PACKET_MIN 35000u              /* RFC 4253 §6.1 */
#define SSHC_WINDOW_DEFAULT (2u * 1024u * 1024u)
#define SSHC_WINDOW_MAX (16u * 1024u * 1024u)
#define SSHC_CHANNEL_MAX_PACKET_DEFAULT 32768u  /* what OpenSSH advertises */
#define SSHC_MAX_CHANNELS_DEFAULT 1024u
#define SSHC_MAX_AUTH_TRIES_DEFAULT 6u
#define SSHC_LOGIN_GRACE_DEFAULT 120u
#define SSHC_MAX_HOST_KEYS 8u
#define SSHC_MAX_LIST 1024u /* bytes of a configured algorithm list */
/* DESIGN.md: rekey after 1 GiB or 1 hour, and before 2^31 packets (RFC 4344 §3). */
#define SSHC_REKEY_BYTES_DEFAULT (1ull << 30)
#define SSHC_REKEY_SECONDS_DEFAULT 3600u
#define SSHC_REKEY_PACKETS (1ull << 31)

struct sshc_config {
    enum sshc_role role;
    char kex[SSHC_MAX_LIST];
    char hostkey[SSHC_MAX_LIST];
    char pubkey[SSHC_MAX_LIST]; /* signature algorithms for publickey auth */
    char ciphers[SSHC_MAX_LIST];
    char macs[SSHC_MAX_LIST];
    char compression[64];
    char auth_methods[128];
    char software_version[128];
    char *banner;
    size_t max_packet;
    size_t window;
    size_t channel_max_packet;
    unsigned max_channels;
    unsigned max_auth_tries;
    unsigned login_grace_s;
    uint64_t rekey_bytes;
    unsigned rekey_seconds;
    sshc_rng_fn rng;
    void *rng_ctx;
    sshc_log_fn log;
    void *log_ctx;
    enum sshc_log_level log_level;
    sshc_trace_fn trace;
    void *trace_ctx;
    sshc_key *host_keys[SSHC_MAX_HOST_KEYS];
    size_t n_host_keys;
};

#endif
