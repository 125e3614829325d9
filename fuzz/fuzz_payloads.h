/*
 * The input format of the stateful targets: payloads as uint16 length +
 * bytes, repeated. Each is dispatched into the session as if it had
 * arrived decrypted; after each one, settle() runs (pump a pair, answer
 * decisions, ...).
 */
#ifndef SSHC_FUZZ_PAYLOADS_H
#define SSHC_FUZZ_PAYLOADS_H

#include <stddef.h>
#include <stdint.h>

#include "transport/session.h"

static inline void fuzz_dispatch_payloads(sshc_session *target, const uint8_t *data, size_t size,
                                          void (*settle)(void *ctx), void *ctx)
{
    size_t off = 0;
    while (off + 2 <= size && !sshc_session_is_closed(target)) {
        size_t len = ((size_t)data[off] << 8) | data[off + 1];
        off += 2;
        if (len == 0 || len > size - off) {
            break;
        }
        sshc_dispatch(target, data + off, len);
        settle(ctx);
        off += len;
    }
}

#endif
