#!/usr/bin/python3
"""A minimal paramiko SSH server for sshc to talk to.

usage: paramiko_server.py PORT HOSTKEY_TYPE AUTHORIZED_PUBKEY HOSTKEY_OUT [ED25519_KEYFILE]
HOSTKEY_TYPE is rsa, ecdsa or ed25519 (ed25519 is loaded from ED25519_KEYFILE,
as paramiko cannot generate one).  The public host key is written, as
"TYPE BASE64", to HOSTKEY_OUT before listening on 127.0.0.1:PORT.
Accepts any user whose public key equals AUTHORIZED_PUBKEY; supports
"session" channels with "exec" requests, run by /bin/sh -c with stdin,
stdout, stderr and the exit status carried over the channel.
"""
import socket
import subprocess
import sys
import threading

import paramiko


class Server(paramiko.ServerInterface):
    def __init__(self, authorized):
        self.authorized = authorized
        self.command = None
        self.exec_event = threading.Event()

    def get_allowed_auths(self, username):
        return "publickey"

    def check_auth_publickey(self, username, key):
        if key.get_name() == self.authorized[0] and key.get_base64() == self.authorized[1]:
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_channel_request(self, kind, chanid):
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    def check_channel_env_request(self, channel, name, value):
        return True

    def check_channel_exec_request(self, channel, command):
        self.command = command
        self.exec_event.set()
        return True


def pump(read, write, close=None):
    try:
        while True:
            data = read(65536)
            if not data:
                break
            write(data)
    except (OSError, EOFError, socket.error):
        pass
    finally:
        if close:
            try:
                close()
            except OSError:
                pass


def serve(conn, host_key, authorized):
    t = paramiko.Transport(conn)
    t.add_server_key(host_key)
    server = Server(authorized)
    try:
        t.start_server(server=server)
    except (paramiko.SSHException, EOFError):
        return
    chan = t.accept(30)
    if chan is None:
        t.close()
        return
    if not server.exec_event.wait(30):
        chan.close()
        t.close()
        return
    proc = subprocess.Popen(["/bin/sh", "-c", server.command], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    tin = threading.Thread(target=pump, args=(chan.recv, proc.stdin.write, proc.stdin.close),
                           daemon=True)
    tout = threading.Thread(target=pump, args=(proc.stdout.read1, chan.sendall))
    terr = threading.Thread(target=pump, args=(proc.stderr.read1, chan.sendall_stderr))
    for th in (tin, tout, terr):
        th.start()
    tout.join()
    terr.join()
    status = proc.wait()
    chan.send_exit_status(status)
    chan.shutdown_write()
    chan.close()
    # let the client close first so the exit status is not lost
    for _ in range(100):
        if not t.is_active():
            break
        t.join(0.05)
    t.close()


def main():
    port, kind, authorized_file, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    if kind == "rsa":
        host_key = paramiko.RSAKey.generate(2048)
    elif kind == "ecdsa":
        host_key = paramiko.ECDSAKey.generate()
    elif kind == "ed25519":
        host_key = paramiko.Ed25519Key.from_private_key_file(sys.argv[5])
    else:
        sys.exit("unknown host key type " + kind)
    with open(authorized_file) as f:
        authorized = f.read().split()[:2]
    with open(out, "w") as f:
        f.write("%s %s\n" % (host_key.get_name(), host_key.get_base64()))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, host_key, authorized), daemon=True).start()


if __name__ == "__main__":
    main()
