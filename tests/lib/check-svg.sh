#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Open a --flamegraph SVG in headless Chromium and check that it renders:
#   check-svg.sh FILE.svg NAME=PERCENT...
# prints "screenshot: not blank" (dozens of colours), per NAME "NAME title:
# ok" (its frame's <title> in the DOM holds PERCENT +- 5 %), "labels: ok"
# (the inline script ran and wrote frame labels) and "zoom: ok" (FILE#zoom=
# the first NAME widens it to the full width and hides frames beside it).
set -u
svg=$1; shift
dir=$(mktemp -d /tmp/qtrace-svg.XXXXXX)
trap 'rm -rf "$dir"' EXIT
chrome() { timeout 60 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$dir/profile" "$@" 2>/dev/null; }

chrome --screenshot="$dir/shot.png" --window-size=1200,500 "file://$svg" >/dev/null
n=$(python3 "$(dirname "$0")/png-colours.py" "$dir/shot.png" 2>/dev/null || echo 0)
[ "$n" -ge 20 ] && echo "screenshot: not blank" || echo "screenshot: $n colours"
chrome --dump-dom "file://$svg" >"$dir/dom"
for want in "$@"; do
	name=${want%=*} pct=${want#*=}
	# the biggest frame of that name: a sample in a function's prologue,
	# before it pushed its frame pointer, unwinds past its caller and
	# makes a second, tiny frame of the same name elsewhere (0.07% seen)
	got=$(grep -o "<title>$name ([0-9]* samples, [0-9.]*%)</title>" "$dir/dom" |
		sed 's/.*, \([0-9.]*\)%.*/\1/' | sort -g | tail -1)
	if [ -n "$got" ] && awk -v g="$got" -v w="$pct" 'BEGIN { exit !(g >= w - 5 && g <= w + 5) }'; then
		echo "$name title: ok"
	else
		echo "$name title: '${got:-none}%' (want $pct +- 5)"
	fi
done
grep -q "<text [^>]*>${1%=*}</text>" "$dir/dom" && echo "labels: ok" || echo "labels: none"
first=${1%=*}
chrome --dump-dom "file://$svg#zoom=$first" >"$dir/zoom"
if grep -q "<title>$first ([^<]*</title><rect x=\"0\" y=\"[0-9]*\" width=\"1200\"" "$dir/zoom" &&
	grep -q 'style="display: none;"' "$dir/zoom"; then
	echo "zoom: ok"
else
	echo "zoom: not applied"
fi
