/* OpenSSH private key files (openssh-key-v1), armoured or not. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/base64.h"
#include "sshcore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sshc_key *k = NULL;
    if (sshc_key_parse_private(data, size, NULL, &k) == SSHC_OK) {
        sshc_key_free(k);
    }
    /* Also reach the binary parser directly: armour the input ourselves. */
    static const char head[] = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    static const char tail[] = "\n-----END OPENSSH PRIVATE KEY-----\n";
    size_t b64 = sshc_base64_encoded_len(size);
    char *text = malloc(sizeof(head) + b64 + sizeof(tail) + 1);
    size_t off = 0;
    memcpy(text, head, sizeof(head) - 1);
    off += sizeof(head) - 1;
    off += sshc_base64_encode(data, size, text + off, b64 + 1, true);
    memcpy(text + off, tail, sizeof(tail));
    off += sizeof(tail) - 1;
    if (sshc_key_parse_private((const uint8_t *)text, off, NULL, &k) == SSHC_OK) {
        sshc_key_free(k);
    }
    free(text);
    return 0;
}
