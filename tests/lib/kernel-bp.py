#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Whether this kernel gives a breakpoint on a kernel address to this process:
perf_event_open of an 8-byte write watch at ADDR on CPU 0, as qtrace's
watchpoint probe asks for it.  Prints "allowed" or the errno's name; the
watchpoint tests compare qtrace's answer with this one, because some
hypervisors refuse kernel breakpoints even to root.
"""
import ctypes
import errno
import os
import struct
import sys

PERF_TYPE_BREAKPOINT = 5
HW_BREAKPOINT_W = 2
SYS_perf_event_open = 298   # x86-64

addr = int(sys.argv[1], 16)
attr = bytearray(112)       # PERF_ATTR_SIZE_VER5
struct.pack_into("<IIQQ", attr, 0, PERF_TYPE_BREAKPOINT, len(attr), 0, 1)
struct.pack_into("<Q", attr, 40, 1)             # disabled
struct.pack_into("<IIQQ", attr, 48, 0, HW_BREAKPOINT_W, addr, 8)
libc = ctypes.CDLL(None, use_errno=True)
buf = ctypes.create_string_buffer(bytes(attr), len(attr))
fd = libc.syscall(SYS_perf_event_open, buf, -1, 0, -1, 0)
if fd < 0:
    print(errno.errorcode.get(ctypes.get_errno(), "error"))
else:
    os.close(fd)
    print("allowed")
