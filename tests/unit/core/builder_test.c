/* The writer: golden encodings, nested strings, limits and sticky errors. */
#include "sshc_test.h"

#include "core/builder.h"

TEST(golden_encoding)
{
    sshc_bld b;
    sshc_bld_init(&b, 1024);
    sshc_bld_u8(&b, 20);
    sshc_bld_bool(&b, true);
    sshc_bld_u32(&b, 0x01020304);
    sshc_bld_u64(&b, 5);
    sshc_bld_cstring(&b, "ab");
    static const uint8_t mag[] = {0x00, 0x80};
    sshc_bld_mpint_unsigned(&b, mag, 2);
    sshc_bld_mpint_unsigned(&b, mag, 1); /* zero: empty string */
    EXPECT_OK(sshc_bld_err(&b));
    static const uint8_t want[] = {20, 1, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2,
                                   'a', 'b', 0, 0, 0, 2, 0x00, 0x80, 0, 0, 0, 0};
    EXPECT_EQ(b.len, sizeof(want));
    EXPECT_MEM(b.buf, want, sizeof(want));
    sshc_bld_clear(&b);
}

TEST(nested_string)
{
    sshc_bld b;
    size_t mark;
    sshc_bld_init(&b, 64);
    sshc_bld_string_begin(&b, &mark);
    sshc_bld_cstring(&b, "x");
    EXPECT_OK(sshc_bld_string_end(&b, mark));
    static const uint8_t want[] = {0, 0, 0, 5, 0, 0, 0, 1, 'x'};
    EXPECT_EQ(b.len, sizeof(want));
    EXPECT_MEM(b.buf, want, sizeof(want));
    sshc_bld_clear(&b);
}

TEST(limits_are_sticky)
{
    uint8_t store[6];
    sshc_bld b;
    sshc_bld_init_fixed(&b, store, sizeof(store));
    EXPECT_OK(sshc_bld_u32(&b, 1));
    EXPECT_ERR(sshc_bld_u32(&b, 2), SSHC_E_LIMIT);
    EXPECT_ERR(sshc_bld_u8(&b, 3), SSHC_E_LIMIT);
    EXPECT_EQ(b.len, 4);
    sshc_bld_init(&b, 10);
    EXPECT_ERR(sshc_bld_bytes(&b, "01234567890", 11), SSHC_E_LIMIT);
    sshc_bld_clear(&b);
}

TEST(grows_to_max)
{
    sshc_bld b;
    sshc_bld_init(&b, 100000);
    b.secret = true;
    for (int i = 0; i < 25000; i++) {
        sshc_bld_u32(&b, (uint32_t)i);
    }
    EXPECT_OK(sshc_bld_err(&b));
    EXPECT_EQ(b.len, 100000);
    EXPECT_ERR(sshc_bld_u8(&b, 0), SSHC_E_LIMIT);
    sshc_bld_clear(&b);
}

RUN_TESTS()
