/* Constant-time comparison (see ct.h); OpenSSL's CRYPTO_memcmp does the work. */
#include "crypto/ct.h"

#include <openssl/crypto.h>

bool sshc_ct_equal(const void *a, const void *b, size_t n)
{
    return CRYPTO_memcmp(a, b, n) == 0;
}
