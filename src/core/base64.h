/*
 * Base64 (RFC 4648 §4, standard alphabet) for key lines, key files,
 * known_hosts and fingerprints. The decoder is strict about the alphabet
 * and padding but skips whitespace (PEM-armoured files wrap lines).
 */
#ifndef SSHC_CORE_BASE64_H
#define SSHC_CORE_BASE64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Encoded length for n bytes, with padding, without the NUL. */
size_t sshc_base64_encoded_len(size_t n);
/*
 * Encode n bytes into out (cap bytes, including the NUL). pad: write '='
 * padding. Returns the length written (without NUL), or 0 if cap is too small.
 */
size_t sshc_base64_encode(const uint8_t *in, size_t n, char *out, size_t cap, bool pad);
/*
 * Decode len characters into out (cap bytes). Whitespace is skipped;
 * padding is optional but must be correct where present. Returns SSHC_OK
 * and *out_len, or SSHC_E_BAD_FORMAT / SSHC_E_LIMIT.
 */
int sshc_base64_decode(const char *in, size_t len, uint8_t *out, size_t cap, size_t *out_len);

#endif
