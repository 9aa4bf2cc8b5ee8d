#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In a private network namespace (run under unshare -n):
#  - three connects to 127.0.0.1:6005 and two to [::1]:6005, where nobody
#    listens.  Each SYN is dropped by the receiving tcp_v4_rcv/tcp_v6_rcv
#    for NO_SOCKET (no socket: state '-') and answered with a RST, so each
#    connect fails with ECONNREFUSED at once (no retry);
#  - then one connect to 10.202.0.2:6005 out of a veth whose peer is down (a
#    static neighbour: no ARP), given up after 2.5 s: its SYN and the
#    retransmit 1 s later are dropped on the way out (QDISC_DROP in
#    __dev_queue_xmit, the device has no queue), the socket in SYN_SENT.
ip link set lo up &&
	ip link add qtd-a type veth peer name qtd-b &&
	ip addr add 10.202.0.1/24 dev qtd-a && ip link set qtd-a up &&
	ip neigh add 10.202.0.2 lladdr 02:00:00:00:00:02 dev qtd-a nud permanent || exit 1
exec python3 -c '
import socket
errs = []
for fam, addr, n in ((socket.AF_INET, "127.0.0.1", 3), (socket.AF_INET6, "::1", 2)):
    for _ in range(n):
        s = socket.socket(fam)
        errs.append(s.connect_ex((addr, 6005)))
        s.close()
s = socket.socket()
s.settimeout(2.5)
try:
    s.connect(("10.202.0.2", 6005))
except OSError:
    pass
raise SystemExit(0 if errs == [111] * 5 else 1)
'
