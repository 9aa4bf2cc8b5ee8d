#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In a private network namespace (run under unshare -n): a veth whose peer
# is down drops every packet (a static neighbour: no ARP), so a connect to 10.201.0.2:5999 gets no answer and its
# SYN is retransmitted after 1 s; the connect gives up at 1.5 s.
ip link add qtx-a type veth peer name qtx-b &&
	ip addr add 10.201.0.1/24 dev qtx-a && ip link set qtx-a up &&
	ip neigh add 10.201.0.2 lladdr 02:00:00:00:00:02 dev qtx-a nud permanent || exit 1
exec python3 -c '
import socket
s = socket.socket()
s.settimeout(1.5)
try:
    s.connect(("10.201.0.2", 5999))
except OSError:
    pass
'
