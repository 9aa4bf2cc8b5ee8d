#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# qtrace's test driver: runs tests/scripts/<suite>/*.qt and compiles every
# stdlib script; ends with "N passed, M failed, K skipped".
#
#   QTRACE=path/to/qtrace tests/run-tests.sh [SUITE|FILE.qt ...]
#
# Directives in a script's leading // lines:
#   // RUN: qtrace -c 'cmd' %s     command (default: qtrace %s), run in the suite dir
#   // EXIT: N                     expected status (default 0; 1 with a .err file)
#   // TIMEOUT: N                  seconds (default 20)
# Expectations: NAME.out (stdout, exact), NAME.err (stderr, exact), NAME.re
# (one extended regex per stdout line, each matching the whole line).
# Suites compile/ and run/ need BPF: skipped without it, failed in CI.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
QTRACE=${QTRACE:-$SRCDIR/qtrace}
QTRACE=$(cd "$(dirname "$QTRACE")" && pwd)/$(basename "$QTRACE")
SCRIPTS=$SRCDIR/tests/scripts
TMP=$(mktemp -d /tmp/qtrace-tests.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export NO_COLOR=1 LC_ALL=C SRCDIR

# RUN lines name the binary `qtrace`; env assignments may precede it.
qtrace() { "$QTRACE" "$@"; }
export -f qtrace
export QTRACE

pass=0 fail=0 skip=0
failed_names=()
# shellcheck source=tests/lib/compare.sh
. "$SRCDIR/tests/lib/compare.sh"

# Tests feed workloads </dev/null and throw output away in it: a /dev/null
# that is a regular file (deleted, then made again by a redirection) turns
# both into reads and writes of gigabytes.  scripts/setup.sh makes it again.
if [ ! -c /dev/null ]; then
	echo "tests: /dev/null is not the null device; as root: rm -f /dev/null && mknod -m 666 /dev/null c 1 3 (scripts/setup.sh does it)" >&2
	exit 2
fi

# BPF is usable when a trivial program loads into the kernel.
bpf_ok=0
if "$QTRACE" --dry-run -e 'BEGIN { }' >/dev/null 2>"$TMP/bpf-probe.err"; then
	bpf_ok=1
fi


needs_bpf() {	# suite
	case "$1" in compile|run|stdlib) return 0 ;; *) return 1 ;; esac
}



run_one() {	# suite script.qt
	local suite=$1 qt=$2 dir name base cmd exp_exit tmo rc out err detail
	dir=$(dirname "$qt")
	base=$(basename "$qt" .qt)
	name=$suite/$base
	out=$TMP/$base.stdout err=$TMP/$base.stderr detail=$TMP/$base.detail
	: >"$detail"

	if needs_bpf "$suite" && [ $bpf_ok = 0 ]; then
		if [ "${CI:-}" = true ]; then
			cp "$TMP/bpf-probe.err" "$detail"
			record FAIL "$name" "$detail"
		else
			record SKIP "$name" "needs BPF: run as root"
		fi
		return
	fi
	cmd=$(directive "$qt" RUN)
	[ -n "$cmd" ] || cmd='qtrace %s'
	cmd=${cmd//%s/$base.qt}
	exp_exit=$(directive "$qt" EXIT)
	[ -n "$exp_exit" ] || { [ -f "$dir/$base.err" ] && exp_exit=1 || exp_exit=0; }
	tmo=$(directive "$qt" TIMEOUT)
	[ -n "$tmo" ] || tmo=20

	(cd "$dir" && QTRACE=$QTRACE timeout -s INT -k 5 "$tmo" bash -c "$cmd" \
		>"$out" 2>"$err" </dev/null)
	rc=$?

	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		echo "timed out after ${tmo}s" >>"$detail"
	elif [ "$rc" != "$exp_exit" ]; then
		echo "exit status $rc, expected $exp_exit" >>"$detail"
	fi
	if [ -f "$dir/$base.out" ] && ! diff -u "$dir/$base.out" "$out" >>"$detail"; then
		echo "(stdout differs)" >>"$detail"
	fi
	if [ -f "$dir/$base.re" ] && ! match_regex_lines "$dir/$base.re" "$out" >>"$detail"; then
		echo "(stdout does not match $base.re)" >>"$detail"
	fi
	if [ -f "$dir/$base.err" ] && ! diff -u "$dir/$base.err" "$err" >>"$detail"; then
		echo "(stderr differs)" >>"$detail"
	fi
	if [ ! -f "$dir/$base.out" ] && [ ! -f "$dir/$base.re" ] && [ ! -f "$dir/$base.err" ] \
		&& [ "$suite" != compile ]; then
		echo "no expectation file (.out, .re or .err)" >>"$detail"
	fi
	if [ -s "$detail" ]; then
		{ echo "--- stderr:"; head -n 20 "$err"; } >>"$detail"
		record FAIL "$name" "$detail"
	else
		record PASS "$name"
	fi
}

# Every shipped script must compile and load (--dry-run).
run_stdlib() {
	local s name args err=$TMP/stdlib.err
	for s in "$SRCDIR"/stdlib/*.qt; do
		[ -e "$s" ] || continue
		name=stdlib/$(basename "$s")
		if [ $bpf_ok = 0 ] && [ "${CI:-}" != true ]; then
			record SKIP "$name" "needs BPF: run as root"
			continue
		fi
		# a "// DRYRUN: ARGS" line gives a script's own arguments (shell words)
		args=$(directive "$s" DRYRUN)
		[ -n "$args" ] || args=100
		if eval "\"\$QTRACE\" --dry-run \"\$s\" $args" >/dev/null 2>"$err"; then
			record PASS "$name"
		else
			record FAIL "$name" "$err"
		fi
	done
}

# The kernel matrix (tests/vm): the same kind of scripts, run in QEMU guests
# booting Debian's 6.1 and 6.12 kernels, with a static qtrace
# (QTRACE_STATIC); its counts join ours.
run_vm() {
	local out=$TMP/vm.out last n
	if [ -z "${QTRACE_STATIC:-}" ] || ! command -v qemu-system-x86_64 >/dev/null; then
		if [ "${CI:-}" = true ]; then
			echo "vm: needs QTRACE_STATIC and qemu-system-x86_64" >"$TMP/vm.detail"
			record FAIL vm "$TMP/vm.detail"
		else
			record SKIP vm "needs QTRACE_STATIC (make check builds it) and qemu-system-x86"
		fi
		return
	fi
	bash "$SRCDIR/tests/vm/run-vm-tests.sh" "$QTRACE_STATIC" >"$out" 2>&1
	grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$out"
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -z "$last" ]; then
		record FAIL vm "$out"
		return
	fi
	n=$(echo "$last" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\1 \2 \4/')
	set -- $n
	pass=$((pass + $1)) fail=$((fail + $2)) skip=$((skip + ${3:-0}))
	[ "$2" = 0 ] || failed_names+=("vm")
}

suites=(syntax types cli compile run)
selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
	for sel in "${suites[@]}"; do
		[ -d "$SCRIPTS/$sel" ] && selected+=("$sel")
	done
	selected+=(stdlib vm)
fi

for sel in "${selected[@]}"; do
	if [ "$sel" = stdlib ]; then
		run_stdlib
	elif [ "$sel" = vm ]; then
		run_vm
	elif [ -f "$sel" ]; then
		run_one "$(basename "$(dirname "$sel")")" "$(cd "$(dirname "$sel")" && pwd)/$(basename "$sel")"
	elif [ -d "$SCRIPTS/$sel" ]; then
		for qt in "$SCRIPTS/$sel"/*.qt; do
			[ -e "$qt" ] && run_one "$sel" "$qt"
		done
	else
		say "unknown suite or file: $sel"
		fail=$((fail + 1))
	fi
done

if [ $fail -gt 0 ]; then
	say ""
	say "failed: ${failed_names[*]}"
fi
say "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
