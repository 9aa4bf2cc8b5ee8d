#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Set up a fresh Debian 12 machine for qtrace, as root: install the build
# dependencies, mount tracefs, and build ./qtrace in the source tree.
# Safe to run again: it only does what is missing.
set -eu
cd "$(dirname "$0")/.."

# /dev/null must be the null device.  On a machine where it was deleted,
# every ">/dev/null" made it a regular file that grows with all that is
# thrown away (seen on a test machine): the tests that read it (stdin of
# workloads, the kernel matrix's tool probe) then read gigabytes.
if [ ! -c /dev/null ]; then
	echo "setup: /dev/null is not the null device; making it again (mknod c 1 3)"
	rm -f /dev/null && mknod -m 666 /dev/null c 1 3
fi

PKGS="build-essential autoconf automake libtool pkg-config flex bison
llvm-19-dev libbpf-dev libelf-dev libdw-dev zlib1g-dev libzstd-dev linux-libc-dev
systemtap-sdt-dev"
# make fuzz: libFuzzer and the sanitizer runtimes of clang 19.
PKGS="$PKGS clang-19 libclang-rt-19-dev"
# The privilege tests drop capabilities with capsh.
PKGS="$PKGS libcap2-bin"
# The stacks tests count file opens with strace, read --pprof files with
# go tool pprof and render --flamegraph SVGs in headless Chromium.
PKGS="$PKGS strace golang-go chromium"
# The kernel-matrix tests boot Debian kernels under QEMU (tests/vm).
PKGS="$PKGS qemu-system-x86 busybox-static cpio"
# --metrics is served by libmicrohttpd; its test scrapes qtrace with Prometheus.
PKGS="$PKGS libmicrohttpd-dev prometheus"
# The soak (tests/soak/run.sh) loads every CPU with stress-ng; the teardown tests list programs with bpftool.
PKGS="$PKGS stress-ng bpftool"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi

# tracefs holds the tracepoint formats; qtrace mounts it too, as perf does.
if [ -d /sys/kernel/tracing ] && ! mountpoint -q /sys/kernel/tracing; then
	mount -t tracefs nodev /sys/kernel/tracing || echo "setup: warning: cannot mount tracefs"
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
[ -f Makefile ] && [ Makefile -nt configure ] || ./configure -q
make -j"$(nproc)" >/dev/null
echo "setup: built $(pwd)/qtrace"
