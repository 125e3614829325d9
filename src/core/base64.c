/*
 * Base64, RFC 4648 §4 (see base64.h).
 */
#include "core/base64.h"

#include "sshcore.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t sshc_base64_encoded_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

size_t sshc_base64_encode(const uint8_t *in, size_t n, char *out, size_t cap, bool pad)
{
    size_t o = 0;
    if (cap == 0 || sshc_base64_encoded_len(n) >= cap) {
        if (cap > 0) {
            out[0] = '\0';
        }
        return 0;
    }
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        size_t left = n - i;
        if (left > 1) {
            v |= (uint32_t)in[i + 1] << 8;
        }
        if (left > 2) {
            v |= in[i + 2];
        }
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        if (left > 1) {
            out[o++] = alphabet[(v >> 6) & 63];
        } else if (pad) {
            out[o++] = '=';
        }
        if (left > 2) {
            out[o++] = alphabet[v & 63];
        } else if (pad) {
            out[o++] = '=';
        }
    }
    out[o] = '\0';
    return o;
}

static int value_of(char ch)
{
    if (ch >= 'A' && ch <= 'Z') {
        return ch - 'A';
    }
    if (ch >= 'a' && ch <= 'z') {
        return ch - 'a' + 26;
    }
    if (ch >= '0' && ch <= '9') {
        return ch - '0' + 52;
    }
    if (ch == '+') {
        return 62;
    }
    if (ch == '/') {
        return 63;
    }
    return -1;
}

int sshc_base64_decode(const char *in, size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    uint32_t acc = 0;
    size_t bits = 0, o = 0, padding = 0, digits = 0;
    *out_len = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = in[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            continue;
        }
        if (ch == '=') {
            padding++;
            continue;
        }
        int v = value_of(ch);
        if (v < 0 || padding > 0) {
            return SSHC_E_BAD_FORMAT; /* bad character, or data after '=' */
        }
        digits++;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap) {
                return SSHC_E_LIMIT;
            }
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    /* A lone sixth bit group cannot encode a byte; padding must complete a quantum. */
    if (digits % 4 == 1 || padding > 2 || (padding > 0 && (digits + padding) % 4 != 0)) {
        return SSHC_E_BAD_FORMAT;
    }
    /* Leftover bits must be zero (canonical encoding). */
    if ((acc & ((1u << bits) - 1)) != 0) {
        return SSHC_E_BAD_FORMAT;
    }
    *out_len = o;
    return SSHC_OK;
}
