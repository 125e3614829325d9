/*
 * When to re-key (RFC 4253 §9, RFC 4344 §3). Either side may start a new
 * key exchange at any time; we start one after the configured volume in
 * either direction (default 1 GiB), or the RFC 4344 §3.2 limit of the
 * direction's cipher if that comes first (2^(L/4) blocks of L bits: 512 KiB
 * for 3des-cbc's 64-bit blocks, 64 GiB for AES), before 2^31 packets, or
 * after the configured time (default one hour). Never before
 * authentication (DESIGN.md): an unauthenticated peer cannot make us do
 * expensive key exchanges.
 */
#include "crypto/cipher.h"
#include "transport/session.h"

static uint64_t volume_limit(const sshc_session *s, const struct sshc_dir *d)
{
    uint64_t limit = s->cfg->rekey_bytes;
    /* AEAD ciphers (chacha20-poly1305's "block" is only the packet alignment) keep the
     * configured limit, 1 GiB by default. */
    if (d->cipher != NULL && d->cipher->tag_len == 0) {
        uint64_t bits = (uint64_t)d->cipher->block_size * 8;
        uint64_t blocks = bits >= 128 ? (1ull << 32) : (1ull << (bits / 4));
        uint64_t cipher_limit = blocks * d->cipher->block_size;
        if (cipher_limit < limit) {
            limit = cipher_limit;
        }
    }
    return limit;
}

static bool limit_reached(const sshc_session *s)
{
    const struct sshc_dir *t = &s->tx, *r = &s->rx;
    if (t->bytes >= volume_limit(s, t) || r->bytes >= volume_limit(s, r)) {
        return true;
    }
    if (t->packets >= SSHC_REKEY_PACKETS || r->packets >= SSHC_REKEY_PACKETS) {
        return true;
    }
    return s->cfg->rekey_seconds != 0 &&
           s->now_ms - s->kex.started_ms >= (uint64_t)s->cfg->rekey_seconds * 1000u;
}

int sshc_rekey_check(sshc_session *s)
{
    if (s->closed || !s->kex.done_once || s->kex.in_progress || !s->authenticated ||
        !limit_reached(s)) {
        return SSHC_OK;
    }
    sshc_session_log(s, SSHC_LOG_DEBUG, "re-key: limit reached (%llu bytes out, %llu in)",
                     (unsigned long long)s->tx.bytes, (unsigned long long)s->rx.bytes);
    return sshc_kex_start(s);
}

int sshc_session_rekey(sshc_session *s)
{
    if (s == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->closed) {
        return s->err != SSHC_OK ? s->err : SSHC_E_CLOSED;
    }
    if (!s->kex.done_once || s->kex.in_progress) {
        return SSHC_E_BAD_STATE;
    }
    return sshc_kex_start(s);
}

unsigned sshc_session_kex_count(const sshc_session *s)
{
    return s ? s->kex.count : 0;
}
