# Counts the frames print() showed after each "ulen N" / "klen N" line and
# says whether N matches (the frame counts vary with the kernel and libc).
/^[uk]len / { if (what) report(); what = $1; want = $2; got = 0; next }
/^limits / { if (what) report(); what = ""; print; next }
/^ +[^ ]/ { got++ }
function report() {
	print what, (want == got ? "matches" : "is " want ", printed " got), \
		(want >= 3 ? "at least 3" : "fewer than 3")
}
