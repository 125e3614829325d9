/*
 * Service request, RFC 4253 §10:
 *
 *   SERVICE_REQUEST byte 5, string service name
 *   SERVICE_ACCEPT  byte 6, string service name
 *
 * The only service a client asks for before authenticating is
 * "ssh-userauth"; ssh-connection is requested inside USERAUTH_REQUEST.
 */
#include <string.h>

#include "transport/session.h"

#define SERVICE_USERAUTH "ssh-userauth"

int sshc_service_request_send(sshc_session *s, const char *service)
{
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_SERVICE_REQUEST);
    sshc_bld_cstring(&b, service);
    s->auth.state = SSHC_AUTH_EXPECT_SERVICE;
    return sshc_packet_end(s, &b);
}

int sshc_service_request_recv(sshc_session *s, sshc_cur *c)
{
    char name[64];
    sshc_cur_cstring(c, name, sizeof(name));
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed SERVICE_REQUEST");
    }
    if (strcmp(name, SERVICE_USERAUTH) != 0 || s->auth.service_accepted) {
        return sshc_session_fail(s, SSHC_E_SERVICE, "service \"%s\" not available", name);
    }
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_SERVICE_ACCEPT);
    sshc_bld_cstring(&b, SERVICE_USERAUTH);
    r = sshc_packet_end(s, &b);
    s->auth.service_accepted = true;
    s->auth.state = SSHC_AUTH_IDLE;
    /* RFC 4252 §5.4: the banner may be sent before authentication begins. */
    if (r == SSHC_OK && s->cfg->banner != NULL) {
        sshc_packet_begin(s, &b);
        sshc_bld_u8(&b, SSHC_MSG_USERAUTH_BANNER);
        sshc_bld_cstring(&b, s->cfg->banner);
        sshc_bld_cstring(&b, "");
        r = sshc_packet_end(s, &b);
    }
    return r;
}

int sshc_service_accept_recv(sshc_session *s, sshc_cur *c)
{
    char name[64];
    sshc_cur_cstring(c, name, sizeof(name));
    int r = sshc_cur_end(c);
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "malformed SERVICE_ACCEPT");
    }
    if (s->auth.state != SSHC_AUTH_EXPECT_SERVICE || strcmp(name, SERVICE_USERAUTH) != 0) {
        return sshc_session_fail(s, SSHC_E_UNEXPECTED_MSG, "unexpected SERVICE_ACCEPT");
    }
    s->auth.state = SSHC_AUTH_IDLE;
    sshc_event ev = {.type = SSHC_EV_READY};
    return sshc_event_push(s, &ev, NULL, 0, NULL, 0);
}
