# SPDX-License-Identifier: GPL-2.0
# Source to get a memory cgroup of the test's own with a small limit:
# MEMCG, a new child limited to MEMCG_LIMIT (default 20M) and no swap, in the
# cgroup2 mount that has the memory controller, else in the cgroup v1
# memory hierarchy (this machine's layout: memory bound to v1).
# memcg_cleanup removes it once its tasks are gone (and unmounts what this
# mounted).  MEMCG_KIND is v2 or v1.
MEMCG_LIMIT=${MEMCG_LIMIT:-20M}
MEMCG_MNT= MEMCG_OWN= MEMCG_KIND=
for m in $(findmnt -n -t cgroup2 -o TARGET 2>/dev/null); do
	if grep -qw memory "$m/cgroup.controllers" 2>/dev/null; then
		MEMCG_MNT=$m MEMCG_KIND=v2
		break
	fi
done
if [ -z "$MEMCG_MNT" ]; then
	MEMCG_MNT=$(findmnt -n -t cgroup -O memory -o TARGET 2>/dev/null | head -n 1)
	[ -n "$MEMCG_MNT" ] && MEMCG_KIND=v1
fi
if [ -z "$MEMCG_MNT" ]; then
	# nothing mounted: cgroup2 gets the memory controller if no v1 holds it
	MEMCG_MNT=$(mktemp -d /tmp/qtrace-memcg.XXXXXX)
	mount -t cgroup2 none "$MEMCG_MNT" || { rmdir "$MEMCG_MNT"; exit 1; }
	MEMCG_OWN=1 MEMCG_KIND=v2
fi
if [ $MEMCG_KIND = v2 ]; then
	echo +memory >"$MEMCG_MNT/cgroup.subtree_control" || exit 1
fi
MEMCG=$(mktemp -d "$MEMCG_MNT/qtrace-test.XXXXXX") || exit 1
if [ $MEMCG_KIND = v2 ]; then
	echo "$MEMCG_LIMIT" >"$MEMCG/memory.max" &&
	{ [ ! -e "$MEMCG/memory.swap.max" ] || echo 0 >"$MEMCG/memory.swap.max"; } || exit 1
else
	echo "$MEMCG_LIMIT" >"$MEMCG/memory.limit_in_bytes" &&
	{ [ ! -e "$MEMCG/memory.memsw.limit_in_bytes" ] ||
	  echo "$MEMCG_LIMIT" >"$MEMCG/memory.memsw.limit_in_bytes"; } || exit 1
fi
memcg_cleanup() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		rmdir "$MEMCG" 2>/dev/null && break
		sleep 0.2	# a killed task leaves the cgroup when it is reaped
	done
	if [ -n "$MEMCG_OWN" ]; then
		umount "$MEMCG_MNT" && rmdir "$MEMCG_MNT"
	fi
}
