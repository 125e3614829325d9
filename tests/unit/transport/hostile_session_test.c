/*
 * A hostile peer inside the protocol (issue #3's list), driven in memory:
 * DH public values 0, 1 and p-1; USERAUTH_REQUEST before SERVICE_REQUEST;
 * CHANNEL_OPEN before authentication; 100,000 CHANNEL_OPENs; EXTENDED_DATA
 * of an unknown type; a flood of global requests from a peer that never
 * reads the replies. Each ends in the named refusal or error, with memory
 * bounded by a named limit.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/dh.h"
#include "pair.h"
#include "sshc_test.h"
#include "channel/channel.h"
#include "transport/kex.h"
#include "transport/session.h"

/* Move what from has to send into to, once; drain to's events without answering. */
static void move_once(sshc_session *from, sshc_session *to)
{
    const uint8_t *d;
    size_t n, used = 0;
    sshc_session_output(from, &d, &n);
    if (n > 0) {
        sshc_session_recv(to, d, n, &used);
        sshc_session_output_done(from, used);
    }
}

/* Versions and KEXINITs only: the server then waits for the client's INIT. */
static void to_kex_init(struct pair *p)
{
    move_once(p->c, p->s);
    move_once(p->s, p->c);
}

static void dh_init_with(const uint8_t *e, size_t e_len)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, "diffie-hellman-group14-sha256", NULL, NULL, 31));
    to_kex_init(&p);
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    sshc_bld_u8(&b, SSHC_MSG_KEX_ECDH_INIT); /* KEXDH_INIT shares number 30 */
    sshc_bld_mpint_unsigned(&b, e, e_len);
    sshc_dispatch(p.s, b.buf, b.len);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_BAD_PUBLIC_VALUE);
    EXPECT_TRUE(sshc_session_is_closed(p.s));
    sshc_bld_clear(&b);
    pair_free(&p);
}

TEST(dh_public_values_0_1_and_p_minus_1_are_refused)
{
    static const uint8_t zero[1] = {0}, one[1] = {1};
    dh_init_with(zero, 0);
    dh_init_with(one, 1);
    sshc_dh *dh = NULL;
    EXPECT_OK(sshc_dh_new_group(14, &dh));
    uint8_t p[SSHC_DH_MAX_BYTES], g[SSHC_DH_MAX_BYTES];
    size_t p_len, g_len;
    EXPECT_OK(sshc_dh_get_pg(dh, p, &p_len, g, &g_len));
    p[p_len - 1] -= 1; /* p is odd: p-1 only changes the last byte */
    dh_init_with(p, p_len);
    p[p_len - 1] += 1; /* p itself */
    dh_init_with(p, p_len);
    sshc_dh_free(dh);
}

/*
 * Run the handshake until the server has finished its key exchange (READY),
 * then stop: the client's SERVICE_REQUEST is still unread in its buffer.
 */
static bool server_just_ready(struct pair *p)
{
    for (int round = 0; round < 100; round++) {
        move_once(p->c, p->s);
        sshc_event ev;
        while (sshc_session_poll_event(p->s, &ev) == 1) {
            if (ev.type == SSHC_EV_READY) {
                return true;
            }
        }
        move_once(p->s, p->c);
        while (sshc_session_poll_event(p->c, &ev) == 1) {
            if (ev.decision != 0) {
                sshc_session_reply(p->c, ev.decision, SSHC_ALLOW);
            }
        }
    }
    return false;
}

TEST(userauth_request_before_service_request_is_fatal)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 32));
    EXPECT_TRUE(server_just_ready(&p));
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    sshc_bld_u8(&b, SSHC_MSG_USERAUTH_REQUEST);
    sshc_bld_cstring(&b, "root");
    sshc_bld_cstring(&b, "ssh-connection");
    sshc_bld_cstring(&b, "none");
    sshc_dispatch(p.s, b.buf, b.len);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_UNEXPECTED_MSG);
    sshc_bld_clear(&b);
    pair_free(&p);
}

TEST(channel_open_before_authentication_is_fatal)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 33));
    EXPECT_TRUE(server_just_ready(&p));
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    sshc_bld_u8(&b, SSHC_MSG_CHANNEL_OPEN);
    sshc_bld_cstring(&b, "session");
    sshc_bld_u32(&b, 0);
    sshc_bld_u32(&b, 65536);
    sshc_bld_u32(&b, 32768);
    sshc_dispatch(p.s, b.buf, b.len);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_UNEXPECTED_MSG);
    EXPECT_TRUE(!sshc_session_is_authenticated(p.s));
    sshc_bld_clear(&b);
    pair_free(&p);
}

TEST(hundred_thousand_channel_opens_stay_bounded)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 34));
    EXPECT_OK(pair_connect(&p));
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    size_t allowed = 0, refused_by_limit = 0;
    for (uint32_t i = 0; i < 100000 && !sshc_session_is_closed(p.s); i++) {
        sshc_bld_reset(&b);
        sshc_bld_u8(&b, SSHC_MSG_CHANNEL_OPEN);
        sshc_bld_cstring(&b, "session");
        sshc_bld_u32(&b, i);
        sshc_bld_u32(&b, 65536);
        sshc_bld_u32(&b, 32768);
        size_t before = p.s->open_channels;
        sshc_dispatch(p.s, b.buf, b.len);
        /* An application that says yes to everything: only the channel limit stops it. */
        sshc_event ev;
        bool asked = false;
        while (sshc_session_poll_event(p.s, &ev) == 1) {
            if (ev.type == SSHC_EV_CHANNEL_OPEN_REQUEST) {
                asked = true;
                sshc_session_reply(p.s, ev.decision, SSHC_ALLOW);
            }
        }
        allowed += p.s->open_channels > before;
        refused_by_limit += !asked;
        /* The replies go nowhere: this peer only talks. */
        const uint8_t *d;
        size_t n;
        sshc_session_output(p.s, &d, &n);
        sshc_session_output_done(p.s, n);
    }
    if (sshc_session_is_closed(p.s)) {
        SSHC_TEST_FAIL("server closed: %s", sshc_session_error_detail(p.s));
    }
    EXPECT_EQ(allowed, p.scfg->max_channels);
    EXPECT_EQ(refused_by_limit, 100000 - p.scfg->max_channels);
    EXPECT_TRUE(p.s->n_channels <= p.scfg->max_channels);
    sshc_bld_clear(&b);
    pair_free(&p);
}

TEST(extended_data_of_unknown_type_is_dropped_and_window_returned)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 35));
    EXPECT_OK(pair_connect(&p));
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    /* Send more than one window's worth of type-7 data: only works if it is consumed. */
    static uint8_t chunk[32768];
    uint32_t remote = p.c->channels[ch]->remote_id;
    for (int i = 0; i < 200 && !sshc_session_is_closed(p.s); i++) {
        uint8_t hdr[13] = {SSHC_MSG_CHANNEL_EXTENDED_DATA};
        sshc_store_u32be(hdr + 1, remote);
        sshc_store_u32be(hdr + 5, 7);
        sshc_store_u32be(hdr + 9, sizeof(chunk));
        if (sshc_channel_send_window(p.c, ch) < sizeof(chunk)) {
            pair_pump(&p);
            continue;
        }
        EXPECT_OK(sshc_packet_send_data(p.c, hdr, sizeof(hdr), chunk, sizeof(chunk)));
        p.c->channels[ch]->remote_window -= sizeof(chunk);
        pair_pump(&p);
    }
    EXPECT_TRUE(!sshc_session_is_closed(p.s) && !sshc_session_is_closed(p.c));
    EXPECT_EQ(p.sch[ch].len, 0); /* nothing delivered to the application */
    EXPECT_TRUE(sshc_channel_send_window(p.c, ch) > 0);
    pair_free(&p);
}

TEST(global_request_flood_from_a_peer_that_never_reads)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 36));
    EXPECT_OK(pair_connect(&p));
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    sshc_bld_u8(&b, SSHC_MSG_GLOBAL_REQUEST);
    sshc_bld_cstring(&b, "keepalive@openssh.com");
    sshc_bld_bool(&b, true);
    /* Replies pile up in the server's output: they must hit the output limit, not grow on. */
    size_t peak = 0;
    for (int i = 0; i < 400000 && !sshc_session_is_closed(p.s); i++) {
        sshc_dispatch(p.s, b.buf, b.len);
        size_t pending = sshc_session_output_pending(p.s);
        peak = pending > peak ? pending : peak;
    }
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_LIMIT);
    if (peak > SSHC_OUTPUT_HIGH_WATER + 2 * 256 * 1024) {
        SSHC_TEST_FAIL("peak output %zu", peak);
    }
    sshc_bld_clear(&b);
    pair_free(&p);
}

RUN_TESTS()
