#!/bin/bash
# STYLE.md §7: only src/crypto/ includes libsodium or OpenSSL headers, and
# nothing defines a function in a namespace we do not own.
cd "$(dirname "$0")/../.." || exit 1
status=0
bad=$(grep -rlE '#include <(sodium|openssl/)' src include tools | grep -v '^src/crypto/')
if [ -n "$bad" ]; then
    echo "FAIL: sodium/OpenSSL included outside src/crypto: $bad"
    status=1
fi
owned=$(grep -rnE '^[a-z][a-z0-9_ ]* \**(ssh_|sftp_|crypto_|sodium_|EVP_)[a-z0-9_]+\(' src include |
        grep -v ';$')
if [ -n "$owned" ]; then
    echo "FAIL: functions in a namespace we do not own:"
    echo "$owned"
    status=1
fi
[ $status = 0 ] && echo "ok   crypto boundary and namespaces"
exit $status
