/*
 * Channel data and flow control, RFC 4254 §5.2:
 *
 *   CHANNEL_WINDOW_ADJUST  byte 93, uint32 recipient, uint32 bytes to add
 *   CHANNEL_DATA           byte 94, uint32 recipient, string data
 *   CHANNEL_EXTENDED_DATA  byte 95, uint32 recipient, uint32 data_type_code, string data
 *
 * Windows in both directions. Received data counts against our window and
 * is given back (WINDOW_ADJUST) only when the application says it used it
 * (sshc_channel_consume), so a slow reader stops the sender instead of
 * growing memory. Writes take only what the peer's window and maximum
 * packet allow, and pause while the output buffer is above its high-water
 * mark or a key exchange holds non-kex packets.
 */
#include <string.h>

#include "channel/channel.h"

#define EXTENDED_DATA_STDERR 1 /* RFC 4254 §5.2 */

int sshc_channel_data_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    uint32_t recipient, type = 0;
    const uint8_t *data;
    size_t len;
    sshc_cur_u32(c, &recipient);
    if (msg == SSHC_MSG_CHANNEL_EXTENDED_DATA) {
        sshc_cur_u32(c, &type);
    }
    sshc_cur_string(c, &data, &len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed %s", sshc_msg_name(msg));
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_from_peer(s, recipient, &ch)) != SSHC_OK) {
        return r;
    }
    if (ch->recv_eof) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "data after EOF on channel %u", ch->id);
    }
    /* §5.2: the peer may not send more than the window allows. */
    if (len > ch->local_window) {
        return sshc_session_fail(s, SSHC_E_CHANNEL_WINDOW,
                                 "channel %u: %zu bytes of data, window %u", ch->id, len,
                                 ch->local_window);
    }
    ch->local_window -= (uint32_t)len;
    bool deliver = !ch->sent_close &&
                   (msg == SSHC_MSG_CHANNEL_DATA ||
                    (type == EXTENDED_DATA_STDERR && s->role == SSHC_ROLE_CLIENT));
    if (!deliver) {
        /* Unknown extended types (and anything after our CLOSE) are dropped; the
         * window is given back as if the application had read them. */
        return ch->sent_close ? SSHC_OK : sshc_channel_consume(s, ch->id, len);
    }
    if (len == 0) {
        return SSHC_OK;
    }
    sshc_event ev = {.type = SSHC_EV_CHANNEL_DATA, .channel = ch->id, .code = type,
                     .data = data, .len = len};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

int sshc_channel_window_adjust_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t recipient, add;
    sshc_cur_u32(c, &recipient);
    sshc_cur_u32(c, &add);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed CHANNEL_WINDOW_ADJUST");
    }
    struct sshc_channel *ch;
    if ((r = sshc_channel_from_peer(s, recipient, &ch)) != SSHC_OK) {
        return r;
    }
    /* §5.2: the window MUST NOT be increased above 2^32 - 1 bytes. */
    if (add > UINT32_MAX - ch->remote_window) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "channel %u: window adjust overflows 2^32",
                                 ch->id);
    }
    ch->remote_window += add;
    if (!ch->write_blocked || add == 0) {
        return SSHC_OK;
    }
    ch->write_blocked = false;
    sshc_event ev = {.type = SSHC_EV_CHANNEL_WINDOW, .channel = ch->id};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

static int open_channel(sshc_session *s, uint32_t channel, struct sshc_channel **out)
{
    *out = NULL;
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    struct sshc_channel *ch = sshc_channel_get(s, channel);
    if (ch == NULL || ch->state != SSHC_CH_OPEN) {
        return SSHC_E_NO_SUCH_CHANNEL;
    }
    *out = ch;
    return SSHC_OK;
}

int sshc_channel_write(sshc_session *s, uint32_t channel, uint32_t stream, const uint8_t *data,
                       size_t len, size_t *written)
{
    if (written != NULL) {
        *written = 0;
    }
    struct sshc_channel *ch;
    int r = open_channel(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    if (written == NULL || (data == NULL && len > 0) || stream > EXTENDED_DATA_STDERR) {
        return SSHC_E_INVALID_ARG;
    }
    if (ch->sent_eof || ch->sent_close) {
        return SSHC_E_BAD_STATE;
    }
    /* Our packets stay below our own framing limit and the peer's maximum. */
    size_t max_chunk = ch->remote_max_packet;
    if (max_chunk > s->cfg->max_packet - 64) {
        max_chunk = s->cfg->max_packet - 64;
    }
    size_t done = 0;
    while (done < len) {
        size_t n = len - done;
        if (n > ch->remote_window) {
            n = ch->remote_window;
        }
        if (n > max_chunk) {
            n = max_chunk;
        }
        if (n == 0 || sshc_packet_held(s) ||
            sshc_session_output_pending(s) >= SSHC_OUTPUT_HIGH_WATER) {
            ch->write_blocked = true;
            break;
        }
        uint8_t hdr[13];
        size_t hlen = 0;
        hdr[hlen++] = stream == 0 ? SSHC_MSG_CHANNEL_DATA : SSHC_MSG_CHANNEL_EXTENDED_DATA;
        sshc_store_u32be(hdr + hlen, ch->remote_id);
        hlen += 4;
        if (stream != 0) {
            sshc_store_u32be(hdr + hlen, stream);
            hlen += 4;
        }
        sshc_store_u32be(hdr + hlen, (uint32_t)n);
        hlen += 4;
        r = sshc_packet_send_data(s, hdr, hlen, data + done, n);
        if (r != SSHC_OK) {
            return r;
        }
        ch->remote_window -= (uint32_t)n;
        done += n;
        /* A volume limit may start a re-key; the loop then pauses (packets held). */
        if ((r = sshc_rekey_check(s)) != SSHC_OK) {
            return r;
        }
    }
    *written = done;
    return SSHC_OK;
}

size_t sshc_channel_send_window(const sshc_session *s, uint32_t channel)
{
    if (s == NULL || channel >= s->n_channels || s->channels[channel] == NULL) {
        return 0;
    }
    return s->channels[channel]->remote_window;
}

int sshc_channel_consume(sshc_session *s, uint32_t channel, size_t n)
{
    struct sshc_channel *ch;
    int r = open_channel(s, channel, &ch);
    if (r != SSHC_OK) {
        return r;
    }
    /* Only data that was received can be given back. */
    size_t outstanding = s->cfg->window - ch->local_window - ch->consumed;
    if (n > outstanding) {
        return SSHC_E_INVALID_ARG;
    }
    ch->consumed += (uint32_t)n;
    if (ch->recv_eof || ch->sent_close || ch->consumed < s->cfg->window / 2) {
        return SSHC_OK;
    }
    uint8_t msg[9] = {SSHC_MSG_CHANNEL_WINDOW_ADJUST};
    sshc_store_u32be(msg + 1, ch->remote_id);
    sshc_store_u32be(msg + 5, ch->consumed);
    ch->local_window += ch->consumed;
    ch->consumed = 0;
    return sshc_packet_send(s, msg, sizeof(msg));
}
