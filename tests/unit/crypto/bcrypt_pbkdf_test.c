/*
 * Blowfish and bcrypt_pbkdf.
 *
 * Blowfish: Eric Young's published known answers for Schneier's cipher
 * (the "vectors.txt" table on schneier.com: key / plaintext / ciphertext,
 * 8-byte keys, ECB), which check the pi tables and the round function.
 *
 * bcrypt_pbkdf: known answers computed with python3-bcrypt 3.2.2 (Debian
 * package; its kdf() wraps OpenBSD's bcrypt_pbkdf), e.g.
 *   python3 -c 'import bcrypt; print(bcrypt.kdf(password=b"password",
 *       salt=b"salt", desired_key_bytes=32, rounds=4).hex())'
 * (ignore_few_rounds=True for rounds < 50), and an end-to-end check
 * against ssh-keygen: a key it encrypted with a passphrase must decrypt
 * (aes256-ctr, key and IV from our KDF) to two equal check words.
 */
#include "sshc_test.h"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/base64.h"
#include "crypto/bcrypt_pbkdf.h"
#include "crypto/blowfish.h"
#include "crypto/cipher.h"

/* ---- Blowfish ---------------------------------------------------------- */

static const struct {
    const char *key, *plain, *cipher;
} bf_vectors[] = {
    {"0000000000000000", "0000000000000000", "4EF997456198DD78"},
    {"FFFFFFFFFFFFFFFF", "FFFFFFFFFFFFFFFF", "51866FD5B85ECB8A"},
    {"3000000000000000", "1000000000000001", "7D856F9A613063F2"},
    {"1111111111111111", "1111111111111111", "2466DD878B963C9D"},
    {"0123456789ABCDEF", "1111111111111111", "61F9C3802281B096"},
    {"FEDCBA9876543210", "0123456789ABCDEF", "0ACEAB0FC6A0A28D"},
};

TEST(blowfish_known_answers)
{
    for (size_t i = 0; i < sizeof(bf_vectors) / sizeof(bf_vectors[0]); i++) {
        uint8_t key[8], plain[8], want[8], block[8];
        sshc_blowfish bf;
        EXPECT_EQ(sshc_test_unhex(bf_vectors[i].key, key, sizeof(key)), 8);
        EXPECT_EQ(sshc_test_unhex(bf_vectors[i].plain, plain, sizeof(plain)), 8);
        EXPECT_EQ(sshc_test_unhex(bf_vectors[i].cipher, want, sizeof(want)), 8);
        sshc_blowfish_setkey(&bf, key, sizeof(key));
        memcpy(block, plain, 8);
        sshc_blowfish_encrypt_block(&bf, block);
        EXPECT_MEM(block, want, 8);
        sshc_blowfish_decrypt_block(&bf, block);
        EXPECT_MEM(block, plain, 8);
    }
}

TEST(blowfish_initial_tables)
{
    /* First and last words of pi's fraction as laid out in P and S. */
    sshc_blowfish bf;
    sshc_blowfish_init(&bf);
    EXPECT_EQ(bf.p[0], 0x243f6a88u);
    EXPECT_EQ(bf.p[17], 0x8979fb1bu);
    EXPECT_EQ(bf.s[0][0], 0xd1310ba6u);
    EXPECT_EQ(bf.s[3][255], 0x3ac372e6u);
}

/* ---- bcrypt_pbkdf known answers ---------------------------------------- */

static void check_kdf(const char *pass, size_t pass_len, const uint8_t *salt, size_t salt_len,
                      unsigned rounds, const char *want_hex)
{
    uint8_t want[256], got[256 + 1];
    size_t n = sshc_test_unhex(want_hex, want, sizeof(want));
    memset(got, 0xa5, sizeof(got));
    EXPECT_OK(sshc_bcrypt_pbkdf(pass, pass_len, salt, salt_len, got, n, rounds));
    EXPECT_MEM(got, want, n);
    EXPECT_EQ(got[n], 0xa5); /* nothing written past the key */
}

#define PW(s) (s), (sizeof(s) - 1)
#define SALT(s) (const uint8_t *)(s), (sizeof(s) - 1)

TEST(kdf_key_lengths)
{
    /* password "password", salt "salt", rounds 4; python3-bcrypt. */
    check_kdf(PW("password"), SALT("salt"), 4, "5b");
    check_kdf(PW("password"), SALT("salt"), 4,
              "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9");
    check_kdf(PW("password"), SALT("salt"), 4,
              "5ba4bfc60c7ac272931458407f4c1c4936ea356c55125c5a279b791d65bf9842"
              "d49d7e1b572a9052715ebfa9421e7e94");
    check_kdf(PW("password"), SALT("salt"), 4,
              "5ba4bfc60c7ac272931458407f4c1c4936ea356c55125c5a279b791d65bf9842"
              "d49d7e1b572a9052715ebfa9421e7e949d8f8f19be3284732af1ba28341dd9bf");
    check_kdf(PW("password"), SALT("salt"), 4,
              "5ba4e74abfc612140c7a555ac2723b7a9314b848584006467f4cb95e1c499411"
              "36ea92e5356c303f55121b725c5a1711279bfe15791dadc865bfeb54984202d7"
              "d49ddde77e1b980a572aefc49052f376715e1a43bfa91ded421ee4837e94e3e8"
              "9d8f34d1");
}

TEST(kdf_interleaving)
{
    /*
     * The 1- and 32-byte keys are the first block's bytes in order; longer
     * keys spread each block over every stride-th byte.
     */
    uint8_t k32[32], k64[64];
    EXPECT_OK(sshc_bcrypt_pbkdf(PW("password"), SALT("salt"), k32, sizeof(k32), 4));
    EXPECT_OK(sshc_bcrypt_pbkdf(PW("password"), SALT("salt"), k64, sizeof(k64), 4));
    for (size_t i = 0; i < 32; i++) {
        EXPECT_EQ(k64[2 * i], k32[i]);
    }
}

TEST(kdf_rounds_one)
{
    check_kdf(PW("password"), SALT("salt"), 1,
              "7af41469e52860da49debfaa6a4e12a2cb857b907b2bb20d2902a9ccd424adb1");
}

TEST(kdf_rounds_sixteen)
{
    /* ssh-keygen's default rounds, 48 bytes = aes256-ctr key + IV. */
    check_kdf(PW("secret"), SALT("0123456789abcdef"), 16,
              "7d41423be848f1e335cb4092c62e505a016a759cf6c3bc3e49fde008426f5491"
              "4b2ae9c8a3c063baa81531be7fa69a78");
}

TEST(kdf_binary_inputs)
{
    /* pass = 00 01 ff repeated 30 times, salt = bytes 0..199, 129 bytes, rounds 2. */
    char pass[90];
    uint8_t salt[200];
    for (size_t i = 0; i < sizeof(pass); i++) {
        pass[i] = (char)(i % 3 == 0 ? 0x00 : i % 3 == 1 ? 0x01 : 0xff);
    }
    for (size_t i = 0; i < sizeof(salt); i++) {
        salt[i] = (uint8_t)i;
    }
    check_kdf(pass, sizeof(pass), salt, sizeof(salt), 2,
              "0ddbca440eca1b8938ad404373eb761062be94b6f229b70c9eaef0870256aa53"
              "deadc44a1ae99c06d91f0060df61757235680cc70dde18e495342290d444ae6a"
              "4581da8d204b5265f5771619ff5d2d967eaf375849967ad44401c1f37ca84379"
              "89cd30db8696110da99f382c13ee384b697c16859c361317f981f4e1acd8946b"
              "cc");
}

TEST(kdf_bad_arguments)
{
    uint8_t key[1025];
    const uint8_t salt[4] = {1, 2, 3, 4};
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, 4, key, 32, 0), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, 4, key, 0, 1), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, 4, key, 1025, 1), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, 0, key, 32, 1), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, ((size_t)1 << 20) + 1, key, 32, 1),
               SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), NULL, 4, key, 32, 1), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(NULL, 2, salt, 4, key, 32, 1), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_bcrypt_pbkdf(PW("pw"), salt, 4, NULL, 32, 1), SSHC_E_INVALID_ARG);
    /* The limits themselves are accepted; an empty passphrase too. */
    EXPECT_OK(sshc_bcrypt_pbkdf(PW("pw"), salt, 4, key, 1024, 1));
    EXPECT_OK(sshc_bcrypt_pbkdf(NULL, 0, salt, 4, key, 16, 1));
    EXPECT_OK(sshc_bcrypt_pbkdf("", 0, salt, 4, key, 16, 1));
}

/* ---- end to end against ssh-keygen ------------------------------------- */

struct rd {
    const uint8_t *p;
    size_t n;
    bool ok;
};

static uint32_t rd_u32(struct rd *r)
{
    if (!r->ok || r->n < 4) {
        r->ok = false;
        return 0;
    }
    uint32_t v = ((uint32_t)r->p[0] << 24) | ((uint32_t)r->p[1] << 16) |
                 ((uint32_t)r->p[2] << 8) | r->p[3];
    r->p += 4;
    r->n -= 4;
    return v;
}

static const uint8_t *rd_str(struct rd *r, size_t *len)
{
    size_t l = rd_u32(r);
    if (!r->ok || r->n < l) {
        r->ok = false;
        *len = 0;
        return NULL;
    }
    const uint8_t *s = r->p;
    r->p += l;
    r->n -= l;
    *len = l;
    return s;
}

static bool str_is(const uint8_t *s, size_t len, const char *want)
{
    return s != NULL && len == strlen(want) && memcmp(s, want, len) == 0;
}

/* The decoded openssh-key-v1 blob of a key ssh-keygen wrote; its length or 0. */
static size_t keygen_blob(const char *passphrase, uint8_t *blob, size_t cap)
{
    char dir[] = "/tmp/sshc_bcrypt_XXXXXX";
    char path[64], cmd[256], text[8192];
    size_t blob_len = 0;

    if (mkdtemp(dir) == NULL) {
        SSHC_TEST_FAIL("mkdtemp failed");
        return 0;
    }
    snprintf(path, sizeof(path), "%s/k", dir);
    snprintf(cmd, sizeof(cmd), "ssh-keygen -q -t ed25519 -a 16 -C sshc -N '%s' -f '%s' </dev/null",
             passphrase, path);
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        SSHC_TEST_FAIL("ssh-keygen failed (status %d): is it installed?", st);
        goto done;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        SSHC_TEST_FAIL("cannot open %s", path);
        goto done;
    }
    size_t tn = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[tn] = '\0';
    const char *begin = strstr(text, "-----BEGIN OPENSSH PRIVATE KEY-----");
    const char *end = strstr(text, "-----END OPENSSH PRIVATE KEY-----");
    if (begin == NULL || end == NULL || end < begin) {
        SSHC_TEST_FAIL("no openssh-key-v1 armour in %s", path);
        goto done;
    }
    begin += strlen("-----BEGIN OPENSSH PRIVATE KEY-----");
    if (sshc_base64_decode(begin, (size_t)(end - begin), blob, cap, &blob_len) != SSHC_OK) {
        SSHC_TEST_FAIL("bad base64 in %s", path);
        blob_len = 0;
    }
done:
    snprintf(cmd, sizeof(cmd), "%s.pub", path);
    unlink(cmd);
    unlink(path);
    rmdir(dir);
    return blob_len;
}

/*
 * Parse the blob far enough to reach the encrypted section, derive key and
 * IV with passphrase, decrypt its first block and compare the check words.
 * Returns 1 if they match, 0 if not, -1 if the file could not be used.
 */
static int decrypt_check(const uint8_t *blob, size_t blob_len, const char *passphrase,
                         unsigned *rounds_out)
{
    static const char magic[] = "openssh-key-v1"; /* followed by its NUL */
    struct rd r = {blob, blob_len, true};
    size_t cn_len, kn_len, ko_len, salt_len, pub_len, enc_len;

    if (blob_len < sizeof(magic) || memcmp(blob, magic, sizeof(magic)) != 0) {
        return -1;
    }
    r.p += sizeof(magic);
    r.n -= sizeof(magic);
    const uint8_t *cn = rd_str(&r, &cn_len);
    const uint8_t *kn = rd_str(&r, &kn_len);
    const uint8_t *ko = rd_str(&r, &ko_len);
    uint32_t nkeys = rd_u32(&r);
    for (uint32_t i = 0; r.ok && i < nkeys; i++) {
        rd_str(&r, &pub_len);
    }
    const uint8_t *enc = rd_str(&r, &enc_len);
    if (!r.ok || !str_is(cn, cn_len, "aes256-ctr") || !str_is(kn, kn_len, "bcrypt") ||
        enc_len < 16 || enc_len % 16 != 0) {
        return -1;
    }
    struct rd o = {ko, ko_len, true};
    const uint8_t *salt = rd_str(&o, &salt_len);
    uint32_t rounds = rd_u32(&o);
    if (!o.ok || o.n != 0) {
        return -1;
    }
    *rounds_out = rounds;

    const sshc_cipher_alg *alg = sshc_cipher_find("aes256-ctr", 10);
    uint8_t kiv[48], block[16];
    sshc_cipher_ctx *ctx = NULL;
    if (alg == NULL || alg->key_len != 32 || alg->iv_len != 16) {
        return -1;
    }
    if (sshc_bcrypt_pbkdf(passphrase, strlen(passphrase), salt, salt_len, kiv, sizeof(kiv),
                          rounds) != SSHC_OK ||
        sshc_cipher_new(alg, false, kiv, kiv + 32, &ctx) != SSHC_OK) {
        return -1;
    }
    memcpy(block, enc, sizeof(block));
    int rc = sshc_cipher_crypt(ctx, block, sizeof(block));
    sshc_cipher_free(ctx);
    if (rc != SSHC_OK) {
        return -1;
    }
    return memcmp(block, block + 4, 4) == 0 ? 1 : 0;
}

TEST(ssh_keygen_end_to_end)
{
    uint8_t blob[4096];
    unsigned rounds = 0;
    size_t n = keygen_blob("correct horse", blob, sizeof(blob));
    if (n == 0) {
        return; /* already failed */
    }
    EXPECT_EQ(decrypt_check(blob, n, "correct horse", &rounds), 1);
    EXPECT_EQ(rounds, 16);
    EXPECT_EQ(decrypt_check(blob, n, "correct horsf", &rounds), 0);
    EXPECT_EQ(decrypt_check(blob, n, "", &rounds), 0);
}

TEST(timing_rounds_sixteen)
{
    /* Not a pass/fail check: how long ssh-keygen's default costs here. */
    uint8_t kiv[48];
    const uint8_t salt[16] = {0};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    EXPECT_OK(sshc_bcrypt_pbkdf(PW("secret"), salt, sizeof(salt), kiv, sizeof(kiv), 16));
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    fprintf(stderr, "  bcrypt_pbkdf 48 bytes, 16 rounds: %.1f ms\n", ms);
}

RUN_TESTS()
