#!/usr/bin/env bash
# The quick start's first command: install what is missing, build, and show
# our client talking to our server on loopback.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
[ -f "$top/build/build.ninja" ] || meson setup "$top/build" "$top" >/dev/null
ninja -C "$top/build" >/dev/null
bin="$top/build/tools"
work=$(mktemp -d /tmp/sshcore-demo.XXXXXX)
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT

echo "== generating a host key and a user key with sshc-keygen"
"$bin/sshc-keygen" -q -f "$work/host_key" -C demo-host
"$bin/sshc-keygen" -q -f "$work/id_ed25519" -C demo-user
cp "$work/id_ed25519.pub" "$work/authorized_keys"

echo "== starting sshcd on a free loopback port"
"$bin/sshcd" -p 0 -k "$work/host_key" -a "$work/authorized_keys" 2> "$work/sshcd.log" &
server=$!
for _ in $(seq 1 50); do grep -q 'listening' "$work/sshcd.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/sshcd.log" | head -1)
echo "   $(head -1 "$work/sshcd.log")"

echo "== sshc -p $port demo@127.0.0.1 'uname -sr; echo input: \$(cat); exit 3'"
set +e
echo "hello from stdin" | "$bin/sshc" -v -p "$port" -i "$work/id_ed25519" \
  -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="$work/known_hosts" \
  demo@127.0.0.1 'uname -sr; echo input: $(cat); exit 3' 2> "$work/sshc.err"
status=$?
set -e
sed -n 's/^debug1: \(kex .*\)/   negotiated: \1/p' "$work/sshc.err"
grep -v '^debug1' "$work/sshc.err" | sed 's/^/   /' || true
echo "== remote exit status: $status (expected 3)"
echo "== known_hosts now holds: $(cut -c1-60 "$work/known_hosts")..."
[ "$status" = 3 ]
