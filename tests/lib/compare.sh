# SPDX-License-Identifier: GPL-2.0
# The rules by which a test's output is judged, shared by tests/run-tests.sh
# and tests/vm/run-vm-tests.sh (sourced; the caller keeps pass, fail, skip
# and failed_names).

say() { printf '%s\n' "$*"; }

directive() {	# directive FILE NAME -> value of "// NAME: value"
	sed -n "s|^//[[:space:]]*$2:[[:space:]]*||p" "$1" | head -n 1
}

record() {	# result name [detail-file]
	case "$1" in
	PASS) pass=$((pass + 1)); say "PASS $2" ;;
	SKIP) skip=$((skip + 1)); say "SKIP $2 ($3)" ;;
	FAIL)
		fail=$((fail + 1)); failed_names+=("$2"); say "FAIL $2"
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^/    /' "$3" | head -n 60
		;;
	esac
}

# A .re line "*RE" matches zero or more output lines; "+RE" one or more.
match_regex_lines() {	# regex-file output-file -> 0 if every line matches
	local -a res outs
	local i=0 j=0 re rep n
	mapfile -t res <"$1"
	mapfile -t outs <"$2"
	for ((i = 0; i < ${#res[@]}; i++)); do
		re=${res[$i]} rep=1
		case "$re" in
		'*'*) rep=0 re=${re:1} ;;
		'+'*) rep=2 re=${re:1} ;;
		esac
		n=0
		while [ $j -lt ${#outs[@]} ] && [[ ${outs[$j]} =~ ^(${re})$ ]]; do
			j=$((j + 1)) n=$((n + 1))
			[ $rep = 1 ] && break
		done
		if [ $n = 0 ] && [ $rep != 0 ]; then
			echo "line $((j + 1)): '${outs[$j]:-<end of output>}' does not match /${re}/"
			return 1
		fi
	done
	if [ $j -lt ${#outs[@]} ]; then
		echo "line $((j + 1)): unexpected '${outs[$j]}'"
		return 1
	fi
	return 0
}
