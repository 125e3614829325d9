/* authorized_keys: keys with and without options, quoting, malformed lines, files. */
#include "sshc_test.h"

#include <unistd.h>

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

/* Match text copied into an exactly sized, not NUL-terminated buffer. */
static int match_len(const char *text, size_t len, const sshc_key *key)
{
    uint8_t *buf = malloc(len > 0 ? len : 1);
    if (buf == NULL) {
        return SSHC_E_NOMEM;
    }
    memcpy(buf, text, len);
    int r = sshc_authorized_keys_match(buf, len, key);
    free(buf);
    return r;
}

static int match(const char *text, const sshc_key *key)
{
    return match_len(text, strlen(text), key);
}

TEST(plain_key)
{
    setup();
    char text[512];
    snprintf(text, sizeof(text), "%s user@host\n", line_a);
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match(text, key_b), 0);
    snprintf(text, sizeof(text), "%s", line_a); /* no comment, no newline */
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match("", key_a), 0);
    EXPECT_ERR(sshc_authorized_keys_match(NULL, 1, key_a), SSHC_E_INVALID_ARG);
}

TEST(several_keys)
{
    setup();
    char text[1024];
    snprintf(text, sizeof(text), "%s first\r\n%s second\r\n", line_b, line_a);
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match(text, key_b), 1);
    snprintf(text, sizeof(text), "%s only b\n", line_b);
    EXPECT_EQ(match(text, key_a), 0);
}

TEST(with_options)
{
    setup();
    char text[1024];
    snprintf(text, sizeof(text), "no-pty,no-port-forwarding %s comment\n", line_a);
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match(text, key_b), 0);
    snprintf(text, sizeof(text), "restrict %s\n", line_a);
    EXPECT_EQ(match(text, key_a), 1);
    snprintf(text, sizeof(text), "command=\"echo a b, c d\",no-pty %s comment here\n", line_a);
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match(text, key_b), 0);
    snprintf(text, sizeof(text),
             "from=\"*.example.com,!bad.example.com\",command=\"echo \\\"x y\\\" , z\" %s\n",
             line_a);
    EXPECT_EQ(match(text, key_a), 1);
    snprintf(text, sizeof(text), "environment=\"A=1 2\"\t%s\n", line_a);
    EXPECT_EQ(match(text, key_a), 1);
    /* The quoted part holds what looks like a key: only the real key counts. */
    snprintf(text, sizeof(text), "command=\"%s\" %s\n", line_b, line_a);
    EXPECT_EQ(match(text, key_a), 1);
    EXPECT_EQ(match(text, key_b), 0);
}

TEST(bad_options_skipped)
{
    setup();
    char text[1024];
    /* Quote left open: the line is skipped. */
    snprintf(text, sizeof(text), "command=\"echo %s\n", line_a);
    EXPECT_EQ(match(text, key_a), 0);
    /* Two option fields: not a valid line. */
    snprintf(text, sizeof(text), "no-pty no-x11 %s\n", line_a);
    EXPECT_EQ(match(text, key_a), 0);
    /* Options without a key. */
    EXPECT_EQ(match("no-pty\nno-pty ssh-ed25519\n", key_a), 0);
}

TEST(comments_and_garbage_skipped)
{
    setup();
    char text[2048];
    snprintf(text, sizeof(text),
             "# %s\n"
             "\n   \n"
             "garbage\n"
             "ssh-ed25519\n"
             "ssh-ed25519 !!!not-base64!!!\n"
             "ssh-ed25519 AAAA\n"
             "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== rsa key\n"
             "no-pty ssh-unknown AAAA\n"
             "ssh-rsa %s\n" /* type does not match the blob */
             "\x01\x02\xff binary \x7f\n"
             "%s good\n",
             line_a, line_a + strlen("ssh-ed25519 "), line_b);
    EXPECT_EQ(match(text, key_a), 0);
    EXPECT_EQ(match(text, key_b), 1);
    static const char nul[] = "ssh-ed25519\0AAAA\n\0\0\0\n";
    EXPECT_EQ(match_len(nul, sizeof(nul) - 1, key_a), 0);
    /* Cut inside the base64 of the last line. */
    snprintf(text, sizeof(text), "%s", line_a);
    EXPECT_EQ(match_len(text, strlen(text) - 4, key_a), 0);
}

TEST(overlong_line_skipped)
{
    setup();
    size_t pad = 70000, cap = pad + 1024;
    char *text = malloc(cap);
    EXPECT_TRUE(text != NULL);
    if (text == NULL) {
        return;
    }
    size_t off = (size_t)snprintf(text, cap, "command=\"");
    memset(text + off, 'x', pad);
    off += pad;
    off += (size_t)snprintf(text + off, cap - off, "\" %s\n", line_a);
    EXPECT_EQ(match_len(text, off, key_a), 0);
    off += (size_t)snprintf(text + off, cap - off, "%s\n", line_b);
    EXPECT_EQ(match_len(text, off, key_b), 1);
    free(text);
}

TEST(files)
{
    setup();
    EXPECT_EQ(sshc_authorized_keys_match_file("/nonexistent-dir/authorized_keys", key_a), 0);
    char path[64];
    snprintf(path, sizeof(path), "/tmp/sshc_ak_XXXXXX");
    int fd = mkstemp(path);
    EXPECT_TRUE(fd >= 0);
    if (fd < 0) {
        return;
    }
    FILE *f = fdopen(fd, "w");
    EXPECT_TRUE(f != NULL);
    if (f == NULL) {
        close(fd);
        unlink(path);
        return;
    }
    fprintf(f, "# keys\ncommand=\"uptime\",no-pty %s laptop\n", line_a);
    fclose(f);
    EXPECT_EQ(sshc_authorized_keys_match_file(path, key_a), 1);
    EXPECT_EQ(sshc_authorized_keys_match_file(path, key_b), 0);
    unlink(path);
    EXPECT_EQ(sshc_authorized_keys_match_file(path, key_a), 0);
}

RUN_TESTS()
