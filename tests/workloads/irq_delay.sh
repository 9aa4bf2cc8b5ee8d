#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In a private network namespace (run under unshare -n), as comm irqd-load:
# 100 sleeps of 1 ms (clock_nanosleep: one hrtimer each, expiring in
# hrtimer_wakeup) and 50 ping-pongs over a loopback TCP connection (each
# packet raises NET_RX in this task's context, 100 in all).
ip link set lo up || exit 1
exec python3 -c '
import ctypes, socket, time
ctypes.CDLL(None).prctl(15, b"irqd-load", 0, 0, 0)
for _ in range(100):
    time.sleep(0.001)
l = socket.socket()
l.bind(("127.0.0.1", 6004))
l.listen(1)
c = socket.create_connection(("127.0.0.1", 6004))
s, _ = l.accept()
for k in (c, s):
    k.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
for _ in range(50):
    c.sendall(b"p" * 100)
    assert len(s.recv(100)) == 100
    s.sendall(b"q" * 100)
    assert len(c.recv(100)) == 100
'
