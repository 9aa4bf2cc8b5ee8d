#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# How many samples of folded stacks on stdin ("root;...;leaf N" lines, as
# print(@m, folded) writes them; a line "--" starts the next map) pass
# through PATH, frames root first and adjacent ("main;a;b;hot_loop"):
#   reach.sh PATH MIN [LEAF]
# with LEAF, only the samples whose leaf frame is LEAF count (samples of the
# loader, before main, are many in a slow guest and are not the question);
# prints per map "PATH: >= 95% of >= MIN samples", "PATH: < 50% ..." or
# the counts otherwise.  The ustack(dwarf) tests use it.
awk -v path="$1" -v min="$2" -v leaf="${3:-}" '
	function verdict() {
		if (!started)
			return
		if (total >= min && hit * 100 >= total * 95)
			printf "%s: >= 95%% of >= %d samples\n", path, min
		else if (total >= min && hit * 100 < total * 50)
			printf "%s: < 50%% of >= %d samples\n", path, min
		else
			printf "%s: %d of %d samples\n", path, hit, total
		hit = total = 0
	}
	$0 == "--" { verdict(); started = 1; next }
	/ [0-9]+$/ {
		started = 1
		stack = ";" $0; sub(/ [0-9]+$/, ";", stack)
		if (leaf != "" && substr(stack, length(stack) - length(leaf) - 1) != ";" leaf ";")
			next
		n = $NF; total += n
		if (index(stack, ";" path ";"))
			hit += n
	}
	END { started = 1; verdict() }'
