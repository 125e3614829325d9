/*
 * Channel lifecycle, RFC 4254 §5.1 and §5.3:
 *
 *   CHANNEL_OPEN              byte 90, string type, uint32 sender channel,
 *                             uint32 initial window size, uint32 maximum packet size, ...
 *   CHANNEL_OPEN_CONFIRMATION byte 91, uint32 recipient, uint32 sender,
 *                             uint32 initial window size, uint32 maximum packet size
 *   CHANNEL_OPEN_FAILURE      byte 92, uint32 recipient, uint32 reason code,
 *                             string description, string language tag
 *   CHANNEL_EOF               byte 96, uint32 recipient
 *   CHANNEL_CLOSE             byte 97, uint32 recipient
 *
 * The table holds at most max_channels channels (a peer asking for more
 * gets OPEN_FAILURE RESOURCE_SHORTAGE, not memory growth). A client refuses
 * channels it did not ask for (agent, X11, forwarded-tcpip: DESIGN.md). A
 * channel id is reused only after both sides sent CLOSE.
 */
#include "channel/channel.h"

#include <stdlib.h>
#include <string.h>

/* RFC 4254 §5.1 reason codes. */
enum {
    OPEN_ADMINISTRATIVELY_PROHIBITED = 1,
    OPEN_CONNECT_FAILED = 2,
    OPEN_UNKNOWN_CHANNEL_TYPE = 3,
    OPEN_RESOURCE_SHORTAGE = 4,
};

struct sshc_channel *sshc_channel_get(sshc_session *s, uint32_t id)
{
    return id < s->n_channels ? s->channels[id] : NULL;
}

int sshc_channel_from_peer(sshc_session *s, uint32_t id, struct sshc_channel **out)
{
    struct sshc_channel *ch = sshc_channel_get(s, id);
    *out = NULL;
    if (ch == NULL || ch->state != SSHC_CH_OPEN || ch->recv_close) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "message for unknown or closed channel %u",
                                 id);
    }
    *out = ch;
    return SSHC_OK;
}

int sshc_channel_alloc(sshc_session *s, struct sshc_channel **out)
{
    *out = NULL;
    size_t slot = 0;
    while (slot < s->n_channels && s->channels[slot] != NULL) {
        slot++;
    }
    if (slot >= s->cfg->max_channels) {
        return SSHC_E_TOO_MANY_CHANNELS;
    }
    if (slot == s->n_channels) {
        size_t n = s->n_channels ? s->n_channels * 2 : 4;
        if (n > s->cfg->max_channels) {
            n = s->cfg->max_channels;
        }
        struct sshc_channel **t = realloc(s->channels, n * sizeof(*t));
        if (t == NULL) {
            return SSHC_E_NOMEM;
        }
        for (size_t i = s->n_channels; i < n; i++) {
            t[i] = NULL;
        }
        s->channels = t;
        s->n_channels = n;
    }
    struct sshc_channel *ch = calloc(1, sizeof(*ch));
    if (ch == NULL) {
        return SSHC_E_NOMEM;
    }
    ch->id = (uint32_t)slot;
    ch->local_window = (uint32_t)s->cfg->window;
    s->channels[slot] = ch;
    s->open_channels++;
    *out = ch;
    return SSHC_OK;
}

void sshc_channel_release(sshc_session *s, struct sshc_channel *ch)
{
    s->channels[ch->id] = NULL;
    s->open_channels--;
    free(ch);
}

void sshc_channels_free(sshc_session *s)
{
    for (size_t i = 0; i < s->n_channels; i++) {
        free(s->channels[i]);
    }
    free(s->channels);
    s->channels = NULL;
    s->n_channels = 0;
}

static int send_u32_msg(sshc_session *s, uint8_t msg, uint32_t a)
{
    uint8_t p[5] = {msg};
    sshc_store_u32be(p + 1, a);
    return sshc_packet_send(s, p, sizeof(p));
}

static int send_open_failure(sshc_session *s, uint32_t recipient, uint32_t reason,
                             const char *text)
{
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_OPEN_FAILURE);
    sshc_bld_u32(&b, recipient);
    sshc_bld_u32(&b, reason);
    sshc_bld_cstring(&b, text);
    sshc_bld_cstring(&b, "");
    return sshc_packet_end(s, &b);
}

static int session_usable(sshc_session *s)
{
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    return s->authenticated ? SSHC_OK : SSHC_E_BAD_STATE;
}

int sshc_channel_open_session(sshc_session *s, uint32_t *channel)
{
    int r = session_usable(s);
    if (r != SSHC_OK || channel == NULL) {
        return r != SSHC_OK ? r : SSHC_E_INVALID_ARG;
    }
    if (s->role != SSHC_ROLE_CLIENT) {
        return SSHC_E_UNSUPPORTED; /* servers do not open session channels (RFC 4254 §6.1) */
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_alloc(s, &ch)) != SSHC_OK) {
        return r;
    }
    ch->state = SSHC_CH_OPENING;
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_OPEN);
    sshc_bld_cstring(&b, "session");
    sshc_bld_u32(&b, ch->id);
    sshc_bld_u32(&b, ch->local_window);
    sshc_bld_u32(&b, (uint32_t)s->cfg->channel_max_packet);
    *channel = ch->id;
    return sshc_packet_end(s, &b);
}

int sshc_channel_open_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *type;
    size_t type_len;
    uint32_t sender, window, max_packet;
    sshc_cur_string(c, &type, &type_len);
    sshc_cur_u32(c, &sender);
    sshc_cur_u32(c, &window);
    sshc_cur_u32(c, &max_packet);
    if (c->err != SSHC_OK) {
        return sshc_session_fail(s, c->err, "malformed CHANNEL_OPEN");
    }
    bool is_session = type_len == 7 && memcmp(type, "session", 7) == 0;
    if (s->role == SSHC_ROLE_CLIENT) {
        /* DESIGN.md: a client refuses channel opens it did not ask for. */
        return send_open_failure(s, sender, OPEN_ADMINISTRATIVELY_PROHIBITED,
                                 "channel type not accepted by this client");
    }
    if (!is_session || sshc_cur_end(c) != SSHC_OK) {
        return send_open_failure(s, sender, OPEN_UNKNOWN_CHANNEL_TYPE, "unknown channel type");
    }
    struct sshc_channel *ch;
    int r = sshc_channel_alloc(s, &ch);
    if (r == SSHC_E_TOO_MANY_CHANNELS || r == SSHC_E_NOMEM) {
        return send_open_failure(s, sender, OPEN_RESOURCE_SHORTAGE, "too many channels");
    }
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "channel allocation failed");
    }
    ch->state = SSHC_CH_DECIDING;
    ch->remote_id = sender;
    ch->remote_window = window;
    /* Never send packets larger than our own limit, whatever the peer says. */
    ch->remote_max_packet = max_packet;
    sshc_event ev = {.type = SSHC_EV_CHANNEL_OPEN_REQUEST, .channel = ch->id};
    return sshc_event_push_decision(s, &ev, SSHC_DECIDE_CHANNEL_OPEN, "session", 7, NULL, 0);
}

int sshc_channel_open_decided(sshc_session *s, uint32_t channel, bool allow)
{
    struct sshc_channel *ch = sshc_channel_get(s, channel);
    if (ch == NULL || ch->state != SSHC_CH_DECIDING) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "open decision for no channel");
    }
    if (!allow) {
        uint32_t remote = ch->remote_id;
        sshc_channel_release(s, ch);
        return send_open_failure(s, remote, OPEN_ADMINISTRATIVELY_PROHIBITED,
                                 "channel refused");
    }
    ch->state = SSHC_CH_OPEN;
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_OPEN_CONFIRMATION);
    sshc_bld_u32(&b, ch->remote_id);
    sshc_bld_u32(&b, ch->id);
    sshc_bld_u32(&b, ch->local_window);
    sshc_bld_u32(&b, (uint32_t)s->cfg->channel_max_packet);
    return sshc_packet_end(s, &b);
}

int sshc_channel_open_reply_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    uint32_t recipient;
    sshc_cur_u32(c, &recipient);
    struct sshc_channel *ch = sshc_channel_get(s, recipient);
    if (c->err == SSHC_OK && (ch == NULL || ch->state != SSHC_CH_OPENING)) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "open reply for channel %u we did not open",
                                 recipient);
    }
    if (msg == SSHC_MSG_CHANNEL_OPEN_CONFIRMATION) {
        uint32_t sender, window, max_packet;
        sshc_cur_u32(c, &sender);
        sshc_cur_u32(c, &window);
        sshc_cur_u32(c, &max_packet);
        int r = sshc_cur_end(c);
        if (r != SSHC_OK) {
            return sshc_session_fail(s, r, "malformed CHANNEL_OPEN_CONFIRMATION");
        }
        ch->state = SSHC_CH_OPEN;
        ch->remote_id = sender;
        ch->remote_window = window;
        ch->remote_max_packet = max_packet;
        sshc_event ev = {.type = SSHC_EV_CHANNEL_OPENED, .channel = ch->id};
        return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
    }
    uint32_t reason;
    const uint8_t *text, *lang;
    size_t text_len, lang_len;
    sshc_cur_u32(c, &reason);
    sshc_cur_string(c, &text, &text_len);
    sshc_cur_string(c, &lang, &lang_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed CHANNEL_OPEN_FAILURE");
    }
    uint32_t id = ch->id;
    sshc_channel_release(s, ch);
    sshc_event ev = {.type = SSHC_EV_CHANNEL_OPEN_FAILED, .channel = id, .code = reason};
    return sshc_event_push(s, &ev, (const char *)text, text_len, NULL, 0);
}

int sshc_channel_eof_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t recipient;
    sshc_cur_u32(c, &recipient);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed CHANNEL_EOF");
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_from_peer(s, recipient, &ch)) != SSHC_OK) {
        return r;
    }
    if (ch->recv_eof) {
        return SSHC_OK; /* a repeated EOF changes nothing */
    }
    ch->recv_eof = true;
    sshc_event ev = {.type = SSHC_EV_CHANNEL_EOF, .channel = ch->id};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

int sshc_channel_close_internal(sshc_session *s, struct sshc_channel *ch)
{
    int r = SSHC_OK;
    if (!ch->sent_close) {
        ch->sent_close = true;
        r = send_u32_msg(s, SSHC_MSG_CHANNEL_CLOSE, ch->remote_id);
    }
    if (r == SSHC_OK && ch->recv_close) {
        uint32_t id = ch->id;
        sshc_channel_release(s, ch);
        sshc_event ev = {.type = SSHC_EV_CHANNEL_CLOSED, .channel = id};
        r = sshc_event_push(s, &ev, NULL, 0, NULL, 0);
    }
    return r;
}

int sshc_channel_close_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t recipient;
    sshc_cur_u32(c, &recipient);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed CHANNEL_CLOSE");
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_from_peer(s, recipient, &ch)) != SSHC_OK) {
        return r;
    }
    /* RFC 4254 §5.3: on CLOSE, send CLOSE back unless already sent. */
    ch->recv_close = true;
    return sshc_channel_close_internal(s, ch);
}

static int local_channel(sshc_session *s, uint32_t channel, struct sshc_channel **out)
{
    int r = session_usable(s);
    *out = NULL;
    if (r != SSHC_OK) {
        return r;
    }
    struct sshc_channel *ch = sshc_channel_get(s, channel);
    if (ch == NULL || ch->state != SSHC_CH_OPEN) {
        return SSHC_E_NO_SUCH_CHANNEL;
    }
    *out = ch;
    return SSHC_OK;
}

int sshc_channel_send_eof(sshc_session *s, uint32_t channel)
{
    struct sshc_channel *ch;
    int r = local_channel(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    if (ch->sent_eof || ch->sent_close) {
        return SSHC_OK;
    }
    ch->sent_eof = true;
    return send_u32_msg(s, SSHC_MSG_CHANNEL_EOF, ch->remote_id);
}

int sshc_channel_close(sshc_session *s, uint32_t channel)
{
    struct sshc_channel *ch;
    int r = local_channel(s, channel, &ch);
    return r != SSHC_OK ? r : sshc_channel_close_internal(s, ch);
}

int sshc_channels_kex_done(sshc_session *s)
{
    /* Writers held during the key exchange may go on: one event for all. */
    bool any = false;
    for (size_t i = 0; i < s->n_channels; i++) {
        struct sshc_channel *ch = s->channels[i];
        if (ch != NULL && ch->write_blocked) {
            ch->write_blocked = false;
            any = true;
        }
    }
    if (!any) {
        return SSHC_OK;
    }
    sshc_event ev = {.type = SSHC_EV_CHANNEL_WINDOW, .channel = SSHC_CHANNEL_ALL};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}
