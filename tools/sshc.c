/*
 * sshc: run a command on an SSH server, like ssh(1).
 *
 *   sshc [-p port] [-l user] [-i identity_file] [-o Option=value]... [-v] [-q]
 *        [user@]host command...
 *
 * Options with OpenSSH's names: Port, User, IdentityFile,
 * StrictHostKeyChecking (yes / ask / no / accept-new), UserKnownHostsFile,
 * Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms, Compression, RekeyLimit,
 * ConnectTimeout, BatchMode, PasswordAuthentication; -C turns compression on. stdin goes to the remote command; the
 * exit status is the remote command's, or 255 on a connection, protocol or
 * authentication error, with a one-line reason on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sshcore.h"
#include "tool_options.h"

#define MAX_IDENTITIES 8
#define EXIT_ERROR 255

struct options {
    const char *host;
    const char *user;
    long port;
    const char *identities[MAX_IDENTITIES];
    size_t n_identities;
    const char *known_hosts;
    enum sshc_hostkey_policy policy;
    unsigned connect_timeout_s;
    bool batch;
    bool password_auth;
    int verbose;
    bool quiet;
};

static void die(const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "sshc: ");
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    exit(EXIT_ERROR);
}

static void log_line(void *ctx, enum sshc_log_level level, const char *msg)
{
    (void)ctx;
    (void)level;
    fprintf(stderr, "debug1: %s\n", msg);
}

static bool yes_no(const char *v, bool *out)
{
    if (strcasecmp(v, "yes") == 0) {
        *out = true;
    } else if (strcasecmp(v, "no") == 0) {
        *out = false;
    } else {
        return false;
    }
    return true;
}

static void apply_option(struct options *o, sshc_config *cfg, const char *arg)
{
    char name[64];
    const char *v;
    if (sshc_tool_split_option(arg, name, sizeof(name), &v) != SSHC_OK) {
        die("bad option: %s%s", arg, "");
    }
    int r = sshc_tool_algorithm_option(cfg, arg, false);
    if (r == SSHC_OK) {
        return;
    }
    if (r != SSHC_E_NOT_FOUND) {
        die("bad value for %s: %s", name, v);
    }
    if (strcasecmp(name, "Port") == 0) {
        o->port = strtol(v, NULL, 10);
    } else if (strcasecmp(name, "User") == 0) {
        o->user = v;
    } else if (strcasecmp(name, "IdentityFile") == 0) {
        if (o->n_identities < MAX_IDENTITIES) {
            o->identities[o->n_identities++] = v;
        }
    } else if (strcasecmp(name, "UserKnownHostsFile") == 0) {
        o->known_hosts = v;
    } else if (strcasecmp(name, "StrictHostKeyChecking") == 0) {
        if (strcasecmp(v, "yes") == 0) {
            o->policy = SSHC_HOSTKEY_REJECT;
        } else if (strcasecmp(v, "ask") == 0) {
            o->policy = SSHC_HOSTKEY_ASK;
        } else if (strcasecmp(v, "accept-new") == 0) {
            o->policy = SSHC_HOSTKEY_ACCEPT_NEW;
        } else if (strcasecmp(v, "no") == 0 || strcasecmp(v, "off") == 0) {
            o->policy = SSHC_HOSTKEY_WARN;
        } else {
            die("bad value for %s: %s", name, v);
        }
    } else if (strcasecmp(name, "ConnectTimeout") == 0) {
        o->connect_timeout_s = (unsigned)strtoul(v, NULL, 10);
    } else if (strcasecmp(name, "BatchMode") == 0) {
        if (!yes_no(v, &o->batch)) {
            die("bad value for %s: %s", name, v);
        }
    } else if (strcasecmp(name, "PasswordAuthentication") == 0) {
        if (!yes_no(v, &o->password_auth)) {
            die("bad value for %s: %s", name, v);
        }
    } else {
        die("unsupported option: %s%s", name, "");
    }
}

static char *home_path(const char *rest)
{
    const char *home = getenv("HOME");
    if (home == NULL) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : "/";
    }
    size_t n = strlen(home) + strlen(rest) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s", home, rest);
    }
    return p;
}

/* Run the SSH_ASKPASS program with prompt as its argument; its first output line is the answer. */
static char *askpass(const char *program, const char *prompt)
{
    int p[2];
    if (pipe(p) < 0) {
        return NULL;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], STDOUT_FILENO);
        execlp(program, program, prompt, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char buf[1024];
    size_t n = 0;
    ssize_t got;
    while (pid > 0 && n + 1 < sizeof(buf) && (got = read(p[0], buf + n, sizeof(buf) - 1 - n)) > 0) {
        n += (size_t)got;
    }
    close(p[0]);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        memset(buf, 0, sizeof(buf));
        return NULL; /* ssh treats a failing askpass as "no answer" */
    }
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    char *answer = strdup(buf);
    memset(buf, 0, sizeof(buf));
    return answer;
}

/*
 * Ask for a secret as ssh does: on the terminal with echo off, or through
 * SSH_ASKPASS when SSH_ASKPASS_REQUIRE says so ("force"; "prefer" when set)
 * or when there is no terminal and a display. NULL when nobody can answer.
 */
static char *read_password(const char *prompt)
{
    const char *program = getenv("SSH_ASKPASS");
    const char *require = getenv("SSH_ASKPASS_REQUIRE");
    bool have_program = program != NULL && program[0] != '\0';
    if (require != NULL && strcmp(require, "never") == 0) {
        have_program = false;
    } else if (have_program && require != NULL &&
               (strcmp(require, "force") == 0 || strcmp(require, "prefer") == 0)) {
        return askpass(program, prompt);
    }
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        bool display = getenv("DISPLAY") != NULL || getenv("WAYLAND_DISPLAY") != NULL;
        return have_program && display ? askpass(program, prompt) : NULL;
    }
    struct termios old, quiet;
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    (void)!write(fd, prompt, strlen(prompt));
    char buf[1024];
    size_t n = 0;
    char ch;
    while (n + 1 < sizeof(buf) && read(fd, &ch, 1) == 1 && ch != '\n') {
        buf[n++] = ch;
    }
    buf[n] = '\0';
    (void)!write(fd, "\n", 1);
    if (restore) {
        tcsetattr(fd, TCSAFLUSH, &old);
    }
    close(fd);
    char *p = strdup(buf);
    memset(buf, 0, sizeof(buf));
    return p;
}

/* StrictHostKeyChecking=ask: ssh's question on the terminal; no terminal or BatchMode: no. */
static bool ask_hostkey(void *ctx, const char *host, uint16_t port, const sshc_key *key,
                        const char *fingerprint)
{
    const struct options *o = ctx;
    if (o->batch) {
        return false;
    }
    FILE *tty = fopen("/dev/tty", "r+");
    if (tty == NULL) {
        return false;
    }
    fprintf(tty,
            "The authenticity of host '%s (port %u)' can't be established.\n"
            "%s key fingerprint is %s.\n"
            "Are you sure you want to continue connecting (yes/no/[fingerprint])? ",
            host, (unsigned)port, sshc_key_type_name(key), fingerprint);
    fflush(tty);
    bool yes = false;
    for (int tries = 0; tries < 3; tries++) {
        char line[256];
        if (fgets(line, sizeof(line), tty) == NULL) {
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        if (strcasecmp(line, "yes") == 0 || strcmp(line, fingerprint) == 0) {
            yes = true;
            break;
        }
        if (strcasecmp(line, "no") == 0) {
            break;
        }
        fprintf(tty, "Please type 'yes', 'no' or the fingerprint: ");
        fflush(tty);
    }
    fclose(tty);
    return yes;
}

static bool method_allowed(const char *methods, const char *m)
{
    size_t n = strlen(m);
    for (const char *p = methods; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, m, n) == 0) {
            return true;
        }
        p += len + (p[len] == ',');
    }
    return false;
}

static int authenticate(sshc_client *c, struct options *o)
{
    int r = sshc_client_auth_none(c, o->user);
    if (r != SSHC_E_AUTH_DENIED) {
        return r;
    }
    char *defaults[1] = {NULL};
    if (o->n_identities == 0) {
        defaults[0] = home_path(".ssh/id_ed25519");
        if (defaults[0] != NULL && access(defaults[0], R_OK) == 0) {
            o->identities[o->n_identities++] = defaults[0];
        }
    }
    for (size_t i = 0; i < o->n_identities && r == SSHC_E_AUTH_DENIED; i++) {
        if (!method_allowed(sshc_client_auth_methods(c), "publickey")) {
            break;
        }
        sshc_key *key = NULL;
        int kr = sshc_key_load_file(o->identities[i], NULL, &key);
        /* A protected key: ask for its passphrase as ssh does, never in batch mode. */
        for (int tries = 0; kr == SSHC_E_PASSPHRASE && !o->batch && tries < 3; tries++) {
            char prompt[600];
            snprintf(prompt, sizeof(prompt), "Enter passphrase for key '%s': ", o->identities[i]);
            char *pass = read_password(prompt);
            if (pass == NULL) {
                break;
            }
            kr = sshc_key_load_file(o->identities[i], pass, &key);
            memset(pass, 0, strlen(pass));
            free(pass);
        }
        if (kr != SSHC_OK) {
            /* Like ssh: a missing or unusable identity is reported and skipped. */
            fprintf(stderr, "sshc: identity %s: %s\n", o->identities[i], sshc_strerror(kr));
            continue;
        }
        if (o->verbose) {
            fprintf(stderr, "debug1: offering public key %s\n", o->identities[i]);
        }
        r = sshc_client_auth_publickey(c, o->user, key);
        if (r == SSHC_E_UNSUPPORTED) {
            fprintf(stderr, "sshc: identity %s: its algorithm is not in PubkeyAcceptedAlgorithms\n",
                    o->identities[i]);
            r = SSHC_E_AUTH_DENIED;
        }
        sshc_key_free(key);
    }
    free(defaults[0]);
    if (r == SSHC_E_AUTH_DENIED && o->password_auth && !o->batch &&
        method_allowed(sshc_client_auth_methods(c), "password")) {
        char prompt[512];
        snprintf(prompt, sizeof(prompt), "%s@%s's password: ", o->user, o->host);
        for (int tries = 0; tries < 3 && r == SSHC_E_AUTH_DENIED; tries++) {
            char *pw = read_password(prompt);
            if (pw == NULL) {
                break;
            }
            r = sshc_client_auth_password(c, o->user, pw);
            memset(pw, 0, strlen(pw));
            free(pw);
        }
    }
    return r;
}

static void usage(void)
{
    fprintf(stderr, "usage: sshc [-p port] [-l user] [-i identity_file] [-o Option=value]... "
                    "[-v] [-q] [-C] [user@]host command...\n");
    exit(EXIT_ERROR);
}

int main(int argc, char **argv)
{
    /* ssh's default StrictHostKeyChecking is "ask". */
    struct options o = {.port = 22, .policy = SSHC_HOSTKEY_ASK, .password_auth = true};
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_CLIENT);
    if (cfg == NULL) {
        die("out of memory%s%s", "", "");
    }
    int opt;
    /* '+': stop at the host, so the remote command keeps its own options. */
    while ((opt = getopt(argc, argv, "+p:l:i:o:vqC")) != -1) {
        switch (opt) {
        case 'p': o.port = strtol(optarg, NULL, 10); break;
        case 'l': o.user = optarg; break;
        case 'i':
            if (o.n_identities < MAX_IDENTITIES) {
                o.identities[o.n_identities++] = optarg;
            }
            break;
        case 'o': apply_option(&o, cfg, optarg); break;
        case 'v': o.verbose++; break;
        case 'q': o.quiet = true; break;
        case 'C': sshc_config_set_compression(cfg, "zlib@openssh.com,zlib,none"); break;
        default: usage();
        }
    }
    if (optind >= argc) {
        usage();
    }
    char *target = argv[optind++];
    char *at = strrchr(target, '@');
    if (at != NULL) {
        *at = '\0';
        if (o.user == NULL) {
            o.user = target;
        }
        o.host = at + 1;
    } else {
        o.host = target;
    }
    if (o.user == NULL) {
        struct passwd *pw = getpwuid(getuid());
        o.user = pw ? pw->pw_name : "root";
    }
    if (o.port <= 0 || o.port > 65535) {
        die("bad port%s%s", "", "");
    }
    if (optind >= argc) {
        die("interactive sessions are not supported yet; give a command%s%s", "", "");
    }
    /* The command: the remaining words joined by spaces, as ssh does. */
    size_t cmd_len = 1;
    for (int i = optind; i < argc; i++) {
        cmd_len += strlen(argv[i]) + 1;
    }
    char *command = calloc(1, cmd_len);
    for (int i = optind; i < argc && command; i++) {
        strcat(command, argv[i]);
        if (i + 1 < argc) {
            strcat(command, " ");
        }
    }
    if (o.verbose) {
        sshc_config_set_log(cfg, log_line, NULL, o.verbose > 1 ? SSHC_LOG_DEBUG : SSHC_LOG_INFO);
    }
    char *default_kh = o.known_hosts ? NULL : home_path(".ssh/known_hosts");
    sshc_tool_record_corpus(cfg, false);
    signal(SIGPIPE, SIG_IGN);

    sshc_client *c = sshc_client_new(cfg);
    if (c == NULL || command == NULL) {
        die("out of memory%s%s", "", "");
    }
    sshc_client_set_known_hosts(c, o.known_hosts ? o.known_hosts : default_kh, o.policy);
    sshc_client_set_hostkey_ask(c, ask_hostkey, &o);
    sshc_client_set_timeouts(c, o.connect_timeout_s * 1000u, 0);
    int status = -1;
    int r = sshc_client_connect(c, o.host, (uint16_t)o.port);
    if (r == SSHC_E_HOSTKEY_REJECTED || r == SSHC_E_HOSTKEY_CHANGED) {
        char fp[128] = "";
        if (sshc_client_host_key(c) != NULL) {
            sshc_key_fingerprint_sha256(sshc_client_host_key(c), fp, sizeof(fp));
        }
        fprintf(stderr, "sshc: %s host key for %s (%s): %s\n",
                r == SSHC_E_HOSTKEY_CHANGED ? "CHANGED" : "unknown or revoked", o.host, fp,
                "Host key verification failed.");
        status = EXIT_ERROR;
        goto out;
    }
    if (r != SSHC_OK) {
        const char *detail = sshc_client_session(c) ? sshc_session_error_detail(sshc_client_session(c)) : "";
        if (strcmp(detail, sshc_strerror(r)) == 0) {
            detail = ""; /* nothing more to say than the error itself */
        }
        fprintf(stderr, "sshc: connect to host %s port %ld: %s%s%s\n", o.host, o.port,
                r == SSHC_E_IO ? strerror(errno) : sshc_strerror(r), *detail ? ": " : "", detail);
        status = EXIT_ERROR;
        goto out;
    }
    if (o.verbose) {
        sshc_session *s = sshc_client_session(c);
        fprintf(stderr, "debug1: kex %s, host key %s, cipher %s, mac %s, compression %s\n",
                sshc_session_get_algorithm(s, "kex"), sshc_session_get_algorithm(s, "hostkey"),
                sshc_session_get_algorithm(s, "cipher_ctos"),
                sshc_session_get_algorithm(s, "mac_ctos"),
                sshc_session_get_algorithm(s, "comp_ctos"));
    }
    r = authenticate(c, &o);
    if (sshc_client_banner(c) != NULL && !o.quiet) {
        fputs(sshc_client_banner(c), stderr);
    }
    if (r != SSHC_OK) {
        if (r == SSHC_E_AUTH_DENIED) {
            fprintf(stderr, "sshc: %s@%s: Permission denied (%s).\n", o.user, o.host,
                    sshc_client_auth_methods(c));
        } else {
            fprintf(stderr, "sshc: authentication: %s\n", sshc_strerror(r));
        }
        status = EXIT_ERROR;
        goto out;
    }
    uint32_t ch;
    r = sshc_client_exec(c, command, &ch);
    if (r == SSHC_OK) {
        r = sshc_client_run_fds(c, ch, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, &status);
    }
    if (r != SSHC_OK) {
        fprintf(stderr, "sshc: %s: %s\n", r == SSHC_E_UNSUPPORTED ? "exec refused" : "session",
                sshc_strerror(r));
        status = EXIT_ERROR;
        goto out;
    }
    if (o.verbose) {
        fprintf(stderr, "debug1: key exchanges: %u\n", sshc_session_kex_count(sshc_client_session(c)));
    }
    if (status < 0) {
        status = EXIT_ERROR;
    }
out:
    sshc_client_free(c);
    sshc_config_free(cfg);
    free(command);
    free(default_kh);
    return status;
}
