/* The bounded sticky reader: every type, truncation at every byte, limits. */
#include "sshc_test.h"

#include "core/cursor.h"

static const uint8_t msg[] = {
    0x14,                                     /* byte */
    0x01,                                     /* boolean */
    0x00, 0x00, 0x01, 0x02,                   /* uint32 258 */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, /* uint64 7 */
    0x00, 0x00, 0x00, 0x03, 'a', ',', 'b',    /* name-list "a,b" */
    0x00, 0x00, 0x00, 0x02, 0x00, 0x80,       /* mpint 0x80 */
};

static int parse_all(const uint8_t *p, size_t n)
{
    sshc_cur c;
    uint8_t b;
    bool t;
    uint32_t u;
    uint64_t q;
    const uint8_t *v;
    size_t vl;
    sshc_cur_init(&c, p, n);
    sshc_cur_u8(&c, &b);
    sshc_cur_bool(&c, &t);
    sshc_cur_u32(&c, &u);
    sshc_cur_u64(&c, &q);
    sshc_cur_name_list(&c, &v, &vl);
    sshc_cur_mpint(&c, 16, false, &v, &vl);
    return sshc_cur_end(&c);
}

TEST(reads_every_type)
{
    sshc_cur c;
    uint8_t b;
    bool t;
    uint32_t u;
    uint64_t q;
    const uint8_t *v;
    size_t vl;
    sshc_cur_init(&c, msg, sizeof(msg));
    EXPECT_OK(sshc_cur_u8(&c, &b));
    EXPECT_EQ(b, 0x14);
    EXPECT_OK(sshc_cur_bool(&c, &t));
    EXPECT_TRUE(t);
    EXPECT_OK(sshc_cur_u32(&c, &u));
    EXPECT_EQ(u, 258);
    EXPECT_OK(sshc_cur_u64(&c, &q));
    EXPECT_EQ(q, 7);
    EXPECT_OK(sshc_cur_name_list(&c, &v, &vl));
    EXPECT_EQ(vl, 3);
    EXPECT_TRUE(sshc_name_list_has(v, vl, "b"));
    EXPECT_TRUE(!sshc_name_list_has(v, vl, "c"));
    EXPECT_OK(sshc_cur_mpint(&c, 16, false, &v, &vl));
    EXPECT_EQ(vl, 2);
    EXPECT_OK(sshc_cur_end(&c));
}

TEST(truncation_at_every_byte_fails_cleanly)
{
    for (size_t n = 0; n < sizeof(msg); n++) {
        EXPECT_ERR(parse_all(msg, n), SSHC_E_TRUNCATED);
    }
    EXPECT_OK(parse_all(msg, sizeof(msg)));
}

TEST(trailing_bytes_are_an_error)
{
    uint8_t longer[sizeof(msg) + 1];
    memcpy(longer, msg, sizeof(msg));
    longer[sizeof(msg)] = 0;
    EXPECT_ERR(parse_all(longer, sizeof(longer)), SSHC_E_TRAILING_DATA);
}

TEST(errors_are_sticky_and_zero_outputs)
{
    sshc_cur c;
    uint32_t u = 99;
    uint8_t b = 99;
    sshc_cur_init(&c, msg, 2);
    EXPECT_ERR(sshc_cur_u32(&c, &u), SSHC_E_TRUNCATED);
    EXPECT_EQ(u, 0);
    EXPECT_ERR(sshc_cur_u8(&c, &b), SSHC_E_TRUNCATED);
    EXPECT_EQ(b, 0);
}

TEST(string_length_beyond_input)
{
    static const uint8_t s[] = {0xff, 0xff, 0xff, 0xff, 'x'};
    sshc_cur c;
    const uint8_t *p;
    size_t n;
    sshc_cur_init(&c, s, sizeof(s));
    EXPECT_ERR(sshc_cur_string(&c, &p, &n), SSHC_E_TRUNCATED);
    EXPECT_TRUE(p == NULL);
    EXPECT_EQ(n, 0);
}

static int one_name_list(const char *text)
{
    uint8_t buf[20000];
    size_t n = strlen(text);
    sshc_store_u32be(buf, (uint32_t)n);
    memcpy(buf + 4, text, n);
    sshc_cur c;
    const uint8_t *p;
    size_t l;
    sshc_cur_init(&c, buf, n + 4);
    sshc_cur_name_list(&c, &p, &l);
    return sshc_cur_end(&c);
}

TEST(name_list_rules)
{
    EXPECT_OK(one_name_list(""));
    EXPECT_OK(one_name_list("curve25519-sha256,ext-info-c"));
    EXPECT_ERR(one_name_list("a,,b"), SSHC_E_BAD_NAME_LIST);
    EXPECT_ERR(one_name_list(",a"), SSHC_E_BAD_NAME_LIST);
    EXPECT_ERR(one_name_list("a,"), SSHC_E_BAD_NAME_LIST);
    EXPECT_ERR(one_name_list("a b"), SSHC_E_BAD_NAME_LIST);
    EXPECT_ERR(one_name_list("a\x7f"), SSHC_E_BAD_NAME_LIST);
    char longname[100];
    memset(longname, 'x', 65);
    longname[65] = 0;
    EXPECT_ERR(one_name_list(longname), SSHC_E_BAD_NAME_LIST);
    static char many[1000];
    for (int i = 0; i < 129; i++) {
        strcat(many, i ? ",a" : "a");
    }
    EXPECT_ERR(one_name_list(many), SSHC_E_BAD_NAME_LIST);
}

static int one_mpint(const uint8_t *v, size_t n, bool neg)
{
    uint8_t buf[64];
    sshc_store_u32be(buf, (uint32_t)n);
    memcpy(buf + 4, v, n);
    sshc_cur c;
    const uint8_t *p;
    size_t l;
    sshc_cur_init(&c, buf, n + 4);
    sshc_cur_mpint(&c, 32, neg, &p, &l);
    return sshc_cur_end(&c);
}

TEST(mpint_canonical_form)
{
    EXPECT_OK(one_mpint((const uint8_t *)"", 0, false));
    EXPECT_OK(one_mpint((const uint8_t *)"\x00\x80", 2, false));
    EXPECT_OK(one_mpint((const uint8_t *)"\x7f", 1, false));
    EXPECT_ERR(one_mpint((const uint8_t *)"\x00", 1, false), SSHC_E_BAD_MPINT);
    EXPECT_ERR(one_mpint((const uint8_t *)"\x00\x7f", 2, false), SSHC_E_BAD_MPINT);
    EXPECT_ERR(one_mpint((const uint8_t *)"\x80", 1, false), SSHC_E_BAD_MPINT);
    EXPECT_OK(one_mpint((const uint8_t *)"\x80", 1, true));
    EXPECT_ERR(one_mpint((const uint8_t *)"\xff\x80", 2, true), SSHC_E_BAD_MPINT);
}

TEST(cstring_rejects_nul_and_overlong)
{
    static const uint8_t s[] = {0, 0, 0, 3, 'a', 0, 'b'};
    static const uint8_t t[] = {0, 0, 0, 3, 'a', 'b', 'c'};
    sshc_cur c;
    char buf[8];
    sshc_cur_init(&c, s, sizeof(s));
    EXPECT_ERR(sshc_cur_cstring(&c, buf, sizeof(buf)), SSHC_E_BAD_STRING);
    sshc_cur_init(&c, t, sizeof(t));
    EXPECT_ERR(sshc_cur_cstring(&c, buf, 3), SSHC_E_BAD_STRING);
    sshc_cur_init(&c, t, sizeof(t));
    EXPECT_OK(sshc_cur_cstring(&c, buf, 4));
    EXPECT_STR(buf, "abc");
}

RUN_TESTS()
