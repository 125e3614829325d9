/*
 * The internal shape of sshc_session, shared by the transport, auth and
 * connection layers. Each layer owns its own sub-struct; only the
 * functions of that layer change it.
 */
#ifndef SSHC_TRANSPORT_SESSION_H
#define SSHC_TRANSPORT_SESSION_H

#include <stdarg.h>

#include "core/builder.h"
#include "core/config.h"
#include "core/cursor.h"
#include "sshcore.h"

struct sshc_cipher_alg;
struct sshc_cipher_ctx;
struct sshc_mac_alg;
struct sshc_mac_ctx;
struct sshc_kex_alg;
struct sshc_channel;
struct sshc_zstream;

/* RFC 4250 §4.1 message numbers. */
enum {
    SSHC_MSG_DISCONNECT = 1,
    SSHC_MSG_IGNORE = 2,
    SSHC_MSG_UNIMPLEMENTED = 3,
    SSHC_MSG_DEBUG = 4,
    SSHC_MSG_SERVICE_REQUEST = 5,
    SSHC_MSG_SERVICE_ACCEPT = 6,
    SSHC_MSG_EXT_INFO = 7, /* RFC 8308 */
    SSHC_MSG_KEXINIT = 20,
    SSHC_MSG_NEWKEYS = 21,
    SSHC_MSG_KEX_ECDH_INIT = 30,  /* RFC 5656 §7.1, RFC 8731 */
    SSHC_MSG_KEX_ECDH_REPLY = 31,
    SSHC_MSG_USERAUTH_REQUEST = 50,
    SSHC_MSG_USERAUTH_FAILURE = 51,
    SSHC_MSG_USERAUTH_SUCCESS = 52,
    SSHC_MSG_USERAUTH_BANNER = 53,
    SSHC_MSG_USERAUTH_PK_OK = 60, /* also PASSWD_CHANGEREQ, INFO_REQUEST */
    SSHC_MSG_USERAUTH_INFO_RESPONSE = 61,
    SSHC_MSG_GLOBAL_REQUEST = 80,
    SSHC_MSG_REQUEST_SUCCESS = 81,
    SSHC_MSG_REQUEST_FAILURE = 82,
    SSHC_MSG_CHANNEL_OPEN = 90,
    SSHC_MSG_CHANNEL_OPEN_CONFIRMATION = 91,
    SSHC_MSG_CHANNEL_OPEN_FAILURE = 92,
    SSHC_MSG_CHANNEL_WINDOW_ADJUST = 93,
    SSHC_MSG_CHANNEL_DATA = 94,
    SSHC_MSG_CHANNEL_EXTENDED_DATA = 95,
    SSHC_MSG_CHANNEL_EOF = 96,
    SSHC_MSG_CHANNEL_CLOSE = 97,
    SSHC_MSG_CHANNEL_REQUEST = 98,
    SSHC_MSG_CHANNEL_SUCCESS = 99,
    SSHC_MSG_CHANNEL_FAILURE = 100,
};

/* RFC 4253 §6: the fields around the payload. */
#define SSHC_PACKET_HEADER 5    /* uint32 packet_length + byte padding_length */
#define SSHC_MIN_PADDING 4
#define SSHC_MAX_TRAILER 64     /* MAC or tag bytes after the packet */
/* RFC 4253 §4.2: identification line limits (DESIGN.md). */
#define SSHC_VERSION_MAX_SENT 255
#define SSHC_VERSION_MAX_ACCEPTED 8192
#define SSHC_MAX_PRE_BANNER_LINES 1024
#define SSHC_MAX_EVENTS 16
#define SSHC_MAX_EXT_INFO 1024
#define SSHC_OUTPUT_HIGH_WATER (4u * 1024u * 1024u) /* channel writes pause above */
#define SSHC_MAX_DEFERRED (1024u * 1024u)           /* control packets held during kex */
#define SSHC_MAX_PENDING_REPLIES 1024              /* our unanswered requests */
#define SSHC_MAX_PASSWORD 1024

/* One direction's packet protection. */
struct sshc_dir {
    const struct sshc_cipher_alg *cipher; /* NULL: none (before the first NEWKEYS) */
    struct sshc_cipher_ctx *cipher_ctx;
    const struct sshc_mac_alg *mac;       /* NULL with AEAD ciphers */
    struct sshc_mac_ctx *mac_ctx;
    uint32_t seqnr;
    size_t block;       /* alignment: max(8, cipher block) */
    size_t trailer;     /* MAC or tag bytes */
    bool aad;           /* the length field is outside the padded blocks (AEAD, ETM) */
    uint64_t packets;   /* since the last NEWKEYS */
    uint64_t bytes;
};

/* Transport states, named after what is expected next. */
enum sshc_ts {
    SSHC_TS_EXPECT_VERSION = 0,
    SSHC_TS_EXPECT_KEXINIT,
    SSHC_TS_EXPECT_KEX_INIT,   /* server: KEX_ECDH_INIT */
    SSHC_TS_EXPECT_KEX_REPLY,  /* client: KEX_ECDH_REPLY */
    SSHC_TS_EXPECT_HOSTKEY_OK, /* client: the application decides on the host key */
    SSHC_TS_EXPECT_NEWKEYS,
    SSHC_TS_ESTABLISHED,
    SSHC_TS_CLOSED,
};

/* Key exchange in progress (first or re-kex). */
struct sshc_kex {
    bool in_progress;       /* from our or the peer's KEXINIT until both NEWKEYS */
    bool our_kexinit_sent;
    bool peer_kexinit_seen;
    bool newkeys_sent;
    bool newkeys_received;
    bool ignore_next;       /* first_kex_packet_follows with a wrong guess */
    bool strict;            /* strict kex negotiated (in the first kex) */
    bool done_once;         /* the first kex has completed */
    bool peer_ext_info;     /* peer offered ext-info-c / ext-info-s */
    unsigned count;         /* completed exchanges */
    uint64_t started_ms;    /* when the keys in use were installed */
    sshc_bld our_kexinit;   /* payloads, for the exchange hash */
    sshc_bld peer_kexinit;
    const struct sshc_kex_alg *alg;
    const char *hostkey_alg;
    const struct sshc_cipher_alg *cipher[2]; /* [0] c->s, [1] s->c */
    const struct sshc_mac_alg *mac[2];
    struct sshc_ecdh *ecdh; /* ephemeral private key (ECDH families) */
    struct sshc_dh *dh;     /* ephemeral private key (DH families) */
    uint32_t gex_min, gex_n, gex_max; /* group exchange: the client's request */
    bool gex_group_known;   /* group exchange: p and g settled */
    sshc_bld gex_pg;        /* group exchange: mpint p, mpint g, for the exchange hash */
    uint8_t our_public[1024];
    size_t our_public_len;
    uint8_t hash[64];       /* H of this exchange */
    size_t hash_len;
    sshc_bld shared;        /* K, encoded as mpint, until keys are derived (secret) */
    sshc_key *peer_hostkey; /* client: the server's key being verified */
    struct sshc_dir next_tx, next_rx; /* keys derived, installed at NEWKEYS */
    bool keys_ready;
    uint32_t hostkey_decision;
    char names[8][SSHC_MAX_ALG_NAME + 1]; /* negotiated, for sshc_session_get_algorithm */
};

enum sshc_auth_state {
    SSHC_AUTH_NONE_YET = 0,       /* before the service request */
    SSHC_AUTH_EXPECT_SERVICE,     /* client: SERVICE_REQUEST sent */
    SSHC_AUTH_IDLE,               /* ready for a request */
    SSHC_AUTH_EXPECT_RESULT,      /* client: a request is out */
    SSHC_AUTH_EXPECT_PK_OK,       /* client: publickey query is out */
    SSHC_AUTH_DECIDING,           /* server: waiting for the application */
    SSHC_AUTH_DONE,
};

struct sshc_auth {
    enum sshc_auth_state state;
    bool service_accepted;      /* server: ssh-userauth accepted */
    char user[256];             /* fixed by the first request */
    bool user_fixed;
    unsigned failures;
    uint32_t decision;          /* server: the open decision */
    int method;                 /* server: the method being decided */
    sshc_key *offered;          /* server: key of the pending publickey request */
    bool offered_signed;
    const sshc_key *client_key; /* client: key of the pending publickey attempt */
    char sig_alg[SSHC_MAX_ALG_NAME + 1];
    char *server_sig_algs;      /* client: from EXT_INFO */
    uint64_t deadline_ms;       /* server: login grace */
};

/* Queued event; strings are offsets into the event arena or borrowed pointers. */
struct sshc_queued_event {
    sshc_event ev;
    size_t str_off, str2_off; /* (size_t)-1: none */
};

enum sshc_decision_kind {
    SSHC_DECIDE_NONE = 0,
    SSHC_DECIDE_HOSTKEY,
    SSHC_DECIDE_AUTH,
    SSHC_DECIDE_CHANNEL_OPEN,
    SSHC_DECIDE_CHANNEL_REQUEST,
};

struct sshc_session {
    const sshc_config *cfg;
    enum sshc_role role;
    enum sshc_ts ts;
    int err;
    char detail[1024];
    bool closed;
    bool eof_seen;
    bool authenticated;
    bool in_callback;
    uint64_t now_ms;

    /* identification strings, without CR LF */
    char our_version[SSHC_VERSION_MAX_SENT + 1];
    char *peer_version;
    size_t pre_banner_lines;

    /* input: raw bytes, processed one packet at a time in place */
    uint8_t *in;
    size_t in_cap, in_start, in_len;
    bool first_block_done; /* non-AEAD, non-ETM: first block of this packet decrypted */
    uint32_t cur_packet_len;
    /* the payload being processed (points into in) */
    const uint8_t *payload;
    size_t payload_len;

    /* output */
    uint8_t *out;
    size_t out_cap, out_start, out_len;
    sshc_bld deferred; /* non-kex packets held while a key exchange runs */

    struct sshc_dir rx, tx;
    /* compression (compress.c): methods for the keys in use, and the zlib streams */
    uint8_t comp_tx, comp_rx;
    struct sshc_zstream *z_tx, *z_rx;
    struct sshc_kex kex;
    uint8_t session_id[64];
    size_t session_id_len;
    sshc_key *server_hostkey; /* client: the key accepted in the first kex */

    struct sshc_auth auth;

    /* connection layer */
    struct sshc_channel **channels;
    size_t n_channels;        /* slots allocated */
    size_t open_channels;
    uint32_t global_replies_owed; /* server: our global requests awaiting reply */

    /* events */
    struct sshc_queued_event events[SSHC_MAX_EVENTS];
    size_t ev_head, ev_count;
    sshc_bld ev_arena;
    uint32_t next_decision;
    enum sshc_decision_kind decision_kind;
    uint32_t decision_id;
    uint32_t decision_channel;
    bool decision_want_reply;
};

/* ----- internal API shared between the layers ----- */

/* Record a fatal error with a detail line; returns err. Sends DISCONNECT if the error maps to a reason. */
int sshc_session_fail(sshc_session *s, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sshc_session_log(sshc_session *s, enum sshc_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int sshc_session_random(sshc_session *s, uint8_t *buf, size_t len);
/* Process input already buffered (called when the event queue drains). */
int sshc_session_process(sshc_session *s);

/* Events. str and str2 (may be NULL, may be not NUL-terminated: lengths given) are copied. */
int sshc_event_push(sshc_session *s, const sshc_event *ev, const char *str, size_t str_len,
                    const char *str2, size_t str2_len);
/* Push an event that needs a decision; returns the decision id in *id. */
int sshc_event_push_decision(sshc_session *s, sshc_event *ev, enum sshc_decision_kind kind,
                             const char *str, size_t str_len, const char *str2,
                             size_t str2_len);
bool sshc_event_pending(const sshc_session *s);

/* Version exchange (version.c). */
int sshc_version_send(sshc_session *s);
/* Consume identification bytes from s->in; sets *done when the peer's line is in. */
int sshc_version_recv(sshc_session *s, bool *done);

/* Packets. Start a packet: returns a builder positioned at the payload. */
int sshc_packet_begin(sshc_session *s, sshc_bld *b);
/* Finish the packet begun with sshc_packet_begin: pad, encrypt, MAC. */
int sshc_packet_end(sshc_session *s, sshc_bld *b);
/* Send a complete payload (copies it); held back during kex if not a kex message. */
int sshc_packet_send(sshc_session *s, const uint8_t *payload, size_t len);
/* Send hdr followed by data as one payload (channel data: one copy). */
int sshc_packet_send_data(sshc_session *s, const uint8_t *hdr, size_t hlen, const uint8_t *data,
                          size_t len);
/* Try to read one packet from s->in: *got true with s->payload set. */
int sshc_packet_read(sshc_session *s, bool *got);
/* Whether messages of this number may be sent during a key exchange. */
bool sshc_msg_allowed_during_kex(uint8_t msg);
/* Flush packets held during kex (after our NEWKEYS). */
int sshc_packet_flush_deferred(sshc_session *s);
/* Whether non-kex packets are being held back now. */
bool sshc_packet_held(const sshc_session *s);

/* Dispatch one payload through the admission table (dispatch.c). */
int sshc_dispatch(sshc_session *s, const uint8_t *payload, size_t len);

/* Key exchange (kex.c). */
int sshc_kex_start(sshc_session *s);
int sshc_kexinit_recv(sshc_session *s, sshc_cur *c, const uint8_t *payload, size_t len);
int sshc_newkeys_recv(sshc_session *s, sshc_cur *c);
int sshc_kex_method_recv(sshc_session *s, uint8_t msg, sshc_cur *c);
int sshc_kex_hostkey_reply(sshc_session *s, bool allow);
/* Called by a kex method when H and K are known: sign/verify is done; derive keys, send NEWKEYS. */
int sshc_kex_finish(sshc_session *s);
void sshc_kex_clear(struct sshc_kex *k);
void sshc_dir_clear(struct sshc_dir *d);

/* Transport generic messages (msg_transport.c). */
int sshc_disconnect_recv(sshc_session *s, sshc_cur *c);
int sshc_ignore_recv(sshc_session *s, sshc_cur *c);
int sshc_debug_recv(sshc_session *s, sshc_cur *c);
int sshc_unimplemented_recv(sshc_session *s, sshc_cur *c);
int sshc_unimplemented_send(sshc_session *s, uint32_t seqnr);
int sshc_disconnect_send(sshc_session *s, uint32_t reason, const char *description);

/* Service (service.c) and EXT_INFO (extinfo.c). */
int sshc_service_request_recv(sshc_session *s, sshc_cur *c);
int sshc_service_accept_recv(sshc_session *s, sshc_cur *c);
int sshc_service_request_send(sshc_session *s, const char *service);
int sshc_ext_info_recv(sshc_session *s, sshc_cur *c);
int sshc_ext_info_send(sshc_session *s);

/* Authentication (auth/). */
int sshc_userauth_request_recv(sshc_session *s, sshc_cur *c);
int sshc_userauth_failure_recv(sshc_session *s, sshc_cur *c);
int sshc_userauth_success_recv(sshc_session *s, sshc_cur *c);
int sshc_userauth_banner_recv(sshc_session *s, sshc_cur *c);
int sshc_userauth_60_recv(sshc_session *s, sshc_cur *c);
int sshc_userauth_decided(sshc_session *s, bool allow);
void sshc_auth_clear(struct sshc_auth *a);

/* Connection (channel/). */
int sshc_global_request_recv(sshc_session *s, sshc_cur *c);
int sshc_request_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c);
int sshc_channel_open_recv(sshc_session *s, sshc_cur *c);
int sshc_channel_open_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c);
int sshc_channel_window_adjust_recv(sshc_session *s, sshc_cur *c);
int sshc_channel_data_recv(sshc_session *s, uint8_t msg, sshc_cur *c);
int sshc_channel_eof_recv(sshc_session *s, sshc_cur *c);
int sshc_channel_close_recv(sshc_session *s, sshc_cur *c);
int sshc_channel_request_recv(sshc_session *s, sshc_cur *c);
int sshc_channel_request_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c);
int sshc_channel_open_decided(sshc_session *s, uint32_t channel, bool allow);
int sshc_channel_request_decided(sshc_session *s, uint32_t channel, bool want_reply, bool allow);
/* After a key exchange: wake writers that were held. */
int sshc_channels_kex_done(sshc_session *s);
void sshc_channels_free(sshc_session *s);

/* Start a re-key if a volume, packet or time limit is reached (rekey.c). */
int sshc_rekey_check(sshc_session *s);

/* Exchange hash prefix common to all methods: V_C, V_S, I_C, I_S (RFC 4253 §8). */
int sshc_kex_hash_prefix(sshc_session *s, sshc_bld *b);
/* Our host key for the negotiated algorithm (server). */
const sshc_key *sshc_kex_our_hostkey(sshc_session *s);
/* Key derivation, RFC 4253 §7.2 (keys.c). */
int sshc_keys_derive(sshc_session *s);

/* Names for the trace. */
const char *sshc_msg_name(uint8_t msg);

#endif
