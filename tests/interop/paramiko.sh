#!/bin/bash
# Interop with paramiko (Debian's python3-paramiko, run by the system python):
# paramiko's SSHClient against sshcd (exec, 16 MiB upload, each cipher, MAC,
# key exchange we share, ed25519 and RSA user keys), then a paramiko server
# with RSA, ECDSA and ed25519 host keys, sshc as its client.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
need "$PY"
"$PY" -c 'import paramiko' 2>/dev/null ||
    { echo "FAIL: python3-paramiko is missing for $PY (apt-get install python3-paramiko)" >&2; exit 1; }
echo "paramiko $("$PY" -c 'import paramiko; print(paramiko.__version__)')"

# --- paramiko as the client, sshcd as the server ---------------------------------
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C rsa-user -f "$WORK/rsa_user"
cat "$WORK/rsa_user.pub" >> "$WORK/authorized_keys"
LEGACY_CIPHERS="aes128-cbc,aes192-cbc,aes256-cbc,3des-cbc"
LEGACY_KEX="diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1"
start_sshcd -o Ciphers=+$LEGACY_CIPHERS -o KexAlgorithms=+$LEGACY_KEX

pclient() { # label key check [arg]
    local label=$1 key=$2; shift 2
    local out
    out=$(timeout 60 "$PY" "$HERE/paramiko_client.py" "$SSHCD_PORT" "$WORK/known_hosts" "$key" "$@" 2>&1) &&
        pass "paramiko->sshcd $label: $out" || fail "paramiko->sshcd $label: $out"
}

pclient "exec, ed25519 user key" "$WORK/user" exec
pclient "exec, RSA user key" "$WORK/rsa_user" exec
pclient "16 MiB upload" "$WORK/user" upload
# RFC 4254 lets a client send "exec" with want_reply=false (dbclient always does);
# the command must run all the same.
pclient "exec with want_reply=false" "$WORK/user" exec-noreply
for alg in rsa-sha2-512 rsa-sha2-256; do
    pclient "RSA user key signed with $alg" "$WORK/rsa_user" pubkey "$alg"
done
pclient "ed25519 user key as ssh-ed25519" "$WORK/user" pubkey ssh-ed25519
ciphers=$("$PY" -c 'import paramiko; print(" ".join(paramiko.Transport._preferred_ciphers))')
for cipher in aes128-ctr aes192-ctr aes256-ctr aes128-gcm@openssh.com aes256-gcm@openssh.com \
              chacha20-poly1305@openssh.com aes128-cbc aes192-cbc aes256-cbc 3des-cbc; do
    case " $ciphers " in
    *" $cipher "*) pclient "cipher $cipher" "$WORK/user" cipher "$cipher" ;;
    *) echo "     (paramiko has no $cipher)" ;;
    esac
done
for mac in hmac-sha2-256 hmac-sha2-512 hmac-sha2-256-etm@openssh.com hmac-sha2-512-etm@openssh.com \
           hmac-sha1; do
    pclient "mac $mac" "$WORK/user" mac "$mac"
done
for kex in curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 ecdh-sha2-nistp521 \
           diffie-hellman-group16-sha512 diffie-hellman-group-exchange-sha256 \
           diffie-hellman-group14-sha256 diffie-hellman-group14-sha1 \
           diffie-hellman-group-exchange-sha1; do
    pclient "kex $kex" "$WORK/user" kex "$kex"
done

# An unknown user key is refused, and sshcd's host key must match known_hosts.
out=$(timeout 60 "$PY" "$HERE/paramiko_client.py" "$SSHCD_PORT" "$WORK/known_hosts" "$WORK/stranger" exec 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -qi 'auth' &&
    pass "paramiko->sshcd: unknown user key refused ($out)" ||
    fail "paramiko->sshcd: unknown user key: $out"
sed "s/^\[127.0.0.1\]:$SSHCD_PORT .*/[127.0.0.1]:$SSHCD_PORT $(cut -d' ' -f1,2 "$WORK/stranger.pub" | sed 's/\//\\\//g')/" \
    "$WORK/known_hosts" > "$WORK/known_hosts.wrong"
out=$(timeout 60 "$PY" "$HERE/paramiko_client.py" "$SSHCD_PORT" "$WORK/known_hosts.wrong" "$WORK/user" exec 2>&1)
[ $? -ne 0 ] && echo "$out" | grep -qi 'BadHostKey\|does not match' &&
    pass "paramiko->sshcd: wrong host key detected ($out)" ||
    fail "paramiko->sshcd: wrong host key: $out"

# --- sshc as the client, a paramiko server ---------------------------------------
start_pserver() { # host key type
    PSERVER_PORT=$(free_port)
    rm -f "$WORK/phost.pub"
    "$PY" "$HERE/paramiko_server.py" "$PSERVER_PORT" "$1" "$WORK/user.pub" "$WORK/phost.pub" \
        "$WORK/sshcd_host" 2> "$WORK/pserver-$1.log" &
    PSERVER_PID=$!
    PIDS="$PIDS $!"
    wait_port "$PSERVER_PORT" || { fail "paramiko server ($1) did not start: $(cat "$WORK/pserver-$1.log")"; return 1; }
    echo "[127.0.0.1]:$PSERVER_PORT $(cat "$WORK/phost.pub")" > "$WORK/known_hosts.p"
}

sshc_p() {
    timeout 60 "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts.p" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$PSERVER_PORT" "$@"
}

for hk in rsa ecdsa ed25519; do
    start_pserver $hk || continue
    hkname=$(cut -d' ' -f1 "$WORK/phost.pub")
    out=$(sshc_p x@127.0.0.1 'echo hi; echo oops >&2; exit 3' 2> "$WORK/err"); st=$?
    err=$(cat "$WORK/err")
    [ "$out" = "hi" ] && [ "$err" = "oops" ] && [ $st = 3 ] &&
        pass "sshc->paramiko ($hkname host key): stdout, stderr, exit status 3" ||
        fail "sshc->paramiko ($hkname host key): stdout=[$out] stderr=[$err] status=$st"
    if [ $hk = rsa ]; then
        for alg in rsa-sha2-256 rsa-sha2-512; do
            out=$(sshc_p -o HostKeyAlgorithms=$alg x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
            [ "$out" = "ok-42" ] && pass "sshc->paramiko: host key as $alg" ||
                fail "sshc->paramiko: host key as $alg: $out"
        done
        out=$(echo stdin-data | sshc_p x@127.0.0.1 'cat; echo done' 2>&1)
        [ "$out" = "stdin-data
done" ] && pass "sshc->paramiko: stdin forwarded" || fail "sshc->paramiko: stdin: $out"
        head -c $((16 * 1024 * 1024)) /dev/urandom > "$WORK/blob"
        want=$(sha256sum < "$WORK/blob" | cut -d' ' -f1)
        got=$(sshc_p x@127.0.0.1 sha256sum < "$WORK/blob" 2>&1 | cut -d' ' -f1)
        [ "$got" = "$want" ] && pass "sshc->paramiko: 16 MiB upload intact" ||
            fail "sshc->paramiko: 16 MiB upload: want $want got $got"
        got=$(sshc_p x@127.0.0.1 "cat $WORK/blob" 2>&1 | sha256sum | cut -d' ' -f1)
        [ "$got" = "$want" ] && pass "sshc->paramiko: 16 MiB download intact" ||
            fail "sshc->paramiko: 16 MiB download: want $want got $got"
        for cipher in aes128-ctr aes192-ctr aes256-ctr; do
            out=$(sshc_p -v -o Ciphers=$cipher x@127.0.0.1 'echo ok-$((20+22))' 2> "$WORK/v.log")
            [ "$out" = "ok-42" ] && grep -q "$cipher" "$WORK/v.log" &&
                pass "sshc->paramiko: cipher $cipher" ||
                fail "sshc->paramiko: cipher $cipher: $out $(tail -5 "$WORK/v.log")"
        done
        for kex in curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 \
                   ecdh-sha2-nistp521 diffie-hellman-group16-sha512 diffie-hellman-group14-sha256; do
            out=$(sshc_p -o KexAlgorithms=$kex x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
            [ "$out" = "ok-42" ] && pass "sshc->paramiko: kex $kex" ||
                fail "sshc->paramiko: kex $kex: $out"
        done
        for mac in hmac-sha2-256 hmac-sha2-512 hmac-sha2-256-etm@openssh.com \
                   hmac-sha2-512-etm@openssh.com hmac-sha1; do
            out=$(sshc_p -o Ciphers=aes128-ctr -o MACs=$mac x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
            [ "$out" = "ok-42" ] && pass "sshc->paramiko: mac $mac" ||
                fail "sshc->paramiko: mac $mac: $out"
        done
        out=$(timeout 60 "$SSHC" -i "$WORK/stranger" -o UserKnownHostsFile="$WORK/known_hosts.p" \
            -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$PSERVER_PORT" x@127.0.0.1 true 2>&1); st=$?
        [ $st -ne 0 ] && pass "sshc->paramiko: unknown user key refused (status $st: $out)" ||
            fail "sshc->paramiko: unknown user key accepted"
    fi
    kill "$PSERVER_PID" 2>/dev/null
    wait "$PSERVER_PID" 2>/dev/null
done
finish
