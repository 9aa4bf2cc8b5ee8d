# Checks runtrace.qt's text output (stdin) on tests/workloads/runtrace_work.c,
# or its JSON records turned into "KEY COUNT TOTAL" lines.  Only what the
# workload guarantees is printed: extra sleeps (a fault that waits, the
# wait for the child's exit) come and go with the machine's load.
/^Tracing/ { print "header" }
/ qt_runtr +S +[0-9]+ +[0-9]+ qt_waker$/ { ev["event S woken by qt_waker"] = 1 }
/ qt_runtr +D +[0-9]+ +[0-9]+ qt_vfchild$/ { ev["event D woken by qt_vfchild"] = 1 }
/^PID [0-9]+ exited/ { print "exited" }
/^@on_us\[[0-9]+, qt_runtr\]/ { on = $NF }
/^@off_us\[[SD]\]/ { off[substr($1, 9, 1)] = $NF }
/^@woken_by\[S, [0-9]+, qt_waker\]/ { wk["S qt_waker"] = $NF }
/^@woken_by\[D, [0-9]+, qt_vfchild\]/ { wk["D qt_vfchild"] = $NF }
/^json / { j[$2] = $3; jt[$2] = $4 }
END {
	for (e in ev)
		print e
	if (on != "")
		print "on CPU:", (on >= 50000 ? ">= 50 ms" : on)
	for (s in off)
		print "off CPU in " s ":", (off[s] >= 50000 ? ">= 50 ms" : off[s])
	for (w in wk)
		print "off CPU " w ":", (wk[w] >= 50000 ? ">= 50 ms" : wk[w])
	for (k in j)
		print "json " k ": count", (j[k] >= 1 ? ">= 1" : j[k]) ", total", (jt[k] >= 50000 ? ">= 50 ms" : jt[k])
}
