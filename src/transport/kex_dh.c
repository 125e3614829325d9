/*
 * The finite-field DH family, RFC 4253 §8 with the groups of RFC 8268
 * (diffie-hellman-group14-sha256, group16-sha512, group18-sha512) and the
 * legacy SHA-1 ones (group14-sha1, group1-sha1; RFC 4253 §8.1, §8.2). The
 * group number is the kex row's param; the math is in crypto/dh.c.
 * RFC 8268 §4 / RFC 4419 §6.2: the secret exponent has twice as many bits
 * as the group's security strength.
 */
#include "crypto/dh.h"
#include "core/mem.h"
#include "transport/kex.h"
#include "transport/session.h"

static size_t exponent_bits(int group)
{
    switch (group) {
    case 1:
        return 160; /* 80-bit strength */
    case 14:
        return 224; /* 112 */
    case 16:
        return 304; /* 152 (RFC 3526 estimate) */
    default:
        return 400; /* group 18: 200 */
    }
}

static int dh_keypair(sshc_session *s)
{
    sshc_dh_free(s->kex.dh);
    s->kex.dh = NULL;
    int r = sshc_dh_new_group(s->kex.alg->param, &s->kex.dh);
    if (r == SSHC_OK) {
        r = sshc_dh_keypair(s->kex.dh, s->cfg->rng, s->cfg->rng_ctx,
                            exponent_bits(s->kex.alg->param), s->kex.our_public,
                            &s->kex.our_public_len);
    }
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "generating the DH key failed");
}

/* Group exchange: the group in s->kex.dh was settled by GROUP (kex_gex.c). */
static int gex_keypair(sshc_session *s)
{
    if (s->kex.dh == NULL || !s->kex.gex_group_known) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "group exchange without a group");
    }
    /* Twice the strength estimate of the group, as for the fixed groups. */
    size_t bits = sshc_dh_size(s->kex.dh) * 8;
    size_t exp = bits <= 2048 ? 224 : bits <= 3072 ? 256 : bits <= 4096 ? 304 : 400;
    int r = sshc_dh_keypair(s->kex.dh, s->cfg->rng, s->cfg->rng_ctx, exp, s->kex.our_public,
                            &s->kex.our_public_len);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "generating the DH key failed");
}

static int dh_derive(sshc_session *s, const uint8_t *peer, size_t len)
{
    uint8_t k[SSHC_DH_MAX_BYTES];
    size_t klen;
    int r = s->kex.dh ? sshc_dh_derive(s->kex.dh, peer, len, k, &klen) : SSHC_E_INTERNAL;
    sshc_dh_free(s->kex.dh);
    s->kex.dh = NULL;
    if (r == SSHC_OK) {
        sshc_bld_reset(&s->kex.shared);
        r = sshc_bld_mpint_unsigned(&s->kex.shared, k, klen);
    }
    sshc_wipe(k, sizeof(k));
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r == SSHC_E_BAD_PUBLIC_VALUE ? r : SSHC_E_CRYPTO,
                                 "%s: peer public value rejected", s->kex.alg->name);
    }
    return SSHC_OK;
}

const sshc_kex_family sshc_kex_dh_family = {dh_keypair, dh_derive, true, false};
const sshc_kex_family sshc_kex_gex_family = {gex_keypair, dh_derive, true, true};
