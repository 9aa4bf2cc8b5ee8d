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
import socket

from vethpair import listener, name, read_all, run


def server(listening):
    name("top-server")
    s4 = listener(("10.200.1.2", 6001))
    s6 = listener(("fd00:200::2", 6001), socket.AF_INET6)
    listening()
    c, _ = s4.accept()
    peek = c.recv(100, socket.MSG_PEEK | socket.MSG_WAITALL)
    n = read_all(c)
    c.sendall(b"y" * 1234)
    c.close()
    c, _ = s6.accept()
    m = read_all(c)
    c.sendall(b"z" * 55)
    c.close()
    return (len(peek), n, m) == (100, 3000, 777)


def connect(fam, local, remote, chunks):
    c = socket.socket(fam)
    c.bind(local)
    c.connect(remote)
    for k in chunks:
        c.sendall(b"x" * k)
    c.shutdown(socket.SHUT_WR)
    n = read_all(c)
    c.close()
    return n


def client():
    name("top-client")
    a = connect(socket.AF_INET, ("10.200.1.1", 4441), ("10.200.1.2", 6001), [1000] * 3)
    b = connect(socket.AF_INET6, ("fd00:200::1", 4442), ("fd00:200::2", 6001), [777])
    return (a, b) == (1234, 55)


run(server, client, ("10.200.1.1", "fd00:200::1"), ("10.200.1.2", "fd00:200::2"))
