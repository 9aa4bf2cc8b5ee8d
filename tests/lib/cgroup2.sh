# SPDX-License-Identifier: GPL-2.0
# Source to get a cgroup v2 directory of the test's own: CG, a new child of a
# cgroup2 mount (the first one found, else one mounted here on a temporary
# directory); cgroup2_cleanup removes the child (and what was mounted).
# The machine's /sys/fs/cgroup may be a plain tmpfs holding v1 hierarchies.
CG2_MNT=$(findmnt -n -t cgroup2 -o TARGET 2>/dev/null | head -n 1)
CG2_OWN=
if [ -z "$CG2_MNT" ]; then
	CG2_MNT=$(mktemp -d /tmp/qtrace-cg2.XXXXXX)
	mount -t cgroup2 none "$CG2_MNT" || { rmdir "$CG2_MNT"; exit 1; }
	CG2_OWN=1
fi
CG=$(mktemp -d "$CG2_MNT/qtrace-test.XXXXXX") || exit 1
cgroup2_cleanup() {
	# tasks left in it go to the root first: a populated cgroup cannot go
	for p in $(cat "$CG/cgroup.procs" 2>/dev/null); do
		echo "$p" >"$CG2_MNT/cgroup.procs" 2>/dev/null
	done
	rmdir "$CG"
	if [ -n "$CG2_OWN" ]; then
		umount "$CG2_MNT" && rmdir "$CG2_MNT"
	fi
}
