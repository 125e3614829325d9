#!/bin/bash
# ssh-dss host keys (RFC 4253 §6.6), verify only and off by default: sshc
# verifies an old server's DSA host key when HostKeyAlgorithms names ssh-dss,
# and never negotiates it otherwise. OpenSSH 9.2's sshd still serves DSA
# host keys when told to (HostKeyAlgorithms +ssh-dss).
. "$(dirname "$0")/lib.sh"

# The DSA host key; ssh-keygen failing to make one is a failure, not a skip.
ssh-keygen -q -t dsa -N '' -C dsa-host -f "$WORK/dsa_host" ||
    { echo "FAIL: ssh-keygen cannot make DSA keys" >&2; exit 1; }
ssh-keygen -q -t dsa -N '' -C other-dsa -f "$WORK/other_dsa"

# sshd with its ed25519 host key and the DSA one.
start_sshd "HostKey $WORK/dsa_host" "HostKeyAlgorithms +ssh-dss"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$WORK/dsa_host.pub")" >> "$WORK/known_hosts"

out=$("$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o HostKeyAlgorithms=ssh-dss -v -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2> "$WORK/e")
[ "$out" = ok ] && grep -q "host key ssh-dss" "$WORK/e" && pass "sshc->sshd host key ssh-dss verified" ||
    fail "sshc->sshd host key ssh-dss: [$out] $(grep -v debug1 "$WORK/e")"

# Without ssh-dss named, the default list picks ed25519 from the same server.
out=$(sshc_run -v -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2> "$WORK/e")
[ "$out" = ok ] && grep -q "host key ssh-ed25519" "$WORK/e" && ! grep -q "host key ssh-dss" "$WORK/e" &&
    pass "default host key list does not pick ssh-dss" ||
    fail "default list against a DSA-capable sshd: [$out] $(grep 'host key' "$WORK/e")"

# A different DSA key in known_hosts: the host key is refused, and the
# fingerprint sshc reports for the server's key is ssh-keygen's.
fp=$(ssh-keygen -l -f "$WORK/dsa_host.pub" | cut -d' ' -f2)
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$WORK/other_dsa.pub")" > "$WORK/known_hosts_other"
out=$("$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts_other" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o HostKeyAlgorithms=ssh-dss -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
st=$?
[ $st = 255 ] && [ "$out" != ok ] && echo "$out" | grep -qF "$fp" &&
    pass "another DSA key in known_hosts is refused: $(echo "$out" | head -1)" ||
    fail "wrong DSA known_hosts entry: status $st: $out"

# A second sshd with only the DSA host key.
SSHD2_PORT=$(free_port)
grep -v -e "^Port " -e "^HostKey " -e "^PidFile " "$WORK/sshd_config" > "$WORK/sshd2_config"
cat >> "$WORK/sshd2_config" <<CONF
Port $SSHD2_PORT
HostKey $WORK/dsa_host
PidFile $WORK/sshd2.pid
CONF
"$SSHD" -D -e -f "$WORK/sshd2_config" 2> "$WORK/sshd2.log" &
PIDS="$PIDS $!"
wait_port "$SSHD2_PORT"
echo "[127.0.0.1]:$SSHD2_PORT $(cut -d' ' -f1-2 "$WORK/dsa_host.pub")" >> "$WORK/known_hosts"

out=$(sshc_run -p "$SSHD2_PORT" $ME@127.0.0.1 echo ok 2>&1)
st=$?
[ $st = 255 ] && echo "$out" | grep -q "no common host key" &&
    pass "DSA-only sshd without ssh-dss named: no common host key (exit 255)" ||
    fail "DSA-only sshd, default list: status $st: $out"

# Naming it (appended to the default list) reaches the DSA-only server.
out=$(sshc_run -v -o HostKeyAlgorithms=+ssh-dss -p "$SSHD2_PORT" $ME@127.0.0.1 echo ok 2> "$WORK/e")
[ "$out" = ok ] && grep -q "host key ssh-dss" "$WORK/e" && pass "HostKeyAlgorithms=+ssh-dss reaches a DSA-only sshd" ||
    fail "+ssh-dss against DSA-only sshd: [$out] $(grep -v debug1 "$WORK/e")"

# sshc never uses a DSA private key: the identity file is refused, not tried.
out=$("$SSHC" -i "$WORK/other_dsa" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes \
    -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
[ "$out" != ok ] && echo "$out" | grep -q "other_dsa" && pass "DSA identity file refused: $(echo "$out" | head -1)" ||
    fail "DSA identity file: $out"
finish
