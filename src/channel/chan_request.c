/*
 * Channel requests, RFC 4254 §5.4 and §6:
 *
 *   CHANNEL_REQUEST  byte 98, uint32 recipient, string request type,
 *                    boolean want reply, type-specific data
 *   CHANNEL_SUCCESS  byte 99, uint32 recipient
 *   CHANNEL_FAILURE  byte 100, uint32 recipient
 *
 * Session requests handled here (§6): exec (string command), subsystem
 * (string name), env (string name, string value), exit-status (uint32),
 * exit-signal (string signal name without "SIG", boolean core dumped,
 * string error message, string language tag). Other types reach the
 * server application with their raw type-specific bytes; a client answers
 * every request it does not know with FAILURE. Replies go out in the order
 * of the requests (§5.4) because input pauses while a decision is pending.
 */
#include <string.h>

#include "channel/channel.h"

#define MAX_REQUEST_TYPE 64

static int send_reply(sshc_session *s, struct sshc_channel *ch, bool ok)
{
    uint8_t p[5] = {ok ? SSHC_MSG_CHANNEL_SUCCESS : SSHC_MSG_CHANNEL_FAILURE};
    sshc_store_u32be(p + 1, ch->remote_id);
    return sshc_packet_send(s, p, sizeof(p));
}

static int client_request(sshc_session *s, struct sshc_channel *ch, const char *type,
                          bool want_reply, sshc_cur *c)
{
    if (strcmp(type, "exit-status") == 0) {
        uint32_t status;
        sshc_cur_u32(c, &status);
        int r = sshc_cur_end(c);
        if (r != SSHC_OK) {
            return sshc_session_fail(s, r, "malformed exit-status");
        }
        sshc_event ev = {.type = SSHC_EV_CHANNEL_EXIT_STATUS, .channel = ch->id, .code = status};
        return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
    }
    if (strcmp(type, "exit-signal") == 0) {
        const uint8_t *name, *msg, *lang;
        size_t name_len, msg_len, lang_len;
        bool core;
        sshc_cur_string(c, &name, &name_len);
        sshc_cur_bool(c, &core);
        sshc_cur_string(c, &msg, &msg_len);
        sshc_cur_string(c, &lang, &lang_len);
        int r = sshc_cur_end(c);
        if (r != SSHC_OK || name_len > MAX_REQUEST_TYPE || memchr(name, 0, name_len) != NULL) {
            return sshc_session_fail(s, r != SSHC_OK ? r : SSHC_E_BAD_STRING,
                                     "malformed exit-signal");
        }
        sshc_event ev = {.type = SSHC_EV_CHANNEL_EXIT_SIGNAL, .channel = ch->id, .flag = core};
        return sshc_event_push(s, &ev, (const char *)name, name_len, (const char *)msg,
                               msg_len > 256 ? 256 : msg_len);
    }
    /* keepalive@openssh.com and anything else: not supported here. */
    return want_reply ? send_reply(s, ch, false) : SSHC_OK;
}

static int server_request(sshc_session *s, struct sshc_channel *ch, const char *type,
                          bool want_reply, sshc_cur *c)
{
    const uint8_t *raw = c->p;
    size_t raw_len = c->len;
    const uint8_t *arg = NULL, *value = NULL;
    size_t arg_len = 0, value_len = 0;
    if (strcmp(type, "keepalive@openssh.com") == 0) {
        return want_reply ? send_reply(s, ch, false) : SSHC_OK; /* as OpenSSH answers it */
    }
    if (strcmp(type, "exec") == 0 || strcmp(type, "subsystem") == 0) {
        sshc_cur_string(c, &arg, &arg_len);
        int r = sshc_cur_end(c);
        if (r != SSHC_OK) {
            return sshc_session_fail(s, r, "malformed %s request", type);
        }
        value = arg;
        value_len = arg_len;
    } else if (strcmp(type, "env") == 0) {
        sshc_cur_string(c, &arg, &arg_len);
        sshc_cur_string(c, &value, &value_len);
        int r = sshc_cur_end(c);
        if (r != SSHC_OK) {
            return sshc_session_fail(s, r, "malformed env request");
        }
    } else {
        value = raw;
        value_len = raw_len;
    }
    /* Names with a NUL byte cannot be passed on as C strings: refuse them. */
    if (arg != NULL && memchr(arg, 0, arg_len) != NULL) {
        return want_reply ? send_reply(s, ch, false) : SSHC_OK;
    }
    sshc_event ev = {.type = SSHC_EV_CHANNEL_REQUEST, .channel = ch->id, .flag = want_reply,
                     .data = value, .len = value_len};
    if (!want_reply) {
        return sshc_event_push(s, &ev, type, strlen(type), (const char *)arg, arg_len);
    }
    s->decision_want_reply = true;
    return sshc_event_push_decision(s, &ev, SSHC_DECIDE_CHANNEL_REQUEST, type, strlen(type),
                                    (const char *)arg, arg_len);
}

int sshc_channel_request_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t recipient;
    char type[MAX_REQUEST_TYPE + 1];
    bool want_reply;
    sshc_cur_u32(c, &recipient);
    sshc_cur_cstring(c, type, sizeof(type));
    sshc_cur_bool(c, &want_reply);
    if (c->err != SSHC_OK) {
        return sshc_session_fail(s, c->err, "malformed CHANNEL_REQUEST");
    }
    struct sshc_channel *ch;
    int r = sshc_channel_from_peer(s, recipient, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    if (s->role == SSHC_ROLE_CLIENT) {
        return client_request(s, ch, type, want_reply, c);
    }
    return server_request(s, ch, type, want_reply, c);
}

int sshc_channel_request_decided(sshc_session *s, uint32_t channel, bool want_reply, bool allow)
{
    struct sshc_channel *ch = sshc_channel_get(s, channel);
    s->decision_want_reply = false;
    if (ch == NULL || ch->state != SSHC_CH_OPEN || ch->sent_close || !want_reply) {
        return SSHC_OK; /* closed meanwhile: nobody to answer */
    }
    return send_reply(s, ch, allow);
}

int sshc_channel_request_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    uint32_t recipient;
    sshc_cur_u32(c, &recipient);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed %s", sshc_msg_name(msg));
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_from_peer(s, recipient, &ch)) != SSHC_OK) {
        return r;
    }
    if (ch->replies_owed == 0) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "channel %u: reply to no request", ch->id);
    }
    ch->replies_owed--;
    sshc_event ev = {.type = SSHC_EV_CHANNEL_REQUEST_RESULT, .channel = ch->id,
                     .flag = msg == SSHC_MSG_CHANNEL_SUCCESS};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

static int open_for_request(sshc_session *s, uint32_t channel, struct sshc_channel **out)
{
    *out = NULL;
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    struct sshc_channel *ch = sshc_channel_get(s, channel);
    if (ch == NULL || ch->state != SSHC_CH_OPEN || ch->sent_close) {
        return SSHC_E_NO_SUCH_CHANNEL;
    }
    *out = ch;
    return SSHC_OK;
}

int sshc_channel_exec(sshc_session *s, uint32_t channel, const char *command)
{
    struct sshc_channel *ch;
    int r = open_for_request(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    if (command == NULL || s->role != SSHC_ROLE_CLIENT) {
        return command == NULL ? SSHC_E_INVALID_ARG : SSHC_E_UNSUPPORTED;
    }
    if (ch->replies_owed >= SSHC_MAX_PENDING_REPLIES) {
        return SSHC_E_LIMIT;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_REQUEST);
    sshc_bld_u32(&b, ch->remote_id);
    sshc_bld_cstring(&b, "exec");
    sshc_bld_bool(&b, true);
    sshc_bld_cstring(&b, command);
    ch->replies_owed++;
    return sshc_packet_end(s, &b);
}

int sshc_channel_send_exit_status(sshc_session *s, uint32_t channel, uint32_t status)
{
    struct sshc_channel *ch;
    int r = open_for_request(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_REQUEST);
    sshc_bld_u32(&b, ch->remote_id);
    sshc_bld_cstring(&b, "exit-status");
    sshc_bld_bool(&b, false);
    sshc_bld_u32(&b, status);
    return sshc_packet_end(s, &b);
}

int sshc_channel_send_exit_signal(sshc_session *s, uint32_t channel, const char *signal,
                                  bool core_dumped, const char *message)
{
    struct sshc_channel *ch;
    int r = open_for_request(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    if (signal == NULL || signal[0] == '\0') {
        return SSHC_E_INVALID_ARG;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_REQUEST);
    sshc_bld_u32(&b, ch->remote_id);
    sshc_bld_cstring(&b, "exit-signal");
    sshc_bld_bool(&b, false);
    sshc_bld_cstring(&b, signal);
    sshc_bld_bool(&b, core_dumped);
    sshc_bld_cstring(&b, message ? message : "");
    sshc_bld_cstring(&b, "");
    return sshc_packet_end(s, &b);
}
