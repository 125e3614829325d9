/*
 * Digests: FIPS 180-4 / RFC 1321 known answers for "" and "abc" (plus the
 * two-block FIPS 180 "abcdbcdecdef..." message and the million-'a' SHA-1
 * vector), and the length/name table.
 */
#include "sshc_test.h"

#include "crypto/hash.h"

struct hash_vector {
    enum sshc_hash_alg alg;
    size_t len;
    const char *name;
    const char *empty; /* digest of "" */
    const char *abc;   /* digest of "abc" */
};

static const struct hash_vector vectors[] = {
    {SSHC_HASH_SHA1, 20, "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "a9993e364706816aba3e25717850c26c9cd0d89d"},
    {SSHC_HASH_SHA256, 32, "sha256",
     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {SSHC_HASH_SHA384, 48, "sha384",
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
     "274edebfe76f65fbd51ad2f14898b95b",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
     "8086072ba1e7cc2358baeca134c825a7"},
    {SSHC_HASH_SHA512, 64, "sha512",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {SSHC_HASH_MD5, 16, "md5", "d41d8cd98f00b204e9800998ecf8427e",
     "900150983cd24fb0d6963f7d28e17f72"},
};

#define N_VECTORS (sizeof(vectors) / sizeof(vectors[0]))

TEST(lengths_and_names)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        EXPECT_EQ(sshc_hash_len(vectors[i].alg), vectors[i].len);
        EXPECT_STR(sshc_hash_name(vectors[i].alg), vectors[i].name);
        EXPECT_TRUE(sshc_hash_len(vectors[i].alg) <= SSHC_HASH_MAX);
    }
    EXPECT_EQ(sshc_hash_len((enum sshc_hash_alg)99), 0);
    EXPECT_STR(sshc_hash_name((enum sshc_hash_alg)99), "?");
}

TEST(empty_message)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        uint8_t want[SSHC_HASH_MAX], got[SSHC_HASH_MAX + 1];
        size_t n = sshc_test_unhex(vectors[i].empty, want, sizeof(want));
        EXPECT_EQ(n, vectors[i].len);
        memset(got, 0xa5, sizeof(got));
        EXPECT_OK(sshc_hash(vectors[i].alg, "", 0, got));
        EXPECT_MEM(got, want, n);
        EXPECT_EQ(got[n], 0xa5); /* nothing written past the digest */
    }
}

TEST(abc)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        uint8_t want[SSHC_HASH_MAX], got[SSHC_HASH_MAX + 1];
        size_t n = sshc_test_unhex(vectors[i].abc, want, sizeof(want));
        EXPECT_EQ(n, vectors[i].len);
        memset(got, 0xa5, sizeof(got));
        EXPECT_OK(sshc_hash(vectors[i].alg, "abc", 3, got));
        EXPECT_MEM(got, want, n);
        EXPECT_EQ(got[n], 0xa5);
    }
}

TEST(multi_block_messages)
{
    /* FIPS 180 two-block message (56 bytes) for SHA-256. */
    static const char msg[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint8_t want[32], got[32];
    sshc_test_unhex("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", want,
                    sizeof(want));
    EXPECT_OK(sshc_hash(SSHC_HASH_SHA256, msg, strlen(msg), got));
    EXPECT_MEM(got, want, 32);

    /* FIPS 180 one million 'a' for SHA-1. */
    size_t big = 1000000;
    char *a = malloc(big);
    EXPECT_TRUE(a != NULL);
    if (a != NULL) {
        uint8_t want1[20], got1[20];
        memset(a, 'a', big);
        sshc_test_unhex("34aa973cd4c4daa4f61eeb2bdbad27316534016f", want1, sizeof(want1));
        EXPECT_OK(sshc_hash(SSHC_HASH_SHA1, a, big, got1));
        EXPECT_MEM(got1, want1, 20);
        free(a);
    }
}

TEST(unknown_alg)
{
    uint8_t out[SSHC_HASH_MAX];
    EXPECT_ERR(sshc_hash((enum sshc_hash_alg)99, "abc", 3, out), SSHC_E_INVALID_ARG);
}

RUN_TESTS()
