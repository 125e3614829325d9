/*
 * sshcd: a foreground SSH server over the event-loop driver.
 *
 *   sshcd -p port [-l listen_addr] -k host_key_file -a authorized_keys_file
 *         [-o Option=value]... [-v]
 *
 * Public key authentication against the authorized_keys file (re-read for
 * every attempt, as sshd does); commands run with /bin/sh -c as the
 * server's own user, whatever user name the client sends.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sshcore.h"
#include "tool_options.h"

static sshc_server *g_server;
static int g_verbose;

static void on_signal(int sig)
{
    (void)sig;
    sshc_server_stop(g_server);
}

static void log_line(void *ctx, enum sshc_log_level level, const char *msg)
{
    (void)ctx;
    static const char *names[] = {"error", "info", "debug", "trace"};
    fprintf(stderr, "sshcd[%ld]: %s: %s\n", (long)getpid(), names[level], msg);
}

static bool check_publickey(void *ctx, const char *user, const sshc_key *key)
{
    const char *path = ctx;
    int r = sshc_authorized_keys_match_file(path, key);
    char fp[128] = "";
    sshc_key_fingerprint_sha256(key, fp, sizeof(fp));
    if (r < 0) {
        fprintf(stderr, "sshcd: %s: %s\n", path, sshc_strerror(r));
    } else if (g_verbose || r == 1) {
        fprintf(stderr, "sshcd: publickey %s for %s: %s\n", fp, user, r == 1 ? "accepted" : "refused");
    }
    return r == 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: sshcd -p port [-l listen_addr] -k host_key_file "
                    "-a authorized_keys_file [-o Option=value]... [-v]\n");
    exit(255);
}

int main(int argc, char **argv)
{
    const char *addr = "127.0.0.1", *host_key = NULL, *auth_keys = NULL;
    long port = -1;
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_SERVER);
    if (cfg == NULL) {
        return 255;
    }
    /* As sshd: delayed compression offered unless Compression=no. */
    sshc_config_set_compression(cfg, "none,zlib@openssh.com");
    int opt;
    while ((opt = getopt(argc, argv, "p:l:k:a:o:v")) != -1) {
        switch (opt) {
        case 'p': port = strtol(optarg, NULL, 10); break;
        case 'l': addr = optarg; break;
        case 'k': host_key = optarg; break;
        case 'a': auth_keys = optarg; break;
        case 'v': g_verbose++; break;
        case 'o':
            if (sshc_tool_algorithm_option(cfg, optarg, true) != SSHC_OK) {
                fprintf(stderr, "sshcd: bad option: %s\n", optarg);
                return 255;
            }
            break;
        default: usage();
        }
    }
    if (port < 0 || port > 65535 || host_key == NULL || auth_keys == NULL || optind != argc) {
        usage();
    }
    sshc_config_set_log(cfg, log_line, NULL, g_verbose >= 2 ? SSHC_LOG_DEBUG
                                             : g_verbose ? SSHC_LOG_INFO : SSHC_LOG_ERROR);
    sshc_key *key = NULL;
    int r = sshc_key_load_file(host_key, NULL, &key);
    if (r != SSHC_OK) {
        fprintf(stderr, "sshcd: host key %s: %s\n", host_key, sshc_strerror(r));
        return 255;
    }
    sshc_config_add_host_key(cfg, key);
    sshc_key_free(key);
    sshc_config_set_auth_methods(cfg, "publickey");
    sshc_tool_record_corpus(cfg, true);
    sshc_server_callbacks cb = {.ctx = (void *)auth_keys, .check_publickey = check_publickey};
    g_server = sshc_server_new(cfg, &cb);
    if (g_server == NULL || (r = sshc_server_listen(g_server, addr, (uint16_t)port)) != SSHC_OK) {
        fprintf(stderr, "sshcd: cannot listen on %s port %ld: %s\n", addr, port,
                g_server ? sshc_strerror(r) : "out of memory");
        return 255;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    fprintf(stderr, "sshcd: listening on %s port %u\n", addr, (unsigned)sshc_server_port(g_server));
    r = sshc_server_run(g_server, -1);
    sshc_server_free(g_server);
    sshc_config_free(cfg);
    if (r != SSHC_OK) {
        fprintf(stderr, "sshcd: %s\n", sshc_strerror(r));
        return 255;
    }
    return 0;
}
