#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# dense-dd.sh: the workload of the dense-count tests.  dd, named qtdn-dd
# (a comm nobody else has), reads stdin with read(0, buf, BS): reads of
# 1, 5, 1023, 1024, 1025 and 100000 bytes, made 7, 2, 6, 5, 4 and 3 times,
# each size on CPU 0 and CPU 1 both: keys below, at and above
# QT_DENSE_KEYS (1024) with their counts split over two CPUs.  With one
# CPU (the kernel matrix's guests) all on CPU 0: the same sums.
set -eu
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
ln -s "$(command -v dd)" "$d/qtdn-dd"
c1=0
[ "$(nproc)" -gt 1 ] && c1=1
for a in "0 1 4" "1 1 3" "0 5 1" "1 5 1" "0 1023 3" "1 1023 3" "0 1024 2" "1 1024 3" \
	 "0 1025 2" "1 1025 2" "0 100000 1" "1 100000 2"; do
	set -- $a
	[ "$1" = 1 ] && set -- "$c1" "$2" "$3"
	taskset -c "$1" "$d/qtdn-dd" bs="$2" count="$3" status=none </dev/zero >/dev/null
done
