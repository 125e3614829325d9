/* Shared option handling for the tools (see tool_options.h). */
#include "tool_options.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int sshc_tool_split_option(const char *option, char *name, size_t cap, const char **value)
{
    size_t n = strcspn(option, "= \t");
    if (n == 0 || n >= cap || option[n] == '\0') {
        return SSHC_E_INVALID_ARG;
    }
    memcpy(name, option, n);
    name[n] = '\0';
    const char *v = option + n;
    while (*v == '=' || *v == ' ' || *v == '\t') {
        v++;
    }
    *value = v;
    return SSHC_OK;
}

int sshc_tool_algorithm_option(sshc_config *cfg, const char *option)
{
    char name[64];
    const char *value;
    int r = sshc_tool_split_option(option, name, sizeof(name), &value);
    if (r != SSHC_OK) {
        return r;
    }
    if (strcasecmp(name, "Ciphers") == 0) {
        return sshc_config_set_ciphers(cfg, value);
    }
    if (strcasecmp(name, "MACs") == 0) {
        return sshc_config_set_macs(cfg, value);
    }
    if (strcasecmp(name, "KexAlgorithms") == 0) {
        return sshc_config_set_kex_algorithms(cfg, value);
    }
    if (strcasecmp(name, "HostKeyAlgorithms") == 0) {
        return sshc_config_set_hostkey_algorithms(cfg, value);
    }
    return SSHC_E_NOT_FOUND;
}
