/*
 * Transport layer generic messages, RFC 4253 §11:
 *
 *   DISCONNECT    byte 1, uint32 reason code, string description, string language tag
 *   IGNORE        byte 2, string data
 *   UNIMPLEMENTED byte 3, uint32 packet sequence number of rejected message
 *   DEBUG         byte 4, boolean always_display, string message, string language tag
 */
#include <stdio.h>
#include <string.h>

#include "transport/session.h"

int sshc_disconnect_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t reason;
    const uint8_t *desc, *lang;
    size_t desc_len, lang_len;
    sshc_cur_u32(c, &reason);
    sshc_cur_string(c, &desc, &desc_len);
    sshc_cur_string(c, &lang, &lang_len);
    /* Trailing bytes or a missing language tag do not matter: the peer is leaving. */
    if (c->err != SSHC_OK && desc == NULL) {
        desc_len = 0;
    }
    if (desc_len > 200) {
        desc_len = 200;
    }
    /* Only printable bytes of the description reach logs and events. */
    char text[201];
    for (size_t i = 0; i < desc_len; i++) {
        text[i] = (desc[i] >= 0x20 && desc[i] < 0x7f) ? (char)desc[i] : '?';
    }
    text[desc_len] = '\0';
    sshc_event ev = {.type = SSHC_EV_DISCONNECTED, .code = reason};
    sshc_event_push(s, &ev, text, desc_len, NULL, 0);
    s->closed = true;
    s->ts = SSHC_TS_CLOSED;
    s->err = SSHC_E_DISCONNECTED;
    snprintf(s->detail, sizeof(s->detail), "disconnected by peer (reason %u): %s", reason, text);
    return SSHC_E_DISCONNECTED;
}

int sshc_ignore_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *p;
    size_t n;
    (void)s;
    sshc_cur_string(c, &p, &n);
    return SSHC_OK; /* RFC 4253 §11.2: MUST be ignored, whatever it holds */
}

int sshc_debug_recv(sshc_session *s, sshc_cur *c)
{
    bool display;
    const uint8_t *msg;
    size_t n;
    sshc_cur_bool(c, &display);
    sshc_cur_string(c, &msg, &n);
    if (c->err == SSHC_OK) {
        sshc_session_log(s, SSHC_LOG_DEBUG, "peer debug message: %.*s", (int)(n > 200 ? 200 : n),
                         (const char *)msg);
    }
    return SSHC_OK;
}

int sshc_unimplemented_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t seqnr;
    sshc_cur_u32(c, &seqnr);
    sshc_session_log(s, SSHC_LOG_DEBUG, "peer did not implement our packet %u", seqnr);
    return SSHC_OK;
}

int sshc_unimplemented_send(sshc_session *s, uint32_t seqnr)
{
    uint8_t msg[5] = {SSHC_MSG_UNIMPLEMENTED};
    sshc_store_u32be(msg + 1, seqnr);
    return sshc_packet_send(s, msg, sizeof(msg));
}

int sshc_disconnect_send(sshc_session *s, uint32_t reason, const char *description)
{
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_DISCONNECT);
    sshc_bld_u32(&b, reason);
    sshc_bld_cstring(&b, description ? description : "");
    sshc_bld_cstring(&b, "");
    return sshc_packet_end(s, &b);
}
