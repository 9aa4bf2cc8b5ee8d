#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In a private network namespace (run under unshare -n): three connects to
# 127.0.0.1:6005 and two to [::1]:6005, where nobody listens.  Each SYN is
# dropped by the receiving tcp_v4_rcv/tcp_v6_rcv for NO_SOCKET and answered
# with a RST, so each connect fails with ECONNREFUSED at once (no retry).
ip link set lo up || exit 1
exec python3 -c '
import socket
errs = []
for fam, addr, n in ((socket.AF_INET, "127.0.0.1", 3), (socket.AF_INET6, "::1", 2)):
    for _ in range(n):
        s = socket.socket(fam)
        errs.append(s.connect_ex((addr, 6005)))
        s.close()
raise SystemExit(0 if errs == [111] * 5 else 1)
'
