/* Constant-time helpers: comparisons whose time does not depend on the data. */
#ifndef SSHC_CRYPTO_CT_H
#define SSHC_CRYPTO_CT_H

#include <stdbool.h>
#include <stddef.h>

/* true when the n bytes at a and b are equal; time depends only on n. */
bool sshc_ct_equal(const void *a, const void *b, size_t n);

#endif
