#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
A TCP transfer whose round trip the workload sets: over a veth pair between
two network namespaces (run it in a fresh one, unshare -n; the server
unshares a second), the client's egress is a tbf qdisc of 1 Mbit/s with a
1540-byte bucket and 20 ms of queue.  A full segment (about 1500 bytes on
the wire) takes 12 ms to leave, and at most about 4 KB wait: once the
transfer runs, each data segment's round trip is 12 to about 45 ms (the
handshake's, of small packets, is below 1 ms).  Client 10.200.2.1 sends
100000 bytes to server 10.200.2.2:6003.
"""
import ctypes
import os
import socket
import subprocess
import sys

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def ip(*args):
    subprocess.run(["ip"] + list(args), check=True)


def server(ready_w, go_r):
    if libc.unshare(CLONE_NEWNET) != 0:
        sys.exit(2)
    os.write(ready_w, b"u")
    os.read(go_r, 1)            # the peer end is here now
    ip("link", "set", "lo", "up")
    ip("addr", "add", "10.200.2.2/24", "dev", "vb")
    ip("link", "set", "vb", "up")
    s = socket.socket()
    s.bind(("10.200.2.2", 6003))
    s.listen(1)
    os.write(ready_w, b"l")
    c, _ = s.accept()
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        n += len(b)
    c.close()
    sys.exit(0 if n == 100000 else 1)


def main():
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        server(ready_w, go_r)
    os.read(ready_r, 1)         # the child has its own netns
    ip("link", "set", "lo", "up")
    ip("link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", str(pid))
    ip("addr", "add", "10.200.2.1/24", "dev", "va")
    ip("link", "set", "va", "up")
    subprocess.run(["tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit",
                    "burst", "1540", "latency", "20ms"], check=True)
    os.write(go_w, b"g")
    os.read(ready_r, 1)         # listening
    c = socket.socket()
    c.connect(("10.200.2.2", 6003))
    c.sendall(b"x" * 100000)
    c.shutdown(socket.SHUT_WR)
    c.recv(1)
    c.close()
    _, status = os.waitpid(pid, 0)
    sys.exit(0 if status == 0 else 1)


main()
