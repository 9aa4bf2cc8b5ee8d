# Checks oomkill.qt's output on tests/workloads/oom_hog.c (stdin), the
# workload's own "victim PID" line among it; cg is "/" and the memcg's name.
/^victim [0-9]+$/ { want = $2 }
/ OOM kill: victim / {
	kills++
	vpid = $5; vcomm = $6; uid = $8; split($10, rss, "+"); memcg = $NF
}
/^  triggered by / { tpid = $3; tcomm = $4 }
/mem_cgroup_out_of_memory\+/ { memcgpath = 1 }
/ victim [0-9]+ .* ms after the kill$/ { epid = $3 }
END {
	print "kills:", kills
	print "victim:", (vpid == want ? "the workload" : "pid " vpid " not " want), vcomm, "uid", uid
	print "rss:", (rss[1] >= 10000 && rss[1] <= 21000 ? "anon 10..21 MB" : "anon " rss[1] " kB")
	print "memcg:", (substr(memcg, length(memcg) - length(cg) + 1) == cg ? "the test's" : memcg)
	print "trigger:", (tpid == want ? "the workload" : "pid " tpid), tcomm
	print "stack:", (memcgpath ? "mem_cgroup_out_of_memory" : "no memcg OOM frame")
	print "exit:", (epid == want ? "the workload" : "pid " epid)
}
