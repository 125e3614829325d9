/* X25519: RFC 7748 §6.1 Alice/Bob vectors and RFC 8731 §3 all-zero rejection. */
#include "sshc_test.h"

#include "crypto/x25519.h"

static const char alice_priv[] = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
static const char alice_pub[] = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
static const char bob_priv[] = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
static const char bob_pub[] = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
static const char shared_k[] = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

/* An "rng" that hands out fixed bytes (the hex string in ctx). */
struct fixed_rng {
    const char *hex;
    int calls;
    size_t asked;
};

static int fixed_rng(void *ctx, uint8_t *buf, size_t len)
{
    struct fixed_rng *f = ctx;
    uint8_t tmp[64];
    f->calls++;
    f->asked = len;
    if (sshc_test_unhex(f->hex, tmp, sizeof(tmp)) != len) {
        return SSHC_E_INTERNAL;
    }
    memcpy(buf, tmp, len);
    return SSHC_OK;
}

static int failing_rng(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return SSHC_E_CRYPTO;
}

static void keypair_check(const char *priv_hex, const char *pub_hex)
{
    struct fixed_rng f = {priv_hex, 0, 0};
    uint8_t priv[SSHC_X25519_LEN], pub[SSHC_X25519_LEN], want_priv[32], want_pub[32];
    sshc_test_unhex(priv_hex, want_priv, sizeof(want_priv));
    sshc_test_unhex(pub_hex, want_pub, sizeof(want_pub));
    EXPECT_OK(sshc_x25519_keypair(fixed_rng, &f, priv, pub));
    EXPECT_EQ(f.calls, 1);
    EXPECT_EQ(f.asked, SSHC_X25519_LEN);
    EXPECT_MEM(priv, want_priv, 32);
    EXPECT_MEM(pub, want_pub, 32);
}

TEST(rfc7748_public_keys)
{
    keypair_check(alice_priv, alice_pub);
    keypair_check(bob_priv, bob_pub);
}

TEST(rfc7748_shared_secret)
{
    uint8_t a[32], b[32], ap[32], bp[32], want[32], s1[32], s2[32];
    sshc_test_unhex(alice_priv, a, sizeof(a));
    sshc_test_unhex(bob_priv, b, sizeof(b));
    sshc_test_unhex(alice_pub, ap, sizeof(ap));
    sshc_test_unhex(bob_pub, bp, sizeof(bp));
    sshc_test_unhex(shared_k, want, sizeof(want));
    EXPECT_OK(sshc_x25519_shared(a, bp, s1));
    EXPECT_OK(sshc_x25519_shared(b, ap, s2));
    EXPECT_MEM(s1, want, 32);
    EXPECT_MEM(s2, want, 32);
}

TEST(rfc7748_iterated_once)
{
    /* RFC 7748 §5.2: after one iteration of k = X25519(k, u), k=u=9. */
    uint8_t k[32] = {9}, u[32] = {9}, out[32], want[32];
    sshc_test_unhex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", want,
                    sizeof(want));
    EXPECT_OK(sshc_x25519_shared(k, u, out));
    EXPECT_MEM(out, want, 32);
}

TEST(rejects_low_order_points)
{
    uint8_t a[32], zero[32] = {0}, one[32] = {1}, shared[32];
    sshc_test_unhex(alice_priv, a, sizeof(a));
    memset(shared, 0xcc, sizeof(shared));
    EXPECT_ERR(sshc_x25519_shared(a, zero, shared), SSHC_E_BAD_PUBLIC_VALUE);
    /* the output is not left holding anything useful */
    static const uint8_t zeros[32];
    EXPECT_MEM(shared, zeros, 32);
    /* u = 1 is also of small order: the result is all zero */
    EXPECT_ERR(sshc_x25519_shared(a, one, shared), SSHC_E_BAD_PUBLIC_VALUE);
    /* p (2^255 - 19) reduces to 0 */
    uint8_t p[32];
    sshc_test_unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", p, sizeof(p));
    EXPECT_ERR(sshc_x25519_shared(a, p, shared), SSHC_E_BAD_PUBLIC_VALUE);
}

TEST(rng_failure_propagates)
{
    uint8_t priv[32], pub[32];
    EXPECT_ERR(sshc_x25519_keypair(failing_rng, NULL, priv, pub), SSHC_E_CRYPTO);
}

RUN_TESTS()
