#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# runtrace.qt on tests/workloads/runtrace_work.c: the workload waits for
# SIGUSR1, sent once qtrace has attached ("Attached" in text, the
# attached_probes record in JSON), so its phases are all traced.
# Usage: runtrace_test.sh FORMAT [-- SCRIPT-OPTIONS...]
set -u
fmt=$1
shift
d=$(mktemp -d /tmp/qtrace-runtrace.XXXXXX)
trap 'rm -rf "$d"' EXIT
gcc -O1 -o "$d/runtrace_work" "$SRCDIR/tests/workloads/runtrace_work.c" || exit 1
"$d/runtrace_work" &
p=$!
until grep -qs qt_runtr "/proc/$p/comm"; do sleep 0.01; done
"$QTRACE" -f "$fmt" "$SRCDIR/stdlib/runtrace.qt" "$p" "$@" >"$d/out" 2>"$d/err" &
q=$!
until grep -qs -e '^Attached' -e '"attached_probes"' "$d/out" "$d/err"; do
	kill -0 $q 2>/dev/null || break
	sleep 0.05
done
grep -qs qt_runtr "/proc/$p/comm" && kill -USR1 $p
wait $q
r=$?
cat "$d/out"
exit $r
