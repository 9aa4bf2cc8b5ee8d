#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# loadmon.qt with a task in D state from before tracing and a loaded CPU 0:
# tests/workloads/vfork_d.c is started first and its vfork parent checked
# to be in D state; then qtrace runs four 1.5 s spinners pinned to CPU 0
# (-c), so CPU 0's run queue holds at least 4.  Prints "vfork parent PID"
# and qtrace's output.  Usage: loadmon_test.sh FORMAT [-- SCRIPT-OPTIONS...]
set -u
fmt=$1
shift
d=$(mktemp -d /tmp/qtrace-loadmon.XXXXXX)
gcc -O1 -o "$d/vfork_d" "$SRCDIR/tests/workloads/vfork_d.c" &&
	gcc -O1 -o "$d/spin" "$SRCDIR/tests/workloads/spin.c" || exit 1
"$d/vfork_d" 30 &
v=$!
until grep -qs ') D' "/proc/$v/stat"; do sleep 0.01; done
echo "vfork parent $v"
s="$d/spin 1500"
"$QTRACE" -f "$fmt" -c "taskset -c 0 sh -c '$s & $s & $s & $s & wait'" \
	"$SRCDIR/stdlib/loadmon.qt" "$@" 2>/dev/null
r=$?
c=$(cat "/proc/$v/task/$v/children" 2>/dev/null)
kill -9 $c $v 2>/dev/null
wait $v 2>/dev/null
rm -rf "$d"
exit $r
