#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
Known syscalls under the name qt-sysmix (set first): 500 getppid, 50 opens
of a missing file (ENOENT), 30 closes of a bad fd (EBADF), one 200 ms
nanosleep; then, with an argument N, a futex-free 'pause' of N seconds in
read() on a pipe nobody writes.
"""
import ctypes
import os
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.prctl(15, b"qt-sysmix", 0, 0, 0)
for _ in range(500):
    os.getppid()
for _ in range(50):
    try:
        os.open("/nonexistent/qt-sysmix", os.O_RDONLY)
    except FileNotFoundError:
        pass
for _ in range(30):
    try:
        os.close(987)
    except OSError:
        pass
time.sleep(0.2)
if len(sys.argv) > 1:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        time.sleep(float(sys.argv[1]))
        os.write(w, b"x")
        os._exit(0)
    os.read(r, 1)
    os.waitpid(pid, 0)
