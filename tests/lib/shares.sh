#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Shares of folded-stack lines on stdin: for each "NAME=PERCENT" argument,
# the lines whose last frame is NAME must hold PERCENT +- 5 of all samples.
#   shares.sh hot_loop=80 cold_loop=20
# prints "NAME: ok" or "NAME: N% (want PERCENT +- 5)" per argument.
awk -v want="$*" '
	/ [0-9]+$/ {
		n = $NF; total += n
		stack = $0; sub(/ [0-9]+$/, "", stack)
		k = split(stack, f, ";"); leaf[f[k]] += n
	}
	END {
		m = split(want, w, " ")
		for (i = 1; i <= m; i++) {
			split(w[i], kv, "=")
			got = total ? 100 * leaf[kv[1]] / total : 0
			if (got >= kv[2] - 5 && got <= kv[2] + 5)
				printf "%s: ok\n", kv[1]
			else
				printf "%s: %d%% (want %s +- 5)\n", kv[1], got, kv[2]
		}
	}'
