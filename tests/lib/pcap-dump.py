#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""pcap-dump.py FILE: the pcap header and, per packet, what a raw-IP (LINKTYPE_RAW)
UDP capture holds: IP version, protocol, total length, UDP length and payload.
For skboutput() tests: timestamps are checked to be within a day of now and
in order, not printed."""
import struct
import sys
import time

with open(sys.argv[1], "rb") as f:
    data = f.read()
magic, major, minor, _, _, snaplen, linktype = struct.unpack_from("<IHHiIII", data, 0)
print("magic %#x version %d.%d snaplen %d linktype %d" % (magic, major, minor, snaplen, linktype))
pos, last, n = 24, 0, 0
while pos < len(data):
    sec, usec, caplen, length = struct.unpack_from("<IIII", data, pos)
    pkt = data[pos + 16:pos + 16 + caplen]
    pos += 16 + caplen
    n += 1
    ts = sec + usec / 1e6
    if abs(ts - time.time()) > 86400 or ts < last or usec >= 1000000:
        print("packet %d: bad timestamp %d.%06d" % (n, sec, usec))
    last = ts
    if len(pkt) != caplen or caplen != length:
        print("packet %d: caplen %d, len %d, %d bytes" % (n, caplen, length, len(pkt)))
        continue
    ver, proto, total = pkt[0] >> 4, pkt[9], struct.unpack_from(">H", pkt, 2)[0]
    ihl = (pkt[0] & 15) * 4
    udp_len = struct.unpack_from(">H", pkt, ihl + 4)[0] if proto == 17 else 0
    print("packet %d: caplen %d ipv%d proto %d total %d udp %d %r" %
          (n, caplen, ver, proto, total, udp_len, pkt[ihl + 8:] if proto == 17 else b""))
print("%d packets" % n)
