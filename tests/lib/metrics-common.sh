# SPDX-License-Identifier: GPL-2.0
# Sourced by the --metrics tests: run a script under qtrace --metrics with
# the metrics_calls workload (tests/workloads/metrics_calls.c) held alive
# until mt_stop, so that its maps can be read over HTTP.
#   mt_start SCRIPT N   sets TMPD, QT_PID, PORT (qtrace's, on 127.0.0.1)
#   mt_stop             lets the workload exit; prints qtrace's exit status
: "${QTRACE:?}" "${SRCDIR:?}"

mt_cleanup() {
	[ -n "${TMPD:-}" ] && touch "$TMPD/stop" 2>/dev/null
	[ -n "${PROM_PID:-}" ] && kill "$PROM_PID" 2>/dev/null
	[ -n "${QT_PID:-}" ] && kill -INT "$QT_PID" 2>/dev/null
	wait
	[ -n "${TMPD:-}" ] && rm -rf "$TMPD"
}

mt_start() {	# script n
	local i
	TMPD=$(mktemp -d)
	trap mt_cleanup EXIT
	gcc -O1 -o "$TMPD/metrics_calls" "$SRCDIR/tests/workloads/metrics_calls.c" || exit 1
	"$QTRACE" -q --metrics 127.0.0.1:0 -c "$TMPD/metrics_calls $2 $TMPD/ready $TMPD/stop" \
		"$1" >"$TMPD/out" 2>"$TMPD/err" &
	QT_PID=$!
	# the workload makes ready after its calls, once qtrace has attached
	for i in $(seq 600); do
		[ -e "$TMPD/ready" ] && break
		kill -0 "$QT_PID" 2>/dev/null || break
		sleep 0.05
	done
	PORT=$(sed -n 's|^qtrace: serving the maps on http://127\.0\.0\.1:\([0-9]*\)/metrics$|\1|p' "$TMPD/err")
	if [ -z "$PORT" ] || [ ! -e "$TMPD/ready" ]; then
		echo "qtrace did not start serving:"
		cat "$TMPD/err"
		exit 1
	fi
}

mt_stop() {
	local rc
	touch "$TMPD/stop"
	wait "$QT_PID"
	rc=$?
	QT_PID=
	echo "qtrace exit $rc"
}
