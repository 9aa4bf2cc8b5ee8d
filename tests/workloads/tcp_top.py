#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Two TCP connections over a veth pair between two network namespaces: run it
in a fresh one (unshare -n); the server side unshares a second.
 - IPv4: client 10.200.1.1:4441 sends 3000 bytes in three sends and
   half-closes; server 10.200.1.2:6001 first peeks at 100 of them
   (MSG_PEEK, which consumes nothing), reads the 3000, answers 1234.
 - IPv6: client [fd00:200::1]:4442 sends 777, server [fd00:200::2]:6001
   answers 55.
Names: top-client, top-server.  Nothing touches the caller's namespace.
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


def addrs(dev, v4, v6):
    ip("link", "set", "lo", "up")
    ip("addr", "add", v4 + "/24", "dev", dev)
    ip("-6", "addr", "add", v6 + "/64", "dev", dev, "nodad")
    ip("link", "set", dev, "up")


def read_all(c):
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            return n
        n += len(b)


def server(ready_w, go_r):
    if libc.unshare(CLONE_NEWNET) != 0:
        sys.exit(2)
    os.write(ready_w, b"u")
    os.read(go_r, 1)            # the peer end is here now
    addrs("vb", "10.200.1.2", "fd00:200::2")
    name("top-server")
    s4 = socket.socket()
    s4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s4.bind(("10.200.1.2", 6001))
    s4.listen(1)
    s6 = socket.socket(socket.AF_INET6)
    s6.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s6.bind(("fd00:200::2", 6001))
    s6.listen(1)
    os.write(ready_w, b"l")
    c, _ = s4.accept()
    peek = c.recv(100, socket.MSG_PEEK | socket.MSG_WAITALL)
    n = read_all(c)
    c.sendall(b"y" * 1234)
    c.close()
    c, _ = s6.accept()
    m = read_all(c)
    c.sendall(b"z" * 55)
    c.close()
    sys.exit(0 if (len(peek), n, m) == (100, 3000, 777) else 1)


def client(fam, local, remote, chunks):
    c = socket.socket(fam)
    c.bind(local)
    c.connect(remote)
    for k in chunks:
        c.sendall(b"x" * k)
    c.shutdown(socket.SHUT_WR)
    n = read_all(c)
    c.close()
    return n


def main():
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        server(ready_w, go_r)
    os.read(ready_r, 1)         # the child has its own netns
    ip("link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", str(pid))
    addrs("va", "10.200.1.1", "fd00:200::1")
    os.write(go_w, b"g")
    os.read(ready_r, 1)         # listening
    name("top-client")
    a = client(socket.AF_INET, ("10.200.1.1", 4441), ("10.200.1.2", 6001), [1000] * 3)
    b = client(socket.AF_INET6, ("fd00:200::1", 4442), ("fd00:200::2", 6001), [777])
    _, status = os.waitpid(pid, 0)
    sys.exit(0 if (a, b) == (1234, 55) and status == 0 else 1)


main()
