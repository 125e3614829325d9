#!/bin/bash
# Every algorithm both sides have, one connection per algorithm varied,
# sshc->sshd and ssh->sshcd; legacy ones enabled by name on both ends.
# Then re-keying: OpenSSH with a small RekeyLimit re-keys several times
# during a 256 MiB transfer with sshcd, and sshc does with sshd.
. "$(dirname "$0")/lib.sh"
LEGACY_KEX="diffie-hellman-group14-sha1,diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1"
LEGACY_CIPHERS="aes128-cbc,aes192-cbc,aes256-cbc,3des-cbc"
start_sshd "KexAlgorithms +$LEGACY_KEX" "Ciphers +$LEGACY_CIPHERS"
start_sshcd -o KexAlgorithms=+$LEGACY_KEX -o Ciphers=+$LEGACY_CIPHERS

both() { # label options...
    local label=$1; shift
    local a b
    a=$(sshc_run -p "$SSHD_PORT" "$@" $ME@127.0.0.1 'echo ok-$((20+22))' 2>&1)
    [ "$a" = "ok-42" ] && pass "sshc->sshd $label" || fail "sshc->sshd $label: $a"
    b=$(ssh_run -p "$SSHCD_PORT" "$@" x@127.0.0.1 'echo ok-$((20+22))' 2>&1)
    [ "$b" = "ok-42" ] && pass "ssh->sshcd $label" || fail "ssh->sshcd $label: $b"
}

for kex in curve25519-sha256 curve25519-sha256@libssh.org ecdh-sha2-nistp256 ecdh-sha2-nistp384 \
           ecdh-sha2-nistp521 diffie-hellman-group14-sha256 diffie-hellman-group16-sha512 \
           diffie-hellman-group18-sha512 diffie-hellman-group14-sha1 diffie-hellman-group1-sha1 \
           diffie-hellman-group-exchange-sha256 diffie-hellman-group-exchange-sha1; do
    both "kex $kex" -o KexAlgorithms=$kex
done
for cipher in chacha20-poly1305@openssh.com aes128-gcm@openssh.com aes256-gcm@openssh.com \
              aes128-ctr aes192-ctr aes256-ctr aes128-cbc aes192-cbc aes256-cbc 3des-cbc; do
    both "cipher $cipher" -o Ciphers=$cipher
done
for mac in umac-64-etm@openssh.com umac-128-etm@openssh.com hmac-sha2-256-etm@openssh.com \
           hmac-sha2-512-etm@openssh.com hmac-sha1-etm@openssh.com umac-64@openssh.com \
           umac-128@openssh.com hmac-sha2-256 hmac-sha2-512 hmac-sha1; do
    both "mac $mac" -o Ciphers=aes128-ctr -o MACs=$mac
done
both "list syntax: Ciphers=^aes256-ctr, MACs=-*etm*" -o Ciphers=^aes256-ctr -o MACs=-*etm*
both "Compression=yes" -o Compression=yes

# Compression: zlib@openssh.com negotiated and 64 MiB of text intact, both ways.
seq 1 8000000 | head -c $((64 * 1024 * 1024)) > "$WORK/text"
want=$(sha256sum < "$WORK/text" | cut -d' ' -f1)
got=$(ssh_run -v -C -p "$SSHCD_PORT" x@127.0.0.1 "cat $WORK/text" 2> "$WORK/c.log" | sha256sum | cut -d' ' -f1)
grep -q 'compression: zlib@openssh.com' "$WORK/c.log" && [ "$got" = "$want" ] &&
    pass "ssh -C -> sshcd: zlib@openssh.com, 64 MiB intact" || fail "ssh -C -> sshcd: $got"
got=$(sshc_run -v -C -p "$SSHD_PORT" $ME@127.0.0.1 'sha256sum' < "$WORK/text" 2> "$WORK/c2.log" | cut -d' ' -f1)
[ "$got" = "$want" ] && grep -q 'compression zlib@openssh.com' "$WORK/c2.log" &&
    pass "sshc -C -> sshd: zlib@openssh.com, 64 MiB intact" || fail "sshc -C -> sshd: $got $(cat "$WORK/c2.log")"

# Re-keying under load, 256 MiB each time.
MIB256=$((256 * 1024 * 1024))
n=$(head -c $MIB256 /dev/zero | ssh_run -v -o RekeyLimit=32M -p "$SSHCD_PORT" x@127.0.0.1 \
    'wc -c' 2> "$WORK/rekey.log")
kexes=$(grep -c 'SSH2_MSG_KEXINIT sent' "$WORK/rekey.log")
[ "$n" = "$MIB256" ] && [ "$kexes" -ge 4 ] &&
    pass "ssh->sshcd: 256 MiB with RekeyLimit=32M, $kexes key exchanges in ssh's log" ||
    fail "ssh->sshcd rekey: got $n bytes, $kexes KEXINITs"
n=$(sshc_run -v -o RekeyLimit=32M -p "$SSHD_PORT" $ME@127.0.0.1 "head -c $MIB256 /dev/zero" \
    2> "$WORK/rekey2.log" | wc -c)
kexes=$(sed -n 's/^debug1: key exchanges: //p' "$WORK/rekey2.log")
[ "$n" = "$MIB256" ] && [ "${kexes:-0}" -ge 4 ] &&
    pass "sshc->sshd: 256 MiB with RekeyLimit=32M, $kexes key exchanges" ||
    fail "sshc->sshd rekey: got $n bytes, ${kexes:-?} key exchanges"
finish
