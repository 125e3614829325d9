/* Reading small files whole (key files, known_hosts, authorized_keys): net/files.c. */
#ifndef SSHC_NET_FILES_H
#define SSHC_NET_FILES_H

#include <stddef.h>
#include <stdint.h>

/* Largest file read whole: bigger is refused with SSHC_E_LIMIT. */
#define SSHC_MAX_FILE (16u * 1024u * 1024u)

/*
 * Read path into a malloc'd buffer (*len bytes, plus a NUL after them).
 * SSHC_E_NOT_FOUND when it does not exist, SSHC_E_IO on other errors.
 */
int sshc_read_file(const char *path, uint8_t **out, size_t *len);

#endif
