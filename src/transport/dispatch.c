/*
 * The admission table: which message numbers may arrive, in which role
 * and in which phase, and who handles them. One place to audit
 * "USERAUTH_SUCCESS sent by a client" (libssh CVE-2018-10933) or
 * "CHANNEL_OPEN before authentication".
 *
 * A known message that is not admitted ends the connection with
 * DISCONNECT PROTOCOL_ERROR. A number we do not implement gets
 * UNIMPLEMENTED (RFC 4253 §11.4) and the connection goes on, except during
 * a strict initial key exchange, where anything unexpected is fatal
 * (OpenSSH PROTOCOL, strict kex).
 */
#include "transport/kex.h"
#include "transport/session.h"

/* Phases (bits), derived from the session by phase_of(). */
enum {
    PH_FIRST_KEXINIT = 1 << 0, /* before the peer's first KEXINIT */
    PH_KEX = 1 << 1,           /* after a peer KEXINIT, before its NEWKEYS */
    PH_UNAUTH = 1 << 2,        /* keys in place, not authenticated */
    PH_AUTH = 1 << 3,          /* authenticated */
    PH_ANY = PH_FIRST_KEXINIT | PH_KEX | PH_UNAUTH | PH_AUTH,
    PH_AFTER_KEX = PH_UNAUTH | PH_AUTH,
};

/* Roles that may RECEIVE the message. */
enum { R_CLIENT = 1, R_SERVER = 2, R_BOTH = 3 };

enum handler_kind {
    H_NONE = 0,
    H_DISCONNECT,
    H_IGNORE,
    H_UNIMPLEMENTED,
    H_DEBUG,
    H_SERVICE_REQUEST,
    H_SERVICE_ACCEPT,
    H_EXT_INFO,
    H_KEXINIT,
    H_NEWKEYS,
    H_KEX_METHOD,
    H_USERAUTH_REQUEST,
    H_USERAUTH_FAILURE,
    H_USERAUTH_SUCCESS,
    H_USERAUTH_BANNER,
    H_USERAUTH_60,
    H_GLOBAL_REQUEST,
    H_REQUEST_REPLY,
    H_CHANNEL_OPEN,
    H_CHANNEL_OPEN_REPLY,
    H_WINDOW_ADJUST,
    H_CHANNEL_DATA,
    H_CHANNEL_EOF,
    H_CHANNEL_CLOSE,
    H_CHANNEL_REQUEST,
    H_CHANNEL_REQUEST_REPLY,
};

struct admission {
    const char *name;
    uint8_t roles;
    uint8_t phases;
    uint8_t handler;
    bool kex_message; /* allowed during a strict initial key exchange */
};

static const struct admission table[256] = {
    [SSHC_MSG_DISCONNECT] = {"DISCONNECT", R_BOTH, PH_ANY, H_DISCONNECT, true},
    [SSHC_MSG_IGNORE] = {"IGNORE", R_BOTH, PH_ANY, H_IGNORE, false},
    [SSHC_MSG_UNIMPLEMENTED] = {"UNIMPLEMENTED", R_BOTH, PH_ANY, H_UNIMPLEMENTED, false},
    [SSHC_MSG_DEBUG] = {"DEBUG", R_BOTH, PH_ANY, H_DEBUG, false},
    [SSHC_MSG_SERVICE_REQUEST] = {"SERVICE_REQUEST", R_SERVER, PH_UNAUTH, H_SERVICE_REQUEST, false},
    [SSHC_MSG_SERVICE_ACCEPT] = {"SERVICE_ACCEPT", R_CLIENT, PH_UNAUTH, H_SERVICE_ACCEPT, false},
    [SSHC_MSG_EXT_INFO] = {"EXT_INFO", R_BOTH, PH_AFTER_KEX, H_EXT_INFO, false},
    [SSHC_MSG_KEXINIT] = {"KEXINIT", R_BOTH, PH_FIRST_KEXINIT | PH_AFTER_KEX, H_KEXINIT, true},
    [SSHC_MSG_NEWKEYS] = {"NEWKEYS", R_BOTH, PH_KEX, H_NEWKEYS, true},
    [SSHC_MSG_KEX_ECDH_INIT] = {"KEX_ECDH_INIT", R_SERVER, PH_KEX, H_KEX_METHOD, true},
    [SSHC_MSG_KEX_ECDH_REPLY] = {"KEX_ECDH_REPLY", R_CLIENT, PH_KEX, H_KEX_METHOD, true},
    [SSHC_MSG_KEX_DH_GEX_INIT] = {"KEX_DH_GEX_INIT", R_SERVER, PH_KEX, H_KEX_METHOD, true},
    [SSHC_MSG_KEX_DH_GEX_REPLY] = {"KEX_DH_GEX_REPLY", R_CLIENT, PH_KEX, H_KEX_METHOD, true},
    [SSHC_MSG_KEX_DH_GEX_REQUEST] = {"KEX_DH_GEX_REQUEST", R_SERVER, PH_KEX, H_KEX_METHOD, true},
    [SSHC_MSG_USERAUTH_REQUEST] = {"USERAUTH_REQUEST", R_SERVER, PH_AFTER_KEX,
                                   H_USERAUTH_REQUEST, false},
    [SSHC_MSG_USERAUTH_FAILURE] = {"USERAUTH_FAILURE", R_CLIENT, PH_UNAUTH, H_USERAUTH_FAILURE, false},
    [SSHC_MSG_USERAUTH_SUCCESS] = {"USERAUTH_SUCCESS", R_CLIENT, PH_UNAUTH, H_USERAUTH_SUCCESS, false},
    [SSHC_MSG_USERAUTH_BANNER] = {"USERAUTH_BANNER", R_CLIENT, PH_UNAUTH, H_USERAUTH_BANNER, false},
    [SSHC_MSG_USERAUTH_PK_OK] = {"USERAUTH_PK_OK", R_CLIENT, PH_UNAUTH, H_USERAUTH_60, false},
    [SSHC_MSG_USERAUTH_INFO_RESPONSE] = {"USERAUTH_INFO_RESPONSE", 0, 0, H_NONE, false},
    [SSHC_MSG_GLOBAL_REQUEST] = {"GLOBAL_REQUEST", R_BOTH, PH_AUTH, H_GLOBAL_REQUEST, false},
    [SSHC_MSG_REQUEST_SUCCESS] = {"REQUEST_SUCCESS", R_BOTH, PH_AUTH, H_REQUEST_REPLY, false},
    [SSHC_MSG_REQUEST_FAILURE] = {"REQUEST_FAILURE", R_BOTH, PH_AUTH, H_REQUEST_REPLY, false},
    [SSHC_MSG_CHANNEL_OPEN] = {"CHANNEL_OPEN", R_BOTH, PH_AUTH, H_CHANNEL_OPEN, false},
    [SSHC_MSG_CHANNEL_OPEN_CONFIRMATION] = {"CHANNEL_OPEN_CONFIRMATION", R_BOTH, PH_AUTH,
                                            H_CHANNEL_OPEN_REPLY, false},
    [SSHC_MSG_CHANNEL_OPEN_FAILURE] = {"CHANNEL_OPEN_FAILURE", R_BOTH, PH_AUTH,
                                       H_CHANNEL_OPEN_REPLY, false},
    [SSHC_MSG_CHANNEL_WINDOW_ADJUST] = {"CHANNEL_WINDOW_ADJUST", R_BOTH, PH_AUTH,
                                        H_WINDOW_ADJUST, false},
    [SSHC_MSG_CHANNEL_DATA] = {"CHANNEL_DATA", R_BOTH, PH_AUTH, H_CHANNEL_DATA, false},
    [SSHC_MSG_CHANNEL_EXTENDED_DATA] = {"CHANNEL_EXTENDED_DATA", R_BOTH, PH_AUTH,
                                        H_CHANNEL_DATA, false},
    [SSHC_MSG_CHANNEL_EOF] = {"CHANNEL_EOF", R_BOTH, PH_AUTH, H_CHANNEL_EOF, false},
    [SSHC_MSG_CHANNEL_CLOSE] = {"CHANNEL_CLOSE", R_BOTH, PH_AUTH, H_CHANNEL_CLOSE, false},
    [SSHC_MSG_CHANNEL_REQUEST] = {"CHANNEL_REQUEST", R_BOTH, PH_AUTH, H_CHANNEL_REQUEST, false},
    [SSHC_MSG_CHANNEL_SUCCESS] = {"CHANNEL_SUCCESS", R_BOTH, PH_AUTH, H_CHANNEL_REQUEST_REPLY, false},
    [SSHC_MSG_CHANNEL_FAILURE] = {"CHANNEL_FAILURE", R_BOTH, PH_AUTH, H_CHANNEL_REQUEST_REPLY, false},
};

const char *sshc_msg_name(uint8_t msg)
{
    return table[msg].name != NULL ? table[msg].name : "UNKNOWN";
}

static int phase_of(const sshc_session *s)
{
    const struct sshc_kex *k = &s->kex;
    if (!k->done_once && !k->peer_kexinit_seen) {
        return PH_FIRST_KEXINIT;
    }
    if (k->in_progress && k->peer_kexinit_seen && !k->newkeys_received) {
        return PH_KEX;
    }
    return s->authenticated ? PH_AUTH : PH_UNAUTH;
}

static int run(sshc_session *s, uint8_t msg, enum handler_kind h, sshc_cur *c,
               const uint8_t *payload, size_t len)
{
    switch (h) {
    case H_DISCONNECT:
        return sshc_disconnect_recv(s, c);
    case H_IGNORE:
        return sshc_ignore_recv(s, c);
    case H_UNIMPLEMENTED:
        return sshc_unimplemented_recv(s, c);
    case H_DEBUG:
        return sshc_debug_recv(s, c);
    case H_SERVICE_REQUEST:
        return sshc_service_request_recv(s, c);
    case H_SERVICE_ACCEPT:
        return sshc_service_accept_recv(s, c);
    case H_EXT_INFO:
        return sshc_ext_info_recv(s, c);
    case H_KEXINIT:
        return sshc_kexinit_recv(s, c, payload, len);
    case H_NEWKEYS:
        return sshc_newkeys_recv(s, c);
    case H_KEX_METHOD:
        return sshc_kex_method_recv(s, msg, c);
    case H_USERAUTH_REQUEST:
        return sshc_userauth_request_recv(s, c);
    case H_USERAUTH_FAILURE:
        return sshc_userauth_failure_recv(s, c);
    case H_USERAUTH_SUCCESS:
        return sshc_userauth_success_recv(s, c);
    case H_USERAUTH_BANNER:
        return sshc_userauth_banner_recv(s, c);
    case H_USERAUTH_60:
        return sshc_userauth_60_recv(s, c);
    case H_GLOBAL_REQUEST:
        return sshc_global_request_recv(s, c);
    case H_REQUEST_REPLY:
        return sshc_request_reply_recv(s, msg, c);
    case H_CHANNEL_OPEN:
        return sshc_channel_open_recv(s, c);
    case H_CHANNEL_OPEN_REPLY:
        return sshc_channel_open_reply_recv(s, msg, c);
    case H_WINDOW_ADJUST:
        return sshc_channel_window_adjust_recv(s, c);
    case H_CHANNEL_DATA:
        return sshc_channel_data_recv(s, msg, c);
    case H_CHANNEL_EOF:
        return sshc_channel_eof_recv(s, c);
    case H_CHANNEL_CLOSE:
        return sshc_channel_close_recv(s, c);
    case H_CHANNEL_REQUEST:
        return sshc_channel_request_recv(s, c);
    case H_CHANNEL_REQUEST_REPLY:
        return sshc_channel_request_reply_recv(s, msg, c);
    default:
        return sshc_session_fail(s, SSHC_E_INTERNAL, "no handler for message %u", msg);
    }
}

int sshc_dispatch(sshc_session *s, const uint8_t *payload, size_t len)
{
    uint8_t msg = payload[0];
    const struct admission *a = &table[msg];
    int phase = phase_of(s);
    bool strict_initial = s->kex.strict && !s->kex.done_once;
    uint8_t role = s->role == SSHC_ROLE_CLIENT ? R_CLIENT : R_SERVER;
    sshc_cur c;
    sshc_cur_init(&c, payload + 1, len - 1);

    if (strict_initial && !a->kex_message) {
        return sshc_session_fail(s, SSHC_E_STRICT_KEX,
                                 "strict kex: unexpected %s (%u) during the initial key exchange",
                                 sshc_msg_name(msg), msg);
    }
    /* Before the first KEXINIT only it and transport generic messages may arrive;
     * during a key exchange only transport and kex messages (RFC 4253 §7.1). */
    if ((phase == PH_FIRST_KEXINIT || phase == PH_KEX) && !sshc_msg_allowed_during_kex(msg)) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG,
                                 "unexpected %s (%u) during key exchange", sshc_msg_name(msg),
                                 msg);
    }
    if (a->handler == H_NONE && a->name == NULL) {
        /* RFC 4253 §11.4: not implemented; the connection goes on. */
        sshc_session_log(s, SSHC_LOG_DEBUG, "unimplemented message %u", msg);
        return sshc_unimplemented_send(s, s->rx.seqnr - 1);
    }
    if ((a->roles & role) == 0 || (a->phases & phase) == 0) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected %s (%u) %s",
                                 sshc_msg_name(msg), msg,
                                 (a->roles & role) == 0
                                     ? (s->role == SSHC_ROLE_SERVER ? "sent by a client"
                                                                    : "sent by a server")
                                     : "in this state");
    }
    return run(s, msg, a->handler, &c, payload, len);
}
