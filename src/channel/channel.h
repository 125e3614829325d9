/*
 * One channel of the connection protocol (RFC 4254 §5) and the channel
 * table. Our channel id is the index in the table.
 */
#ifndef SSHC_CHANNEL_CHANNEL_H
#define SSHC_CHANNEL_CHANNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "transport/session.h"

enum sshc_channel_state {
    SSHC_CH_OPENING = 1, /* we sent CHANNEL_OPEN */
    SSHC_CH_DECIDING,    /* the peer's CHANNEL_OPEN waits for the application */
    SSHC_CH_OPEN,
};

struct sshc_channel {
    enum sshc_channel_state state;
    uint32_t id;            /* ours */
    uint32_t remote_id;     /* the peer's */
    uint32_t remote_window; /* bytes we may still send */
    uint32_t remote_max_packet;
    uint32_t local_window;  /* bytes the peer may still send */
    uint32_t consumed;      /* received and used, not yet given back */
    bool sent_eof, recv_eof;
    bool sent_close, recv_close;
    bool write_blocked;     /* a write found the window or output full */
    uint32_t replies_owed;  /* our requests with want-reply awaiting an answer */
};

struct sshc_channel *sshc_channel_get(sshc_session *s, uint32_t id);
/* The channel a peer message names; a protocol error if unknown or not open. */
int sshc_channel_from_peer(sshc_session *s, uint32_t id, struct sshc_channel **out);
int sshc_channel_alloc(sshc_session *s, struct sshc_channel **out);
void sshc_channel_release(sshc_session *s, struct sshc_channel *ch);
/* Send CHANNEL_CLOSE if not yet sent; release the channel once both sides closed. */
int sshc_channel_close_internal(sshc_session *s, struct sshc_channel *ch);

#endif
