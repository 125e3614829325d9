/*
 * UMAC, RFC 4418 (see umac.h). Written from the RFC's pseudocode:
 *
 *   Tag = UHASH(K, M, taglen) xor PDF(K, Nonce, taglen)
 *
 * UHASH runs taglen/4 iterations of L1 (NH over 1024-byte chunks, each
 * result plus the chunk's bit length), L2 (POLY-64, then POLY-128 past
 * 2^17 bytes of L1 output; skipped when M fits in one chunk) and L3 (an
 * inner product mod 2^36-5, xored with a 32-bit key). In NH, message
 * words are read little-endian and key words big-endian (§5.2.2 uses
 * str2uint on the key and reads the message through ENDIAN-SWAP); all
 * other strings are big-endian.
 *
 * All iterations of NH are run in one pass over the message, so each
 * message word is loaded once.
 */
#include "crypto/umac.h"

#include <openssl/evp.h>
#include <string.h>

#include "core/mem.h"
#include "sshcore.h"

__extension__ typedef unsigned __int128 u128;

#define P36 ((UINT64_C(1) << 36) - 5)
#define P64 (UINT64_MAX - 58) /* 2^64 - 59 */
#define P64_OFFSET 59
#define P128_OFFSET 159 /* p128 = 2^128 - 159 */
#define MASK64 UINT64_C(0x01ffffff01ffffff)
#define L1_CHUNK 1024
#define L2_POLY64_WORDS (1u << 14) /* 2^17 bytes of L1 output */

static uint64_t load64be(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = (v << 8) | p[i];
    }
    return v;
}

static uint32_t load32be(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t load32le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool aes_block(struct evp_cipher_ctx_st *aes, const uint8_t in[16], uint8_t out[16])
{
    int outl = 0;
    return EVP_EncryptUpdate(aes, out, &outl, in, 16) == 1 && outl == 16;
}

/* KDF(K, index, numbytes), §3.2.1: AES_K(uint64 index || uint64 i), i = 1, 2, ... */
static bool kdf(struct evp_cipher_ctx_st *aes, uint64_t index, uint8_t *out, size_t n)
{
    uint8_t in[16], block[16];
    bool ok = true;
    for (uint64_t i = 1; ok && n > 0; i++) {
        for (int b = 0; b < 8; b++) {
            in[b] = (uint8_t)(index >> (56 - 8 * b));
            in[8 + b] = (uint8_t)(i >> (56 - 8 * b));
        }
        ok = aes_block(aes, in, block);
        size_t take = n < 16 ? n : 16;
        memcpy(out, block, take);
        out += take;
        n -= take;
    }
    sshc_wipe(block, sizeof(block));
    return ok;
}

void sshc_umac_clear(sshc_umac *u)
{
    if (u == NULL) {
        return;
    }
    EVP_CIPHER_CTX_free(u->aes);
    sshc_wipe(u, sizeof(*u));
}

int sshc_umac_init(sshc_umac *u, const uint8_t *key, size_t tag_len)
{
    memset(u, 0, sizeof(*u));
    if (tag_len != 8 && tag_len != 16) {
        return SSHC_E_INVALID_ARG;
    }
    u->tag_len = tag_len;
    u->iters = tag_len / 4;
    u->aes = EVP_CIPHER_CTX_new();
    if (u->aes == NULL) {
        return SSHC_E_NOMEM;
    }
    /* Sized for the largest tag; only the bytes this tag length uses are derived. */
    uint8_t l1[sizeof(u->l1)], l2[SSHC_UMAC_MAX_ITERS * 24], l3a[SSHC_UMAC_MAX_ITERS * 64];
    uint8_t l3b[SSHC_UMAC_MAX_ITERS * 4], kprime[16];
    size_t it = u->iters;
    bool ok = EVP_EncryptInit_ex(u->aes, EVP_aes_128_ecb(), NULL, key, NULL) == 1 &&
              EVP_CIPHER_CTX_set_padding(u->aes, 0) == 1 &&
              kdf(u->aes, 0, kprime, sizeof(kprime)) &&
              kdf(u->aes, 1, l1, L1_CHUNK + (it - 1) * 16) &&
              kdf(u->aes, 2, l2, it * 24) && kdf(u->aes, 3, l3a, it * 64) &&
              kdf(u->aes, 4, l3b, it * 4) &&
              /* the PDF uses AES under K' = KDF(K, 0, 16) */
              EVP_EncryptInit_ex(u->aes, NULL, NULL, kprime, NULL) == 1;
    if (ok) {
        for (size_t i = 0; i < (L1_CHUNK + (it - 1) * 16) / 4; i++) {
            u->l1[i] = load32be(l1 + 4 * i);
        }
        for (size_t i = 0; i < it; i++) {
            u->l2_64[i] = load64be(l2 + 24 * i) & MASK64;
            u->l2_128[i][0] = load64be(l2 + 24 * i + 8) & MASK64;
            u->l2_128[i][1] = load64be(l2 + 24 * i + 16) & MASK64;
            for (size_t j = 0; j < 8; j++) {
                u->l3_1[i][j] = load64be(l3a + 64 * i + 8 * j) % P36;
            }
            u->l3_2[i] = load32be(l3b + 4 * i);
        }
    }
    sshc_wipe(l1, sizeof(l1));
    sshc_wipe(l2, sizeof(l2));
    sshc_wipe(l3a, sizeof(l3a));
    sshc_wipe(l3b, sizeof(l3b));
    sshc_wipe(kprime, sizeof(kprime));
    if (!ok) {
        sshc_umac_clear(u);
        return SSHC_E_CRYPTO;
    }
    return SSHC_OK;
}

/*
 * NH over n bytes (a multiple of 32) for `iters` iterations, iteration j
 * using the key shifted by 4*j words; sums accumulate into acc[j].
 */
static inline void nh_blocks(const uint32_t *key, const uint8_t *m, size_t n, size_t iters,
                             uint64_t *acc)
{
    for (size_t off = 0; off < n; off += 32, key += 8) {
        uint32_t w[8];
        for (int i = 0; i < 8; i++) {
            w[i] = load32le(m + off + 4 * (size_t)i);
        }
        for (size_t j = 0; j < iters; j++) {
            const uint32_t *k = key + 4 * j;
            acc[j] += (uint64_t)(uint32_t)(w[0] + k[0]) * (uint32_t)(w[4] + k[4]);
            acc[j] += (uint64_t)(uint32_t)(w[1] + k[1]) * (uint32_t)(w[5] + k[5]);
            acc[j] += (uint64_t)(uint32_t)(w[2] + k[2]) * (uint32_t)(w[6] + k[6]);
            acc[j] += (uint64_t)(uint32_t)(w[3] + k[3]) * (uint32_t)(w[7] + k[7]);
        }
    }
}

/* L1-HASH of one chunk (0..1024 bytes): NH(zeropad(chunk, 32)) + bitlength. */
static void l1_chunk(const sshc_umac *u, const uint8_t *m, size_t n, uint64_t *out)
{
    uint64_t acc[SSHC_UMAC_MAX_ITERS] = {0};
    size_t full = n & ~(size_t)31;
    /* Separate constant-iteration calls let the compiler unroll the inner loop. */
    if (u->iters == 2) {
        nh_blocks(u->l1, m, full, 2, acc);
    } else {
        nh_blocks(u->l1, m, full, 4, acc);
    }
    if (full < n || n == 0) {
        /* zeropad: the tail, or 32 zero bytes for the empty message */
        uint8_t last[32] = {0};
        memcpy(last, m + full, n - full);
        nh_blocks(u->l1 + full / 4, last, 32, u->iters, acc);
    }
    for (size_t j = 0; j < u->iters; j++) {
        out[j] = acc[j] + (uint64_t)n * 8;
    }
}

/* t mod (2^64 - 59), for t < 2^128 */
static uint64_t mod_p64(u128 t)
{
    t = (t >> 64) * P64_OFFSET + (uint64_t)t; /* < 2^71 */
    t = (t >> 64) * P64_OFFSET + (uint64_t)t; /* < 2^64 + 2^13 */
    t = (t >> 64) * P64_OFFSET + (uint64_t)t; /* < 2^64 */
    uint64_t r = (uint64_t)t;
    return r >= P64 ? r - P64 : r;
}

/* One POLY-64 step, §5.3.1 (wordbits 64, maxwordrange 2^64 - 2^32). */
static uint64_t poly64(uint64_t y, uint64_t k, uint64_t m)
{
    if (m >= UINT64_C(0xffffffff00000000)) {
        y = mod_p64((u128)k * y + (P64 - 1));
        m -= P64_OFFSET;
    }
    return mod_p64((u128)k * y + m);
}

static const u128 P128 = ~(u128)0 - (P128_OFFSET - 1);

/* a + b mod p128, for a < p128 and any b < 2^128 */
static u128 add_p128(u128 a, u128 b)
{
    u128 s = a + b;
    if (s < a) {
        s += P128_OFFSET; /* 2^128 == 159; cannot carry again since a < p */
    }
    return s >= P128 ? s - P128 : s;
}

/* a * b mod p128 */
static u128 mul_p128(u128 a, u128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    /* the 256-bit product as four 64-bit limbs r0..r3 */
    u128 t = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    uint64_t r0 = (uint64_t)p00, r1 = (uint64_t)t;
    t = (t >> 64) + (p01 >> 64) + (p10 >> 64) + (uint64_t)p11;
    uint64_t r2 = (uint64_t)t;
    uint64_t r3 = (uint64_t)((t >> 64) + (p11 >> 64));
    /* r3:r2 * 2^128 == 159 * (r3:r2) */
    u128 c0 = (u128)r2 * P128_OFFSET + r0;
    u128 c1 = (u128)r3 * P128_OFFSET + r1 + (uint64_t)(c0 >> 64);
    u128 low = (c1 << 64) | (uint64_t)c0;
    uint64_t top = (uint64_t)(c1 >> 64); /* < 2^9 */
    u128 r = low >= P128 ? low - P128 : low;
    return add_p128(r, (u128)top * P128_OFFSET);
}

static u128 poly128(u128 y, u128 k, u128 m)
{
    const u128 maxwordrange = ~(u128)0 - (((u128)1 << 96) - 1); /* 2^128 - 2^96 */
    if (m >= maxwordrange) {
        y = add_p128(mul_p128(k, y), P128 - 1);
        m -= P128_OFFSET;
    }
    return add_p128(mul_p128(k, y), m);
}

/* L3-HASH, §5.4: B = hi || lo (16 bytes), eight 16-bit words. */
static uint32_t l3(const sshc_umac *u, size_t j, uint64_t hi, uint64_t lo)
{
    uint64_t y = 0;
    for (int i = 0; i < 4; i++) {
        y += ((hi >> (48 - 16 * i)) & 0xffff) * u->l3_1[j][i];
        y += ((lo >> (48 - 16 * i)) & 0xffff) * u->l3_1[j][4 + i];
    }
    return (uint32_t)(y % P36) ^ u->l3_2[j];
}

/* PDF, §4.3: AES_K'(nonce padded to 16 bytes, low bit(s) cleared for 64-bit tags). */
static int pdf(sshc_umac *u, const uint8_t *nonce, size_t nonce_len, uint8_t *pad)
{
    uint8_t in[16] = {0};
    memcpy(in, nonce, nonce_len);
    size_t index = 0;
    if (u->tag_len == 8) {
        index = in[nonce_len - 1] & 1;
        in[nonce_len - 1] &= 0xfe;
    }
    if (!u->pad_valid || memcmp(in, u->pad_in, 16) != 0) {
        u->pad_valid = false;
        if (!aes_block(u->aes, in, u->pad_out)) {
            return SSHC_E_CRYPTO;
        }
        memcpy(u->pad_in, in, 16);
        u->pad_valid = true;
    }
    memcpy(pad, u->pad_out + index * u->tag_len, u->tag_len);
    return SSHC_OK;
}

int sshc_umac_compute(sshc_umac *u, const uint8_t *nonce, size_t nonce_len, const uint8_t *msg,
                      size_t len, uint8_t *tag)
{
    if (u == NULL || u->aes == NULL || nonce_len < 1 || nonce_len > 16) {
        return SSHC_E_INVALID_ARG;
    }
    size_t it = u->iters;
    uint64_t hi[SSHC_UMAC_MAX_ITERS] = {0}, lo[SSHC_UMAC_MAX_ITERS];
    uint64_t a[SSHC_UMAC_MAX_ITERS];
    if (len <= L1_CHUNK) {
        /* One chunk: L2 is skipped and B = zeroes(8) || L1 output. */
        l1_chunk(u, msg, len, lo);
    } else {
        uint64_t y64[SSHC_UMAC_MAX_ITERS];
        u128 y128[SSHC_UMAC_MAX_ITERS];
        uint64_t half[SSHC_UMAC_MAX_ITERS] = {0};
        bool have_half = false;
        for (size_t j = 0; j < it; j++) {
            y64[j] = 1;
            y128[j] = 1;
        }
        size_t words = 0;
        for (size_t off = 0; off < len; off += L1_CHUNK, words++) {
            size_t n = len - off < L1_CHUNK ? len - off : L1_CHUNK;
            l1_chunk(u, msg + off, n, a);
            for (size_t j = 0; j < it; j++) {
                if (words < L2_POLY64_WORDS) {
                    y64[j] = poly64(y64[j], u->l2_64[j], a[j]);
                } else if (!have_half) {
                    half[j] = a[j];
                } else {
                    u128 k = (u128)u->l2_128[j][0] << 64 | u->l2_128[j][1];
                    y128[j] = poly128(y128[j], k, (u128)half[j] << 64 | a[j]);
                }
            }
            if (words == L2_POLY64_WORDS - 1 && off + L1_CHUNK < len) {
                /* POLY-128 follows: its first word is the POLY-64 result. */
                for (size_t j = 0; j < it; j++) {
                    u128 k = (u128)u->l2_128[j][0] << 64 | u->l2_128[j][1];
                    y128[j] = poly128(y128[j], k, y64[j]);
                }
            } else if (words >= L2_POLY64_WORDS) {
                have_half = !have_half;
            }
        }
        for (size_t j = 0; j < it; j++) {
            if (words <= L2_POLY64_WORDS) {
                lo[j] = y64[j];
                continue;
            }
            /* M_2 || 0x80, zero-padded to 16 bytes: the last POLY-128 word */
            u128 k = (u128)u->l2_128[j][0] << 64 | u->l2_128[j][1];
            u128 m = have_half ? (u128)half[j] << 64 | (u128)0x80 << 56 : (u128)0x80 << 120;
            y128[j] = poly128(y128[j], k, m);
            hi[j] = (uint64_t)(y128[j] >> 64);
            lo[j] = (uint64_t)y128[j];
        }
    }
    uint8_t pad[16];
    int r = pdf(u, nonce, nonce_len, pad);
    if (r != SSHC_OK) {
        return r;
    }
    for (size_t j = 0; j < it; j++) {
        uint32_t c = l3(u, j, hi[j], lo[j]);
        tag[4 * j + 0] = (uint8_t)(c >> 24) ^ pad[4 * j + 0];
        tag[4 * j + 1] = (uint8_t)(c >> 16) ^ pad[4 * j + 1];
        tag[4 * j + 2] = (uint8_t)(c >> 8) ^ pad[4 * j + 2];
        tag[4 * j + 3] = (uint8_t)c ^ pad[4 * j + 3];
    }
    sshc_wipe(pad, sizeof(pad));
    return SSHC_OK;
}
