/*
 * Packet MACs: HMAC over uint32 seqnr || data. Expected values were
 * computed once with the openssl command line (and cross-checked with
 * Python's hmac module), keys being the bytes 00 01 02 ... (key_len bytes):
 *   K=$(printf '%02x' $(seq 0 31) | tr -d '\n')      # 63 for sha512, 19 for sha1
 *   echo -n "what do ya want for nothing?" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K
 *   printf '\x00\x00\x00\x00' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K
 *   printf '\x01\x02\x03\x04abc' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K
 *   (printf '\xff\xff\xff\xfe'; bytes i & 0xff for i in 0..299) | openssl dgst ...
 * The "what do ya want for nothing?" message (RFC 4231 case 2's text) is
 * split as seqnr = "what" = 0x77686174 and data = " do ya want for nothing?".
 */
#include "sshc_test.h"

#include "crypto/mac.h"

struct mac_vector {
    enum sshc_mac_kind kind;
    size_t key_len, mac_len;
    const char *what;  /* seq 0x77686174, data " do ya want for nothing?" */
    const char *empty; /* seq 0, no data */
    const char *abc;   /* seq 0x01020304, data "abc" */
    const char *big;   /* seq 0xfffffffe, data 300 bytes i & 0xff */
};

static const struct mac_vector vectors[] = {
    {SSHC_MAC_HMAC_SHA256, 32, 32,
     "099805f4ac310786968565c098db515cc50862b420ae31e20238312344bed36a",
     "a86acbcbc29b8fa83c83582d56a892d0f06f0e487df5277680b0635c3927e3c5",
     "73d68c09b9bf9ea150f1ffe3bc54e4fef5af735413bafadbc95f802959621d53",
     "52580666847a05f42bbb20ae3161b62b489f9b3add7eaa97b7bdb570c02cf164"},
    {SSHC_MAC_HMAC_SHA512, 64, 64,
     "a4e4293ad3d01934e3485a2e4b5d4d4b21eee4105f5774e35dafb3d53c6d885e"
     "47134b39a81705c0af381c23be19b9c7d63cd25fca21dcbddeb242210629f646",
     "7dd40c3e2ccba1588cf6a964aeff6e3e7ed4023cf3a453015b0ff21eefd39991"
     "f0d4825f031ba39630468d60fbb18a46f11ba1ce83aed50b3f5ada7f27ff3575",
     "178535b17bba10ef525f854ff94c8b377e4db930368d19b76d81f4e7107ba006"
     "4d3e2fb4f93b70887bfe0fd96f590393feeb2d94c0dc8c96261715ad91c4975f",
     "b97b106bd1485ffdb58307d14b44289cd99a19024e7dfaada5d5477969ce3da5"
     "89198c52841689ee0e0e159f74b14d9a9951f001a805f8e3d345e8b2c19fdf34"},
    {SSHC_MAC_HMAC_SHA1, 20, 20, "bf68b177bb877a2dd7c3e506eb2ee06e69391cbb",
     "82b98e6f0074333226dc7576871d0d3cd5dd8d0f", "a8d353133575309652ef02fed2c107e2d2526c84",
     "660e3cd4b56a1249f1e00d8be5c2494e7450a6c0"},
};

#define N_VECTORS (sizeof(vectors) / sizeof(vectors[0]))

static const struct mac_vector *vector_of(enum sshc_mac_kind kind)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        if (vectors[i].kind == kind) {
            return &vectors[i];
        }
    }
    return NULL;
}

static const char *names[] = {
    "hmac-sha2-256", "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512",
    "hmac-sha2-512-etm@openssh.com", "hmac-sha1", "hmac-sha1-etm@openssh.com",
};

#define N_NAMES (sizeof(names) / sizeof(names[0]))

static void check_one(const sshc_mac_alg *alg, uint32_t seqnr, const uint8_t *data, size_t len,
                      const char *hex)
{
    uint8_t key[64], want[64], got[65];
    for (size_t i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)i;
    }
    size_t n = sshc_test_unhex(hex, want, sizeof(want));
    EXPECT_EQ(n, alg->mac_len);
    sshc_mac_ctx *ctx = NULL;
    EXPECT_OK(sshc_mac_new(alg, key, &ctx));
    if (ctx == NULL) {
        return;
    }
    memset(got, 0x5a, sizeof(got));
    EXPECT_OK(sshc_mac_compute(ctx, seqnr, data, len, got));
    if (memcmp(got, want, n) != 0) {
        SSHC_TEST_FAIL("%s seqnr %08" PRIx32 " len %zu: wrong MAC", alg->name, seqnr, len);
    }
    EXPECT_EQ(got[n], 0x5a);
    /* The keyed state is reused: a second computation gives the same MAC. */
    EXPECT_OK(sshc_mac_compute(ctx, seqnr, data, len, got));
    EXPECT_MEM(got, want, n);
    EXPECT_OK(sshc_mac_verify(ctx, seqnr, data, len, want));
    sshc_mac_free(ctx);
}

TEST(table_rows)
{
    for (size_t i = 0; i < N_NAMES; i++) {
        const sshc_mac_alg *alg = sshc_mac_find(names[i], strlen(names[i]));
        EXPECT_TRUE(alg != NULL);
        if (alg == NULL) {
            continue;
        }
        EXPECT_STR(alg->name, names[i]);
        EXPECT_EQ(alg->etm, strstr(names[i], "-etm@openssh.com") != NULL);
        EXPECT_TRUE(!alg->legacy);
        const struct mac_vector *v = vector_of(alg->kind);
        EXPECT_TRUE(v != NULL);
        if (v != NULL) {
            EXPECT_EQ(alg->key_len, v->key_len);
            EXPECT_EQ(alg->mac_len, v->mac_len);
        }
    }
    EXPECT_EQ(sshc_mac_find("hmac-sha2-256", 13)->kind, SSHC_MAC_HMAC_SHA256);
    EXPECT_EQ(sshc_mac_find("hmac-sha2-512", 13)->kind, SSHC_MAC_HMAC_SHA512);
    EXPECT_EQ(sshc_mac_find("hmac-sha1", 9)->kind, SSHC_MAC_HMAC_SHA1);
}

TEST(known_answers)
{
    static const char tail[] = " do ya want for nothing?";
    uint8_t big[300];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i & 0xff);
    }
    for (size_t i = 0; i < N_NAMES; i++) {
        const sshc_mac_alg *alg = sshc_mac_find(names[i], strlen(names[i]));
        const struct mac_vector *v = alg != NULL ? vector_of(alg->kind) : NULL;
        EXPECT_TRUE(v != NULL);
        if (v == NULL) {
            continue;
        }
        check_one(alg, 0x77686174, (const uint8_t *)tail, strlen(tail), v->what);
        check_one(alg, 0, (const uint8_t *)"", 0, v->empty);
        check_one(alg, 0x01020304, (const uint8_t *)"abc", 3, v->abc);
        check_one(alg, 0xfffffffe, big, sizeof(big), v->big);
    }
}

TEST(verify_rejects_changes)
{
    uint8_t key[64] = {0};
    static const uint8_t data[] = "some packet bytes";
    for (size_t i = 0; i < N_NAMES; i++) {
        const sshc_mac_alg *alg = sshc_mac_find(names[i], strlen(names[i]));
        sshc_mac_ctx *ctx = NULL;
        uint8_t mac[64];
        EXPECT_TRUE(alg != NULL);
        if (alg == NULL) {
            continue;
        }
        EXPECT_OK(sshc_mac_new(alg, key, &ctx));
        if (ctx == NULL) {
            continue;
        }
        EXPECT_OK(sshc_mac_compute(ctx, 42, data, sizeof(data), mac));
        EXPECT_OK(sshc_mac_verify(ctx, 42, data, sizeof(data), mac));
        /* every bit of the MAC, first and last byte included, is checked */
        for (size_t bit = 0; bit < alg->mac_len * 8; bit += 7) {
            mac[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            EXPECT_ERR(sshc_mac_verify(ctx, 42, data, sizeof(data), mac), SSHC_E_MAC_INVALID);
            mac[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        mac[alg->mac_len - 1] ^= 0x80;
        EXPECT_ERR(sshc_mac_verify(ctx, 42, data, sizeof(data), mac), SSHC_E_MAC_INVALID);
        mac[alg->mac_len - 1] ^= 0x80;
        /* wrong sequence number, changed data, shorter data */
        EXPECT_ERR(sshc_mac_verify(ctx, 43, data, sizeof(data), mac), SSHC_E_MAC_INVALID);
        uint8_t copy[sizeof(data)];
        memcpy(copy, data, sizeof(data));
        copy[3] ^= 1;
        EXPECT_ERR(sshc_mac_verify(ctx, 42, copy, sizeof(copy), mac), SSHC_E_MAC_INVALID);
        EXPECT_ERR(sshc_mac_verify(ctx, 42, data, sizeof(data) - 1, mac), SSHC_E_MAC_INVALID);
        /* still fine after failures */
        EXPECT_OK(sshc_mac_verify(ctx, 42, data, sizeof(data), mac));
        sshc_mac_free(ctx);
    }
}

TEST(different_keys_differ)
{
    const sshc_mac_alg *alg = sshc_mac_find("hmac-sha2-256", 13);
    uint8_t k1[32] = {0}, k2[32] = {0}, m1[32], m2[32];
    k2[31] = 1; /* the last key byte matters: all key_len bytes are used */
    sshc_mac_ctx *c1 = NULL, *c2 = NULL;
    EXPECT_OK(sshc_mac_new(alg, k1, &c1));
    EXPECT_OK(sshc_mac_new(alg, k2, &c2));
    if (c1 != NULL && c2 != NULL) {
        EXPECT_OK(sshc_mac_compute(c1, 1, (const uint8_t *)"x", 1, m1));
        EXPECT_OK(sshc_mac_compute(c2, 1, (const uint8_t *)"x", 1, m2));
        EXPECT_TRUE(memcmp(m1, m2, 32) != 0);
    }
    sshc_mac_free(c1);
    sshc_mac_free(c2);
}

TEST(default_list_names_all_found)
{
    const char *list = sshc_mac_default_list();
    EXPECT_TRUE(list != NULL && list[0] != '\0');
    size_t count = 0;
    const char *p = list;
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        EXPECT_TRUE(len > 0);
        const sshc_mac_alg *alg = sshc_mac_find(p, len);
        if (alg == NULL) {
            SSHC_TEST_FAIL("default MAC \"%.*s\" not found", (int)len, p);
        } else {
            EXPECT_EQ(strlen(alg->name), len);
            EXPECT_TRUE(memcmp(alg->name, p, len) == 0);
            EXPECT_TRUE(!alg->legacy);
        }
        count++;
        p = comma != NULL ? comma + 1 : NULL;
    }
    EXPECT_EQ(count, N_NAMES + 4); /* + the four umac rows, checked in umac_test.c */
    /* every table row is reachable by index and by name */
    size_t rows = 0;
    for (const sshc_mac_alg *a; (a = sshc_mac_at(rows)) != NULL; rows++) {
        EXPECT_TRUE(sshc_mac_find(a->name, strlen(a->name)) == a);
    }
    EXPECT_TRUE(rows >= N_NAMES);
}

TEST(unknown_names)
{
    EXPECT_TRUE(sshc_mac_find("hmac-md5", 8) == NULL);
    EXPECT_TRUE(sshc_mac_find("umac-32@openssh.com", 19) == NULL);
    EXPECT_TRUE(sshc_mac_find("", 0) == NULL);
    EXPECT_TRUE(sshc_mac_find("hmac-sha2-25", 12) == NULL);          /* prefix */
    EXPECT_TRUE(sshc_mac_find("hmac-sha2-2566", 14) == NULL);        /* longer */
    EXPECT_TRUE(sshc_mac_find("HMAC-SHA2-256", 13) == NULL);         /* case */
    EXPECT_TRUE(sshc_mac_find("hmac-sha2-256,hmac-sha1", 23) == NULL);
    /* len bounds the name: a longer buffer with the right prefix is found */
    EXPECT_TRUE(sshc_mac_find("hmac-sha1,junk", 9) == sshc_mac_find("hmac-sha1", 9));
    sshc_mac_ctx *ctx = (sshc_mac_ctx *)1;
    EXPECT_ERR(sshc_mac_new(NULL, (const uint8_t *)"k", &ctx), SSHC_E_INVALID_ARG);
    EXPECT_TRUE(ctx == NULL);
}

RUN_TESTS()
