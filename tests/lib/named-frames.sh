#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Count the frames of ustack(perf) map keys on stdin that lie in FILE (a
# binary with a symbol for every address: a frame there must print a name):
#   named-frames.sh FILE
# prints "keys: N" (map entries) and "FILE frames named: >= 99%" or the
# counts when fewer are.  The stacks tests of issue 9 use it.
file=$1
awk -v file="$file" '
	/^@\[/ { keys++ }
	/^\t[0-9a-f]+ / {
		mod = $NF; gsub(/[()]/, "", mod)
		if (mod != file)
			next
		total++
		if ($2 !~ /^0x/)
			named++
	}
	END {
		printf "keys: %d\n", keys
		if (total && named * 100 >= total * 99)
			printf "%s frames named: >= 99%%\n", file
		else
			printf "%s frames named: %d of %d\n", file, named, total
	}'
