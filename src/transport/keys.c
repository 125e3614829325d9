/*
 * Key derivation, RFC 4253 §7.2:
 *
 *   Initial IV client to server:     HASH(K || H || "A" || session_id)
 *   Initial IV server to client:     HASH(K || H || "B" || session_id)
 *   Encryption key client to server: HASH(K || H || "C" || session_id)
 *   Encryption key server to client: HASH(K || H || "D" || session_id)
 *   Integrity key client to server:  HASH(K || H || "E" || session_id)
 *   Integrity key server to client:  HASH(K || H || "F" || session_id)
 *
 * K is the shared secret encoded as an mpint (as it is hashed), and keys
 * longer than the hash are extended: K2 = HASH(K || H || K1), ...
 */
#include <string.h>

#include "core/mem.h"
#include "crypto/cipher.h"
#include "crypto/hash.h"
#include "crypto/mac.h"
#include "transport/kex.h"
#include "transport/session.h"

#define SSHC_MAX_KEY_MATERIAL 128

static int derive(sshc_session *s, char letter, uint8_t *out, size_t need)
{
    struct sshc_kex *k = &s->kex;
    enum sshc_hash_alg alg = k->alg->hash;
    size_t hl = sshc_hash_len(alg);
    uint8_t block[SSHC_MAX_KEY_MATERIAL + SSHC_HASH_MAX];
    size_t have = 0;
    sshc_bld b;
    int r = SSHC_OK;
    if (need > SSHC_MAX_KEY_MATERIAL) {
        return SSHC_E_INTERNAL;
    }
    sshc_bld_init(&b, 64 * 1024);
    b.secret = true;
    while (have < need && r == SSHC_OK) {
        sshc_bld_reset(&b);
        sshc_bld_bytes(&b, k->shared.buf, k->shared.len);
        sshc_bld_bytes(&b, k->hash, k->hash_len);
        if (have == 0) {
            sshc_bld_u8(&b, (uint8_t)letter);
            sshc_bld_bytes(&b, s->session_id, s->session_id_len);
        } else {
            sshc_bld_bytes(&b, block, have);
        }
        r = sshc_bld_err(&b);
        if (r == SSHC_OK) {
            r = sshc_hash(alg, b.buf, b.len, block + have);
        }
        have += hl;
    }
    if (r == SSHC_OK) {
        memcpy(out, block, need);
    }
    sshc_wipe(block, sizeof(block));
    sshc_bld_clear(&b);
    return r;
}

/* Build one direction's protection from letters (IV, key, MAC key). */
static int make_dir(sshc_session *s, struct sshc_dir *d, int dir, bool encrypt, char iv_l,
                    char key_l, char mac_l)
{
    const sshc_cipher_alg *cipher = s->kex.cipher[dir];
    const sshc_mac_alg *mac = s->kex.mac[dir];
    uint8_t iv[SSHC_MAX_KEY_MATERIAL], key[SSHC_MAX_KEY_MATERIAL], mkey[SSHC_MAX_KEY_MATERIAL];
    int r = derive(s, iv_l, iv, cipher->iv_len);
    if (r == SSHC_OK) {
        r = derive(s, key_l, key, cipher->key_len);
    }
    if (r == SSHC_OK) {
        r = sshc_cipher_new(cipher, encrypt, key, iv, &d->cipher_ctx);
    }
    if (r == SSHC_OK && mac != NULL) {
        r = derive(s, mac_l, mkey, mac->key_len);
        if (r == SSHC_OK) {
            r = sshc_mac_new(mac, mkey, &d->mac_ctx);
        }
    }
    sshc_wipe(iv, sizeof(iv));
    sshc_wipe(key, sizeof(key));
    sshc_wipe(mkey, sizeof(mkey));
    if (r != SSHC_OK) {
        return r;
    }
    d->cipher = cipher;
    d->mac = mac;
    d->block = cipher->block_size > 8 ? cipher->block_size : 8;
    d->trailer = cipher->tag_len > 0 ? cipher->tag_len : mac->mac_len;
    d->aad = cipher->tag_len > 0 || mac->etm;
    return SSHC_OK;
}

int sshc_keys_derive(sshc_session *s)
{
    struct sshc_kex *k = &s->kex;
    bool client = s->role == SSHC_ROLE_CLIENT;
    /* dir 0 is client to server (A, C, E), dir 1 server to client (B, D, F). */
    int r = make_dir(s, client ? &k->next_tx : &k->next_rx, 0, client, 'A', 'C', 'E');
    if (r == SSHC_OK) {
        r = make_dir(s, client ? &k->next_rx : &k->next_tx, 1, !client, 'B', 'D', 'F');
    }
    /* K is not needed any more. */
    sshc_bld_clear(&k->shared);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "deriving session keys failed");
    }
    return SSHC_OK;
}
