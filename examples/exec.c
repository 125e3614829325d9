/*
 * The smallest useful program over libsshcore: connect, check the host key
 * against known_hosts, log in with a key file, run a command, print its
 * output and return its exit status.
 *
 *   cc exec.c $(pkg-config --cflags --libs sshcore) -o exec
 *   ./exec host port user key_file known_hosts command
 */
#include <sshcore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: %s host port user key_file known_hosts command\n", argv[0]);
        return 2;
    }
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_CLIENT);
    sshc_client *c = sshc_client_new(cfg);
    sshc_key *key = NULL;
    int status = 255;
    int r = sshc_key_load_file(argv[4], NULL, &key);
    if (r == SSHC_OK) {
        sshc_client_set_known_hosts(c, argv[5], SSHC_HOSTKEY_REJECT);
        sshc_client_set_timeouts(c, 10000, 0);
        r = sshc_client_connect(c, argv[1], (uint16_t)atoi(argv[2]));
    }
    if (r == SSHC_OK) {
        r = sshc_client_auth_publickey(c, argv[3], key);
    }
    uint32_t ch;
    if (r == SSHC_OK) {
        r = sshc_client_exec(c, argv[6], &ch);
    }
    if (r == SSHC_OK) {
        uint8_t buf[4096];
        size_t n;
        int stream;
        /* Read until both streams end; stdout to stdout, stderr to stderr. */
        while ((r = sshc_client_read(c, ch, buf, sizeof(buf), &n, &stream)) == SSHC_OK && n > 0) {
            fwrite(buf, 1, n, stream == 0 ? stdout : stderr);
        }
    }
    if (r == SSHC_OK) {
        r = sshc_client_wait_exit(c, ch, &status, NULL, 0);
    }
    if (r != SSHC_OK) {
        fprintf(stderr, "exec: %s\n", sshc_strerror(r));
        status = 255;
    }
    sshc_client_free(c);
    sshc_key_free(key);
    sshc_config_free(cfg);
    return status;
}
