/*
 * Keys: ssh-ed25519 signatures (RFC 8032 §7.1 test 1 as a known answer),
 * public key blobs (RFC 8709), public key lines, openssh-key-v1 private
 * files, and interoperability with OpenSSH's ssh-keygen (which must be
 * installed: a missing ssh-keygen is a failure, not a skip).
 *
 * The RFC 8032 key's public line and SHA256 fingerprint were computed with
 * Python's cryptography module and `ssh-keygen -l -f`:
 *   ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea
 *   256 SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8 no comment (ED25519)
 */
#include "sshc_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/builder.h"
#include "crypto/key.h"

static const char rfc_seed[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
static const char rfc_pub[] = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char rfc_sig[] = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                              "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
static const char rfc_b64[] = "AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea";
static const char rfc_fp[] = "SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8";

/* The RFC 8032 test 1 key, built by hand (the struct is visible through crypto/key.h). */
static sshc_key *rfc_key(void)
{
    sshc_key *k = NULL;
    EXPECT_OK(sshc_key_new(SSHC_KEY_ED25519, &k));
    if (k == NULL) {
        return NULL;
    }
    sshc_test_unhex(rfc_seed, k->ed_secret, 32);
    sshc_test_unhex(rfc_pub, k->ed_secret + 32, 32);
    sshc_test_unhex(rfc_pub, k->ed_public, 32);
    k->has_private = true;
    return k;
}

/* Sign data into a fresh builder; returns its length (0 on failure). */
static size_t sign(const sshc_key *k, const uint8_t *data, size_t len, sshc_bld *b)
{
    sshc_bld_init(b, 4096);
    int r = sshc_key_sign(k, "ssh-ed25519", data, len, b);
    if (r != SSHC_OK) {
        SSHC_TEST_FAIL("sshc_key_sign returned %d (%s)", r, sshc_strerror(r));
        return 0;
    }
    return b->len;
}

TEST(rfc8032_known_answer)
{
    sshc_key *k = rfc_key();
    if (k == NULL) {
        return;
    }
    sshc_bld b;
    size_t n = sign(k, (const uint8_t *)"", 0, &b);
    /* string "ssh-ed25519", string sig[64] */
    EXPECT_EQ(n, 4 + 11 + 4 + 64);
    if (n == 4 + 11 + 4 + 64) {
        uint8_t want[64];
        sshc_test_unhex(rfc_sig, want, sizeof(want));
        EXPECT_MEM(b.buf, "\0\0\0\x0bssh-ed25519\0\0\0\x40", 19);
        EXPECT_MEM(b.buf + 19, want, 64);
        EXPECT_OK(sshc_key_verify(k, "ssh-ed25519", b.buf, b.len, (const uint8_t *)"", 0));
    }
    sshc_bld_clear(&b);

    char fp[64], *line = NULL;
    EXPECT_OK(sshc_key_fingerprint_sha256(k, fp, sizeof(fp)));
    EXPECT_STR(fp, rfc_fp);
    EXPECT_ERR(sshc_key_fingerprint_sha256(k, fp, 20), SSHC_E_INVALID_ARG);
    EXPECT_OK(sshc_key_format_public_line(k, NULL, &line));
    char want_line[128];
    snprintf(want_line, sizeof(want_line), "ssh-ed25519 %s", rfc_b64);
    EXPECT_STR(line, want_line);
    free(line);
    sshc_key_free(k);
}

TEST(generate_sign_verify)
{
    sshc_key *k = NULL, *k2 = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k));
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k2));
    if (k == NULL || k2 == NULL) {
        sshc_key_free(k);
        sshc_key_free(k2);
        return;
    }
    EXPECT_EQ(sshc_key_get_type(k), SSHC_KEY_ED25519);
    EXPECT_STR(sshc_key_type_name(k), "ssh-ed25519");
    EXPECT_STR(sshc_key_sig_alg(k), "ssh-ed25519");
    EXPECT_TRUE(sshc_key_has_private(k));
    EXPECT_TRUE(!sshc_key_equal_public(k, k2));
    EXPECT_TRUE(sshc_key_equal_public(k, k));
    /* the secret is seed || public */
    EXPECT_MEM(k->ed_secret + 32, k->ed_public, 32);

    uint8_t data[100];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 3);
    }
    sshc_bld b;
    size_t n = sign(k, data, sizeof(data), &b);
    EXPECT_EQ(n, 83);
    if (n == 83) {
        uint8_t *sig = b.buf;
        EXPECT_OK(sshc_key_verify(k, "ssh-ed25519", sig, n, data, sizeof(data)));
        /* another key does not verify it */
        EXPECT_ERR(sshc_key_verify(k2, "ssh-ed25519", sig, n, data, sizeof(data)),
                   SSHC_E_SIGNATURE_INVALID);
        /* a flipped byte anywhere in the data */
        for (size_t i = 0; i < sizeof(data); i += 9) {
            data[i] ^= 0x01;
            EXPECT_ERR(sshc_key_verify(k, "ssh-ed25519", sig, n, data, sizeof(data)),
                       SSHC_E_SIGNATURE_INVALID);
            data[i] ^= 0x01;
        }
        EXPECT_ERR(sshc_key_verify(k, "ssh-ed25519", sig, n, data, sizeof(data) - 1),
                   SSHC_E_SIGNATURE_INVALID);
        /* a flipped byte anywhere in the signature blob (name, lengths, signature) */
        for (size_t i = 0; i < n; i++) {
            sig[i] ^= 0x20;
            int r = sshc_key_verify(k, "ssh-ed25519", sig, n, data, sizeof(data));
            if (r != SSHC_E_SIGNATURE_INVALID) {
                SSHC_TEST_FAIL("signature byte %zu flipped: verify returned %d", i, r);
            }
            sig[i] ^= 0x20;
        }
        /* truncated or with trailing bytes */
        EXPECT_ERR(sshc_key_verify(k, "ssh-ed25519", sig, n - 1, data, sizeof(data)),
                   SSHC_E_SIGNATURE_INVALID);
        EXPECT_ERR(sshc_key_verify(k, "ssh-ed25519", sig, 0, data, sizeof(data)),
                   SSHC_E_SIGNATURE_INVALID);
        uint8_t longer[84];
        memcpy(longer, sig, n);
        longer[n] = 0;
        EXPECT_ERR(sshc_key_verify(k, "ssh-ed25519", longer, n + 1, data, sizeof(data)),
                   SSHC_E_SIGNATURE_INVALID);
        /* a wrong algorithm name */
        EXPECT_TRUE(sshc_key_verify(k, "rsa-sha2-256", sig, n, data, sizeof(data)) != SSHC_OK);
        EXPECT_TRUE(sshc_key_verify(k, "ssh-ed2551", sig, n, data, sizeof(data)) != SSHC_OK);
        EXPECT_TRUE(sshc_key_verify(k, "", sig, n, data, sizeof(data)) != SSHC_OK);
        /* the right data still verifies */
        EXPECT_OK(sshc_key_verify(k, "ssh-ed25519", sig, n, data, sizeof(data)));
    }
    sshc_bld_clear(&b);

    /* signing with another algorithm name is refused */
    sshc_bld_init(&b, 4096);
    EXPECT_TRUE(sshc_key_sign(k, "rsa-sha2-512", data, sizeof(data), &b) != SSHC_OK);
    sshc_bld_clear(&b);

    /* a public-only copy verifies but cannot sign */
    sshc_bld blob;
    sshc_key *pub = NULL;
    sshc_bld_init(&blob, 4096);
    EXPECT_OK(sshc_key_public_blob(k, &blob));
    EXPECT_OK(sshc_key_parse_blob(blob.buf, blob.len, &pub));
    sshc_bld_clear(&blob);
    if (pub != NULL) {
        EXPECT_TRUE(!sshc_key_has_private(pub));
        sshc_bld_init(&b, 4096);
        EXPECT_TRUE(sshc_key_sign(pub, "ssh-ed25519", data, sizeof(data), &b) != SSHC_OK);
        sshc_bld_clear(&b);
        n = sign(k, data, sizeof(data), &b);
        EXPECT_OK(sshc_key_verify(pub, "ssh-ed25519", b.buf, n, data, sizeof(data)));
        sshc_bld_clear(&b);
        sshc_key_free(pub);
    }
    /* dup keeps the private half */
    sshc_key *d = NULL;
    EXPECT_OK(sshc_key_dup(k, &d));
    if (d != NULL) {
        EXPECT_TRUE(sshc_key_has_private(d));
        EXPECT_TRUE(sshc_key_equal_public(d, k));
        n = sign(d, data, sizeof(data), &b);
        EXPECT_OK(sshc_key_verify(k, "ssh-ed25519", b.buf, n, data, sizeof(data)));
        sshc_bld_clear(&b);
        sshc_key_free(d);
    }
    sshc_key_free(k);
    sshc_key_free(k2);
    sshc_key_free(NULL);
}

TEST(unknown_type)
{
    sshc_key *k = (sshc_key *)1;
    EXPECT_ERR(sshc_key_generate(SSHC_KEY_UNKNOWN, &k), SSHC_E_KEY_TYPE);
    EXPECT_TRUE(k == NULL);
    EXPECT_ERR(sshc_key_generate((enum sshc_key_type)42, &k), SSHC_E_KEY_TYPE);
    EXPECT_EQ(sshc_key_type_from_name((const uint8_t *)"x509v3-ssh-dss", 14), SSHC_KEY_UNKNOWN);
    EXPECT_EQ(sshc_key_type_from_name((const uint8_t *)"ssh-dss", 7), SSHC_KEY_DSA);
    EXPECT_EQ(sshc_key_type_from_name((const uint8_t *)"ssh-ed25519", 11), SSHC_KEY_ED25519);
    EXPECT_EQ(sshc_key_type_from_name((const uint8_t *)"ssh-ed25519", 10), SSHC_KEY_UNKNOWN);
    EXPECT_TRUE(sshc_sig_alg_known("ssh-ed25519", 11));
    EXPECT_TRUE(!sshc_sig_alg_known("x509v3-ssh-dss", 14));

    /* a blob naming another key type */
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    sshc_bld_cstring(&b, "ssh-rsa");
    sshc_bld_string(&b, "\x01\x00\x01", 3);
    sshc_bld_string(&b, "\x00\xc1\x23", 3);
    k = (sshc_key *)1;
    EXPECT_ERR(sshc_key_parse_blob(b.buf, b.len, &k), SSHC_E_KEY_TYPE);
    EXPECT_TRUE(k == NULL);
    sshc_bld_reset(&b);
    sshc_bld_cstring(&b, "ssh-foo");
    sshc_bld_string(&b, rfc_pub, 32);
    EXPECT_ERR(sshc_key_parse_blob(b.buf, b.len, &k), SSHC_E_KEY_TYPE);
    sshc_bld_clear(&b);

    /* a public line of an unknown type (its blob says so too) */
    EXPECT_ERR(sshc_key_parse_public_line("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAAwDBIw== c", &k),
               SSHC_E_KEY_TYPE);
    EXPECT_TRUE(k == NULL);
}

TEST(blob_round_trip_and_malformed)
{
    sshc_key *k = NULL, *back = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k));
    if (k == NULL) {
        return;
    }
    sshc_bld b;
    sshc_bld_init(&b, 4096);
    EXPECT_OK(sshc_key_public_blob(k, &b));
    EXPECT_EQ(b.len, 4 + 11 + 4 + 32);
    EXPECT_MEM(b.buf, "\0\0\0\x0bssh-ed25519\0\0\0\x20", 19);
    EXPECT_MEM(b.buf + 19, k->ed_public, 32);
    EXPECT_OK(sshc_key_parse_blob(b.buf, b.len, &back));
    EXPECT_TRUE(back != NULL && sshc_key_equal_public(k, back));
    EXPECT_TRUE(!sshc_key_has_private(back));
    sshc_key_free(back);

    /* every truncation */
    for (size_t n = 0; n < b.len; n++) {
        back = (sshc_key *)1;
        int r = sshc_key_parse_blob(b.buf, n, &back);
        if (r != SSHC_E_BAD_KEY || back != NULL) {
            SSHC_TEST_FAIL("blob truncated to %zu: returned %d", n, r);
        }
    }
    /* trailing bytes */
    uint8_t longer[64];
    memcpy(longer, b.buf, b.len);
    longer[b.len] = 0;
    back = (sshc_key *)1;
    EXPECT_ERR(sshc_key_parse_blob(longer, b.len + 1, &back), SSHC_E_BAD_KEY);
    EXPECT_TRUE(back == NULL);
    /* a 31- or 33-byte public key */
    sshc_bld w;
    sshc_bld_init(&w, 4096);
    sshc_bld_cstring(&w, "ssh-ed25519");
    sshc_bld_string(&w, k->ed_public, 31);
    EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
    sshc_bld_reset(&w);
    sshc_bld_cstring(&w, "ssh-ed25519");
    sshc_bld_string(&w, longer, 33);
    EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
    sshc_bld_clear(&w);
    EXPECT_ERR(sshc_key_parse_blob(NULL, 0, &back), SSHC_E_INVALID_ARG);
    sshc_bld_clear(&b);
    sshc_key_free(k);
}

TEST(public_line_round_trip)
{
    sshc_key *k = NULL, *back = NULL;
    char *line = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k));
    if (k == NULL) {
        return;
    }
    EXPECT_OK(sshc_key_format_public_line(k, "me@host", &line));
    EXPECT_TRUE(line != NULL && strncmp(line, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", 37) == 0);
    EXPECT_TRUE(line != NULL && strlen(line) > 8 && strcmp(line + strlen(line) - 8, " me@host") == 0);
    EXPECT_OK(sshc_key_parse_public_line(line, &back));
    EXPECT_TRUE(sshc_key_equal_public(k, back));
    sshc_key_free(back);
    free(line);
    EXPECT_OK(sshc_key_format_public_line(k, NULL, &line));
    EXPECT_TRUE(line != NULL && strlen(line) == 12 + 68);
    EXPECT_OK(sshc_key_parse_public_line(line, &back));
    EXPECT_TRUE(sshc_key_equal_public(k, back));
    sshc_key_free(back);
    /* the type field must match the blob */
    char bad[256];
    snprintf(bad, sizeof(bad), "ssh-rsa %s", line + 12);
    EXPECT_TRUE(sshc_key_parse_public_line(bad, &back) != SSHC_OK);
    EXPECT_TRUE(back == NULL);
    free(line);
    /* the RFC 8032 key from its text */
    char text[128];
    snprintf(text, sizeof(text), "  ssh-ed25519\t%s comment with spaces\n", rfc_b64);
    EXPECT_OK(sshc_key_parse_public_line(text, &back));
    sshc_key *r = rfc_key();
    EXPECT_TRUE(sshc_key_equal_public(back, r));
    sshc_key_free(back);
    sshc_key_free(r);
    EXPECT_TRUE(sshc_key_parse_public_line("ssh-ed25519", &back) != SSHC_OK);
    EXPECT_TRUE(sshc_key_parse_public_line("ssh-ed25519 AAAA*", &back) != SSHC_OK);
    EXPECT_TRUE(sshc_key_parse_public_line("", &back) != SSHC_OK);
    sshc_key_free(k);
}

TEST(private_file_round_trip)
{
    sshc_key *k = NULL, *back = NULL;
    char *file = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k));
    if (k == NULL) {
        return;
    }
    EXPECT_OK(sshc_key_format_private_file(k, "round trip", &file));
    if (file == NULL) {
        sshc_key_free(k);
        return;
    }
    EXPECT_TRUE(strncmp(file, "-----BEGIN OPENSSH PRIVATE KEY-----\n", 36) == 0);
    EXPECT_TRUE(strstr(file, "\n-----END OPENSSH PRIVATE KEY-----\n") != NULL);
    EXPECT_OK(sshc_key_parse_private((const uint8_t *)file, strlen(file), NULL, &back));
    if (back != NULL) {
        EXPECT_TRUE(sshc_key_has_private(back));
        EXPECT_TRUE(sshc_key_equal_public(k, back));
        EXPECT_STR(back->comment, "round trip");
        sshc_bld b;
        static const uint8_t msg[] = "sign me";
        size_t n = sign(back, msg, sizeof(msg), &b);
        EXPECT_OK(sshc_key_verify(k, "ssh-ed25519", b.buf, n, msg, sizeof(msg)));
        sshc_bld_clear(&b);
        sshc_key_free(back);
    }
    /* every comment length modulo the padding block */
    for (size_t clen = 0; clen < 10; clen++) {
        char comment[16] = "abcdefghijklmno";
        comment[clen] = '\0';
        char *f2 = NULL;
        EXPECT_OK(sshc_key_format_private_file(k, comment, &f2));
        back = NULL;
        EXPECT_OK(sshc_key_parse_private((const uint8_t *)f2, f2 != NULL ? strlen(f2) : 0, NULL,
                                         &back));
        EXPECT_TRUE(back != NULL && sshc_key_equal_public(k, back));
        if (back != NULL) {
            EXPECT_STR(back->comment, comment);
        }
        sshc_key_free(back);
        free(f2);
    }
    /* a public-only key has no private file */
    sshc_key *pub = NULL;
    char *line = NULL;
    EXPECT_OK(sshc_key_format_public_line(k, NULL, &line));
    EXPECT_OK(sshc_key_parse_public_line(line, &pub));
    char *f3 = (char *)1;
    EXPECT_ERR(sshc_key_format_private_file(pub, NULL, &f3), SSHC_E_INVALID_ARG);
    free(line);
    sshc_key_free(pub);

    /* armour missing or cut */
    back = (sshc_key *)1;
    EXPECT_ERR(sshc_key_parse_private((const uint8_t *)file + 5, strlen(file) - 5, NULL, &back),
               SSHC_E_BAD_FORMAT);
    EXPECT_TRUE(back == NULL);
    EXPECT_ERR(sshc_key_parse_private((const uint8_t *)file, strlen(file) - 10, NULL, &back),
               SSHC_E_BAD_FORMAT);
    /* every single-character corruption of the base64: an error or (a change in
     * the comment) the same key, never a crash or another key */
    size_t body = 36, end = (size_t)(strstr(file, "-----END") - file);
    for (size_t i = body; i < end; i++) {
        if (file[i] == '\n') {
            continue;
        }
        char saved = file[i];
        file[i] = saved == 'A' ? 'B' : 'A';
        back = NULL;
        int r = sshc_key_parse_private((const uint8_t *)file, strlen(file), NULL, &back);
        if (r == SSHC_OK) {
            if (back == NULL || !sshc_key_equal_public(back, k)) {
                SSHC_TEST_FAIL("corruption at %zu gave another key", i);
            }
        } else if (back != NULL) {
            SSHC_TEST_FAIL("corruption at %zu: error %d with a key", i, r);
        }
        sshc_key_free(back);
        file[i] = saved;
    }
    free(file);
    sshc_key_free(k);
}

/* ---- interoperability with ssh-keygen ------------------------------------- */

static char tmpdir[64];

static bool make_tmpdir(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sshc_key_test.XXXXXX");
    if (mkdtemp(tmpdir) == NULL) {
        SSHC_TEST_FAIL("mkdtemp failed");
        return false;
    }
    return true;
}

static void remove_tmpdir(void)
{
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "  (could not remove %s)\n", tmpdir);
    }
}

static bool have_ssh_keygen(void)
{
    if (system("command -v ssh-keygen >/dev/null 2>&1") != 0) {
        SSHC_TEST_FAIL("ssh-keygen is not installed: the interop tests need it");
        return false;
    }
    return true;
}

/* Run a shell command; false (and a failure) unless it exits 0. */
static bool run(const char *cmd)
{
    int st = system(cmd);
    if (st != 0) {
        SSHC_TEST_FAIL("command failed (%d): %s", st, cmd);
        return false;
    }
    return true;
}

/* First line of a command's output, newline stripped. */
static bool capture(const char *cmd, char *out, size_t cap)
{
    FILE *p = popen(cmd, "r");
    if (p == NULL) {
        SSHC_TEST_FAIL("popen failed: %s", cmd);
        return false;
    }
    out[0] = '\0';
    bool got = fgets(out, (int)cap, p) != NULL;
    int st = pclose(p);
    if (!got || st != 0) {
        SSHC_TEST_FAIL("no output or exit %d from: %s", st, cmd);
        return false;
    }
    out[strcspn(out, "\r\n")] = '\0';
    return true;
}

/* The n-th (1-based) space-separated field of line into out. */
static void field(const char *line, int n, char *out, size_t cap)
{
    const char *p = line;
    out[0] = '\0';
    for (int i = 1; i < n && p != NULL; i++) {
        p = strchr(p, ' ');
        if (p != NULL) {
            p++;
        }
    }
    if (p == NULL) {
        return;
    }
    size_t len = strcspn(p, " ");
    if (len >= cap) {
        len = cap - 1;
    }
    memcpy(out, p, len);
    out[len] = '\0';
}

TEST(ssh_keygen_key_loads)
{
    if (!have_ssh_keygen() || !make_tmpdir()) {
        return;
    }
    char cmd[512], path[128], pubpath[128], out[512], fp_tool[128], fp[64];
    snprintf(path, sizeof(path), "%s/k", tmpdir);
    snprintf(pubpath, sizeof(pubpath), "%s/k.pub", tmpdir);
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t ed25519 -N '' -C test -f '%s' </dev/null", path);
    if (!run(cmd)) {
        remove_tmpdir();
        return;
    }
    sshc_key *priv = NULL, *pub = NULL;
    EXPECT_OK(sshc_key_load_file(path, NULL, &priv));
    EXPECT_OK(sshc_key_load_public_file(pubpath, &pub));
    EXPECT_TRUE(priv != NULL && pub != NULL && sshc_key_equal_public(priv, pub));
    EXPECT_TRUE(sshc_key_has_private(priv));
    EXPECT_TRUE(!sshc_key_has_private(pub));
    if (priv != NULL) {
        EXPECT_STR(priv->comment, "test");
    }
    /* fingerprint as ssh-keygen -l prints it (field 2) */
    snprintf(cmd, sizeof(cmd), "ssh-keygen -l -f '%s'", pubpath);
    if (pub != NULL && capture(cmd, out, sizeof(out))) {
        field(out, 2, fp_tool, sizeof(fp_tool));
        EXPECT_OK(sshc_key_fingerprint_sha256(pub, fp, sizeof(fp)));
        EXPECT_STR(fp, fp_tool);
        if (priv != NULL) {
            EXPECT_OK(sshc_key_fingerprint_sha256(priv, fp, sizeof(fp)));
            EXPECT_STR(fp, fp_tool);
        }
    }
    /* our public line for it equals k.pub (type, base64, comment) */
    snprintf(cmd, sizeof(cmd), "cat '%s'", pubpath);
    char *line = NULL;
    if (pub != NULL && capture(cmd, out, sizeof(out))) {
        EXPECT_OK(sshc_key_format_public_line(pub, "test", &line));
        EXPECT_STR(line, out);
    }
    free(line);
    /* it signs, and the .pub key verifies */
    if (priv != NULL && pub != NULL) {
        sshc_bld b;
        static const uint8_t msg[] = "interop";
        size_t n = sign(priv, msg, sizeof(msg), &b);
        EXPECT_OK(sshc_key_verify(pub, "ssh-ed25519", b.buf, n, msg, sizeof(msg)));
        sshc_bld_clear(&b);
    }
    sshc_key_free(pub);
    sshc_key_free(priv);
    remove_tmpdir();
}

TEST(ssh_keygen_reads_our_file)
{
    if (!have_ssh_keygen() || !make_tmpdir()) {
        return;
    }
    char cmd[512], path[128], out[512], tool_type[64], tool_b64[256], our_type[64], our_b64[256];
    snprintf(path, sizeof(path), "%s/ours", tmpdir);
    sshc_key *k = NULL;
    char *file = NULL, *line = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &k));
    EXPECT_OK(sshc_key_format_private_file(k, "ours@sshcore", &file));
    EXPECT_OK(sshc_key_format_public_line(k, NULL, &line));
    if (file != NULL && line != NULL) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
        EXPECT_TRUE(fd >= 0);
        if (fd >= 0) {
            size_t len = strlen(file);
            EXPECT_EQ(write(fd, file, len), (long long)len);
            EXPECT_EQ(fchmod(fd, 0600), 0);
            close(fd);
            snprintf(cmd, sizeof(cmd), "ssh-keygen -y -f '%s' </dev/null", path);
            if (capture(cmd, out, sizeof(out))) {
                field(out, 1, tool_type, sizeof(tool_type));
                field(out, 2, tool_b64, sizeof(tool_b64));
                field(line, 1, our_type, sizeof(our_type));
                field(line, 2, our_b64, sizeof(our_b64));
                EXPECT_STR(tool_type, our_type);
                EXPECT_STR(tool_b64, our_b64);
            }
            /* and ssh-keygen -l agrees with our fingerprint of it */
            char fp[64], fp_tool[128];
            snprintf(cmd, sizeof(cmd), "ssh-keygen -l -f '%s' </dev/null", path);
            if (capture(cmd, out, sizeof(out))) {
                field(out, 2, fp_tool, sizeof(fp_tool));
                EXPECT_OK(sshc_key_fingerprint_sha256(k, fp, sizeof(fp)));
                EXPECT_STR(fp, fp_tool);
            }
            /* and we read it back from disk */
            sshc_key *back = NULL;
            EXPECT_OK(sshc_key_load_file(path, NULL, &back));
            EXPECT_TRUE(back != NULL && sshc_key_equal_public(back, k));
            sshc_key_free(back);
        }
    }
    free(line);
    free(file);
    sshc_key_free(k);
    remove_tmpdir();
}

TEST(ssh_keygen_corrupted_and_encrypted)
{
    if (!have_ssh_keygen() || !make_tmpdir()) {
        return;
    }
    char cmd[512], path[128], encpath[128];
    snprintf(path, sizeof(path), "%s/k", tmpdir);
    snprintf(encpath, sizeof(encpath), "%s/enc", tmpdir);
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t ed25519 -N '' -C test -f '%s' </dev/null", path);
    if (run(cmd)) {
        FILE *f = fopen(path, "rb");
        char buf[4096];
        size_t len = f != NULL ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
        if (f != NULL) {
            fclose(f);
        }
        buf[len] = '\0';
        EXPECT_TRUE(len > 100);
        sshc_key *k = NULL;
        EXPECT_OK(sshc_key_parse_private((const uint8_t *)buf, len, NULL, &k));
        sshc_key_free(k);
        /* change one base64 character in the middle of the body */
        const char *b = strchr(buf, '\n');
        const char *e = strstr(buf, "-----END");
        if (b != NULL && e != NULL) {
            size_t mid = (size_t)(b - buf) + (size_t)(e - b) / 2;
            while (buf[mid] == '\n') {
                mid++;
            }
            buf[mid] = buf[mid] == 'A' ? 'B' : 'A';
            k = (sshc_key *)1;
            int r = sshc_key_parse_private((const uint8_t *)buf, len, NULL, &k);
            if (r == SSHC_OK || k != NULL) {
                SSHC_TEST_FAIL("corrupted ssh-keygen file accepted (%d)", r);
            }
            sshc_key_free(k == (sshc_key *)1 ? NULL : k);
            /* and the same through a file */
            f = fopen(path, "wb");
            if (f != NULL) {
                fwrite(buf, 1, len, f);
                fclose(f);
                k = NULL;
                r = sshc_key_load_file(path, NULL, &k);
                EXPECT_TRUE(r < 0);
                EXPECT_TRUE(k == NULL);
                sshc_key_free(k);
            }
        }
    }
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t ed25519 -N secret -C enc -f '%s' </dev/null",
             encpath);
    if (run(cmd)) {
        sshc_key *k = (sshc_key *)1;
        EXPECT_ERR(sshc_key_load_file(encpath, NULL, &k), SSHC_E_PASSPHRASE);
        EXPECT_TRUE(k == NULL);
        k = (sshc_key *)1;
        EXPECT_ERR(sshc_key_load_file(encpath, "wrong", &k), SSHC_E_PASSPHRASE);
        EXPECT_TRUE(k == NULL);
        k = NULL;
        EXPECT_OK(sshc_key_load_file(encpath, "secret", &k));
        /* it is the key of its .pub file, and it signs */
        char pubpath[140];
        snprintf(pubpath, sizeof(pubpath), "%s.pub", encpath);
        sshc_key *pub = NULL;
        EXPECT_OK(sshc_key_load_public_file(pubpath, &pub));
        EXPECT_TRUE(sshc_key_equal_public(k, pub));
        sshc_bld sig;
        sshc_bld_init(&sig, 4096);
        EXPECT_OK(sshc_key_sign(k, "ssh-ed25519", (const uint8_t *)"m", 1, &sig));
        EXPECT_OK(sshc_key_verify(pub, "ssh-ed25519", sig.buf, sig.len, (const uint8_t *)"m", 1));
        sshc_bld_clear(&sig);
        sshc_key_free(pub);
        /* ours, protected: ssh-keygen -y opens it with the passphrase and no other */
        char *text = NULL;
        EXPECT_OK(sshc_key_format_private_file_pass(k, "ours", "pass phrase", 0, &text));
        char ourpath[160];
        snprintf(ourpath, sizeof(ourpath), "%s/ours_enc", tmpdir);
        FILE *of = fopen(ourpath, "w");
        if (of != NULL && text != NULL) {
            fputs(text, of);
            fclose(of);
            chmod(ourpath, 0600);
            snprintf(cmd, sizeof(cmd), "ssh-keygen -y -P 'pass phrase' -f '%s' >/dev/null 2>&1", ourpath);
            EXPECT_TRUE(run(cmd));
            snprintf(cmd, sizeof(cmd), "ssh-keygen -y -P 'other' -f '%s' >/dev/null 2>&1", ourpath);
            EXPECT_TRUE(system(cmd) != 0); /* the wrong passphrase is refused */
            sshc_key *back = NULL;
            EXPECT_OK(sshc_key_load_file(ourpath, "pass phrase", &back));
            EXPECT_TRUE(sshc_key_equal_public(back, k));
            sshc_key_free(back);
        }
        free(text);
        sshc_key_free(k);
    }
    sshc_key *k = (sshc_key *)1;
    char missing[160];
    snprintf(missing, sizeof(missing), "%s/does-not-exist", tmpdir);
    EXPECT_ERR(sshc_key_load_file(missing, NULL, &k), SSHC_E_NOT_FOUND);
    EXPECT_TRUE(k == NULL);
    remove_tmpdir();
}

/* ---- RSA and ECDSA -------------------------------------------------------- */

struct new_type {
    enum sshc_key_type type;
    unsigned bits;           /* for sshc_key_generate_bits (and ssh-keygen -b) */
    const char *name;        /* key type name */
    const char *keygen_type; /* ssh-keygen -t */
    const char *algs[3];     /* signature algorithms, NULL-terminated short lists */
};

static const struct new_type new_types[] = {
    {SSHC_KEY_RSA, 2048, "ssh-rsa", "rsa", {"rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"}},
    {SSHC_KEY_ECDSA_P256, 256, "ecdsa-sha2-nistp256", "ecdsa", {"ecdsa-sha2-nistp256", NULL, NULL}},
    {SSHC_KEY_ECDSA_P384, 384, "ecdsa-sha2-nistp384", "ecdsa", {"ecdsa-sha2-nistp384", NULL, NULL}},
    {SSHC_KEY_ECDSA_P521, 521, "ecdsa-sha2-nistp521", "ecdsa", {"ecdsa-sha2-nistp521", NULL, NULL}},
};

#define NEW_TYPE_COUNT (sizeof(new_types) / sizeof(new_types[0]))

static size_t sign_alg(const sshc_key *k, const char *alg, const uint8_t *data, size_t len,
                       sshc_bld *b)
{
    sshc_bld_init(b, 8192);
    int r = sshc_key_sign(k, alg, data, len, b);
    if (r != SSHC_OK) {
        SSHC_TEST_FAIL("sshc_key_sign(%s) returned %d (%s)", alg, r, sshc_strerror(r));
        return 0;
    }
    return b->len;
}

/* Sign with every algorithm of the type and verify with key and with verifier. */
static void check_sign_verify(const struct new_type *t, const sshc_key *k, const sshc_key *verifier)
{
    static const uint8_t data[] = "data to be signed";
    for (size_t a = 0; a < 3 && t->algs[a] != NULL; a++) {
        const char *alg = t->algs[a];
        EXPECT_TRUE(sshc_key_can_sign_alg(k, alg));
        sshc_bld b;
        size_t n = sign_alg(k, alg, data, sizeof(data), &b);
        if (n == 0) {
            sshc_bld_clear(&b);
            continue;
        }
        /* string alg, string sig */
        EXPECT_EQ(sshc_load_u32be(b.buf), (long long)strlen(alg));
        EXPECT_MEM(b.buf + 4, alg, strlen(alg));
        if (t->type == SSHC_KEY_RSA) {
            EXPECT_EQ(sshc_load_u32be(b.buf + 4 + strlen(alg)), (long long)(t->bits / 8));
        }
        EXPECT_OK(sshc_key_verify(k, alg, b.buf, n, data, sizeof(data)));
        EXPECT_OK(sshc_key_verify(verifier, alg, b.buf, n, data, sizeof(data)));
        /* other data */
        EXPECT_ERR(sshc_key_verify(verifier, alg, b.buf, n, data, sizeof(data) - 1),
                   SSHC_E_SIGNATURE_INVALID);
        /* tampering anywhere in the signature bytes (after the name) */
        uint8_t *copy = malloc(n + 1);
        size_t step = n / 40 + 1;
        for (size_t i = 4 + strlen(alg); copy != NULL && i < n; i += step) {
            memcpy(copy, b.buf, n);
            copy[i] ^= 0x01;
            int r = sshc_key_verify(verifier, alg, copy, n, data, sizeof(data));
            if (r == SSHC_OK) {
                SSHC_TEST_FAIL("%s: signature byte %zu flipped still verifies", alg, i);
            }
        }
        /* trailing byte, truncated */
        if (copy != NULL) {
            memcpy(copy, b.buf, n);
            copy[n] = 0;
            EXPECT_TRUE(sshc_key_verify(verifier, alg, copy, n + 1, data, sizeof(data)) != SSHC_OK);
            EXPECT_TRUE(sshc_key_verify(verifier, alg, copy, n - 1, data, sizeof(data)) != SSHC_OK);
        }
        free(copy);
        /* verified under another algorithm name: refused */
        for (size_t o = 0; o < 3 && t->algs[o] != NULL; o++) {
            if (o != a) {
                EXPECT_TRUE(sshc_key_verify(verifier, t->algs[o], b.buf, n, data, sizeof(data)) !=
                            SSHC_OK);
            }
        }
        EXPECT_TRUE(sshc_key_verify(verifier, "ssh-ed25519", b.buf, n, data, sizeof(data)) !=
                    SSHC_OK);
        sshc_bld_clear(&b);
    }
}

TEST(new_types_generate_sign_verify)
{
    static const uint8_t data[] = "data to be signed";
    for (size_t t = 0; t < NEW_TYPE_COUNT; t++) {
        const struct new_type *nt = &new_types[t];
        sshc_key *k = NULL, *pub = NULL, *d = NULL;
        EXPECT_OK(sshc_key_generate_bits(nt->type, nt->bits, &k));
        if (k == NULL) {
            continue;
        }
        EXPECT_EQ(sshc_key_get_type(k), nt->type);
        EXPECT_STR(sshc_key_type_name(k), nt->name);
        EXPECT_STR(sshc_key_sig_alg(k), nt->algs[0]);
        EXPECT_TRUE(sshc_key_has_private(k));
        EXPECT_TRUE(!sshc_key_can_sign_alg(k, "ssh-ed25519"));
        EXPECT_EQ(sshc_key_type_from_name((const uint8_t *)nt->name, strlen(nt->name)), nt->type);
        for (size_t a = 0; a < 3 && nt->algs[a] != NULL; a++) {
            EXPECT_TRUE(sshc_sig_alg_known(nt->algs[a], strlen(nt->algs[a])));
        }
        /* a public-only copy verifies but cannot sign */
        sshc_bld blob, b;
        sshc_bld_init(&blob, 8192);
        EXPECT_OK(sshc_key_public_blob(k, &blob));
        EXPECT_OK(sshc_key_parse_blob(blob.buf, blob.len, &pub));
        sshc_bld_clear(&blob);
        if (pub != NULL) {
            EXPECT_TRUE(!sshc_key_has_private(pub));
            EXPECT_TRUE(sshc_key_equal_public(pub, k));
            check_sign_verify(nt, k, pub);
            sshc_bld_init(&b, 8192);
            EXPECT_TRUE(sshc_key_sign(pub, nt->algs[0], data, sizeof(data), &b) != SSHC_OK);
            sshc_bld_clear(&b);
        }
        /* another algorithm family is refused */
        sshc_bld_init(&b, 8192);
        EXPECT_ERR(sshc_key_sign(k, "ssh-ed25519", data, sizeof(data), &b), SSHC_E_KEY_TYPE);
        EXPECT_ERR(sshc_key_sign(k, nt->type == SSHC_KEY_RSA ? "ecdsa-sha2-nistp256" : "rsa-sha2-512",
                                 data, sizeof(data), &b),
                   SSHC_E_KEY_TYPE);
        sshc_bld_clear(&b);
        /* dup keeps the private half; another key of the type differs */
        EXPECT_OK(sshc_key_dup(k, &d));
        if (d != NULL) {
            EXPECT_TRUE(sshc_key_has_private(d));
            EXPECT_TRUE(sshc_key_equal_public(d, k));
            size_t n = sign_alg(d, nt->algs[0], data, sizeof(data), &b);
            EXPECT_OK(sshc_key_verify(k, nt->algs[0], b.buf, n, data, sizeof(data)));
            sshc_bld_clear(&b);
        }
        sshc_key *other = NULL;
        EXPECT_OK(sshc_key_generate_bits(nt->type, nt->bits, &other));
        EXPECT_TRUE(!sshc_key_equal_public(other, k));
        /* its signature does not verify under k */
        if (other != NULL && pub != NULL) {
            size_t n = sign_alg(other, nt->algs[0], data, sizeof(data), &b);
            EXPECT_ERR(sshc_key_verify(pub, nt->algs[0], b.buf, n, data, sizeof(data)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&b);
        }
        sshc_key_free(other);
        sshc_key_free(d);
        sshc_key_free(pub);
        sshc_key_free(k);
    }
    /* sizes: ECDSA bits must match the curve; RSA bounds */
    sshc_key *k = (sshc_key *)1;
    EXPECT_ERR(sshc_key_generate_bits(SSHC_KEY_ECDSA_P256, 384, &k), SSHC_E_INVALID_ARG);
    EXPECT_TRUE(k == NULL);
    EXPECT_ERR(sshc_key_generate_bits(SSHC_KEY_RSA, 512, &k), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_key_generate_bits(SSHC_KEY_RSA, 16385, &k), SSHC_E_INVALID_ARG);
    /* the default RSA size */
    EXPECT_OK(sshc_key_generate(SSHC_KEY_RSA, &k));
    if (k != NULL) {
        sshc_bld b;
        size_t n = sign_alg(k, "rsa-sha2-512", data, sizeof(data), &b);
        EXPECT_EQ(n, 4 + 12 + 4 + 384);
        sshc_bld_clear(&b);
    }
    sshc_key_free(k);
    EXPECT_TRUE(sshc_sig_alg_known("ssh-rsa", 7));
    EXPECT_TRUE(!sshc_sig_alg_known("rsa-sha2-384", 12));
    EXPECT_STR(sshc_sig_default_list(), "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
                                        "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256");
}

/* RFC 8332 / OpenSSH: an RSA s with its leading zero bytes stripped still verifies. */
TEST(rsa_short_signature_padded)
{
    sshc_key *k = NULL;
    EXPECT_OK(sshc_key_generate_bits(SSHC_KEY_RSA, 1024, &k));
    if (k == NULL) {
        return;
    }
    uint8_t data[8] = {0};
    bool found = false;
    for (uint32_t i = 0; i < 4000 && !found; i++) {
        sshc_store_u32be(data, i);
        sshc_bld b;
        size_t n = sign_alg(k, "rsa-sha2-256", data, sizeof(data), &b);
        const size_t s_at = 4 + 12 + 4;
        if (n == s_at + 128 && b.buf[s_at] == 0) {
            found = true;
            size_t z = 0;
            while (b.buf[s_at + z] == 0) {
                z++;
            }
            sshc_bld w;
            sshc_bld_init(&w, 4096);
            sshc_bld_cstring(&w, "rsa-sha2-256");
            sshc_bld_string(&w, b.buf + s_at + z, 128 - z);
            EXPECT_OK(sshc_key_verify(k, "rsa-sha2-256", w.buf, w.len, data, sizeof(data)));
            /* but not padded beyond the modulus length */
            sshc_bld_reset(&w);
            sshc_bld_cstring(&w, "rsa-sha2-256");
            uint8_t longer[129] = {0};
            memcpy(longer + 1, b.buf + s_at, 128);
            sshc_bld_string(&w, longer, sizeof(longer));
            EXPECT_ERR(sshc_key_verify(k, "rsa-sha2-256", w.buf, w.len, data, sizeof(data)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&w);
        }
        sshc_bld_clear(&b);
    }
    EXPECT_TRUE(found);
    sshc_key_free(k);
}

TEST(new_types_blob_round_trip_and_malformed)
{
    for (size_t t = 0; t < NEW_TYPE_COUNT; t++) {
        const struct new_type *nt = &new_types[t];
        sshc_key *k = NULL, *back = NULL;
        EXPECT_OK(sshc_key_generate_bits(nt->type, nt->bits, &k));
        if (k == NULL) {
            continue;
        }
        sshc_bld b, b2;
        sshc_bld_init(&b, 8192);
        sshc_bld_init(&b2, 8192);
        EXPECT_OK(sshc_key_public_blob(k, &b));
        EXPECT_EQ(sshc_load_u32be(b.buf), (long long)strlen(nt->name));
        EXPECT_MEM(b.buf + 4, nt->name, strlen(nt->name));
        EXPECT_OK(sshc_key_parse_blob(b.buf, b.len, &back));
        EXPECT_TRUE(back != NULL && sshc_key_equal_public(k, back));
        if (back != NULL) {
            EXPECT_OK(sshc_key_public_blob(back, &b2));
            EXPECT_EQ(b2.len, b.len);
            EXPECT_MEM(b2.buf, b.buf, b.len);
        }
        sshc_key_free(back);
        /* truncations and a trailing byte */
        for (size_t n = 0; n < b.len; n += (n < 40 ? 1 : 37)) {
            back = (sshc_key *)1;
            int r = sshc_key_parse_blob(b.buf, n, &back);
            if (r == SSHC_OK || back != NULL) {
                SSHC_TEST_FAIL("%s blob truncated to %zu: returned %d", nt->name, n, r);
            }
        }
        uint8_t *longer = malloc(b.len + 1);
        if (longer != NULL) {
            memcpy(longer, b.buf, b.len);
            longer[b.len] = 0;
            back = (sshc_key *)1;
            EXPECT_ERR(sshc_key_parse_blob(longer, b.len + 1, &back), SSHC_E_BAD_KEY);
            EXPECT_TRUE(back == NULL);
            /* ECDSA: a point off the curve (last byte of Y changed), another curve name */
            if (nt->type != SSHC_KEY_RSA) {
                longer[b.len - 1] ^= 0x01;
                EXPECT_ERR(sshc_key_parse_blob(longer, b.len, &back), SSHC_E_BAD_KEY);
                longer[b.len - 1] ^= 0x01;
                size_t id_at = 4 + strlen(nt->name) + 4;
                longer[id_at + 7] ^= 0x02; /* nistp256 -> nistp254 etc. */
                EXPECT_ERR(sshc_key_parse_blob(longer, b.len, &back), SSHC_E_BAD_KEY);
            }
            free(longer);
        }
        /* public line */
        char *line = NULL;
        EXPECT_OK(sshc_key_format_public_line(k, "c", &line));
        if (line != NULL) {
            EXPECT_TRUE(strncmp(line, nt->name, strlen(nt->name)) == 0 &&
                        line[strlen(nt->name)] == ' ');
            EXPECT_OK(sshc_key_parse_public_line(line, &back));
            EXPECT_TRUE(sshc_key_equal_public(k, back));
            sshc_key_free(back);
        }
        free(line);
        sshc_bld_clear(&b);
        sshc_bld_clear(&b2);
        sshc_key_free(k);
    }

    /* ECDSA: a compressed point, and the point at infinity, are refused */
    sshc_key *k = NULL, *back = NULL;
    EXPECT_OK(sshc_key_generate(SSHC_KEY_ECDSA_P256, &k));
    if (k != NULL) {
        sshc_bld b, w;
        sshc_bld_init(&b, 4096);
        sshc_bld_init(&w, 4096);
        EXPECT_OK(sshc_key_public_blob(k, &b));
        const uint8_t *q = b.buf + b.len - 65;
        uint8_t comp[33];
        comp[0] = (uint8_t)(0x02 | (q[64] & 1));
        memcpy(comp + 1, q + 1, 32);
        sshc_bld_cstring(&w, "ecdsa-sha2-nistp256");
        sshc_bld_cstring(&w, "nistp256");
        sshc_bld_string(&w, comp, sizeof(comp));
        EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
        sshc_bld_reset(&w);
        uint8_t zero[65] = {0x04};
        sshc_bld_cstring(&w, "ecdsa-sha2-nistp256");
        sshc_bld_cstring(&w, "nistp256");
        sshc_bld_string(&w, zero, sizeof(zero));
        EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
        /* a nistp384 name with a nistp256 point */
        sshc_bld_reset(&w);
        sshc_bld_cstring(&w, "ecdsa-sha2-nistp384");
        sshc_bld_cstring(&w, "nistp384");
        sshc_bld_string(&w, q, 65);
        EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
        EXPECT_TRUE(back == NULL);
        sshc_bld_clear(&w);
        sshc_bld_clear(&b);
    }
    sshc_key_free(k);

    /* RSA: a 1023-bit modulus is refused, a 1024-bit one accepted; even modulus refused */
    uint8_t n[129];
    memset(n, 0xa5, sizeof(n));
    n[0] = 0x00;
    n[1] = 0x7f; /* 1023 bits */
    n[128] |= 1;
    sshc_bld w;
    sshc_bld_init(&w, 4096);
    sshc_bld_cstring(&w, "ssh-rsa");
    sshc_bld_string(&w, "\x01\x00\x01", 3);
    sshc_bld_string(&w, n + 1, 128);
    int r = sshc_key_parse_blob(w.buf, w.len, &back);
    EXPECT_TRUE(r == SSHC_E_KEY_TYPE || r == SSHC_E_BAD_KEY);
    EXPECT_TRUE(back == NULL);
    n[1] = 0xff; /* 1024 bits: needs the 0x00 before it */
    sshc_bld_reset(&w);
    sshc_bld_cstring(&w, "ssh-rsa");
    sshc_bld_string(&w, "\x01\x00\x01", 3);
    sshc_bld_string(&w, n, 129);
    EXPECT_OK(sshc_key_parse_blob(w.buf, w.len, &back));
    sshc_key_free(back);
    n[128] &= 0xfe;
    sshc_bld_reset(&w);
    sshc_bld_cstring(&w, "ssh-rsa");
    sshc_bld_string(&w, "\x01\x00\x01", 3);
    sshc_bld_string(&w, n, 129);
    EXPECT_ERR(sshc_key_parse_blob(w.buf, w.len, &back), SSHC_E_BAD_KEY);
    sshc_bld_clear(&w);
}

TEST(new_types_private_file_round_trip)
{
    static const uint8_t data[] = "file";
    for (size_t t = 0; t < NEW_TYPE_COUNT; t++) {
        const struct new_type *nt = &new_types[t];
        sshc_key *k = NULL, *back = NULL, *pub = NULL;
        char *file = NULL;
        EXPECT_OK(sshc_key_generate_bits(nt->type, nt->bits, &k));
        if (k == NULL) {
            continue;
        }
        EXPECT_OK(sshc_key_format_private_file(k, "round@trip", &file));
        if (file == NULL) {
            sshc_key_free(k);
            continue;
        }
        EXPECT_TRUE(strncmp(file, "-----BEGIN OPENSSH PRIVATE KEY-----\n", 36) == 0);
        EXPECT_OK(sshc_key_parse_private((const uint8_t *)file, strlen(file), NULL, &back));
        if (back != NULL) {
            EXPECT_TRUE(sshc_key_equal_public(k, back));
            EXPECT_TRUE(sshc_key_has_private(back));
            EXPECT_STR(back->comment, "round@trip");
            /* the loaded key signs for the original */
            sshc_bld blob, b;
            sshc_bld_init(&blob, 8192);
            EXPECT_OK(sshc_key_public_blob(k, &blob));
            EXPECT_OK(sshc_key_parse_blob(blob.buf, blob.len, &pub));
            sshc_bld_clear(&blob);
            for (size_t a = 0; a < 3 && nt->algs[a] != NULL && pub != NULL; a++) {
                size_t n = sign_alg(back, nt->algs[a], data, sizeof(data), &b);
                EXPECT_OK(sshc_key_verify(pub, nt->algs[a], b.buf, n, data, sizeof(data)));
                sshc_bld_clear(&b);
            }
            /* and writes the same file again, but for the random check words */
            char *again = NULL;
            EXPECT_OK(sshc_key_format_private_file(back, "round@trip", &again));
            EXPECT_TRUE(again != NULL && strlen(again) == strlen(file));
            free(again);
        }
        sshc_key_free(back);
        /* corruptions through the body are refused (never another key) */
        size_t len = strlen(file);
        const char *body = strchr(file, '\n') + 1;
        const char *end = strstr(file, "-----END");
        size_t span = (size_t)(end - body);
        for (size_t i = 0; i < 24; i++) {
            size_t at = (size_t)(body - file) + (span * (2 * i + 1)) / 48;
            if (file[at] == '\n') {
                at++;
            }
            char saved = file[at];
            file[at] = saved == 'A' ? 'B' : 'A';
            back = NULL;
            int r = sshc_key_parse_private((const uint8_t *)file, len, NULL, &back);
            if (r == SSHC_OK && back != NULL && sshc_key_equal_public(back, k)) {
                /* a byte in the comment, padding-free area or check words may be harmless only
                 * if the key itself is unchanged; a changed key must never load */
            } else if (r == SSHC_OK) {
                SSHC_TEST_FAIL("%s: corruption at %zu gave another key", nt->name, at);
            } else if (back != NULL) {
                SSHC_TEST_FAIL("%s: corruption at %zu: error %d with a key", nt->name, at, r);
            }
            sshc_key_free(back);
            file[at] = saved;
        }
        sshc_key_free(pub);
        free(file);
        sshc_key_free(k);
    }
}

TEST(ssh_keygen_new_types)
{
    if (!have_ssh_keygen() || !make_tmpdir()) {
        return;
    }
    static const uint8_t msg[] = "interop";
    for (size_t t = 0; t < NEW_TYPE_COUNT; t++) {
        const struct new_type *nt = &new_types[t];
        char cmd[512], path[128], pubpath[128], ours[128], out[2048], fp_tool[128], fp[64];
        snprintf(path, sizeof(path), "%s/k%zu", tmpdir, t);
        snprintf(pubpath, sizeof(pubpath), "%s/k%zu.pub", tmpdir, t);
        snprintf(ours, sizeof(ours), "%s/ours%zu", tmpdir, t);
        snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t %s -b %u -N '' -C test -f '%s' </dev/null",
                 nt->keygen_type, nt->bits, path);
        if (!run(cmd)) {
            continue;
        }
        /* ssh-keygen's files load, agree, and the fingerprint matches */
        sshc_key *priv = NULL, *pub = NULL;
        EXPECT_OK(sshc_key_load_file(path, NULL, &priv));
        EXPECT_OK(sshc_key_load_public_file(pubpath, &pub));
        EXPECT_TRUE(priv != NULL && pub != NULL && sshc_key_equal_public(priv, pub));
        EXPECT_TRUE(sshc_key_has_private(priv));
        EXPECT_EQ(sshc_key_get_type(pub), nt->type);
        if (priv != NULL) {
            EXPECT_STR(priv->comment, "test");
        }
        snprintf(cmd, sizeof(cmd), "ssh-keygen -l -f '%s'", pubpath);
        if (pub != NULL && capture(cmd, out, sizeof(out))) {
            field(out, 2, fp_tool, sizeof(fp_tool));
            EXPECT_OK(sshc_key_fingerprint_sha256(pub, fp, sizeof(fp)));
            EXPECT_STR(fp, fp_tool);
        }
        snprintf(cmd, sizeof(cmd), "cat '%s'", pubpath);
        char *line = NULL;
        if (pub != NULL && capture(cmd, out, sizeof(out))) {
            EXPECT_OK(sshc_key_format_public_line(pub, "test", &line));
            EXPECT_STR(line, out);
        }
        free(line);
        line = NULL;
        /* their private key signs with every algorithm, their .pub verifies */
        if (priv != NULL && pub != NULL) {
            for (size_t a = 0; a < 3 && nt->algs[a] != NULL; a++) {
                sshc_bld b;
                size_t n = sign_alg(priv, nt->algs[a], msg, sizeof(msg), &b);
                EXPECT_OK(sshc_key_verify(pub, nt->algs[a], b.buf, n, msg, sizeof(msg)));
                sshc_bld_clear(&b);
            }
        }
        /* our file of their key, and of a key of ours, read by ssh-keygen -y */
        for (int which = 0; which < 2; which++) {
            sshc_key *k = NULL;
            char *file = NULL;
            if (which == 0) {
                if (priv == NULL || sshc_key_dup(priv, &k) != SSHC_OK) {
                    continue;
                }
            } else {
                EXPECT_OK(sshc_key_generate_bits(nt->type, nt->bits, &k));
            }
            EXPECT_OK(sshc_key_format_private_file(k, "ours@sshcore", &file));
            EXPECT_OK(sshc_key_format_public_line(k, NULL, &line));
            unlink(ours);
            int fd = file != NULL ? open(ours, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
            EXPECT_TRUE(fd >= 0);
            if (fd >= 0 && line != NULL) {
                size_t len = strlen(file);
                EXPECT_EQ(write(fd, file, len), (long long)len);
                close(fd);
                char tool_type[64], our_type[64];
                static char tool_b64[4096], our_b64[4096];
                snprintf(cmd, sizeof(cmd), "ssh-keygen -y -f '%s' </dev/null", ours);
                if (capture(cmd, out, sizeof(out))) {
                    field(out, 1, tool_type, sizeof(tool_type));
                    field(out, 2, tool_b64, sizeof(tool_b64));
                    field(line, 1, our_type, sizeof(our_type));
                    field(line, 2, our_b64, sizeof(our_b64));
                    EXPECT_STR(tool_type, nt->name);
                    EXPECT_STR(tool_type, our_type);
                    EXPECT_STR(tool_b64, our_b64);
                }
                snprintf(cmd, sizeof(cmd), "ssh-keygen -l -f '%s' </dev/null", ours);
                if (capture(cmd, out, sizeof(out))) {
                    field(out, 2, fp_tool, sizeof(fp_tool));
                    EXPECT_OK(sshc_key_fingerprint_sha256(k, fp, sizeof(fp)));
                    EXPECT_STR(fp, fp_tool);
                }
            } else if (fd >= 0) {
                close(fd);
            }
            free(line);
            line = NULL;
            free(file);
            sshc_key_free(k);
        }
        sshc_key_free(pub);
        sshc_key_free(priv);
    }
    remove_tmpdir();
}

/* ---- ssh-dss: verify only ----------------------------------------------- */

/* Read a whole small file into buf (NUL-terminated); its length, or -1. */
static long read_small(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return (long)n;
}

/*
 * One DER INTEGER (positive, at most 20 significant bytes) into 20 bytes,
 * left-padded. Returns the bytes consumed, 0 on a parse error.
 */
static size_t der_int20(const uint8_t *p, size_t len, uint8_t out[20])
{
    if (len < 2 || p[0] != 0x02 || p[1] > 21 || (size_t)p[1] + 2 > len || p[1] == 0) {
        return 0;
    }
    size_t n = p[1];
    const uint8_t *v = p + 2;
    while (n > 0 && v[0] == 0) {
        v++;
        n--;
    }
    if (n > 20) {
        return 0;
    }
    memset(out, 0, 20);
    memcpy(out + (20 - n), v, n);
    return (size_t)p[1] + 2;
}

/* Dss-Sig-Value SEQUENCE { INTEGER r, INTEGER s } to r || s (40 bytes). */
static bool der_to_rs(const uint8_t *der, size_t len, uint8_t rs[40])
{
    if (len < 2 || der[0] != 0x30 || der[1] >= 0x80 || (size_t)der[1] + 2 != len) {
        return false;
    }
    size_t a = der_int20(der + 2, len - 2, rs);
    size_t b = a != 0 ? der_int20(der + 2 + a, len - 2 - a, rs + 20) : 0;
    return b != 0 && 2 + a + b == len;
}

/* The SSH signature blob: string "ssh-dss", string rs (rs_len bytes). */
static void dss_sig_blob(sshc_bld *b, const uint8_t *rs, size_t rs_len)
{
    sshc_bld_init(b, 1024);
    sshc_bld_cstring(b, "ssh-dss");
    sshc_bld_string(b, rs, rs_len);
}

/* A DSA blob from its fields (unsigned big-endian), for malformed keys. */
static void dss_key_blob(sshc_bld *b, const uint8_t *const f[4], const size_t n[4])
{
    sshc_bld_init(b, 4096);
    sshc_bld_cstring(b, "ssh-dss");
    for (int i = 0; i < 4; i++) {
        sshc_bld_mpint_unsigned(b, f[i], n[i]);
    }
}

TEST(dsa_verify_only)
{
    /* known, verifiable, never the default, never generated */
    EXPECT_TRUE(sshc_sig_alg_known("ssh-dss", 7));
    EXPECT_TRUE(strstr(sshc_sig_default_list(), "ssh-dss") == NULL);
    EXPECT_TRUE(strstr(sshc_sig_default_list(), "dss") == NULL);
    sshc_key *gen = NULL;
    EXPECT_ERR(sshc_key_generate(SSHC_KEY_DSA, &gen), SSHC_E_KEY_TYPE);
    EXPECT_TRUE(gen == NULL);
    EXPECT_ERR(sshc_key_generate_bits(SSHC_KEY_DSA, 1024, &gen), SSHC_E_KEY_TYPE);
    EXPECT_TRUE(gen == NULL);
    if (!have_ssh_keygen() || !make_tmpdir()) {
        return;
    }
    if (system("command -v openssl >/dev/null 2>&1") != 0) {
        SSHC_TEST_FAIL("openssl is not installed: the ssh-dss test needs it");
        remove_tmpdir();
        return;
    }
    char cmd[768], path[128], pubpath[128], v1path[128], datapath[128], sigpath[128];
    char out[2048], fp_tool[128], fp[64];
    snprintf(path, sizeof(path), "%s/k", tmpdir);
    snprintf(pubpath, sizeof(pubpath), "%s/k.pub", tmpdir);
    snprintf(v1path, sizeof(v1path), "%s/k.v1", tmpdir);
    snprintf(datapath, sizeof(datapath), "%s/data", tmpdir);
    snprintf(sigpath, sizeof(sigpath), "%s/sig.der", tmpdir);
    /* OpenSSH 9.2 still makes DSA keys; failing to is a failure, not a skip */
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t dsa -N '' -C dsatest -f '%s' </dev/null", path);
    if (!run(cmd)) {
        remove_tmpdir();
        return;
    }
    sshc_key *pub = NULL, *dup = NULL, *priv = NULL;
    EXPECT_OK(sshc_key_load_public_file(pubpath, &pub));
    if (pub == NULL) {
        remove_tmpdir();
        return;
    }
    EXPECT_EQ(sshc_key_get_type(pub), SSHC_KEY_DSA);
    EXPECT_STR(sshc_key_type_name(pub), "ssh-dss");
    EXPECT_TRUE(!sshc_key_has_private(pub));
    EXPECT_TRUE(sshc_key_can_sign_alg(pub, "ssh-dss"));
    EXPECT_TRUE(!sshc_key_can_sign_alg(pub, "ssh-rsa"));
    /* fingerprint as ssh-keygen -l prints it */
    snprintf(cmd, sizeof(cmd), "ssh-keygen -l -f '%s'", pubpath);
    if (capture(cmd, out, sizeof(out))) {
        field(out, 2, fp_tool, sizeof(fp_tool));
        EXPECT_OK(sshc_key_fingerprint_sha256(pub, fp, sizeof(fp)));
        EXPECT_STR(fp, fp_tool);
    }
    /* our public line is k.pub, and parses back to the same key */
    char *line = NULL;
    snprintf(cmd, sizeof(cmd), "cat '%s'", pubpath);
    if (capture(cmd, out, sizeof(out))) {
        EXPECT_OK(sshc_key_format_public_line(pub, "dsatest", &line));
        EXPECT_STR(line, out);
        sshc_key *again = NULL;
        EXPECT_OK(sshc_key_parse_public_line(out, &again));
        EXPECT_TRUE(sshc_key_equal_public(pub, again));
        sshc_key_free(again);
    }
    free(line);
    EXPECT_OK(sshc_key_dup(pub, &dup));
    EXPECT_TRUE(sshc_key_equal_public(pub, dup));
    /* blob round trip */
    sshc_bld kb;
    sshc_bld_init(&kb, 4096);
    EXPECT_OK(sshc_key_public_blob(pub, &kb));
    sshc_key *fromblob = NULL;
    EXPECT_OK(sshc_key_parse_blob(kb.buf, kb.len, &fromblob));
    EXPECT_TRUE(sshc_key_equal_public(pub, fromblob));
    sshc_key_free(fromblob);

    /* DSA keys never sign */
    static const uint8_t msg[] = "ssh-dss exchange hash";
    sshc_bld sb;
    sshc_bld_init(&sb, 1024);
    EXPECT_ERR(sshc_key_sign(pub, "ssh-dss", msg, sizeof(msg), &sb), SSHC_E_KEY_TYPE);
    sshc_bld_clear(&sb);

    /* the openssh-key-v1 private file is refused, not crashed on */
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", path, v1path);
    if (run(cmd)) {
        EXPECT_ERR(sshc_key_load_file(v1path, NULL, &priv), SSHC_E_KEY_TYPE);
        EXPECT_TRUE(priv == NULL);
        EXPECT_ERR(sshc_key_load_file(v1path, "any", &priv), SSHC_E_KEY_TYPE);
        sshc_key_free(priv);
        priv = NULL;
    }

    /* a signature by OpenSSL from the PEM form of the key */
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -p -m PEM -P '' -N '' -f '%s' >/dev/null </dev/null",
             path);
    bool pem = run(cmd);
    if (pem) {
        /* PEM DSA is not a format we read at all: refused, whatever the code */
        EXPECT_TRUE(sshc_key_load_file(path, NULL, &priv) != SSHC_OK);
        EXPECT_TRUE(priv == NULL);
        sshc_key_free(priv);
    }
    FILE *df = fopen(datapath, "wb");
    EXPECT_TRUE(df != NULL);
    if (df != NULL) {
        fwrite(msg, 1, sizeof(msg), df);
        fclose(df);
    }
    snprintf(cmd, sizeof(cmd), "openssl dgst -sha1 -sign '%s' -out '%s' '%s'", path, sigpath,
             datapath);
    uint8_t der[256], rs[40];
    long der_len = pem && df != NULL && run(cmd) ? read_small(sigpath, der, sizeof(der)) : -1;
    EXPECT_TRUE(der_len > 0);
    bool have_rs = der_len > 0 && der_to_rs(der, (size_t)der_len, rs);
    EXPECT_TRUE(have_rs);
    if (have_rs) {
        sshc_bld b;
        dss_sig_blob(&b, rs, sizeof(rs));
        EXPECT_OK(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)));
        EXPECT_OK(sshc_key_verify(dup, "ssh-dss", b.buf, b.len, msg, sizeof(msg)));
        /* the name must be ssh-dss, the data the signed data */
        EXPECT_ERR(sshc_key_verify(pub, "ssh-rsa", b.buf, b.len, msg, sizeof(msg)),
                   SSHC_E_KEY_TYPE);
        EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg) - 1),
                   SSHC_E_SIGNATURE_INVALID);
        sshc_bld_clear(&b);
        /* every flipped byte of r || s fails */
        for (size_t i = 0; i < sizeof(rs); i++) {
            uint8_t bad[40];
            memcpy(bad, rs, sizeof(bad));
            bad[i] ^= 0x01;
            dss_sig_blob(&b, bad, sizeof(bad));
            EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&b);
        }
        /* wrong lengths */
        static const size_t lens[] = {0, 20, 39, 41};
        uint8_t longer[41] = {0};
        memcpy(longer + 1, rs, sizeof(rs));
        for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
            dss_sig_blob(&b, lens[i] == 41 ? longer : rs, lens[i]);
            EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&b);
        }
        /* r = 0, s = 0, r = 2^160 - 1 (>= q) */
        for (int which = 0; which < 3; which++) {
            uint8_t bad[40];
            memcpy(bad, rs, sizeof(bad));
            memset(which == 1 ? bad + 20 : bad, which == 2 ? 0xff : 0, 20);
            dss_sig_blob(&b, bad, sizeof(bad));
            EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&b);
        }
        /* the blob's trailing bytes and a different name fail */
        sshc_bld_init(&b, 1024);
        sshc_bld_cstring(&b, "ssh-dss");
        sshc_bld_string(&b, rs, sizeof(rs));
        sshc_bld_u8(&b, 0);
        EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)),
                   SSHC_E_SIGNATURE_INVALID);
        sshc_bld_clear(&b);
    }

    /* r = q exactly, and malformed keys, from the blob's fields */
    sshc_cur c;
    const uint8_t *name, *f[4];
    size_t name_len, n[4];
    sshc_cur_init(&c, kb.buf, kb.len);
    sshc_cur_string(&c, &name, &name_len);
    for (int i = 0; i < 4; i++) {
        sshc_cur_mpint(&c, 1024, false, &f[i], &n[i]);
        while (c.err == SSHC_OK && n[i] > 0 && f[i][0] == 0) {
            f[i]++; /* mpint sign byte */
            n[i]--;
        }
    }
    EXPECT_OK(sshc_cur_end(&c));
    if (c.err == SSHC_OK) {
        EXPECT_EQ(n[0], 128);
        EXPECT_EQ(n[1], 20);
        if (have_rs && n[1] == 20) {
            uint8_t bad[40];
            memcpy(bad, f[1], 20);
            memcpy(bad + 20, rs + 20, 20);
            sshc_bld b;
            dss_sig_blob(&b, bad, sizeof(bad));
            EXPECT_ERR(sshc_key_verify(pub, "ssh-dss", b.buf, b.len, msg, sizeof(msg)),
                       SSHC_E_SIGNATURE_INVALID);
            sshc_bld_clear(&b);
        }
        static const uint8_t one[1] = {1}, big[256] = {0x80};
        struct {
            int field;
            const uint8_t *v;
            size_t len;
            int err;
        } cases[] = {
            {-1, NULL, 0, SSHC_OK},            /* unchanged: parses */
            {2, one, 1, SSHC_E_BAD_KEY},       /* g = 1 */
            {3, one, 1, SSHC_E_BAD_KEY},       /* y = 1 */
            {2, NULL, 0, SSHC_E_BAD_KEY},      /* g = 0 */
            {3, f[0], n[0], SSHC_E_BAD_KEY},   /* y = p */
            {2, f[0], n[0], SSHC_E_BAD_KEY},   /* g = p */
            {0, big, 256, SSHC_E_KEY_TYPE},    /* p of 2048 bits */
            {1, big, 32, SSHC_E_KEY_TYPE},     /* q of 256 bits */
            {0, f[0] + 1, n[0] - 1, SSHC_E_KEY_TYPE}, /* p shorter than 1024 bits */
        };
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            const uint8_t *ff[4] = {f[0], f[1], f[2], f[3]};
            size_t nn[4] = {n[0], n[1], n[2], n[3]};
            if (cases[i].field >= 0) {
                ff[cases[i].field] = cases[i].v;
                nn[cases[i].field] = cases[i].len;
            }
            sshc_bld b;
            dss_key_blob(&b, ff, nn);
            sshc_key *k = NULL;
            int r = sshc_key_parse_blob(b.buf, b.len, &k);
            if (r != cases[i].err) {
                SSHC_TEST_FAIL("malformed ssh-dss case %zu: got %d, want %d", i, r, cases[i].err);
            }
            EXPECT_TRUE((r == SSHC_OK) == (k != NULL));
            sshc_key_free(k);
            sshc_bld_clear(&b);
        }
    }
    sshc_bld_clear(&kb);
    sshc_key_free(dup);
    sshc_key_free(pub);
    remove_tmpdir();
}

RUN_TESTS()
