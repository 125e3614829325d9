/*
 * Error codes: their strings, classes, fatality and the RFC 4253 §11.1
 * disconnect reason each one maps to. One table, designated initialisers,
 * so that a unit test can check every code has a string.
 */
#include "sshcore.h"

#include <stddef.h>

struct err_info {
    const char *text;
    uint32_t reason; /* RFC 4253 §11.1 reason sent for this error; 0: none */
};

/* Indexed by -code; codes are sparse within their class ranges. */
static const struct err_info *lookup(int code);

#define E(code, txt, why) [-(code)] = {txt, why}
static const struct err_info table[1000] = {
    E(SSHC_E_INVALID_ARG, "invalid argument", 0),
    E(SSHC_E_BAD_STATE, "call not valid in this state", 0),
    E(SSHC_E_UNSUPPORTED, "not supported", 0),
    E(SSHC_E_AGAIN, "try again after more I/O", 0),
    E(SSHC_E_NO_SUCH_CHANNEL, "no such channel", 0),
    E(SSHC_E_REENTRANT, "called from inside a callback", 0),
    E(SSHC_E_IO, "I/O error", 0),
    E(SSHC_E_TIMEOUT, "timed out", 0),
    E(SSHC_E_NOT_FOUND, "not found", 0),
    E(SSHC_E_RESOLVE, "could not resolve host name", 0),
    E(SSHC_E_NOMEM, "out of memory", SSHC_DISCONNECT_BY_APPLICATION),
    E(SSHC_E_LIMIT, "limit reached", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_PACKET_TOO_LARGE, "packet too large", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_TOO_MANY_CHANNELS, "too many channels", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_AUTH_TRIES, "too many authentication failures",
      SSHC_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE),
    E(SSHC_E_PROTOCOL, "protocol error", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_TRUNCATED, "message truncated", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_TRAILING_DATA, "trailing data after message", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_BAD_STRING, "invalid string", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_BAD_NAME_LIST, "invalid name-list", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_BAD_MPINT, "invalid mpint", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_BAD_VERSION, "invalid or unsupported identification string",
      SSHC_DISCONNECT_PROTOCOL_VERSION_NOT_SUPPORTED),
    E(SSHC_E_BAD_PACKET, "invalid packet framing", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_UNEXPECTED_MSG, "unexpected message", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_STRICT_KEX, "strict key exchange violated", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_BAD_KEY, "invalid key", SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_BAD_FORMAT, "invalid file format", 0),
    E(SSHC_E_CHANNEL_WINDOW, "channel window exceeded", SSHC_DISCONNECT_PROTOCOL_ERROR),
    E(SSHC_E_SERVICE, "service not available", SSHC_DISCONNECT_SERVICE_NOT_AVAILABLE),
    E(SSHC_E_MAC_INVALID, "message authentication code incorrect", SSHC_DISCONNECT_MAC_ERROR),
    E(SSHC_E_NO_ALG_MATCH, "no matching algorithm", SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_SIGNATURE_INVALID, "signature invalid", SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_BAD_PUBLIC_VALUE, "invalid key exchange public value",
      SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_CRYPTO, "cryptographic operation failed", SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_KEY_TYPE, "key type not supported", SSHC_DISCONNECT_KEY_EXCHANGE_FAILED),
    E(SSHC_E_PASSPHRASE, "incorrect passphrase", 0),
    E(SSHC_E_HOSTKEY_REJECTED, "host key rejected", SSHC_DISCONNECT_HOST_KEY_NOT_VERIFIABLE),
    E(SSHC_E_HOSTKEY_CHANGED, "host key changed", SSHC_DISCONNECT_HOST_KEY_NOT_VERIFIABLE),
    E(SSHC_E_AUTH_DENIED, "permission denied", SSHC_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE),
    E(SSHC_E_DISCONNECTED, "disconnected by peer", 0),
    E(SSHC_E_EOF, "connection closed by peer", 0),
    E(SSHC_E_CLOSED, "session closed", 0),
    E(SSHC_E_INTERNAL, "internal error", SSHC_DISCONNECT_BY_APPLICATION),
};
#undef E

static const struct err_info *lookup(int code)
{
    if (code >= 0 || code <= -1000 || table[-code].text == NULL) {
        return NULL;
    }
    return &table[-code];
}

const char *sshc_strerror(int code)
{
    if (code == SSHC_OK) {
        return "success";
    }
    const struct err_info *e = lookup(code);
    return e ? e->text : "unknown error";
}

enum sshc_error_class sshc_err_class(int code)
{
    if (code >= 0) {
        return SSHC_ERRCLASS_NONE;
    }
    switch (-code / 100) {
    case 1:
        return SSHC_ERRCLASS_USAGE;
    case 2:
        return SSHC_ERRCLASS_RESOURCE;
    case 3:
        return SSHC_ERRCLASS_PROTOCOL;
    case 4:
        return SSHC_ERRCLASS_CRYPTO;
    case 5:
        return SSHC_ERRCLASS_CLOSED;
    default:
        return SSHC_ERRCLASS_INTERNAL;
    }
}

bool sshc_err_is_fatal(int code)
{
    switch (sshc_err_class(code)) {
    case SSHC_ERRCLASS_NONE:
    case SSHC_ERRCLASS_USAGE:
        return false;
    default:
        return true;
    }
}

uint32_t sshc_err_disconnect_reason(int code)
{
    const struct err_info *e = lookup(code);
    return e ? e->reason : 0;
}
