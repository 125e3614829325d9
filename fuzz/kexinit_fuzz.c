/* KEXINIT parsing and negotiation against our own lists. */
#include <stdint.h>

#include "transport/kexinit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sshc_cur c;
    struct sshc_kexinit m;
    sshc_cur_init(&c, data, size);
    if (sshc_kexinit_parse(&c, &m) != 0) {
        return 0;
    }
    static const char ours[] = "curve25519-sha256,aes128-ctr,hmac-sha2-256,none";
    char out[65];
    for (int i = 0; i < SSHC_KEXINIT_LISTS; i++) {
        sshc_kexinit_choose((const uint8_t *)ours, sizeof(ours) - 1, m.list[i].p, m.list[i].len,
                            NULL, out, sizeof(out));
        sshc_kexinit_choose(m.list[i].p, m.list[i].len, (const uint8_t *)ours, sizeof(ours) - 1,
                            NULL, out, sizeof(out));
    }
    return 0;
}
