/*
 * The in-memory pair: a client session wired to a server session with no
 * sockets. pair_pump moves bytes both ways and answers events the way a
 * simple application would, until nothing moves any more.
 */
#ifndef SSHC_PAIR_H
#define SSHC_PAIR_H

#include "det_rng.h"
#include "sshcore.h"

#define PAIR_MAX_CH 8

struct pair_channel {
    bool opened, open_failed, closed, eof, exec_ok, exec_replied;
    bool has_exit;
    uint32_t exit_status;
    char exit_signal[32];
    uint8_t *data[2]; /* stdout, stderr received */
    size_t len[2], cap[2];
    bool hold; /* don't consume: simulate a slow reader */
};

struct pair_server_channel {
    bool open, eof, closed;
    char command[256];
    bool got_exec;
    uint8_t *data;
    size_t len, cap;
};

struct pair {
    sshc_config *ccfg, *scfg;
    sshc_session *c, *s;
    sshc_key *hostkey, *userkey;
    struct sshc_det_rng crng, srng;
    /* server application policy */
    bool allow_pubkey;
    const char *password;
    bool deny_exec;
    bool server_auto_echo; /* server writes back what it receives */
    /* what the client saw */
    bool ready, hostkey_seen, auth_done, auth_ok;
    int auth_results;
    char auth_methods[128];
    char banner[256];
    bool server_authed;
    struct pair_channel ch[PAIR_MAX_CH];
    struct pair_server_channel sch[PAIR_MAX_CH];
    bool disconnected_c, disconnected_s;
    uint32_t disconnect_reason_c, disconnect_reason_s;
};

/* Sessions with the given algorithms (NULL: defaults) and fresh ed25519 keys. */
int pair_init(struct pair *p, const char *kex, const char *cipher, const char *mac, uint64_t seed);
/* Offer these compression lists (before pair_connect; the sessions are made anew). */
int pair_set_compression(struct pair *p, const char *client_list, const char *server_list);
void pair_free(struct pair *p);
/* Move bytes and answer events until quiet; returns the number of rounds, or -1 if stuck. */
int pair_pump(struct pair *p);
/* Handshake through publickey auth; returns SSHC_OK on success. */
int pair_connect(struct pair *p);

#endif
