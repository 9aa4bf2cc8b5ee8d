#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
# /init of the vmtest guest (tests/vm/run-vm-tests.sh builds the initramfs).
# Runs every test listed in /tests/.run/list and sends its stdout, stderr and
# exit status, base64-framed, to the host over the second serial port; the
# host compares them.  Kernel messages stay on ttyS0.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin NO_COLOR=1 HOME=/root
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf
mount -t tmpfs tmp /tmp
mkdir -p /root
# a host name to read (types-fd-walk opens /etc/hostname)
[ -e /etc/hostname ] || echo qtrace-vm >/etc/hostname
# loopback up: tests connect to 127.0.0.1 and ::1
ip link set lo up 2>/dev/null
# shellcheck disable=SC3045 # busybox ash has ulimit -l and -n
ulimit -l unlimited
# syscount.qt attaches to every syscall tracepoint: more than 1024 files
ulimit -n 65536
# cgroup v2 where the dev machine has it (func-cgroup builds paths there)
mount -t tmpfs cgroup /sys/fs/cgroup && mkdir -p /sys/fs/cgroup/unified &&
	mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified

OUT=/dev/ttyS1
# raw: no CR added to each line by the tty layer
stty -F $OUT raw -echo
exec 3>$OUT

uptime_s() { cut -d. -f1 /proc/uptime; }

# the tests' RUN lines are bash (tests/run-tests.sh): the host's bash when
# the initramfs has it (run-vm-tests.sh's host tools), else busybox sh
SH=sh
[ -x /usr/bin/bash ] && SH=/usr/bin/bash
echo "QT-BEGIN kernel=$(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime)" >&3
while read -r name tmo; do
	echo "QT-TEST-START $name" >&3
	t0=$(uptime_s)
	# NAME.sh cds into the test's directory, like tests/run-tests.sh.
	# sh -c (and bash -c) execs its last command, so SIGINT reaches qtrace itself (a
	# script file would keep sh in between, and sh defers the signal).
	timeout -s INT -k 5 "$tmo" $SH -c "$(cat "/tests/.run/$name.sh")" \
		>/tmp/stdout 2>/tmp/stderr </dev/null 3>&-
	rc=$?
	t1=$(uptime_s)
	# busybox timeout passes on the killed program's status (130/137):
	# a signal death at the deadline counts as a timeout
	to=0
	[ $rc -ge 128 ] && [ $((t1 - t0)) -ge "$tmo" ] && to=1
	echo "QT-STDOUT" >&3
	base64 /tmp/stdout >&3
	echo "QT-STDERR" >&3
	base64 /tmp/stderr >&3
	echo "QT-TEST-END $name rc=$rc timedout=$to secs=$((t1 - t0)) limit=$tmo" >&3
done </tests/.run/list
echo "QT-DONE uptime=$(cut -d' ' -f1 /proc/uptime)" >&3
exec 3>&-
# qemu exits with (0 << 1) | 1 = 1: the guest finished its list
/bin/qexit 0
poweroff -f
