/*
 * Keys as text: public key lines ("type base64 comment", the format of
 * .pub files, authorized_keys and known_hosts key fields) and SHA256
 * fingerprints as ssh-keygen -l prints them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base64.h"
#include "crypto/hash.h"
#include "crypto/key.h"

int sshc_key_from_text(const char *type, size_t type_len, const char *b64, size_t b64_len,
                       sshc_key **out)
{
    *out = NULL;
    if (b64_len > SSHC_MAX_KEY_TEXT) {
        return SSHC_E_BAD_KEY;
    }
    uint8_t *blob = malloc(b64_len + 1);
    size_t blob_len = 0;
    if (blob == NULL) {
        return SSHC_E_NOMEM;
    }
    int r = sshc_base64_decode(b64, b64_len, blob, b64_len + 1, &blob_len);
    if (r != SSHC_OK) {
        free(blob);
        return SSHC_E_BAD_KEY;
    }
    r = sshc_key_parse_blob(blob, blob_len, out);
    free(blob);
    if (r == SSHC_OK) {
        const char *name = sshc_key_type_name(*out);
        if (strlen(name) != type_len || memcmp(name, type, type_len) != 0) {
            sshc_key_free(*out);
            *out = NULL;
            r = SSHC_E_BAD_KEY;
        }
    } else if (sshc_key_type_from_name((const uint8_t *)type, type_len) == SSHC_KEY_UNKNOWN) {
        r = SSHC_E_KEY_TYPE;
    }
    return r;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

int sshc_key_parse_public_line(const char *line, sshc_key **out)
{
    if (line == NULL || out == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    const char *p = line;
    while (is_space(*p)) {
        p++;
    }
    const char *type = p;
    while (*p != '\0' && !is_space(*p)) {
        p++;
    }
    size_t type_len = (size_t)(p - type);
    while (is_space(*p)) {
        p++;
    }
    const char *b64 = p;
    while (*p != '\0' && !is_space(*p)) {
        p++;
    }
    size_t b64_len = (size_t)(p - b64);
    if (type_len == 0 || b64_len == 0) {
        return SSHC_E_BAD_FORMAT;
    }
    return sshc_key_from_text(type, type_len, b64, b64_len, out);
}

/* The digest of the key's public blob: what fingerprints are made of. */
static int blob_digest(const sshc_key *key, enum sshc_hash_alg alg, uint8_t *digest)
{
    sshc_bld b;
    sshc_bld_init(&b, 16384);
    int r = sshc_key_public_blob(key, &b);
    if (r == SSHC_OK) {
        r = sshc_hash(alg, b.buf, b.len, digest);
    }
    sshc_bld_clear(&b);
    return r;
}

int sshc_key_fingerprint_sha256(const sshc_key *key, char *buf, size_t cap)
{
    if (key == NULL || buf == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t digest[SSHC_HASH_MAX];
    int r = blob_digest(key, SSHC_HASH_SHA256, digest);
    if (r != SSHC_OK) {
        return r;
    }
    static const char prefix[] = "SHA256:";
    size_t need = sizeof(prefix) - 1 + sshc_base64_encoded_len(32) + 1;
    if (cap < need) {
        return SSHC_E_INVALID_ARG;
    }
    memcpy(buf, prefix, sizeof(prefix) - 1);
    /* ssh-keygen prints the base64 without '=' padding. */
    sshc_base64_encode(digest, 32, buf + sizeof(prefix) - 1, cap - (sizeof(prefix) - 1), false);
    return SSHC_OK;
}

int sshc_key_format_public_line(const sshc_key *key, const char *comment, char **out)
{
    if (key == NULL || out == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    *out = NULL;
    sshc_bld b;
    sshc_bld_init(&b, 16384);
    int r = sshc_key_public_blob(key, &b);
    if (r != SSHC_OK) {
        sshc_bld_clear(&b);
        return r;
    }
    const char *type = sshc_key_type_name(key);
    size_t b64_len = sshc_base64_encoded_len(b.len);
    size_t cap = strlen(type) + 1 + b64_len + 1 + (comment != NULL ? strlen(comment) + 1 : 0) + 1;
    char *line = malloc(cap);
    if (line == NULL) {
        sshc_bld_clear(&b);
        return SSHC_E_NOMEM;
    }
    size_t off = (size_t)snprintf(line, cap, "%s ", type);
    off += sshc_base64_encode(b.buf, b.len, line + off, cap - off, true);
    if (comment != NULL && comment[0] != '\0') {
        snprintf(line + off, cap - off, " %s", comment);
    }
    sshc_bld_clear(&b);
    *out = line;
    return SSHC_OK;
}

int sshc_key_fingerprint_md5(const sshc_key *key, char *buf, size_t cap)
{
    if (key == NULL || buf == NULL || cap < 4 + 16 * 3) {
        return SSHC_E_INVALID_ARG;
    }
    uint8_t digest[SSHC_HASH_MAX];
    int r = blob_digest(key, SSHC_HASH_MD5, digest);
    if (r != SSHC_OK) {
        return r;
    }
    /* ssh-keygen -E md5: "MD5:" and colon-separated lowercase hex. */
    size_t off = (size_t)snprintf(buf, cap, "MD5:");
    for (size_t i = 0; i < 16; i++) {
        off += (size_t)snprintf(buf + off, cap - off, i ? ":%02x" : "%02x", digest[i]);
    }
    return SSHC_OK;
}
