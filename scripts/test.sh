#!/usr/bin/env bash
# The quick start's second command: the whole test suite.
#   1. release build with warnings as errors: unit, in-memory, fuzz-corpus and
#      interop tests (Debian's OpenSSH on loopback);
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer with
#      LeakSanitizer on;
#   3. a fuzz smoke run: every libFuzzer target over its corpus plus
#      FUZZ_SECONDS (default 60) of new inputs.
# --quick runs step 1 only.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

step() { echo; echo "######## $*"; }

step "1/3 build (-Dwerror=true) and test"
[ -f "$top/build-ci/build.ninja" ] ||
  meson setup "$top/build-ci" "$top" -Dwerror=true -Dbuildtype=debugoptimized >/dev/null
ninja -C "$top/build-ci"
meson test -C "$top/build-ci" --print-errorlogs --num-processes 2
[ $quick = 1 ] && exit 0

step "2/3 ASan + UBSan + LeakSanitizer"
[ -f "$top/build-asan/build.ninja" ] ||
  CC=clang meson setup "$top/build-asan" "$top" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dbuildtype=debug >/dev/null
ninja -C "$top/build-asan"
ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C "$top/build-asan" --print-errorlogs --num-processes 2 --timeout-multiplier 3

step "3/3 fuzz smoke: corpus + ${FUZZ_SECONDS:-60}s per target"
"$top/fuzz/run.sh" "${FUZZ_SECONDS:-60}"
echo; echo "all tests passed"
