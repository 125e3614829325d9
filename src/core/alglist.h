/*
 * Algorithm lists in ssh_config(5) syntax (KexAlgorithms, Ciphers, MACs,
 * HostKeyAlgorithms): a plain list replaces the default, "+list" appends
 * to it, "-list" removes from it, "^list" puts names at its head. Every
 * element may be a pattern ('*', '?') matched against all supported names
 * (legacy ones too: naming them, even by pattern, enables them).
 */
#ifndef SSHC_CORE_ALGLIST_H
#define SSHC_CORE_ALGLIST_H

#include <stddef.h>

/*
 * Assemble spec against defaults and all (comma lists, all in table order)
 * into out (cap bytes). SSHC_E_UNSUPPORTED names an unknown algorithm,
 * SSHC_E_INVALID_ARG an empty result or a malformed spec, SSHC_E_LIMIT a
 * result longer than cap.
 */
int sshc_alglist_assemble(const char *spec, const char *defaults, const char *all, char *out,
                          size_t cap);

#endif
