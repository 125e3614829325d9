# Shared set-up for the interop tests: throwaway keys, Debian's OpenSSH sshd
# and our sshcd on free loopback ports, and small assertion helpers.
# Sourced by each test with BUILD (the meson build dir) in the environment.
set -u

fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
pass() { echo "ok   $*"; PASSED=$((PASSED + 1)); }
PASSED=0
FAILED=0
# sshd runs as whoever runs the tests; that user logs in.
ME=$(id -un)

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] ||
            { echo "FAIL: required tool '$tool' is missing (apt-get install openssh-server openssh-client)" >&2; exit 1; }
    done
}

: "${BUILD:?BUILD must name the build directory}"
SSHC="$BUILD/tools/sshc"
SSHCD="$BUILD/tools/sshcd"
SSHC_KEYGEN="$BUILD/tools/sshc-keygen"
SSHD=/usr/sbin/sshd
need ssh ssh-keygen "$SSHD" sha256sum "$SSHC" "$SSHCD"

WORK=$(mktemp -d /tmp/sshc-interop.XXXXXX)
PIDS=""
cleanup() {
    local status=$? server_status=0
    # sshcd must stop cleanly on SIGTERM (under ASan this is where leaks show).
    if [ -n "${SSHCD_PID:-}" ] && kill "$SSHCD_PID" 2>/dev/null; then
        wait "$SSHCD_PID"
        server_status=$?
    fi
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    if [ "$server_status" != 0 ]; then
        echo "FAIL: sshcd exited with status $server_status; its log ends with:" >&2
        tail -30 "$WORK/sshcd.log" >&2
        status=1
    fi
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT

# Throwaway keys: host keys for both servers, a user key, a second (unknown) user key.
ssh-keygen -q -t ed25519 -N '' -C sshd-host -f "$WORK/sshd_host"
ssh-keygen -q -t ed25519 -N '' -C sshcd-host -f "$WORK/sshcd_host"
ssh-keygen -q -t ed25519 -N '' -C user -f "$WORK/user"
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$WORK/stranger"
cp "$WORK/user.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys"

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.05
    done
    echo "FAIL: nothing listens on port $1" >&2
    return 1
}

# Start OpenSSH's sshd; extra lines for sshd_config as arguments.
start_sshd() {
    SSHD_PORT=$(free_port)
    mkdir -p /run/sshd
    cat > "$WORK/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $WORK/sshd_host
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
UsePAM no
StrictModes no
PermitRootLogin yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
LogLevel VERBOSE
CONF
    for line in "$@"; do echo "$line" >> "$WORK/sshd_config"; done
    "$SSHD" -D -e -f "$WORK/sshd_config" 2> "$WORK/sshd.log" &
    PIDS="$PIDS $!"
    wait_port "$SSHD_PORT"
    echo "[127.0.0.1]:$SSHD_PORT $(cat "$WORK/sshd_host.pub")" >> "$WORK/known_hosts"
}

start_sshcd() {
    SSHCD_PORT=$(free_port)
    "$SSHCD" -p "$SSHCD_PORT" -k "$WORK/sshcd_host" -a "$WORK/authorized_keys" "$@" \
        2> "$WORK/sshcd.log" &
    PIDS="$PIDS $!"
    SSHCD_PID=$!
    wait_port "$SSHCD_PORT"
    echo "[127.0.0.1]:$SSHCD_PORT $(cat "$WORK/sshcd_host.pub")" >> "$WORK/known_hosts"
}

# Our client with the throwaway identity and known_hosts.
sshc_run() {
    "$SSHC" -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes "$@"
}

# OpenSSH's client likewise, ignoring the user's own config.
ssh_run() {
    ssh -F none -i "$WORK/user" -o UserKnownHostsFile="$WORK/known_hosts" \
        -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes "$@"
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
