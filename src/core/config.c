/*
 * sshc_config: defaults, limits, algorithm preference lists and hooks.
 *
 * Algorithm lists are checked against the algorithm tables when they are
 * set, so a session never meets a name it cannot run.
 */
#include "core/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alglist.h"
#include "core/cursor.h"
#include "core/mem.h"
#include "crypto/cipher.h"
#include "crypto/key.h"
#include "crypto/mac.h"
#include "crypto/rand.h"
#include "transport/compress.h"
#include "transport/kex.h"

sshc_config *sshc_config_new(enum sshc_role role)
{
    if (role != SSHC_ROLE_CLIENT && role != SSHC_ROLE_SERVER) {
        return NULL;
    }
    sshc_config *cfg = sshc_calloc(1, sizeof(*cfg));
    if (cfg == NULL) {
        return NULL;
    }
    cfg->role = role;
    snprintf(cfg->kex, sizeof(cfg->kex), "%s", sshc_kex_default_list());
    snprintf(cfg->hostkey, sizeof(cfg->hostkey), "%s", sshc_sig_default_list());
    snprintf(cfg->pubkey, sizeof(cfg->pubkey), "%s", sshc_sig_default_list());
    snprintf(cfg->ciphers, sizeof(cfg->ciphers), "%s", sshc_cipher_default_list());
    snprintf(cfg->macs, sizeof(cfg->macs), "%s", sshc_mac_default_list());
    snprintf(cfg->compression, sizeof(cfg->compression), "none");
    snprintf(cfg->auth_methods, sizeof(cfg->auth_methods), "publickey,password");
    snprintf(cfg->software_version, sizeof(cfg->software_version), "libsshcore_0.1");
    cfg->max_packet = SSHC_MAX_PACKET_DEFAULT;
    cfg->window = SSHC_WINDOW_DEFAULT;
    cfg->channel_max_packet = SSHC_CHANNEL_MAX_PACKET_DEFAULT;
    cfg->max_channels = SSHC_MAX_CHANNELS_DEFAULT;
    cfg->max_auth_tries = SSHC_MAX_AUTH_TRIES_DEFAULT;
    cfg->login_grace_s = SSHC_LOGIN_GRACE_DEFAULT;
    cfg->rekey_bytes = SSHC_REKEY_BYTES_DEFAULT;
    cfg->rekey_seconds = SSHC_REKEY_SECONDS_DEFAULT;
    cfg->rng = sshc_rand_system;
    cfg->log_level = SSHC_LOG_ERROR;
    return cfg;
}

void sshc_config_free(sshc_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    for (size_t i = 0; i < cfg->n_host_keys; i++) {
        sshc_key_free(cfg->host_keys[i]);
    }
    free(cfg->banner);
    free(cfg);
}

/* Every supported name of a table, in table order, as a comma list. */
typedef const char *(*name_at_fn)(size_t i);

static const char *kex_name_at(size_t i)
{
    const sshc_kex_alg *a = sshc_kex_at(i);
    return a ? a->name : NULL;
}
static const char *cipher_name_at(size_t i)
{
    const sshc_cipher_alg *a = sshc_cipher_at(i);
    return a ? a->name : NULL;
}
static const char *mac_name_at(size_t i)
{
    const sshc_mac_alg *a = sshc_mac_at(i);
    return a ? a->name : NULL;
}
/* Signature algorithms live in the key types' table; these are the names it may know. */
static const char *const sig_candidates[] = {
    "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
    "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss",
};
static const char *sig_name_at(size_t i)
{
    if (i >= sizeof(sig_candidates) / sizeof(sig_candidates[0])) {
        return NULL;
    }
    const char *n = sig_candidates[i];
    return sshc_sig_alg_known(n, strlen(n)) ? n : ""; /* "": not in this build, skipped */
}

static void all_names(name_at_fn at, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; at(i) != NULL; i++) {
        const char *n = at(i);
        size_t len = strlen(n);
        if (len == 0 || used + len + 2 > cap) {
            continue;
        }
        if (used > 0) {
            buf[used++] = ',';
        }
        memcpy(buf + used, n, len + 1);
        used += len;
    }
}

/* Apply an ssh_config-style list (see core/alglist.h) and store the result. */
static int set_list(char *dst, const char *spec, const char *defaults, name_at_fn at)
{
    char all[SSHC_MAX_LIST * 2];
    if (spec == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    all_names(at, all, sizeof(all));
    return sshc_alglist_assemble(spec, defaults, all, dst, SSHC_MAX_LIST);
}

int sshc_config_set_kex_algorithms(sshc_config *cfg, const char *list)
{
    return cfg ? set_list(cfg->kex, list, sshc_kex_default_list(), kex_name_at)
               : SSHC_E_INVALID_ARG;
}

int sshc_config_set_hostkey_algorithms(sshc_config *cfg, const char *list)
{
    return cfg ? set_list(cfg->hostkey, list, sshc_sig_default_list(), sig_name_at)
               : SSHC_E_INVALID_ARG;
}

int sshc_config_set_pubkey_algorithms(sshc_config *cfg, const char *list)
{
    return cfg ? set_list(cfg->pubkey, list, sshc_sig_default_list(), sig_name_at)
               : SSHC_E_INVALID_ARG;
}

int sshc_config_set_ciphers(sshc_config *cfg, const char *list)
{
    return cfg ? set_list(cfg->ciphers, list, sshc_cipher_default_list(), cipher_name_at)
               : SSHC_E_INVALID_ARG;
}

int sshc_config_set_macs(sshc_config *cfg, const char *list)
{
    return cfg ? set_list(cfg->macs, list, sshc_mac_default_list(), mac_name_at)
               : SSHC_E_INVALID_ARG;
}

int sshc_config_set_compression(sshc_config *cfg, const char *list)
{
    if (cfg == NULL || list == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    return sshc_alglist_assemble(list, "none", SSHC_COMP_ALL, cfg->compression,
                                 sizeof(cfg->compression));
}

const char *sshc_config_get_kex_algorithms(const sshc_config *cfg)
{
    return cfg ? cfg->kex : "";
}

const char *sshc_config_get_ciphers(const sshc_config *cfg)
{
    return cfg ? cfg->ciphers : "";
}

const char *sshc_config_get_macs(const sshc_config *cfg)
{
    return cfg ? cfg->macs : "";
}

int sshc_config_set_max_packet(sshc_config *cfg, size_t bytes)
{
    /* RFC 4253 §6.1: at least 35000 bytes must be accepted. */
    if (cfg == NULL || bytes < SSHC_MAX_PACKET_MIN || bytes > 16u * 1024u * 1024u) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->max_packet = bytes;
    return SSHC_OK;
}

int sshc_config_set_channel_window(sshc_config *cfg, size_t window, size_t max_packet)
{
    if (cfg == NULL || window == 0 || window > SSHC_WINDOW_MAX || max_packet < 1024 ||
        max_packet > window || max_packet + 1024 > cfg->max_packet) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->window = window;
    cfg->channel_max_packet = max_packet;
    return SSHC_OK;
}

int sshc_config_set_rng(sshc_config *cfg, sshc_rng_fn fn, void *ctx)
{
    if (cfg == NULL || fn == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->rng = fn;
    cfg->rng_ctx = ctx;
    return SSHC_OK;
}

int sshc_config_set_log(sshc_config *cfg, sshc_log_fn fn, void *ctx, enum sshc_log_level level)
{
    if (cfg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->log = fn;
    cfg->log_ctx = ctx;
    cfg->log_level = level;
    return SSHC_OK;
}

int sshc_config_set_trace(sshc_config *cfg, sshc_trace_fn fn, void *ctx)
{
    if (cfg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->trace = fn;
    cfg->trace_ctx = ctx;
    return SSHC_OK;
}

int sshc_config_set_software_version(sshc_config *cfg, const char *version)
{
    if (cfg == NULL || version == NULL || version[0] == '\0' ||
        strlen(version) >= sizeof(cfg->software_version)) {
        return SSHC_E_INVALID_ARG;
    }
    /* RFC 4253 §4.2: printable US-ASCII, no spaces or minus signs. */
    for (const char *p = version; *p; p++) {
        if (*p <= 0x20 || *p >= 0x7f || *p == '-') {
            return SSHC_E_INVALID_ARG;
        }
    }
    snprintf(cfg->software_version, sizeof(cfg->software_version), "%s", version);
    return SSHC_OK;
}

int sshc_config_add_host_key(sshc_config *cfg, const sshc_key *key)
{
    if (cfg == NULL || key == NULL || !sshc_key_has_private(key)) {
        return SSHC_E_INVALID_ARG;
    }
    if (cfg->n_host_keys >= SSHC_MAX_HOST_KEYS) {
        return SSHC_E_LIMIT;
    }
    sshc_key *copy;
    int r = sshc_key_dup(key, &copy);
    if (r != SSHC_OK) {
        return r;
    }
    cfg->host_keys[cfg->n_host_keys++] = copy;
    return SSHC_OK;
}

int sshc_config_set_auth_methods(sshc_config *cfg, const char *list)
{
    if (cfg == NULL || list == NULL || strlen(list) >= sizeof(cfg->auth_methods)) {
        return SSHC_E_INVALID_ARG;
    }
    snprintf(cfg->auth_methods, sizeof(cfg->auth_methods), "%s", list);
    return SSHC_OK;
}

int sshc_config_set_max_auth_tries(sshc_config *cfg, unsigned tries)
{
    if (cfg == NULL || tries == 0) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->max_auth_tries = tries;
    return SSHC_OK;
}

int sshc_config_set_banner(sshc_config *cfg, const char *banner)
{
    if (cfg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    char *copy = NULL;
    if (banner != NULL) {
        if (strlen(banner) > 16384) {
            return SSHC_E_INVALID_ARG;
        }
        copy = sshc_strdup(banner);
        if (copy == NULL) {
            return SSHC_E_NOMEM;
        }
    }
    free(cfg->banner);
    cfg->banner = copy;
    return SSHC_OK;
}

int sshc_config_set_login_grace(sshc_config *cfg, unsigned seconds)
{
    if (cfg == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->login_grace_s = seconds;
    return SSHC_OK;
}

int sshc_config_set_max_channels(sshc_config *cfg, unsigned n)
{
    if (cfg == NULL || n == 0 || n > 65536) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->max_channels = n;
    return SSHC_OK;
}

int sshc_config_set_rekey_limit(sshc_config *cfg, uint64_t bytes, unsigned seconds)
{
    /* OpenSSH's RekeyLimit takes at least 16 bytes; below a few KiB every packet would rekey. */
    if (cfg == NULL || (bytes != 0 && bytes < 16 * 1024)) {
        return SSHC_E_INVALID_ARG;
    }
    cfg->rekey_bytes = bytes == 0 ? SSHC_REKEY_BYTES_DEFAULT : bytes;
    cfg->rekey_seconds = seconds;
    return SSHC_OK;
}
