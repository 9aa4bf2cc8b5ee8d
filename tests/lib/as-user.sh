#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run qtrace ($QTRACE) as user nobody, from copies of it and of the .qt
# arguments that any user can read (the tree may be in a private directory):
#   as-user.sh [setpriv options] -- qtrace-args...
set -u
d=$(mktemp -d /tmp/qtrace-user.XXXXXX)
cp "$QTRACE" "$d/qtrace" && chmod 755 "$d" "$d/qtrace"
opts=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do opts="$opts $1"; shift; done
[ $# -gt 0 ] && shift
for a in "$@"; do
	case $a in *.qt) [ -f "$a" ] && cp "$a" "$d/" && chmod 644 "$d/$(basename "$a")" ;; esac
done
cd "$d" || exit 1
# shellcheck disable=SC2086
setpriv --reuid=65534 --regid=65534 --clear-groups $opts "$d/qtrace" "$@"
rc=$?
rm -rf "$d"
exit $rc
