#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What each generated program costs per run, from the kernel's own BPF
# statistics (not part of make check; a measurement, as root):
#
#   tests/soak/prog-cost.sh [-r REPS] [-s SECONDS] 'NAME|SCRIPT'...
#
# For each variant, REPS times (default 5): start qtrace on SCRIPT, run
# load.c's getppid loop on every CPU for SECONDS (default 1), read
# run_time_ns / run_cnt of each of qtrace's programs (its fdinfo's prog_id,
# then bpftool), stop qtrace.  Prints per variant and program the median
# ns per run and the min..max.  Whole-syscall A/B timing (the shared bench)
# moves by tens of ns on a shared machine; these figures move by a few, so
# variants that add one part at a time (a helper, a map access) give each
# part's cost by difference from an empty program's.  The empty program's
# figure is not zero: it includes the statistics' own clock reads.
#
# kernel.bpf_stats_enabled is global: while it is on every BPF program of
# the machine pays for the clock reads, so take the measurement lock
# (flock -x /work/wt/measure.lock ...) on a shared machine.  It is restored
# on exit.  QTRACE=path picks the binary (default ./qtrace).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
QTRACE=${QTRACE:-$src/qtrace}
reps=5 secs=1
while getopts r:s: o; do
	case $o in
	r) reps=$OPTARG ;;
	s) secs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: prog-cost.sh [-r REPS] [-s SECONDS] 'NAME|SCRIPT'..." >&2; exit 2; }
command -v bpftool >/dev/null || { echo "prog-cost.sh: needs bpftool" >&2; exit 1; }

d=$(mktemp -d /tmp/qtrace-cost.XXXXXX)
old=$(sysctl -n kernel.bpf_stats_enabled)
trap 'sysctl -q kernel.bpf_stats_enabled="$old"; rm -rf "$d"' EXIT
gcc -O2 -pthread -o "$d/load" "$src/tests/soak/load.c" || exit 1
sysctl -q kernel.bpf_stats_enabled=1 || exit 1

# "name ns_per_run" for each program of process $1 that ran
costs() {
	local f id
	for f in /proc/"$1"/fdinfo/*; do
		awk '$1 == "prog_id:" { print $2 }' "$f" 2>/dev/null
	done | sort -un | while read -r id; do
		bpftool prog show id "$id" 2>/dev/null | awk '
			NR == 1 { for (i = 1; i < NF; i++) if ($i == "name") n = $(i + 1) }
			{ for (i = 1; i < NF; i++) { if ($i == "run_time_ns") t = $(i + 1); if ($i == "run_cnt") c = $(i + 1) } }
			END { if (n != "" && c > 0) printf "%s %.1f\n", n, t / c }'
	done
}

for v in "$@"; do
	name=${v%%|*} prog=${v#*|}
	: >"$d/all"
	for ((r = 1; r <= reps; r++)); do
		"$QTRACE" -e "$prog" >"$d/out" 2>&1 &
		q=$!
		for ((i = 0; i < 200; i++)); do
			grep -q '^Attached' "$d/out" && break
			kill -0 $q 2>/dev/null || break
			sleep 0.05
		done
		if ! grep -q '^Attached' "$d/out"; then
			echo "$name: qtrace did not attach: $(head -n 3 "$d/out")" >&2
			kill -INT $q 2>/dev/null
			wait $q
			continue 2
		fi
		"$d/load" "$secs" "$d/count"
		costs $q >>"$d/all"
		kill -INT $q
		wait $q
	done
	sort -k1,1 -k2,2n "$d/all" | awk -v v="$name" '
		function flush() { if (k != "") printf "%-20s %-6s median %7.1f ns/run  [%.1f..%.1f]  (%d runs)\n", v, k, a[int((n + 1) / 2)], a[1], a[n], n }
		$1 != k { flush(); k = $1; n = 0 }
		{ a[++n] = $2 }
		END { flush() }'
done
