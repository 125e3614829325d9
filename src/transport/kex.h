/*
 * Key exchange methods: the table (one row per method name) and the
 * driver shared by the first exchange and every re-exchange.
 */
#ifndef SSHC_TRANSPORT_KEX_H
#define SSHC_TRANSPORT_KEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/builder.h"
#include "core/cursor.h"
#include "crypto/hash.h"

struct sshc_session;

/*
 * The math of one family of single-round-trip exchanges (RFC 4253 §8 DH,
 * RFC 5656 §4 ECDH): make our ephemeral value, derive K from the peer's.
 */
typedef struct sshc_kex_family {
    /* Generate our ephemeral key into s->kex.our_public. */
    int (*keypair)(struct sshc_session *s);
    /* K from the peer's public value, as an mpint into s->kex.shared. */
    int (*derive)(struct sshc_session *s, const uint8_t *peer, size_t len);
    /* Public values travel as mpint (DH: e, f) rather than string (ECDH: Q_C, Q_S). */
    bool mpint_values;
    /* Group exchange (RFC 4419): the group is negotiated first (kex_gex.c). */
    bool group_exchange;
} sshc_kex_family;

typedef struct sshc_kex_alg {
    const char *name;
    enum sshc_hash_alg hash;
    const sshc_kex_family *family;
    int param;   /* the curve (kex_ecdh.c) or DH group number (kex_dh.c) */
    bool legacy; /* not in the default list; enabled by name */
} sshc_kex_alg;

const sshc_kex_alg *sshc_kex_at(size_t i);
const sshc_kex_alg *sshc_kex_find(const char *name, size_t len);
/* Default preference list (without the ext-info and strict-kex markers). */
const char *sshc_kex_default_list(void);

extern const sshc_kex_family sshc_kex_ecdh_family; /* kex_ecdh.c */
extern const sshc_kex_family sshc_kex_dh_family;   /* kex_dh.c */
extern const sshc_kex_family sshc_kex_gex_family;  /* kex_dh.c, messages in kex_gex.c */

/* RFC 4419 messages (numbers shared with other methods' 30..49 range). */
enum {
    SSHC_MSG_KEX_DH_GEX_GROUP = 31,
    SSHC_MSG_KEX_DH_GEX_INIT = 32,
    SSHC_MSG_KEX_DH_GEX_REPLY = 33,
    SSHC_MSG_KEX_DH_GEX_REQUEST = 34,
};
/* RFC 4419 §3 / RFC 8270: group sizes we ask for and accept, in bits. */
#define SSHC_GEX_MIN_BITS 2048
#define SSHC_GEX_MAX_BITS 8192

/* kex_gex.c: the client's REQUEST, and the GROUP / REQUEST handlers. */
int sshc_kex_gex_client_start(struct sshc_session *s);
int sshc_kex_gex_recv(struct sshc_session *s, uint8_t msg, sshc_cur *c);
/* The GEX fields of the exchange hash: min, n, max, p, g (kex_gex.c). */
int sshc_kex_gex_hash_fields(struct sshc_session *s, sshc_bld *b);

/* The INIT / REPLY exchange shared by both families (kex_exchange.c). */
int sshc_kex_exchange_client_start(struct sshc_session *s);
int sshc_kex_exchange_recv(struct sshc_session *s, uint8_t msg, sshc_cur *c);

/* Markers in the kex name-list (RFC 8308 §2.1, OpenSSH PROTOCOL "strict key exchange"). */
#define SSHC_EXT_INFO_C "ext-info-c"
#define SSHC_EXT_INFO_S "ext-info-s"
#define SSHC_KEX_STRICT_C "kex-strict-c-v00@openssh.com"
#define SSHC_KEX_STRICT_S "kex-strict-s-v00@openssh.com"

#endif
