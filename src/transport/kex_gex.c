/*
 * Diffie-Hellman group exchange, RFC 4419 (with RFC 8270's 2048-bit floor):
 *
 *   C: byte 34 KEX_DH_GEX_REQUEST, uint32 min, uint32 n, uint32 max
 *   S: byte 31 KEX_DH_GEX_GROUP, mpint p, mpint g
 *   C: byte 32 KEX_DH_GEX_INIT, mpint e          \  the shared INIT / REPLY
 *   S: byte 33 KEX_DH_GEX_REPLY, K_S, f, sig     /  flow of kex_exchange.c
 *
 *   H = HASH(V_C, V_S, I_C, I_S, K_S, uint32 min, uint32 n, uint32 max,
 *            mpint p, mpint g, mpint e, mpint f, mpint K)
 *
 * The server picks among its built-in safe-prime groups (RFC 3526 groups
 * 14, 16 and 18: 2048, 4096 and 8192 bits) the smallest at least n bits
 * within [min, max]. The client accepts only a group within what it asked
 * for; the DH layer then validates every public value (1 < e < p-1).
 */
#include "crypto/cipher.h"
#include "crypto/dh.h"
#include "transport/kex.h"
#include "transport/session.h"

/* The built-in groups, by size. */
static const struct {
    int group;
    uint32_t bits;
} groups[] = {{14, 2048}, {16, 4096}, {18, 8192}};

/* RFC 4419 §3 and OpenSSH's choice: as many bits as the strongest cipher asks for. */
static uint32_t preferred_bits(const sshc_session *s)
{
    size_t key = 0;
    for (int dir = 0; dir < 2; dir++) {
        if (s->kex.cipher[dir] != NULL && s->kex.cipher[dir]->key_len > key) {
            key = s->kex.cipher[dir]->key_len;
        }
    }
    size_t strength = key > 32 ? 256 : key * 8; /* chacha's 64-byte key is two 256-bit keys */
    return strength <= 112 ? 2048 : strength <= 128 ? 3072 : strength <= 192 ? 7680 : 8192;
}

/* Keep p and g for the exchange hash: the DH object is gone by the time H is computed. */
static int remember_group(sshc_session *s)
{
    uint8_t p[SSHC_DH_MAX_BYTES], g[SSHC_DH_MAX_BYTES];
    size_t p_len = sizeof(p), g_len = sizeof(g);
    int r = sshc_dh_get_pg(s->kex.dh, p, &p_len, g, &g_len);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "DH group parameters unavailable");
    }
    sshc_bld_clear(&s->kex.gex_pg);
    sshc_bld_init(&s->kex.gex_pg, 2 * SSHC_DH_MAX_BYTES + 16);
    sshc_bld_mpint_unsigned(&s->kex.gex_pg, p, p_len);
    sshc_bld_mpint_unsigned(&s->kex.gex_pg, g, g_len);
    r = sshc_bld_err(&s->kex.gex_pg);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "storing the DH group failed");
    }
    s->kex.gex_group_known = true;
    return SSHC_OK;
}

int sshc_kex_gex_client_start(sshc_session *s)
{
    s->kex.gex_min = SSHC_GEX_MIN_BITS;
    s->kex.gex_n = preferred_bits(s);
    s->kex.gex_max = SSHC_GEX_MAX_BITS;
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_KEX_DH_GEX_REQUEST);
    sshc_bld_u32(&b, s->kex.gex_min);
    sshc_bld_u32(&b, s->kex.gex_n);
    sshc_bld_u32(&b, s->kex.gex_max);
    return sshc_packet_end(s, &b);
}

/* Server: REQUEST in, GROUP out. */
static int request_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t min, n, max;
    sshc_cur_u32(c, &min);
    sshc_cur_u32(c, &n);
    sshc_cur_u32(c, &max);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed KEX_DH_GEX_REQUEST");
    }
    if (min > n || n > max) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "KEX_DH_GEX_REQUEST: bad range %u/%u/%u", min,
                                 n, max);
    }
    int pick = 0;
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]) && pick == 0; i++) {
        if (groups[i].bits >= n && groups[i].bits >= min && groups[i].bits <= max) {
            pick = groups[i].group;
        }
    }
    /* None as large as n: the largest that fits the range. */
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]) && pick == 0; i++) {
        size_t j = sizeof(groups) / sizeof(groups[0]) - 1 - i;
        if (groups[j].bits >= min && groups[j].bits <= max) {
            pick = groups[j].group;
        }
    }
    if (pick == 0) {
        return sshc_session_fail(s, SSHC_E_NO_ALG_MATCH,
                                 "no DH group between %u and %u bits", min, max);
    }
    sshc_dh_free(s->kex.dh);
    s->kex.dh = NULL;
    r = sshc_dh_new_group(pick, &s->kex.dh);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "loading DH group %d failed", pick);
    }
    s->kex.gex_min = min;
    s->kex.gex_n = n;
    s->kex.gex_max = max;
    if ((r = remember_group(s)) != SSHC_OK) {
        return r;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_KEX_DH_GEX_GROUP);
    sshc_bld_bytes(&b, s->kex.gex_pg.buf, s->kex.gex_pg.len);
    return sshc_packet_end(s, &b); /* KEX_DH_GEX_INIT follows */
}

/* Client: GROUP in, INIT out. */
static int group_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *p, *g;
    size_t p_len, g_len;
    sshc_cur_mpint(c, SSHC_DH_MAX_BYTES + 1, false, &p, &p_len);
    sshc_cur_mpint(c, SSHC_DH_MAX_BYTES + 1, false, &g, &g_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed KEX_DH_GEX_GROUP");
    }
    while (p_len > 0 && p[0] == 0) {
        p++;
        p_len--;
    }
    while (g_len > 0 && g[0] == 0) {
        g++;
        g_len--;
    }
    /* Only a group of the size we asked for (the top bit of p counts). */
    size_t bits = p_len * 8;
    for (uint8_t top = p_len ? p[0] : 0; top != 0 && (top & 0x80) == 0; top <<= 1) {
        bits--;
    }
    if (bits < s->kex.gex_min || bits > s->kex.gex_max) {
        return sshc_session_fail(s, SSHC_E_BAD_PUBLIC_VALUE,
                                 "server DH group of %zu bits is outside %u..%u", bits,
                                 s->kex.gex_min, s->kex.gex_max);
    }
    sshc_dh_free(s->kex.dh);
    s->kex.dh = NULL;
    r = sshc_dh_new_pg(p, p_len, g, g_len, &s->kex.dh);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, SSHC_E_BAD_PUBLIC_VALUE, "server DH group rejected");
    }
    if ((r = remember_group(s)) != SSHC_OK) {
        return r;
    }
    return sshc_kex_exchange_client_start(s);
}

int sshc_kex_gex_recv(sshc_session *s, uint8_t msg, sshc_cur *c)
{
    if (msg == SSHC_MSG_KEX_DH_GEX_REQUEST && s->role == SSHC_ROLE_SERVER &&
        s->ts == SSHC_TS_EXPECT_KEX_INIT) {
        return request_recv(s, c);
    }
    if (msg == SSHC_MSG_KEX_DH_GEX_GROUP && s->role == SSHC_ROLE_CLIENT &&
        s->ts == SSHC_TS_EXPECT_KEX_REPLY) {
        return group_recv(s, c);
    }
    return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected group exchange message %u",
                             msg);
}

int sshc_kex_gex_hash_fields(sshc_session *s, sshc_bld *b)
{
    sshc_bld_u32(b, s->kex.gex_min);
    sshc_bld_u32(b, s->kex.gex_n);
    sshc_bld_u32(b, s->kex.gex_max);
    sshc_bld_bytes(b, s->kex.gex_pg.buf, s->kex.gex_pg.len);
    return sshc_bld_err(b);
}
