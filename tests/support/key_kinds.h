/*
 * Every signature algorithm with the key type and size that signs with it,
 * for tests, fuzz targets and benchmarks that walk them all (one table).
 */
#ifndef SSHC_KEY_KINDS_H
#define SSHC_KEY_KINDS_H

#include <stddef.h>

#include "sshcore.h"

struct key_kind {
    enum sshc_key_type type;
    unsigned bits; /* for sshc_key_generate_bits; 0 where the type has one size */
    const char *alg;
};

static const struct key_kind key_kinds[] = {
    {SSHC_KEY_ED25519, 0, "ssh-ed25519"},
    {SSHC_KEY_ECDSA_P256, 256, "ecdsa-sha2-nistp256"},
    {SSHC_KEY_ECDSA_P384, 384, "ecdsa-sha2-nistp384"},
    {SSHC_KEY_ECDSA_P521, 521, "ecdsa-sha2-nistp521"},
    {SSHC_KEY_RSA, 2048, "rsa-sha2-512"},
    {SSHC_KEY_RSA, 2048, "rsa-sha2-256"},
    {SSHC_KEY_RSA, 2048, "ssh-rsa"},
};

#define KEY_KINDS (sizeof(key_kinds) / sizeof(key_kinds[0]))

#endif
