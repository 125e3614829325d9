/*
 * Each key exchange method's messages (KEX_ECDH_INIT/REPLY, KEXDH_INIT/REPLY,
 * KEX_DH_GEX_REQUEST/GROUP/INIT/REPLY), in both roles. The first byte picks
 * the method (a row of the kex table) and the side; a client and a server
 * session exchange version lines and KEXINITs for real, and then the rest
 * of the input is dispatched as payloads (uint16 length + bytes) into the
 * chosen side while it waits for the method's messages.
 */
#include <stdint.h>
#include <string.h>

#include "det_rng.h"
#include "fuzz_payloads.h"
#include "transport/kex.h"
#include "transport/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void move(sshc_session *from, sshc_session *to)
{
    const uint8_t *d;
    size_t n, used;
    sshc_event ev;
    sshc_session_output(from, &d, &n);
    if (n > 0 && sshc_session_recv(to, d, n, &used) == SSHC_OK) {
        sshc_session_output_done(from, used);
    }
    while (sshc_session_poll_event(to, &ev) == 1) {
    }
}

/* Every decision (host key, ...) answered yes, so the exchange can go on. */
static void allow_all(void *ctx)
{
    sshc_session *target = ctx;
    sshc_event ev;
    while (sshc_session_poll_event(target, &ev) == 1) {
        if (ev.decision != 0) {
            sshc_session_reply(target, ev.decision, SSHC_ALLOW);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    size_t count = 0;
    while (sshc_kex_at(count) != NULL) {
        count++;
    }
    const sshc_kex_alg *alg = sshc_kex_at((data[0] & 0x7f) % count);
    bool into_server = (data[0] & 0x80) != 0;
    static sshc_key *hostkey;
    if (hostkey == NULL && sshc_key_generate(SSHC_KEY_ED25519, &hostkey) != SSHC_OK) {
        return 0;
    }
    struct sshc_det_rng crng = {1}, srng = {2};
    sshc_config *ccfg = sshc_config_new(SSHC_ROLE_CLIENT);
    sshc_config *scfg = sshc_config_new(SSHC_ROLE_SERVER);
    sshc_config_set_rng(ccfg, sshc_det_rng, &crng);
    sshc_config_set_rng(scfg, sshc_det_rng, &srng);
    sshc_config_set_kex_algorithms(ccfg, alg->name);
    sshc_config_set_kex_algorithms(scfg, alg->name);
    sshc_config_add_host_key(scfg, hostkey);
    sshc_session *c = sshc_session_new(ccfg);
    sshc_session *s = sshc_session_new(scfg);
    /* Versions and KEXINITs: the server now waits for INIT (or REQUEST), the client for REPLY (or GROUP). */
    move(c, s);
    move(s, c);
    sshc_session *target = into_server ? s : c;
    fuzz_dispatch_payloads(target, data + 1, size - 1, allow_all, target);
    sshc_session_free(c);
    sshc_session_free(s);
    sshc_config_free(ccfg);
    sshc_config_free(scfg);
    return 0;
}
