/* splitmix64: a reproducible byte stream so sessions replay byte for byte. */
#include "det_rng.h"

int sshc_det_rng(void *ctx, uint8_t *buf, size_t len)
{
    struct sshc_det_rng *r = ctx;
    for (size_t i = 0; i < len; i++) {
        if (i % 8 == 0) {
            r->state += 0x9e3779b97f4a7c15ULL;
        }
        uint64_t z = r->state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        buf[i] = (uint8_t)(z >> (8 * (i % 8)));
    }
    return 0;
}
