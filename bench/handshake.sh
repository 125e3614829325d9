#!/usr/bin/env bash
# Connection cost: connect + key exchange + publickey auth + exec `true` +
# close, N times in a row, sshc->sshcd and ssh->sshd (and sshc->sshd) in the
# same run. Reports connections per second, median and 90th percentile
# latency, and server CPU per connection.
#   bench/handshake.sh [N=200] [all]
# With "all", it repeats for every kex method and every host key type
# (sshc->sshcd, sshc->sshd, ssh->sshd each).
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build-release}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$top" -Dbuildtype=release >/dev/null
ninja -C "$BUILD" >/dev/null || exit 1
export BUILD
. "$top/tests/interop/lib.sh"
N=${1:-200}
ALL=${2:-}
for t in ecdsa rsa; do ssh-keygen -q -t $t -N '' -f "$WORK/host_$t"; done
start_sshd "MaxStartups 1000" "HostKey=$WORK/host_ecdsa" "HostKey=$WORK/host_rsa" \
    "KexAlgorithms +diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1"
for t in ecdsa rsa; do echo "[127.0.0.1]:$SSHD_PORT $(cat "$WORK/host_$t.pub")" >> "$WORK/known_hosts"; done
start_sshcd
SSHD_PID=$(cat "$WORK/sshd.pid")
HZ=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }

measure() { # label server_pid client port user [options...]
    local label=$1 pid=$2 client=$3 port=$4 user=$5
    shift 5
    local before after t0 t1 start end
    before=$(ticks "$pid")
    : > "$WORK/lat"
    start=$(date +%s%N)
    for _ in $(seq 1 "$N"); do
        t0=$(date +%s%N)
        $client "$@" -p "$port" "$user@127.0.0.1" true || echo "connection failed" >&2
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000)) >> "$WORK/lat"
    done
    end=$(date +%s%N)
    sleep 0.2
    after=$(ticks "$pid")
    sort -n "$WORK/lat" > "$WORK/lat.sorted"
    local med p90
    med=$(awk -v n="$N" 'NR == int((n + 1) / 2) {print $1 / 1000}' "$WORK/lat.sorted")
    p90=$(awk -v n="$N" 'NR == int(n * 0.9) {print $1 / 1000}' "$WORK/lat.sorted")
    awk -v l="$label" -v n="$N" -v s="$start" -v e="$end" -v m="$med" -v p="$p90" \
        -v st=$((after - before)) -v hz="$HZ" \
        'BEGIN { printf "%-12s %8.1f %10.2f %10.2f %14.2f\n", l, n / ((e - s) / 1e9), m, p, st / hz / n * 1000 }'
}

three() { # options for all three pairings
    measure sshc-sshcd "$SSHCD_PID" sshc_run "$SSHCD_PORT" bench "$@"
    measure sshc-sshd "$SSHD_PID" sshc_run "$SSHD_PORT" "$ME" "$@"
    measure ssh-sshd "$SSHD_PID" ssh_run "$SSHD_PORT" "$ME" "$@"
}
printf '%-12s %8s %10s %10s %14s\n' pairing conn/s median-ms p90-ms server-CPU-ms
three
if [ "$ALL" = all ]; then
    for kex in curve25519-sha256 ecdh-sha2-nistp256 ecdh-sha2-nistp384 ecdh-sha2-nistp521 \
               diffie-hellman-group14-sha256 diffie-hellman-group16-sha512 \
               diffie-hellman-group18-sha512 diffie-hellman-group-exchange-sha256; do
        echo "-- kex $kex"
        three -o KexAlgorithms=$kex
    done
    for t in ecdsa rsa; do
        kill "$SSHCD_PID"; wait "$SSHCD_PID"; SSHCD_PID=""
        cp "$WORK/host_$t" "$WORK/sshcd_host"; cp "$WORK/host_$t.pub" "$WORK/sshcd_host.pub"
        start_sshcd
        alg=$([ $t = rsa ] && echo rsa-sha2-512 || echo ecdsa-sha2-nistp256)
        echo "-- host key $alg"
        three -o HostKeyAlgorithms=$alg
    done
fi
echo "(sequential connections from one shell; each includes starting the client process)"
