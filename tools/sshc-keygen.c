/*
 * sshc-keygen: make and inspect keys, with ssh-keygen's flags for the
 * common jobs.
 *
 *   sshc-keygen [-q] -t ed25519|rsa|ecdsa [-b bits] [-f file] [-N passphrase] [-a rounds]
 *               [-C comment]
 *     (rsa: -b 1024..16384, default 3072; ecdsa: -b 256|384|521, default 256)
 *   sshc-keygen -l [-E sha256|md5] -f file   (fingerprint)
 *   sshc-keygen -y [-P passphrase] -f file   (public key line from a private key)
 *   sshc-keygen -p [-P old] [-N new] [-a rounds] -f file   (change the passphrase)
 *
 * Passphrases protect files as ssh-keygen does (bcrypt kdf, aes256-ctr).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/key.h"
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

/* Bits of an RSA key's modulus (the blob's last mpint). */
static unsigned rsa_bits(const sshc_key *key)
{
    sshc_bld b;
    sshc_bld_init(&b, 16384);
    unsigned bits = 0;
    if (sshc_key_public_blob(key, &b) == SSHC_OK) {
        sshc_cur c;
        const uint8_t *p;
        size_t len;
        sshc_cur_init(&c, b.buf, b.len);
        sshc_cur_string(&c, &p, &len);
        sshc_cur_string(&c, &p, &len);
        sshc_cur_string(&c, &p, &len);
        while (c.err == SSHC_OK && len > 0 && p[0] == 0) {
            p++;
            len--;
        }
        if (c.err == SSHC_OK && len > 0) {
            bits = (unsigned)len * 8;
            for (uint8_t top = p[0]; (top & 0x80) == 0; top <<= 1) {
                bits--;
            }
        }
    }
    sshc_bld_clear(&b);
    return bits;
}

static int fingerprint(const char *path, bool md5)
{
    sshc_key *key = NULL;
    int r = load_any(path, &key);
    if (r != SSHC_OK) {
        return fail(path, sshc_strerror(r));
    }
    char fp[128];
    if (md5) {
        sshc_key_fingerprint_md5(key, fp, sizeof(fp));
    } else {
        sshc_key_fingerprint_sha256(key, fp, sizeof(fp));
    }
    const char *label = "ED25519";
    unsigned bits = 256;
    switch (sshc_key_get_type(key)) {
    case SSHC_KEY_RSA: label = "RSA"; bits = 0; break;
    case SSHC_KEY_ECDSA_P256: label = "ECDSA"; break;
    case SSHC_KEY_ECDSA_P384: label = "ECDSA"; bits = 384; break;
    case SSHC_KEY_ECDSA_P521: label = "ECDSA"; bits = 521; break;
    default: break;
    }
    if (bits == 0) {
        /* RSA: the modulus size */
        bits = rsa_bits(key);
    }
    printf("%u %s %s (%s)\n", bits, fp, path, label);
    sshc_key_free(key);
    return 0;
}

static int print_public(const char *path, const char *passphrase)
{
    sshc_key *key = NULL;
    int r = sshc_key_load_file(path, passphrase, &key);
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

/* -t and -b to a key type and size; SSHC_KEY_UNKNOWN on a bad combination. */
static enum sshc_key_type parse_type(const char *type, unsigned *bits)
{
    if (strcmp(type, "ed25519") == 0) {
        return *bits == 0 || *bits == 256 ? SSHC_KEY_ED25519 : SSHC_KEY_UNKNOWN;
    }
    if (strcmp(type, "rsa") == 0) {
        if (*bits == 0) {
            *bits = SSHC_RSA_DEFAULT_BITS;
        }
        return *bits >= SSHC_RSA_MIN_BITS && *bits <= SSHC_RSA_MAX_BITS ? SSHC_KEY_RSA
                                                                        : SSHC_KEY_UNKNOWN;
    }
    if (strcmp(type, "ecdsa") == 0) {
        switch (*bits) {
        case 0:
        case 256: return SSHC_KEY_ECDSA_P256;
        case 384: return SSHC_KEY_ECDSA_P384;
        case 521: return SSHC_KEY_ECDSA_P521;
        default: return SSHC_KEY_UNKNOWN;
        }
    }
    return SSHC_KEY_UNKNOWN;
}

/* -p: read with the old passphrase, write back with the new one, comment kept. */
static int change_passphrase(const char *path, const char *old, const char *new_pass,
                             unsigned rounds)
{
    sshc_key *key = NULL;
    int r = sshc_key_load_file(path, old, &key);
    if (r != SSHC_OK) {
        return fail(path, r == SSHC_E_PASSPHRASE && old == NULL
                              ? "the key is protected: give the old passphrase with -P"
                              : sshc_strerror(r));
    }
    char *text = NULL;
    r = sshc_key_format_private_file_pass(key, key->comment, new_pass, rounds, &text);
    int ret = 0;
    if (r != SSHC_OK) {
        ret = fail(path, sshc_strerror(r));
    } else if (write_file(path, text, 0600) != 0) {
        ret = fail(path, strerror(errno));
    } else {
        printf("Your identification has been saved with the new passphrase.\n");
    }
    if (text != NULL) {
        memset(text, 0, strlen(text));
        free(text);
    }
    sshc_key_free(key);
    return ret;
}

static int generate(const char *type, unsigned bits, const char *path, const char *comment,
                    bool quiet, const char *passphrase, unsigned rounds)
{
    enum sshc_key_type kt = parse_type(type, &bits);
    if (kt == SSHC_KEY_UNKNOWN) {
        return fail(type, "key type or size not supported (ed25519; rsa -b 1024..16384; "
                          "ecdsa -b 256|384|521)");
    }
    if (access(path, F_OK) == 0) {
        return fail(path, "already exists");
    }
    sshc_key *key = NULL;
    int r = sshc_key_generate_bits(kt, kt == SSHC_KEY_RSA ? bits : 0, &key);
    if (r != SSHC_OK) {
        return fail("generate", sshc_strerror(r));
    }
    char *priv = NULL, *pub = NULL;
    r = sshc_key_format_private_file_pass(key, comment, passphrase, rounds, &priv);
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
    const char *type = "ed25519", *file = NULL, *passphrase = "", *comment = NULL, *old = NULL;
    unsigned bits = 0, rounds = 0;
    char *end;
    bool list = false, public_only = false, quiet = false, change = false, md5 = false;
    int opt;
    while ((opt = getopt(argc, argv, "t:b:f:N:P:a:C:lypqE:")) != -1) {
        switch (opt) {
        case 't': type = optarg; break;
        case 'b':
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno != 0 || end == optarg || *end != '\0' || v == 0 || v > 65536) {
                return fail(optarg, "bad -b value");
            }
            bits = (unsigned)v;
            break;
        case 'f': file = optarg; break;
        case 'N': passphrase = optarg; break;
        case 'P': old = optarg; break;
        case 'p': change = true; break;
        case 'a':
            rounds = (unsigned)strtoul(optarg, &end, 10);
            if (end == optarg || *end != '\0' || rounds == 0 || rounds > 10000) {
                return fail(optarg, "bad -a value (1..10000)");
            }
            break;
        case 'C': comment = optarg; break;
        case 'l': list = true; break;
        case 'y': public_only = true; break;
        case 'q': quiet = true; break;
        case 'E':
            if (strcmp(optarg, "md5") == 0) {
                md5 = true;
            } else if (strcmp(optarg, "sha256") != 0) {
                return fail(optarg, "fingerprint hash must be sha256 or md5");
            }
            break;
        default:
            fprintf(stderr, "usage: sshc-keygen [-q] [-t ed25519|rsa|ecdsa] [-b bits] [-f file] "
                            "[-N passphrase] [-a rounds] [-C comment]\n"
                            "       sshc-keygen -l [-E sha256|md5] -f file\n"
                            "       sshc-keygen -y [-P passphrase] -f file\n"
                            "       sshc-keygen -p [-P old] [-N new] [-a rounds] -f file\n");
            return 1;
        }
    }
    if ((list || public_only || change) && file == NULL) {
        return fail("-f", "a file is required");
    }
    if (list) {
        return fingerprint(file, md5);
    }
    if (public_only) {
        return print_public(file, old);
    }
    if (change) {
        return change_passphrase(file, old, passphrase, rounds);
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
        snprintf(default_file, sizeof(default_file), "%s/.ssh/id_%s",
                 getenv("HOME") ? getenv("HOME") : ".", type);
        file = default_file;
    }
    return generate(type, bits, file, comment, quiet, passphrase, rounds);
}
