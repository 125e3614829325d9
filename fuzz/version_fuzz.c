/* The identification exchange (RFC 4253 §4.2), in both roles, fed arbitrary bytes. */
#include <stdint.h>

#include "sshcore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int role = 0; role < 2; role++) {
        sshc_config *cfg = sshc_config_new(role ? SSHC_ROLE_SERVER : SSHC_ROLE_CLIENT);
        sshc_key *key = NULL;
        if (role) {
            sshc_key_generate(SSHC_KEY_ED25519, &key);
            sshc_config_add_host_key(cfg, key);
        }
        sshc_session *s = sshc_session_new(cfg);
        size_t off = 0, used = 0;
        sshc_event ev;
        while (off < size && sshc_session_recv(s, data + off, size - off, &used) == SSHC_OK &&
               used > 0) {
            off += used;
            while (sshc_session_poll_event(s, &ev) == 1) {
            }
        }
        sshc_session_free(s);
        sshc_key_free(key);
        sshc_config_free(cfg);
    }
    return 0;
}
