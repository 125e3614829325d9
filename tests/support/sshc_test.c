/*
 * The test runner behind sshc_test.h.
 */
#include "sshc_test.h"

#include <ctype.h>

int sshc_test_failures;
struct sshc_test_case sshc_test_cases[SSHC_TEST_MAX];
int sshc_test_count;

size_t sshc_test_unhex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *hex; hex++) {
        if (isspace((unsigned char)*hex)) {
            continue;
        }
        int v = isdigit((unsigned char)*hex) ? *hex - '0'
                                             : tolower((unsigned char)*hex) - 'a' + 10;
        if (hi < 0) {
            hi = v;
        } else if (n < cap) {
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

/* Arguments: names to run (all when none), or "-name" to run all but those. */
static bool selected(int argc, char **argv, const char *name)
{
    bool any_positive = false;
    for (int a = 1; a < argc; a++) {
        if (argv[a][0] == '-') {
            if (strcmp(argv[a] + 1, name) == 0) {
                return false;
            }
        } else {
            any_positive = true;
            if (strcmp(argv[a], name) == 0) {
                return true;
            }
        }
    }
    return !any_positive;
}

int sshc_test_run(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (int i = 0; i < sshc_test_count; i++) {
        if (!selected(argc, argv, sshc_test_cases[i].name)) {
            continue;
        }
        int before = sshc_test_failures;
        sshc_test_cases[i].fn();
        if (sshc_test_failures == before) {
            passed++;
            printf("ok   %s\n", sshc_test_cases[i].name);
        } else {
            failed++;
            printf("FAIL %s\n", sshc_test_cases[i].name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
