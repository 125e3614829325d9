/*
 * In-memory client <-> server sessions: every kex x host key x cipher x MAC
 * combination runs an exec round trip; plus auth outcomes, several
 * channels, flow control and a large transfer.
 */
#include <stdlib.h>

#include "key_kinds.h"
#include "pair.h"
#include "crypto/key.h"
#include "transport/kex.h"
#include "crypto/mac.h"
#include "crypto/cipher.h"
#include "transport/session.h"
#include "sshc_test.h"

static const char *const kexes[] = {"curve25519-sha256", "curve25519-sha256@libssh.org"};
static const char *const aead[] = {"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
                                   "aes256-gcm@openssh.com"};
static const char *const ctr[] = {"aes128-ctr", "aes192-ctr", "aes256-ctr"};
static const char *const macs[] = {"hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
                                   "hmac-sha2-256", "hmac-sha2-512"};

/* Open a session channel, exec, have the server answer, check everything. */
static void exec_round_trip(struct pair *p, uint32_t *chan_out)
{
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p->c, &ch));
    pair_pump(p);
    EXPECT_TRUE(p->ch[ch].opened);
    EXPECT_OK(sshc_channel_exec(p->c, ch, "echo hello"));
    pair_pump(p);
    EXPECT_TRUE(p->ch[ch].exec_replied && p->ch[ch].exec_ok);
    EXPECT_STR(p->sch[ch].command, "echo hello");
    size_t w;
    EXPECT_OK(sshc_channel_write(p->c, ch, 0, (const uint8_t *)"input", 5, &w));
    EXPECT_EQ(w, 5);
    EXPECT_OK(sshc_channel_send_eof(p->c, ch));
    /* The server reads its input before it closes: data after our CLOSE is dropped. */
    pair_pump(p);
    EXPECT_OK(sshc_channel_write(p->s, ch, 0, (const uint8_t *)"hello\n", 6, &w));
    EXPECT_EQ(w, 6);
    EXPECT_OK(sshc_channel_write(p->s, ch, 1, (const uint8_t *)"warn\n", 5, &w));
    EXPECT_EQ(w, 5);
    EXPECT_OK(sshc_channel_send_exit_status(p->s, ch, 3));
    EXPECT_OK(sshc_channel_send_eof(p->s, ch));
    EXPECT_OK(sshc_channel_close(p->s, ch));
    pair_pump(p);
    EXPECT_EQ(p->sch[ch].len, 5);
    EXPECT_TRUE(p->sch[ch].eof);
    EXPECT_EQ(p->ch[ch].len[0], 6);
    EXPECT_TRUE(p->ch[ch].len[0] == 6 && memcmp(p->ch[ch].data[0], "hello\n", 6) == 0);
    EXPECT_TRUE(p->ch[ch].len[1] == 5 && memcmp(p->ch[ch].data[1], "warn\n", 5) == 0);
    EXPECT_TRUE(p->ch[ch].has_exit);
    EXPECT_EQ(p->ch[ch].exit_status, 3);
    EXPECT_TRUE(p->ch[ch].eof);
    EXPECT_TRUE(p->ch[ch].closed);
    EXPECT_TRUE(p->sch[ch].closed);
    if (chan_out) {
        *chan_out = ch;
    }
}

static void run_combo(const char *kex, const char *cipher, const char *mac)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, kex, cipher, mac, 42));
    int r = pair_connect(&p);
    if (r != SSHC_OK) {
        SSHC_TEST_FAIL("%s/%s/%s: connect failed: %s / %s", kex, cipher, mac ? mac : "-",
                       sshc_session_error_detail(p.c), sshc_session_error_detail(p.s));
        pair_free(&p);
        return;
    }
    EXPECT_STR(sshc_session_get_algorithm(p.c, "kex"), kex);
    EXPECT_STR(sshc_session_get_algorithm(p.s, "cipher_ctos"), cipher);
    EXPECT_STR(sshc_session_get_algorithm(p.c, "hostkey"), "ssh-ed25519");
    if (mac != NULL) {
        EXPECT_STR(sshc_session_get_algorithm(p.s, "mac_stoc"), mac);
    }
    exec_round_trip(&p, NULL);
    EXPECT_TRUE(!sshc_session_is_closed(p.c) && !sshc_session_is_closed(p.s));
    pair_free(&p);
}

TEST(every_algorithm_combination)
{
    for (size_t k = 0; k < 2; k++) {
        for (size_t c = 0; c < 3; c++) {
            run_combo(kexes[k], aead[c], NULL);
        }
        for (size_t c = 0; c < 3; c++) {
            for (size_t m = 0; m < 4; m++) {
                run_combo(kexes[k], ctr[c], macs[m]);
            }
        }
    }
}

/* Every kex method in the table (legacy ones enabled by naming them), with a rekey. */
TEST(every_kex_method)
{
    for (size_t i = 0; sshc_kex_at(i) != NULL; i++) {
        const char *kex = sshc_kex_at(i)->name;
        struct pair p;
        EXPECT_OK(pair_init(&p, kex, "aes128-gcm@openssh.com", NULL, 50 + i));
        EXPECT_OK(sshc_config_set_kex_algorithms(p.scfg, kex));
        sshc_session_free(p.s);
        p.s = sshc_session_new(p.scfg);
        if (pair_connect(&p) != SSHC_OK) {
            SSHC_TEST_FAIL("%s: %s / %s", kex, sshc_session_error_detail(p.c),
                           sshc_session_error_detail(p.s));
            pair_free(&p);
            continue;
        }
        EXPECT_STR(sshc_session_get_algorithm(p.c, "kex"), kex);
        EXPECT_OK(sshc_session_rekey(p.c));
        pair_pump(&p);
        EXPECT_EQ(sshc_session_kex_count(p.s), 2);
        exec_round_trip(&p, NULL);
        pair_free(&p);
    }
}

/* Every cipher row with every MAC row (AEAD ones without), compression on every other one. */
TEST(every_cipher_and_mac)
{
    size_t n = 0;
    for (size_t c = 0; sshc_cipher_at(c) != NULL; c++) {
        const sshc_cipher_alg *cipher = sshc_cipher_at(c);
        for (size_t m = 0; cipher->tag_len > 0 ? m < 1 : sshc_mac_at(m) != NULL; m++) {
            const char *mac = cipher->tag_len > 0 ? NULL : sshc_mac_at(m)->name;
            struct pair p;
            EXPECT_OK(pair_init(&p, NULL, cipher->name, mac, 80 + n));
            /* The server offers the legacy rows too (the client names just one). */
            EXPECT_OK(sshc_config_set_ciphers(p.scfg, "+aes128-cbc,aes192-cbc,aes256-cbc,3des-cbc"));
            const char *comp = n++ % 2 ? "zlib@openssh.com" : "none";
            EXPECT_OK(pair_set_compression(&p, comp, "none,zlib@openssh.com"));
            if (pair_connect(&p) != SSHC_OK) {
                SSHC_TEST_FAIL("%s/%s: %s / %s", cipher->name, mac ? mac : "-",
                               sshc_session_error_detail(p.c), sshc_session_error_detail(p.s));
                pair_free(&p);
                continue;
            }
            EXPECT_STR(sshc_session_get_algorithm(p.s, "cipher_stoc"), cipher->name);
            EXPECT_STR(sshc_session_get_algorithm(p.c, "comp_stoc"), comp);
            exec_round_trip(&p, NULL);
            pair_free(&p);
        }
    }
}

/* Every host key algorithm, with a user key of the same type. */
TEST(every_host_key_and_user_key_type)
{
    for (size_t i = 0; i < KEY_KINDS; i++) {
        struct pair p;
        EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 60 + i));
        sshc_key *host = NULL, *user = NULL;
        EXPECT_OK(sshc_key_generate_bits(key_kinds[i].type, key_kinds[i].bits, &user));
        if (key_kinds[i].type == SSHC_KEY_ED25519) {
            EXPECT_OK(sshc_key_dup(p.hostkey, &host)); /* the pair's own host key */
        } else {
            EXPECT_OK(sshc_key_generate_bits(key_kinds[i].type, key_kinds[i].bits, &host));
            EXPECT_OK(sshc_config_add_host_key(p.scfg, host));
        }
        /* Only this algorithm on both sides (ssh-rsa is legacy: named to enable it). */
        EXPECT_OK(sshc_config_set_hostkey_algorithms(p.ccfg, key_kinds[i].alg));
        EXPECT_OK(sshc_config_set_hostkey_algorithms(p.scfg, key_kinds[i].alg));
        EXPECT_OK(sshc_config_set_pubkey_algorithms(p.ccfg, key_kinds[i].alg));
        EXPECT_OK(sshc_config_set_pubkey_algorithms(p.scfg, key_kinds[i].alg));
        sshc_key_free(p.hostkey);
        sshc_key_free(p.userkey);
        p.hostkey = host;
        p.userkey = user;
        EXPECT_OK(pair_set_compression(&p, "none", "none"));
        if (pair_connect(&p) != SSHC_OK) {
            SSHC_TEST_FAIL("%s: %s / %s", key_kinds[i].alg, sshc_session_error_detail(p.c),
                           sshc_session_error_detail(p.s));
            pair_free(&p);
            continue;
        }
        EXPECT_STR(sshc_session_get_algorithm(p.c, "hostkey"), key_kinds[i].alg);
        EXPECT_TRUE(p.server_authed);
        exec_round_trip(&p, NULL);
        pair_free(&p);
    }
}

/*
 * The full matrix: every kex x host key algorithm x cipher x MAC, with
 * compression off and on, each with a round trip. Sanitizer builds (ten
 * times slower) walk the MACs in rotation instead of crossing them; the
 * plain build in the same CI run crosses everything.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED_BUILD true
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED_BUILD true
#endif
#endif
#ifndef SANITIZED_BUILD
#define SANITIZED_BUILD false
#endif

TEST(full_algorithm_matrix)
{
    sshc_key *keys[KEY_KINDS] = {0};
    for (size_t h = 0; h < KEY_KINDS; h++) {
        EXPECT_OK(sshc_key_generate_bits(key_kinds[h].type, key_kinds[h].bits, &keys[h]));
    }
    size_t runs = 0, failures = 0, rotation = 0;
    for (size_t k = 0; sshc_kex_at(k) != NULL; k++) {
        for (size_t h = 0; h < KEY_KINDS; h++) {
            for (size_t c = 0; sshc_cipher_at(c) != NULL; c++) {
                const sshc_cipher_alg *cipher = sshc_cipher_at(c);
                for (size_t m = 0; cipher->tag_len > 0 ? m < 1 : sshc_mac_at(m) != NULL; m++) {
                    const char *mac = NULL;
                    if (cipher->tag_len == 0 && SANITIZED_BUILD) {
                        if (m > 0) {
                            break;
                        }
                        mac = sshc_mac_at(rotation++ % 10)->name;
                    } else if (cipher->tag_len == 0) {
                        mac = sshc_mac_at(m)->name;
                    }
                    for (int comp = 0; comp < 2; comp++) {
                        struct pair p;
                        const char *kex = sshc_kex_at(k)->name;
                        EXPECT_OK(pair_init(&p, kex, cipher->name, mac, runs + 1000));
                        sshc_config_set_kex_algorithms(p.scfg, kex);
                        sshc_config_set_ciphers(p.scfg, cipher->name);
                        if (mac != NULL) {
                            sshc_config_set_macs(p.scfg, mac);
                        }
                        sshc_config_set_hostkey_algorithms(p.ccfg, key_kinds[h].alg);
                        sshc_config_set_hostkey_algorithms(p.scfg, key_kinds[h].alg);
                        if (key_kinds[h].type != SSHC_KEY_ED25519) {
                            /* ed25519: the pair's own host key is already the first. */
                            sshc_config_add_host_key(p.scfg, keys[h]);
                            sshc_key_free(p.hostkey);
                            sshc_key_dup(keys[h], &p.hostkey);
                        }
                        const char *zl = comp ? "zlib" : "none";
                        pair_set_compression(&p, zl, zl);
                        runs++;
                        bool ok = pair_connect(&p) == SSHC_OK &&
                                  strcmp(sshc_session_get_algorithm(p.c, "hostkey"), key_kinds[h].alg) == 0;
                        if (ok) {
                            uint32_t ch;
                            ok = sshc_channel_open_session(p.c, &ch) == SSHC_OK;
                            pair_pump(&p);
                            ok = ok && p.ch[ch].opened;
                        }
                        if (!ok) {
                            failures++;
                            SSHC_TEST_FAIL("%s / %s / %s / %s / %s: %s | %s", kex, key_kinds[h].alg,
                                           cipher->name, mac ? mac : "-", zl,
                                           sshc_session_error_detail(p.c),
                                           sshc_session_error_detail(p.s));
                        }
                        pair_free(&p);
                    }
                }
            }
        }
    }
    fprintf(stderr, "  matrix: %zu handshakes, %zu failed\n", runs, failures);
    for (size_t h = 0; h < KEY_KINDS; h++) {
        sshc_key_free(keys[h]);
    }
}

/* PubkeyAcceptedAlgorithms on each side. */
TEST(pubkey_accepted_algorithms)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 70));
    /* The server accepts only ECDSA: an ed25519 user key is refused. */
    EXPECT_OK(sshc_config_set_pubkey_algorithms(p.scfg, "ecdsa-sha2-nistp256"));
    EXPECT_OK(pair_set_compression(&p, "none", "none"));
    EXPECT_ERR(pair_connect(&p), SSHC_E_AUTH_DENIED);
    EXPECT_TRUE(!p.server_authed);
    pair_free(&p);
    /* The client will not use an algorithm it does not accept. */
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 71));
    EXPECT_OK(sshc_config_set_pubkey_algorithms(p.ccfg, "rsa-sha2-512"));
    EXPECT_OK(pair_set_compression(&p, "none", "none"));
    pair_pump(&p);
    EXPECT_TRUE(p.ready);
    EXPECT_ERR(sshc_auth_publickey(p.c, "tester", p.userkey), SSHC_E_UNSUPPORTED);
    pair_free(&p);
}

TEST(password_auth)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 1));
    p.password = "correct horse";
    pair_pump(&p);
    EXPECT_TRUE(p.ready);
    EXPECT_OK(sshc_auth_none(p.c, "alice"));
    pair_pump(&p);
    EXPECT_TRUE(p.auth_done && !p.auth_ok);
    EXPECT_STR(p.auth_methods, "publickey,password");
    EXPECT_OK(sshc_auth_password(p.c, "alice", "wrong"));
    pair_pump(&p);
    EXPECT_TRUE(!p.auth_ok);
    EXPECT_OK(sshc_auth_password(p.c, "alice", "correct horse"));
    pair_pump(&p);
    EXPECT_TRUE(p.auth_ok && p.server_authed);
    EXPECT_TRUE(sshc_session_is_authenticated(p.c) && sshc_session_is_authenticated(p.s));
    pair_free(&p);
}

TEST(publickey_denied_then_too_many_failures)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 2));
    p.allow_pubkey = false;
    EXPECT_ERR(pair_connect(&p), SSHC_E_AUTH_DENIED);
    EXPECT_EQ(p.auth_results, 1);
    for (int i = 0; i < 10 && !sshc_session_is_closed(p.c); i++) {
        sshc_auth_password(p.c, "tester", "nope");
        pair_pump(&p);
    }
    /* MaxAuthTries (6): the server disconnects with NO_MORE_AUTH_METHODS_AVAILABLE. */
    EXPECT_TRUE(sshc_session_is_closed(p.s));
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_AUTH_TRIES);
    EXPECT_TRUE(p.disconnected_c);
    EXPECT_EQ(p.disconnect_reason_c, SSHC_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE);
    pair_free(&p);
}

TEST(hostkey_denied_ends_session_before_credentials)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 3));
    /* Swap the expected host key: the client must refuse. */
    sshc_key *other;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &other));
    sshc_key_free(p.hostkey);
    p.hostkey = other;
    pair_pump(&p);
    EXPECT_TRUE(p.hostkey_seen);
    EXPECT_TRUE(!p.ready);
    EXPECT_ERR(sshc_session_error(p.c), SSHC_E_HOSTKEY_REJECTED);
    EXPECT_TRUE(p.disconnected_s);
    EXPECT_EQ(p.disconnect_reason_s, SSHC_DISCONNECT_HOST_KEY_NOT_VERIFIABLE);
    EXPECT_ERR(sshc_auth_none(p.c, "x"), SSHC_E_HOSTKEY_REJECTED);
    pair_free(&p);
}

TEST(no_common_cipher_names_both_lists)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, "aes128-ctr", NULL, 4));
    sshc_config_set_ciphers(p.scfg, "aes256-gcm@openssh.com");
    /* the server session was made before; make it again with the new list */
    sshc_session_free(p.s);
    p.s = sshc_session_new(p.scfg);
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.c), SSHC_E_NO_ALG_MATCH);
    EXPECT_TRUE(strstr(sshc_session_error_detail(p.c), "aes128-ctr") != NULL);
    EXPECT_TRUE(strstr(sshc_session_error_detail(p.c), "aes256-gcm@openssh.com") != NULL);
    /* Both sides negotiate the same lists, so both fail on their own (each then
     * sends DISCONNECT KEY_EXCHANGE_FAILED; packet_read_test checks the reason). */
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_NO_ALG_MATCH);
    EXPECT_TRUE(sshc_session_is_closed(p.s) && sshc_session_is_closed(p.c));
    pair_free(&p);
}

TEST(several_channels_at_once)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 5));
    EXPECT_OK(pair_connect(&p));
    uint32_t ids[4];
    for (int i = 0; i < 4; i++) {
        EXPECT_OK(sshc_channel_open_session(p.c, &ids[i]));
    }
    pair_pump(&p);
    for (int i = 0; i < 4; i++) {
        EXPECT_TRUE(p.ch[ids[i]].opened);
        char cmd[32];
        snprintf(cmd, sizeof(cmd), "job %d", i);
        EXPECT_OK(sshc_channel_exec(p.c, ids[i], cmd));
    }
    pair_pump(&p);
    for (int i = 3; i >= 0; i--) {
        char out[16];
        size_t w;
        int n = snprintf(out, sizeof(out), "out %d", i);
        EXPECT_OK(sshc_channel_write(p.s, ids[i], 0, (uint8_t *)out, (size_t)n, &w));
        EXPECT_OK(sshc_channel_send_exit_status(p.s, ids[i], (uint32_t)i));
        EXPECT_OK(sshc_channel_close(p.s, ids[i]));
    }
    pair_pump(&p);
    for (int i = 0; i < 4; i++) {
        char want[32];
        snprintf(want, sizeof(want), "job %d", i);
        EXPECT_STR(p.sch[ids[i]].command, want);
        EXPECT_TRUE(p.ch[ids[i]].closed && p.ch[ids[i]].has_exit);
        EXPECT_EQ(p.ch[ids[i]].exit_status, i);
        EXPECT_EQ(p.ch[ids[i]].len[0], 5);
    }
    pair_free(&p);
}

TEST(slow_reader_stops_the_writer)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 6));
    EXPECT_OK(pair_connect(&p));
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    EXPECT_OK(sshc_channel_exec(p.c, ch, "yes"));
    pair_pump(&p);
    p.ch[ch].hold = true; /* the client application reads nothing */
    static uint8_t chunk[65536];
    size_t total = 0, w;
    for (int i = 0; i < 200; i++) {
        EXPECT_OK(sshc_channel_write(p.s, ch, 0, chunk, sizeof(chunk), &w));
        total += w;
        pair_pump(&p);
    }
    /* The server could send exactly one window (2 MiB) and no more. */
    EXPECT_EQ(total, 2 * 1024 * 1024);
    EXPECT_EQ(sshc_channel_send_window(p.s, ch), 0);
    EXPECT_EQ(p.ch[ch].len[0], 2 * 1024 * 1024);
    /* Reading reopens the window. */
    p.ch[ch].hold = false;
    EXPECT_OK(sshc_channel_consume(p.c, ch, p.ch[ch].len[0]));
    pair_pump(&p);
    EXPECT_TRUE(sshc_channel_send_window(p.s, ch) > 0);
    EXPECT_OK(sshc_channel_write(p.s, ch, 0, chunk, sizeof(chunk), &w));
    EXPECT_EQ(w, sizeof(chunk));
    pair_free(&p);
}

static void transfer(const char *cipher, const char *mac, size_t size)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, cipher, mac, 7));
    EXPECT_OK(pair_connect(&p));
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    EXPECT_OK(sshc_channel_exec(p.c, ch, "cat"));
    pair_pump(&p);
    uint8_t *blob = malloc(size);
    struct sshc_det_rng g = {99};
    sshc_det_rng(&g, blob, size);
    size_t up = 0, down = 0, w;
    while ((up < size || down < size) && !sshc_session_is_closed(p.c)) {
        if (up < size) {
            EXPECT_OK(sshc_channel_write(p.c, ch, 0, blob + up, size - up, &w));
            up += w;
        }
        if (down < size) {
            EXPECT_OK(sshc_channel_write(p.s, ch, 0, blob + down, size - down, &w));
            down += w;
        }
        pair_pump(&p);
    }
    EXPECT_EQ(p.sch[ch].len, size);
    EXPECT_EQ(p.ch[ch].len[0], size);
    EXPECT_TRUE(p.sch[ch].len == size && memcmp(p.sch[ch].data, blob, size) == 0);
    EXPECT_TRUE(p.ch[ch].len[0] == size && memcmp(p.ch[ch].data[0], blob, size) == 0);
    free(blob);
    pair_free(&p);
}

/* Re-key in the middle of a transfer, started by either side or by a volume limit. */
static void transfer_with_rekey(int who, const char *comp)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, who == 2 ? "curve25519-sha256" : NULL, NULL, NULL, 8));
    if (who == 2) {
        sshc_config_set_rekey_limit(p.ccfg, 1u << 20, 0);
    }
    if (comp != NULL) {
        EXPECT_OK(pair_set_compression(&p, comp, comp));
    }
    EXPECT_OK(pair_connect(&p));
    EXPECT_STR(sshc_session_get_algorithm(p.c, "comp_ctos"), comp ? comp : "none");
    EXPECT_STR(sshc_session_get_algorithm(p.s, "comp_stoc"), comp ? comp : "none");
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    EXPECT_OK(sshc_channel_exec(p.c, ch, "cat"));
    pair_pump(&p);
    size_t size = 8u << 20;
    uint8_t *blob = malloc(size);
    struct sshc_det_rng g = {5};
    sshc_det_rng(&g, blob, size);
    if (comp != NULL) {
        /* Half compressible text, half random: both paths of the deflate stream. */
        for (size_t i = 0; i < size / 2; i++) {
            blob[i] = (uint8_t)"the quick brown fox jumps over the lazy dog\n"[i % 44];
        }
    }
    size_t up = 0, down = 0, w;
    bool rekeyed = false;
    while ((up < size || down < size) && !sshc_session_is_closed(p.c)) {
        if (!rekeyed && up > size / 2 && who < 2) {
            EXPECT_OK(sshc_session_rekey(who == 0 ? p.c : p.s));
            rekeyed = true;
        }
        if (up < size) {
            EXPECT_OK(sshc_channel_write(p.c, ch, 0, blob + up, size - up, &w));
            up += w;
        }
        if (down < size) {
            EXPECT_OK(sshc_channel_write(p.s, ch, 0, blob + down, size - down, &w));
            down += w;
        }
        pair_pump(&p);
    }
    EXPECT_TRUE(p.sch[ch].len == size && memcmp(p.sch[ch].data, blob, size) == 0);
    EXPECT_TRUE(p.ch[ch].len[0] == size && memcmp(p.ch[ch].data[0], blob, size) == 0);
    unsigned n_kex = sshc_session_kex_count(p.c);
    /* By volume: wire bytes count, and compression halves them here. */
    EXPECT_TRUE(who == 2 ? n_kex >= (comp ? 4u : 8u) : n_kex == 2);
    EXPECT_EQ(sshc_session_kex_count(p.s), n_kex);
    EXPECT_TRUE(!sshc_session_is_closed(p.c) && !sshc_session_is_closed(p.s));
    free(blob);
    pair_free(&p);
}

TEST(rekey_during_transfer)
{
    transfer_with_rekey(0, NULL); /* client starts it */
    transfer_with_rekey(1, NULL); /* server starts it */
    transfer_with_rekey(2, NULL); /* every MiB, by volume */
}

/* RFC 4344 §3.2: 3des-cbc's 64-bit blocks force a re-key every 2^16 blocks (512 KiB). */
TEST(rekey_at_the_block_limit_of_64_bit_ciphers)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, "3des-cbc", "hmac-sha2-256", 24));
    EXPECT_OK(sshc_config_set_ciphers(p.scfg, "+3des-cbc"));
    sshc_session_free(p.s);
    p.s = sshc_session_new(p.scfg);
    EXPECT_OK(pair_connect(&p));
    uint32_t ch;
    EXPECT_OK(sshc_channel_open_session(p.c, &ch));
    pair_pump(&p);
    size_t size = 4u << 20, up = 0, w;
    uint8_t *blob = calloc(1, size);
    while (up < size && !sshc_session_is_closed(p.c)) {
        EXPECT_OK(sshc_channel_write(p.c, ch, 0, blob + up, size - up, &w));
        up += w;
        pair_pump(&p);
    }
    EXPECT_EQ(p.sch[ch].len, size);
    /* 4 MiB of data is 8 limits' worth: at least 7 re-keys on top of the first exchange. */
    EXPECT_TRUE(sshc_session_kex_count(p.c) >= 8);
    free(blob);
    pair_free(&p);
}

TEST(compression_with_rekey)
{
    transfer_with_rekey(0, "zlib");             /* from the first NEWKEYS */
    transfer_with_rekey(1, "zlib@openssh.com"); /* from USERAUTH_SUCCESS */
    transfer_with_rekey(2, "zlib@openssh.com");
}

TEST(compression_negotiation)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 21));
    /* ssh's "yes" list against sshd's: delayed zlib wins. */
    EXPECT_OK(pair_set_compression(&p, "zlib@openssh.com,zlib,none", "none,zlib@openssh.com"));
    EXPECT_OK(pair_connect(&p));
    EXPECT_STR(sshc_session_get_algorithm(p.c, "comp_ctos"), "zlib@openssh.com");
    exec_round_trip(&p, NULL);
    pair_free(&p);
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 22));
    EXPECT_OK(pair_set_compression(&p, "zlib", "none"));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.c), SSHC_E_NO_ALG_MATCH);
    EXPECT_TRUE(strstr(sshc_session_error_detail(p.c), "compression") != NULL);
    pair_free(&p);
}

TEST(compression_bomb_is_refused)
{
    struct pair p;
    EXPECT_OK(pair_init(&p, NULL, NULL, NULL, 23));
    /* The client may send 1 MiB packets; the server accepts 256 KiB (the default). */
    EXPECT_OK(sshc_config_set_max_packet(p.ccfg, 1u << 20));
    EXPECT_OK(pair_set_compression(&p, "zlib", "zlib"));
    EXPECT_OK(pair_connect(&p));
    size_t n = 900 * 1024;
    uint8_t *ignore = calloc(1, n); /* IGNORE with a string of zeros: deflates to ~1 KiB */
    ignore[0] = 2;
    ignore[1] = (uint8_t)((n - 5) >> 24);
    ignore[2] = (uint8_t)((n - 5) >> 16);
    ignore[3] = (uint8_t)((n - 5) >> 8);
    ignore[4] = (uint8_t)(n - 5);
    EXPECT_OK(sshc_packet_send(p.c, ignore, n));
    pair_pump(&p);
    EXPECT_ERR(sshc_session_error(p.s), SSHC_E_PACKET_TOO_LARGE);
    EXPECT_TRUE(p.disconnected_c);
    free(ignore);
    pair_free(&p);
}

TEST(large_transfer_both_ways)
{
    transfer("chacha20-poly1305@openssh.com", NULL, 16u << 20);
    transfer("aes128-gcm@openssh.com", NULL, 16u << 20);
    transfer("aes128-ctr", "hmac-sha2-256", 4u << 20);
    transfer("aes256-ctr", "hmac-sha2-512-etm@openssh.com", 4u << 20);
}

RUN_TESTS()
