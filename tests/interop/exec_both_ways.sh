#!/bin/bash
# (a) sshc -> OpenSSH sshd and (b) OpenSSH ssh -> sshcd: a command runs, its
# stdout, stderr and exit status arrive, for every cipher/MAC of issue #2.
. "$(dirname "$0")/lib.sh"
start_sshd
start_sshcd

CIPHERS="chacha20-poly1305@openssh.com aes128-gcm@openssh.com aes256-gcm@openssh.com aes128-ctr aes256-ctr"
MACS_FOR_CTR="hmac-sha2-256-etm@openssh.com hmac-sha2-256"
CMD='echo out-$((6*7)); echo err >&2; read line; echo "in:$line"; exit 7'

check() { # label port client...
    local label=$1; shift
    local out err status
    out=$(echo "hello" | "$@" "$CMD" 2> "$WORK/err")
    status=$?
    err=$(grep -v '^debug' "$WORK/err")
    if [ "$status" = 7 ] && [ "$out" = "out-42
in:hello" ] && [ "$err" = "err" ]; then
        pass "$label"
    else
        fail "$label: status=$status out=[$out] err=[$err]"
    fi
}

for kex in curve25519-sha256 curve25519-sha256@libssh.org; do
    for cipher in $CIPHERS; do
        macs="hmac-sha2-256-etm@openssh.com"
        case $cipher in *-ctr) macs=$MACS_FOR_CTR ;; esac
        for mac in $macs; do
            o="-o KexAlgorithms=$kex -o Ciphers=$cipher -o MACs=$mac"
            check "sshc->sshd $kex $cipher $mac" sshc_run -p "$SSHD_PORT" $o $ME@127.0.0.1
            check "ssh->sshcd $kex $cipher $mac" ssh_run -p "$SSHCD_PORT" $o tester@127.0.0.1
        done
    done
done

# The negotiated algorithm is the one asked for (OpenSSH's verbose log says so).
ssh_run -v -p "$SSHCD_PORT" -o Ciphers=aes256-gcm@openssh.com tester@127.0.0.1 true 2> "$WORK/v.log"
grep -q 'cipher: aes256-gcm@openssh.com' "$WORK/v.log" && pass "ssh reports the cipher sshcd agreed" ||
    fail "ssh -v does not show aes256-gcm: $(grep cipher "$WORK/v.log" | head -2)"
sshc_run -v -p "$SSHD_PORT" -o Ciphers=aes128-ctr $ME@127.0.0.1 true 2> "$WORK/v2.log"
grep -q 'cipher aes128-ctr' "$WORK/v2.log" && pass "sshc reports the cipher sshd agreed" ||
    fail "sshc -v does not show aes128-ctr: $(cat "$WORK/v2.log")"

# Several channels at once on one sshcd: parallel clients.
CLIENTS=""
for i in 1 2 3 4 5 6 7 8; do
    ssh_run -p "$SSHCD_PORT" tester@127.0.0.1 "sleep 0.2; echo $i" > "$WORK/par.$i" &
    CLIENTS="$CLIENTS $!"
done
wait $CLIENTS
ok=1
for i in 1 2 3 4 5 6 7 8; do [ "$(cat "$WORK/par.$i" 2>/dev/null)" = "$i" ] || ok=0; done
[ $ok = 1 ] && pass "8 concurrent ssh clients on one sshcd" || fail "concurrent clients"

finish
