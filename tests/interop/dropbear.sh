#!/bin/bash
# Interop with Dropbear (Debian's dropbear-bin): dropbear as the server with
# ed25519, ECDSA and RSA host keys and sshc as its client (exit status,
# stdout/stderr, stdin, 16 MiB each way, every cipher, MAC, key exchange and
# host key algorithm we share, compression, user key types, refusals); then
# dbclient, Dropbear's client, against sshcd.
#
# Dropbear has no AuthorizedKeysFile option: it reads ~/.ssh/authorized_keys
# of the login user from the passwd database.  The test logs in as the user
# running it, appends its throwaway keys to that file and restores the
# original (or removes what it created) on exit, even on failure.
. "$(dirname "$0")/lib.sh"
for tool in dropbear dropbearkey dropbearconvert dbclient; do
    command -v $tool > /dev/null || { echo "FAIL: $tool missing (apt-get install dropbear-bin)" >&2; exit 1; }
done
echo "$(dropbear -V 2>&1 | head -1)"

# --- the login user's authorized_keys, restored on exit --------------------------
LOGIN_USER=$(id -un)
LOGIN_HOME=$(getent passwd "$LOGIN_USER" | cut -d: -f6)
AK_DIR=$LOGIN_HOME/.ssh
AK=$AK_DIR/authorized_keys
AK_DIR_CREATED=no
AK_EXISTED=no
AK_BACKUP=$(mktemp /tmp/sshc-dropbear-ak.XXXXXX)
if [ -e "$AK" ] || [ -L "$AK" ]; then
    cp -p "$AK" "$AK_BACKUP" || { echo "FAIL: cannot back up $AK" >&2; exit 1; }
    AK_EXISTED=yes
fi
restore_authorized_keys() {
    local status=$?
    if [ "$AK_EXISTED" = yes ]; then
        cp -p "$AK_BACKUP" "$AK" && rm -f "$AK_BACKUP" ||
            { echo "FAIL: could not restore $AK; the original is in $AK_BACKUP" >&2; status=1; }
    else
        rm -f "$AK" "$AK_BACKUP"
        [ "$AK_DIR_CREATED" = yes ] && rmdir "$AK_DIR" 2>/dev/null
    fi
    (exit $status)
    cleanup
}
trap restore_authorized_keys EXIT
trap 'exit 130' INT TERM HUP
if [ ! -d "$AK_DIR" ]; then
    mkdir -m 700 "$AK_DIR" && AK_DIR_CREATED=yes
fi

ssh-keygen -q -t rsa -b 2048 -N '' -C rsa-user -f "$WORK/rsa_user"
ssh-keygen -q -t ecdsa -b 256 -N '' -C ecdsa-user -f "$WORK/ecdsa_user"
{ cat "$AK_BACKUP" 2>/dev/null; cat "$WORK/user.pub" "$WORK/rsa_user.pub" "$WORK/ecdsa_user.pub"; } > "$AK.new"
chmod 600 "$AK.new" && mv "$AK.new" "$AK"

# --- dropbear as the server ------------------------------------------------------
# Dropbear takes at most four host keys: one server with ed25519, RSA,
# ECDSA P-256 and P-384, a second one (started later) with ECDSA P-521.
for spec in ed25519 rsa:2048 ecdsa:256 ecdsa:384 ecdsa:521; do
    t=${spec%%:*} bits=${spec#*:}
    f="$WORK/db_host_$t${bits#$t}"
    if [ "$t" = "$spec" ]; then dropbearkey -t "$t" -f "$f" > /dev/null 2>&1
    else dropbearkey -t "$t" -s "$bits" -f "$f" > /dev/null 2>&1; fi ||
        fail "dropbearkey -t $t -s $bits failed"
done
start_dropbear() { # host key files...; sets DB_PORT and DB_PID
    local args=() f
    DB_PORT=$(free_port)
    for f in "$@"; do
        args+=(-r "$f")
        echo "[127.0.0.1]:$DB_PORT $(dropbearkey -y -f "$f" | grep -E '^(ssh|ecdsa)-' | cut -d' ' -f1,2)" \
            >> "$WORK/known_hosts"
    done
    dropbear -F -E -s -m -p "127.0.0.1:$DB_PORT" -P "$WORK/dropbear.pid" "${args[@]}" \
        2>> "$WORK/dropbear.log" &
    DB_PID=$!
    PIDS="$PIDS $DB_PID"
    wait_port "$DB_PORT" || { fail "dropbear did not start: $(tail -3 "$WORK/dropbear.log")"; finish; exit 1; }
}
start_dropbear "$WORK/db_host_ed25519" "$WORK/db_host_rsa2048" "$WORK/db_host_ecdsa256" "$WORK/db_host_ecdsa384"

sshc_db() {
    timeout 60 "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$DB_PORT" "$@"
}

out=$(sshc_db "$LOGIN_USER@127.0.0.1" 'echo hi; echo oops >&2; exit 3' 2> "$WORK/err"); st=$?
err=$(cat "$WORK/err")
[ "$out" = hi ] && [ "$err" = oops ] && [ $st = 3 ] &&
    pass "sshc->dropbear: stdout, stderr, exit status 3" ||
    fail "sshc->dropbear: stdout=[$out] stderr=[$err] status=$st; dropbear log: $(tail -5 "$WORK/dropbear.log")"
sshc_db "$LOGIN_USER@127.0.0.1" 'exit 0' && pass "sshc->dropbear: exit status 0" ||
    fail "sshc->dropbear: exit 0 gave status $?"
out=$(sshc_db "$LOGIN_USER@127.0.0.1" 'kill -TERM $$' 2>&1); st=$?
[ $st -ne 0 ] && pass "sshc->dropbear: command killed by a signal: status $st ($out)" ||
    fail "sshc->dropbear: command killed by a signal gave status 0"
out=$(printf 'line1\nline2\n' | sshc_db "$LOGIN_USER@127.0.0.1" 'cat; echo done' 2>&1)
[ "$out" = "line1
line2
done" ] && pass "sshc->dropbear: stdin forwarded, EOF seen" || fail "sshc->dropbear: stdin: [$out]"

head -c $((16 * 1024 * 1024)) /dev/urandom > "$WORK/blob"
want=$(sha256sum < "$WORK/blob" | cut -d' ' -f1)
got=$(sshc_db "$LOGIN_USER@127.0.0.1" sha256sum < "$WORK/blob" 2>&1 | cut -d' ' -f1)
[ "$got" = "$want" ] && pass "sshc->dropbear: 16 MiB upload intact" ||
    fail "sshc->dropbear: 16 MiB upload: want $want got $got"
got=$(sshc_db "$LOGIN_USER@127.0.0.1" "cat $WORK/blob" 2> "$WORK/err" | sha256sum | cut -d' ' -f1)
[ "$got" = "$want" ] && pass "sshc->dropbear: 16 MiB download intact" ||
    fail "sshc->dropbear: 16 MiB download: want $want got $got $(cat "$WORK/err")"

# One connection per algorithm, the negotiated one read from sshc -v.
db_alg() { # label pattern-in-debug-line options...
    local label=$1 pattern=$2; shift 2
    local out
    out=$(sshc_db -v "$@" "$LOGIN_USER@127.0.0.1" 'echo ok-$((20+22))' 2> "$WORK/v.log")
    [ "$out" = ok-42 ] && grep -q "^debug1: .*$pattern" "$WORK/v.log" &&
        pass "sshc->dropbear: $label" ||
        fail "sshc->dropbear: $label: [$out] $(grep -v '^debug1: \(offering\|key exch\)' "$WORK/v.log" | tail -5)"
}
for cipher in chacha20-poly1305@openssh.com aes128-ctr aes256-ctr; do
    db_alg "cipher $cipher" "cipher $cipher," -o Ciphers=$cipher
done
for mac in hmac-sha2-256 hmac-sha1; do
    db_alg "mac $mac" "mac $mac," -o Ciphers=aes128-ctr -o MACs=$mac
done
for kex in curve25519-sha256 curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 \
           ecdh-sha2-nistp521 diffie-hellman-group14-sha256 diffie-hellman-group14-sha1; do
    db_alg "kex $kex" "kex $kex," -o KexAlgorithms=$kex
done
for alg in ssh-ed25519 ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 rsa-sha2-256; do
    db_alg "host key $alg" "host key $alg," -o HostKeyAlgorithms=$alg
done
db_alg "compression zlib@openssh.com" "compression zlib@openssh.com" -C

# Compressed 16 MiB of text both ways.
seq 1 3000000 | head -c $((16 * 1024 * 1024)) > "$WORK/text"
twant=$(sha256sum < "$WORK/text" | cut -d' ' -f1)
got=$(sshc_db -C "$LOGIN_USER@127.0.0.1" sha256sum < "$WORK/text" 2>&1 | cut -d' ' -f1)
[ "$got" = "$twant" ] && pass "sshc -C ->dropbear: 16 MiB text upload intact" ||
    fail "sshc -C ->dropbear: upload: want $twant got $got"
got=$(sshc_db -C "$LOGIN_USER@127.0.0.1" "cat $WORK/text" 2>/dev/null | sha256sum | cut -d' ' -f1)
[ "$got" = "$twant" ] && pass "sshc -C ->dropbear: 16 MiB text download intact" ||
    fail "sshc -C ->dropbear: download: want $twant got $got"

# User keys: RSA (dropbear verifies rsa-sha2-256 and ssh-rsa) and ECDSA.
for key in rsa_user ecdsa_user; do
    out=$(timeout 60 "$SSHC" -i "$WORK/$key" -o UserKnownHostsFile="$WORK/known_hosts" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$DB_PORT" "$LOGIN_USER@127.0.0.1" \
        'echo ok-$((20+22))' 2>&1)
    [ "$out" = ok-42 ] && pass "sshc->dropbear: user key $key" ||
        fail "sshc->dropbear: user key $key: $out; dropbear log: $(tail -3 "$WORK/dropbear.log")"
done

# Refusals: an unknown user key, and a host key that is not the known one.
out=$(timeout 60 "$SSHC" -i "$WORK/stranger" -o UserKnownHostsFile="$WORK/known_hosts" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$DB_PORT" "$LOGIN_USER@127.0.0.1" true 2>&1); st=$?
[ $st -ne 0 ] && echo "$out" | grep -qi 'denied' &&
    pass "sshc->dropbear: unknown user key refused ($out)" ||
    fail "sshc->dropbear: unknown user key: status $st: $out"
echo "[127.0.0.1]:$DB_PORT $(cut -d' ' -f1,2 "$WORK/stranger.pub")" > "$WORK/known_hosts.wrong"
out=$(timeout 60 "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts.wrong" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes -p "$DB_PORT" "$LOGIN_USER@127.0.0.1" \
    'echo SHOULD-NOT-RUN' 2>&1); st=$?
[ $st -ne 0 ] && ! echo "$out" | grep -q SHOULD-NOT-RUN &&
    pass "sshc->dropbear: wrong host key refused ($out)" ||
    fail "sshc->dropbear: wrong host key: status $st: $out"

MAIN_DB_PORT=$DB_PORT MAIN_DB_PID=$DB_PID
start_dropbear "$WORK/db_host_ecdsa521"
db_alg "host key ecdsa-sha2-nistp521" "host key ecdsa-sha2-nistp521," -o HostKeyAlgorithms=ecdsa-sha2-nistp521
kill "$DB_PID"; wait "$DB_PID" 2>/dev/null
DB_PORT=$MAIN_DB_PORT DB_PID=$MAIN_DB_PID

# --- dbclient, Dropbear's client, against sshcd ----------------------------------
start_sshcd
mkdir -p "$WORK/dbhome/.ssh"
# dbclient looks hosts up by name alone, without the port.
echo "127.0.0.1 $(cut -d' ' -f1,2 "$WORK/sshcd_host.pub")" > "$WORK/dbhome/.ssh/known_hosts"
dropbearconvert openssh dropbear "$WORK/user" "$WORK/user.db" > /dev/null 2>&1 ||
    fail "dropbearconvert of the ed25519 user key"
dropbearconvert openssh dropbear "$WORK/rsa_user" "$WORK/rsa_user.db" > /dev/null 2>&1 ||
    fail "dropbearconvert of the RSA user key"
cat "$WORK/rsa_user.pub" "$WORK/ecdsa_user.pub" >> "$WORK/authorized_keys"
# No -y: the host key must be found in $HOME/.ssh/known_hosts, else dbclient
# fails; setsid leaves it no terminal to ask on, so it cannot hang on a prompt.
# Short time limits keep the script under two minutes should dbclient hang.
DBC_LIMIT=5
dbc() { # key options... -- command
    local key=$1; shift
    HOME="$WORK/dbhome" timeout $DBC_LIMIT setsid -w dbclient -T -i "$key" -p "$SSHCD_PORT" "$@" < /dev/null
}
dbc_in() {
    local key=$1; shift
    HOME="$WORK/dbhome" timeout $DBC_LIMIT setsid -w dbclient -T -i "$key" -p "$SSHCD_PORT" "$@"
}

out=$(dbc "$WORK/user.db" x@127.0.0.1 'echo hi; echo oops >&2; exit 3' 2> "$WORK/err"); st=$?
err=$(cat "$WORK/err")
[ "$out" = hi ] && [ "$err" = oops ] && [ $st = 3 ] &&
    pass "dbclient->sshcd: stdout, stderr, exit status 3" ||
    fail "dbclient->sshcd: stdout=[$out] stderr=[$err] status=$st (124: timed out; dbclient sends
      exec with want_reply=false, which sshcd must still run)"
out=$(dbc "$WORK/rsa_user.db" x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
[ "$out" = ok-42 ] && pass "dbclient->sshcd: RSA user key" || fail "dbclient->sshcd: RSA user key: $out"
out=$(printf 'line1\nline2\n' | dbc_in "$WORK/user.db" x@127.0.0.1 'cat; echo done' 2>&1)
[ "$out" = "line1
line2
done" ] && pass "dbclient->sshcd: stdin forwarded, EOF seen" || fail "dbclient->sshcd: stdin: [$out]"
DBC_LIMIT=15
got=$(dbc_in "$WORK/user.db" x@127.0.0.1 sha256sum < "$WORK/blob" 2>&1 | cut -d' ' -f1)
[ "$got" = "$want" ] && pass "dbclient->sshcd: 16 MiB upload intact" ||
    fail "dbclient->sshcd: 16 MiB upload: want $want got $got"
got=$(dbc "$WORK/user.db" x@127.0.0.1 "cat $WORK/blob" 2> "$WORK/err" | sha256sum | cut -d' ' -f1)
[ "$got" = "$want" ] && pass "dbclient->sshcd: 16 MiB download intact" ||
    fail "dbclient->sshcd: 16 MiB download: want $want got $got $(cat "$WORK/err")"
DBC_LIMIT=5
for cipher in chacha20-poly1305@openssh.com aes128-ctr aes256-ctr; do
    out=$(dbc "$WORK/user.db" -c $cipher x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
    [ "$out" = ok-42 ] && pass "dbclient->sshcd: cipher $cipher" || fail "dbclient->sshcd: cipher $cipher: $out"
done
for mac in hmac-sha2-256 hmac-sha1; do
    out=$(dbc "$WORK/user.db" -c aes128-ctr -m $mac x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
    [ "$out" = ok-42 ] && pass "dbclient->sshcd: mac $mac" || fail "dbclient->sshcd: mac $mac: $out"
done
echo "127.0.0.1 $(cut -d' ' -f1,2 "$WORK/stranger.pub")" > "$WORK/dbhome/.ssh/known_hosts"
out=$(dbc "$WORK/user.db" x@127.0.0.1 'echo SHOULD-NOT-RUN' 2>&1); st=$?
[ $st -ne 0 ] && ! echo "$out" | grep -q SHOULD-NOT-RUN &&
    pass "dbclient->sshcd: mismatching host key refused by dbclient" ||
    fail "dbclient->sshcd: mismatching host key: status $st: $out"
finish
