/*
 * Packet ciphers.
 *
 * CTR and CBC: NIST SP 800-38A F.5.1/F.5.5 (CTR-AES128/256) and F.2.1/F.2.5
 * (CBC-AES128/256) vectors; each was re-checked with the openssl command line:
 *   echo $P | xxd -r -p | openssl enc -aes-128-ctr -K $K -iv $IV | xxd -p
 *   echo $P | xxd -r -p | openssl enc -aes-128-cbc -nopad -K $K -iv $IV | xxd -p
 * The counter-wrap vector (IV 00000000000000fffffffffffffffffe, carry out of
 * the low 64 bits, RFC 4344 §4 counts over the whole 128-bit block) was
 * computed the same way with openssl enc -aes-128-ctr.
 *
 * AES-GCM (RFC 5647, OpenSSH PROTOCOL §1.6): expected values computed with
 * Python's cryptography module: AESGCM(key).encrypt(iv, pkt[4:], pkt[:4]),
 * i.e. AAD = the 4 length bytes, nonce = the 12-byte IV, then the IV's
 * low 8 bytes (the invocation counter) incremented for the next packet.
 *
 * chacha20-poly1305@openssh.com (PROTOCOL.chacha20poly1305): the published
 * ChaCha20 (DJB, 64-bit nonce) keystream for the all-zero key and nonce,
 * block 0 = 76b8e0ad a0f13d90 ..., block 1 = 9f07e7be 5551387a ...; and a
 * full packet vector computed with a pure-Python ChaCha20/Poly1305 written
 * for this purpose (checked against the cryptography module's ChaCha20 and
 * Poly1305): header = ChaCha20(K_1, nonce = seqnr as u64 BE, block 0),
 * payload = ChaCha20(K_2, same nonce, from block 1), Poly1305 key = first
 * 32 bytes of ChaCha20(K_2, block 0), tag over the encrypted packet.
 */
#include "sshc_test.h"

#include "crypto/cipher.h"

static const char nist_plain[] =
    "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";
static const char key128[] = "2b7e151628aed2a6abf7158809cf4f3c";
static const char key256[] = "603deb1015ca71be2b73aef0857d7781 1f352c073b6108d72d9810a30914dff4";
static const char ctr_iv[] = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
static const char cbc_iv[] = "000102030405060708090a0b0c0d0e0f";

struct block_vector {
    const char *name;
    const char *key;
    const char *iv;
    const char *cipher;
};

static const struct block_vector block_vectors[] = {
    {"aes128-ctr", key128, ctr_iv,
     "874d6191b620e3261bef6864990db6ce 9806f66b7970fdff8617187bb9fffdff"
     "5ae4df3edbd5d35e5b4f09020db03eab 1e031dda2fbe03d1792170a0f3009cee"},
    {"aes256-ctr", key256, ctr_iv,
     "601ec313775789a5b7a7f504bbf3d228 f443e3ca4d62b59aca84e990cacaf5c5"
     "2b0930daa23de94ce87017ba2d84988d dfc9c58db67aada613c2dd08457941a6"},
    /* openssl enc -aes-128-ctr, IV 00000000000000fffffffffffffffffe */
    {"aes128-ctr", key128, "00000000000000fffffffffffffffffe",
     "fe3e4a35ddcc49eb08418e6f0e9400f5 74e11b1fe0b8537fdc62eff972459b0e"
     "c68c4a2b4373b68b40865b797ea65859 7723822dffedee5d57653a68bac2e0b9"},
    {"aes128-cbc", key128, cbc_iv,
     "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7"},
    {"aes256-cbc", key256, cbc_iv,
     "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b"},
};

#define N_BLOCK (sizeof(block_vectors) / sizeof(block_vectors[0]))

static const sshc_cipher_alg *find(const char *name)
{
    const sshc_cipher_alg *alg = sshc_cipher_find(name, strlen(name));
    if (alg == NULL) {
        SSHC_TEST_FAIL("cipher %s not found", name);
    }
    return alg;
}

static sshc_cipher_ctx *make(const char *name, bool encrypt, const uint8_t *key,
                             const uint8_t *iv)
{
    const sshc_cipher_alg *alg = find(name);
    sshc_cipher_ctx *ctx = NULL;
    if (alg == NULL) {
        return NULL;
    }
    EXPECT_OK(sshc_cipher_new(alg, encrypt, key, iv, &ctx));
    EXPECT_TRUE(ctx != NULL);
    return ctx;
}

/* Run vector v through a fresh context in pieces of the given sizes (0-terminated). */
static void run_block(const struct block_vector *v, bool encrypt, const size_t *pieces)
{
    uint8_t key[32], iv[16], plain[64], cipher[64], buf[64];
    size_t klen = sshc_test_unhex(v->key, key, sizeof(key));
    EXPECT_EQ(sshc_test_unhex(v->iv, iv, sizeof(iv)), 16);
    EXPECT_EQ(sshc_test_unhex(nist_plain, plain, sizeof(plain)), 64);
    EXPECT_EQ(sshc_test_unhex(v->cipher, cipher, sizeof(cipher)), 64);
    EXPECT_EQ(find(v->name)->key_len, klen);
    sshc_cipher_ctx *ctx = make(v->name, encrypt, key, iv);
    if (ctx == NULL) {
        return;
    }
    memcpy(buf, encrypt ? plain : cipher, 64);
    size_t off = 0;
    for (size_t i = 0; pieces[i] != 0; i++) {
        EXPECT_OK(sshc_cipher_crypt(ctx, buf + off, pieces[i]));
        off += pieces[i];
    }
    EXPECT_EQ(off, 64);
    if (memcmp(buf, encrypt ? cipher : plain, 64) != 0) {
        SSHC_TEST_FAIL("%s %s (iv %s, first piece %zu) wrong output", v->name,
                       encrypt ? "encrypt" : "decrypt", v->iv, pieces[0]);
    }
    sshc_cipher_free(ctx);
}

TEST(block_vectors_one_call)
{
    static const size_t whole[] = {64, 0};
    for (size_t i = 0; i < N_BLOCK; i++) {
        run_block(&block_vectors[i], true, whole);
        run_block(&block_vectors[i], false, whole);
    }
}

TEST(block_vectors_streaming)
{
    static const size_t split[] = {16, 48, 0};
    static const size_t blocks[] = {16, 16, 16, 16, 0};
    static const size_t odd[] = {5, 11, 1, 31, 16, 0}; /* CTR only: not block aligned */
    for (size_t i = 0; i < N_BLOCK; i++) {
        run_block(&block_vectors[i], true, split);
        run_block(&block_vectors[i], false, split);
        run_block(&block_vectors[i], true, blocks);
        run_block(&block_vectors[i], false, blocks);
        if (find(block_vectors[i].name)->kind == SSHC_CIPHER_CTR) {
            run_block(&block_vectors[i], true, odd);
            run_block(&block_vectors[i], false, odd);
        }
    }
}

TEST(cbc_rejects_partial_block_and_aead_rejects_crypt)
{
    uint8_t key[32] = {0}, iv[16] = {0}, buf[64] = {0};
    sshc_cipher_ctx *ctx = make("aes128-cbc", true, key, iv);
    if (ctx != NULL) {
        EXPECT_ERR(sshc_cipher_crypt(ctx, buf, 15), SSHC_E_INVALID_ARG);
        EXPECT_ERR(sshc_cipher_crypt(ctx, buf, 17), SSHC_E_INVALID_ARG);
        EXPECT_OK(sshc_cipher_crypt(ctx, buf, 0));
        sshc_cipher_free(ctx);
    }
    ctx = make("aes128-gcm@openssh.com", true, key, iv);
    if (ctx != NULL) {
        EXPECT_ERR(sshc_cipher_crypt(ctx, buf, 16), SSHC_E_INVALID_ARG);
        sshc_cipher_free(ctx);
    }
    uint8_t ckey[64] = {0};
    ctx = make("chacha20-poly1305@openssh.com", true, ckey, NULL);
    if (ctx != NULL) {
        EXPECT_ERR(sshc_cipher_crypt(ctx, buf, 16), SSHC_E_INVALID_ARG);
        sshc_cipher_free(ctx);
    }
    ctx = make("aes128-ctr", true, key, iv);
    if (ctx != NULL) {
        uint8_t tag[16];
        EXPECT_ERR(sshc_cipher_aead_seal(ctx, 0, buf, 32, tag), SSHC_E_INVALID_ARG);
        sshc_cipher_free(ctx);
    }
    ctx = (sshc_cipher_ctx *)1;
    EXPECT_ERR(sshc_cipher_new(NULL, true, key, iv, &ctx), SSHC_E_INVALID_ARG);
    EXPECT_TRUE(ctx == NULL);
}

TEST(table_and_default_list)
{
    static const struct {
        const char *name;
        size_t key_len, iv_len, block, tag;
        bool len_enc;
        enum sshc_cipher_kind kind;
    } rows[] = {
        {"chacha20-poly1305@openssh.com", 64, 0, 8, 16, true, SSHC_CIPHER_CHACHAPOLY},
        {"aes128-gcm@openssh.com", 16, 12, 16, 16, false, SSHC_CIPHER_GCM},
        {"aes256-gcm@openssh.com", 32, 12, 16, 16, false, SSHC_CIPHER_GCM},
        {"aes128-ctr", 16, 16, 16, 0, false, SSHC_CIPHER_CTR},
        {"aes192-ctr", 24, 16, 16, 0, false, SSHC_CIPHER_CTR},
        {"aes256-ctr", 32, 16, 16, 0, false, SSHC_CIPHER_CTR},
        {"aes128-cbc", 16, 16, 16, 0, false, SSHC_CIPHER_CBC},
        {"aes256-cbc", 32, 16, 16, 0, false, SSHC_CIPHER_CBC},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const sshc_cipher_alg *a = find(rows[i].name);
        if (a == NULL) {
            continue;
        }
        EXPECT_EQ(a->key_len, rows[i].key_len);
        EXPECT_EQ(a->iv_len, rows[i].iv_len);
        EXPECT_EQ(a->block_size, rows[i].block);
        EXPECT_EQ(a->tag_len, rows[i].tag);
        EXPECT_EQ(a->length_encrypted, rows[i].len_enc);
        EXPECT_EQ(a->kind, rows[i].kind);
    }
    const char *p = sshc_cipher_default_list();
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        const sshc_cipher_alg *a = sshc_cipher_find(p, len);
        if (a == NULL) {
            SSHC_TEST_FAIL("default cipher \"%.*s\" not found", (int)len, p);
        } else {
            EXPECT_TRUE(!a->legacy);
        }
        p = comma != NULL ? comma + 1 : NULL;
    }
    EXPECT_TRUE(sshc_cipher_find("aes128-ctrx", 11) == NULL);
    EXPECT_TRUE(sshc_cipher_find("aes128-ct", 9) == NULL);
    EXPECT_TRUE(sshc_cipher_find("arcfour", 7) == NULL);
    EXPECT_TRUE(sshc_cipher_find("", 0) == NULL);
    size_t n = 0;
    for (const sshc_cipher_alg *a; (a = sshc_cipher_at(n)) != NULL; n++) {
        EXPECT_TRUE(sshc_cipher_find(a->name, strlen(a->name)) == a);
    }
    EXPECT_TRUE(n >= 8);
}

/* ---- AES-GCM -------------------------------------------------------------- */

/* A 32-byte packet: length 28, padding length 4, 23 bytes of payload, 4 zero pad bytes. */
static const char gcm_pkt[] =
    "0000001c046165733132382d67636d2074657374207061636b65742100000000";

TEST(gcm_known_answer_and_counter)
{
    uint8_t key[16], iv[12], plain[32], pkt[32], want[28], tag[16], wtag[16];
    for (size_t i = 0; i < 16; i++) {
        key[i] = (uint8_t)i;
    }
    /* invocation counter ffffffffffffffff: the next packet wraps it to zero */
    sshc_test_unhex("a0a1a2a3 ffffffffffffffff", iv, sizeof(iv));
    EXPECT_EQ(sshc_test_unhex(gcm_pkt, plain, sizeof(plain)), 32);
    sshc_cipher_ctx *enc = make("aes128-gcm@openssh.com", true, key, iv);
    sshc_cipher_ctx *dec = make("aes128-gcm@openssh.com", false, key, iv);
    if (enc == NULL || dec == NULL) {
        sshc_cipher_free(enc);
        sshc_cipher_free(dec);
        return;
    }
    static const char *ct[2] = {"d45217346ff41eecd7ebd92b3e396951eb619165979e210a81892a8a",
                                "8e3cabee76bd0c4234a5470305af08d44cf8b4947805d7547fb82ca8"};
    static const char *tags[2] = {"10d0e9a3a71ec6b81e58124284563d43",
                                  "571562fe458144b0082f5bc791c00228"};
    for (int n = 0; n < 2; n++) {
        memcpy(pkt, plain, 32);
        sshc_test_unhex(ct[n], want, sizeof(want));
        sshc_test_unhex(tags[n], wtag, sizeof(wtag));
        EXPECT_OK(sshc_cipher_aead_seal(enc, 1000 + (uint32_t)n, pkt, 32, tag));
        EXPECT_MEM(pkt, plain, 4); /* the length stays in the clear */
        if (memcmp(pkt + 4, want, 28) != 0 || memcmp(tag, wtag, 16) != 0) {
            SSHC_TEST_FAIL("aes128-gcm packet %d: wrong ciphertext or tag", n);
        }
        uint32_t plen = 0;
        EXPECT_OK(sshc_cipher_aead_length(dec, 1000 + (uint32_t)n, pkt, &plen));
        EXPECT_EQ(plen, 28);
        EXPECT_OK(sshc_cipher_aead_open(dec, 1000 + (uint32_t)n, pkt, 32, tag));
        EXPECT_MEM(pkt, plain, 32);
    }
    sshc_cipher_free(enc);
    sshc_cipher_free(dec);
}

TEST(gcm256_known_answer)
{
    uint8_t key[32], iv[12], plain[32], pkt[32], want[28], tag[16], wtag[16];
    for (size_t i = 0; i < 32; i++) {
        key[i] = (uint8_t)i;
    }
    for (size_t i = 0; i < 12; i++) {
        iv[i] = (uint8_t)i;
    }
    sshc_test_unhex(gcm_pkt, plain, sizeof(plain));
    sshc_test_unhex("4363b368f4d7fa36ea22faabc58c0b19a3a6e6579b1e2b5d3867e585", want, sizeof(want));
    sshc_test_unhex("38bd18922377b1af3d3d9a1e1aa0116f", wtag, sizeof(wtag));
    sshc_cipher_ctx *enc = make("aes256-gcm@openssh.com", true, key, iv);
    if (enc != NULL) {
        memcpy(pkt, plain, 32);
        EXPECT_OK(sshc_cipher_aead_seal(enc, 0, pkt, 32, tag));
        EXPECT_MEM(pkt, plain, 4);
        EXPECT_MEM(pkt + 4, want, 28);
        EXPECT_MEM(tag, wtag, 16);
        sshc_cipher_free(enc);
    }
}

static void aead_tamper(const char *name, size_t key_len, bool length_encrypted)
{
    uint8_t key[64], iv[12], plain[48], sealed[48], pkt[48], tag[16], tag2[16];
    for (size_t i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(0x40 + i);
    }
    for (size_t i = 0; i < sizeof(iv); i++) {
        iv[i] = (uint8_t)(0x90 + i);
    }
    (void)key_len;
    for (size_t i = 0; i < sizeof(plain); i++) {
        plain[i] = (uint8_t)(i * 7);
    }
    plain[0] = 0, plain[1] = 0, plain[2] = 0, plain[3] = 44;
    const uint8_t *ivp = find(name) != NULL && find(name)->iv_len > 0 ? iv : NULL;

    /* Two seals of the same plaintext differ (new nonce / seqnr per packet). */
    sshc_cipher_ctx *enc = make(name, true, key, ivp);
    if (enc == NULL) {
        return;
    }
    memcpy(sealed, plain, sizeof(plain));
    EXPECT_OK(sshc_cipher_aead_seal(enc, 5, sealed, sizeof(sealed), tag));
    memcpy(pkt, plain, sizeof(plain));
    EXPECT_OK(sshc_cipher_aead_seal(enc, 6, pkt, sizeof(pkt), tag2));
    EXPECT_TRUE(memcmp(pkt + 4, sealed + 4, sizeof(pkt) - 4) != 0);
    EXPECT_TRUE(memcmp(tag, tag2, 16) != 0);
    EXPECT_TRUE(memcmp(sealed + 4, plain + 4, sizeof(plain) - 4) != 0);
    if (length_encrypted) {
        EXPECT_TRUE(memcmp(sealed, plain, 4) != 0);
    } else {
        EXPECT_MEM(sealed, plain, 4);
    }
    /* Open/seal direction is enforced. */
    EXPECT_ERR(sshc_cipher_aead_open(enc, 5, pkt, sizeof(pkt), tag), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_cipher_aead_seal(enc, 7, pkt, 3, tag), SSHC_E_INVALID_ARG);
    sshc_cipher_free(enc);

    /* Round trip. */
    sshc_cipher_ctx *dec = make(name, false, key, ivp);
    if (dec != NULL) {
        uint32_t plen = 0;
        memcpy(pkt, sealed, sizeof(pkt));
        EXPECT_OK(sshc_cipher_aead_length(dec, 5, pkt, &plen));
        EXPECT_EQ(plen, 44);
        EXPECT_MEM(pkt, sealed, sizeof(pkt)); /* aead_length changes nothing */
        EXPECT_ERR(sshc_cipher_aead_seal(dec, 5, pkt, sizeof(pkt), tag2), SSHC_E_INVALID_ARG);
        EXPECT_MEM(pkt, sealed, sizeof(pkt));
        EXPECT_OK(sshc_cipher_aead_open(dec, 5, pkt, sizeof(pkt), tag));
        EXPECT_MEM(pkt, plain, sizeof(pkt));
        sshc_cipher_free(dec);
    }

    /* Any flipped bit, in the length, the body or the tag, is refused. */
    static const size_t bits[] = {0, 7, 31, 32, 100, 383};
    for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
        dec = make(name, false, key, ivp);
        if (dec == NULL) {
            continue;
        }
        memcpy(pkt, sealed, sizeof(pkt));
        pkt[bits[i] / 8] ^= (uint8_t)(1u << (bits[i] % 8));
        int r = sshc_cipher_aead_open(dec, 5, pkt, sizeof(pkt), tag);
        if (r != SSHC_E_MAC_INVALID) {
            SSHC_TEST_FAIL("%s: packet bit %zu flipped: open returned %d", name, bits[i], r);
        }
        sshc_cipher_free(dec);
    }
    for (size_t bit = 0; bit < 128; bit += 9) {
        dec = make(name, false, key, ivp);
        if (dec == NULL) {
            continue;
        }
        memcpy(pkt, sealed, sizeof(pkt));
        memcpy(tag2, tag, 16);
        tag2[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        int r = sshc_cipher_aead_open(dec, 5, pkt, sizeof(pkt), tag2);
        if (r != SSHC_E_MAC_INVALID) {
            SSHC_TEST_FAIL("%s: tag bit %zu flipped: open returned %d", name, bit, r);
        }
        sshc_cipher_free(dec);
    }
    /* A truncated packet fails too. */
    dec = make(name, false, key, ivp);
    if (dec != NULL) {
        memcpy(pkt, sealed, sizeof(pkt));
        EXPECT_ERR(sshc_cipher_aead_open(dec, 5, pkt, sizeof(pkt) - 8, tag), SSHC_E_MAC_INVALID);
        sshc_cipher_free(dec);
    }
}

TEST(gcm_round_trip_and_tamper)
{
    aead_tamper("aes128-gcm@openssh.com", 16, false);
    aead_tamper("aes256-gcm@openssh.com", 32, false);
}

TEST(gcm_second_packet_uses_next_counter)
{
    /* Packet 2 from a context must equal packet 1 from one whose IV counter is one higher. */
    uint8_t key[16] = {1, 2, 3}, iv[12] = {9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0xff};
    uint8_t iv2[12] = {9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 1, 0x00};
    uint8_t a[32] = {0, 0, 0, 28, 4}, b[32], t1[16], t2[16];
    memcpy(b, a, sizeof(a));
    sshc_cipher_ctx *c1 = make("aes128-gcm@openssh.com", true, key, iv);
    sshc_cipher_ctx *c2 = make("aes128-gcm@openssh.com", true, key, iv2);
    if (c1 != NULL && c2 != NULL) {
        uint8_t scratch[32];
        memcpy(scratch, a, sizeof(a));
        EXPECT_OK(sshc_cipher_aead_seal(c1, 0, scratch, 32, t1));
        EXPECT_OK(sshc_cipher_aead_seal(c1, 1, a, 32, t1));
        EXPECT_OK(sshc_cipher_aead_seal(c2, 1, b, 32, t2));
        EXPECT_MEM(a, b, 32);
        EXPECT_MEM(t1, t2, 16);
    }
    sshc_cipher_free(c1);
    sshc_cipher_free(c2);
}

/* ---- chacha20-poly1305@openssh.com ---------------------------------------- */

TEST(chacha_zero_key_keystream)
{
    /* All-zero K_2 and K_1, seqnr 0, all-zero packet: ciphertext = keystream. */
    uint8_t key[64] = {0}, pkt[64] = {0}, tag[16], want[64], wtag[16];
    sshc_cipher_ctx *ctx = make("chacha20-poly1305@openssh.com", true, key, NULL);
    if (ctx == NULL) {
        return;
    }
    EXPECT_OK(sshc_cipher_aead_seal(ctx, 0, pkt, 4 + 60, tag));
    /* header: block 0 of ChaCha20(K_1 = 0, nonce 0) */
    sshc_test_unhex("76b8e0ad", want, sizeof(want));
    EXPECT_MEM(pkt, want, 4);
    /* body: ChaCha20(K_2 = 0, nonce 0) from block 1 (first 60 bytes) */
    sshc_test_unhex("9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                    "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f",
                    want, sizeof(want));
    EXPECT_MEM(pkt + 4, want, 60);
    sshc_cipher_free(ctx);

    /* Only K_1 (the second half) encrypts the length: with K_2 != 0 the header is unchanged. */
    for (size_t i = 0; i < 32; i++) {
        key[i] = 0xee;
    }
    memset(pkt, 0, sizeof(pkt));
    ctx = make("chacha20-poly1305@openssh.com", true, key, NULL);
    if (ctx != NULL) {
        EXPECT_OK(sshc_cipher_aead_seal(ctx, 0, pkt, 32, tag));
        sshc_test_unhex("76b8e0ad", want, sizeof(want));
        EXPECT_MEM(pkt, want, 4);
        sshc_cipher_free(ctx);
    }

    /* Tag over a 32-byte all-zero packet, zero keys (pure-Python Poly1305). */
    memset(key, 0, sizeof(key));
    memset(pkt, 0, sizeof(pkt));
    ctx = make("chacha20-poly1305@openssh.com", true, key, NULL);
    if (ctx != NULL) {
        EXPECT_OK(sshc_cipher_aead_seal(ctx, 0, pkt, 32, tag));
        sshc_test_unhex("76b8e0ad9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e", want,
                        sizeof(want));
        sshc_test_unhex("42e8cb0c47d45df6d85f2236975b04d0", wtag, sizeof(wtag));
        EXPECT_MEM(pkt, want, 32);
        EXPECT_MEM(tag, wtag, 16);
        sshc_cipher_free(ctx);
    }
}

TEST(chacha_known_packet)
{
    /* key bytes 00..3f (K_2 = 00..1f, K_1 = 20..3f), seqnr 7 */
    uint8_t key[64], plain[32], pkt[32], want[32], tag[16], wtag[16];
    for (size_t i = 0; i < 64; i++) {
        key[i] = (uint8_t)i;
    }
    EXPECT_EQ(sshc_test_unhex("0000001c0763686163686132302d706f6c793133303520766563746f72010203",
                              plain, sizeof(plain)), 32);
    sshc_test_unhex("a39afcb62f257d222deb4b6c5c40cb9fbbf6e21f048710401b8049ec326b19dc", want,
                    sizeof(want));
    sshc_test_unhex("39dfb3bcfb87239250f67ffaf91364d5", wtag, sizeof(wtag));
    sshc_cipher_ctx *enc = make("chacha20-poly1305@openssh.com", true, key, NULL);
    sshc_cipher_ctx *dec = make("chacha20-poly1305@openssh.com", false, key, NULL);
    if (enc != NULL && dec != NULL) {
        memcpy(pkt, plain, 32);
        EXPECT_OK(sshc_cipher_aead_seal(enc, 7, pkt, 32, tag));
        EXPECT_MEM(pkt, want, 32);
        EXPECT_MEM(tag, wtag, 16);
        uint32_t plen = 0;
        EXPECT_OK(sshc_cipher_aead_length(dec, 7, pkt, &plen));
        EXPECT_EQ(plen, 28);
        EXPECT_MEM(pkt, want, 32);
        EXPECT_OK(sshc_cipher_aead_open(dec, 7, pkt, 32, tag));
        EXPECT_MEM(pkt, plain, 32);
    }
    sshc_cipher_free(enc);
    sshc_cipher_free(dec);
}

TEST(chacha_round_trip_and_tamper)
{
    aead_tamper("chacha20-poly1305@openssh.com", 64, true);
}

TEST(chacha_seqnr_is_the_nonce)
{
    uint8_t key[64], plain[40], pkt[40], tag[16];
    for (size_t i = 0; i < 64; i++) {
        key[i] = (uint8_t)(255 - i);
    }
    memset(plain, 0x33, sizeof(plain));
    plain[0] = 0, plain[1] = 0, plain[2] = 0, plain[3] = 36;
    sshc_cipher_ctx *enc = make("chacha20-poly1305@openssh.com", true, key, NULL);
    sshc_cipher_ctx *dec = make("chacha20-poly1305@openssh.com", false, key, NULL);
    if (enc == NULL || dec == NULL) {
        sshc_cipher_free(enc);
        sshc_cipher_free(dec);
        return;
    }
    static const uint32_t seqs[] = {0, 1, 0x7fffffff, 0xffffffff};
    for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++) {
        memcpy(pkt, plain, sizeof(pkt));
        EXPECT_OK(sshc_cipher_aead_seal(enc, seqs[i], pkt, sizeof(pkt), tag));
        uint8_t sealed[40];
        memcpy(sealed, pkt, sizeof(pkt));
        /* The wrong seqnr: a wrong length from aead_length and a refused open. */
        uint32_t plen = 0;
        EXPECT_OK(sshc_cipher_aead_length(dec, seqs[i] + 1, pkt, &plen));
        EXPECT_TRUE(plen != 36);
        EXPECT_ERR(sshc_cipher_aead_open(dec, seqs[i] + 1, pkt, sizeof(pkt), tag),
                   SSHC_E_MAC_INVALID);
        EXPECT_MEM(pkt, sealed, sizeof(pkt)); /* nothing decrypted before the tag checks */
        /* The right one. */
        EXPECT_OK(sshc_cipher_aead_length(dec, seqs[i], pkt, &plen));
        EXPECT_EQ(plen, 36);
        EXPECT_OK(sshc_cipher_aead_open(dec, seqs[i], pkt, sizeof(pkt), tag));
        EXPECT_MEM(pkt, plain, sizeof(pkt));
    }
    sshc_cipher_free(enc);
    sshc_cipher_free(dec);
}

RUN_TESTS()
