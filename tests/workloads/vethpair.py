# SPDX-License-Identifier: GPL-2.0
"""
The network plumbing of the TCP workloads: a veth pair (va here, vb in a
second network namespace that a forked server unshares), so that a session
crosses a real device and nothing touches the caller's namespace (run the
workload itself in a fresh one: unshare -n).  The workloads import it from
their own directory.
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


def addrs(dev, v4, v6=None):
    ip("link", "set", "lo", "up")
    ip("addr", "add", v4 + "/24", "dev", dev)
    if v6:
        ip("-6", "addr", "add", v6 + "/64", "dev", dev, "nodad")
    ip("link", "set", dev, "up")


def read_all(c):
    n = 0
    while True:
        b = c.recv(65536)
        if not b:
            return n
        n += len(b)


def listener(addr, fam=socket.AF_INET):
    s = socket.socket(fam)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(addr)
    s.listen(1)
    return s


def run(server, client, here, there, client_setup=None):
    """Fork the server into its own namespace, join the two with the veth
    pair, address va with `here` and vb with `there` ((v4, v6-or-None)),
    run client_setup() (a qdisc, say), then server(listening) on vb's side,
    which calls listening() once its sockets listen, and client() here.
    Exits 0 when both return true."""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        if libc.unshare(CLONE_NEWNET) != 0:
            os._exit(2)
        os.write(ready_w, b"u")
        os.read(go_r, 1)            # the peer end is here now
        addrs("vb", *there)
        ok = server(lambda: os.write(ready_w, b"l"))
        sys.exit(0 if ok else 1)
    os.read(ready_r, 1)             # the child has its own netns
    ip("link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", str(pid))
    addrs("va", *here)
    if client_setup:
        client_setup()
    os.write(go_w, b"g")
    os.read(ready_r, 1)             # listening
    ok = client()
    _, status = os.waitpid(pid, 0)
    sys.exit(0 if ok and status == 0 else 1)
