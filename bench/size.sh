#!/usr/bin/env bash
# Binary size, ours next to OpenSSH's (and Dropbear's when installed):
# stripped sizes of the release tools, and the shared libraries each needs.
#   bench/size.sh
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build-release}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$top" -Dbuildtype=release >/dev/null
ninja -C "$BUILD" >/dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
row() { # label binary
    [ -x "$2" ] || { printf '%-14s %s\n' "$1" "(not installed)"; return; }
    cp "$2" "$tmp/b" && strip "$tmp/b"
    printf '%-14s %9d bytes stripped   libs: %s\n' "$1" "$(stat -c %s "$tmp/b")" \
        "$(ldd "$2" | awk '/=>/ {print $1}' | grep -v -E 'libc.so|ld-linux|linux-vdso' | tr '\n' ' ')"
}
row sshc "$BUILD/tools/sshc"
row ssh /usr/bin/ssh
row dbclient /usr/bin/dbclient
row sshcd "$BUILD/tools/sshcd"
row sshd /usr/sbin/sshd
row dropbear /usr/sbin/dropbear
row sshc-keygen "$BUILD/tools/sshc-keygen"
row ssh-keygen /usr/bin/ssh-keygen
row libsshcore.so "$BUILD/libsshcore.so"
