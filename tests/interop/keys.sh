#!/bin/bash
# Every key type both ways: host keys (sshcd with each type, sshd with each
# type), user keys (sshc -i into sshd, ssh -i into sshcd), keys made by
# ssh-keygen and by sshc-keygen, fingerprints against ssh-keygen -l, and
# RSA signature algorithm choice from server-sig-algs (RFC 8332).
. "$(dirname "$0")/lib.sh"
TYPES="ed25519 ecdsa-256 ecdsa-384 ecdsa-521 rsa-2048 rsa-3072"
keygen() { # tool type file
    local tool=$1 t=${2%%-*} b=${2#*-}
    if [ "$t" = ed25519 ]; then "$tool" -q -t ed25519 -N '' -C "$2" -f "$3"
    else "$tool" -q -t "$t" -b "$b" -N '' -C "$2" -f "$3"; fi
}
for t in $TYPES; do
    keygen ssh-keygen "$t" "$WORK/ossh_$t"
    keygen "$SSHC_KEYGEN" "$t" "$WORK/ours_$t" > /dev/null
    cat "$WORK/ossh_$t.pub" "$WORK/ours_$t.pub" >> "$WORK/authorized_keys"
done

# Keys from sshc-keygen are what ssh-keygen expects; fingerprints agree both ways.
for t in $TYPES; do
    a=$(ssh-keygen -y -f "$WORK/ours_$t" | cut -d' ' -f1-2)
    b=$(cut -d' ' -f1-2 "$WORK/ours_$t.pub")
    fa=$(ssh-keygen -l -f "$WORK/ours_$t.pub" | cut -d' ' -f1-2)
    fb=$("$SSHC_KEYGEN" -l -f "$WORK/ossh_$t.pub" | cut -d' ' -f1-2)
    fc=$(ssh-keygen -l -f "$WORK/ossh_$t.pub" | cut -d' ' -f1-2)
    fd=$("$SSHC_KEYGEN" -l -f "$WORK/ours_$t.pub" | cut -d' ' -f1-2)
    [ "$a" = "$b" ] && [ "$fb" = "$fc" ] && [ "$fa" = "$fd" ] &&
        pass "$t: sshc-keygen key read by ssh-keygen -y; fingerprints equal ssh-keygen -l" ||
        fail "$t: [$a] vs [$b]; [$fb] vs [$fc]; [$fa] vs [$fd]"
    y=$("$SSHC_KEYGEN" -y -f "$WORK/ossh_$t" | cut -d' ' -f1-2)
    [ "$y" = "$(cut -d' ' -f1-2 "$WORK/ossh_$t.pub")" ] && pass "$t: sshc-keygen -y reads ssh-keygen's key" ||
        fail "$t: sshc-keygen -y: $y"
done

# sshd with one host key of each type, sshc verifying each.
start_sshd $(for t in ed25519 ecdsa-256 ecdsa-384 ecdsa-521 rsa-3072; do echo "HostKey=$WORK/ossh_$t"; done)
for t in ecdsa-256 ecdsa-384 ecdsa-521 rsa-3072; do
    echo "[127.0.0.1]:$SSHD_PORT $(cat "$WORK/ossh_$t.pub")" >> "$WORK/known_hosts"
done
for alg in ssh-ed25519 ecdsa-sha2-nistp256 ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 rsa-sha2-512 rsa-sha2-256; do
    out=$(sshc_run -v -o HostKeyAlgorithms=$alg -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2> "$WORK/e")
    [ "$out" = ok ] && grep -q "host key $alg" "$WORK/e" && pass "sshc->sshd host key $alg" ||
        fail "sshc->sshd host key $alg: $(grep -v debug1 "$WORK/e")"
done
# User keys of every type, from both generators, into sshd.
for t in $TYPES; do
    for who in ossh ours; do
        out=$("$SSHC" -i "$WORK/${who}_$t" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes \
            -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
        [ "$out" = ok ] && pass "sshc->sshd user key $t ($who)" || fail "sshc->sshd user key $t ($who): $out"
    done
done

# sshcd with each host key type; ssh asks for each algorithm.
for t in ecdsa-256 ecdsa-384 ecdsa-521 rsa-3072; do
    if [ -n "${SSHCD_PID:-}" ]; then kill "$SSHCD_PID"; wait "$SSHCD_PID"; SSHCD_PID=""; fi
    cp "$WORK/ossh_$t" "$WORK/sshcd_host"; cp "$WORK/ossh_$t.pub" "$WORK/sshcd_host.pub"
    start_sshcd
    case $t in rsa-*) algs="rsa-sha2-512 rsa-sha2-256" ;; ecdsa-*) algs="ecdsa-sha2-nistp${t#ecdsa-}" ;; esac
    for alg in $algs; do
        out=$(ssh_run -o HostKeyAlgorithms=$alg -p "$SSHCD_PORT" x@127.0.0.1 echo ok 2>&1)
        [ "$out" = ok ] && pass "ssh->sshcd host key $alg" || fail "ssh->sshcd host key $alg: $out"
    done
done
for t in $TYPES; do
    for who in ossh ours; do
        out=$(ssh -F none -i "$WORK/${who}_$t" -o IdentitiesOnly=yes -o UserKnownHostsFile="$WORK/known_hosts" \
            -o BatchMode=yes -p "$SSHCD_PORT" x@127.0.0.1 echo ok 2>&1)
        [ "$out" = ok ] && pass "ssh->sshcd user key $t ($who)" || fail "ssh->sshcd user key $t ($who): $out"
    done
done

# Key files in every format users have: openssh-key-v1 with and without a
# passphrase (every type), PEM PKCS#1 / SEC1, PKCS#8 plain and encrypted,
# traditional encrypted PEM; each loads in sshc and logs in to sshd.
# Passphrases come through SSH_ASKPASS; BatchMode=yes never asks.
mkdir -p "$WORK/fmt"
F="$WORK/fmt"
for t in ed25519 ecdsa-256 ecdsa-521 rsa-2048; do
    tt=${t%%-*}; bb=${t#*-}; [ "$tt" = ed25519 ] && bb=256
    ssh-keygen -q -t "$tt" -b "$bb" -N 'open sesame' -f "$F/openssh_enc_$t"
done
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f "$F/pkcs1_rsa"
ssh-keygen -q -t ecdsa -b 384 -m PEM -N '' -f "$F/sec1_ecdsa"
ssh-keygen -q -t rsa -b 2048 -m PKCS8 -N '' -f "$F/pkcs8_rsa"
ssh-keygen -q -t ecdsa -b 256 -m PKCS8 -N '' -f "$F/pkcs8_ecdsa"
openssl genpkey -algorithm ed25519 -out "$F/pkcs8_ed25519" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout 'pass:open sesame' -in "$F/pkcs8_rsa" \
    -out "$F/pkcs8enc_rsa" 2>/dev/null
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout 'pass:open sesame' -in "$F/pkcs8_ecdsa" \
    -out "$F/pkcs8enc_ecdsa" 2>/dev/null
openssl rsa -traditional -aes256 -passout 'pass:open sesame' -in "$F/pkcs1_rsa" \
    -out "$F/pemenc_rsa" 2>/dev/null
chmod 600 "$F"/*
printf '#!/bin/sh\necho "open sesame"\n' > "$WORK/askpass_ok"
chmod +x "$WORK/askpass_ok"
for f in "$F"/*; do
    case $f in *.pub) continue ;; esac
    # ssh-keygen does not read PKCS#8 Ed25519 (openssl writes it); ours does.
    ssh-keygen -y -P 'open sesame' -f "$f" >> "$WORK/authorized_keys" 2>/dev/null ||
        ssh-keygen -y -P '' -f "$f" >> "$WORK/authorized_keys" 2>/dev/null ||
        "$SSHC_KEYGEN" -y -f "$f" >> "$WORK/authorized_keys" ||
        fail "no tool reads $(basename "$f")"
done
for f in "$F"/*; do
    case $f in *.pub) continue ;; esac
    out=$(SSH_ASKPASS="$WORK/askpass_ok" SSH_ASKPASS_REQUIRE=force "$SSHC" -i "$f" \
        -o UserKnownHostsFile="$WORK/known_hosts" -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
    [ "$out" = ok ] && pass "key file $(basename "$f") logs in to sshd" ||
        fail "key file $(basename "$f"): $out"
done
out=$(SSH_ASKPASS="$WORK/askpass_ok" SSH_ASKPASS_REQUIRE=force "$SSHC" -i "$F/openssh_enc_ed25519" \
    -o BatchMode=yes -o UserKnownHostsFile="$WORK/known_hosts" -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
[ $? = 255 ] && echo "$out" | grep -q 'passphrase' && pass "BatchMode=yes does not ask for a passphrase" ||
    fail "BatchMode with a protected key: $out"
printf '#!/bin/sh\necho wrong\n' > "$WORK/askpass_bad"
chmod +x "$WORK/askpass_bad"
out=$(SSH_ASKPASS="$WORK/askpass_bad" SSH_ASKPASS_REQUIRE=force "$SSHC" -i "$F/pkcs8enc_rsa" \
    -o UserKnownHostsFile="$WORK/known_hosts" -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
echo "$out" | grep -q "pkcs8enc_rsa: incorrect passphrase" && pass "wrong passphrase named with the file" ||
    fail "wrong passphrase: $out"
printf 'garbage\n' > "$F/garbage"
out=$("$SSHC" -i "$F/garbage" -o BatchMode=yes -o UserKnownHostsFile="$WORK/known_hosts" \
    -p "$SSHD_PORT" $ME@127.0.0.1 echo ok 2>&1)
echo "$out" | grep -q "garbage: " && pass "unusable key file named: $(echo "$out" | head -1)" ||
    fail "garbage key file: $out"

# RFC 8332 / RFC 8308: sshcd accepting only rsa-sha2-256 says so in server-sig-algs; ssh
# then signs with rsa-sha2-256 and gets in, and sshc does the same.
kill "$SSHCD_PID"; wait "$SSHCD_PID"; SSHCD_PID=""
start_sshcd -o PubkeyAcceptedAlgorithms=rsa-sha2-256,ssh-ed25519
out=$(ssh -F none -v -i "$WORK/ossh_rsa-2048" -o IdentitiesOnly=yes -o UserKnownHostsFile="$WORK/known_hosts" \
    -o BatchMode=yes -o HostKeyAlgorithms=rsa-sha2-256 -p "$SSHCD_PORT" x@127.0.0.1 echo ok 2> "$WORK/e")
[ "$out" = ok ] && grep -q 'server-sig-algs=<rsa-sha2-256,ssh-ed25519>' "$WORK/e" &&
    pass "sshcd advertises its accepted list; ssh gets in with rsa-sha2-256" ||
    fail "rsa-sha2-256 with ssh: $out; $(grep -E 'server-sig-algs|denied' "$WORK/e")"
out=$("$SSHC" -i "$WORK/ossh_rsa-2048" -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes \
    -o HostKeyAlgorithms=rsa-sha2-256 -p "$SSHCD_PORT" x@127.0.0.1 echo ok 2>&1)
[ "$out" = ok ] && pass "sshc picks rsa-sha2-256 from server-sig-algs" || fail "sshc rsa-sha2-256: $out"
finish
