/*
 * Key exchange methods: the table (one row per method name) and the
 * driver shared by the first exchange and every re-exchange.
 */
#ifndef SSHC_TRANSPORT_KEX_H
#define SSHC_TRANSPORT_KEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/cursor.h"
#include "crypto/hash.h"

struct sshc_session;

typedef struct sshc_kex_alg {
    const char *name;
    enum sshc_hash_alg hash;
    /* client: send the first method message (e.g. KEX_ECDH_INIT) */
    int (*client_start)(struct sshc_session *s);
    /* handle a method message (numbers 30..49) in either role */
    int (*recv)(struct sshc_session *s, uint8_t msg, sshc_cur *c);
} sshc_kex_alg;

const sshc_kex_alg *sshc_kex_at(size_t i);
const sshc_kex_alg *sshc_kex_find(const char *name, size_t len);
/* Default preference list (without the ext-info and strict-kex markers). */
const char *sshc_kex_default_list(void);

/* RFC 8731 curve25519-sha256 (kex_ecdh.c). */
int sshc_kex_ecdh_client_start(struct sshc_session *s);
int sshc_kex_ecdh_recv(struct sshc_session *s, uint8_t msg, sshc_cur *c);

/* Markers in the kex name-list (RFC 8308 §2.1, OpenSSH PROTOCOL "strict key exchange"). */
#define SSHC_EXT_INFO_C "ext-info-c"
#define SSHC_EXT_INFO_S "ext-info-s"
#define SSHC_KEX_STRICT_C "kex-strict-c-v00@openssh.com"
#define SSHC_KEX_STRICT_S "kex-strict-s-v00@openssh.com"

#endif
