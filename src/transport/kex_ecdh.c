/*
 * The ECDH family: curve25519-sha256 (RFC 8731) and ecdh-sha2-nistp256,
 * -nistp384, -nistp521 (RFC 5656 §4, §6.2). The curve is the kex row's
 * param; the math is in crypto/ecdh.c. RFC 8731 §3.1 and RFC 5656 §4: K is
 * the shared x coordinate (the X25519 output) read as an unsigned
 * big-endian number and encoded as an mpint.
 */
#include "crypto/ecdh.h"
#include "core/mem.h"
#include "transport/kex.h"
#include "transport/session.h"

static int ecdh_keypair(sshc_session *s)
{
    sshc_ecdh_free(s->kex.ecdh);
    s->kex.ecdh = NULL;
    int r = sshc_ecdh_new((enum sshc_ecdh_curve)s->kex.alg->param, s->cfg->rng, s->cfg->rng_ctx,
                          &s->kex.ecdh, s->kex.our_public, &s->kex.our_public_len);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "generating the ECDH key failed");
}

static int ecdh_derive(sshc_session *s, const uint8_t *peer, size_t len)
{
    uint8_t k[SSHC_ECDH_MAX_SECRET];
    size_t klen;
    int r = s->kex.ecdh ? sshc_ecdh_derive(s->kex.ecdh, peer, len, k, &klen) : SSHC_E_INTERNAL;
    sshc_ecdh_free(s->kex.ecdh);
    s->kex.ecdh = NULL;
    if (r == SSHC_OK) {
        sshc_bld_reset(&s->kex.shared);
        r = sshc_bld_mpint_unsigned(&s->kex.shared, k, klen);
    }
    sshc_wipe(k, sizeof(k));
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r == SSHC_E_BAD_PUBLIC_VALUE ? r : SSHC_E_CRYPTO,
                                 "%s: peer public value rejected (%zu bytes)", s->kex.alg->name,
                                 len);
    }
    return SSHC_OK;
}

const sshc_kex_family sshc_kex_ecdh_family = {ecdh_keypair, ecdh_derive, false, false};
