/* Shared option handling for the tools (see tool_options.h). */
#include "tool_options.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

int sshc_tool_split_option(const char *option, char *name, size_t cap, const char **value)
{
    size_t n = strcspn(option, "= \t");
    if (n == 0 || n >= cap || option[n] == '\0') {
        return SSHC_E_INVALID_ARG;
    }
    memcpy(name, option, n);
    name[n] = '\0';
    const char *v = option + n;
    while (*v == '=' || *v == ' ' || *v == '\t') {
        v++;
    }
    *value = v;
    return SSHC_OK;
}

/* "1G", "500M", "64K", "100" bytes, or "default" (0: the library default). */
static int parse_size(const char *v, char **end, uint64_t *out)
{
    if (strncasecmp(v, "default", 7) == 0) {
        *end = (char *)v + 7;
        *out = 0;
        return SSHC_OK;
    }
    uint64_t n = strtoull(v, end, 10);
    if (*end == v) {
        return SSHC_E_INVALID_ARG;
    }
    switch (**end) {
    case 'K': case 'k': n <<= 10; (*end)++; break;
    case 'M': case 'm': n <<= 20; (*end)++; break;
    case 'G': case 'g': n <<= 30; (*end)++; break;
    default: break;
    }
    *out = n;
    return SSHC_OK;
}

/* ssh_config(5) RekeyLimit: "size [time]", time as 30s, 10m, 1h or "none". */
static int rekey_limit(sshc_config *cfg, const char *value)
{
    char *end;
    uint64_t bytes;
    if (parse_size(value, &end, &bytes) != SSHC_OK) {
        return SSHC_E_INVALID_ARG;
    }
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    unsigned long seconds = 0;
    if (*end != '\0' && strcasecmp(end, "none") != 0) {
        char *unit;
        seconds = strtoul(end, &unit, 10);
        if (unit == end) {
            return SSHC_E_INVALID_ARG;
        }
        if (*unit == 'm' || *unit == 'M') {
            seconds *= 60;
        } else if (*unit == 'h' || *unit == 'H') {
            seconds *= 3600;
        } else if (*unit != '\0' && *unit != 's' && *unit != 'S') {
            return SSHC_E_INVALID_ARG;
        }
    }
    return sshc_config_set_rekey_limit(cfg, bytes, (unsigned)seconds);
}

int sshc_tool_algorithm_option(sshc_config *cfg, const char *option, bool server)
{
    char name[64];
    const char *value;
    int r = sshc_tool_split_option(option, name, sizeof(name), &value);
    if (r != SSHC_OK) {
        return r;
    }
    if (strcasecmp(name, "Ciphers") == 0) {
        return sshc_config_set_ciphers(cfg, value);
    }
    if (strcasecmp(name, "MACs") == 0) {
        return sshc_config_set_macs(cfg, value);
    }
    if (strcasecmp(name, "KexAlgorithms") == 0) {
        return sshc_config_set_kex_algorithms(cfg, value);
    }
    if (strcasecmp(name, "Compression") == 0) {
        /* ssh offers zlib@openssh.com,zlib,none for yes; sshd offers none,zlib@openssh.com. */
        if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "delayed") == 0) {
            return sshc_config_set_compression(
                cfg, server ? "none,zlib@openssh.com" : "zlib@openssh.com,zlib,none");
        }
        return strcasecmp(value, "no") == 0 ? sshc_config_set_compression(cfg, "none")
                                            : SSHC_E_INVALID_ARG;
    }
    if (strcasecmp(name, "LoginGraceTime") == 0) {
        /* sshd_config(5): seconds (or with a unit) to finish logging in; 0 means no limit. */
        char *end;
        unsigned long secs = strtoul(value, &end, 10);
        if (end == value) {
            return SSHC_E_INVALID_ARG;
        }
        if (*end == 'm' || *end == 'M') {
            secs *= 60;
        } else if (*end != '\0' && *end != 's' && *end != 'S') {
            return SSHC_E_INVALID_ARG;
        }
        return sshc_config_set_login_grace(cfg, (unsigned)secs);
    }
    if (strcasecmp(name, "RekeyLimit") == 0) {
        return rekey_limit(cfg, value);
    }
    if (strcasecmp(name, "PubkeyAcceptedAlgorithms") == 0 ||
        strcasecmp(name, "PubkeyAcceptedKeyTypes") == 0) {
        return sshc_config_set_pubkey_algorithms(cfg, value);
    }
    if (strcasecmp(name, "HostKeyAlgorithms") == 0) {
        return sshc_config_set_hostkey_algorithms(cfg, value);
    }
    return SSHC_E_NOT_FOUND;
}

/* ---- corpus recording (fuzz/record_openssh.sh) ---------------------------- */

struct corpus_rec {
    FILE *session; /* inbound connection-layer payloads: uint16 length + bytes */
    char dir[512];
    char role[16];
    unsigned kexinits;
};

static struct corpus_rec corpus;

static void record_payload(void *ctx, bool outbound, const uint8_t *p, size_t n)
{
    struct corpus_rec *c = ctx;
    if (outbound || n == 0 || n > 65535) {
        return;
    }
    if (p[0] == 20 && c->kexinits < 4) {
        /* KEXINIT: the fuzz target takes what follows the message number. */
        char path[700];
        snprintf(path, sizeof(path), "%s/kexinit/%s-%ld-%u", c->dir, c->role, (long)getpid(),
                 c->kexinits++);
        FILE *f = fopen(path, "wb");
        if (f != NULL) {
            fwrite(p + 1, 1, n - 1, f);
            fclose(f);
        }
    }
    /* Userauth and connection messages feed the stateful session targets. */
    if (p[0] >= 50 && c->session != NULL) {
        uint8_t len[2] = {(uint8_t)(n >> 8), (uint8_t)n};
        fwrite(len, 1, 2, c->session);
        fwrite(p, 1, n, c->session);
        fflush(c->session);
    }
}

void sshc_tool_record_corpus(sshc_config *cfg, bool server)
{
    const char *dir = getenv("SSHC_TRACE_CORPUS");
    if (dir == NULL || dir[0] == '\0') {
        return;
    }
    snprintf(corpus.dir, sizeof(corpus.dir), "%s", dir);
    snprintf(corpus.role, sizeof(corpus.role), "%s", server ? "sshcd" : "sshc");
    char path[700];
    /* What a server receives seeds session_server; what a client receives, session_client. */
    snprintf(path, sizeof(path), "%s/%s/openssh-%s-%ld", dir,
             server ? "session_server" : "session_client", corpus.role, (long)getpid());
    corpus.session = fopen(path, "wb");
    sshc_config_set_trace(cfg, record_payload, &corpus);
}
