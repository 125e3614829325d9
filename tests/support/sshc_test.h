/*
 * A tiny test framework: TEST(name) defines a case, RUN_TESTS() in main runs
 * them all and prints "N passed, N failed". EXPECT_* record a failure with
 * file:line and go on; they never abort, so one run reports every failure.
 */
#ifndef SSHC_TEST_H
#define SSHC_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sshcore.h"

typedef void (*sshc_test_fn)(void);
struct sshc_test_case {
    const char *name;
    sshc_test_fn fn;
};

extern int sshc_test_failures;
#define SSHC_TEST_MAX 512
extern struct sshc_test_case sshc_test_cases[SSHC_TEST_MAX];
extern int sshc_test_count;

#define TEST(tname)                                                                \
    static void test_##tname(void);                                                \
    __attribute__((constructor)) static void register_##tname(void)                \
    {                                                                              \
        if (sshc_test_count < SSHC_TEST_MAX) {                                     \
            sshc_test_cases[sshc_test_count].name = #tname;                        \
            sshc_test_cases[sshc_test_count++].fn = test_##tname;                  \
        }                                                                          \
    }                                                                              \
    static void test_##tname(void)

#define SSHC_TEST_FAIL(...)                                                        \
    do {                                                                           \
        fprintf(stderr, "  FAIL %s:%d: ", __FILE__, __LINE__);                     \
        fprintf(stderr, __VA_ARGS__);                                              \
        fprintf(stderr, "\n");                                                     \
        sshc_test_failures++;                                                      \
    } while (0)

#define EXPECT_TRUE(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            SSHC_TEST_FAIL("expected %s", #cond);                                  \
        }                                                                          \
    } while (0)

#define EXPECT_OK(expr)                                                            \
    do {                                                                           \
        int r_ = (expr);                                                           \
        if (r_ != SSHC_OK) {                                                       \
            SSHC_TEST_FAIL("%s returned %d (%s)", #expr, r_, sshc_strerror(r_));   \
        }                                                                          \
    } while (0)

#define EXPECT_ERR(expr, code)                                                     \
    do {                                                                           \
        int r_ = (expr);                                                           \
        if (r_ != (code)) {                                                        \
            SSHC_TEST_FAIL("%s returned %d (%s), expected %s", #expr, r_,          \
                           sshc_strerror(r_), #code);                              \
        }                                                                          \
    } while (0)

#define EXPECT_EQ(a, b)                                                            \
    do {                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                        \
        if (a_ != b_) {                                                            \
            SSHC_TEST_FAIL("%s == %lld, expected %s == %lld", #a, a_, #b, b_);     \
        }                                                                          \
    } while (0)

#define EXPECT_STR(a, b)                                                           \
    do {                                                                           \
        const char *a_ = (a), *b_ = (b);                                           \
        if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                     \
            SSHC_TEST_FAIL("%s == \"%s\", expected \"%s\"", #a, a_ ? a_ : "(null)", \
                           b_ ? b_ : "(null)");                                    \
        }                                                                          \
    } while (0)

#define EXPECT_MEM(a, b, n)                                                        \
    do {                                                                           \
        if (memcmp((a), (b), (n)) != 0) {                                          \
            SSHC_TEST_FAIL("%s and %s differ in their %zu bytes", #a, #b,          \
                           (size_t)(n));                                           \
        }                                                                          \
    } while (0)

/* Decode hex (whitespace ignored) into out; returns the byte count. */
size_t sshc_test_unhex(const char *hex, uint8_t *out, size_t cap);
/* Run every registered test; prints "N passed, N failed"; exit code. */
int sshc_test_run(int argc, char **argv);

#define RUN_TESTS()                                                                \
    int main(int argc, char **argv) { return sshc_test_run(argc, argv); }

#endif
