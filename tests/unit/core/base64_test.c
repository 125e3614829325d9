/* Base64: RFC 4648 §10 test vectors, and rejection of malformed input. */
#include "sshc_test.h"

#include "core/base64.h"

static const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
static const char *coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};

TEST(rfc4648_vectors)
{
    for (size_t i = 0; i < 7; i++) {
        char out[16];
        uint8_t back[16];
        size_t n;
        sshc_base64_encode((const uint8_t *)plain[i], strlen(plain[i]), out, sizeof(out), true);
        EXPECT_STR(out, coded[i]);
        EXPECT_OK(sshc_base64_decode(coded[i], strlen(coded[i]), back, sizeof(back), &n));
        EXPECT_EQ(n, strlen(plain[i]));
        EXPECT_MEM(back, plain[i], n);
    }
}

TEST(unpadded_and_whitespace)
{
    char out[16];
    uint8_t back[16];
    size_t n;
    sshc_base64_encode((const uint8_t *)"fo", 2, out, sizeof(out), false);
    EXPECT_STR(out, "Zm8");
    EXPECT_OK(sshc_base64_decode("Zm9v\nYmFy\r\n", 11, back, sizeof(back), &n));
    EXPECT_EQ(n, 6);
    EXPECT_OK(sshc_base64_decode("Zm8", 3, back, sizeof(back), &n));
    EXPECT_EQ(n, 2);
}

TEST(rejects_malformed)
{
    uint8_t back[16];
    size_t n;
    EXPECT_ERR(sshc_base64_decode("Zm9*", 4, back, sizeof(back), &n), SSHC_E_BAD_FORMAT);
    EXPECT_ERR(sshc_base64_decode("Z", 1, back, sizeof(back), &n), SSHC_E_BAD_FORMAT);
    EXPECT_ERR(sshc_base64_decode("Zg==Zg==", 8, back, sizeof(back), &n), SSHC_E_BAD_FORMAT);
    EXPECT_ERR(sshc_base64_decode("Zh==", 4, back, sizeof(back), &n), SSHC_E_BAD_FORMAT);
    EXPECT_ERR(sshc_base64_decode("Zm9vYmFy", 8, back, 3, &n), SSHC_E_LIMIT);
    char small[4];
    EXPECT_EQ(sshc_base64_encode((const uint8_t *)"foo", 3, small, sizeof(small), true), 0);
}

RUN_TESTS()
