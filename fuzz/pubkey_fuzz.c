/* Public key blobs (RFC 4253 §6.6) and public key lines, as the peer or a file gives them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/key.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sshc_key *k = NULL;
    if (sshc_key_parse_blob(data, size, &k) == SSHC_OK) {
        /* A parsed key must encode back to exactly the same blob. */
        sshc_bld b;
        sshc_bld_init(&b, 1 << 16);
        if (sshc_key_public_blob(k, &b) != SSHC_OK || b.len != size || memcmp(b.buf, data, size)) {
            abort();
        }
        sshc_bld_clear(&b);
        sshc_key_free(k);
    }
    char *line = malloc(size + 1);
    memcpy(line, data, size);
    line[size] = '\0';
    if (sshc_key_parse_public_line(line, &k) == SSHC_OK) {
        sshc_key_free(k);
    }
    free(line);
    return 0;
}
