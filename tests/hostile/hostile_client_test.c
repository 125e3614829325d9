/*
 * Hostile-server tests against the client binary build/tools/sshc.
 *
 * The program listens on 127.0.0.1 port 0 and, for each case, runs
 *   $SSHC -p PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
 *         -o BatchMode=yes -o ConnectTimeout=5 x@127.0.0.1 true
 * with stderr captured to a temp file, accepts its connection and plays a
 * hostile script: plaintext packets framed by hand (RFC 4253 §6, block 8,
 * >= 4 bytes of padding, no MAC). Every read is bounded by poll().
 *
 * For every case sshc must exit with status 255 (not by a signal, and on
 * its own within 10 s: otherwise it is killed and the case FAILS), and its
 * stderr must hold exactly one line starting "sshc:" that names the
 * problem. Where sshc should send a DISCONNECT, its reason code is checked.
 *
 *  1. identification: nothing then close; "SSH-1.5-x"; 300 bytes without
 *     CR LF; 2,000 banner lines of 100 bytes then silence; a NUL in the
 *     version line.
 *  2. framing after a good version: packet_length 0, 0x7fffffff, padding 3,
 *     length not a multiple of 8, a truncated packet then close.
 *  3. kex: no common kex -> DISCONNECT 3; after a strict-kex KEXINIT and
 *     sshc's KEX_ECDH_INIT: a reply with Q_S = 32 zero bytes, a 31-byte
 *     Q_S, a garbage host key blob, a garbage ed25519 signature; an IGNORE
 *     during strict kex (Terrapin); NEWKEYS instead of the reply.
 *  4. a server that sends version + KEXINIT and then stalls forever.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "raw_peer.h"
#include "sshc_test.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CLIENT_LIMIT_MS 10000

#define SSH_MSG_DISCONNECT 1
#define SSH_MSG_IGNORE 2
#define SSH_MSG_KEXINIT 20
#define SSH_MSG_NEWKEYS 21
#define SSH_MSG_KEX_ECDH_INIT 30
#define SSH_MSG_KEX_ECDH_REPLY 31

#define R_PROTOCOL_ERROR 2
#define R_KEY_EXCHANGE_FAILED 3
#define R_MAC_ERROR 5
#define R_PROTOCOL_VERSION_NOT_SUPPORTED 8

static int g_listen = -1;
static uint16_t g_port;
static bool g_started;
static const char *g_sshc;

/* The sshc child of the current case. */
struct client {
    pid_t pid;
    int errfd;    /* its stderr (a temp file) */
    int fd;       /* our end of its connection */
    long long t0; /* when it was started */
};

static struct client g_cur = {-1, -1, -1, 0};

/* ---------- time / process helpers ---------- */

static void cleanup(void)
{
    if (g_cur.pid > 0) {
        kill(g_cur.pid, SIGKILL);
        waitpid(g_cur.pid, NULL, 0);
        g_cur.pid = -1;
    }
    if (g_cur.fd >= 0) {
        close(g_cur.fd);
        g_cur.fd = -1;
    }
    if (g_cur.errfd >= 0) {
        close(g_cur.errfd);
        g_cur.errfd = -1;
    }
    if (g_listen >= 0) {
        close(g_listen);
        g_listen = -1;
    }
}

static void die(const char *msg)
{
    fprintf(stderr, "hostile_client: FATAL: %s\n", msg);
    printf("FAIL setup: %s\n", msg);
    cleanup();
    exit(1);
}

static void ensure_setup(void)
{
    if (g_started) {
        return;
    }
    g_started = true;
    signal(SIGPIPE, SIG_IGN);
    atexit(cleanup);
    g_sshc = getenv("SSHC");
    if (g_sshc == NULL || *g_sshc == '\0') {
        die("SSHC is not set (path to build/tools/sshc)");
    }
    if (access(g_sshc, X_OK) != 0) {
        die("SSHC is not an executable file");
    }
    g_listen = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (g_listen < 0) {
        die("socket failed");
    }
    int one = 1;
    setsockopt(g_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = 0;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(g_listen, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(g_listen, 8) != 0) {
        die("bind/listen on 127.0.0.1:0 failed");
    }
    socklen_t sl = sizeof(sa);
    if (getsockname(g_listen, (struct sockaddr *)&sa, &sl) != 0) {
        die("getsockname failed");
    }
    g_port = ntohs(sa.sin_port);
    fprintf(stderr, "hostile_client: listening on 127.0.0.1 port %u, sshc = %s\n", g_port,
            g_sshc);
}

/* ---------- socket helpers ---------- */

/* ---------- packet helpers ---------- */

/* ---------- the sshc child ---------- */

/* Start sshc and accept its connection; false (and a FAIL) when it never connects. */
static bool client_start(const char *name)
{
    ensure_setup();
    struct client *c = &g_cur;
    c->pid = -1;
    c->fd = -1;
    FILE *tf = tmpfile();
    if (tf == NULL) {
        die("tmpfile failed");
    }
    c->errfd = dup(fileno(tf));
    fclose(tf);
    if (c->errfd < 0) {
        die("dup failed");
    }
    char port[16];
    snprintf(port, sizeof(port), "%u", g_port);
    fflush(stdout);
    fflush(stderr);
    c->t0 = now_ms();
    c->pid = fork();
    if (c->pid < 0) {
        die("fork failed");
    }
    if (c->pid == 0) {
        int nul = open("/dev/null", O_RDWR);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 1);
            close(nul);
        }
        dup2(c->errfd, 2);
        close(c->errfd);
        signal(SIGPIPE, SIG_DFL);
        execl(g_sshc, g_sshc, "-p", port, "-o", "StrictHostKeyChecking=no", "-o",
              "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
              "x@127.0.0.1", "true", (char *)NULL);
        fprintf(stderr, "cannot exec %s: %s\n", g_sshc, strerror(errno));
        _exit(127);
    }
    struct pollfd p = {.fd = g_listen, .events = POLLIN};
    int r;
    do {
        r = poll(&p, 1, IO_TIMEOUT_MS);
    } while (r < 0 && errno == EINTR);
    if (r <= 0) {
        SSHC_TEST_FAIL("%s: sshc did not connect within %d ms", name, IO_TIMEOUT_MS);
        return false;
    }
    c->fd = accept4(g_listen, NULL, NULL, SOCK_CLOEXEC);
    if (c->fd < 0) {
        SSHC_TEST_FAIL("%s: accept failed: %s", name, strerror(errno));
        return false;
    }
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return true;
}

/* Our end of the connection: close it now (the script wants sshc to see EOF). */
static void client_close_conn(void)
{
    if (g_cur.fd >= 0) {
        close(g_cur.fd);
        g_cur.fd = -1;
    }
}

static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        if (strncasecmp(p, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * Wait for sshc to exit (at most CLIENT_LIMIT_MS after its start; killed and
 * FAILED otherwise), check status 255 and one "sshc:" stderr line holding one
 * of the '|'-separated words in `words`. Our end stays open until sshc has
 * exited, so sshc must give up by itself. Returns true when sshc was killed.
 */
static bool client_finish(const char *name, const char *words)
{
    struct client *c = &g_cur;
    bool killed = false;
    int st = 0;
    if (c->pid > 0) {
        for (;;) {
            pid_t r = waitpid(c->pid, &st, WNOHANG);
            if (r == c->pid) {
                break;
            }
            if (now_ms() - c->t0 >= CLIENT_LIMIT_MS) {
                kill(c->pid, SIGKILL);
                waitpid(c->pid, &st, 0);
                killed = true;
                break;
            }
            sleep_ms(10);
        }
    }
    long long dt = now_ms() - c->t0;
    c->pid = -1;
    client_close_conn();

    /* Its stderr. */
    static char err[65536];
    ssize_t n = pread(c->errfd, err, sizeof(err) - 1, 0);
    close(c->errfd);
    c->errfd = -1;
    if (n < 0) {
        n = 0;
    }
    err[n] = '\0';
    int nlines = 0;
    char line[512] = "";
    for (char *p = err; *p;) {
        size_t l = strcspn(p, "\n");
        if (strncmp(p, "sshc:", 5) == 0) {
            if (nlines == 0) {
                size_t k = l < sizeof(line) - 1 ? l : sizeof(line) - 1;
                memcpy(line, p, k);
                line[k] = '\0';
            }
            nlines++;
        }
        p += l + (p[l] == '\n');
    }
    /* Make control bytes in the line visible. */
    for (char *p = line; *p; p++) {
        if (!isprint((unsigned char)*p)) {
            *p = '?';
        }
    }

    if (killed) {
        printf("  [%s] sshc: STILL RUNNING after %d ms -> killed\n", name, CLIENT_LIMIT_MS);
        SSHC_TEST_FAIL("%s: sshc did not exit within %d ms (hang); killed", name,
                       CLIENT_LIMIT_MS);
    } else if (WIFSIGNALED(st)) {
        printf("  [%s] sshc: died from signal %d after %lld ms\n", name, WTERMSIG(st), dt);
        SSHC_TEST_FAIL("%s: sshc died from signal %d", name, WTERMSIG(st));
    } else {
        printf("  [%s] sshc: exit %d after %lld ms\n", name, WEXITSTATUS(st), dt);
        if (WEXITSTATUS(st) != 255) {
            SSHC_TEST_FAIL("%s: sshc exit status %d, expected 255", name, WEXITSTATUS(st));
        }
    }
    printf("  [%s] stderr: %s\n", name, nlines ? line : "(no \"sshc:\" line)");
    fflush(stdout);
    if (!killed) {
        if (nlines != 1) {
            SSHC_TEST_FAIL("%s: %d stderr lines start with \"sshc:\", expected 1; stderr:\n%s",
                           name, nlines, err);
        } else if (words != NULL) {
            bool found = false;
            char w[256];
            snprintf(w, sizeof(w), "%s", words);
            for (char *save = NULL, *t = strtok_r(w, "|", &save); t && !found;
                 t = strtok_r(NULL, "|", &save)) {
                found = contains_ci(line, t);
            }
            if (!found) {
                SSHC_TEST_FAIL("%s: stderr line does not name the problem (want one of \"%s\"): "
                               "%s",
                               name, words, line);
            }
        }
    }
    return killed;
}

/* Collect what sshc sends; check a DISCONNECT (want1/want2; 0 = any) if required. */
static void expect_wire(const char *name, bool need_disconnect, uint32_t want1, uint32_t want2)
{
    struct outcome o;
    collect(g_cur.fd, &o, IO_TIMEOUT_MS);
    print_outcome(name, &o);
    if (need_disconnect && !o.disconnect) {
        SSHC_TEST_FAIL("%s: no DISCONNECT from sshc", name);
    }
    if (o.disconnect && want1 != 0 && o.reason != want1 && o.reason != want2) {
        SSHC_TEST_FAIL("%s: DISCONNECT reason %u, expected %u%s%.0u", name, o.reason, want1,
                       want2 ? " or " : "", want2);
    }
    if (!o.closed && !o.timeout) {
        SSHC_TEST_FAIL("%s: sshc sent non-packet bytes", name);
    }
}

/* ---------- the scripts ---------- */

/* Send our version, read sshc's version and its KEXINIT. */
static bool version_exchange(const char *name)
{
    char v[300];
    if (!send_str(g_cur.fd, "SSH-2.0-hostile\r\n") || !read_version(g_cur.fd, v, sizeof(v)) ||
        strncmp(v, "SSH-2.0-", 8) != 0) {
        SSHC_TEST_FAIL("%s: version exchange with sshc failed", name);
        return false;
    }
    static uint8_t payload[35000];
    size_t len = 0;
    int r = read_packet(g_cur.fd, payload, sizeof(payload), &len, now_ms() + IO_TIMEOUT_MS);
    if (r != 1 || len < 1 || payload[0] != SSH_MSG_KEXINIT) {
        SSHC_TEST_FAIL("%s: no plaintext KEXINIT from sshc (r=%d)", name, r);
        return false;
    }
    return true;
}

static void valid_kexinit(struct buf *b, bool strict)
{
    build_kexinit(b,
                  strict ? "curve25519-sha256,kex-strict-s-v00@openssh.com" : "curve25519-sha256",
                  "ssh-ed25519", "aes128-ctr", "hmac-sha2-256", "none");
}

/* Version exchange, good KEXINIT, then wait for sshc's KEX_ECDH_INIT. */
static bool kex_until_ecdh_init(const char *name, bool strict)
{
    if (!version_exchange(name)) {
        return false;
    }
    static struct buf b;
    valid_kexinit(&b, strict);
    if (!send_buf(g_cur.fd, &b)) {
        SSHC_TEST_FAIL("%s: cannot send KEXINIT", name);
        return false;
    }
    static uint8_t payload[35000];
    size_t len = 0;
    int r = read_packet(g_cur.fd, payload, sizeof(payload), &len, now_ms() + IO_TIMEOUT_MS);
    if (r != 1 || len < 1 || payload[0] != SSH_MSG_KEX_ECDH_INIT) {
        SSHC_TEST_FAIL("%s: no KEX_ECDH_INIT from sshc (r=%d, msg %d)", name, r,
                       r == 1 && len > 0 ? payload[0] : -1);
        return false;
    }
    if (len != 1 + 4 + 32 || get_u32(payload + 1) != 32) {
        SSHC_TEST_FAIL("%s: KEX_ECDH_INIT from sshc is not a 32-byte Q_C (len %zu)", name, len);
    }
    return true;
}

static void random_bytes(uint8_t *p, size_t n)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, p, n) != (ssize_t)n) {
        for (size_t i = 0; i < n; i++) {
            p[i] = (uint8_t)(rand() >> 7);
        }
    }
    if (fd >= 0) {
        close(fd);
    }
}

/* The ed25519 base point: a valid public key encoding. */
static const uint8_t ED25519_BASE[32] = {
    0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66};

static void put_ed25519_hostkey(struct buf *b)
{
    static struct buf k;
    k.n = 0;
    put_cstring(&k, "ssh-ed25519");
    put_string(&k, ED25519_BASE, 32);
    put_string(b, k.d, k.n);
}

static void put_zero_signature(struct buf *b)
{
    static struct buf s;
    uint8_t zero[64] = {0};
    s.n = 0;
    put_cstring(&s, "ssh-ed25519");
    put_string(&s, zero, sizeof(zero));
    put_string(b, s.d, s.n);
}

/* ---------- 1. identification ---------- */

/* sshc sends its identification first (RFC 4253 §4.2); read it. */
static bool read_client_version(const char *name)
{
    char v[300];
    if (!read_version(g_cur.fd, v, sizeof(v)) || strncmp(v, "SSH-2.0-", 8) != 0) {
        SSHC_TEST_FAIL("%s: no SSH-2.0- identification from sshc", name);
        return false;
    }
    return true;
}

#define W_VERSION "version|identification|SSH-|protocol"
#define W_CLOSED "closed|EOF|reset|disconnect"

TEST(ident_nothing_then_close)
{
    const char *name = "nothing, close";
    if (client_start(name)) {
        client_close_conn();
    }
    client_finish(name, W_CLOSED "|" W_VERSION);
}

TEST(ident_ssh_1_5)
{
    const char *name = "SSH-1.5-x";
    if (client_start(name) && read_client_version(name)) {
        send_str(g_cur.fd, "SSH-1.5-x\r\n");
        expect_wire(name, false, R_PROTOCOL_VERSION_NOT_SUPPORTED, 0);
    }
    client_finish(name, W_VERSION);
}

TEST(ident_300_bytes_without_crlf)
{
    const char *name = "300 bytes, no CR LF";
    if (client_start(name) && read_client_version(name)) {
        char b[300];
        memset(b, 'A', sizeof(b));
        memcpy(b, "SSH-2.0-", 8);
        send_all(g_cur.fd, b, sizeof(b));
        expect_wire(name, false, R_PROTOCOL_VERSION_NOT_SUPPORTED, R_PROTOCOL_ERROR);
    }
    client_finish(name, W_VERSION "|long");
}

TEST(ident_2000_banner_lines)
{
    const char *name = "2000 banner lines, then silence";
    if (client_start(name) && read_client_version(name)) {
        static struct buf b;
        b.n = 0;
        char l[101];
        for (int i = 0; i < 2000; i++) {
            int k = snprintf(l, sizeof(l), "banner line %05d ", i);
            memset(l + k, 'x', 98 - (size_t)k);
            l[98] = '\r';
            l[99] = '\n';
            put_bytes(&b, l, 100);
        }
        long long t0 = now_ms();
        bool all = send_all(g_cur.fd, b.d, b.n);
        printf("  [%s] %s after %lld ms\n", name,
               all ? "all 200,000 bytes accepted by the socket" : "send stopped (peer closed)",
               now_ms() - t0);
        expect_wire(name, false, 0, 0);
    }
    client_finish(name, W_VERSION "|line|limit|banner");
}

TEST(ident_nul_in_version)
{
    const char *name = "NUL in version";
    if (client_start(name) && read_client_version(name)) {
        static const char line[] = "SSH-2.0-ho\0stile\r\n";
        send_all(g_cur.fd, line, sizeof(line) - 1);
        expect_wire(name, false, R_PROTOCOL_VERSION_NOT_SUPPORTED, R_PROTOCOL_ERROR);
    }
    client_finish(name, W_VERSION "|NUL|invalid");
}

/* ---------- 2. packet framing ---------- */

#define W_FRAMING "packet|framing|length|padding|protocol"

static void frame_hdr(uint8_t *p, uint32_t len, uint8_t pad)
{
    p[0] = (uint8_t)(len >> 24);
    p[1] = (uint8_t)(len >> 16);
    p[2] = (uint8_t)(len >> 8);
    p[3] = (uint8_t)len;
    p[4] = pad;
}

/* Good version, then raw bytes; sshc must give up without us closing. */
static void raw_after_version(const char *name, const uint8_t *raw, size_t n, const char *words)
{
    if (client_start(name) && version_exchange(name)) {
        send_all(g_cur.fd, raw, n);
        expect_wire(name, false, R_PROTOCOL_ERROR, 0);
    }
    client_finish(name, words);
}

TEST(packet_length_0)
{
    uint8_t p[16] = {0};
    frame_hdr(p, 0, 0);
    raw_after_version("packet_length 0", p, sizeof(p), W_FRAMING);
}

TEST(packet_length_huge)
{
    uint8_t p[16] = {0};
    frame_hdr(p, 0x7fffffff, 4);
    raw_after_version("packet_length 0x7fffffff", p, sizeof(p), W_FRAMING "|large");
}

TEST(padding_length_3)
{
    /* 4+1+8+3 = 16: payload IGNORE + string "abc", pad 3 */
    uint8_t p[16] = {0};
    frame_hdr(p, 12, 3);
    p[5] = SSH_MSG_IGNORE;
    p[9] = 3;
    memcpy(p + 10, "abc", 3);
    raw_after_version("padding_length 3", p, sizeof(p), W_FRAMING);
}

TEST(packet_length_not_block_multiple)
{
    /* length 13 -> 17 bytes total; payload IGNORE + empty string (5), pad 7 */
    uint8_t p[17] = {0};
    frame_hdr(p, 13, 7);
    p[5] = SSH_MSG_IGNORE;
    raw_after_version("length 13 (total 17)", p, sizeof(p), W_FRAMING);
}

TEST(packet_truncated_then_close)
{
    const char *name = "truncated packet, close";
    if (client_start(name) && version_exchange(name)) {
        /* Claims 60 bytes, 20 follow. */
        uint8_t p[24] = {0};
        frame_hdr(p, 60, 8);
        p[5] = SSH_MSG_IGNORE;
        send_all(g_cur.fd, p, sizeof(p));
        sleep_ms(100);
        client_close_conn();
    }
    client_finish(name, W_CLOSED);
}

/* ---------- 3. key exchange ---------- */

#define W_KEX "kex|key exchange|algorithm|match|public value|invalid key|signature|host key"

TEST(kexinit_no_common_kex)
{
    const char *name = "no common kex";
    if (client_start(name) && version_exchange(name)) {
        static struct buf b;
        build_kexinit(&b, "foo", "ssh-ed25519", "aes128-ctr", "hmac-sha2-256", "none");
        send_buf(g_cur.fd, &b);
        expect_wire(name, true, R_KEY_EXCHANGE_FAILED, 0);
    }
    client_finish(name, W_KEX);
}

/* A KEX_ECDH_REPLY from parts, then expect DISCONNECT 3 (or 2). */
static void ecdh_reply_case(const char *name, const uint8_t *hostkey_blob, size_t hk_len,
                            const uint8_t *q, size_t q_len, bool good_hostkey, const char *words)
{
    if (client_start(name) && kex_until_ecdh_init(name, true)) {
        static struct buf b;
        b.n = 0;
        put_byte(&b, SSH_MSG_KEX_ECDH_REPLY);
        if (good_hostkey) {
            put_ed25519_hostkey(&b);
        } else {
            put_string(&b, hostkey_blob, hk_len);
        }
        put_string(&b, q, q_len);
        put_zero_signature(&b);
        send_buf(g_cur.fd, &b);
        expect_wire(name, true, R_KEY_EXCHANGE_FAILED, R_PROTOCOL_ERROR);
    }
    client_finish(name, words);
}

TEST(ecdh_reply_zero_point)
{
    uint8_t q[32] = {0};
    ecdh_reply_case("Q_S = 32 zero bytes", NULL, 0, q, sizeof(q), true,
                    W_KEX "|public|point|shared");
}

TEST(ecdh_reply_31_byte_q)
{
    uint8_t q[31];
    random_bytes(q, sizeof(q));
    ecdh_reply_case("31-byte Q_S", NULL, 0, q, sizeof(q), true, W_KEX "|public|length");
}

TEST(ecdh_reply_garbage_hostkey)
{
    uint8_t hk[57];
    for (size_t i = 0; i < sizeof(hk); i++) {
        hk[i] = (uint8_t)(0xc3 ^ (i * 37));
    }
    uint8_t q[32];
    random_bytes(q, sizeof(q));
    ecdh_reply_case("garbage host key blob", hk, sizeof(hk), q, sizeof(q), false,
                    W_KEX "|key|string");
}

TEST(ecdh_reply_garbage_signature)
{
    uint8_t q[32];
    random_bytes(q, sizeof(q));
    ecdh_reply_case("valid host key, zero signature", NULL, 0, q, sizeof(q), true,
                    "signature");
}

TEST(strict_kex_ignore_before_reply)
{
    const char *name = "IGNORE during strict kex (Terrapin)";
    if (client_start(name) && kex_until_ecdh_init(name, true)) {
        uint8_t m[5] = {SSH_MSG_IGNORE, 0, 0, 0, 0};
        send_packet(g_cur.fd, m, sizeof(m));
        /* No reply follows: only the strict-kex rule can make sshc stop here. */
        expect_wire(name, true, R_PROTOCOL_ERROR, R_KEY_EXCHANGE_FAILED);
    }
    client_finish(name, "strict|unexpected|protocol");
}

/* Control: without strict kex an IGNORE is fine; NEWKEYS afterwards still is not. */
TEST(no_strict_kex_ignore_tolerated)
{
    const char *name = "IGNORE without strict kex, then NEWKEYS";
    if (client_start(name) && kex_until_ecdh_init(name, false)) {
        uint8_t m[5] = {SSH_MSG_IGNORE, 0, 0, 0, 0};
        send_packet(g_cur.fd, m, sizeof(m));
        struct outcome o;
        collect(g_cur.fd, &o, 1000);
        if (!o.timeout) {
            print_outcome(name, &o);
            SSHC_TEST_FAIL("%s: sshc reacted to an IGNORE without strict kex", name);
        }
        uint8_t nk = SSH_MSG_NEWKEYS;
        send_packet(g_cur.fd, &nk, 1);
        expect_wire(name, true, R_PROTOCOL_ERROR, 0);
    }
    client_finish(name, "unexpected|protocol");
}

TEST(newkeys_instead_of_reply)
{
    const char *name = "NEWKEYS instead of KEX_ECDH_REPLY";
    if (client_start(name) && kex_until_ecdh_init(name, true)) {
        uint8_t m = SSH_MSG_NEWKEYS;
        send_packet(g_cur.fd, &m, 1);
        expect_wire(name, true, R_PROTOCOL_ERROR, 0);
    }
    client_finish(name, "unexpected|protocol|strict");
}

/* ---------- 4. stall ---------- */

/*
 * Version + KEXINIT, then silence. KNOWN HANG: ConnectTimeout only bounds
 * the TCP connect; tools/sshc.c passes io_ms = 0 ("no timeout") to
 * sshc_client_set_timeouts, so src/net/client.c polls with -1 and sshc waits
 * forever. This test then reports "KNOWN HANG" and FAILS on purpose: a
 * client stuck forever on a silent server is a bug, not to be weakened here.
 */
TEST(zz_stall_after_kexinit)
{
    const char *name = "stall after KEXINIT";
    if (client_start(name) && version_exchange(name)) {
        static struct buf b;
        valid_kexinit(&b, true);
        send_buf(g_cur.fd, &b);
        struct outcome o;
        collect(g_cur.fd, &o, CLIENT_LIMIT_MS - (now_ms() - g_cur.t0) + 200);
        print_outcome(name, &o);
    }
    if (client_finish(name, "time")) {
        printf("  [%s] KNOWN HANG: sshc waits forever for a silent server after KEXINIT\n",
               name);
        fflush(stdout);
    }
}

RUN_TESTS()
