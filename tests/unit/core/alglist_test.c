/* ssh_config(5) algorithm list syntax: replace, +append, -remove, ^prepend, patterns. */
#include "sshc_test.h"

#include "core/alglist.h"

static const char *defaults = "b,c";
static const char *all = "a,b,c,d-legacy,e@x.org";

static void expect_list(const char *spec, const char *want)
{
    char out[256];
    EXPECT_OK(sshc_alglist_assemble(spec, defaults, all, out, sizeof(out)));
    EXPECT_STR(out, want);
}

TEST(plain_list_replaces)
{
    expect_list("c,a", "c,a");
    expect_list("d-legacy", "d-legacy"); /* naming a legacy algorithm enables it */
}

TEST(plus_appends_to_defaults)
{
    expect_list("+a", "b,c,a");
    expect_list("+c", "b,c"); /* no duplicates */
}

TEST(minus_removes_with_patterns)
{
    expect_list("-b", "c");
}

TEST(caret_puts_first)
{
    expect_list("^c", "c,b");
    expect_list("^a,d-legacy", "a,d-legacy,b,c");
}

TEST(patterns_expand_in_table_order)
{
    expect_list("*@x.org,?", "e@x.org,a,b,c");
    expect_list("d*", "d-legacy");
}

TEST(errors)
{
    char out[256];
    EXPECT_ERR(sshc_alglist_assemble("nosuch", defaults, all, out, sizeof(out)), SSHC_E_UNSUPPORTED);
    EXPECT_ERR(sshc_alglist_assemble("", defaults, all, out, sizeof(out)), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_alglist_assemble("zz*", defaults, all, out, sizeof(out)), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_alglist_assemble("-b,c", defaults, all, out, sizeof(out)), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_alglist_assemble("-*", defaults, all, out, sizeof(out)), SSHC_E_INVALID_ARG);
    EXPECT_ERR(sshc_alglist_assemble("a,b,c", defaults, all, out, 4), SSHC_E_LIMIT);
}

TEST(config_setters_use_the_syntax)
{
    sshc_config *cfg = sshc_config_new(SSHC_ROLE_CLIENT);
    EXPECT_OK(sshc_config_set_ciphers(cfg, "+aes128-cbc"));
    EXPECT_TRUE(strstr(sshc_config_get_ciphers(cfg), ",aes128-cbc") != NULL);
    EXPECT_OK(sshc_config_set_ciphers(cfg, "^aes256-ctr"));
    EXPECT_TRUE(strncmp(sshc_config_get_ciphers(cfg), "aes256-ctr,chacha20", 19) == 0);
    EXPECT_OK(sshc_config_set_ciphers(cfg, "-*-gcm@openssh.com"));
    EXPECT_TRUE(strstr(sshc_config_get_ciphers(cfg), "gcm") == NULL);
    EXPECT_OK(sshc_config_set_macs(cfg, "hmac-sha2-*"));
    EXPECT_STR(sshc_config_get_macs(cfg),
               "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,"
               "hmac-sha2-512");
    EXPECT_ERR(sshc_config_set_kex_algorithms(cfg, "curve25519-sha256,nosuch"), SSHC_E_UNSUPPORTED);
    sshc_config_free(cfg);
}

RUN_TESTS()
