/*
 * Line and token scanning for the text formats read from files
 * (known_hosts, authorized_keys): the input is not NUL-terminated and
 * every step stays inside it.
 */
#ifndef SSHC_CORE_LINES_H
#define SSHC_CORE_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lines longer than this are skipped whole. */
#define SSHC_MAX_TEXT_LINE (64u * 1024u)

/* Next line of data from *pos (without its "\n" or "\r\n"); false at the end. */
bool sshc_next_line(const uint8_t *data, size_t len, size_t *pos, const char **line,
                    size_t *line_len);
/* Space or tab. */
bool sshc_is_blank(char ch);
/* Next blank-separated token of [*p, end); false when none is left. */
bool sshc_next_token(const char **p, const char *end, const char **tok, size_t *tok_len);

#endif
