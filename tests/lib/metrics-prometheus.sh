#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# metrics-prometheus.sh SCRIPT N QUERY...: a real Prometheus server (Debian's
# prometheus, on 127.0.0.1, its own config and storage in a temporary
# directory) scrapes qtrace --metrics every second while the workload (N
# getppid calls, 5 writes) waits; each QUERY is then asked of Prometheus'
# HTTP API (/api/v1/query) until it has a result, printed as
# "QUERY = VALUE" per series (with the labels that differ from the query's).
set -u
. "$SRCDIR/tests/lib/metrics-common.sh"
command -v prometheus >/dev/null || { echo "prometheus not installed (apt-get install prometheus)"; exit 1; }
script=$1 n=$2
shift 2
mt_start "$script" "$n"

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

cat >"$TMPD/prometheus.yml" <<CONF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: qtrace
    static_configs:
      - targets: ['127.0.0.1:$PORT']
CONF
# a free port can be taken between the probe and prometheus' bind: try again
for try in 1 2 3; do
	PROM=127.0.0.1:$(free_port)
	prometheus --config.file="$TMPD/prometheus.yml" --storage.tsdb.path="$TMPD/tsdb" \
		--web.listen-address="$PROM" --log.level=warn >"$TMPD/prometheus.log" 2>&1 &
	PROM_PID=$!
	for i in $(seq 600); do
		curl -sf "http://$PROM/-/ready" >/dev/null 2>&1 && break
		kill -0 "$PROM_PID" 2>/dev/null || break
		sleep 0.1
	done
	curl -sf "http://$PROM/-/ready" >/dev/null 2>&1 && break
	kill "$PROM_PID" 2>/dev/null
	wait "$PROM_PID" 2>/dev/null
	PROM_PID=
done
if [ -z "$PROM_PID" ]; then
	echo "prometheus did not start:"
	cat "$TMPD/prometheus.log"
	exit 1
fi

# the answer of query $1 as "QUERY = VALUE" lines; nothing while no scrape has it
ask() {
	curl -sS -G "http://$PROM/api/v1/query" --data-urlencode "query=$1" |
	python3 -c '
import json, sys
q = sys.argv[1]
r = json.load(sys.stdin)
if r.get("status") != "success":
    print(q, "failed:", r); sys.exit(0)
for s in sorted(r["data"]["result"], key=lambda s: json.dumps(s["metric"], sort_keys=True)):
    m = {k: v for k, v in s["metric"].items()
         if k not in ("__name__", "job", "instance") and ("%s=" % k) not in q}
    extra = "".join(" %s=%s" % (k, json.dumps(v)) for k, v in sorted(m.items()))
    print("%s%s = %s" % (q, extra, s["value"][1]))
' "$1"
}

for q in "$@"; do
	out=
	for i in $(seq 300); do
		out=$(ask "$q")
		[ -n "$out" ] && break
		sleep 0.1
	done
	[ -n "$out" ] && echo "$out" || echo "$q: no result after 30 s"
done
mt_stop
