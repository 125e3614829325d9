/*
 * CPU cost of one key exchange per method and host key type, measured in
 * memory (client + server sessions in one process, no sockets, no auth):
 * version exchange, KEXINIT, the method's messages, the host key signature
 * and its verification, NEWKEYS. Prints milliseconds of CPU per exchange.
 *   build-release/bench/kex_cost [iterations=50]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "crypto/key.h"
#include "pair.h"
#include "transport/kex.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One exchange: sessions made anew, pumped until the client asks about the host key. */
static int one(const char *kex, const char *hostalg, sshc_key *host)
{
    struct pair p;
    if (pair_init(&p, kex, "aes128-gcm@openssh.com", NULL, 7) != SSHC_OK) {
        return -1;
    }
    sshc_config_set_kex_algorithms(p.scfg, kex);
    sshc_config_set_hostkey_algorithms(p.ccfg, hostalg);
    sshc_config_set_hostkey_algorithms(p.scfg, hostalg);
    if (host != NULL) {
        sshc_config_add_host_key(p.scfg, host);
        sshc_key_free(p.hostkey);
        sshc_key_dup(host, &p.hostkey);
    }
    sshc_session_free(p.c);
    sshc_session_free(p.s);
    p.c = sshc_session_new(p.ccfg);
    p.s = sshc_session_new(p.scfg);
    pair_pump(&p);
    int ok = p.ready ? 0 : -1;
    pair_free(&p);
    return ok;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 50;
    printf("%-40s %-22s %10s\n", "kex", "host key", "CPU ms");
    for (size_t i = 0; sshc_kex_at(i) != NULL; i++) {
        const char *kex = sshc_kex_at(i)->name;
        double t0 = cpu_ms();
        int bad = 0;
        for (int k = 0; k < n; k++) {
            bad += one(kex, "ssh-ed25519", NULL) != 0;
        }
        printf("%-40s %-22s %10.2f%s\n", kex, "ssh-ed25519", (cpu_ms() - t0) / n,
               bad ? " (failures!)" : "");
    }
    static const struct {
        enum sshc_key_type type;
        unsigned bits;
        const char *alg;
    } hosts[] = {
        {SSHC_KEY_ECDSA_P256, 256, "ecdsa-sha2-nistp256"},
        {SSHC_KEY_ECDSA_P384, 384, "ecdsa-sha2-nistp384"},
        {SSHC_KEY_ECDSA_P521, 521, "ecdsa-sha2-nistp521"},
        {SSHC_KEY_RSA, 3072, "rsa-sha2-512"},
        {SSHC_KEY_RSA, 3072, "rsa-sha2-256"},
    };
    for (size_t h = 0; h < sizeof(hosts) / sizeof(hosts[0]); h++) {
        sshc_key *key = NULL;
        if (sshc_key_generate_bits(hosts[h].type, hosts[h].bits, &key) != SSHC_OK) {
            continue;
        }
        double t0 = cpu_ms();
        int bad = 0;
        for (int k = 0; k < n; k++) {
            bad += one("curve25519-sha256", hosts[h].alg, key) != 0;
        }
        printf("%-40s %-22s %10.2f%s\n", "curve25519-sha256", hosts[h].alg, (cpu_ms() - t0) / n,
               bad ? " (failures!)" : "");
        sshc_key_free(key);
    }
    printf("(both sides in one process: ephemeral keys, shared secret, signature, verification)\n");
    return 0;
}
