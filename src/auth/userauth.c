/*
 * User authentication, RFC 4252, both roles.
 *
 *   USERAUTH_REQUEST  byte 50, string user, string service ("ssh-connection"),
 *                     string method, method-specific fields:
 *                       none      (nothing)
 *                       password  boolean FALSE, string password        (§8)
 *                       publickey boolean has_sig, string alg, string key blob
 *                                 [, string signature]                  (§7)
 *   USERAUTH_FAILURE  byte 51, name-list methods that can continue, boolean partial
 *   USERAUTH_SUCCESS  byte 52
 *   USERAUTH_BANNER   byte 53, string message, string language tag      (§5.4)
 *   USERAUTH_PK_OK    byte 60, string alg, string key blob              (§7)
 *
 * Server decisions (is this password right, may this key log in) go to the
 * application as events and pause input until sshc_session_reply. A
 * publickey query without a signature never authenticates; a signature is
 * verified before the application is asked, so "allowed" always names the
 * key that really signed. The user name and service are fixed by the first
 * request (a change is a protocol error, as in OpenSSH).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "crypto/key.h"
#include "transport/compress.h"
#include "transport/session.h"

#define SERVICE_CONNECTION "ssh-connection"

enum { M_NONE = 1, M_PASSWORD, M_PUBKEY_QUERY, M_PUBKEY_SIGNED };

void sshc_auth_clear(struct sshc_auth *a)
{
    sshc_key_free(a->offered);
    a->offered = NULL;
    free(a->server_sig_algs);
    a->server_sig_algs = NULL;
}

/* RFC 4252 §7: the data a publickey signature covers. */
static int signed_data(sshc_session *s, sshc_bld *b, const char *user, const char *alg,
                       const uint8_t *blob, size_t blob_len)
{
    sshc_bld_string(b, s->session_id, s->session_id_len);
    sshc_bld_u8(b, SSHC_MSG_USERAUTH_REQUEST);
    sshc_bld_cstring(b, user);
    sshc_bld_cstring(b, SERVICE_CONNECTION);
    sshc_bld_cstring(b, "publickey");
    sshc_bld_bool(b, true);
    sshc_bld_cstring(b, alg);
    sshc_bld_string(b, blob, blob_len);
    return sshc_bld_err(b);
}

/* ------------------------------------------------------------------ */
/* Client                                                              */
/* ------------------------------------------------------------------ */

static int client_ready(sshc_session *s, const char *user)
{
    if (s == NULL || user == NULL || strlen(user) >= sizeof(s->auth.user)) {
        return SSHC_E_INVALID_ARG;
    }
    if (s->role != SSHC_ROLE_CLIENT || s->closed) {
        return s->closed ? (s->err ? s->err : SSHC_E_CLOSED) : SSHC_E_BAD_STATE;
    }
    if (s->auth.state != SSHC_AUTH_IDLE || s->authenticated) {
        return SSHC_E_BAD_STATE;
    }
    snprintf(s->auth.user, sizeof(s->auth.user), "%s", user);
    return SSHC_OK;
}

static void request_header(sshc_bld *b, const char *user, const char *method)
{
    sshc_bld_u8(b, SSHC_MSG_USERAUTH_REQUEST);
    sshc_bld_cstring(b, user);
    sshc_bld_cstring(b, SERVICE_CONNECTION);
    sshc_bld_cstring(b, method);
}

int sshc_auth_none(sshc_session *s, const char *user)
{
    int r = client_ready(s, user);
    if (r != SSHC_OK) {
        return r;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    request_header(&b, user, "none");
    s->auth.method = M_NONE;
    s->auth.state = SSHC_AUTH_EXPECT_RESULT;
    return sshc_packet_end(s, &b);
}

int sshc_auth_password(sshc_session *s, const char *user, const char *password)
{
    int r = client_ready(s, user);
    if (r != SSHC_OK) {
        return r;
    }
    if (password == NULL || strlen(password) > SSHC_MAX_PASSWORD) {
        return SSHC_E_INVALID_ARG;
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    b.secret = true; /* wiped as soon as the packet is encrypted */
    request_header(&b, user, "password");
    sshc_bld_bool(&b, false);
    sshc_bld_cstring(&b, password);
    s->auth.method = M_PASSWORD;
    s->auth.state = SSHC_AUTH_EXPECT_RESULT;
    return sshc_packet_end(s, &b);
}

/*
 * The signature algorithm to use with key. RSA keys (RFC 8332 §3.3): the
 * first of rsa-sha2-512, rsa-sha2-256 the server lists in server-sig-algs;
 * a server without ext-info gets ssh-rsa, the only one old servers know.
 */
static const char *client_sig_alg(const sshc_session *s, const sshc_key *key)
{
    const char *ours = s->cfg->pubkey;
    bool allowed_by_us;
    if (!sshc_key_can_sign_alg(key, "rsa-sha2-512")) {
        const char *alg = sshc_key_sig_alg(key);
        allowed_by_us = alg != NULL && sshc_name_list_has((const uint8_t *)ours, strlen(ours), alg);
        return allowed_by_us ? alg : NULL;
    }
    const char *list = s->auth.server_sig_algs;
    static const char *const prefs[] = {"rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"};
    for (size_t i = 0; i < 3; i++) {
        allowed_by_us = sshc_name_list_has((const uint8_t *)ours, strlen(ours), prefs[i]);
        /* Without server-sig-algs the server is old: only ssh-rsa is sure to work. */
        bool server_has = list != NULL ? sshc_name_list_has((const uint8_t *)list, strlen(list),
                                                            prefs[i])
                                       : i == 2;
        if (allowed_by_us && server_has) {
            return prefs[i];
        }
    }
    /* Nothing both sides list: try our first choice and let the server say no. */
    for (size_t i = 0; i < 3; i++) {
        if (sshc_name_list_has((const uint8_t *)ours, strlen(ours), prefs[i])) {
            return prefs[i];
        }
    }
    return NULL;
}

int sshc_auth_publickey(sshc_session *s, const char *user, const sshc_key *key)
{
    int r = client_ready(s, user);
    if (r != SSHC_OK) {
        return r;
    }
    if (key == NULL || !sshc_key_has_private(key) || sshc_key_sig_alg(key) == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    const char *alg = client_sig_alg(s, key);
    if (alg == NULL) {
        return SSHC_E_UNSUPPORTED; /* the key's algorithm is not in our accepted list */
    }
    snprintf(s->auth.sig_alg, sizeof(s->auth.sig_alg), "%s", alg);
    /* RFC 4252 §7: first ask whether the key would be accepted, without signing. */
    sshc_bld b;
    size_t mark;
    sshc_packet_begin(s, &b);
    request_header(&b, user, "publickey");
    sshc_bld_bool(&b, false);
    sshc_bld_cstring(&b, s->auth.sig_alg);
    sshc_bld_string_begin(&b, &mark);
    sshc_key_public_blob(key, &b);
    sshc_bld_string_end(&b, mark);
    s->auth.client_key = key;
    s->auth.method = M_PUBKEY_QUERY;
    s->auth.state = SSHC_AUTH_EXPECT_PK_OK;
    return sshc_packet_end(s, &b);
}

/* The signed publickey request, after PK_OK. */
static int send_signed_request(sshc_session *s)
{
    const sshc_key *key = s->auth.client_key;
    sshc_bld blob, data, b;
    size_t mark;
    sshc_bld_init(&blob, 64 * 1024);
    sshc_bld_init(&data, 128 * 1024);
    int r = sshc_key_public_blob(key, &blob);
    if (r == SSHC_OK) {
        r = signed_data(s, &data, s->auth.user, s->auth.sig_alg, blob.buf, blob.len);
    }
    sshc_packet_begin(s, &b);
    request_header(&b, s->auth.user, "publickey");
    sshc_bld_bool(&b, true);
    sshc_bld_cstring(&b, s->auth.sig_alg);
    sshc_bld_string(&b, blob.buf, blob.len);
    sshc_bld_string_begin(&b, &mark);
    if (r == SSHC_OK) {
        r = sshc_key_sign(key, s->auth.sig_alg, data.buf, data.len, &b);
    }
    sshc_bld_string_end(&b, mark);
    sshc_bld_clear(&blob);
    sshc_bld_clear(&data);
    if (r != SSHC_OK) {
        sshc_bld_clear(&b);
        return sshc_session_fail(s, r, "signing the publickey request failed");
    }
    s->auth.method = M_PUBKEY_SIGNED;
    s->auth.state = SSHC_AUTH_EXPECT_RESULT;
    return sshc_packet_end(s, &b);
}

int sshc_userauth_failure_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *methods;
    size_t len;
    bool partial;
    sshc_cur_name_list(c, &methods, &len);
    sshc_cur_bool(c, &partial);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed USERAUTH_FAILURE");
    }
    if (s->auth.state != SSHC_AUTH_EXPECT_RESULT && s->auth.state != SSHC_AUTH_EXPECT_PK_OK) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "USERAUTH_FAILURE without a request");
    }
    s->auth.state = SSHC_AUTH_IDLE;
    s->auth.client_key = NULL;
    sshc_event ev = {.type = SSHC_EV_AUTH_RESULT,
                     .code = partial ? SSHC_AUTH_PARTIAL : SSHC_AUTH_FAILURE};
    return sshc_event_push(s, &ev, (const char *)methods, len, NULL, 0);
}

int sshc_userauth_success_recv(sshc_session *s, sshc_cur *c)
{
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed USERAUTH_SUCCESS");
    }
    /* Only in answer to a request that can succeed: never to a bare publickey query. */
    if (s->auth.state != SSHC_AUTH_EXPECT_RESULT) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG,
                                 "USERAUTH_SUCCESS without a request that could succeed");
    }
    s->auth.state = SSHC_AUTH_DONE;
    s->auth.client_key = NULL;
    s->authenticated = true;
    /* zlib@openssh.com starts with the packets after USERAUTH_SUCCESS. */
    if ((r = sshc_comp_update(s)) != SSHC_OK) {
        return r;
    }
    sshc_event ev = {.type = SSHC_EV_AUTH_RESULT, .code = SSHC_AUTH_SUCCESS};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}

int sshc_userauth_banner_recv(sshc_session *s, sshc_cur *c)
{
    const uint8_t *msg, *lang;
    size_t len, lang_len;
    sshc_cur_string(c, &msg, &len);
    sshc_cur_string(c, &lang, &lang_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed USERAUTH_BANNER");
    }
    /* RFC 4252 §5.4: control characters could fool the terminal; the event
     * keeps the bytes but cuts at a NUL, and the tools print it sanitised. */
    const uint8_t *nul = memchr(msg, 0, len);
    if (nul != NULL) {
        len = (size_t)(nul - msg);
    }
    sshc_event ev = {.type = SSHC_EV_AUTH_BANNER};
    return sshc_event_push(s, &ev, (const char *)msg, len, NULL, 0);
}

int sshc_userauth_60_recv(sshc_session *s, sshc_cur *c)
{
    if (s->auth.state == SSHC_AUTH_EXPECT_RESULT && s->auth.method == M_PASSWORD) {
        /* PASSWD_CHANGEREQ (§8): changing passwords is not supported; report failure. */
        s->auth.state = SSHC_AUTH_IDLE;
        sshc_event ev = {.type = SSHC_EV_AUTH_RESULT, .code = SSHC_AUTH_FAILURE};
        static const char text[] = "password change requested by server (not supported)";
        return sshc_event_push(s, &ev, text, sizeof(text) - 1, NULL, 0);
    }
    if (s->auth.state != SSHC_AUTH_EXPECT_PK_OK) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected USERAUTH_PK_OK");
    }
    const uint8_t *alg, *blob;
    size_t alg_len, blob_len;
    sshc_cur_string(c, &alg, &alg_len);
    sshc_cur_string(c, &blob, &blob_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed USERAUTH_PK_OK");
    }
    /* §7: PK_OK repeats the algorithm and blob of our query. */
    sshc_bld ours;
    sshc_bld_init(&ours, 64 * 1024);
    r = sshc_key_public_blob(s->auth.client_key, &ours);
    bool same = r == SSHC_OK && alg_len == strlen(s->auth.sig_alg) &&
                memcmp(alg, s->auth.sig_alg, alg_len) == 0 && blob_len == ours.len &&
                memcmp(blob, ours.buf, blob_len) == 0;
    sshc_bld_clear(&ours);
    if (!same) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "USERAUTH_PK_OK for a key we did not offer");
    }
    return send_signed_request(s);
}

/* ------------------------------------------------------------------ */
/* Server                                                              */
/* ------------------------------------------------------------------ */

static int send_failure(sshc_session *s, bool counts)
{
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_USERAUTH_FAILURE);
    sshc_bld_cstring(&b, s->cfg->auth_methods);
    sshc_bld_bool(&b, false);
    int r = sshc_packet_end(s, &b);
    s->auth.state = SSHC_AUTH_IDLE;
    sshc_key_free(s->auth.offered);
    s->auth.offered = NULL;
    if (r == SSHC_OK && counts && ++s->auth.failures >= s->cfg->max_auth_tries) {
        return sshc_session_fail(s, SSHC_E_AUTH_TRIES,
                                 "too many authentication failures for %s", s->auth.user);
    }
    return r;
}

static int send_success(sshc_session *s, const char *method)
{
    uint8_t msg = SSHC_MSG_USERAUTH_SUCCESS;
    int r = sshc_packet_send(s, &msg, 1);
    if (r != SSHC_OK) {
        return r;
    }
    s->auth.state = SSHC_AUTH_DONE;
    s->authenticated = true;
    if ((r = sshc_comp_update(s)) != SSHC_OK) {
        return r;
    }
    sshc_key_free(s->auth.offered);
    s->auth.offered = NULL;
    sshc_session_log(s, SSHC_LOG_INFO, "user %s authenticated with %s", s->auth.user, method);
    sshc_event ev = {.type = SSHC_EV_AUTH_SUCCESS};
    return sshc_event_push(s, &ev, s->auth.user, strlen(s->auth.user), method, strlen(method));
}

static bool method_allowed(const sshc_session *s, const char *method)
{
    return sshc_name_list_has((const uint8_t *)s->cfg->auth_methods,
                              strlen(s->cfg->auth_methods), method);
}

static int password_request(sshc_session *s, sshc_cur *c)
{
    bool change;
    const uint8_t *pw;
    size_t pw_len;
    sshc_cur_bool(c, &change);
    sshc_cur_string(c, &pw, &pw_len);
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed password request");
    }
    if (change || pw_len > SSHC_MAX_PASSWORD) {
        return send_failure(s, true); /* password change is not supported */
    }
    s->auth.method = M_PASSWORD;
    s->auth.state = SSHC_AUTH_DECIDING;
    sshc_event ev = {.type = SSHC_EV_AUTH_PASSWORD, .data = pw, .len = pw_len};
    return sshc_event_push_decision(s, &ev, SSHC_DECIDE_AUTH, s->auth.user, strlen(s->auth.user),
                                    NULL, 0);
}

static int publickey_request(sshc_session *s, sshc_cur *c)
{
    bool has_sig;
    const uint8_t *alg, *blob, *sig = NULL;
    size_t alg_len, blob_len, sig_len = 0;
    sshc_cur_bool(c, &has_sig);
    sshc_cur_string(c, &alg, &alg_len);
    sshc_cur_string(c, &blob, &blob_len);
    if (has_sig) {
        sshc_cur_string(c, &sig, &sig_len);
    }
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed publickey request");
    }
    sshc_key *key = NULL;
    if (sshc_key_parse_blob(blob, blob_len, &key) != SSHC_OK) {
        return send_failure(s, true); /* unknown or malformed key: just a failed attempt */
    }
    /* The algorithm named must be one this key signs with (RSA: three of them, RFC 8332). */
    char key_alg[SSHC_MAX_ALG_NAME + 1];
    if (alg_len >= sizeof(key_alg) || memchr(alg, '\0', alg_len) != NULL) {
        sshc_key_free(key);
        return send_failure(s, true);
    }
    memcpy(key_alg, alg, alg_len);
    key_alg[alg_len] = '\0';
    /* PubkeyAcceptedAlgorithms: no ssh-rsa or ssh-dss by default. */
    if (!sshc_key_can_sign_alg(key, key_alg) ||
        !sshc_name_list_has((const uint8_t *)s->cfg->pubkey, strlen(s->cfg->pubkey), key_alg)) {
        sshc_key_free(key);
        return send_failure(s, true);
    }
    if (has_sig) {
        sshc_bld data;
        sshc_bld_init(&data, 128 * 1024);
        r = signed_data(s, &data, s->auth.user, key_alg, blob, blob_len);
        if (r == SSHC_OK) {
            r = sshc_key_verify(key, key_alg, sig, sig_len, data.buf, data.len);
        }
        sshc_bld_clear(&data);
        if (r != SSHC_OK) {
            sshc_session_log(s, SSHC_LOG_INFO, "bad publickey signature for %s", s->auth.user);
            sshc_key_free(key);
            return send_failure(s, true);
        }
    }
    sshc_key_free(s->auth.offered);
    s->auth.offered = key;
    s->auth.offered_signed = has_sig;
    snprintf(s->auth.sig_alg, sizeof(s->auth.sig_alg), "%s", key_alg);
    s->auth.method = has_sig ? M_PUBKEY_SIGNED : M_PUBKEY_QUERY;
    s->auth.state = SSHC_AUTH_DECIDING;
    sshc_event ev = {.type = SSHC_EV_AUTH_PUBKEY, .key = key, .flag = has_sig};
    return sshc_event_push_decision(s, &ev, SSHC_DECIDE_AUTH, s->auth.user, strlen(s->auth.user),
                                    NULL, 0);
}

int sshc_userauth_request_recv(sshc_session *s, sshc_cur *c)
{
    /* RFC 4252 §5.1: requests after success SHOULD be silently ignored. */
    if (s->authenticated) {
        return SSHC_OK;
    }
    if (!s->auth.service_accepted) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG,
                                 "USERAUTH_REQUEST before the ssh-userauth service request");
    }
    char user[256], service[64], method[64];
    sshc_cur_cstring(c, user, sizeof(user));
    sshc_cur_cstring(c, service, sizeof(service));
    sshc_cur_cstring(c, method, sizeof(method));
    if (c->err != SSHC_OK) {
        return sshc_session_fail(s, c->err, "malformed USERAUTH_REQUEST");
    }
    if (s->auth.user_fixed && strcmp(user, s->auth.user) != 0) {
        return sshc_session_fail(s, SSHC_E_PROTOCOL, "change of user name during authentication");
    }
    if (strcmp(service, SERVICE_CONNECTION) != 0) {
        return sshc_session_fail(s, SSHC_E_SERVICE, "service \"%s\" not available", service);
    }
    snprintf(s->auth.user, sizeof(s->auth.user), "%s", user);
    s->auth.user_fixed = true;
    if (strcmp(method, "none") == 0) {
        return sshc_cur_end(c) == SSHC_OK ? send_failure(s, false)
                                          : sshc_session_fail(s, SSHC_E_TRAILING_DATA,
                                                              "malformed none request");
    }
    if (strcmp(method, "password") == 0 && method_allowed(s, "password")) {
        return password_request(s, c);
    }
    if (strcmp(method, "publickey") == 0 && method_allowed(s, "publickey")) {
        return publickey_request(s, c);
    }
    return send_failure(s, true);
}

int sshc_userauth_decided(sshc_session *s, bool allow)
{
    if (s->auth.state != SSHC_AUTH_DECIDING) {
        return sshc_session_fail(s, SSHC_E_INTERNAL, "auth decision without a request");
    }
    switch (s->auth.method) {
    case M_PASSWORD:
        return allow ? send_success(s, "password") : send_failure(s, true);
    case M_PUBKEY_SIGNED:
        return allow ? send_success(s, "publickey") : send_failure(s, true);
    case M_PUBKEY_QUERY:
        if (allow) {
            sshc_bld b;
            size_t mark;
            sshc_packet_begin(s, &b);
            sshc_bld_u8(&b, SSHC_MSG_USERAUTH_PK_OK);
            sshc_bld_cstring(&b, s->auth.sig_alg);
            sshc_bld_string_begin(&b, &mark);
            sshc_key_public_blob(s->auth.offered, &b);
            sshc_bld_string_end(&b, mark);
            s->auth.state = SSHC_AUTH_IDLE;
            return sshc_packet_end(s, &b);
        }
        return send_failure(s, true);
    default:
        return sshc_session_fail(s, SSHC_E_INTERNAL, "auth decision for an unknown method");
    }
}
