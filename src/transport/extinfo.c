/*
 * Extension negotiation, RFC 8308 §2.3:
 *
 *   byte       SSH_MSG_EXT_INFO (7)
 *   uint32     nr-extensions
 *   repeat:    string extension-name, string extension-value
 *
 * We send server-sig-algs (§3.1) as a server. As a client we keep the
 * server's server-sig-algs to choose signature algorithms; other
 * extensions are read and ignored. At most SSHC_MAX_EXT_INFO entries.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/key.h"
#include "transport/session.h"

int sshc_ext_info_send(sshc_session *s)
{
    sshc_bld b;
    sshc_packet_begin(s, &b);
    sshc_bld_u8(&b, SSHC_MSG_EXT_INFO);
    sshc_bld_u32(&b, 1);
    sshc_bld_cstring(&b, "server-sig-algs");
    /* RFC 8308 §3.1: the algorithms we accept in publickey auth. */
    sshc_bld_cstring(&b, s->cfg->pubkey);
    return sshc_packet_end(s, &b);
}

int sshc_ext_info_recv(sshc_session *s, sshc_cur *c)
{
    uint32_t n;
    sshc_cur_u32(c, &n);
    if (c->err == SSHC_OK && n >= SSHC_MAX_EXT_INFO) {
        return sshc_session_fail(s, SSHC_E_LIMIT, "EXT_INFO with %u entries", n);
    }
    for (uint32_t i = 0; i < n && c->err == SSHC_OK; i++) {
        const uint8_t *name, *value;
        size_t nl, vl;
        sshc_cur_string(c, &name, &nl);
        sshc_cur_string(c, &value, &vl);
        if (c->err == SSHC_OK && s->role == SSHC_ROLE_CLIENT && nl == 15 &&
            memcmp(name, "server-sig-algs", 15) == 0) {
            char *copy = malloc(vl + 1);
            if (copy == NULL) {
                return sshc_session_fail(s, SSHC_E_NOMEM, "out of memory");
            }
            memcpy(copy, value, vl);
            copy[vl] = '\0';
            free(s->auth.server_sig_algs);
            s->auth.server_sig_algs = copy;
        }
    }
    int r = sshc_cur_end(c);
    return r == SSHC_OK ? SSHC_OK : sshc_session_fail(s, r, "malformed EXT_INFO");
}
