# Checks loadmon.qt's output (stdin) from tests/workloads/loadmon_test.sh:
# its "vfork parent PID" line, then the reports.
/^vfork parent [0-9]+$/ { v = $3 }
/ CPU [0-9]+ run queue [0-9]+: running / {
	c = $3; n = $6 + 0; sub(":", "", $6)
	if (c == 0 && n > 3)
		cpu0++
	if (c == 0 && $NF == "spin")
		spin0++
}
/^ waiting on CPU 0: [0-9]+ spin / { spin0++ }
/^ D state: [0-9]+ qt_vfork_d \(since before tracing\), stack:$/ {
	if ($3 == v)
		dold++
	want = 1
	next
}
want && /kernel_clone\+/ { dstack++ }
/^ D state: / { want = 0 }
END {
	print "CPU 0 reported with run queue > 3:", (cpu0 ? "yes" : "no")
	print "spinners running or waiting on CPU 0:", (spin0 ? "yes" : "no")
	print "vfork parent in D since before tracing:", (dold ? "yes" : "no")
	print "its stack in kernel_clone:", (dstack ? "yes" : "no")
}
