/*
 * The single-round-trip key exchange shared by the DH family (RFC 4253 §8)
 * and the ECDH family (RFC 5656 §4, RFC 8731):
 *
 *   C: byte 30 (KEXDH_INIT / KEX_ECDH_INIT), e (mpint) or Q_C (string)
 *   S: byte 31 (KEXDH_REPLY / KEX_ECDH_REPLY), string K_S (host key blob),
 *      f (mpint) or Q_S (string), string signature of H
 *
 *   H = HASH(string V_C, string V_S, string I_C, string I_S, string K_S,
 *            e / Q_C, f / Q_S, mpint K)
 *
 * The family (kex_dh.c, kex_ecdh.c) makes the ephemeral value and derives
 * K, validating the peer's value. The server signs H with its host key;
 * the client verifies the signature, then asks the application about the
 * host key (first exchange) or checks it is the key accepted then (re-kex).
 */
#include <string.h>

#include "core/mem.h"
#include "crypto/hash.h"
#include "crypto/key.h"
#include "transport/kex.h"
#include "transport/session.h"

/* The largest public value we accept (an 8192-bit DH value). */
#define MAX_PUBLIC 1025

static void put_value(sshc_session *s, sshc_bld *b, const uint8_t *v, size_t n)
{
    if (s->kex.alg->family->mpint_values) {
        sshc_bld_mpint_unsigned(b, v, n);
    } else {
        sshc_bld_string(b, v, n);
    }
}

/* Read e / f (positive mpint, leading zero dropped) or Q_C / Q_S (string). */
static void get_value(sshc_session *s, sshc_cur *c, const uint8_t **v, size_t *n)
{
    if (s->kex.alg->family->mpint_values) {
        sshc_cur_mpint(c, MAX_PUBLIC, false, v, n);
        if (*n > 0 && (*v)[0] == 0) {
            (*v)++;
            (*n)--;
        }
    } else {
        sshc_cur_string(c, v, n);
    }
}

static int exchange_hash(sshc_session *s, const uint8_t *ks, size_t ks_len, const uint8_t *qc,
                         size_t qc_len, const uint8_t *qs, size_t qs_len)
{
    sshc_bld b;
    sshc_bld_init(&b, 256 * 1024);
    b.secret = true; /* it holds K */
    sshc_kex_hash_prefix(s, &b);
    sshc_bld_string(&b, ks, ks_len);
    if (s->kex.alg->family->group_exchange) {
        sshc_kex_gex_hash_fields(s, &b); /* RFC 4419 §3: min, n, max, p, g */
    }
    put_value(s, &b, qc, qc_len);
    put_value(s, &b, qs, qs_len);
    sshc_bld_bytes(&b, s->kex.shared.buf, s->kex.shared.len);
    int r = sshc_bld_err(&b);
    if (r == SSHC_OK) {
        s->kex.hash_len = sshc_hash_len(s->kex.alg->hash);
        r = sshc_hash(s->kex.alg->hash, b.buf, b.len, s->kex.hash);
    }
    sshc_bld_clear(&b);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "computing the exchange hash failed");
}

/* The INIT and REPLY message numbers: 30/31, or 32/33 for group exchange. */
static uint8_t init_msg(const sshc_session *s)
{
    return s->kex.alg->family->group_exchange ? SSHC_MSG_KEX_DH_GEX_INIT : SSHC_MSG_KEX_ECDH_INIT;
}

static uint8_t reply_msg(const sshc_session *s)
{
    return s->kex.alg->family->group_exchange ? SSHC_MSG_KEX_DH_GEX_REPLY
                                              : SSHC_MSG_KEX_ECDH_REPLY;
}

int sshc_kex_exchange_client_start(sshc_session *s)
{
    if (s->kex.alg->family->group_exchange && !s->kex.gex_group_known) {
        return sshc_kex_gex_client_start(s); /* the group first; INIT follows GROUP */
    }
    int r = s->kex.alg->family->keypair(s);
    if (r != SSHC_OK) {
        return r;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, init_msg(s));
    put_value(s, &b, s->kex.our_public, s->kex.our_public_len);
    return sshc_packet_end(s, &b);
}

/* Server: INIT in, REPLY and NEWKEYS out. */
static int init_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *qc;
    size_t qc_len;
    get_value(s, c, &qc, &qc_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r == SSHC_E_BAD_MPINT ? SSHC_E_BAD_PUBLIC_VALUE : r,
                                 "malformed key exchange INIT");
    }
    const sshc_key *hostkey = sshc_kex_our_hostkey(s);
    if (hostkey == NULL) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "no host key for %s", s->kex.hostkey_alg);
    }
    if ((r = s->kex.alg->family->keypair(s)) != SSHC_OK ||
        (r = s->kex.alg->family->derive(s, qc, qc_len)) != SSHC_OK) {
        return r;
    }
    sshc_bld blob, reply;
    sshc_bld_init(&blob, 64 * 1024);
    r = sshc_key_public_blob(hostkey, &blob);
    if (r == SSHC_OK) {
        r = exchange_hash(s, blob.buf, blob.len, qc, qc_len, s->kex.our_public,
                          s->kex.our_public_len);
    }
    sshc_packet_begin(s, &reply);
    if (r == SSHC_OK) {
        size_t mark;
        sshc_bld_u8(&reply, reply_msg(s));
        sshc_bld_string(&reply, blob.buf, blob.len);
        put_value(s, &reply, s->kex.our_public, s->kex.our_public_len);
        sshc_bld_string_begin(&reply, &mark);
        r = sshc_key_sign(hostkey, s->kex.hostkey_alg, s->kex.hash, s->kex.hash_len, &reply);
        sshc_bld_string_end(&reply, mark);
    }
    sshc_bld_clear(&blob);
    if (r != SSHC_OK) {
        sshc_bld_clear(&reply);
        return s->err != SSHC_OK ? s->err
                                 : sshc_session_fail(s, r, "signing the exchange hash failed");
    }
    r = sshc_packet_end(s, &reply);
    return r == SSHC_OK ? sshc_kex_finish(s) : r;
}

/* Client: REPLY in; the host key then goes to the application. */
static int reply_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *ks, *qs, *sig;
    size_t ks_len, qs_len, sig_len;
    sshc_cur_string(c, &ks, &ks_len);
    get_value(s, c, &qs, &qs_len);
    sshc_cur_string(c, &sig, &sig_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r == SSHC_E_BAD_MPINT ? SSHC_E_BAD_PUBLIC_VALUE : r,
                                 "malformed key exchange REPLY");
    }
    sshc_key *key = NULL;
    r = sshc_key_parse_blob(ks, ks_len, &key);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "server host key blob is invalid");
    }
    sshc_key_free(s->kex.peer_hostkey);
    s->kex.peer_hostkey = key;
    if (!sshc_key_can_sign_alg(key, s->kex.hostkey_alg)) {
        return sshc_session_fail(s, SSHC_E_BAD_KEY, "server host key is not of the negotiated type %s",
                                 s->kex.hostkey_alg);
    }
    if ((r = s->kex.alg->family->derive(s, qs, qs_len)) != SSHC_OK ||
        (r = exchange_hash(s, ks, ks_len, s->kex.our_public, s->kex.our_public_len, qs,
                           qs_len)) != SSHC_OK) {
        return r;
    }
    r = sshc_key_verify(key, s->kex.hostkey_alg, sig, sig_len, s->kex.hash, s->kex.hash_len);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, SSHC_E_SIGNATURE_INVALID,
                                 "server signature over the exchange hash is invalid");
    }
    if (s->kex.done_once) {
        /* A re-kex must present the key accepted at the start. */
        if (s->server_hostkey == NULL || !sshc_key_equal_public(key, s->server_hostkey)) {
            return sshc_session_fail(s, SSHC_E_HOSTKEY_CHANGED, "host key changed during re-key");
        }
        return sshc_kex_finish(s);
    }
    r = sshc_key_dup(key, &s->server_hostkey);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "out of memory");
    }
    /* DESIGN.md: acceptance of the host key is an explicit positive decision. */
    s->ts = SSHC_TS_EXPECT_HOSTKEY_OK;
    sshc_event ev = {.type = SSHC_EV_HOSTKEY, .key = s->server_hostkey};
    return sshc_event_push_decision(s, &ev, SSHC_DECIDE_HOSTKEY, NULL, 0, NULL, 0);
}

int sshc_kex_exchange_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    bool gex = s->kex.alg->family->group_exchange;
    if (gex && !s->kex.gex_group_known) {
        return sshc_kex_gex_recv(s, msg, c); /* REQUEST (server) or GROUP (client) */
    }
    if (msg == init_msg(s) && s->role == SSHC_ROLE_SERVER && s->ts == SSHC_TS_EXPECT_KEX_INIT) {
        return init_recv(s, c);
    }
    if (msg == reply_msg(s) && s->role == SSHC_ROLE_CLIENT && s->ts == SSHC_TS_EXPECT_KEX_REPLY) {
        return reply_recv(s, c);
    }
    return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected key exchange message %u", msg);
}
