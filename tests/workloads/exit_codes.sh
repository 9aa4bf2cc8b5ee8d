#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Children of one shell with known ends, named qtx-*: a shell exiting 3, a
# sleep of 0.25 s exiting 0, a sleep killed by SIGTERM after 0.1 s, and a
# shell killed by SIGSEGV with a core dump (written to and removed from the
# private directory $1).
d=$1
mkdir -p "$d" && cd "$d" || exit 1
ln -sf /bin/sleep qtx-sleep && ln -sf /bin/sh qtx-sh || exit 1
./qtx-sh -c 'exit 3'
./qtx-sleep 0.25
./qtx-sleep 5 &
p=$!
sleep 0.1
kill -TERM $p
wait
./qtx-sh -c 'ulimit -c unlimited; kill -SEGV $$'
rm -f core*
exit 0
