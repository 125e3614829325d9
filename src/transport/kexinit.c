/*
 * SSH_MSG_KEXINIT, RFC 4253 §7.1:
 *
 *   byte         SSH_MSG_KEXINIT
 *   byte[16]     cookie (random bytes)
 *   name-list    kex_algorithms
 *   name-list    server_host_key_algorithms
 *   name-list    encryption_algorithms_client_to_server
 *   name-list    encryption_algorithms_server_to_client
 *   name-list    mac_algorithms_client_to_server
 *   name-list    mac_algorithms_server_to_client
 *   name-list    compression_algorithms_client_to_server
 *   name-list    compression_algorithms_server_to_client
 *   name-list    languages_client_to_server
 *   name-list    languages_server_to_client
 *   boolean      first_kex_packet_follows
 *   uint32       0 (reserved for future extension)
 */
#include "transport/kexinit.h"

#include <string.h>

#include "sshcore.h"

int sshc_kexinit_parse(sshc_cur *c, struct sshc_kexinit *m)
{
    memset(m, 0, sizeof(*m));
    sshc_cur_bytes(c, 16, &m->cookie);
    for (int i = 0; i < SSHC_KEXINIT_LISTS; i++) {
        sshc_cur_name_list(c, &m->list[i].p, &m->list[i].len);
    }
    sshc_cur_bool(c, &m->first_kex_packet_follows);
    sshc_cur_u32(c, &m->reserved);
    return sshc_cur_end(c);
}

int sshc_kexinit_build(sshc_bld *b, const uint8_t cookie[16],
                       const char *const lists[SSHC_KEXINIT_LISTS])
{
    sshc_bld_u8(b, 20); /* SSH_MSG_KEXINIT */
    sshc_bld_bytes(b, cookie, 16);
    for (int i = 0; i < SSHC_KEXINIT_LISTS; i++) {
        sshc_bld_cstring(b, lists[i]);
    }
    sshc_bld_bool(b, false); /* we never guess */
    sshc_bld_u32(b, 0);
    return sshc_bld_err(b);
}

int sshc_kexinit_choose(const uint8_t *client, size_t clen, const uint8_t *server, size_t slen,
                        bool (*skip)(const uint8_t *name, size_t len), char *out, size_t cap)
{
    sshc_name_iter it;
    const uint8_t *name;
    size_t nl;
    out[0] = '\0';
    sshc_name_iter_init(&it, client, clen);
    while (sshc_name_iter_next(&it, &name, &nl)) {
        if (skip != NULL && skip(name, nl)) {
            continue;
        }
        sshc_name_iter sit;
        const uint8_t *sname;
        size_t snl;
        sshc_name_iter_init(&sit, server, slen);
        while (sshc_name_iter_next(&sit, &sname, &snl)) {
            if (snl == nl && memcmp(sname, name, nl) == 0) {
                if (nl >= cap) {
                    return SSHC_E_LIMIT;
                }
                memcpy(out, name, nl);
                out[nl] = '\0';
                return SSHC_OK;
            }
        }
    }
    return SSHC_E_NO_ALG_MATCH;
}
