/*
 * Bad input at the transport: identification strings, packet framing,
 * MAC failures, message admission and strict kex. Each case checks the
 * error code and the DISCONNECT reason the session sends.
 */
#include <stdlib.h>

#include "pair.h"
#include "sshc_test.h"
#include "transport/kexinit.h"
#include "transport/session.h"

/* A server session fed raw bytes from a "client" with no session of its own. */
static sshc_session *raw_server(sshc_config **cfg, sshc_key **key)
{
    *cfg = sshc_config_new(SSHC_ROLE_SERVER);
    sshc_key_generate(SSHC_KEY_ED25519, key);
    sshc_config_add_host_key(*cfg, *key);
    return sshc_session_new(*cfg);
}

static int feed(sshc_session *s, const void *data, size_t len)
{
    size_t used = 0, off = 0;
    int r = SSHC_OK;
    sshc_event ev;
    while (off < len && r == SSHC_OK) {
        r = sshc_session_recv(s, (const uint8_t *)data + off, len - off, &used);
        off += used;
        while (sshc_session_poll_event(s, &ev) == 1) {
        }
        if (used == 0) {
            break;
        }
    }
    return r != SSHC_OK ? r : sshc_session_error(s);
}

/* The DISCONNECT reason in the session's plaintext output (before NEWKEYS), or 0. */
static uint32_t sent_reason(sshc_session *s)
{
    const uint8_t *d;
    size_t n;
    sshc_session_output(s, &d, &n);
    for (size_t i = 0; i + 10 < n; i++) {
        /* packet_length, padding_length, then byte 1 (DISCONNECT) */
        uint32_t plen = sshc_load_u32be(d + i);
        if (plen >= 12 && plen < 1024 && i + 4 + plen <= n && d[i + 5] == SSHC_MSG_DISCONNECT) {
            return sshc_load_u32be(d + i + 6);
        }
    }
    return 0;
}

static void raw_packet(sshc_bld *b, const uint8_t *payload, size_t len)
{
    size_t pad = 8 - (5 + len) % 8;
    if (pad < 4) {
        pad += 8;
    }
    sshc_bld_u32(b, (uint32_t)(1 + len + pad));
    sshc_bld_u8(b, (uint8_t)pad);
    sshc_bld_bytes(b, payload, len);
    for (size_t i = 0; i < pad; i++) {
        sshc_bld_u8(b, 0);
    }
}

struct raw {
    sshc_config *cfg;
    sshc_key *key;
    sshc_session *s;
};

static void raw_open(struct raw *r)
{
    r->s = raw_server(&r->cfg, &r->key);
    EXPECT_OK(feed(r->s, "SSH-2.0-test\r\n", 14));
}

static void raw_close(struct raw *r)
{
    sshc_session_free(r->s);
    sshc_config_free(r->cfg);
    sshc_key_free(r->key);
}

TEST(version_rules)
{
    struct raw r;
    r.s = raw_server(&r.cfg, &r.key);
    EXPECT_ERR(feed(r.s, "SSH-1.5-old\r\n", 13), SSHC_E_BAD_VERSION);
    raw_close(&r);

    r.s = raw_server(&r.cfg, &r.key);
    EXPECT_ERR(feed(r.s, "hello\r\nSSH-2.0-x\r\n", 18), SSHC_E_BAD_VERSION); /* servers take no banner lines */
    raw_close(&r);

    r.s = raw_server(&r.cfg, &r.key);
    EXPECT_ERR(feed(r.s, "SSH-2.0-a\0b\r\n", 13), SSHC_E_BAD_VERSION);
    raw_close(&r);

    char longline[300];
    memcpy(longline, "SSH-2.0-", 8);
    memset(longline + 8, 'x', sizeof(longline) - 8);
    r.s = raw_server(&r.cfg, &r.key);
    EXPECT_ERR(feed(r.s, longline, sizeof(longline)), SSHC_E_BAD_VERSION);
    raw_close(&r);

    r.s = raw_server(&r.cfg, &r.key);
    EXPECT_OK(feed(r.s, "SSH-2.0-OpenSSH_9.2p1 Debian-2\n", 31)); /* LF alone is tolerated */
    EXPECT_STR(sshc_session_peer_version(r.s), "SSH-2.0-OpenSSH_9.2p1 Debian-2");
    raw_close(&r);
}

TEST(client_accepts_bounded_banner_lines)
{
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_CLIENT);
    sshc_session *c = sshc_session_new(cfg);
    for (int i = 0; i < 1000; i++) {
        EXPECT_OK(feed(c, "some banner line\r\n", 18));
    }
    EXPECT_OK(feed(c, "SSH-2.0-x\r\n", 11));
    sshc_session_free(c);
    c = sshc_session_new(cfg);
    int r = SSHC_OK;
    for (int i = 0; i < 2000 && r == SSHC_OK; i++) {
        r = feed(c, "more\r\n", 6);
    }
    EXPECT_ERR(r, SSHC_E_BAD_VERSION);
    sshc_session_free(c);
    sshc_config_free(cfg);
}

TEST(packet_length_rules)
{
    static const struct {
        uint8_t bytes[9];
        int err;
    } cases[] = {
        {{0, 0, 0, 0, 0, 0, 0, 0, 0}, SSHC_E_BAD_PACKET},       /* length 0 */
        {{0, 0, 0, 4, 4, 0, 0, 0, 0}, SSHC_E_BAD_PACKET},       /* length < 5 */
        {{0, 0x10, 0, 4, 4, 0, 0, 0, 0}, SSHC_E_PACKET_TOO_LARGE}, /* over 256 KiB */
        {{0, 0, 0, 9, 4, 0, 0, 0, 0}, SSHC_E_BAD_PACKET},       /* not block aligned */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct raw r;
        raw_open(&r);
        EXPECT_ERR(feed(r.s, cases[i].bytes, sizeof(cases[i].bytes)), cases[i].err);
        EXPECT_EQ(sent_reason(r.s), SSHC_DISCONNECT_PROTOCOL_ERROR);
        raw_close(&r);
    }
}

TEST(padding_rules)
{
    /* length 12: padding 11 leaves no payload; padding 3 is under the minimum. */
    static const uint8_t no_payload[16] = {0, 0, 0, 12, 11};
    static const uint8_t short_pad[16] = {0, 0, 0, 12, 3, 20};
    struct raw r;
    raw_open(&r);
    EXPECT_ERR(feed(r.s, no_payload, 16), SSHC_E_BAD_PACKET);
    raw_close(&r);
    raw_open(&r);
    EXPECT_ERR(feed(r.s, short_pad, 16), SSHC_E_BAD_PACKET);
    raw_close(&r);
}

TEST(truncated_packet_waits_then_eof)
{
    struct raw r;
    raw_open(&r);
    static const uint8_t part[6] = {0, 0, 0, 12, 4, 2};
    EXPECT_OK(feed(r.s, part, sizeof(part)));
    EXPECT_TRUE(!sshc_session_is_closed(r.s));
    size_t used;
    EXPECT_ERR(sshc_session_recv(r.s, NULL, 0, &used), SSHC_E_EOF);
    raw_close(&r);
}

TEST(no_common_kex_algorithm)
{
    struct raw r;
    raw_open(&r);
    static const uint8_t cookie[16];
    const char *lists[SSHC_KEXINIT_LISTS] = {"diffie-hellman-group1-sha1", "ssh-ed25519",
                                             "aes128-ctr", "aes128-ctr", "hmac-sha2-256",
                                             "hmac-sha2-256", "none", "none", "", ""};
    sshc_bld k, b;
    sshc_bld_init(&k, 65536);
    sshc_bld_init(&b, 65536);
    sshc_kexinit_build(&k, cookie, lists);
    raw_packet(&b, k.buf, k.len);
    EXPECT_ERR(feed(r.s, b.buf, b.len), SSHC_E_NO_ALG_MATCH);
    EXPECT_EQ(sent_reason(r.s), SSHC_DISCONNECT_KEY_EXCHANGE_FAILED);
    sshc_bld_clear(&k);
    sshc_bld_clear(&b);
    raw_close(&r);
}

TEST(message_before_kex_is_refused)
{
    /* USERAUTH_REQUEST before any key exchange. */
    struct raw r;
    raw_open(&r);
    static const uint8_t msg[] = {SSHC_MSG_USERAUTH_REQUEST, 0, 0, 0, 1, 'a'};
    sshc_bld b;
    sshc_bld_init(&b, 1024);
    raw_packet(&b, msg, sizeof(msg));
    EXPECT_ERR(feed(r.s, b.buf, b.len), SSHC_E_UNEXPECTED_MSG);
    EXPECT_EQ(sent_reason(r.s), SSHC_DISCONNECT_PROTOCOL_ERROR);
    sshc_bld_clear(&b);
    raw_close(&r);
}

TEST(bad_mac_disconnects)
{
    const char *ciphers[] = {"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
                             "aes128-ctr", "aes128-ctr"};
    const char *mac[] = {NULL, NULL, "hmac-sha2-256", "hmac-sha2-256-etm@openssh.com"};
    for (int i = 0; i < 4; i++) {
        struct pair p;
        EXPECT_OK(pair_init(&p, NULL, ciphers[i], mac[i], 11));
        EXPECT_OK(pair_connect(&p));
        uint8_t ignore[] = {SSHC_MSG_IGNORE, 0, 0, 0, 0};
        EXPECT_OK(sshc_packet_send(p.c, ignore, sizeof(ignore)));
        const uint8_t *d;
        size_t n, used;
        sshc_session_output(p.c, &d, &n);
        uint8_t *copy = malloc(n);
        memcpy(copy, d, n);
        copy[n - 1] ^= 1; /* last byte of the tag or MAC */
        sshc_session_recv(p.s, copy, n, &used);
        EXPECT_ERR(sshc_session_error(p.s), SSHC_E_MAC_INVALID);
        sshc_session_output_done(p.c, n);
        pair_pump(&p);
        EXPECT_TRUE(p.disconnected_c);
        EXPECT_EQ(p.disconnect_reason_c, SSHC_DISCONNECT_MAC_ERROR);
        free(copy);
        pair_free(&p);
    }
}

/* After authentication, send a raw payload from one side and check the other refuses it. */
static void refused_after_auth(bool from_client, const uint8_t *msg, size_t len, int err)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 12));
    EXPECT_OK(pair_connect(&p));
    EXPECT_OK(sshc_packet_send(from_client ? p.c : p.s, msg, len));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(from_client ? p.s : p.c), err);
    EXPECT_TRUE(from_client ? p.disconnected_c : p.disconnected_s);
    pair_free(&p);
}

TEST(server_only_and_client_only_messages)
{
    static const uint8_t success[] = {SSHC_MSG_USERAUTH_SUCCESS};
    static const uint8_t pk_ok[] = {SSHC_MSG_USERAUTH_PK_OK, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t kex_reply[] = {SSHC_MSG_KEX_ECDH_REPLY};
    /* libssh CVE-2018-10933: USERAUTH_SUCCESS from a client. */
    refused_after_auth(true, success, sizeof(success), SSHC_E_UNEXPECTED_MSG);
    refused_after_auth(true, pk_ok, sizeof(pk_ok), SSHC_E_UNEXPECTED_MSG);
    refused_after_auth(true, kex_reply, sizeof(kex_reply), SSHC_E_UNEXPECTED_MSG);
}

TEST(channel_messages_on_unknown_channels)
{
    static const uint8_t data[] = {SSHC_MSG_CHANNEL_DATA, 0, 0, 0, 7, 0, 0, 0, 1, 'x'};
    static const uint8_t adjust[] = {SSHC_MSG_CHANNEL_WINDOW_ADJUST, 0, 0, 0, 9, 0, 0, 0, 1};
    refused_after_auth(true, data, sizeof(data), SSHC_E_PROTOCOL);
    refused_after_auth(false, adjust, sizeof(adjust), SSHC_E_PROTOCOL);
}

TEST(unknown_message_gets_unimplemented)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 13));
    EXPECT_OK(pair_connect(&p));
    uint8_t msg[] = {200, 1, 2, 3};
    EXPECT_OK(sshc_packet_send(p.c, msg, sizeof(msg)));
    pair_pump(&p);
    EXPECT_TRUE(!sshc_session_is_closed(p.s) && !sshc_session_is_closed(p.c));
    pair_free(&p);
}

TEST(strict_kex_refuses_ignore_during_initial_kex)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 14));
    /* Terrapin: an IGNORE slipped in after KEXINIT, before NEWKEYS. */
    uint8_t ignore[] = {SSHC_MSG_IGNORE, 0, 0, 0, 0};
    EXPECT_OK(sshc_packet_send(p.c, ignore, sizeof(ignore)));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_STRICT_KEX);
    EXPECT_TRUE(!p.ready);
    pair_free(&p);
}

TEST(window_overflow_and_data_beyond_window)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 15));
    EXPECT_OK(pair_connect(&p));
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    uint8_t adjust[] = {SSHC_MSG_CHANNEL_WINDOW_ADJUST, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
    EXPECT_OK(sshc_packet_send(p.c, adjust, sizeof(adjust)));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_PROTOCOL);
    pair_free(&p);

    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 16));
    EXPECT_OK(pair_connect(&p));
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    /* 3 MiB in one go: more than the 2 MiB window the server gave. */
    size_t n = 3u << 20;
    uint8_t *big = calloc(1, 9 + n);
    big[0] = SSHC_MSG_CHANNEL_DATA;
    sshc_store_u32be(big + 5, (uint32_t)n);
    sshc_config_set_max_packet(p.ccfg, 4u << 20);
    sshc_config_set_max_packet(p.scfg, 4u << 20);
    EXPECT_OK(sshc_packet_send(p.c, big, 9 + n));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_CHANNEL_WINDOW);
    free(big);
    pair_free(&p);
}

TEST(too_many_channels_are_refused_not_fatal)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 17));
    sshc_config_set_max_channels(p.scfg, 4);
    EXPECT_OK(pair_connect(&p));
    uint32_t ids[6];
    for (int i = 0; i < 6; i++) {
        EXPECT_OK(sshc_channel_open_session(p.c, &ids[i]));
    }
    pair_pump(&p);
    int opened = 0, failed = 0;
    for (int i = 0; i < 6; i++) {
        opened += p.ch[ids[i]].opened;
        failed += p.ch[ids[i]].open_failed;
    }
    EXPECT_EQ(opened, 4);
    EXPECT_EQ(failed, 2);
    EXPECT_TRUE(!sshc_session_is_closed(p.s));
    pair_free(&p);
}

RUN_TESTS()
