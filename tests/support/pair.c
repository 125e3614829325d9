/*
 * The in-memory pair (see pair.h). Byte moving follows the driver order of
 * STYLE.md §1: flush output, drain events and answer decisions, feed input.
 */
#include "pair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void append(uint8_t **buf, size_t *len, size_t *cap, const uint8_t *d, size_t n)
{
    if (*len + n > *cap) {
        size_t nc = *cap ? *cap : 4096;
        while (nc < *len + n) {
            nc *= 2;
        }
        *buf = realloc(*buf, nc);
        *cap = nc;
    }
    memcpy(*buf + *len, d, n);
    *len += n;
}

int pair_init(struct pair *p, const char *kex, const char *cipher, const char *mac, uint64_t seed)
{
    memset(p, 0, sizeof(*p));
    p->crng.state = seed;
    p->srng.state = seed ^ 0x5555555555555555ULL;
    p->allow_pubkey = true;
    p->ccfg = sshc_config_new(SSHC_ROLE_CLIENT);
    p->scfg = sshc_config_new(SSHC_ROLE_SERVER);
    if (p->ccfg == NULL || p->scfg == NULL) {
        return SSHC_E_NOMEM;
    }
    int r = sshc_key_generate(SSHC_KEY_ED25519, &p->hostkey);
    if (r == SSHC_OK) {
        r = sshc_key_generate(SSHC_KEY_ED25519, &p->userkey);
    }
    if (r == SSHC_OK) {
        r = sshc_config_add_host_key(p->scfg, p->hostkey);
    }
    sshc_config_set_rng(p->ccfg, sshc_det_rng, &p->crng);
    sshc_config_set_rng(p->scfg, sshc_det_rng, &p->srng);
    if (r == SSHC_OK && kex != NULL) {
        r = sshc_config_set_kex_algorithms(p->ccfg, kex);
    }
    if (r == SSHC_OK && cipher != NULL) {
        r = sshc_config_set_ciphers(p->ccfg, cipher);
    }
    if (r == SSHC_OK && mac != NULL) {
        r = sshc_config_set_macs(p->ccfg, mac);
    }
    if (r != SSHC_OK) {
        return r;
    }
    p->c = sshc_session_new(p->ccfg);
    p->s = sshc_session_new(p->scfg);
    return p->c != NULL && p->s != NULL ? SSHC_OK : SSHC_E_NOMEM;
}

int pair_set_compression(struct pair *p, const char *client_list, const char *server_list)
{
    int r = sshc_config_set_compression(p->ccfg, client_list);
    if (r == SSHC_OK) {
        r = sshc_config_set_compression(p->scfg, server_list);
    }
    /* The sessions were made with the old lists: make them again. */
    sshc_session_free(p->c);
    sshc_session_free(p->s);
    p->c = sshc_session_new(p->ccfg);
    p->s = sshc_session_new(p->scfg);
    return r != SSHC_OK ? r : (p->c != NULL && p->s != NULL ? SSHC_OK : SSHC_E_NOMEM);
}

void pair_free(struct pair *p)
{
    sshc_session_free(p->c);
    sshc_session_free(p->s);
    sshc_config_free(p->ccfg);
    sshc_config_free(p->scfg);
    sshc_key_free(p->hostkey);
    sshc_key_free(p->userkey);
    for (int i = 0; i < PAIR_MAX_CH; i++) {
        free(p->ch[i].data[0]);
        free(p->ch[i].data[1]);
        free(p->sch[i].data);
    }
    memset(p, 0, sizeof(*p));
}

static void client_event(struct pair *p, const sshc_event *ev)
{
    struct pair_channel *ch = ev->channel < PAIR_MAX_CH ? &p->ch[ev->channel] : NULL;
    switch (ev->type) {
    case SSHC_EV_HOSTKEY:
        p->hostkey_seen = true;
        sshc_session_reply(p->c, ev->decision,
                           sshc_key_equal_public(ev->key, p->hostkey) ? SSHC_ALLOW : SSHC_DENY);
        break;
    case SSHC_EV_READY:
        p->ready = true;
        break;
    case SSHC_EV_AUTH_BANNER:
        snprintf(p->banner, sizeof(p->banner), "%s", ev->str);
        break;
    case SSHC_EV_AUTH_RESULT:
        p->auth_results++;
        p->auth_done = true;
        p->auth_ok = ev->code == SSHC_AUTH_SUCCESS;
        snprintf(p->auth_methods, sizeof(p->auth_methods), "%s", ev->str ? ev->str : "");
        break;
    case SSHC_EV_CHANNEL_OPENED:
        ch->opened = true;
        break;
    case SSHC_EV_CHANNEL_OPEN_FAILED:
        ch->open_failed = true;
        break;
    case SSHC_EV_CHANNEL_REQUEST_RESULT:
        ch->exec_replied = true;
        ch->exec_ok = ev->flag;
        break;
    case SSHC_EV_CHANNEL_DATA: {
        int k = ev->code == 1 ? 1 : 0;
        append(&ch->data[k], &ch->len[k], &ch->cap[k], ev->data, ev->len);
        if (!ch->hold) {
            sshc_channel_consume(p->c, ev->channel, ev->len);
        }
        break;
    }
    case SSHC_EV_CHANNEL_EOF:
        ch->eof = true;
        break;
    case SSHC_EV_CHANNEL_EXIT_STATUS:
        ch->has_exit = true;
        ch->exit_status = ev->code;
        break;
    case SSHC_EV_CHANNEL_EXIT_SIGNAL:
        snprintf(ch->exit_signal, sizeof(ch->exit_signal), "%s", ev->str);
        break;
    case SSHC_EV_CHANNEL_CLOSED:
        ch->closed = true;
        break;
    case SSHC_EV_DISCONNECTED:
        p->disconnected_c = true;
        p->disconnect_reason_c = ev->code;
        break;
    default:
        break;
    }
}

static void server_event(struct pair *p, const sshc_event *ev)
{
    struct pair_server_channel *ch = ev->channel < PAIR_MAX_CH ? &p->sch[ev->channel] : NULL;
    switch (ev->type) {
    case SSHC_EV_AUTH_PUBKEY:
        sshc_session_reply(p->s, ev->decision,
                           p->allow_pubkey && sshc_key_equal_public(ev->key, p->userkey)
                               ? SSHC_ALLOW
                               : SSHC_DENY);
        break;
    case SSHC_EV_AUTH_PASSWORD: {
        bool ok = p->password != NULL && ev->len == strlen(p->password) &&
                  memcmp(ev->data, p->password, ev->len) == 0;
        sshc_session_reply(p->s, ev->decision, ok ? SSHC_ALLOW : SSHC_DENY);
        break;
    }
    case SSHC_EV_AUTH_SUCCESS:
        p->server_authed = true;
        break;
    case SSHC_EV_CHANNEL_OPEN_REQUEST:
        if (ch != NULL) {
            ch->open = true;
        }
        sshc_session_reply(p->s, ev->decision, ch != NULL ? SSHC_ALLOW : SSHC_DENY);
        break;
    case SSHC_EV_CHANNEL_REQUEST:
        if (ev->decision != 0) {
            bool exec = strcmp(ev->str, "exec") == 0 && !p->deny_exec;
            if (exec) {
                ch->got_exec = true;
                snprintf(ch->command, sizeof(ch->command), "%s", ev->str2);
            }
            sshc_session_reply(p->s, ev->decision, exec ? SSHC_ALLOW : SSHC_DENY);
        }
        break;
    case SSHC_EV_CHANNEL_DATA:
        append(&ch->data, &ch->len, &ch->cap, ev->data, ev->len);
        sshc_channel_consume(p->s, ev->channel, ev->len);
        break;
    case SSHC_EV_CHANNEL_EOF:
        ch->eof = true;
        break;
    case SSHC_EV_CHANNEL_CLOSED:
        ch->closed = true;
        break;
    case SSHC_EV_DISCONNECTED:
        p->disconnected_s = true;
        p->disconnect_reason_s = ev->code;
        break;
    default:
        break;
    }
}

/* Move from one session's output into the other's input; returns bytes moved. */
static size_t move(sshc_session *from, sshc_session *to)
{
    const uint8_t *d;
    size_t n, used, moved = 0;
    sshc_session_output(from, &d, &n);
    while (n > 0) {
        int r = sshc_session_recv(to, d, n, &used);
        sshc_session_output_done(from, used);
        moved += used;
        if (r != SSHC_OK || used == 0) {
            /* A failing receiver has queued its DISCONNECT: keep pumping. */
            moved += r != SSHC_OK && sshc_session_output_pending(to) > 0;
            break;
        }
        sshc_session_output(from, &d, &n);
    }
    return moved;
}

static int drain(struct pair *p, sshc_session *s, bool client)
{
    sshc_event ev;
    int n = 0;
    while (sshc_session_poll_event(s, &ev) == 1) {
        n++;
        if (client) {
            client_event(p, &ev);
        } else {
            server_event(p, &ev);
        }
    }
    return n;
}

int pair_pump(struct pair *p)
{
    for (int round = 0; round < 1000000; round++) {
        size_t moved = move(p->c, p->s) + move(p->s, p->c);
        int events = drain(p, p->c, true) + drain(p, p->s, false);
        if (moved == 0 && events == 0) {
            return round;
        }
    }
    return -1;
}

int pair_connect(struct pair *p)
{
    pair_pump(p);
    if (!p->ready) {
        return sshc_session_error(p->c) ? sshc_session_error(p->c) : SSHC_E_PROTOCOL;
    }
    int r = sshc_auth_publickey(p->c, "tester", p->userkey);
    if (r != SSHC_OK) {
        return r;
    }
    pair_pump(p);
    return p->auth_ok ? SSHC_OK : SSHC_E_AUTH_DENIED;
}
