/*
 * A one-line, human-readable decoding of a packet payload, for the packet
 * trace (sshc -vvv) and for people studying the protocol. Field names follow
 * the RFCs. Secrets never appear: a password shows as its length, key
 * exchange values and signatures as their lengths.
 *
 * Decoding is best effort and bounded: it reads through the cursor and
 * stops at the first field that does not parse.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/cursor.h"
#include "sshcore.h"

const char *sshc_msg_name(uint8_t msg);

struct out {
    char *buf;
    size_t cap, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    if (o->len >= o->cap) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        o->len += (size_t)n < o->cap - o->len ? (size_t)n : o->cap - o->len - 1;
    }
}

/* A string field shown as text (printable bytes, at most 80). */
static void str(struct out *o, sshc_cur *c, const char *name)
{
    const uint8_t *p;
    size_t n;
    if (sshc_cur_string(c, &p, &n) != SSHC_OK) {
        return;
    }
    put(o, " %s=\"", name);
    for (size_t i = 0; i < n && i < 80; i++) {
        put(o, "%c", p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' ? p[i] : '.');
    }
    put(o, n > 80 ? "...\"" : "\"");
}

/* A string field shown only by its length (secrets, blobs, data). */
static void len_of(struct out *o, sshc_cur *c, const char *name)
{
    const uint8_t *p;
    size_t n;
    if (sshc_cur_string(c, &p, &n) == SSHC_OK) {
        put(o, " %s=<%zu bytes>", name, n);
    }
}

static void u32(struct out *o, sshc_cur *c, const char *name)
{
    uint32_t v;
    if (sshc_cur_u32(c, &v) == SSHC_OK) {
        put(o, " %s=%u", name, v);
    }
}

static void boolean(struct out *o, sshc_cur *c, const char *name)
{
    bool v;
    if (sshc_cur_bool(c, &v) == SSHC_OK) {
        put(o, " %s=%s", name, v ? "true" : "false");
    }
}

static void userauth_request(struct out *o, sshc_cur *c)
{
    char method[32];
    str(o, c, "user");
    str(o, c, "service");
    if (sshc_cur_cstring(c, method, sizeof(method)) != SSHC_OK) {
        return;
    }
    put(o, " method=%s", method);
    if (strcmp(method, "password") == 0) {
        boolean(o, c, "change");
        len_of(o, c, "password"); /* never the password itself */
    } else if (strcmp(method, "publickey") == 0) {
        bool sig;
        sshc_cur_bool(c, &sig);
        put(o, " signed=%s", sig ? "true" : "false");
        str(o, c, "algorithm");
        len_of(o, c, "key");
        if (sig) {
            len_of(o, c, "signature");
        }
    }
}

static void decode(struct out *o, uint8_t msg, sshc_cur *c)
{
    static const char *const kexinit_lists[] = {"kex", "hostkey", "enc_c2s", "enc_s2c",
                                                "mac_c2s", "mac_s2c", "comp_c2s", "comp_s2c"};
    const uint8_t *skip;
    switch (msg) {
    case 1: /* DISCONNECT */
        u32(o, c, "reason");
        str(o, c, "description");
        break;
    case 3:
        u32(o, c, "seqnr");
        break;
    case 5:
    case 6:
        str(o, c, "service");
        break;
    case 7:
        u32(o, c, "extensions");
        break;
    case 20: /* KEXINIT */
        sshc_cur_bytes(c, 16, &skip);
        for (size_t i = 0; i < 8; i++) {
            str(o, c, kexinit_lists[i]);
        }
        break;
    case 30:
        len_of(o, c, "Q_C");
        break;
    case 31:
        len_of(o, c, "K_S");
        len_of(o, c, "Q_S");
        len_of(o, c, "signature");
        break;
    case 50:
        userauth_request(o, c);
        break;
    case 51:
        str(o, c, "methods");
        boolean(o, c, "partial");
        break;
    case 53:
        str(o, c, "message");
        break;
    case 60:
        str(o, c, "algorithm");
        len_of(o, c, "key");
        break;
    case 80:
        str(o, c, "request");
        boolean(o, c, "want_reply");
        break;
    case 90:
        str(o, c, "type");
        u32(o, c, "sender");
        u32(o, c, "window");
        u32(o, c, "max_packet");
        break;
    case 91:
        u32(o, c, "recipient");
        u32(o, c, "sender");
        u32(o, c, "window");
        u32(o, c, "max_packet");
        break;
    case 92:
        u32(o, c, "recipient");
        u32(o, c, "reason");
        str(o, c, "description");
        break;
    case 93:
        u32(o, c, "recipient");
        u32(o, c, "bytes");
        break;
    case 94:
        u32(o, c, "recipient");
        len_of(o, c, "data");
        break;
    case 95:
        u32(o, c, "recipient");
        u32(o, c, "type");
        len_of(o, c, "data");
        break;
    case 96:
    case 97:
    case 99:
    case 100:
        u32(o, c, "recipient");
        break;
    case 98: {
        char type[64];
        u32(o, c, "recipient");
        if (sshc_cur_cstring(c, type, sizeof(type)) != SSHC_OK) {
            break;
        }
        put(o, " type=%s", type);
        boolean(o, c, "want_reply");
        if (strcmp(type, "exec") == 0) {
            str(o, c, "command");
        } else if (strcmp(type, "exit-status") == 0) {
            u32(o, c, "status");
        } else if (strcmp(type, "exit-signal") == 0 || strcmp(type, "subsystem") == 0) {
            str(o, c, "name");
        }
        break;
    }
    default:
        break;
    }
}

size_t sshc_trace_describe(bool outbound, const uint8_t *payload, size_t len, char *buf,
                           size_t cap)
{
    struct out o = {buf, cap, 0};
    if (cap == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (payload == NULL || len == 0) {
        put(&o, "%s <empty>", outbound ? ">>" : "<<");
        return o.len;
    }
    put(&o, "%s %s (%u) len=%zu", outbound ? ">>" : "<<", sshc_msg_name(payload[0]), payload[0],
        len);
    sshc_cur c;
    sshc_cur_init(&c, payload + 1, len - 1);
    decode(&o, payload[0], &c);
    return o.len;
}
