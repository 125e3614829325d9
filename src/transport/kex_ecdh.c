/*
 * curve25519-sha256 (RFC 8731), using the ECDH message exchange of
 * RFC 5656 §4:
 *
 *   C: byte SSH_MSG_KEX_ECDH_INIT (30), string Q_C (32 bytes)
 *   S: byte SSH_MSG_KEX_ECDH_REPLY (31), string K_S (host key blob),
 *      string Q_S (32 bytes), string signature of H
 *
 *   H = HASH(string V_C, string V_S, string I_C, string I_S, string K_S,
 *            string Q_C, string Q_S, mpint K)
 *
 * RFC 8731 §3: public values are exactly 32 bytes; an all-zero shared
 * secret is refused; K is the 32-byte X25519 output read as an unsigned
 * big-endian number and encoded as an mpint.
 */
#include <string.h>

#include "core/mem.h"
#include "crypto/hash.h"
#include "crypto/key.h"
#include "crypto/x25519.h"
#include "transport/kex.h"
#include "transport/session.h"

#define X25519_LEN 32

static int make_ephemeral(sshc_session *s)
{
    int r = sshc_x25519_keypair(s->cfg->rng, s->cfg->rng_ctx, s->kex.secret, s->kex.our_public);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "generating the X25519 key failed");
}

/* K (as mpint) from our secret and the peer's public value. */
static int shared_secret(sshc_session *s, const uint8_t *peer)
{
    uint8_t k[X25519_LEN];
    int r = sshc_x25519_shared(s->kex.secret, peer, k);
    sshc_wipe(s->kex.secret, sizeof(s->kex.secret));
    if (r == SSHC_OK) {
        sshc_bld_reset(&s->kex.shared);
        s->kex.shared.secret = true;
        r = sshc_bld_mpint_unsigned(&s->kex.shared, k, sizeof(k));
    }
    sshc_wipe(k, sizeof(k));
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r == SSHC_E_BAD_PUBLIC_VALUE ? r : SSHC_E_CRYPTO,
                                 "X25519 shared secret rejected");
    }
    return SSHC_OK;
}

static int exchange_hash(sshc_session *s, const uint8_t *ks, size_t ks_len, const uint8_t *qc,
                         const uint8_t *qs)
{
    sshc_bld b;
    sshc_bld_init(&b, 256 * 1024);
    sshc_kex_hash_prefix(s, &b);
    sshc_bld_string(&b, ks, ks_len);
    sshc_bld_string(&b, qc, X25519_LEN);
    sshc_bld_string(&b, qs, X25519_LEN);
    sshc_bld_bytes(&b, s->kex.shared.buf, s->kex.shared.len);
    int r = sshc_bld_err(&b);
    if (r == SSHC_OK) {
        s->kex.hash_len = sshc_hash_len(s->kex.alg->hash);
        r = sshc_hash(s->kex.alg->hash, b.buf, b.len, s->kex.hash);
    }
    b.secret = true; /* it holds K */
    sshc_bld_clear(&b);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "computing the exchange hash failed");
}

int sshc_kex_ecdh_client_start(sshc_session *s)
{
    int r = make_ephemeral(s);
    if (r != SSHC_OK) {
        return r;
    }
    uint8_t msg[1 + 4 + X25519_LEN];
    msg[0] = SSHC_MSG_KEX_ECDH_INIT;
    sshc_store_u32be(msg + 1, X25519_LEN);
    memcpy(msg + 5, s->kex.our_public, X25519_LEN);
    return sshc_packet_send(s, msg, sizeof(msg));
}

/* Server: KEX_ECDH_INIT in, KEX_ECDH_REPLY and NEWKEYS out. */
static int init_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *qc;
    size_t qc_len;
    sshc_cur_string(c, &qc, &qc_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed KEX_ECDH_INIT");
    }
    if (qc_len != X25519_LEN) {
        return sshc_session_fail(s, SSHC_E_BAD_PUBLIC_VALUE,
                                 "client X25519 public value has %zu bytes, not 32", qc_len);
    }
    const sshc_key *hostkey = sshc_kex_our_hostkey(s);
    if (hostkey == NULL) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "no host key for %s", s->kex.hostkey_alg);
    }
    if ((r = make_ephemeral(s)) != SSHC_OK || (r = shared_secret(s, qc)) != SSHC_OK) {
        return r;
    }
    sshc_bld blob;
    sshc_bld_init(&blob, 64 * 1024);
    r = sshc_key_public_blob(hostkey, &blob);
    if (r == SSHC_OK) {
        r = exchange_hash(s, blob.buf, blob.len, qc, s->kex.our_public);
    }
    sshc_bld reply;
    sshc_packet_begin(s, &reply);
    if (r == SSHC_OK) {
        size_t mark;
        sshc_bld_u8(&reply, SSHC_MSG_KEX_ECDH_REPLY);
        sshc_bld_string(&reply, blob.buf, blob.len);
        sshc_bld_string(&reply, s->kex.our_public, X25519_LEN);
        sshc_bld_string_begin(&reply, &mark);
        r = sshc_key_sign(hostkey, s->kex.hostkey_alg, s->kex.hash, s->kex.hash_len, &reply);
        sshc_bld_string_end(&reply, mark);
    }
    sshc_bld_clear(&blob);
    if (r != SSHC_OK) {
        sshc_bld_clear(&reply);
        return s->err != SSHC_OK ? s->err : sshc_session_fail(s, r, "signing the exchange hash failed");
    }
    r = sshc_packet_end(s, &reply);
    return r == SSHC_OK ? sshc_kex_finish(s) : r;
}

/* Client: KEX_ECDH_REPLY in; the host key goes to the application. */
static int reply_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *ks, *qs, *sig;
    size_t ks_len, qs_len, sig_len;
    sshc_cur_string(c, &ks, &ks_len);
    sshc_cur_string(c, &qs, &qs_len);
    sshc_cur_string(c, &sig, &sig_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed KEX_ECDH_REPLY");
    }
    if (qs_len != X25519_LEN) {
        return sshc_session_fail(s, SSHC_E_BAD_PUBLIC_VALUE,
                                 "server X25519 public value has %zu bytes, not 32", qs_len);
    }
    sshc_key *key = NULL;
    r = sshc_key_parse_blob(ks, ks_len, &key);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "server host key blob is invalid");
    }
    s->kex.peer_hostkey = key;
    const char *alg = sshc_key_sig_alg(key);
    if (alg == NULL || strcmp(alg, s->kex.hostkey_alg) != 0) {
        return sshc_session_fail(s, SSHC_E_BAD_KEY, "server host key is not of the negotiated type %s",
                                 s->kex.hostkey_alg);
    }
    if ((r = shared_secret(s, qs)) != SSHC_OK ||
        (r = exchange_hash(s, ks, ks_len, s->kex.our_public, qs)) != SSHC_OK) {
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

int sshc_kex_ecdh_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    if (msg == SSHC_MSG_KEX_ECDH_INIT && s->role == SSHC_ROLE_SERVER &&
        s->ts == SSHC_TS_EXPECT_KEX_INIT) {
        return init_recv(s, c);
    }
    if (msg == SSHC_MSG_KEX_ECDH_REPLY && s->role == SSHC_ROLE_CLIENT &&
        s->ts == SSHC_TS_EXPECT_KEX_REPLY) {
        return reply_recv(s, c);
    }
    return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected key exchange message %u", msg);
}
