#!/usr/bin/env bash
# Build the libFuzzer targets with clang (ASan + UBSan) and run each one:
# first over its corpus (regression), then for SECONDS of new fuzzing.
#   fuzz/run.sh [SECONDS] [target...]
# A crash fails the run; the reproducer is printed as hex and kept in
# fuzz/out/<target>/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
seconds=${1:-60}
shift || true
build=${FUZZ_BUILD:-$top/build-fuzz}
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link -Dbuildtype=debugoptimized >/dev/null
fi
ninja -C "$build" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz/*_fuzz; do targets+=("$(basename "$f" _fuzz)"); done
fi
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for t in "${targets[@]}"; do
  bin="$build/fuzz/${t}_fuzz"
  corpus="$here/corpus/$t"
  out="$here/out/$t"
  mkdir -p "$out/new" "$corpus"
  echo "== $t: corpus $(ls "$corpus" | wc -l) files, ${seconds}s of fuzzing"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$out/" -print_final_stats=1 "$out/new" "$corpus" \
       >"$out/log" 2>&1; then
    status=1
    echo "!! $t crashed:"; tail -40 "$out/log"
    for a in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
      [ -f "$a" ] && { echo "reproducer $a:"; xxd "$a" | head -20; }
    done
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/log" | sed 's/^/   /'
  fi
done
exit $status
