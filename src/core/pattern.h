/* Glob patterns as ssh_config(5) "PATTERNS" describes them: '*' and '?'. */
#ifndef SSHC_CORE_PATTERN_H
#define SSHC_CORE_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Case-insensitive match of the whole name against pat ('*' any run, '?'
 * any one character). Iterative with one backtrack point, so a pattern
 * full of stars costs O(len(pat) * len(name)), not exponential time.
 */
/* ASCII-only lower case: host and algorithm names are ASCII; locales play no part. */
static inline char sshc_ascii_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

bool sshc_glob_match(const char *pat, size_t plen, const char *name, size_t nlen);

#endif
