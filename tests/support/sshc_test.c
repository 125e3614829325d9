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

int sshc_test_run(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    int passed = 0, failed = 0;
    for (int i = 0; i < sshc_test_count; i++) {
        if (only != NULL && strcmp(only, sshc_test_cases[i].name) != 0) {
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
