#!/bin/bash
# A program outside the tree links the installed library through pkg-config
# (shared and static) and runs a command on sshcd with it.
. "$(dirname "$0")/lib.sh"
need pkg-config meson python3
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DEST="$WORK/destdir"
meson install -C "$BUILD" --destdir "$DEST" --no-rebuild > "$WORK/install.log" 2>&1 ||
    { fail "meson install: $(tail -5 "$WORK/install.log")"; finish; exit 1; }
PC=$(dirname "$(find "$DEST" -name sshcore.pc | head -1)")
PREFIX=$(sed -n 's/^prefix=//p' "$PC/sshcore.pc")
export PKG_CONFIG_PATH="$PC" PKG_CONFIG_SYSROOT_DIR="$DEST"
start_sshcd
# Build the example the way the library was built (a sanitizer build needs the
# same compiler and -fsanitize flags to link).
CC=$(awk '/^rule c_COMPILER/ {f = 1} f && /command =/ {print $3; exit}' "$BUILD/build.ninja")
SAN=$(python3 -c 'import json, sys
o = {x["name"]: x["value"] for x in json.load(open(sys.argv[1]))}
print("" if o.get("b_sanitize", "none") == "none" else "-fsanitize=" + o["b_sanitize"])' \
    "$BUILD/meson-info/intro-buildoptions.json")
CFLAGS_SAN=${SAN:-}
$CC $CFLAGS_SAN "$SRC/examples/exec.c" $(pkg-config --cflags --libs sshcore) -o "$WORK/exec_shared" &&
    LD_LIBRARY_PATH=$(dirname "$(find "$DEST" -name 'libsshcore.so' | head -1)") \
    "$WORK/exec_shared" 127.0.0.1 "$SSHCD_PORT" me "$WORK/user" "$WORK/known_hosts" 'echo linked; exit 4' \
        > "$WORK/out"
status=$?
[ $status = 4 ] && [ "$(cat "$WORK/out")" = linked ] && pass "shared library through pkg-config" ||
    fail "shared: status $status, output $(cat "$WORK/out")"
$CC $CFLAGS_SAN "$SRC/examples/exec.c" $(pkg-config --cflags sshcore) \
    "$(find "$DEST" -name libsshcore.a | head -1)" $(pkg-config --libs --static sshcore | sed 's/-lsshcore//') \
    -o "$WORK/exec_static" &&
    "$WORK/exec_static" 127.0.0.1 "$SSHCD_PORT" me "$WORK/user" "$WORK/known_hosts" 'echo static' > "$WORK/out2"
[ "$(cat "$WORK/out2")" = static ] && pass "static library" || fail "static: $(cat "$WORK/out2")"
finish
