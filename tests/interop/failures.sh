#!/bin/bash
# (d) A wrong key, a wrong password and an unknown host key under the reject
# policy each fail with exit 255 and a clear one-line reason.
. "$(dirname "$0")/lib.sh"
start_sshd "AuthenticationMethods publickey password"
start_sshcd

expect_255() { # label pattern command...
    local label=$1 pattern=$2; shift 2
    "$@" true > "$WORK/out" 2> "$WORK/err"
    local status=$?
    if [ $status = 255 ] && grep -q -- "$pattern" "$WORK/err"; then
        pass "$label (exit 255: $(grep -- "$pattern" "$WORK/err" | head -1))"
    else
        fail "$label: exit $status, stderr: $(cat "$WORK/err")"
    fi
}

stranger() {
    "$SSHC" -i "$WORK/stranger" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes "$@"
}
expect_255 "wrong key against sshd" "Permission denied" stranger -p "$SSHD_PORT" $ME@127.0.0.1
expect_255 "wrong key against sshcd" "Permission denied" stranger -p "$SSHCD_PORT" x@127.0.0.1

# A wrong password, answered through SSH_ASKPASS as ssh allows.
printf '#!/bin/sh\necho not-the-password\n' > "$WORK/askpass"
chmod +x "$WORK/askpass"
SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force expect_255 "wrong password against sshd" \
    "Permission denied" "$SSHC" -i "$WORK/stranger" -o UserKnownHostsFile="$WORK/known_hosts" \
    -p "$SSHD_PORT" $ME@127.0.0.1
grep -q "Failed password for $ME" "$WORK/sshd.log" && pass "sshd logged the failed password" ||
    fail "sshd did not see a password attempt: $(tail -5 "$WORK/sshd.log")"

: > "$WORK/empty_known_hosts"
expect_255 "unknown host key, StrictHostKeyChecking=yes" "Host key verification failed" \
    "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/empty_known_hosts" \
    -o StrictHostKeyChecking=yes -p "$SSHCD_PORT" x@127.0.0.1
[ ! -s "$WORK/empty_known_hosts" ] && pass "reject policy wrote nothing" || fail "known_hosts was changed"

echo "[127.0.0.1]:$SSHCD_PORT $(cat "$WORK/sshd_host.pub")" > "$WORK/wrong_known_hosts"
expect_255 "changed host key" "CHANGED" \
    "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/wrong_known_hosts" \
    -o StrictHostKeyChecking=accept-new -p "$SSHCD_PORT" x@127.0.0.1

# accept-new adds the key, and the next connection is verified against it.
: > "$WORK/new_known_hosts"
"$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/new_known_hosts" \
    -o StrictHostKeyChecking=accept-new -p "$SSHCD_PORT" x@127.0.0.1 true 2>/dev/null &&
    grep -q "^\[127.0.0.1\]:$SSHCD_PORT ssh-ed25519 " "$WORK/new_known_hosts" &&
    "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/new_known_hosts" \
        -o StrictHostKeyChecking=yes -p "$SSHCD_PORT" x@127.0.0.1 true &&
    pass "accept-new adds [host]:port, then yes accepts it" || fail "accept-new"

# StrictHostKeyChecking=ask (the default): with no terminal the key is refused...
: > "$WORK/ask_known_hosts"
setsid -w "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/ask_known_hosts" \
    -p "$SSHCD_PORT" x@127.0.0.1 true < /dev/null > /dev/null 2> "$WORK/err"
[ $? = 255 ] && grep -q 'Host key verification failed' "$WORK/err" && [ ! -s "$WORK/ask_known_hosts" ] &&
    pass "ask without a terminal refuses" || fail "ask without a terminal: $(cat "$WORK/err")"
# ...and on a terminal, "yes" accepts and records it.
need script
echo yes | script -qec "'$SSHC' -i '$WORK/user' -o UserKnownHostsFile='$WORK/ask_known_hosts' \
    -p $SSHCD_PORT x@127.0.0.1 echo asked-ok" /dev/null > "$WORK/out" 2>&1
grep -q "Are you sure you want to continue connecting" "$WORK/out" && grep -q asked-ok "$WORK/out" &&
    grep -q "^\[127.0.0.1\]:$SSHCD_PORT " "$WORK/ask_known_hosts" &&
    pass "ask on a terminal: yes accepts and adds the key" || fail "ask on a terminal: $(cat "$WORK/out")"

free=$(free_port)
expect_255 "connection refused" "Connection refused" sshc_run -p "$free" x@127.0.0.1
# sshd 9.2 does not offer CBC ciphers by default.
expect_255 "no common cipher" "aes128-cbc" sshc_run -p "$SSHD_PORT" -o Ciphers=aes128-cbc $ME@127.0.0.1
finish
