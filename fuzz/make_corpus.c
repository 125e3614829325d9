/*
 * Seeds the fuzz corpora from real traffic between a client session and a
 * server session in memory (the packet trace hook records every plaintext
 * payload): fuzz/make_corpus <corpus-dir>. Recorded traffic from OpenSSH
 * peers is added by tests/interop with SSHC_TRACE_CORPUS (see README).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pair.h"
#include "crypto/key.h"
#include "transport/kex.h"
#include "transport/session.h"

struct rec {
    uint8_t buf[1 << 20];
    size_t len;
    int n;
};

static struct rec to_server, to_client; /* payloads, as uint16 length + bytes */

static void record(void *ctx, bool outbound, const uint8_t *p, size_t n)
{
    struct rec *r = outbound ? (struct rec *)ctx : NULL;
    if (r == NULL || n > 65535 || r->len + 2 + n > sizeof(r->buf)) {
        return;
    }
    r->buf[r->len++] = (uint8_t)(n >> 8);
    r->buf[r->len++] = (uint8_t)n;
    memcpy(r->buf + r->len, p, n);
    r->len += n;
    r->n++;
}

static void write_file(const char *dir, const char *target, const char *name, const void *p,
                       size_t n)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, target);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(p, 1, n, f);
        fclose(f);
    }
}

/* kex_method seeds: each method's real messages, as the other side would receive them. */
struct kex_rec {
    uint8_t buf[1 << 16];
    size_t len;
};

static void record_kex(void *ctx, bool outbound, const uint8_t *p, size_t n)
{
    struct kex_rec *r = ctx;
    if (!outbound || n < 1 || p[0] < 30 || p[0] > 49 || r->len + 2 + n > sizeof(r->buf)) {
        return;
    }
    r->buf[r->len++] = (uint8_t)(n >> 8);
    r->buf[r->len++] = (uint8_t)n;
    memcpy(r->buf + r->len, p, n);
    r->len += n;
}

static void kex_seeds(const char *dir)
{
    for (size_t i = 0; sshc_kex_at(i) != NULL; i++) {
        static struct kex_rec from_client, from_server;
        from_client.buf[0] = (uint8_t)(0x80 | i); /* into the server */
        from_server.buf[0] = (uint8_t)i;          /* into the client */
        from_client.len = from_server.len = 1;
        struct pair p;
        if (pair_init(&p, sshc_kex_at(i)->name, NULL, NULL, 3) != SSHC_OK) {
            pair_free(&p);
            continue;
        }
        sshc_config_set_kex_algorithms(p.scfg, sshc_kex_at(i)->name);
        sshc_config_set_trace(p.ccfg, record_kex, &from_client);
        sshc_config_set_trace(p.scfg, record_kex, &from_server);
        sshc_session_free(p.c);
        sshc_session_free(p.s);
        p.c = sshc_session_new(p.ccfg);
        p.s = sshc_session_new(p.scfg);
        pair_connect(&p);
        char name[96];
        snprintf(name, sizeof(name), "%s-to-server", sshc_kex_at(i)->name);
        write_file(dir, "kex_method", name, from_client.buf, from_client.len);
        snprintf(name, sizeof(name), "%s-to-client", sshc_kex_at(i)->name);
        write_file(dir, "kex_method", name, from_server.buf, from_server.len);
        pair_free(&p);
    }
}

/* Seeds for the key, signature and key-list parsers, from a fresh key. */
/* Blobs, signatures and files of the other key types. */
static void more_key_seeds(const char *dir)
{
    static const struct {
        enum sshc_key_type type;
        unsigned bits;
        const char *name, *alg;
        uint8_t mode; /* sig_fuzz selector: the row of key_kinds.h */
    } kinds[] = {
        {SSHC_KEY_RSA, 1024, "rsa", "rsa-sha2-512", 4},
        {SSHC_KEY_ECDSA_P256, 256, "ecdsa256", "ecdsa-sha2-nistp256", 1},
        {SSHC_KEY_ECDSA_P521, 521, "ecdsa521", "ecdsa-sha2-nistp521", 3},
    };
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        sshc_key *k = NULL;
        if (sshc_key_generate_bits(kinds[i].type, kinds[i].bits, &k) != SSHC_OK) {
            continue;
        }
        char name[64];
        sshc_bld b;
        sshc_bld_init(&b, 1 << 16);
        sshc_key_public_blob(k, &b);
        snprintf(name, sizeof(name), "%s_blob", kinds[i].name);
        write_file(dir, "pubkey", name, b.buf, b.len);
        sshc_bld_reset(&b);
        static const uint8_t msg[] = "exchange hash";
        sshc_bld_u8(&b, kinds[i].mode); /* sig_fuzz: the key/algorithm selector */
        sshc_key_sign(k, kinds[i].alg, msg, sizeof(msg), &b);
        snprintf(name, sizeof(name), "%s_sig", kinds[i].name);
        write_file(dir, "sig", name, b.buf, b.len);
        sshc_bld_clear(&b);
        char *priv = NULL;
        sshc_key_format_private_file(k, "seed", &priv);
        if (priv != NULL) {
            snprintf(name, sizeof(name), "%s_plain", kinds[i].name);
            write_file(dir, "keyfile", name, priv, strlen(priv));
            free(priv);
        }
        /* Protected with one kdf round: the parser reaches the kdf options and stops. */
        priv = NULL;
        sshc_key_format_private_file_pass(k, "seed", "pw", 1, &priv);
        if (priv != NULL) {
            snprintf(name, sizeof(name), "%s_protected", kinds[i].name);
            write_file(dir, "keyfile", name, priv, strlen(priv));
            free(priv);
        }
        sshc_key_free(k);
    }
    static const char pem[] = "-----BEGIN PRIVATE KEY-----\n"
                              "MC4CAQAwBQYDK2VwBCIEIHVvbdLB54x+yvvlBaTbVlRoR6+JkV5wSX0d2YSrp5Bm\n"
                              "-----END PRIVATE KEY-----\n";
    write_file(dir, "keyfile", "pkcs8_ed25519", pem, sizeof(pem) - 1);
}

static void key_seeds(const char *dir)
{
    more_key_seeds(dir);
    sshc_key *k = NULL;
    if (sshc_key_generate(SSHC_KEY_ED25519, &k) != SSHC_OK) {
        return;
    }
    sshc_bld b;
    sshc_bld_init(&b, 1 << 16);
    sshc_key_public_blob(k, &b);
    write_file(dir, "pubkey", "ed25519_blob", b.buf, b.len);
    sshc_bld_reset(&b);
    static const uint8_t msg[] = "exchange hash";
    sshc_bld_u8(&b, 0); /* sig_fuzz: ed25519 */
    sshc_key_sign(k, "ssh-ed25519", msg, sizeof(msg), &b);
    write_file(dir, "sig", "ed25519_sig", b.buf, b.len);
    sshc_bld_clear(&b);
    char *priv = NULL, *pub = NULL;
    sshc_key_format_private_file(k, "seed@corpus", &priv);
    sshc_key_format_public_line(k, "seed@corpus", &pub);
    if (priv != NULL && pub != NULL) {
        write_file(dir, "keyfile", "ed25519_plain", priv, strlen(priv));
        write_file(dir, "pubkey", "ed25519_line", pub, strlen(pub));
        char text[4096];
        int n = snprintf(text, sizeof(text),
                         "# comment\nexample.com,10.0.0.1 %s\n[127.0.0.1]:2222 %s\n"
                         "@revoked *.example.org %s\n!bad.example.com,*.example.com %s\n"
                         "|1|c2FsdHNhbHRzYWx0c2FsdHNhbHQ=|aGFzaGhhc2hoYXNoaGFzaGhhc2g= %s\n",
                         pub, pub, pub, pub, pub);
        write_file(dir, "known_hosts", "lines", text, (size_t)n);
        n = snprintf(text, sizeof(text),
                     "%s\ncommand=\"echo a, b\",no-pty %s\nfrom=\"10.0.0.0/8\" %s\n", pub, pub,
                     pub);
        write_file(dir, "authorized_keys", "lines", text, (size_t)n);
    }
    free(priv);
    free(pub);
    sshc_key_free(k);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_corpus <corpus-dir>\n");
        return 2;
    }
    const char *dir = argv[1];
    mkdir(dir, 0755);
    struct pair p;
    if (pair_init(&p, NULL, NULL, NULL, 1) != SSHC_OK || pair_connect(&p) != SSHC_OK) {
        fprintf(stderr, "pair failed\n");
        return 1;
    }
    /* From here on record what each side sends: auth is done, channels follow. */
    sshc_config_set_trace(p.ccfg, record, &to_server);
    sshc_config_set_trace(p.scfg, record, &to_client);
    uint32_t ch;
    size_t w;
    sshc_channel_open_session(p.c, &ch);
    pair_pump(&p);
    sshc_channel_exec(p.c, ch, "echo hello");
    pair_pump(&p);
    sshc_channel_write(p.c, ch, 0, (const uint8_t *)"input", 5, &w);
    sshc_channel_send_eof(p.c, ch);
    sshc_channel_write(p.s, ch, 0, (const uint8_t *)"hello\n", 6, &w);
    sshc_channel_write(p.s, ch, 1, (const uint8_t *)"err\n", 4, &w);
    sshc_channel_send_exit_status(p.s, ch, 0);
    sshc_channel_send_eof(p.s, ch);
    sshc_channel_close(p.s, ch);
    pair_pump(&p);
    write_file(dir, "session_server", "exec_session", to_server.buf, to_server.len);
    write_file(dir, "session_client", "exec_session", to_client.buf, to_client.len);
    pair_free(&p);

    /* Plaintext handshake bytes: version lines and the first packets. */
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_CLIENT);
    sshc_session *c = sshc_session_new(cfg);
    const uint8_t *out;
    size_t n;
    sshc_session_output(c, &out, &n);
    write_file(dir, "version", "client_hello", out, n);
    const uint8_t *nl = memchr(out, '\n', n);
    if (nl != NULL) {
        size_t vlen = (size_t)(nl - out) + 1;
        /* packet_read: mode byte 0 (plaintext) + the KEXINIT packet */
        uint8_t *buf = malloc(n - vlen + 1);
        buf[0] = 0;
        memcpy(buf + 1, out + vlen, n - vlen);
        write_file(dir, "packet_read", "plain_kexinit", buf, n - vlen + 1);
        free(buf);
        /* kexinit: the payload after the message number */
        write_file(dir, "kexinit", "ours", out + vlen + 6, sshc_load_u32be(out + vlen) - 1 - out[vlen + 4] - 1);
    }
    static const char openssh[] = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6\r\n";
    write_file(dir, "version", "openssh", openssh, sizeof(openssh) - 1);
    static const char banner[] = "Welcome\r\nto the server\r\nSSH-2.0-dropbear_2022.83\r\n";
    write_file(dir, "version", "banner_lines", banner, sizeof(banner) - 1);
    sshc_session_free(c);
    sshc_config_free(cfg);
    key_seeds(dir);
    kex_seeds(dir);
    printf("corpus written to %s\n", dir);
    return 0;
}
