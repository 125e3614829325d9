/*
 * The key exchange driver, for the first exchange and every re-exchange
 * (RFC 4253 §7, §8; RFC 8308 ext-info; OpenSSH PROTOCOL "strict key
 * exchange").
 *
 * Sequence, either role:
 *   our KEXINIT  --->            (sent at once; for a re-kex when either
 *            <---  peer KEXINIT   side starts one)
 *   negotiate (client's preference wins, §7.1)
 *   method messages (KEX_ECDH_INIT / REPLY), which end in sshc_kex_finish:
 *   keys derived, NEWKEYS sent, our outgoing keys switched;
 *   peer NEWKEYS: incoming keys switched.
 *
 * Rules kept here:
 * - §7.1: between our KEXINIT and our NEWKEYS we send only transport and
 *   kex messages (others are held: packet_write.c).
 * - first_kex_packet_follows with a wrong guess: the next kex packet is
 *   ignored (§7).
 * - Strict kex (Terrapin, CVE-2023-48795): when both sides offer the
 *   marker in the first KEXINIT, KEXINIT must be the peer's first packet,
 *   any other message during the first exchange is fatal (dispatch.c), and
 *   each direction's sequence number restarts at 0 after NEWKEYS.
 * - The session id is H of the first exchange and never changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/cipher.h"
#include "crypto/dh.h"
#include "crypto/ecdh.h"
#include "crypto/key.h"
#include "crypto/mac.h"
#include "transport/compress.h"
#include "transport/kex.h"
#include "transport/kexinit.h"
#include "transport/session.h"

/* In default preference order, close to OpenSSH 9.x; legacy rows last. */
static const sshc_kex_alg kex_table[] = {
    {"curve25519-sha256", SSHC_HASH_SHA256, &sshc_kex_ecdh_family, SSHC_ECDH_X25519, false},
    {"curve25519-sha256@libssh.org", SSHC_HASH_SHA256, &sshc_kex_ecdh_family, SSHC_ECDH_X25519,
     false},
    {"ecdh-sha2-nistp256", SSHC_HASH_SHA256, &sshc_kex_ecdh_family, SSHC_ECDH_P256, false},
    {"ecdh-sha2-nistp384", SSHC_HASH_SHA384, &sshc_kex_ecdh_family, SSHC_ECDH_P384, false},
    {"ecdh-sha2-nistp521", SSHC_HASH_SHA512, &sshc_kex_ecdh_family, SSHC_ECDH_P521, false},
    {"diffie-hellman-group16-sha512", SSHC_HASH_SHA512, &sshc_kex_dh_family, 16, false},
    {"diffie-hellman-group18-sha512", SSHC_HASH_SHA512, &sshc_kex_dh_family, 18, false},
    {"diffie-hellman-group14-sha256", SSHC_HASH_SHA256, &sshc_kex_dh_family, 14, false},
    {"diffie-hellman-group-exchange-sha256", SSHC_HASH_SHA256, &sshc_kex_gex_family, 0, false},
    {"diffie-hellman-group-exchange-sha1", SSHC_HASH_SHA1, &sshc_kex_gex_family, 0, true},
    {"diffie-hellman-group14-sha1", SSHC_HASH_SHA1, &sshc_kex_dh_family, 14, true},
    {"diffie-hellman-group1-sha1", SSHC_HASH_SHA1, &sshc_kex_dh_family, 1, true},
};
#define KEX_COUNT (sizeof(kex_table) / sizeof(kex_table[0]))

const sshc_kex_alg *sshc_kex_at(size_t i)
{
    return i < KEX_COUNT ? &kex_table[i] : NULL;
}

const sshc_kex_alg *sshc_kex_find(const char *name, size_t len)
{
    for (size_t i = 0; i < KEX_COUNT; i++) {
        if (strlen(kex_table[i].name) == len && memcmp(kex_table[i].name, name, len) == 0) {
            return &kex_table[i];
        }
    }
    return NULL;
}

const char *sshc_kex_default_list(void)
{
    return "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
           "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group16-sha512,"
           "diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha256,"
           "diffie-hellman-group14-sha256";
}

void sshc_kex_clear(struct sshc_kex *k)
{
    sshc_bld_clear(&k->our_kexinit);
    sshc_bld_clear(&k->peer_kexinit);
    sshc_bld_clear(&k->shared);
    sshc_ecdh_free(k->ecdh);
    k->ecdh = NULL;
    sshc_dh_free(k->dh);
    k->dh = NULL;
    sshc_bld_clear(&k->gex_pg);
    sshc_key_free(k->peer_hostkey);
    k->peer_hostkey = NULL;
    sshc_dir_clear(&k->next_tx);
    sshc_dir_clear(&k->next_rx);
    k->keys_ready = false;
}

void sshc_dir_clear(struct sshc_dir *d)
{
    sshc_cipher_free(d->cipher_ctx);
    sshc_mac_free(d->mac_ctx);
    memset(d, 0, sizeof(*d));
    d->block = 8;
}

/* Does one of our host keys sign with this algorithm? */
const sshc_key *sshc_kex_our_hostkey(sshc_session *s)
{
    for (size_t i = 0; i < s->cfg->n_host_keys; i++) {
        if (s->kex.hostkey_alg != NULL &&
            sshc_key_can_sign_alg(s->cfg->host_keys[i], s->kex.hostkey_alg)) {
            return s->cfg->host_keys[i];
        }
    }
    return NULL;
}

/* Server: the configured host key algorithms we hold a key for. */
static void server_hostkey_list(sshc_session *s, char *out, size_t cap)
{
    sshc_name_iter it;
    const uint8_t *name;
    size_t nl, used = 0;
    out[0] = '\0';
    sshc_name_iter_init(&it, (const uint8_t *)s->cfg->hostkey, strlen(s->cfg->hostkey));
    while (sshc_name_iter_next(&it, &name, &nl)) {
        char alg[SSHC_MAX_ALG_NAME + 1];
        if (nl >= sizeof(alg)) {
            continue;
        }
        memcpy(alg, name, nl);
        alg[nl] = '\0';
        /* An RSA key offers each RSA signature algorithm the list names (RFC 8332). */
        for (size_t i = 0; i < s->cfg->n_host_keys; i++) {
            if (sshc_key_can_sign_alg(s->cfg->host_keys[i], alg) && used + nl + 2 < cap) {
                used += (size_t)snprintf(out + used, cap - used, "%s%.*s", used ? "," : "",
                                         (int)nl, (const char *)name);
                break;
            }
        }
    }
}

int sshc_kex_start(sshc_session *s)
{
    struct sshc_kex *k = &s->kex;
    if (k->our_kexinit_sent) {
        return SSHC_OK;
    }
    bool client = s->role == SSHC_ROLE_CLIENT;
    char kex_list[SSHC_MAX_LIST + 128];
    char hostkeys[SSHC_MAX_LIST];
    /* RFC 8308 §2.1 and PROTOCOL: the markers go in the first KEXINIT only. */
    snprintf(kex_list, sizeof(kex_list), "%s%s%s", s->cfg->kex,
             k->done_once ? "" : (client ? "," SSHC_EXT_INFO_C : "," SSHC_EXT_INFO_S),
             k->done_once ? "" : (client ? "," SSHC_KEX_STRICT_C : "," SSHC_KEX_STRICT_S));
    if (client) {
        snprintf(hostkeys, sizeof(hostkeys), "%s", s->cfg->hostkey);
    } else {
        server_hostkey_list(s, hostkeys, sizeof(hostkeys));
        if (hostkeys[0] == '\0') {
            return sshc_session_fail(s, SSHC_E_INVALID_ARG, "server has no usable host key");
        }
    }
    const char *lists[SSHC_KEXINIT_LISTS] = {
        kex_list,        hostkeys, s->cfg->ciphers, s->cfg->ciphers, s->cfg->macs,
        s->cfg->macs,    s->cfg->compression, s->cfg->compression, "", "",
    };
    uint8_t cookie[16];
    int r = sshc_session_random(s, cookie, sizeof(cookie));
    if (r != SSHC_OK) {
        return r;
    }
    sshc_bld_reset(&k->our_kexinit);
    r = sshc_kexinit_build(&k->our_kexinit, cookie, lists);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "building KEXINIT failed");
    }
    k->in_progress = true;
    k->our_kexinit_sent = true;
    return sshc_packet_send(s, k->our_kexinit.buf, k->our_kexinit.len);
}

static bool skip_marker(const uint8_t *name, size_t len)
{
    static const char *const markers[] = {SSHC_EXT_INFO_C, SSHC_EXT_INFO_S, SSHC_KEX_STRICT_C,
                                          SSHC_KEX_STRICT_S};
    for (size_t i = 0; i < 4; i++) {
        if (strlen(markers[i]) == len && memcmp(markers[i], name, len) == 0) {
            return true;
        }
    }
    return false;
}

static const char *const list_names[SSHC_KEXINIT_LISTS] = {
    "key exchange", "host key", "cipher (client to server)", "cipher (server to client)",
    "MAC (client to server)", "MAC (server to client)", "compression (client to server)",
    "compression (server to client)", "language", "language"};

/* Choose one category; on failure name both sides' lists in the error. */
static int choose(sshc_session *s, const struct sshc_kexinit *ours,
                  const struct sshc_kexinit *peer, int i, bool (*skip)(const uint8_t *, size_t))
{
    const struct sshc_kexinit *c = s->role == SSHC_ROLE_CLIENT ? ours : peer;
    const struct sshc_kexinit *sv = s->role == SSHC_ROLE_CLIENT ? peer : ours;
    int r = sshc_kexinit_choose(c->list[i].p, c->list[i].len, sv->list[i].p, sv->list[i].len,
                                skip, s->kex.names[i], sizeof(s->kex.names[i]));
    if (r != SSHC_OK) {
        return sshc_session_fail(s, SSHC_E_NO_ALG_MATCH,
                                 "kex: no common %s; we offer %.*s, peer offers %.*s",
                                 list_names[i], (int)ours->list[i].len,
                                 (const char *)ours->list[i].p, (int)peer->list[i].len,
                                 (const char *)peer->list[i].p);
    }
    return SSHC_OK;
}

static int negotiate(sshc_session *s, const struct sshc_kexinit *ours,
                     const struct sshc_kexinit *peer)
{
    struct sshc_kex *k = &s->kex;
    int r = SSHC_OK;
    for (int i = SSHC_KEXINIT_KEX; i <= SSHC_KEXINIT_ENC_STOC && r == SSHC_OK; i++) {
        r = choose(s, ours, peer, i, i == SSHC_KEXINIT_KEX ? skip_marker : NULL);
    }
    if (r != SSHC_OK) {
        return r;
    }
    k->alg = sshc_kex_find(k->names[0], strlen(k->names[0]));
    k->hostkey_alg = k->names[1];
    for (int dir = 0; dir < 2; dir++) {
        k->cipher[dir] = sshc_cipher_find(k->names[2 + dir], strlen(k->names[2 + dir]));
        k->mac[dir] = NULL;
        /* An AEAD cipher brings its own integrity; no MAC is negotiated for it. */
        if (k->cipher[dir]->tag_len == 0) {
            r = choose(s, ours, peer, SSHC_KEXINIT_MAC_CTOS + dir, NULL);
            if (r != SSHC_OK) {
                return r;
            }
            k->mac[dir] = sshc_mac_find(k->names[4 + dir], strlen(k->names[4 + dir]));
        } else {
            snprintf(k->names[4 + dir], sizeof(k->names[4 + dir]), "<implicit>");
        }
    }
    for (int i = SSHC_KEXINIT_COMP_CTOS; i <= SSHC_KEXINIT_COMP_STOC && r == SSHC_OK; i++) {
        r = choose(s, ours, peer, i, NULL);
    }
    if (r == SSHC_OK && (k->alg == NULL || k->cipher[0] == NULL || k->cipher[1] == NULL)) {
        r = sshc_session_fail(s, SSHC_E_INTERNAL, "negotiated an algorithm we do not have");
    }
    return r;
}

/* §7: the guess was right if both first kex and first host key names agree. */
static bool guess_right(const struct sshc_kexinit *a, const struct sshc_kexinit *b)
{
    for (int i = SSHC_KEXINIT_KEX; i <= SSHC_KEXINIT_HOSTKEY; i++) {
        sshc_name_iter ia, ib;
        const uint8_t *na, *nb;
        size_t la, lb;
        sshc_name_iter_init(&ia, a->list[i].p, a->list[i].len);
        sshc_name_iter_init(&ib, b->list[i].p, b->list[i].len);
        if (!sshc_name_iter_next(&ia, &na, &la) || !sshc_name_iter_next(&ib, &nb, &lb) ||
            la != lb || memcmp(na, nb, la) != 0) {
            return false;
        }
    }
    return true;
}

int sshc_kexinit_recv(sshc_session *s, sshc_cur *c, const uint8_t *payload, size_t len)
{
    struct sshc_kex *k = &s->kex;
    struct sshc_kexinit peer, ours;
    int r = sshc_kexinit_parse(c, &peer);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed KEXINIT");
    }
    /* Keep the payload: it is part of the exchange hash (I_C / I_S). */
    sshc_bld_reset(&k->peer_kexinit);
    if (sshc_bld_bytes(&k->peer_kexinit, payload, len) != SSHC_OK) {
        return sshc_session_fail(s, SSHC_E_NOMEM, "out of memory");
    }
    k->peer_kexinit_seen = true;
    if (!k->done_once) {
        const char *marker = s->role == SSHC_ROLE_CLIENT ? SSHC_KEX_STRICT_S : SSHC_KEX_STRICT_C;
        const char *ext = s->role == SSHC_ROLE_CLIENT ? SSHC_EXT_INFO_S : SSHC_EXT_INFO_C;
        k->strict = sshc_name_list_has(peer.list[0].p, peer.list[0].len, marker);
        k->peer_ext_info = sshc_name_list_has(peer.list[0].p, peer.list[0].len, ext);
        /* PROTOCOL, strict kex: KEXINIT must be the first packet received. */
        if (k->strict && s->rx.seqnr != 1) {
            return sshc_session_fail(s, SSHC_E_STRICT_KEX,
                                     "strict kex: KEXINIT was not the first packet");
        }
    }
    r = sshc_kex_start(s); /* re-kex started by the peer: answer with ours */
    if (r != SSHC_OK) {
        return r;
    }
    sshc_cur oc;
    sshc_cur_init(&oc, k->our_kexinit.buf + 1, k->our_kexinit.len - 1);
    if (sshc_kexinit_parse(&oc, &ours) != SSHC_OK) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "our own KEXINIT does not parse");
    }
    r = negotiate(s, &ours, &peer);
    if (r != SSHC_OK) {
        return r;
    }
    k->ignore_next = peer.first_kex_packet_follows && !guess_right(&ours, &peer);
    k->gex_group_known = false;
    sshc_session_log(s, SSHC_LOG_DEBUG, "kex: %s, host key %s, ciphers %s / %s, MACs %s / %s%s",
                     k->names[0], k->names[1], k->names[2], k->names[3], k->names[4],
                     k->names[5], k->strict ? ", strict" : "");
    if (s->role == SSHC_ROLE_CLIENT) {
        s->ts = SSHC_TS_EXPECT_KEX_REPLY;
        return sshc_kex_exchange_client_start(s);
    }
    s->ts = SSHC_TS_EXPECT_KEX_INIT;
    return SSHC_OK;
}

int sshc_kex_method_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    if (s->kex.ignore_next) {
        s->kex.ignore_next = false;
        return SSHC_OK;
    }
    if (s->kex.alg == NULL || s->kex.keys_ready) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected key exchange message %u",
                                 msg);
    }
    return sshc_kex_exchange_recv(s, msg, c);
}

int sshc_kex_hash_prefix(sshc_session *s, sshc_bld *b)
{
    bool client = s->role == SSHC_ROLE_CLIENT;
    const sshc_bld *ic = client ? &s->kex.our_kexinit : &s->kex.peer_kexinit;
    const sshc_bld *is = client ? &s->kex.peer_kexinit : &s->kex.our_kexinit;
    sshc_bld_cstring(b, client ? s->our_version : s->peer_version);
    sshc_bld_cstring(b, client ? s->peer_version : s->our_version);
    sshc_bld_string(b, ic->buf, ic->len);
    sshc_bld_string(b, is->buf, is->len);
    return sshc_bld_err(b);
}

static void install(struct sshc_dir *dst, struct sshc_dir *next, bool strict)
{
    uint32_t seqnr = dst->seqnr;
    sshc_dir_clear(dst);
    *dst = *next;
    memset(next, 0, sizeof(*next));
    /* Strict kex: the sequence number restarts at each NEWKEYS. */
    dst->seqnr = strict ? 0 : seqnr;
}

static int kex_complete(sshc_session *s)
{
    struct sshc_kex *k = &s->kex;
    bool first = !k->done_once;
    k->in_progress = false;
    k->our_kexinit_sent = false;
    k->peer_kexinit_seen = false;
    k->newkeys_sent = false;
    k->newkeys_received = false;
    k->keys_ready = false;
    k->gex_group_known = false;
    k->done_once = true;
    k->count++;
    k->started_ms = s->now_ms;
    sshc_bld_reset(&k->our_kexinit);
    sshc_bld_reset(&k->peer_kexinit);
    sshc_key_free(k->peer_hostkey);
    k->peer_hostkey = NULL;
    s->ts = SSHC_TS_ESTABLISHED;
    sshc_session_log(s, SSHC_LOG_DEBUG, "kex: %s", first ? "done" : "re-key done");
    if (!first) {
        return sshc_channels_kex_done(s);
    }
    if (s->role == SSHC_ROLE_CLIENT) {
        return sshc_service_request_send(s, "ssh-userauth");
    }
    sshc_event ev = {.type = SSHC_EV_READY};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

int sshc_kex_finish(sshc_session *s)
{
    struct sshc_kex *k = &s->kex;
    if (!k->done_once) {
        memcpy(s->session_id, k->hash, k->hash_len);
        s->session_id_len = k->hash_len;
    }
    int r = sshc_keys_derive(s);
    if (r != SSHC_OK) {
        return r;
    }
    k->keys_ready = true;
    uint8_t newkeys = SSHC_MSG_NEWKEYS;
    r = sshc_packet_send(s, &newkeys, 1);
    if (r != SSHC_OK) {
        return r;
    }
    install(&s->tx, &k->next_tx, k->strict);
    k->newkeys_sent = true;
    s->comp_tx = (uint8_t)sshc_comp_method_of(k->names[s->role == SSHC_ROLE_CLIENT ? 6 : 7]);
    if ((r = sshc_comp_update(s)) != SSHC_OK) {
        return r;
    }
    /* RFC 8308 §2.4: the server's EXT_INFO directly follows its first NEWKEYS. */
    if (s->role == SSHC_ROLE_SERVER && !k->done_once && k->peer_ext_info) {
        r = sshc_ext_info_send(s);
        if (r != SSHC_OK) {
            return r;
        }
    }
    r = sshc_packet_flush_deferred(s);
    if (r != SSHC_OK) {
        return r;
    }
    s->ts = SSHC_TS_EXPECT_NEWKEYS;
    return k->newkeys_received ? kex_complete(s) : SSHC_OK;
}

int sshc_newkeys_recv(sshc_session *s, sshc_cur *c)
{
    struct sshc_kex *k = &s->kex;
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed NEWKEYS");
    }
    if (!k->keys_ready || k->newkeys_received) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "NEWKEYS before the key exchange finished");
    }
    install(&s->rx, &k->next_rx, k->strict);
    k->newkeys_received = true;
    s->comp_rx = (uint8_t)sshc_comp_method_of(k->names[s->role == SSHC_ROLE_CLIENT ? 7 : 6]);
    if ((r = sshc_comp_update(s)) != SSHC_OK) {
        return r;
    }
    return k->newkeys_sent ? kex_complete(s) : SSHC_OK;
}

int sshc_kex_hostkey_reply(sshc_session *s, bool allow)
{
    if (!allow) {
        return sshc_session_fail(s, SSHC_E_HOSTKEY_REJECTED, "host key verification failed");
    }
    return sshc_kex_finish(s);
}
