/* The raw SSH peer of the hostile tests (see raw_peer.h). */
#include "raw_peer.h"

#include <errno.h>
#include <stdio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SSH_MSG_DISCONNECT 1

long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* >0 bytes read, 0 closed (EOF or reset), -1 error, -2 timeout. */
ssize_t read_some(int fd, void *buf, size_t n, long long deadline)
{
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            return -2;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r == 0) {
            return -2;
        }
        if (r < 0) {
            return -1;
        }
        ssize_t k = read(fd, buf, n);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k < 0 && (errno == ECONNRESET || errno == EPIPE)) {
            return 0;
        }
        return k;
    }
}

/* 1 all read, 0 closed, -1 error, -2 timeout. */
int read_exact(int fd, void *buf, size_t n, long long deadline)
{
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t k = read_some(fd, p, n, deadline);
        if (k <= 0) {
            return (int)k;
        }
        p += k;
        n -= (size_t)k;
    }
    return 1;
}

/* Send everything; false when the peer closed or it timed out. */
bool send_all(int fd, const void *buf, size_t n)
{
    const uint8_t *p = buf;
    long long deadline = now_ms() + IO_TIMEOUT_MS;
    while (n > 0) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            return false;
        }
        struct pollfd pf = {.fd = fd, .events = POLLOUT};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            return false;
        }
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (k < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (k <= 0) {
            return false;
        }
        p += k;
        n -= (size_t)k;
    }
    return true;
}

bool send_str(int fd, const char *s)
{
    return send_all(fd, s, strlen(s));
}

/* Read the server's identification (skipping any lines before it). */
bool read_version(int fd, char *out, size_t cap)
{
    long long deadline = now_ms() + IO_TIMEOUT_MS;
    for (int lines = 0; lines < 100; lines++) {
        size_t n = 0;
        for (;;) {
            char c;
            if (read_exact(fd, &c, 1, deadline) != 1) {
                return false;
            }
            if (c == '\n') {
                break;
            }
            if (n + 1 < cap) {
                out[n++] = c;
            }
        }
        if (n > 0 && out[n - 1] == '\r') {
            n--;
        }
        out[n] = '\0';
        if (strncmp(out, "SSH-", 4) == 0) {
            return true;
        }
    }
    return false;
}

void put_u32(struct buf *b, uint32_t v)
{
    b->d[b->n++] = (uint8_t)(v >> 24);
    b->d[b->n++] = (uint8_t)(v >> 16);
    b->d[b->n++] = (uint8_t)(v >> 8);
    b->d[b->n++] = (uint8_t)v;
}

void put_byte(struct buf *b, uint8_t v)
{
    b->d[b->n++] = v;
}

void put_bytes(struct buf *b, const void *p, size_t n)
{
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

void put_string(struct buf *b, const void *p, size_t n)
{
    put_u32(b, (uint32_t)n);
    put_bytes(b, p, n);
}

void put_cstring(struct buf *b, const char *s)
{
    put_string(b, s, strlen(s));
}

/* Frame a payload as a plaintext binary packet and send it. */
bool send_packet(int fd, const uint8_t *payload, size_t len)
{
    static struct buf pkt;
    size_t pad = 8 - ((4 + 1 + len) % 8);
    if (pad < 4) {
        pad += 8;
    }
    pkt.n = 0;
    put_u32(&pkt, (uint32_t)(1 + len + pad));
    put_byte(&pkt, (uint8_t)pad);
    put_bytes(&pkt, payload, len);
    for (size_t i = 0; i < pad; i++) {
        put_byte(&pkt, (uint8_t)(0xa5 ^ i));
    }
    return send_all(fd, pkt.d, pkt.n);
}

bool send_buf(int fd, const struct buf *b)
{
    return send_packet(fd, b->d, b->n);
}

/* Read one plaintext packet; 1 ok, 0 closed, -2 timeout, -3 malformed. */
int read_packet(int fd, uint8_t *payload, size_t cap, size_t *len, long long deadline)
{
    uint8_t hdr[5];
    int r = read_exact(fd, hdr, 5, deadline);
    if (r != 1) {
        return r;
    }
    uint32_t plen = get_u32(hdr);
    if (plen < 5 || plen > 35000 || hdr[4] + 1u > plen || (plen + 4) % 8 != 0) {
        return -3;
    }
    static uint8_t body[35000];
    r = read_exact(fd, body, plen - 1, deadline);
    if (r != 1) {
        return r;
    }
    size_t n = plen - 1 - hdr[4];
    if (n > cap) {
        n = cap;
    }
    memcpy(payload, body, n);
    *len = n;
    return 1;
}

uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void collect(int fd, struct outcome *o, long long timeout_ms)
{
    memset(o, 0, sizeof(*o));
    long long deadline = now_ms() + timeout_ms;
    static uint8_t payload[35000];
    for (;;) {
        size_t len = 0;
        int r = read_packet(fd, payload, sizeof(payload), &len, deadline);
        if (r == 0) {
            o->closed = true;
            return;
        }
        if (r == -2) {
            o->timeout = true;
            return;
        }
        if (r != 1) {
            o->garbage = true;
            uint8_t tmp[4096];
            ssize_t k;
            while ((k = read_some(fd, tmp, sizeof(tmp), deadline)) > 0) {
            }
            o->closed = k == 0;
            o->timeout = k == -2;
            return;
        }
        if (len == 0) {
            continue;
        }
        if (payload[0] == SSH_MSG_DISCONNECT && len >= 9) {
            o->disconnect = true;
            o->reason = get_u32(payload + 1);
            uint32_t dl = get_u32(payload + 5);
            if (dl > len - 9) {
                dl = (uint32_t)(len - 9);
            }
            if (dl >= sizeof(o->desc)) {
                dl = sizeof(o->desc) - 1;
            }
            memcpy(o->desc, payload + 9, dl);
            o->desc[dl] = '\0';
            uint8_t tmp[256];
            ssize_t k = read_some(fd, tmp, sizeof(tmp), deadline);
            o->closed = k == 0;
            o->timeout = k == -2;
            if (k > 0) {
                o->garbage = true;
            }
            return;
        }
        if (o->nmsgs < 16) {
            o->msgs[o->nmsgs++] = payload[0];
        }
    }
}


void print_outcome(const char *name, const struct outcome *o)
{
    char seen[128] = "";
    for (int i = 0; i < o->nmsgs; i++) {
        size_t l = strlen(seen);
        snprintf(seen + l, sizeof(seen) - l, "%s%d", i ? "," : "", o->msgs[i]);
    }
    printf("  [%s] wire: ", name);
    if (o->disconnect) {
        printf("DISCONNECT reason %u \"%s\"; ", o->reason, o->desc);
    } else {
        printf("no DISCONNECT; ");
    }
    printf("%s%s%s; other msgs [%s]\n", o->closed ? "closed" : "not closed",
           o->timeout ? " (timeout)" : "", o->garbage ? " (non-packet bytes)" : "", seen);
    fflush(stdout);
}


void build_kexinit(struct buf *b, const char *kex, const char *hostkey, const char *cipher,
                   const char *mac, const char *comp)
{
    b->n = 0;
    put_byte(b, 20); /* SSH_MSG_KEXINIT */
    for (int i = 0; i < 16; i++) {
        put_byte(b, (uint8_t)(i * 17 + 3)); /* cookie */
    }
    put_cstring(b, kex);
    put_cstring(b, hostkey);
    put_cstring(b, cipher);
    put_cstring(b, cipher);
    put_cstring(b, mac);
    put_cstring(b, mac);
    put_cstring(b, comp);
    put_cstring(b, comp);
    put_cstring(b, "");
    put_cstring(b, "");
    put_byte(b, 0); /* first_kex_packet_follows */
    put_u32(b, 0);
}
