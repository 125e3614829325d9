/* known_hosts: host patterns, hashed names, markers, malformed lines and appending. */
#include "sshc_test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base64.h"
#include "net/files.h"
#include "crypto/hash.h"

static sshc_key *key_a, *key_b;
static char *line_a, *line_b; /* "ssh-ed25519 AAAA..." */

static void cleanup(void)
{
    sshc_key_free(key_a);
    sshc_key_free(key_b);
    free(line_a);
    free(line_b);
}

static void setup(void)
{
    if (key_a == NULL) {
        atexit(cleanup);
        EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &key_a));
        EXPECT_OK(sshc_key_generate(SSHC_KEY_ED25519, &key_b));
        EXPECT_OK(sshc_key_format_public_line(key_a, NULL, &line_a));
        EXPECT_OK(sshc_key_format_public_line(key_b, NULL, &line_b));
    }
}

/* Check text copied into an exactly sized, not NUL-terminated buffer. */
static int check_len(const char *text, size_t len, const char *host, uint16_t port,
                     const sshc_key *key)
{
    uint8_t *buf = malloc(len > 0 ? len : 1);
    if (buf == NULL) {
        return SSHC_E_NOMEM;
    }
    memcpy(buf, text, len);
    int r = sshc_known_hosts_check(buf, len, host, port, key);
    free(buf);
    return r;
}

static int check(const char *text, const char *host, uint16_t port, const sshc_key *key)
{
    return check_len(text, strlen(text), host, port, key);
}

TEST(plain_host)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "example.com %s a comment\n", line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "EXAMPLE.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "other.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "example.co", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "example.com", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
    EXPECT_EQ(check("", "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_ERR(check(text, "", 22, key_a), SSHC_E_INVALID_ARG);
}

TEST(port_form)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "[example.com]:2222 %s\n", line_a);
    EXPECT_EQ(check(text, "example.com", 2222, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "example.com", 2200, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    snprintf(text, sizeof(text), "example.com %s\n", line_a);
    EXPECT_EQ(check(text, "example.com", 2222, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    snprintf(text, sizeof(text), "[example.com]:22 %s\n", line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(comma_list)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "alpha,example.com,192.0.2.1,[beta]:2022 %s\n", line_a);
    EXPECT_EQ(check(text, "alpha", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "192.0.2.1", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "beta", 2022, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "beta", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "gamma", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "alpha", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
}

TEST(wildcards)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "*.example.com,host?.net,[*.lab]:*,a*b*c %s\n", line_a);
    EXPECT_EQ(check(text, "www.example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "a.b.Example.COM", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "host1.net", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "host12.net", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "host.net", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "box.lab", 8022, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "abbbcxc", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "abbbcx", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    snprintf(text, sizeof(text), "* %s\n", line_a);
    EXPECT_EQ(check(text, "anything", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "anything", 2222, key_a), SSHC_KNOWN_HOST_OK);
    /* Many stars against a long name must not take exponential time. */
    char pat[300], host[200];
    memset(pat, 0, sizeof(pat));
    for (int i = 0; i < 60; i++) {
        strcat(pat, "*a");
    }
    strcat(pat, "b");
    memset(host, 'a', 150);
    host[150] = '\0';
    snprintf(text, sizeof(text), "%s %s\n", pat, line_a);
    EXPECT_EQ(check(text, host, 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(negation)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "*.example.com,!bad.example.com %s\n", line_a);
    EXPECT_EQ(check(text, "good.example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "bad.example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check(text, "BAD.example.com", 22, key_b), SSHC_KNOWN_HOST_NOT_FOUND);
    /* Order does not matter: a negated match excludes the line. */
    snprintf(text, sizeof(text), "!bad.example.com,*.example.com %s\n", line_a);
    EXPECT_EQ(check(text, "bad.example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    /* A negation alone matches nothing. */
    snprintf(text, sizeof(text), "!bad.example.com %s\n", line_a);
    EXPECT_EQ(check(text, "good.example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
}

/* "|1|salt|hash" for name with a fixed salt. */
static void hashed_name(const char *name, char *out, size_t cap)
{
    uint8_t salt[20], mac[20];
    char salt64[32], mac64[32];
    for (int i = 0; i < 20; i++) {
        salt[i] = (uint8_t)(i * 7 + 1);
    }
    EXPECT_OK(sshc_hmac_sha1(salt, sizeof(salt), (const uint8_t *)name, strlen(name), mac));
    sshc_base64_encode(salt, sizeof(salt), salt64, sizeof(salt64), true);
    sshc_base64_encode(mac, sizeof(mac), mac64, sizeof(mac64), true);
    snprintf(out, cap, "|1|%s|%s", salt64, mac64);
}

TEST(hmac_sha1_rfc2202)
{
    /* RFC 2202 test case 2. */
    uint8_t mac[20], want[20];
    sshc_test_unhex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", want, sizeof(want));
    EXPECT_OK(sshc_hmac_sha1((const uint8_t *)"Jefe", 4,
                             (const uint8_t *)"what do ya want for nothing?", 28, mac));
    EXPECT_MEM(mac, want, 20);
}

TEST(hashed_host)
{
    setup();
    char h1[128], h2[128], text[1024];
    hashed_name("example.com", h1, sizeof(h1));
    hashed_name("[example.com]:2222", h2, sizeof(h2));
    snprintf(text, sizeof(text), "%s %s\n%s %s\n", h1, line_a, h2, line_b);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "Example.Com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.com", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
    EXPECT_EQ(check(text, "example.com", 2222, key_b), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.org", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    /* Malformed hashed names never match. */
    snprintf(text, sizeof(text),
             "|1|AAAA %s\n|1||%s %s\n|1|!!!!|AAAA %s\n|2|AAAA|AAAA %s\n|1|AAAA|AAAA %s\n",
             line_a, "AAAA", line_a, line_a, line_a, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(revoked)
{
    setup();
    char text[1024];
    snprintf(text, sizeof(text), "example.com %s\n@revoked * %s\n", line_a, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_REVOKED);
    EXPECT_EQ(check(text, "other.com", 2222, key_a), SSHC_KNOWN_HOST_REVOKED);
    EXPECT_EQ(check(text, "example.com", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
    /* A revoked key is refused whatever the line's host patterns say. */
    snprintf(text, sizeof(text), "@revoked other.com %s\nexample.com %s\n", line_a, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_REVOKED);
    /* @cert-authority lines (not supported) and unknown markers are skipped. */
    snprintf(text, sizeof(text), "@cert-authority example.com %s\n@bogus example.com %s\n",
             line_a, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check("@revoked\n@revoked *\n@revoked * ssh-ed25519\n", "example.com", 22, key_a),
              SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(comments_blank_lines_and_crlf)
{
    setup();
    char text[1024];
    snprintf(text, sizeof(text),
             "# a comment example.com %s\n\n   \n\t# indented comment\n"
             "  example.com\t%s  trailing comment\r\n\n",
             line_b, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "example.com", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
    EXPECT_EQ(check("# only\n\n", "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(no_trailing_newline)
{
    setup();
    char text[1024];
    snprintf(text, sizeof(text), "other.com %s\nexample.com %s", line_b, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(check(text, "other.com", 22, key_b), SSHC_KNOWN_HOST_OK);
    /* Cut inside the base64: the last line no longer parses and is skipped. */
    EXPECT_EQ(check_len(text, strlen(text) - 5, "example.com", 22, key_a),
              SSHC_KNOWN_HOST_NOT_FOUND);
    /* Cut inside the host name. */
    EXPECT_EQ(check_len(text, strlen(text) - strlen(line_a) - 3, "example.com", 22, key_a),
              SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(garbage_lines_skipped)
{
    setup();
    char text[2048];
    snprintf(text, sizeof(text),
             "garbage\n"
             "example.com\n"
             "example.com ssh-ed25519\n"
             "example.com ssh-ed25519 !!!not-base64!!!\n"
             "example.com ssh-ed25519 AAAA\n"
             "example.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ==\n"
             "example.com ssh-unknown-type AAAA comment\n"
             "example.com ssh-rsa %s\n" /* type does not match the blob */
             "\x01\x02\xff binary \x7f\n"
             ",,, %s\n"
             "example.com %s\n",
             line_a + strlen("ssh-ed25519 "), line_b, line_a);
    EXPECT_EQ(check(text, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    /* The malformed lines name the host but do not make it CHANGED. */
    EXPECT_EQ(check(text, "example.com", 22, key_b), SSHC_KNOWN_HOST_CHANGED);
    char *cut = strstr(text, "\x01");
    EXPECT_TRUE(cut != NULL);
    if (cut != NULL) {
        EXPECT_EQ(check_len(text, (size_t)(cut - text), "example.com", 22, key_b),
                  SSHC_KNOWN_HOST_NOT_FOUND);
    }
    /* NUL bytes inside the contents. */
    static const char nul[] = "exa\0mple.com x\0y\n";
    EXPECT_EQ(check_len(nul, sizeof(nul) - 1, "example.com", 22, key_a),
              SSHC_KNOWN_HOST_NOT_FOUND);
}

TEST(overlong_line_skipped)
{
    setup();
    size_t pad = 70000;
    size_t cap = pad + 1024;
    char *text = malloc(cap);
    EXPECT_TRUE(text != NULL);
    if (text == NULL) {
        return;
    }
    size_t off = (size_t)snprintf(text, cap, "example.com,");
    memset(text + off, 'x', pad);
    off += pad;
    off += (size_t)snprintf(text + off, cap - off, " %s\nother.com %s\n", line_a, line_a);
    EXPECT_EQ(check_len(text, off, "example.com", 22, key_a), SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_EQ(check_len(text, off, "other.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    free(text);
}

static void temp_path(char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/sshc_kh_XXXXXX");
    int fd = mkstemp(path);
    EXPECT_TRUE(fd >= 0);
    if (fd >= 0) {
        close(fd);
    }
}

TEST(add_then_check_file)
{
    setup();
    char path[64];
    temp_path(path, sizeof(path));
    unlink(path); /* add_file creates it */
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 22, key_a),
              SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_OK(sshc_known_hosts_add_file(path, "example.com", 22, key_a));
    struct stat st;
    EXPECT_EQ(stat(path, &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 22, key_b),
              SSHC_KNOWN_HOST_CHANGED);
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 2222, key_b),
              SSHC_KNOWN_HOST_NOT_FOUND);
    EXPECT_OK(sshc_known_hosts_add_file(path, "example.com", 2222, key_b));
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 2222, key_b), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(sshc_known_hosts_check_file(path, "example.com", 22, key_a), SSHC_KNOWN_HOST_OK);

    uint8_t *buf = NULL;
    size_t len = 0;
    EXPECT_OK(sshc_read_file(path, &buf, &len));
    char want[1024];
    snprintf(want, sizeof(want), "example.com %s\n[example.com]:2222 %s\n", line_a, line_b);
    EXPECT_STR((const char *)buf, want);
    free(buf);
    unlink(path);

    EXPECT_ERR(sshc_known_hosts_add_file(path, "bad host", 22, key_a), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_known_hosts_add_file(path, "a,b", 22, key_a), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_known_hosts_add_file(path, "", 22, key_a), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_known_hosts_add_file("/nonexistent-dir/known_hosts", "h", 22, key_a),
               SSHC_E_NOT_FOUND);
}

TEST(add_file_without_final_newline)
{
    setup();
    char path[64];
    temp_path(path, sizeof(path));
    FILE *f = fopen(path, "w");
    EXPECT_TRUE(f != NULL);
    if (f == NULL) {
        return;
    }
    fprintf(f, "first.com %s", line_b);
    fclose(f);
    EXPECT_OK(sshc_known_hosts_add_file(path, "second.com", 22, key_a));
    EXPECT_EQ(sshc_known_hosts_check_file(path, "first.com", 22, key_b), SSHC_KNOWN_HOST_OK);
    EXPECT_EQ(sshc_known_hosts_check_file(path, "second.com", 22, key_a), SSHC_KNOWN_HOST_OK);
    uint8_t *buf = NULL;
    size_t len = 0;
    EXPECT_OK(sshc_read_file(path, &buf, &len));
    char want[1024];
    snprintf(want, sizeof(want), "first.com %s\nsecond.com %s\n", line_b, line_a);
    EXPECT_STR((const char *)buf, want);
    free(buf);
    unlink(path);
}

RUN_TESTS()
