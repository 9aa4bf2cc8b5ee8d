#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Soak (not part of make check: it loads every CPU for a minute):
#
#   tests/soak/run.sh [SECONDS]        (default 60; QTRACE=path, SOAK_STRESS=0)
#
# One getppid loop per CPU (load.c), plus stress-ng's CPU stressors on every
# CPU when installed, traced by soak.qt: printf on every event, a per-thread
# count, and a map that fills.  Checks, and prints:
#   - qtrace neither crashes nor fails (status 0);
#   - delivered printf lines + "Lost N events" == the workload's own count;
#   - each thread's event numbers (its count so far) only grow in the
#     output: no line twice, none out of its thread's order (count.c);
#   - the per-thread counts add up to the same count;
#   - the failed updates of the full map == events - QTRACE_MAP_KEYS_MAX;
#   - qtrace's VmRSS every 5 s (flat after the first sample);
#   - the event rate, the workload's CPU (its calls and the probes on
#     them) and the consumer's (qtrace's utime + stime, sampled every 5 s).
# The output is read by count.c, not awk: half awk's cost a line, and it
# also checks each thread's order.
# Exits 1 if an invariant fails.
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
QTRACE=${QTRACE:-$src/qtrace}
dur=${1:-60}
keys=100000
d=$(mktemp -d /tmp/qtrace-soak.XXXXXX)
stress=
trap 'kill $stress 2>/dev/null; rm -rf "$d"' EXIT
gcc -O2 -pthread -o "$d/load" "$src/tests/soak/load.c" || exit 1
gcc -O2 -o "$d/reader" "$src/tests/soak/count.c" || exit 1

if [ "${SOAK_STRESS:-1}" != 0 ] && command -v stress-ng >/dev/null; then
	stress-ng --cpu "$(nproc)" --timeout "$((dur + 5))s" --quiet &
	stress=$!
	echo "stress-ng: --cpu $(nproc)"
else
	echo "stress-ng: not used"
fi

hz=$(getconf CLK_TCK)
start=$(date +%s.%N)
QTRACE_MAP_KEYS_MAX=$keys "$QTRACE" -c "$d/load $dur $d/count" "$src/tests/soak/soak.qt" \
	2>"$d/err" > >("$d/reader" "$d/lines" "$d/rest") &
q=$!
: >"$d/rss"
while kill -0 $q 2>/dev/null; do
	rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' /proc/$q/status 2>/dev/null)
	cpu=$(awk '{ print $14 + $15 }' /proc/$q/stat 2>/dev/null)
	[ -n "$rss" ] && echo "$rss $cpu" >>"$d/rss"
	sleep 5
done
wait $q
status=$?
end=$(date +%s.%N)
for ((i = 0; i < 50; i++)); do [ -s "$d/lines" ] && break; sleep 0.1; done
kill $stress 2>/dev/null
wait 2>/dev/null

fail=0
check() {	# what ok
	if [ "$2" = 1 ]; then echo "ok:   $1"; else echo "FAIL: $1"; fail=1; fi
}
read -r w wcpu <"$d/count" 2>/dev/null
w=${w:-0}
read -r dl disorder nthreads <"$d/lines" 2>/dev/null
dl=${dl:-0}
lost=$(sed -n 's/^Lost \([0-9]*\) events$/\1/p' "$d/err")
lost=${lost:-0}
sum=$(awk -F': ' '/^@n\[/ { s += $2 } END { print s + 0 }' "$d/rest" 2>/dev/null)
full=$(sed -n "s/^.*: \([0-9]*\) updates of map '@big' failed.*/\1/p" "$d/err" | head -1)
full=${full:-0}
elapsed=$(echo "$end - $start" | bc)
cputicks=$(tail -1 "$d/rss" | awk '{ print $2 }')

echo "qtrace status: $status"
echo "workload getppid calls: $w in ${dur} s: $((w / dur)) events/s (load $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
echo "workload CPU: ${wcpu:-?} s ($(echo "scale=0; ${wcpu:-0} * 1000000000 / ($w + 1)" | bc) ns a traced call)"
echo "printf delivered: $dl, lost (reported): $lost, sum: $((dl + lost))"
echo "threads: ${nthreads:-?}, lines out of their thread's order or repeated: ${disorder:-?}"
echo "per-thread count() sum: $sum"
echo "map @big: $keys keys, failed updates (reported): $full, expected $((w > keys ? w - keys : 0))"
echo "qtrace VmRSS (kB) every 5 s: $(awk '{ printf "%s ", $1 }' "$d/rss")"
echo "qtrace CPU (s) every 5 s: $(awk -v hz="$hz" '{ printf "%.2f ", $2 / hz }' "$d/rss")"
echo "consumer CPU: $(echo "scale=2; ${cputicks:-0} / $hz" | bc) s of ${elapsed%.*} s ($(echo "scale=0; 100 * ${cputicks:-0} / $hz / $elapsed" | bc)% of one CPU; last sample), $(echo "scale=0; ${cputicks:-0} * 1000000000 / $hz / ($w + 1)" | bc) ns an event"
grep -v "^Lost [0-9]* events$\|updates of map '@big' failed\|^Attached" "$d/err" | sed 's/^/stderr: /'
check "no crash (status 0)" "$([ "$status" = 0 ] && echo 1)"
check "delivered + lost == workload count" "$([ $((dl + lost)) = "$w" ] && [ "$w" -gt 0 ] && echo 1)"
check "no line repeated or out of its thread's order" "$([ "${disorder:-1}" = 0 ] && [ "${nthreads:-0}" -gt 0 ] && echo 1)"
check "per-thread counts == workload count" "$([ "$sum" = "$w" ] && echo 1)"
check "failed map updates == events - keys" "$([ "$full" = $((w > keys ? w - keys : 0)) ] && echo 1)"
# flat: no sample after the second more than 10% (or 4 MB) above it
check "RSS flat after warm-up" "$(awk 'NR == 2 { base = $1 } NR > 2 && $1 > base * 1.1 && $1 > base + 4096 { bad = 1 } END { print bad ? 0 : 1 }' "$d/rss")"
exit $fail
