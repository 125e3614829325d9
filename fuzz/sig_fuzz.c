/*
 * Signature blobs (string alg, string signature) checked against fixed keys
 * of every type: the first byte picks the key and algorithm, the rest is
 * the blob. Random bytes must never verify.
 */
#include <stdint.h>

#include "crypto/key.h"
#include "key_kinds.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


/* A fixed ssh-dss public key (made by ssh-keygen -t dsa): DSA is verify-only, never generated. */
static const char dsa_line[] =
    "ssh-dss AAAAB3NzaC1kc3MAAACBAPP1mOT1WcMwVzupG7K80bViZeVUYO9XlBOfyLn9OTHoagTU"
    "1rzVp9fLN7Xwbd8mnU7klrc0Vh7HxmnnPOSBcnmtDKCm9oUg/lkEck5GG6uyAwqh4KDUF6QGL9xd"
    "cB+PRgF6wrqL5rW3PjXtZ+oNIY5jFWj47ir0OKbIoTlUSYzzAAAAFQCyV7PZqJUzKTGKvvWTbtIu"
    "6uawfwAAAIEAlMqokAf6fEUu86fYw8Xl1jqOz5XQiwkFN+HcQoFceW6K0fvSrB+T6335JJAcD3jv"
    "999Y/LLo5mYNnB5nvn66vENZAbZzLQbqC9DH6rq0bjP9J3VC/Td54ZgSN7dNvocPhg8CQmK/75U+"
    "/FAJZkdZmcKV1iow1XE0uTlUN79mCAsAAACBANCrzXIAVgNHtiNUrl063g0d1hpSHxOBIz7aBrxe"
    "LthvZPVcB0T7gCDBqLxkcdiamHnfADgzq/FdRJijK7y8MLmpRHLpbOIQk/tExA6wutXygtVW6KJ/"
    "gmVaYiQtyeYLZ+18zvordBXAgrD0/+JrBHm5zaJ1DI8VsCt04zzo9IcY";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static sshc_key *keys[KEY_KINDS];
    if (size < 1) {
        return 0;
    }
    static const uint8_t msg[] = "exchange hash";
    if (data[0] % (KEY_KINDS + 1) == KEY_KINDS) {
        static sshc_key *dsa;
        if (dsa == NULL && sshc_key_parse_public_line(dsa_line, &dsa) != SSHC_OK) {
            __builtin_trap(); /* the fixed key must parse */
        }
        if (sshc_key_verify(dsa, "ssh-dss", data + 1, size - 1, msg, sizeof(msg)) == SSHC_OK) {
            __builtin_trap();
        }
        return 0;
    }
    size_t i = data[0] % (KEY_KINDS + 1);
    if (keys[i] == NULL &&
        sshc_key_generate_bits(key_kinds[i].type, key_kinds[i].bits, &keys[i]) != SSHC_OK) {
        return 0;
    }
    if (sshc_key_verify(keys[i], key_kinds[i].alg, data + 1, size - 1, msg, sizeof(msg)) == SSHC_OK) {
        __builtin_trap();
    }
    return 0;
}
