/*
 * UMAC (RFC 4418) known answers and the umac-*@openssh.com MAC rows.
 *
 * Vectors: RFC 4418 Appendix ("Test Vectors"), key "abcdefghijklmnop",
 * nonce "bcdefghi". The RFC prints 32/64/96-bit tags; the 64-bit column is
 * used as is. The RFC has no 128-bit column; the full 128-bit tags (whose
 * first 12 bytes are the RFC's 96-bit tags, same iterations and same pad
 * block) are those published with Nettle's / cryptonite's UMAC test suites,
 * and the 'a' * 2^25 row uses the corrected values from the RFC 4418
 * erratum (FACA46F856E9B45F; the RFC's printed 2E2DBC36860A0A5F is wrong).
 */
#include "sshc_test.h"

#include <time.h>

#include "crypto/mac.h"
#include "crypto/umac.h"

struct umac_vector {
    const char *unit; /* repeated ... */
    size_t len;       /* ... to len bytes */
    const char *tag64;
    const char *tag128;
};

static const struct umac_vector vectors[] = {
    {"", 0, "6E155FAD26900BE1", "32FEDB100C79AD58F07FF7643CC60465"},
    {"a", 3, "44B5CB542F220104", "185E4FE905CBA7BD85E4C2DC3D117D8D"},
    {"a", 1u << 10, "26BF2F5D60118BD9", "7A54ABE04AF82D60FB298C3CBD195BCB"},
    {"a", 1u << 15, "27F8EF643B0D118D", "7B136BD911E4B734286EF2BE501F2C3C"},
    {"a", 1u << 20, "A4477E87E9F55853", "F8ACFA3AC31CFEEA047F7B115B03BEF5"},
    {"a", 1u << 25, "FACA46F856E9B45F", "A621C2457C0012E64F3FDAE9E7E1870C"},
    {"abc", 3, "D4D7B9F6BD4FBFCF", "883C3D4B97A61976FFCF232308CBA5A5"},
    {"abc", 1500, "D4CF26DDEFD5C01A", "8824A260C53C66A36C9260A62CB83AA1"},
};

static const uint8_t rfc_key[16] = "abcdefghijklmnop";
static const uint8_t rfc_nonce[8] = "bcdefghi";

static uint8_t *repeat(const char *unit, size_t len)
{
    uint8_t *m = malloc(len > 0 ? len : 1);
    size_t u = strlen(unit);
    for (size_t i = 0; m != NULL && i < len; i++) {
        m[i] = (uint8_t)unit[i % u];
    }
    return m;
}

TEST(rfc4418_vectors)
{
    sshc_umac u64, u128;
    EXPECT_OK(sshc_umac_init(&u64, rfc_key, 8));
    EXPECT_OK(sshc_umac_init(&u128, rfc_key, 16));
    for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        const struct umac_vector *v = &vectors[i];
        uint8_t *m = repeat(v->unit, v->len);
        uint8_t want[16], got[17];
        EXPECT_TRUE(m != NULL);
        if (m == NULL) {
            continue;
        }
        EXPECT_EQ(sshc_test_unhex(v->tag64, want, sizeof(want)), 8);
        memset(got, 0x5a, sizeof(got));
        EXPECT_OK(sshc_umac_compute(&u64, rfc_nonce, 8, m, v->len, got));
        if (memcmp(got, want, 8) != 0) {
            SSHC_TEST_FAIL("UMAC-64 '%s' x %zu bytes: wrong tag", v->unit, v->len);
        }
        EXPECT_EQ(got[8], 0x5a);
        EXPECT_EQ(sshc_test_unhex(v->tag128, want, sizeof(want)), 16);
        EXPECT_OK(sshc_umac_compute(&u128, rfc_nonce, 8, m, v->len, got));
        if (memcmp(got, want, 16) != 0) {
            SSHC_TEST_FAIL("UMAC-128 '%s' x %zu bytes: wrong tag", v->unit, v->len);
        }
        EXPECT_EQ(got[16], 0x5a);
        free(m);
    }
    sshc_umac_clear(&u64);
    sshc_umac_clear(&u128);
}

/* The 64-bit pad is half of an AES block chosen by the nonce's low bit;
 * the block is cached, so check odd/even/odd sequences against fresh states. */
TEST(pad_cache_matches_fresh_state)
{
    static const uint8_t msg[] = "a packet";
    for (size_t tl = 8; tl <= 16; tl += 8) {
        sshc_umac cached;
        EXPECT_OK(sshc_umac_init(&cached, rfc_key, tl));
        static const uint64_t seqs[] = {0, 1, 2, 1, 3, 3, 0xfffffffe, 0xffffffff, 5};
        uint8_t t1[16], t2[16], nonce[8];
        for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
            for (int b = 0; b < 8; b++) {
                nonce[b] = (uint8_t)(seqs[i] >> (56 - 8 * b));
            }
            sshc_umac fresh;
            EXPECT_OK(sshc_umac_init(&fresh, rfc_key, tl));
            EXPECT_OK(sshc_umac_compute(&cached, nonce, 8, msg, sizeof(msg), t1));
            EXPECT_OK(sshc_umac_compute(&fresh, nonce, 8, msg, sizeof(msg), t2));
            EXPECT_MEM(t1, t2, tl);
            sshc_umac_clear(&fresh);
        }
        sshc_umac_clear(&cached);
    }
    sshc_umac u;
    EXPECT_ERR(sshc_umac_init(&u, rfc_key, 12), SSHC_E_INVALID_ARG);
    sshc_umac_clear(&u);
}

/* The MAC rows: the nonce is the uint64 sequence number, and it is not
 * part of the message, so umac_compute(seq, data) == UMAC(K, data, seq). */
TEST(mac_rows)
{
    static const char *names[] = {"umac-64-etm@openssh.com", "umac-128-etm@openssh.com",
                                  "umac-64@openssh.com", "umac-128@openssh.com"};
    static const uint8_t data[] = "\x00\x00\x00\x0c\x0a\x05some padding";
    for (size_t i = 0; i < 4; i++) {
        const sshc_mac_alg *alg = sshc_mac_find(names[i], strlen(names[i]));
        EXPECT_TRUE(alg != NULL);
        if (alg == NULL) {
            continue;
        }
        size_t tl = strstr(names[i], "128") != NULL ? 16 : 8;
        EXPECT_EQ(alg->key_len, 16);
        EXPECT_EQ(alg->mac_len, tl);
        EXPECT_EQ(alg->etm, strstr(names[i], "-etm@") != NULL);
        EXPECT_TRUE(!alg->legacy);
        EXPECT_EQ(alg->kind, tl == 8 ? SSHC_MAC_UMAC64 : SSHC_MAC_UMAC128);
        sshc_mac_ctx *ctx = NULL;
        EXPECT_OK(sshc_mac_new(alg, rfc_key, &ctx));
        if (ctx == NULL) {
            continue;
        }
        sshc_umac ref;
        EXPECT_OK(sshc_umac_init(&ref, rfc_key, tl));
        uint8_t got[16], want[16];
        static const uint32_t seqs[] = {0, 1, 7, 0x62636465, 0xffffffff};
        for (size_t s = 0; s < sizeof(seqs) / sizeof(seqs[0]); s++) {
            uint8_t nonce[8] = {0, 0, 0, 0};
            nonce[4] = (uint8_t)(seqs[s] >> 24);
            nonce[5] = (uint8_t)(seqs[s] >> 16);
            nonce[6] = (uint8_t)(seqs[s] >> 8);
            nonce[7] = (uint8_t)seqs[s];
            EXPECT_OK(sshc_mac_compute(ctx, seqs[s], data, sizeof(data) - 1, got));
            EXPECT_OK(sshc_umac_compute(&ref, nonce, 8, data, sizeof(data) - 1, want));
            EXPECT_MEM(got, want, tl);
            EXPECT_OK(sshc_mac_verify(ctx, seqs[s], data, sizeof(data) - 1, want));
            want[tl - 1] ^= 1;
            EXPECT_ERR(sshc_mac_verify(ctx, seqs[s], data, sizeof(data) - 1, want),
                       SSHC_E_MAC_INVALID);
            want[tl - 1] ^= 1;
            EXPECT_ERR(sshc_mac_verify(ctx, seqs[s] + 1, data, sizeof(data) - 1, want),
                       SSHC_E_MAC_INVALID);
            EXPECT_ERR(sshc_mac_verify(ctx, seqs[s], data, sizeof(data) - 2, want),
                       SSHC_E_MAC_INVALID);
        }
        sshc_umac_clear(&ref);
        sshc_mac_free(ctx);
    }
}

/* Every message length around the NH block (32) and L1 chunk (1024)
 * boundaries gives a tag that changes with the last byte. */
TEST(boundaries_distinct)
{
    sshc_umac u;
    EXPECT_OK(sshc_umac_init(&u, rfc_key, 16));
    uint8_t buf[2100], t1[16], t2[16];
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)(i * 7);
    }
    static const size_t lens[] = {1, 31, 32, 33, 63, 64, 1023, 1024, 1025, 2047, 2048, 2049};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        EXPECT_OK(sshc_umac_compute(&u, rfc_nonce, 8, buf, lens[i], t1));
        buf[lens[i] - 1] ^= 1;
        EXPECT_OK(sshc_umac_compute(&u, rfc_nonce, 8, buf, lens[i], t2));
        buf[lens[i] - 1] ^= 1;
        EXPECT_TRUE(memcmp(t1, t2, 16) != 0);
        /* a zero byte appended is not the same message (length is hashed) */
        uint8_t save = buf[lens[i]];
        buf[lens[i]] = 0;
        EXPECT_OK(sshc_umac_compute(&u, rfc_nonce, 8, buf, lens[i] + 1, t2));
        buf[lens[i]] = save;
        EXPECT_TRUE(memcmp(t1, t2, 16) != 0);
    }
    sshc_umac_clear(&u);
}

/* Throughput over 64 KiB messages, printed to stderr (not asserted). */
TEST(speed)
{
    static uint8_t buf[64 * 1024];
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)i;
    }
    for (size_t tl = 8; tl <= 16; tl += 8) {
        sshc_umac u;
        EXPECT_OK(sshc_umac_init(&u, rfc_key, tl));
        uint8_t tag[16], nonce[8] = {0};
        const int rounds = 2000;
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int i = 0; i < rounds; i++) {
            nonce[7] = (uint8_t)i;
            nonce[6] = (uint8_t)(i >> 8);
            EXPECT_OK(sshc_umac_compute(&u, nonce, 8, buf, sizeof(buf), tag));
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        fprintf(stderr, "  umac-%zu: %.0f MB/s over 64 KiB messages\n", tl * 8,
                (double)rounds * sizeof(buf) / 1e6 / secs);
        sshc_umac_clear(&u);
    }
}

RUN_TESTS()
