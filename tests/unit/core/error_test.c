/* Every error code has a string, a class and a sensible disconnect reason. */
#include "sshc_test.h"

static const int all_codes[] = {
    SSHC_E_INVALID_ARG, SSHC_E_BAD_STATE, SSHC_E_UNSUPPORTED, SSHC_E_AGAIN,
    SSHC_E_NO_SUCH_CHANNEL, SSHC_E_REENTRANT, SSHC_E_IO, SSHC_E_TIMEOUT, SSHC_E_NOT_FOUND,
    SSHC_E_RESOLVE, SSHC_E_NOMEM, SSHC_E_LIMIT, SSHC_E_PACKET_TOO_LARGE,
    SSHC_E_TOO_MANY_CHANNELS, SSHC_E_AUTH_TRIES, SSHC_E_PROTOCOL, SSHC_E_TRUNCATED,
    SSHC_E_TRAILING_DATA, SSHC_E_BAD_STRING, SSHC_E_BAD_NAME_LIST, SSHC_E_BAD_MPINT,
    SSHC_E_BAD_VERSION, SSHC_E_BAD_PACKET, SSHC_E_UNEXPECTED_MSG, SSHC_E_STRICT_KEX,
    SSHC_E_BAD_KEY, SSHC_E_BAD_FORMAT, SSHC_E_CHANNEL_WINDOW, SSHC_E_SERVICE,
    SSHC_E_MAC_INVALID, SSHC_E_NO_ALG_MATCH, SSHC_E_SIGNATURE_INVALID,
    SSHC_E_BAD_PUBLIC_VALUE, SSHC_E_CRYPTO, SSHC_E_KEY_TYPE, SSHC_E_PASSPHRASE,
    SSHC_E_HOSTKEY_REJECTED, SSHC_E_HOSTKEY_CHANGED, SSHC_E_AUTH_DENIED,
    SSHC_E_DISCONNECTED, SSHC_E_EOF, SSHC_E_CLOSED, SSHC_E_INTERNAL,
};

TEST(every_code_has_a_string)
{
    for (size_t i = 0; i < sizeof(all_codes) / sizeof(all_codes[0]); i++) {
        EXPECT_TRUE(strcmp(sshc_strerror(all_codes[i]), "unknown error") != 0);
        EXPECT_TRUE(sshc_err_class(all_codes[i]) != SSHC_ERRCLASS_NONE);
    }
    EXPECT_STR(sshc_strerror(-12345), "unknown error");
    EXPECT_STR(sshc_strerror(SSHC_OK), "success");
}

TEST(classes_and_reasons)
{
    EXPECT_EQ(sshc_err_class(SSHC_E_MAC_INVALID), SSHC_ERRCLASS_CRYPTO);
    EXPECT_EQ(sshc_err_class(SSHC_E_TRUNCATED), SSHC_ERRCLASS_PROTOCOL);
    EXPECT_EQ(sshc_err_disconnect_reason(SSHC_E_MAC_INVALID), SSHC_DISCONNECT_MAC_ERROR);
    EXPECT_EQ(sshc_err_disconnect_reason(SSHC_E_NO_ALG_MATCH),
              SSHC_DISCONNECT_KEY_EXCHANGE_FAILED);
    EXPECT_EQ(sshc_err_disconnect_reason(SSHC_E_UNEXPECTED_MSG), SSHC_DISCONNECT_PROTOCOL_ERROR);
    EXPECT_EQ(sshc_err_disconnect_reason(SSHC_E_BAD_VERSION),
              SSHC_DISCONNECT_PROTOCOL_VERSION_NOT_SUPPORTED);
    EXPECT_TRUE(sshc_err_is_fatal(SSHC_E_PROTOCOL));
    EXPECT_TRUE(!sshc_err_is_fatal(SSHC_E_AGAIN));
}

RUN_TESTS()
