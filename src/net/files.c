/*
 * The file side of keys, known_hosts and authorized_keys (STYLE.md §13):
 * these functions read or append files and hand the bytes to the pure
 * parsers, which never touch the file system themselves.
 */
#include "net/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/known_hosts.h"
#include "core/mem.h"
#include "net/socket.h"
#include "sshcore.h"

int sshc_read_file(const char *path, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return errno == ENOENT ? SSHC_E_NOT_FOUND : SSHC_E_IO;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    int r = buf == NULL ? SSHC_E_NOMEM : SSHC_OK;
    while (r == SSHC_OK) {
        if (n == cap) {
            if (cap >= SSHC_MAX_FILE) {
                r = SSHC_E_LIMIT;
                break;
            }
            cap *= 2;
            uint8_t *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                r = SSHC_E_NOMEM;
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            r = ferror(f) ? SSHC_E_IO : SSHC_OK;
            break;
        }
    }
    fclose(f);
    if (r != SSHC_OK) {
        free(buf);
        return r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return SSHC_OK;
}

int sshc_key_load_file(const char *path, const char *passphrase, sshc_key **out)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (path == NULL || out == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    int r = sshc_read_file(path, &data, &len);
    if (r != SSHC_OK) {
        return r;
    }
    r = sshc_key_parse_private(data, len, passphrase, out);
    sshc_free_secret(data, len);
    return r;
}

int sshc_key_load_public_file(const char *path, sshc_key **out)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (path == NULL || out == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    int r = sshc_read_file(path, &data, &len);
    if (r == SSHC_OK) {
        r = strlen((char *)data) != len ? SSHC_E_BAD_FORMAT
                                        : sshc_key_parse_public_line((char *)data, out);
        free(data);
    }
    return r;
}

int sshc_known_hosts_check_file(const char *path, const char *host, uint16_t port,
                                const sshc_key *key)
{
    if (path == NULL || host == NULL || key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    int r = sshc_read_file(path, &buf, &len);
    if (r == SSHC_E_NOT_FOUND) {
        return SSHC_KNOWN_HOST_NOT_FOUND;
    }
    if (r != SSHC_OK) {
        return r;
    }
    r = sshc_known_hosts_check(buf, len, host, port, key);
    free(buf);
    return r;
}

int sshc_known_hosts_add_file(const char *path, const char *host, uint16_t port,
                              const sshc_key *key)
{
    if (path == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    char *line = NULL;
    int r = sshc_known_hosts_format_line(host, port, key, &line);
    if (r != SSHC_OK) {
        return r;
    }
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        free(line);
        return errno == ENOENT ? SSHC_E_NOT_FOUND : SSHC_E_IO;
    }
    /* Start on a line of our own, even when the file does not end with a newline. */
    struct stat st;
    r = fstat(fd, &st) == 0 ? SSHC_OK : SSHC_E_IO;
    if (r == SSHC_OK && st.st_size > 0) {
        char last = '\n';
        if (pread(fd, &last, 1, st.st_size - 1) != 1) {
            r = SSHC_E_IO;
        } else if (last != '\n') {
            r = sshc_write_all(fd, (const uint8_t *)"\n", 1);
        }
    }
    if (r == SSHC_OK) {
        r = sshc_write_all(fd, (const uint8_t *)line, strlen(line));
    }
    free(line);
    if (close(fd) != 0 && r == SSHC_OK) {
        r = SSHC_E_IO;
    }
    return r;
}

int sshc_authorized_keys_match_file(const char *path, const sshc_key *key)
{
    if (path == NULL || key == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t *buf = NULL;
    size_t len = 0;
    int r = sshc_read_file(path, &buf, &len);
    if (r == SSHC_E_NOT_FOUND) {
        return 0;
    }
    if (r != SSHC_OK) {
        return r;
    }
    r = sshc_authorized_keys_match(buf, len, key);
    free(buf);
    return r;
}
