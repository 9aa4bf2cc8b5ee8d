# Whether what the slow probe did is all in the output (started = done, and
# 200000 failed reads per run of it); and, on stderr, whether it was still
# running at the stop (it may not have begun by then on a busy machine).
/^@started: / { started = $2 }
/^@done: / { done = $2 }
/^@end: / { end = $2 }
/^@stop: / { stop = $2 }
/probe reads? failed at/ { reads = $3 }
END {
	if (started == done && reads == 200000 * done)
		print "consistent"
	else
		print "started " started ", done " done ", failed reads " reads
	if (end && stop && end > stop)
		print "the probe ran past the stop" > "/dev/stderr"
}
