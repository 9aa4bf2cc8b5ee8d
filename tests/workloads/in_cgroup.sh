#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run a command inside a cgroup: this shell moves itself into CGROUP_DIR
# (v1 or v2: both have cgroup.procs) and execs the command, so the command's
# first instruction already runs in the cgroup.
# Usage: in_cgroup.sh CGROUP_DIR CMD [ARGS...]
cg=$1
shift
echo $$ >"$cg/cgroup.procs" || exit 111
exec "$@"
