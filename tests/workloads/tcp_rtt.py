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
import socket
import subprocess

from vethpair import listener, read_all, run


def server(listening):
    s = listener(("10.200.2.2", 6003))
    listening()
    c, _ = s.accept()
    n = read_all(c)
    c.close()
    return n == 100000


def client():
    c = socket.socket()
    c.connect(("10.200.2.2", 6003))
    c.sendall(b"x" * 100000)
    c.shutdown(socket.SHUT_WR)
    c.recv(1)
    c.close()
    return True


def slow_egress():
    subprocess.run(["tc", "qdisc", "add", "dev", "va", "root", "tbf", "rate", "1mbit",
                    "burst", "1540", "latency", "20ms"], check=True)


run(server, client, ("10.200.2.1",), ("10.200.2.2",), slow_egress)
