/* KEXINIT: parse/build round trip, truncation, limits, and negotiation (RFC 4253 §7.1). */
#include "sshc_test.h"

#include "core/builder.h"
#include "transport/kexinit.h"

static const char *const lists[SSHC_KEXINIT_LISTS] = {
    "curve25519-sha256,ext-info-c", "ssh-ed25519", "aes128-ctr", "aes128-ctr",
    "hmac-sha2-256", "hmac-sha2-256", "none", "none", "", ""};

static void build(sshc_bld *b)
{
    static const uint8_t cookie[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    sshc_bld_init(b, 65536);
    EXPECT_OK(sshc_kexinit_build(b, cookie, lists));
}

TEST(round_trip)
{
    sshc_bld b;
    build(&b);
    EXPECT_EQ(b.buf[0], 20);
    sshc_cur c;
    struct sshc_kexinit m;
    sshc_cur_init(&c, b.buf + 1, b.len - 1);
    EXPECT_OK(sshc_kexinit_parse(&c, &m));
    EXPECT_EQ(m.cookie[15], 16);
    EXPECT_EQ(m.list[0].len, strlen(lists[0]));
    EXPECT_TRUE(memcmp(m.list[1].p, "ssh-ed25519", 11) == 0);
    EXPECT_TRUE(!m.first_kex_packet_follows);
    sshc_bld_clear(&b);
}

TEST(truncated_at_every_byte_and_trailing)
{
    sshc_bld b;
    build(&b);
    for (size_t n = 1; n < b.len; n++) {
        sshc_cur c;
        struct sshc_kexinit m;
        sshc_cur_init(&c, b.buf + 1, n - 1);
        EXPECT_ERR(sshc_kexinit_parse(&c, &m), SSHC_E_TRUNCATED);
    }
    sshc_bld_u8(&b, 0);
    sshc_cur c;
    struct sshc_kexinit m;
    sshc_cur_init(&c, b.buf + 1, b.len - 1);
    EXPECT_ERR(sshc_kexinit_parse(&c, &m), SSHC_E_TRAILING_DATA);
    sshc_bld_clear(&b);
}

TEST(huge_name_list_is_refused)
{
    /* A 100,000-entry name-list (issue 3): refused by the name-list limit. */
    sshc_bld b;
    sshc_bld_init(&b, 1 << 20);
    static const uint8_t cookie[16];
    sshc_bld_bytes(&b, cookie, 16);
    size_t mark;
    sshc_bld_string_begin(&b, &mark);
    for (int i = 0; i < 100000; i++) {
        sshc_bld_bytes(&b, i ? ",a" : "a", i ? 2 : 1);
    }
    sshc_bld_string_end(&b, mark);
    sshc_cur c;
    struct sshc_kexinit m;
    sshc_cur_init(&c, b.buf, b.len);
    int r = sshc_kexinit_parse(&c, &m);
    EXPECT_TRUE(r == SSHC_E_LIMIT || r == SSHC_E_BAD_NAME_LIST);
    sshc_bld_clear(&b);
}

static bool skip_x(const uint8_t *n, size_t l)
{
    return l == 1 && n[0] == 'x';
}

TEST(client_preference_wins)
{
    char out[65];
    const char *cl = "x,b,a", *sv = "a,b,x";
    EXPECT_OK(sshc_kexinit_choose((const uint8_t *)cl, 5, (const uint8_t *)sv, 5, NULL, out, 65));
    EXPECT_STR(out, "x");
    EXPECT_OK(sshc_kexinit_choose((const uint8_t *)cl, 5, (const uint8_t *)sv, 5, skip_x, out, 65));
    EXPECT_STR(out, "b");
    EXPECT_ERR(sshc_kexinit_choose((const uint8_t *)"c", 1, (const uint8_t *)sv, 5, NULL, out, 65),
               SSHC_E_NO_ALG_MATCH);
    EXPECT_ERR(sshc_kexinit_choose((const uint8_t *)"", 0, (const uint8_t *)sv, 5, NULL, out, 65),
               SSHC_E_NO_ALG_MATCH);
}

RUN_TESTS()
