#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# metrics-curl.sh SCRIPT N: the /metrics text qtrace serves for SCRIPT while
# the workload (N getppid calls, 5 writes) waits, read with curl; then a
# path other than /metrics, and qtrace's exit.
set -u
. "$SRCDIR/tests/lib/metrics-common.sh"
mt_start "$1" "$2"
curl -sS -D "$TMPD/headers" -o "$TMPD/body" "http://127.0.0.1:$PORT/metrics" || echo "curl failed: $?"
cat "$TMPD/body"
# Prometheus' own parser (lint remarks, such as a missing # HELP, are not errors)
if promtool check metrics <"$TMPD/body" 2>&1 | grep -q 'error while linting'; then
	promtool check metrics <"$TMPD/body"
else
	echo "promtool: parsed"
fi
grep -i '^content-type:' "$TMPD/headers" | tr -d '\r'
curl -sS -o /dev/null -w 'GET /other: %{http_code}\n' "http://127.0.0.1:$PORT/other"
mt_stop
