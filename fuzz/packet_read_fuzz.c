/*
 * Binary packet deframing (RFC 4253 §6). The first input byte picks the
 * protection: none, or one of the ciphers (with a MAC where needed) keyed
 * with fixed keys, so the length, MAC and AEAD paths are all reached; the
 * rest is fed to a server session as if it came from the network.
 */
#include <string.h>

#include "crypto/cipher.h"
#include "crypto/mac.h"
#include "transport/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    const char *cipher, *mac;
} modes[] = {
    {NULL, NULL},
    {"chacha20-poly1305@openssh.com", NULL},
    {"aes128-gcm@openssh.com", NULL},
    {"aes256-gcm@openssh.com", NULL},
    {"aes128-ctr", "hmac-sha2-256"},
    {"aes256-ctr", "hmac-sha2-512-etm@openssh.com"},
};

static void install_fixed_keys(sshc_session *s, const char *cipher, const char *mac)
{
    static const uint8_t key[128] = {1, 2, 3, 4, 5, 6, 7, 8};
    struct sshc_dir *d = &s->rx;
    d->cipher = sshc_cipher_find(cipher, strlen(cipher));
    if (d->cipher == NULL || sshc_cipher_new(d->cipher, false, key, key + 64, &d->cipher_ctx) != 0) {
        d->cipher = NULL;
        return;
    }
    d->block = d->cipher->block_size > 8 ? d->cipher->block_size : 8;
    if (mac != NULL) {
        d->mac = sshc_mac_find(mac, strlen(mac));
        sshc_mac_new(d->mac, key, &d->mac_ctx);
    }
    d->trailer = d->cipher->tag_len ? d->cipher->tag_len : d->mac->mac_len;
    d->aad = d->cipher->tag_len > 0 || d->mac->etm;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    size_t mode = data[0] % (sizeof(modes) / sizeof(modes[0]));
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_SERVER);
    sshc_key *key = NULL;
    sshc_key_generate(SSHC_KEY_ED25519, &key);
    sshc_config_add_host_key(cfg, key);
    sshc_session *s = sshc_session_new(cfg);
    s->ts = SSHC_TS_EXPECT_KEXINIT; /* identification already exchanged */
    s->peer_version = strdup("SSH-2.0-fuzz");
    if (modes[mode].cipher != NULL) {
        install_fixed_keys(s, modes[mode].cipher, modes[mode].mac);
    }
    size_t off = 1, used = 0;
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
    return 0;
}
