#!/usr/bin/python3
"""paramiko as the SSH client against sshcd, one check per invocation.

usage: paramiko_client.py PORT KNOWN_HOSTS KEYFILE CHECK [ARG]
CHECK is one of:
  exec                 echo hello; echo err >&2; exit 5 -> stdout, stderr, status
  upload               16 MiB through `sha256sum`, checksum compared
  cipher NAME          only cipher NAME enabled; negotiated one checked both ways
  mac NAME             only MAC NAME enabled (with aes128-ctr)
  kex NAME             only key exchange NAME enabled
  pubkey NAME          only user-key signature algorithm NAME enabled
  exec-noreply         exec sent with want_reply=false (as dbclient does it),
                       the command must still run: stdout and exit status
Prints one line describing what happened; exit status 0 when the check held.
"""
import hashlib
import os
import time
import sys

import paramiko

T = paramiko.Transport


def others(preferred, keep):
    return [name for name in preferred if name != keep]


def load_key(path):
    with open(path) as f:
        head = f.read(100)
    if "BEGIN RSA PRIVATE KEY" in head:
        return paramiko.RSAKey.from_private_key_file(path)
    if "BEGIN EC PRIVATE KEY" in head:
        return paramiko.ECDSAKey.from_private_key_file(path)
    return paramiko.Ed25519Key.from_private_key_file(path)


def connect(port, known_hosts, keyfile, disabled=None):
    client = paramiko.SSHClient()
    client.load_host_keys(known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect("127.0.0.1", port=port, username="x", pkey=load_key(keyfile),
                   allow_agent=False, look_for_keys=False, timeout=20,
                   banner_timeout=20, auth_timeout=20, disabled_algorithms=disabled)
    return client


def exec_no_reply(chan, command):
    """An exec request with want_reply=false (RFC 4254 allows it)."""
    m = paramiko.Message()
    m.add_byte(paramiko.common.cMSG_CHANNEL_REQUEST)
    m.add_int(chan.remote_chanid)
    m.add_string("exec")
    m.add_boolean(False)
    m.add_string(command)
    chan.transport._send_user_message(m)


def run(client, command, data=None, want_reply=True, limit=60):
    chan = client.get_transport().open_session(timeout=20)
    chan.settimeout(60)
    if want_reply:
        chan.exec_command(command)
    else:
        exec_no_reply(chan, command)
    if data is not None:
        chan.sendall(data)
        chan.shutdown_write()
    out, err = bytearray(), bytearray()
    deadline = time.monotonic() + limit
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("no exit status and EOF within %d s; stdout so far %r, stderr %r"
                               % (limit, bytes(out), bytes(err)))
        got = False
        if chan.recv_ready():
            out += chan.recv(65536)
            got = True
        if chan.recv_stderr_ready():
            err += chan.recv_stderr(65536)
            got = True
        if not got:
            if chan.exit_status_ready() and chan.eof_received:
                # drain anything that raced with EOF
                while chan.recv_ready():
                    out += chan.recv(65536)
                while chan.recv_stderr_ready():
                    err += chan.recv_stderr(65536)
                break
            chan.status_event.wait(0.01)
    status = chan.recv_exit_status()
    chan.close()
    return bytes(out), bytes(err), status


def main():
    port, known_hosts, keyfile, check = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    arg = sys.argv[5] if len(sys.argv) > 5 else None
    disabled = None
    if check == "cipher":
        disabled = {"ciphers": others(T._preferred_ciphers, arg)}
    elif check == "mac":
        disabled = {"ciphers": others(T._preferred_ciphers, "aes128-ctr"),
                    "macs": others(T._preferred_macs, arg)}
    elif check == "kex":
        disabled = {"kex": others(T._preferred_kex, arg)}
    elif check == "pubkey":
        disabled = {"pubkeys": others(T._preferred_pubkeys, arg)}
    client = connect(port, known_hosts, keyfile, disabled)
    t = client.get_transport()
    ok = True
    what = []
    if check == "exec":
        out, err, status = run(client, "echo hello; echo err >&2; exit 5")
        ok = out == b"hello\n" and err == b"err\n" and status == 5
        what.append("stdout=%r stderr=%r status=%d" % (out, err, status))
    elif check == "exec-noreply":
        out, err, status = run(client, "echo hello; exit 4", data=b"", want_reply=False,
                               limit=10)
        ok = out == b"hello\n" and status == 4
        what.append("stdout=%r stderr=%r status=%d" % (out, err, status))
    elif check == "upload":
        data = os.urandom(16 * 1024 * 1024)
        out, err, status = run(client, "sha256sum", data)
        want = hashlib.sha256(data).hexdigest()
        got = out.decode(errors="replace").split(" ")[0]
        ok = got == want and status == 0
        what.append("16 MiB: want %s got %s stderr=%r status=%d" % (want, got, err, status))
    else:
        out, err, status = run(client, "echo ok-$((20+22))")
        ok = out == b"ok-42\n" and status == 0
        what.append("stdout=%r status=%d" % (out, status))
        if check == "cipher":
            ok = ok and t.local_cipher == arg and t.remote_cipher == arg
            what.append("cipher local=%s remote=%s" % (t.local_cipher, t.remote_cipher))
        elif check == "mac":
            ok = ok and t.local_mac == arg and t.remote_mac == arg
            what.append("mac local=%s remote=%s" % (t.local_mac, t.remote_mac))
        elif check == "kex":
            # every other key exchange is disabled, so this one was used
            what.append("kex %s" % arg)
    what.append("host key %s" % t.host_key_type)
    client.close()
    print(" ".join(what))
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # report, never a traceback-only failure
        print("exception %s: %s" % (type(e).__name__, e))
        sys.exit(1)
