#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check vmtest expectations against the reference: run a suite's scripts with
# the host's bpftrace (0.17, and the shared libraries it needs) in the same
# guests, instead of qtrace.  bpftrace's "Attaching N probes..." stdout line
# is dropped (qtrace prints its line to stderr).
#
#   tests/vm/reference.sh [--kernels "6.1 6.12"] [DIR]   (default: scripts/pending)
#
# The bpftrace root is about 200 MB, so the guests get 2G and boot slower.
set -eu

VMDIR=$(cd "$(dirname "$0")" && pwd)
kernels="6.1 6.12"
if [ "${1:-}" = --kernels ]; then
	kernels=$2
	shift 2
fi
suite=${1:-$VMDIR/scripts/pending}
bpftrace=$(command -v bpftrace) || { echo "reference: bpftrace not found" >&2; exit 2; }

tmp=$(mktemp -d /tmp/qtrace-vm-ref.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/usr/bin" "$tmp/suite"
cp "$bpftrace" "$tmp/root/usr/bin/bpftrace"
for lib in $(ldd "$bpftrace" | grep -o '/[^ ]*'); do
	mkdir -p "$tmp/root$(dirname "$lib")"
	cp -L "$lib" "$tmp/root$lib"
done

# the same tests, with "qtrace" in RUN replaced by bpftrace
for qt in "$suite"/*.qt; do
	n=$(basename "$qt" .qt)
	cp "$suite/$n".* "$tmp/suite/"
	if grep -q '^//[[:space:]]*RUN:' "$qt"; then
		sed -i "s#^\(//[[:space:]]*RUN:[[:space:]]*\)qtrace\(.*\)\$#\1bpftrace\2 | grep -v '^Attaching'#" \
			"$tmp/suite/$n.qt"
	else
		sed -i "1i // RUN: bpftrace %s | grep -v '^Attaching'" "$tmp/suite/$n.qt"
	fi
done

# run-vm-tests.sh wants a static binary to ship as qtrace: any will do
QTRACE_VM_MEM=${QTRACE_VM_MEM:-2G} QTRACE_VM_EXTRA_ROOT=$tmp/root \
	"$VMDIR/run-vm-tests.sh" --kernels "$kernels" --suite "$tmp/suite" "$(command -v busybox)"
