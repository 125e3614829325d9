#!/usr/bin/env bash
# Seed the fuzz corpora from real traffic with Debian's OpenSSH: sshc talks
# to sshd (what sshd sends seeds session_client and kexinit), ssh talks to
# sshcd (what ssh sends seeds session_server and kexinit). The tools record
# through the packet trace hook when SSHC_TRACE_CORPUS is set.
#   fuzz/record_openssh.sh [corpus-dir=fuzz/corpus]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
export BUILD=${BUILD:-$top/build}
out=$(cd "${1:-$top/fuzz/corpus}" && pwd)
mkdir -p "$out/kexinit" "$out/session_server" "$out/session_client"
. "$top/tests/interop/lib.sh"
start_sshd
export SSHC_TRACE_CORPUS=$out
start_sshcd
printf 'some input\n' > "$WORK/in"
# sshc -> sshd: exec with stdin, stderr, exit status; compression; a big output.
sshc_run -p "$SSHD_PORT" $ME@127.0.0.1 'cat; echo err >&2; exit 3' < "$WORK/in" > /dev/null 2>&1
sshc_run -C -p "$SSHD_PORT" $ME@127.0.0.1 'head -c 100000 /dev/zero' > /dev/null 2>&1
sshc_run -p "$SSHD_PORT" $ME@127.0.0.1 'kill -TERM $$' > /dev/null 2>&1
# ssh -> sshcd: the same shapes, plus a refused key and a pty request.
ssh_run -p "$SSHCD_PORT" x@127.0.0.1 'cat; echo err >&2; exit 3' < "$WORK/in" > /dev/null 2>&1
ssh_run -C -p "$SSHCD_PORT" x@127.0.0.1 'head -c 100000 /dev/zero' > /dev/null 2>&1
ssh_run -tt -p "$SSHCD_PORT" x@127.0.0.1 'true' < /dev/null > /dev/null 2>&1
ssh -F none -i "$WORK/stranger" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes \
    -p "$SSHCD_PORT" x@127.0.0.1 true > /dev/null 2>&1
unset SSHC_TRACE_CORPUS
# Drop empty recordings.
find "$out" -type f -size 0 -delete
for d in kexinit session_server session_client; do
    echo "$d: $(ls "$out/$d" | wc -l) files"
done
