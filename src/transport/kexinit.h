/*
 * SSH_MSG_KEXINIT (RFC 4253 §7.1): pure parse and build, and name-list
 * negotiation.
 */
#ifndef SSHC_TRANSPORT_KEXINIT_H
#define SSHC_TRANSPORT_KEXINIT_H

#include "core/builder.h"
#include "core/cursor.h"

enum {
    SSHC_KEXINIT_KEX = 0,
    SSHC_KEXINIT_HOSTKEY,
    SSHC_KEXINIT_ENC_CTOS,
    SSHC_KEXINIT_ENC_STOC,
    SSHC_KEXINIT_MAC_CTOS,
    SSHC_KEXINIT_MAC_STOC,
    SSHC_KEXINIT_COMP_CTOS,
    SSHC_KEXINIT_COMP_STOC,
    SSHC_KEXINIT_LANG_CTOS,
    SSHC_KEXINIT_LANG_STOC,
    SSHC_KEXINIT_LISTS
};

struct sshc_kexinit {
    const uint8_t *cookie; /* 16 bytes */
    struct {
        const uint8_t *p;
        size_t len;
    } list[SSHC_KEXINIT_LISTS];
    bool first_kex_packet_follows;
    uint32_t reserved;
};

/* Parse a KEXINIT payload after the message number. Views point into c's input. */
int sshc_kexinit_parse(sshc_cur *c, struct sshc_kexinit *m);
/* Build a whole KEXINIT payload (with the message number); lists are NUL-terminated strings. */
int sshc_kexinit_build(sshc_bld *b, const uint8_t cookie[16], const char *const lists[SSHC_KEXINIT_LISTS]);
/*
 * RFC 4253 §7.1: the first name on the client's list that is also on the
 * server's, skipping names for which skip() is true. Copies it into out.
 */
int sshc_kexinit_choose(const uint8_t *client, size_t clen, const uint8_t *server, size_t slen,
                        bool (*skip)(const uint8_t *name, size_t len), char *out, size_t cap);

#endif
