# Checks the output of tstore-lat.qt and tstore-lat-hash.qt.
/^@enter: / { e = $2 }
/^@exit: / { x = $2 }
/^\[1, 2\)/ { h = $3 }
/^\[0, 1\)/ { bad = 1 }
/^@start\[/ { s++ }
END {
	if (e > 10 && x == e - 1 && h == x && !bad)
		print "every exit found its start"
	else
		print "enter " e ", exit " x ", hist " h ", bad " bad
	print "@start entries left: " s + 0
}
