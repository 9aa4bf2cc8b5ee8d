#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run both libFuzzer targets for SECONDS each (default 60), from the build
# directory after `make fuzz`.  Corpora live in fuzz-corpus/{compile,attach}
# (kept between runs) and are seeded every time from tests/scripts and
# stdlib and tests/fuzz/regress/TARGET (every past finding, run first);
# findings go to fuzz-findings/ and make the run fail.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [extra libFuzzer flags...]
#
# FUZZ_RUNS=N stops each target after N inputs and fixes the seed: by
# default one derived from the source's commit (FUZZ_SEED overrides), so
# a run is reproducible for a commit (CI's run is the one a clean clone
# of that commit gives) while each commit explores new inputs.  Without
# FUZZ_RUNS the run is time-bound and randomly seeded (long campaigns).
set -eu
secs=${1:-60}
[ $# -gt 0 ] && shift
src=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
mkdir -p fuzz-corpus/compile fuzz-corpus/attach fuzz-findings
seeds=$(mktemp -d /tmp/qtrace-fuzz-seeds.XXXXXX)
trap 'rm -rf "$seeds"' EXIT
mkdir "$seeds/compile" "$seeds/attach"

# compile: every script as it is, without its // RUN: lines' shell.
i=0
for f in "$src"/tests/scripts/*/*.qt "$src"/stdlib/*.qt; do
	i=$((i + 1))
	grep -v '^// RUN:' "$f" >"$seeds/compile/s$i" || true
done
# attach: each attach point written in a script, with each printf format.
grep -ho '^[a-z_]*:[^ {/]*' "$src"/tests/scripts/*/*.qt "$src"/stdlib/*.qt |
	sort -u >"$seeds/attaches"
grep -ho 'printf("[^"]*"' "$src"/tests/scripts/*/*.qt "$src"/stdlib/*.qt |
	sed 's/^printf("//; s/"$//' | sort -u >"$seeds/formats"
echo BEGIN >>"$seeds/attaches"
i=0
while read -r a; do
	i=$((i + 1))
	f=$(sed -n "$(( (i % $(wc -l <"$seeds/formats")) + 1 ))p" "$seeds/formats")
	printf '%s\n%s\n0123456789abcdef0123456789abcdef' "$a" "$f" >"$seeds/attach/a$i"
done <"$seeds/attaches"
# the payload is also parsed as a USDT note's argument string: every form
printf 'usdt:/bin/true:p\n%%d\n-4@%%edi 8@-16(%%rbp) -8@800+table(%%rip) 8@sym+8(%%rip) 8@sym-8(%%rip) 4@(%%rax,%%rbx,4) 2@8(,%%rcx,2) -1@$5 8@%%ax' \
	>"$seeds/attach/usdt-specs"

limits=""
if [ -n "${FUZZ_RUNS:-}" ]; then
	seed=${FUZZ_SEED:-$(( 0x$(git -C "$src" rev-parse --short=7 HEAD 2>/dev/null || echo 1) % 2147483647 + 1 ))}
	limits="-runs=$FUZZ_RUNS -seed=$seed"
	echo "fuzz: $FUZZ_RUNS inputs per target, seed $seed"
fi

rc=0
for t in compile attach; do
	echo "fuzz: $t for ${secs}s"
	./tests/fuzz/qtrace-fuzz-$t -max_total_time="$secs" -timeout=15 \
		-rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
		-artifact_prefix=fuzz-findings/$t- $limits "$@" \
		fuzz-corpus/$t "$seeds/$t" "$src/tests/fuzz/regress/$t" \
		2>fuzz-findings/$t.log || rc=1
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov: ' fuzz-findings/$t.log |
		tail -3
	[ $rc = 0 ] || { tail -40 fuzz-findings/$t.log; exit 1; }
done
