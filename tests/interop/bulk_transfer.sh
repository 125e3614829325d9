#!/bin/bash
# (c) 64 MiB through a channel each way, SHA-256 compared on both ends, for
# sshc->sshd, ssh->sshcd and sshc->sshcd.
. "$(dirname "$0")/lib.sh"
start_sshd
start_sshcd
head -c $((64 * 1024 * 1024)) /dev/urandom > "$WORK/blob"
want=$(sha256sum < "$WORK/blob" | cut -d' ' -f1)

upload() { # label client...
    local label=$1; shift
    got=$("$@" 'sha256sum | cut -d" " -f1' < "$WORK/blob" 2> "$WORK/err")
    [ "$got" = "$want" ] && pass "$label upload 64 MiB" ||
        fail "$label upload: $got != $want; stderr: $(cat "$WORK/err")"
}
download() {
    local label=$1; shift
    got=$("$@" "cat $WORK/blob" 2> "$WORK/err" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$want" ] && pass "$label download 64 MiB" ||
        fail "$label download: $got != $want; stderr: $(cat "$WORK/err")"
}
echo_back() {
    local label=$1; shift
    got=$("$@" 'cat' < "$WORK/blob" 2> "$WORK/err" | sha256sum | cut -d' ' -f1)
    [ "$got" = "$want" ] && pass "$label 64 MiB both ways at once" ||
        fail "$label echo: $got != $want; stderr: $(cat "$WORK/err")"
}

for cipher in aes128-gcm@openssh.com chacha20-poly1305@openssh.com aes256-ctr; do
    upload "sshc->sshd $cipher" sshc_run -p "$SSHD_PORT" -o Ciphers=$cipher $ME@127.0.0.1
    download "sshc->sshd $cipher" sshc_run -p "$SSHD_PORT" -o Ciphers=$cipher $ME@127.0.0.1
    upload "ssh->sshcd $cipher" ssh_run -p "$SSHCD_PORT" -o Ciphers=$cipher tester@127.0.0.1
    download "ssh->sshcd $cipher" ssh_run -p "$SSHCD_PORT" -o Ciphers=$cipher tester@127.0.0.1
done
echo_back "sshc->sshd" sshc_run -p "$SSHD_PORT" $ME@127.0.0.1
echo_back "ssh->sshcd" ssh_run -p "$SSHCD_PORT" tester@127.0.0.1
echo_back "sshc->sshcd" sshc_run -p "$SSHCD_PORT" tester@127.0.0.1
finish
