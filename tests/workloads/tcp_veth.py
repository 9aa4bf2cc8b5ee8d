#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
One TCP session over a veth pair between two network namespaces: run it in
a fresh one (unshare -n); the server side unshares a second.  Client
10.200.0.1:4444 sends 10000 bytes and half-closes; server 10.200.0.2:5555
reads them to EOF, answers 4321 bytes and closes.  Names: tcp-client,
tcp-server.  Nothing touches the caller's network namespace.
"""
import ctypes
import os
import socket
import subprocess
import sys

CLONE_NEWNET = 0x40000000
PR_SET_NAME = 15
libc = ctypes.CDLL(None, use_errno=True)


def name(n):
    libc.prctl(PR_SET_NAME, n.encode(), 0, 0, 0)


def ip(*args):
    subprocess.run(["ip"] + list(args), check=True)


def server(ready_w, go_r):
    if libc.unshare(CLONE_NEWNET) != 0:
        sys.exit(2)
    os.write(ready_w, b"u")
    os.read(go_r, 1)            # the peer end is here now
    ip("link", "set", "lo", "up")
    ip("addr", "add", "10.200.0.2/24", "dev", "vb")
    ip("link", "set", "vb", "up")
    name("tcp-server")
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.200.0.2", 5555))
    s.listen(1)
    os.write(ready_w, b"l")
    c, _ = s.accept()
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        n += len(b)
    c.sendall(b"y" * 4321)
    c.close()
    s.close()
    sys.exit(0 if n == 10000 else 1)


def main():
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        server(ready_w, go_r)
    os.read(ready_r, 1)         # the child has its own netns
    ip("link", "set", "lo", "up")
    ip("link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", str(pid))
    ip("addr", "add", "10.200.0.1/24", "dev", "va")
    ip("link", "set", "va", "up")
    os.write(go_w, b"g")
    os.read(ready_r, 1)         # listening
    name("tcp-client")
    c = socket.socket()
    c.bind(("10.200.0.1", 4444))
    c.connect(("10.200.0.2", 5555))
    c.sendall(b"x" * 10000)
    c.shutdown(socket.SHUT_WR)
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        n += len(b)
    c.close()
    _, status = os.waitpid(pid, 0)
    sys.exit(0 if n == 4321 and status == 0 else 1)


main()
