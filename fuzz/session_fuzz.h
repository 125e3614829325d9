/*
 * Shared by session_server_fuzz.c and session_client_fuzz.c: a client and a
 * server finish a real handshake and authentication in memory (the
 * deterministic RNG makes every run identical), then the fuzzer's bytes are
 * cut into payloads (uint16 length + bytes) and dispatched into one side
 * as if they had arrived decrypted. No fuzz-only hook is needed: the fuzz
 * targets link the library statically and call the internal dispatcher.
 */
#ifndef SSHC_SESSION_FUZZ_H
#define SSHC_SESSION_FUZZ_H

#include "fuzz_payloads.h"
#include "pair.h"
#include "transport/session.h"

static inline void session_fuzz_pump(void *ctx)
{
    pair_pump(ctx);
}

static inline void session_fuzz_run(const uint8_t *data, size_t size, bool into_server)
{
    struct pair p;
    if (pair_init(&p, NULL, NULL, NULL, 1) != SSHC_OK || pair_connect(&p) != SSHC_OK) {
        pair_free(&p);
        return;
    }
    /* A channel and an exec in flight, so channel handlers have something to act on. */
    uint32_t ch;
    sshc_channel_open_session(p.c, &ch);
    pair_pump(&p);
    sshc_session *target = into_server ? p.s : p.c;
    fuzz_dispatch_payloads(target, data, size, session_fuzz_pump, &p);
    pair_free(&p);
}

#endif
