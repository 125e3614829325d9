/*
 * A raw SSH peer for the hostile tests: bounded socket reads and writes
 * with deadlines, and plaintext binary packets (RFC 4253 §6, before any
 * NEWKEYS) framed and read by hand, so tests can send what no correct
 * implementation would.
 */
#ifndef SSHC_HOSTILE_RAW_PEER_H
#define SSHC_HOSTILE_RAW_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define IO_TIMEOUT_MS 5000

struct buf {
    uint8_t d[1 << 20];
    size_t n;
};

long long now_ms(void);
void sleep_ms(long ms);
/* >0 bytes read, 0 closed (EOF or reset), -1 error, -2 timeout. */
ssize_t read_some(int fd, void *buf, size_t n, long long deadline);
/* 1 all read, 0 closed, -1 error, -2 timeout. */
int read_exact(int fd, void *buf, size_t n, long long deadline);
/* Send everything; false when the peer closed or it timed out. */
bool send_all(int fd, const void *buf, size_t n);
bool send_str(int fd, const char *s);
/* Read the peer's identification (skipping any lines before it). */
bool read_version(int fd, char *out, size_t cap);
void put_u32(struct buf *b, uint32_t v);
void put_byte(struct buf *b, uint8_t v);
void put_bytes(struct buf *b, const void *p, size_t n);
void put_string(struct buf *b, const void *p, size_t n);
void put_cstring(struct buf *b, const char *s);
uint32_t get_u32(const uint8_t *p);
/* Frame a payload as a plaintext binary packet and send it. */
bool send_packet(int fd, const uint8_t *payload, size_t len);
bool send_buf(int fd, const struct buf *b);
/* Read one plaintext packet; 1 ok, 0 closed, -2 timeout, -3 malformed. */
int read_packet(int fd, uint8_t *payload, size_t cap, size_t *len, long long deadline);

/* A KEXINIT payload with the same list both ways for cipher, MAC and compression. */
void build_kexinit(struct buf *b, const char *kex, const char *hostkey, const char *cipher,
                   const char *mac, const char *comp);

/* What the peer did after an attack. */
struct outcome {
    bool disconnect; /* a DISCONNECT packet arrived */
    uint32_t reason;
    char desc[200];
    bool closed;  /* then EOF / reset */
    bool timeout; /* nothing conclusive within the timeout */
    bool garbage; /* bytes that do not frame as a plaintext packet */
    int msgs[16]; /* other message numbers seen */
    int nmsgs;
};

/* Read until DISCONNECT, close or timeout, and record what came. */
void collect(int fd, struct outcome *o, long long timeout_ms);
void print_outcome(const char *name, const struct outcome *o);

#endif
