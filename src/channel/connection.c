/*
 * Global requests, RFC 4254 §4:
 *
 *   GLOBAL_REQUEST   byte 80, string request name, boolean want reply, data
 *   REQUEST_SUCCESS  byte 81, [response data]
 *   REQUEST_FAILURE  byte 82
 *
 * No global request is implemented yet (tcpip-forward comes with port
 * forwarding): each one that wants a reply gets REQUEST_FAILURE, as §4
 * requires for unknown requests. OpenSSH's hostkeys-00@openssh.com and
 * similar want no reply and are ignored. We never send global requests,
 * so a reply is a protocol error.
 */
#include "channel/channel.h"

int sshc_global_request_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *name;
    size_t len;
    bool want_reply;
    sshc_cur_string(c, &name, &len);
    sshc_cur_bool(c, &want_reply);
    if (c->err != SSHC_OK) {
        return sshc_session_fail(s, c->err, "malformed GLOBAL_REQUEST");
    }
    sshc_session_log(s, SSHC_LOG_DEBUG, "global request %.*s refused", (int)(len > 64 ? 64 : len),
                     (const char *)name);
    if (!want_reply) {
        return SSHC_OK;
    }
    uint8_t msg = SSHC_MSG_REQUEST_FAILURE;
    return sshc_packet_send(s, &msg, 1);
}

int sshc_request_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    (void)c;
    if (s->global_replies_owed == 0) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "%s without a global request",
                                 sshc_msg_name(msg));
    }
    s->global_replies_owed--;
    return SSHC_OK;
}
