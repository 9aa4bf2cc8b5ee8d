#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Teardown tests: qtrace -c ./w SCRIPT is stopped by MODE, and nothing it
# held may outlive it.  "Ours" is what /proc/QTRACE/fdinfo names while it
# runs (program, link and map ids; ids are not reused soon), plus the
# generated binary's path in `bpftool perf` and tracefs uprobe_events:
# other tracers run on this machine at the same time.
#
#   teardown.sh MODE SCRIPT.qt [NFUNCS]
#   MODE: int term hup kill crash (after "Attached"), attach-int attach-kill
#   (while attaching, once 20 of the NFUNCS uprobes are).  SCRIPT gets
#   this shell's pid as $1: crash mode's kill(2) from it must printf, and
#   QTRACE_TEST_CRASH=consumer crashes qtrace on reading that record.
# Prints what a .out file can hold exactly.
set -u
mode=$1 script=$2 nfuncs=${3:-4}
d=$(mktemp -d)
trap 'kill -KILL $q ${s:-} 2>/dev/null; rm -rf "$d"' EXIT
cp "$script" "$d/s.qt"
cd "$d" || exit 1

# w: NFUNCS functions f0.. called in a loop, 50 rounds a second
{
	echo '#include <unistd.h>'
	for ((i = 0; i < nfuncs; i++)); do
		echo "__attribute__((noinline)) int f$i(int x) { return x + $i; }"
	done
	echo 'int main(void) { volatile int s = 0; for (;;) {'
	for ((i = 0; i < nfuncs; i++)); do echo "s += f$i(s);"; done
	echo 'usleep(20000); } }'
} >w.c
gcc -O0 -o w w.c || exit 1

perf_fds() { ls -l /proc/"$1"/fd 2>/dev/null | grep -c 'perf_event'; }
ids() {	# pid: "prog N", "link N", "map N" for each BPF fd
	local f
	for f in /proc/"$1"/fdinfo/*; do
		sed -n 's/^prog_id:[[:space:]]*/prog /p; s/^link_id:[[:space:]]*/link /p; s/^map_id:[[:space:]]*/map /p' "$f" 2>/dev/null
	done | sort -u
}
live() {	# what of ids file $1 still exists, and our binary's perf/tracefs entries
	local progs links maps
	progs=$(bpftool prog list 2>/dev/null | sed -n 's/^\([0-9]*\): .*/prog \1/p')
	links=$(bpftool link list 2>/dev/null | sed -n 's/^\([0-9]*\): .*/link \1/p')
	maps=$(bpftool map list 2>/dev/null | sed -n 's/^\([0-9]*\): .*/map \1/p')
	printf '%s\n%s\n%s\n' "$progs" "$links" "$maps" | grep -v '^$' | sort | comm -12 - "$1"
	bpftool perf list 2>/dev/null | grep -F "$d/w" | sed 's/^/perf /'
	grep -F "$d/w" /sys/kernel/tracing/uprobe_events 2>/dev/null | sed 's/^/uprobe_events /'
}

grep -F "$d/w" /sys/kernel/tracing/uprobe_events >/dev/null 2>&1 && echo "uprobe_events already names w"
env=
[ "$mode" = crash ] && env=QTRACE_TEST_CRASH=consumer
case $mode in
attach-*)
	# Pin the moment: after the 20th perf_event_open each one is held 20 ms
	# in the kernel's return path (strace's fault injection), so the signal
	# lands mid-attach however fast the box attaches 500 uprobes.  strace's
	# own exit status is not qtrace's (a CI run saw 138 for a SIGKILL), so
	# qtrace's is read from strace's last line: "+++ killed by SIGKILL +++".
	# (LeakSanitizer stops the world with ptrace, which fails in a process
	# strace already traces: an ASan build exits 1 then; no leak check here)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
	strace -o strace.log -e trace=perf_event_open \
		-e inject=perf_event_open:delay_exit=20000:when=21+ \
		"$QTRACE" -c ./w s.qt $$ >out 2>err &
	s=$!
	# strace forks short-lived children of its own to test ptrace first:
	# qtrace is the child whose executable is $QTRACE
	q= exe=$(readlink -f "$QTRACE")
	for ((i = 0; i < 500; i++)); do
		for c in $(cat /proc/$s/task/$s/children 2>/dev/null); do
			[ "$(readlink /proc/$c/exe 2>/dev/null)" = "$exe" ] && q=$c
		done
		[ -n "$q" ] && break
		sleep 0.01
	done
	[ -n "$q" ] || { echo "strace started no qtrace"; exit 1; } ;;
*)
	env $env "$QTRACE" -c ./w s.qt $$ >out 2>err &
	q=$! s=$q ;;
esac

# wait for the moment to stop it: attached, or part-way through attaching
for ((i = 0; i < 600; i++)); do
	case $mode in
	attach-*) [ "$(perf_fds $q)" -ge 20 ] && break ;;
	*) grep -q '^Attached' err && break ;;
	esac
	[ -e /proc/$q ] || break	# not kill -0: crash mode crashes qtrace on kill(2) from $$
	sleep 0.05
done
case $mode in
attach-*)
	grep -q '^Attached' err && echo "attached before the signal: not mid-attach"
	n=$(perf_fds $q)
	[ "$n" -ge 20 ] && [ "$n" -lt "$nfuncs" ] && echo "stopped mid-attach" ;;
esac
ids $q >ours
cpid=$(cat /proc/$q/task/$q/children 2>/dev/null | awk '{print $1}')
[ -s ours ] && grep -q '^prog' ours && grep -q '^map' ours && echo "held: programs and maps"
[ -n "$cpid" ] && echo "child: running"

case $mode in
int) kill -INT $q; kill -INT $q ;;	# twice: Ctrl-C pressed again
attach-int) kill -INT $q ;;
term) kill -TERM $q ;;
hup) kill -HUP $q ;;
kill|attach-kill) kill -KILL $q ;;
crash) kill -0 $q ;;	# the script's printf on kill() from $$ crashes the consumer
esac
{ wait $s; } 2>/dev/null
st=$?
if [ $s != $q ]; then
	last=$(tail -1 strace.log)
	case $last in
	"+++ exited with "*) st=${last#+++ exited with }; st=${st% +++} ;;
	"+++ killed by SIG"*) sig=${last#+++ killed by SIG}; st=$((128 + $(kill -l ${sig%% *}))) ;;
	*) echo "strace did not say how qtrace ended: $last" ;;
	esac
fi
echo "status: $st"
echo "END ran: $(grep -c '^END$' out)"
grep '^qtrace: fatal' err

# links and perf events may be released by qtrace's grandchild just after it
# exits, or by the kernel as it dies: ~35 ms a uprobe, much more under load
end=$((SECONDS + 100))
while live ours >left && [ -s left ] && [ $SECONDS -lt $end ]; do
	sleep 0.2
done
echo "left: $(wc -l <left)"
head -5 left
if [ -n "$cpid" ]; then
	for ((i = 0; i < 100; i++)); do
		st=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' /proc/"$cpid"/status 2>/dev/null)
		[ -z "$st" ] || [ "$st" = Z ] && break
		sleep 0.05
	done
	[ -z "$st" ] || [ "$st" = Z ] && echo "child: gone" || echo "child: still running"
fi
