/* PEM private key files through OpenSSL (key_pem.c). */
#ifndef SSHC_CRYPTO_KEY_PEM_H
#define SSHC_CRYPTO_KEY_PEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sshcore.h"

/* Does the text hold a PEM private key (PKCS#1, SEC1, PKCS#8)? */
bool sshc_key_is_pem(const uint8_t *data, size_t len);
/* Parse it; SSHC_E_PASSPHRASE when encrypted and the passphrase is missing or wrong. */
int sshc_key_parse_pem(const uint8_t *data, size_t len, const char *passphrase, sshc_key **out);

#endif
