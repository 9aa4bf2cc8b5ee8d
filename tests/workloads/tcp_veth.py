#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
One TCP session over a veth pair between two network namespaces: run it in
a fresh one (unshare -n); the server side unshares a second.  Client
10.200.0.1:4444 sends 10000 bytes and half-closes; server 10.200.0.2:5555
reads them to EOF, answers 4321 bytes and closes.  Names: tcp-client,
tcp-server.  Nothing touches the caller's network namespace.
"""
import socket

from vethpair import listener, name, read_all, run


def server(listening):
    name("tcp-server")
    s = listener(("10.200.0.2", 5555))
    listening()
    c, _ = s.accept()
    n = read_all(c)
    c.sendall(b"y" * 4321)
    c.close()
    s.close()
    return n == 10000


def client():
    name("tcp-client")
    c = socket.socket()
    c.bind(("10.200.0.1", 4444))
    c.connect(("10.200.0.2", 5555))
    c.sendall(b"x" * 10000)
    c.shutdown(socket.SHUT_WR)
    n = read_all(c)
    c.close()
    return n == 4321


run(server, client, ("10.200.0.1",), ("10.200.0.2",))
