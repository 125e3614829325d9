/*
 * sshc-keygen: make and inspect keys, with ssh-keygen's flags for the
 * common jobs.
 *
 *   sshc-keygen [-q] -t ed25519 [-f file] [-N ''] [-C comment]
 *   sshc-keygen -l -f file        (fingerprint, SHA256)
 *   sshc-keygen -y -f file        (public key line from a private key)
 *
 * Only ed25519 and unencrypted files for now (-N must be empty).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sshcore.h"

static int fail(const char *what, const char *why)
{
    fprintf(stderr, "sshc-keygen: %s: %s\n", what, why);
    return 1;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        return -1;
    }
    size_t n = strlen(text);
    ssize_t w = write(fd, text, n);
    int r = (w == (ssize_t)n && fchmod(fd, mode) == 0) ? 0 : -1;
    return close(fd) == 0 ? r : -1;
}

/* Load a public key from file, or from its private key file. */
static int load_any(const char *path, sshc_key **key)
{
    int r = sshc_key_load_public_file(path, key);
    if (r != SSHC_OK) {
        r = sshc_key_load_file(path, NULL, key);
    }
    return r;
}

static int fingerprint(const char *path)
{
    sshc_key *key = NULL;
    int r = load_any(path, &key);
    if (r != SSHC_OK) {
        return fail(path, sshc_strerror(r));
    }
    char fp[128];
    sshc_key_fingerprint_sha256(key, fp, sizeof(fp));
    const char *type = sshc_key_type_name(key);
    printf("256 %s %s (%s)\n", fp, path, strcmp(type, "ssh-ed25519") == 0 ? "ED25519" : type);
    sshc_key_free(key);
    return 0;
}

static int print_public(const char *path)
{
    sshc_key *key = NULL;
    int r = sshc_key_load_file(path, NULL, &key);
    if (r != SSHC_OK) {
        return fail(path, sshc_strerror(r));
    }
    char *line = NULL;
    r = sshc_key_format_public_line(key, NULL, &line);
    if (r != SSHC_OK) {
        sshc_key_free(key);
        return fail(path, sshc_strerror(r));
    }
    printf("%s\n", line);
    free(line);
    sshc_key_free(key);
    return 0;
}

static int generate(const char *type, const char *path, const char *comment, bool quiet)
{
    if (strcmp(type, "ed25519") != 0) {
        return fail(type, "key type not supported yet (ed25519 only)");
    }
    if (access(path, F_OK) == 0) {
        return fail(path, "already exists");
    }
    sshc_key *key = NULL;
    int r = sshc_key_generate(SSHC_KEY_ED25519, &key);
    if (r != SSHC_OK) {
        return fail("generate", sshc_strerror(r));
    }
    char *priv = NULL, *pub = NULL;
    r = sshc_key_format_private_file(key, comment, &priv);
    if (r == SSHC_OK) {
        r = sshc_key_format_public_line(key, comment, &pub);
    }
    if (r != SSHC_OK) {
        sshc_key_free(key);
        return fail("format", sshc_strerror(r));
    }
    size_t n = strlen(path) + 5;
    char *pub_path = malloc(n);
    char *pub_text = malloc(strlen(pub) + 2);
    int ret = 0;
    if (pub_path == NULL || pub_text == NULL) {
        ret = fail("generate", "out of memory");
    } else {
        snprintf(pub_path, n, "%s.pub", path);
        snprintf(pub_text, strlen(pub) + 2, "%s\n", pub);
        if (write_file(path, priv, 0600) != 0) {
            ret = fail(path, strerror(errno));
        } else if (write_file(pub_path, pub_text, 0644) != 0) {
            ret = fail(pub_path, strerror(errno));
        } else if (!quiet) {
            char fp[128];
            sshc_key_fingerprint_sha256(key, fp, sizeof(fp));
            printf("Your identification has been saved in %s\n", path);
            printf("Your public key has been saved in %s\n", pub_path);
            printf("The key fingerprint is:\n%s %s\n", fp, comment);
        }
    }
    memset(priv, 0, strlen(priv));
    free(priv);
    free(pub);
    free(pub_path);
    free(pub_text);
    sshc_key_free(key);
    return ret;
}

int main(int argc, char **argv)
{
    const char *type = "ed25519", *file = NULL, *passphrase = "", *comment = NULL;
    bool list = false, public_only = false, quiet = false;
    int opt;
    while ((opt = getopt(argc, argv, "t:b:f:N:C:lyqE:")) != -1) {
        switch (opt) {
        case 't': type = optarg; break;
        case 'b': break; /* ed25519 has one size */
        case 'f': file = optarg; break;
        case 'N': passphrase = optarg; break;
        case 'C': comment = optarg; break;
        case 'l': list = true; break;
        case 'y': public_only = true; break;
        case 'q': quiet = true; break;
        case 'E':
            if (strcmp(optarg, "sha256") != 0) {
                return fail(optarg, "only sha256 fingerprints are supported yet");
            }
            break;
        default:
            fprintf(stderr, "usage: sshc-keygen [-q] [-t ed25519] [-f file] [-N ''] [-C comment]\n"
                            "       sshc-keygen -l -f file\n       sshc-keygen -y -f file\n");
            return 1;
        }
    }
    if ((list || public_only) && file == NULL) {
        return fail("-f", "a file is required");
    }
    if (list) {
        return fingerprint(file);
    }
    if (public_only) {
        return print_public(file);
    }
    if (passphrase[0] != '\0') {
        return fail("-N", "passphrase-protected keys are not supported yet");
    }
    char default_comment[300];
    if (comment == NULL) {
        char host[256] = "localhost";
        gethostname(host, sizeof(host) - 1);
        const char *user = getenv("USER") ? getenv("USER") : "user";
        snprintf(default_comment, sizeof(default_comment), "%s@%s", user, host);
        comment = default_comment;
    }
    char default_file[4096];
    if (file == NULL) {
        snprintf(default_file, sizeof(default_file), "%s/.ssh/id_ed25519",
                 getenv("HOME") ? getenv("HOME") : ".");
        file = default_file;
    }
    return generate(type, file, comment, quiet);
}
