/* A deterministic RNG for tests and fuzzers (splitmix64 stream). Not for real keys. */
#ifndef SSHC_DET_RNG_H
#define SSHC_DET_RNG_H
#include <stddef.h>
#include <stdint.h>
struct sshc_det_rng {
    uint64_t state;
};
int sshc_det_rng(void *ctx, uint8_t *buf, size_t len);
#endif
