#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# For tests/scripts/run/install-tools.qt: D is a `make install DESTDIR=D`
# tree on PATH, with D/uprobe_target built.  Runs the installed funcargs.qt
# by name until the workload has run, then checks the installed tree.
set -u
d=$1
out=$d/tool.out

# every stdlib/NAME.qt is installed (listed in Makefile.am's dist_stdlib_SCRIPTS)
for t in "$SRCDIR"/stdlib/*.qt; do
	[ -f "$d/usr/local/share/qtrace/stdlib/$(basename "$t")" ] ||
		echo "not installed: $(basename "$t") (add it to dist_stdlib_SCRIPTS)"
done
# every tool in sbin is executable, and is the one in share/qtrace/stdlib
for t in "$d"/usr/local/share/qtrace/stdlib/*.qt; do
	s=$d/usr/local/sbin/$(basename "$t")
	[ -x "$s" ] && cmp -s "$t" "$s" || echo "not installed in sbin: $(basename "$t")"
done
echo "in sbin: $(command -v funcargs.qt | sed "s|^$d||"), qtrace: $(PATH=$PATH type -P qtrace | sed "s|^$d||")"

funcargs.qt "$d/uprobe_target" 'work_add' -- --args=2 >"$out" 2>&1 &
tool=$!
# attached when it says so (or it died): at most 60 s
for _ in $(seq 600); do
	grep -q '^Attached' "$out" 2>/dev/null && break
	kill -0 $tool 2>/dev/null || break
	sleep 0.1
done
"$d/uprobe_target" 2 >/dev/null
kill -INT $tool 2>/dev/null
wait $tool
echo "exit $?"
grep -v -e '^$' -e '^Attached' "$out" | sed -E "s|$d|D|; s/^[0-9:]{8} +[0-9]+ +[0-9]+ +uprobe_target +//"

# the installed qtrace lists what was installed (../share/qtrace/stdlib)
n=$(command qtrace --tools | wc -l); [ "$n" = "$(ls "$d"/usr/local/sbin/*.qt | wc -l)" ] && echo "--tools: all" || echo "--tools: $n lines"
