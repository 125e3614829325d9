#!/usr/bin/env bash
# Throughput over an exec channel on loopback, ours and OpenSSH's side by side.
#   bench/throughput.sh [MiB=1024] [cipher[:mac]...]
#   e.g. bench/throughput.sh 1024 aes128-gcm@openssh.com aes128-ctr:hmac-sha2-256-etm@openssh.com
# For each cipher and direction it moves MiB through three pairings in the
# same run: sshc->sshcd, sshc->sshd, ssh->sshd. Download runs
# `head -c N /dev/zero` remotely; upload pipes N bytes into `cat > /dev/null`.
# Reported: MB/s (wall clock) and CPU seconds per GiB of the client plus the
# server process tree (the remote head/cat included, the same for all), and
# ratios against ssh->sshd. Nothing here asserts a timing.
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build-release}
[ -f "$BUILD/build.ninja" ] || meson setup "$BUILD" "$top" -Dbuildtype=release >/dev/null
ninja -C "$BUILD" >/dev/null || exit 1
export BUILD
. "$top/tests/interop/lib.sh"
need /usr/bin/time
MIB=${1:-1024}
shift || true
CIPHERS=${*:-"aes128-gcm@openssh.com chacha20-poly1305@openssh.com aes256-gcm@openssh.com aes128-ctr"}
BYTES=$((MIB * 1024 * 1024))
start_sshd
start_sshcd
SSHD_PID=$(cat "$WORK/sshd.pid")
HZ=$(getconf CLK_TCK)

# CPU ticks of a process and its reaped children.
ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat"; }

run_one() { # pairing cipher direction -> prints "mbps cpu_per_gib"
    local pairing=$1 spec=$2 dir=$3 server_pid port user
    local cipher=${spec%%:*} mac=${spec#*:}
    local algs=(-o Ciphers="$cipher")
    [ "$mac" != "$spec" ] && algs+=(-o MACs="$mac")
    local client=("$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes)
    case $pairing in
        sshc-sshcd) server_pid=$SSHCD_PID; port=$SSHCD_PORT; user=bench ;;
        sshc-sshd) server_pid=$SSHD_PID; port=$SSHD_PORT; user=$ME ;;
        ssh-sshd) server_pid=$SSHD_PID; port=$SSHD_PORT; user=$ME
            client=(ssh -F none -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts"
                    -o BatchMode=yes -o IdentitiesOnly=yes) ;;
    esac
    local before after
    before=$(ticks "$server_pid")
    if [ "$dir" = down ]; then
        /usr/bin/time -f '%e %U %S' -o "$WORK/time" "${client[@]}" -p "$port" "${algs[@]}" \
            "$user@127.0.0.1" "head -c $BYTES /dev/zero" > /dev/null
    else
        head -c "$BYTES" /dev/zero | /usr/bin/time -f '%e %U %S' -o "$WORK/time" "${client[@]}" \
            -p "$port" "${algs[@]}" "$user@127.0.0.1" 'cat > /dev/null'
    fi
    sleep 0.2 # let the server reap the session's processes
    after=$(ticks "$server_pid")
    read -r wall cu cs < "$WORK/time"
    awk -v b="$BYTES" -v w="$wall" -v cu="$cu" -v cs="$cs" -v st=$((after - before)) -v hz="$HZ" \
        'BEGIN { gib = b / 1073741824; printf "%.0f %.2f\n", b / 1e6 / w, (cu + cs + st / hz) / gib }'
}

printf '%-30s %-5s %-11s %9s %11s %8s %8s\n' cipher dir pairing MB/s CPU-s/GiB x-speed x-CPU
for cipher in $CIPHERS; do
    for dir in down up; do
        read -r ref_mbps ref_cpu < <(run_one ssh-sshd "$cipher" "$dir")
        for pairing in sshc-sshcd sshc-sshd ssh-sshd; do
            if [ $pairing = ssh-sshd ]; then mbps=$ref_mbps; cpu=$ref_cpu
            else read -r mbps cpu < <(run_one $pairing "$cipher" "$dir"); fi
            awk -v c="$cipher" -v d="$dir" -v p="$pairing" -v m="$mbps" -v u="$cpu" \
                -v rm="$ref_mbps" -v ru="$ref_cpu" \
                'BEGIN { printf "%-30s %-5s %-11s %9d %11.2f %8.2f %8.2f\n", c, d, p, m, u, m / rm, u / ru }'
        done
    done
done
echo "(x-speed: MB/s / ssh->sshd's; x-CPU: CPU per GiB / ssh->sshd's — lower is better)"
