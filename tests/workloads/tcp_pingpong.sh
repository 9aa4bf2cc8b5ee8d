#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In a private network namespace (run under unshare -n): N (default 300)
# ping-pongs of 100 bytes over a loopback TCP connection on 127.0.0.1:6002,
# each waited for before the next.  Every packet the loopback device sends
# is received in a NET_RX softirq of its own, so NET_RX runs at least 2N
# times.  With a second argument, appends the loop's seconds to that file.
ip link set lo up || exit 1
exec python3 -c '
import socket, sys, time
n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
l = socket.socket()
l.bind(("127.0.0.1", 6002))
l.listen(1)
c = socket.create_connection(("127.0.0.1", 6002))
s, _ = l.accept()
for k in (c, s):
    k.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
t = time.perf_counter()
for _ in range(n):
    c.sendall(b"p" * 100)
    assert len(s.recv(100)) == 100
    s.sendall(b"q" * 100)
    assert len(c.recv(100)) == 100
if len(sys.argv) > 2:
    open(sys.argv[2], "a").write("%.3f\n" % (time.perf_counter() - t))
' "$@"
