#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# vmtest: run qtrace's kernel-probe tests in QEMU guests booting stock Debian
# cloud kernels (TCG, initramfs as the whole root); ends with
# "N passed, M failed, K skipped".  Design: shared/design/kernel-matrix-qemu.md.
#
#   tests/vm/run-vm-tests.sh [--kernels "6.1 6.12"] [--suite DIR]... QTRACE_STATIC
#   tests/vm/run-vm-tests.sh [--kernels ...] --selftest [QTRACE_STATIC]
#
# Tests are tests/vm/scripts/*.qt and tests/scripts/run/*.qt (QTRACE_VM_RUN_SUITE=0:
# the first only), or each --suite DIR, with the conventions
# of tests/run-tests.sh: "// RUN:", "// EXIT:", "// TIMEOUT:" and NAME.out,
# NAME.re, NAME.err.  Additions for the kernel matrix:
#   // KERNELS: 6.12        run only on these kernel lines (others: SKIP)
#   NAME.6.1.out (.re/.err) replaces NAME.out on kernel line 6.1
#   // VM: skip REASON      never run in a guest (SKIP with the reason): the
#                           test needs what the initramfs cannot give
# Tests of a --suite other than tests/vm/scripts are named SUITE/NAME (run/x).
# The guest has the host's bash, gcc, g++, binutils, python3 (the files they open,
# found with strace on the host: QTRACE_VM_HOST_TOOLS=0 leaves them out) and
# tests/workloads, tests/lib, tests/soak and stdlib at $SRCDIR=/src: tests/scripts/run runs.
# TIMEOUT is multiplied by QTRACE_VM_TIMEOUT_SCALE (default 10): code runs
# about 10x slower under TCG.  A RUN command not starting with "qtrace" runs
# as it is (the selftest suite needs no qtrace).  The C files in
# tests/vm/workloads/ are built static and put beside the scripts.
#
# --selftest adds tests/vm/selftest: a static libbpf program (no qtrace) that
# counts vfs_read with kprobe/kretprobe/fentry/fexit, proving the kernels and
# the harness independently of qtrace.
#
# Environment: QTRACE_VM_CACHE (kernel cache, default /var/cache/qtrace-vm),
# QTRACE_VM_JOBS (guests at once, default: host cores), QTRACE_VM_SHARDS
# (guests per kernel line, each with a share of the tests; default JOBS /
# kernel lines, at least 1), QTRACE_VM_MEM (1G),
# QTRACE_VM_TIMEOUT_SCALE (10), QTRACE_VM_BOOT_SECS (120: allowance per guest
# for boot and poweroff), QTRACE_VM_GUEST_MAX (3600: a guest's whole run at
# most), QTRACE_VM_KEEP=1 (keep the work directory),
# QTRACE_VM_ONLY='GLOB ...' (only the tests whose id matches: run/stdlib-tcp*),
# QTRACE_VM_TIMES=FILE (append "LINE NAME SECONDS" for every test run),
# QTRACE_VM_EXTRA_ROOT=DIR (copied over the guest's root: extra tools),
# QTRACE_VM_APPEND (more kernel parameters).
# Host packages: qemu-system-x86 busybox-static cpio gcc strace, and for --selftest
# clang-19 (or clang-14) libbpf-dev libelf-dev zlib1g-dev libzstd-dev.
set -u

VMDIR=$(cd "$(dirname "$0")" && pwd)
CACHE=${QTRACE_VM_CACHE:-/var/cache/qtrace-vm}
JOBS=${QTRACE_VM_JOBS:-$(nproc)}
MEM=${QTRACE_VM_MEM:-1G}
SCALE=${QTRACE_VM_TIMEOUT_SCALE:-10}
BOOT_SECS=${QTRACE_VM_BOOT_SECS:-120}	# per guest, on top of the tests
GUEST_MAX=${QTRACE_VM_GUEST_MAX:-3600}	# per guest, at most (seconds)
APPEND=${QTRACE_VM_APPEND-}	# more kernel parameters

kernels="6.1 6.12"
suites=()
selftest=0
qtrace_bin=

# shellcheck source=tests/lib/compare.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/compare.sh"
die() { printf 'run-vm-tests: error: %s\n' "$*" >&2; exit 2; }
info() { printf '# %s\n' "$*"; }

usage() {
	sed -n 's/^#   //p' "$0" | head -n 2 | sed 's/^/usage: /'
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kernels) [ $# -ge 2 ] || die "--kernels needs a list"; kernels=$2; shift 2 ;;
	--kernels=*) kernels=${1#*=}; shift ;;
	--suite) [ $# -ge 2 ] || die "--suite needs a directory"; suites+=("$2"); shift 2 ;;
	--suite=*) suites+=("${1#*=}"); shift ;;
	--selftest) selftest=1; shift ;;
	-h|--help) usage; exit 0 ;;
	-*) usage >&2; die "unknown option '$1'" ;;
	*) [ -z "$qtrace_bin" ] || die "more than one binary given"; qtrace_bin=$1; shift ;;
	esac
done
[ -n "$qtrace_bin" ] || [ $selftest = 1 ] || { usage >&2; exit 2; }
# tests/vm/scripts and the whole run suite (QTRACE_VM_RUN_SUITE=0: the
# first only); both kernels' guests at once took about 20 minutes on the
# loaded 2-core dev machine (tests/vm/README.md)
if [ ${#suites[@]} -eq 0 ] && [ -n "$qtrace_bin" ]; then
	suites=("$VMDIR/scripts")
	[ "${QTRACE_VM_RUN_SUITE:-1}" = 1 ] && suites+=("$VMDIR/../scripts/run")
fi
[ $selftest = 1 ] && suites+=("$VMDIR/selftest")

TMP=$(mktemp -d /tmp/qtrace-vm.XXXXXX)
if [ "${QTRACE_VM_KEEP:-0}" = 1 ]; then
	info "work directory kept: $TMP"
else
	trap 'rm -rf "$TMP"' EXIT
fi

is_static() {	# file: an ELF without a program interpreter
	[ -f "$1" ] && ! readelf -l "$1" 2>/dev/null | grep -q 'Requesting program interpreter'
}

check_host() {
	local t
	for t in qemu-system-x86_64 cpio gzip gcc readelf apt-cache apt-get dpkg-deb; do
		command -v "$t" >/dev/null || die "'$t' not found: apt-get install qemu-system-x86 cpio gcc binutils"
	done
	BUSYBOX=$(command -v busybox) || die "busybox not found: apt-get install busybox-static"
	is_static "$BUSYBOX" || die "'$BUSYBOX' is not static: apt-get install busybox-static"
	if [ -n "$qtrace_bin" ]; then
		[ -x "$qtrace_bin" ] || die "'$qtrace_bin' is not an executable"
		is_static "$qtrace_bin" || die "'$qtrace_bin' is dynamically linked: the guest has no libraries (build qtrace-static)"
		qtrace_bin=$(cd "$(dirname "$qtrace_bin")" && pwd)/$(basename "$qtrace_bin")
	fi
}

# --- kernels: resolve the current Debian package, download, keep vmlinuz ---

# The image packages that the cloud metapackages depend on, one apt-cache
# call for all lines (each call costs about 2 s).
apt_depends() {	# -> $TMP/apt-depends
	local line metas=linux-image-cloud-amd64
	for line in $kernels; do
		metas="$metas linux-image-$line-cloud-amd64"
	done
	# shellcheck disable=SC2086 # a list of names
	apt-cache depends $metas 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-amd64\)$/\1/p' >"$TMP/apt-depends"
}

resolve_pkg() {	# line (6.1) -> linux-image-6.1.0-N-cloud-amd64
	# bookworm: linux-image-6.12-cloud-amd64 tracks 6.12, and the plain
	# metapackage tracks the default 6.1 line
	[ -f "$TMP/apt-depends" ] || apt_depends
	grep -m 1 -e "^linux-image-$1\\." -e "^linux-image-$1-" "$TMP/apt-depends"
}

download_pkg() {	# image-package dir -> the .deb (unsigned preferred)
	local pkg=$1 dir=$2 p
	for p in "$pkg-unsigned" "$pkg"; do
		if (cd "$dir" && apt-get download -q "$p") >"$dir/apt.log" 2>&1; then
			find "$dir" -maxdepth 1 -name "*.deb" | head -n 1
			return 0
		fi
	done
	return 1
}

extract_kernel() {	# deb cachedir
	local deb=$1 dst=$2 x=$TMP/extract.$$
	rm -rf "$x" && mkdir -p "$x" "$dst.new" || return 1
	dpkg-deb -x "$deb" "$x" || return 1
	cp "$x"/boot/vmlinuz-* "$dst.new/vmlinuz" || return 1
	cp "$x"/boot/config-* "$dst.new/config" 2>/dev/null
	stat -c %s "$deb" >"$dst.new/deb-bytes"
	basename "$deb" >"$dst.new/deb-name"
	rm -rf "$x" "$dst" && mv "$dst.new" "$dst"
}

fetch_kernel() {	# line -> path of a cached vmlinuz (prints it)
	local line=$1 pkg dir deb updated=0
	mkdir -p "$CACHE" || die "cannot create '$CACHE'"
	while :; do
		if pkg=$(resolve_pkg "$line"); then
			if [ -s "$CACHE/$pkg/vmlinuz" ]; then
				say "$pkg" >"$CACHE/line-$line"
				say "$CACHE/$pkg/vmlinuz"
				return 0
			fi
			dir=$TMP/dl-$line
			mkdir -p "$dir" && chmod 777 "$dir"	# apt's _apt user writes here
			if deb=$(download_pkg "$pkg" "$dir") && extract_kernel "$deb" "$CACHE/$pkg"; then
				rm -rf "$dir"
				info "downloaded $(basename "$deb") ($(($(cat "$CACHE/$pkg/deb-bytes") / 1048576)) MiB)" >&2
				say "$pkg" >"$CACHE/line-$line"
				say "$CACHE/$pkg/vmlinuz"
				return 0
			fi
		fi
		# empty or stale apt lists: update once, then resolve again
		[ $updated = 0 ] || break
		updated=1
		info "apt-get update (kernel $line not resolvable or not downloadable)" >&2
		apt-get update -q >"$TMP/apt-update.log" 2>&1
		rm -f "$TMP/apt-depends"
	done
	# offline: the last kernel of this line that was fetched
	if [ -s "$CACHE/line-$line" ] && pkg=$(cat "$CACHE/line-$line") &&
		[ -s "$CACHE/$pkg/vmlinuz" ]; then
		info "kernel $line: using cached $pkg (apt could not resolve a newer one)" >&2
		say "$CACHE/$pkg/vmlinuz"
		return 0
	fi
	[ -n "${dir:-}" ] && [ -f "$dir/apt.log" ] && sed 's/^/    /' "$dir/apt.log" >&2
	return 1
}

# --- the initramfs ---

build_helpers() {	# static qexit and workloads into $TMP/build
	local c
	mkdir -p "$TMP/build/workloads"
	gcc -static -O2 -Wall -o "$TMP/build/qexit" "$VMDIR/qexit.c" ||
		die "cannot build qexit (static glibc: apt-get install libc6-dev)"
	for c in "$VMDIR"/workloads/*.c; do
		[ -e "$c" ] || continue
		gcc -static -O2 -Wall -o "$TMP/build/workloads/$(basename "$c" .c)" "$c" ||
			die "cannot build workload '$c'"
	done
	if [ $selftest = 1 ]; then
		make -s -C "$VMDIR/selftest" O="$TMP/build/selftest" >"$TMP/build/selftest.log" 2>&1 ||
			{ cat "$TMP/build/selftest.log" >&2; die "cannot build the selftest's bpfcount"; }
	fi
}

# QTRACE_VM_ONLY='GLOB ...': only the tests whose id (NAME, run/NAME) matches
# one of the globs, to rerun a few without the rest of the suite.
only_match() {	# id
	local g
	[ -n "${QTRACE_VM_ONLY:-}" ] || return 0
	set -f
	for g in $QTRACE_VM_ONLY; do
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $1 == $g ]] && { set +f; return 0; }
	done
	set +f
	return 1
}

# Test list, per script: "suite-dir<TAB>name<TAB>guest-dir<TAB>key<TAB>id".
# The id is NAME for tests/vm/scripts and SUITE/NAME for the other suites
# (run/NAME); the key is the id made a file name (run.NAME).
collect_tests() {
	local s qt n i=0 pre id
	: >"$TMP/tests"
	for s in "${suites[@]}"; do
		[ -d "$s" ] || die "no test directory '$s'"
		s=$(cd "$s" && pwd)
		i=$((i + 1))
		pre=
		[ "$s" = "$VMDIR/scripts" ] || pre="$(basename "$s")/"
		for qt in "$s"/*.qt; do
			[ -e "$qt" ] || continue
			n=$(basename "$qt" .qt)
			id=$pre$n
			only_match "$id" || continue
			cut -f 5 "$TMP/tests" | grep -qxF "$id" && die "two tests named '$id'"
			printf '%s\t%s\t/tests/s%d\t%s\t%s\n' "$s" "$n" "$i" "${id//\//.}" "$id" >>"$TMP/tests"
		done
	done
	[ -s "$TMP/tests" ] || die "no tests (*.qt${QTRACE_VM_ONLY:+ matching '$QTRACE_VM_ONLY'}) in: ${suites[*]}"
}

guest_timeout() {	# script.qt -> seconds the guest allows the test
	local t
	t=$(directive "$1" TIMEOUT)
	say $(( ${t:-20} * SCALE ))
}

# The host's bash, gcc, g++, binutils and python3 for the guest: every file they
# open while compiling each workload of tests/workloads (strace on the
# host), copied to the same path, plus their ELF interpreter.  Tests compile
# their workloads as they do on the host.
tool_probe() {	# run in a copy of tests/workloads and tests/soak's C, under strace
	local f
	for f in *.c; do gcc -g -O1 -c -o x.o "$f"; done
	for f in *.cpp; do g++ -g -O0 -c -o x.o "$f"; done
	gcc -O0 -fno-omit-frame-pointer -o t1 uprobe_target.c
	gcc -O0 -no-pie -o t2 uprobe_target.c
	gcc -shared -fPIC -O1 -o libt.so uprobe_lib.c
	gcc -O1 -pthread -o t3 threads_spin.c
	# static workloads (stdlib-cgsys): crtbeginT.o, libc.a, libgcc_eh.a
	gcc -O1 -static -o t5 cg_work.c
	g++ -O0 -o t4 cxx_stack.cpp
	objcopy --only-keep-debug t1 t1.dbg; nm t1; readelf -n t1; strip -o t1s t1
	# the coreutils, util-linux and others RUN lines and tests/lib use
	# (GNU behaviour: sort -V, mawk; busybox's differ), first in PATH
	# (they read e0, an empty file of their own: a /dev/null that had become
	# a regular file once made base64 and od read gigabytes here)
	: >e0
	env true; dd if=/dev/zero of=/dev/null count=1; sleep 0; cat e0
	head -n 1 e0; ls /; stat /; sort -V e0; sed q e0
	grep -q x e0; awk 'BEGIN { }'; cut -c 1 e0; tr a b <e0
	wc -l e0; date; tail -n 1 e0; readlink -f /; mktemp -u
	rm -f none; mkdir -p d1; rmdir d1; touch t1; cp t1 t2; ln -sf t1 t3; mv t2 t4
	timeout 1 true; taskset -p $$; setpriv --dump; capsh --print; unshare --help
	strace -o /dev/null true; base64 e0; xargs <e0; find . -maxdepth 0
	basename /; dirname /; seq 1; od e0; nproc; id; uname -r; mkfifo f1
	kill -0 $$; printf ''; who; tee t6 <e0; expr 1 + 1
	# tests/lib/cgroup2.sh and memcg.sh find the cgroup mounts with it
	findmnt -n -t cgroup2 -o TARGET
	# sh is the host's too (dash): busybox sh runs its own applets (setpriv)
	# before PATH, and tests/lib/as-user.sh needs util-linux's
	sh -c true
	# the guest runs with LC_ALL=C: python3 needs its ascii codec there
	LC_ALL=C /usr/bin/python3 -c 'import ctypes, json, os, socket, subprocess, sys, time, struct, signal, encodings.ascii, encodings.latin_1, encodings.utf_8, encodings.idna; socket.getaddrinfo("127.0.0.1", 1)'
}

host_tools() {	# root
	local r=$1 w=$TMP/tools f src
	[ "${QTRACE_VM_HOST_TOOLS:-1}" = 1 ] || return 0
	command -v strace >/dev/null || die "strace not found (apt-get install strace), or QTRACE_VM_HOST_TOOLS=0"
	# tests/soak's load.c and count.c are built by run/soak-exact
	mkdir -p "$w" && cp "$VMDIR"/../workloads/*.c "$VMDIR"/../workloads/*.cpp "$VMDIR"/../soak/*.c "$w/"
	(cd "$w" && strace --seccomp-bpf -f -qq -o "$w/trace" -e trace=%file,execve \
		bash -c "$(declare -f tool_probe); tool_probe") >/dev/null 2>&1
	# ld loads every /usr/lib/bfd-plugins/* (LLVMgold: 240 MB of LLVM, ICU,
	# z3): the plugins and the libraries only they need stay out
	# (a library stays when anything else shipped needs it: python's
	# _ctypes needs libffi, as LLVM does)
	{ ls -d /usr/lib/bfd-plugins/LLVM* 2>/dev/null
	  ldd /usr/lib/bfd-plugins/LLVM* 2>/dev/null | awk '/=>/ { print $3 }'
	} | while read -r f; do say "$f"; realpath "$f"; done | sort -u >"$w/plugin-deps"
	# the paths of the calls that succeeded
	sed -n 's/^[0-9]* *[a-z0-9_]*(\([A-Z_]*, *\)\{0,1\}"\(\/[^"]*\)".*) = [0-9].*/\2/p' "$w/trace" |
		grep -v -e '^/proc' -e '^/sys' -e '^/dev' -e '^/tmp' -e "^$TMP" |
		while read -r f; do realpath -m -s "$f"; done | sort -u >"$w/opened"
	grep -v -x -F -f "$w/plugin-deps" "$w/opened" | while read -r f; do
		[ -f "$f" ] && ldd "$f" 2>/dev/null | awk '/=>/ { print $3 }'
	done | while read -r f; do say "$f"; realpath "$f"; done | sort -u >"$w/needed"
	grep -v -x -F -f "$w/needed" "$w/plugin-deps" >"$w/plugin-only"
	grep -v -x -F -f "$w/plugin-only" "$w/opened" >"$w/files"
	readelf -l /usr/bin/bash | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p' >>"$w/files"
	while read -r f; do
		src=$(realpath -e "$f" 2>/dev/null) && [ -f "$src" ] || continue
		f=$(realpath -m -s "$f")
		# busybox owns /bin and /sbin (merged /usr: the same files live in /usr)
		case "$f" in /bin/*|/sbin/*) f=/usr$f ;; esac
		mkdir -p "$r$(dirname "$f")" && cp -L "$src" "$r$f"
	done <"$w/files"
	# RUN lines and workloads name /bin/bash, /bin/sh, /bin/true ... and
	# expect the host's (dynamic: they open libraries; not multi-call:
	# exit_codes.sh runs a link to /bin/sleep as qtx-sleep); busybox fills
	# the rest of /bin with its applets at boot
	for f in bash sh true sleep cat echo; do
		[ -x "$r/usr/bin/$f" ] && ln -sf "/usr/bin/$f" "$r/bin/$f"
	done
	[ -x "$r/usr/bin/gcc" ] && [ -x "$r/usr/bin/bash" ] ||
		die "host tools: no gcc or bash found by strace (see $w/trace)"
	info "host tools: $(wc -l <"$w/files") files, $(du -sm "$r" | cut -f 1) MiB in the root" >&2
}

# The part of the initramfs shared by all kernels: each suite's files and
# the workloads in /tests/sN, and a run script per test in /tests/.run.
build_base_initramfs() {
	local r=$TMP/root s n g cmd
	mkdir -p "$r"/{bin,usr/bin,proc,sys,dev,tmp,root,tests/.run}
	cp "$BUSYBOX" "$r/bin/busybox"
	cp "$TMP/build/qexit" "$r/bin/qexit"
	cp "$VMDIR/init.sh" "$r/init" && chmod 755 "$r/init"
	if [ -n "$qtrace_bin" ]; then
		# -g debug info is dead weight in the guest; symbols stay
		strip --strip-debug -o "$r/usr/bin/qtrace" "$qtrace_bin" 2>/dev/null ||
			cp "$qtrace_bin" "$r/usr/bin/qtrace"
	fi
	host_tools "$r"
	# $SRCDIR of the host's suites: workloads and helper scripts
	mkdir -p "$r/src/tests"
	cp -r "$VMDIR/../workloads" "$VMDIR/../lib" "$VMDIR/../soak" "$r/src/tests/"
	cp -r "$VMDIR/../../stdlib" "$r/src/"
	[ -n "${QTRACE_VM_EXTRA_ROOT:-}" ] && cp -a "$QTRACE_VM_EXTRA_ROOT"/. "$r/"
	while IFS=$'\t' read -r s n g k _; do
		if [ ! -d "$r$g" ]; then
			mkdir -p "$r$g"
			cp -r "$s"/. "$r$g/"	# the tests, and what they read beside them (imports/, *.awk)
			cp "$TMP"/build/workloads/* "$r$g/" 2>/dev/null
			[ "$s" = "$VMDIR/selftest" ] && cp "$TMP/build/selftest/bpfcount" "$r$g/"
		fi
		cmd=$(directive "$s/$n.qt" RUN)
		[ -n "$cmd" ] || cmd='qtrace %s'
		cmd=${cmd//%s/$n.qt}
		case "$cmd" in qtrace|qtrace[[:space:]]*) cmd="\"\$QTRACE\"${cmd#qtrace}" ;; esac
		{
			say "cd $g || exit 126"
			say "QTRACE=/usr/bin/qtrace SRCDIR=/src LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin"
			say "export QTRACE SRCDIR LC_ALL PATH"
			say "$cmd"
		} >"$r/tests/.run/$k.sh"
	done <"$TMP/tests"
	# not compressed: gunzip of 70 MB took the guest 6-13 s of its boot
	# under TCG (and the host 30-90 s of gzip); the kernel takes plain cpio
	(cd "$r" && find . | cpio -o -H newc --quiet) >"$TMP/base.cpio" ||
		die "cannot build the initramfs"
}

# Per kernel: a second cpio with the list of tests for this kernel line
# (for each of its SHARDS guests, a part of it).  The kernel unpacks
# concatenated archives in order.
build_kernel_initramfs() {	# line
	local line=$1 r=$TMP/list-$1 s n k id ks vs i u
	mkdir -p "$r/tests/.run"
	: >"$r/tests/.run/list"
	: >"$TMP/skipped-$line"
	while IFS=$'\t' read -r s n _ k id; do
		vs=$(directive "$s/$n.qt" VM)
		case "$vs" in
		skip|skip[[:space:]]*)
			vs=${vs#skip}
			printf '%s\t%s\n' "$id" "${vs#"${vs%%[![:space:]]*}"}" >>"$TMP/skipped-$line"
			continue ;;
		?*) die "$s/$n.qt: unknown '// VM: $vs' (only 'skip REASON')" ;;
		esac
		ks=$(directive "$s/$n.qt" KERNELS)
		if [ -n "$ks" ] && ! [[ " $ks " == *" $line "* ]]; then
			printf '%s\tnot for kernel %s\n' "$id" "$line" >>"$TMP/skipped-$line"
			continue
		fi
		say "$k $(guest_timeout "$s/$n.qt")" >>"$r/tests/.run/list"
	done <"$TMP/tests"
	# SHARDS guests for this line, each with every SHARDS-th test
	for ((i = 1; i <= SHARDS; i++)); do
		u=$TMP/list-$line.$i
		mkdir -p "$u/tests/.run"
		awk -v n="$SHARDS" -v i="$i" '(NR - 1) % n == i - 1' "$r/tests/.run/list" \
			>"$u/tests/.run/list"
		(cd "$u" && find . | cpio -o -H newc --quiet) >"$u.cpio"
		cat "$TMP/base.cpio" "$u.cpio" >"$TMP/initrd-$line.$i"
	done
}

# --- booting ---

boot_guest() {	# line.shard vmlinuz
	local unit=$1 kernel=$2 d=$TMP/run-$1 tmo t t0 t1 rc
	mkdir -p "$d"
	tmo=$BOOT_SECS
	while read -r _ t; do
		tmo=$((tmo + t + 10))
	done <"$TMP/list-$unit/tests/.run/list"
	# a hung guest must not hold CI for the sum of 300 tests' timeouts
	[ "$tmo" -le "$GUEST_MAX" ] || tmo=$GUEST_MAX
	t0=$(date +%s.%N)
	# never KVM: the host's kvm_pvm hangs stock kernels (see the design doc)
	# RDRAND (TCG emulates it) seeds the kernel's RNG at boot: without it the
	# crng was ready only after 142 s, and until then static glibc's
	# getrandom(GRND_NONBLOCK) failed with EAGAIN (stdlib-cgsys counted it)
	timeout --foreground -k 10 "$tmo" qemu-system-x86_64 -accel tcg -cpu qemu64,+rdrand \
		-m "$MEM" -smp 1 \
		-nodefaults -no-user-config -display none -no-reboot \
		-kernel "$kernel" -initrd "$TMP/initrd-$unit" \
		-append "console=ttyS0 quiet panic=-1${APPEND:+ $APPEND}" \
		-serial "file:$d/console.log" -serial "file:$d/results.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		</dev/null >"$d/qemu.out" 2>&1
	rc=$?
	t1=$(date +%s.%N)
	say "$rc" >"$d/qemu.rc"
	say "$tmo" >"$d/timeout"
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' >"$d/wall"
}

# Split results.log into NAME.stdout/.stderr/.end files.
split_results() {	# dir
	local d=$1
	mkdir -p "$d/t"
	awk -v dir="$d/t" '
	/^QT-BEGIN / { print > (dir "/../begin"); next }
	/^QT-TEST-START / { name = $2; sec = ""
		printf "" > (dir "/" name ".stdout.b64")
		printf "" > (dir "/" name ".stderr.b64")
		print name > (dir "/../started"); next }
	/^QT-STDOUT$/ { sec = "stdout"; next }
	/^QT-STDERR$/ { sec = "stderr"; next }
	/QT-TEST-END / { sub(/.*QT-TEST-END /, ""); print > (dir "/" name ".end")
		sec = ""; next }
	/^QT-DONE/ { print > (dir "/../done"); next }
	sec != "" { print >> (dir "/" name "." sec ".b64") }
	' "$d/results.log" 2>/dev/null
}

# --- comparing (the rules of tests/run-tests.sh) ---

pass=0 fail=0 skip=0
failed_names=()



expect_file() {	# dir base ext line -> NAME.LINE.ext if present, else NAME.ext
	if [ -f "$1/$2.$4.$3" ]; then say "$1/$2.$4.$3"; else say "$1/$2.$3"; fi
}

compare_one() {	# line suite-dir name result-dir key id
	local line=$1 dir=$2 base=$3 t=$4/t k=$5 name="vm-$1/$6" detail exp_exit rc to secs limit
	local eout ere eerr out=$t/$k.stdout err=$t/$k.stderr
	detail=$t/$k.detail
	: >"$detail"
	base64 -d "$t/$k.stdout.b64" >"$out" 2>/dev/null
	base64 -d "$t/$k.stderr.b64" >"$err" 2>/dev/null
	read -r _ rc to secs limit <"$t/$k.end"
	rc=${rc#rc=} to=${to#timedout=} secs=${secs#secs=} limit=${limit#limit=}
	eout=$(expect_file "$dir" "$base" out "$line")
	ere=$(expect_file "$dir" "$base" re "$line")
	eerr=$(expect_file "$dir" "$base" err "$line")
	exp_exit=$(directive "$dir/$base.qt" EXIT)
	[ -n "$exp_exit" ] || { [ -f "$eerr" ] && exp_exit=1 || exp_exit=0; }

	if [ "$to" = 1 ]; then
		echo "timed out after ${limit}s in the guest (TIMEOUT x $SCALE)" >>"$detail"
	elif [ "$rc" != "$exp_exit" ]; then
		echo "exit status $rc, expected $exp_exit" >>"$detail"
	fi
	if [ -f "$eout" ] && ! diff -u "$eout" "$out" >>"$detail"; then
		echo "(stdout differs)" >>"$detail"
	fi
	if [ -f "$ere" ] && ! match_regex_lines "$ere" "$out" >>"$detail"; then
		echo "(stdout does not match $(basename "$ere"))" >>"$detail"
	fi
	if [ -f "$eerr" ] && ! diff -u "$eerr" "$err" >>"$detail"; then
		echo "(stderr differs)" >>"$detail"
	fi
	if [ ! -f "$eout" ] && [ ! -f "$ere" ] && [ ! -f "$eerr" ]; then
		echo "no expectation file (.out, .re or .err)" >>"$detail"
	fi
	if [ -s "$detail" ]; then
		{ echo "--- stderr:"; head -n 20 "$err"; } >>"$detail"
		record FAIL "$name" "$detail"
	else
		record PASS "$name"
	fi
}

why_unreported() {	# result-dir -> one line on how the guest ended
	local d=$1 rc
	rc=$(cat "$d/qemu.rc")
	case "$rc" in
	124|137) say "guest hung: killed after $(cat "$d/timeout")s" ;;
	0) say "guest ended without a verdict (kernel panic or /init died)" ;;
	1) say "guest finished but did not report this test" ;;
	*) say "qemu exited with status $rc: $(head -c 300 "$d/qemu.out")" ;;
	esac
}

report_kernel() {	# line pkg
	local line=$1 pkg=$2 d s n k id why ntests=0 nskip=0 i walls=
	local -A shard_of lost
	for ((i = 1; i <= SHARDS; i++)); do
		split_results "$TMP/run-$line.$i"
		while read -r k _; do
			shard_of[$k]=$i
		done <"$TMP/list-$line.$i/tests/.run/list"
		walls="$walls${walls:+ + }$(cat "$TMP/run-$line.$i/wall")s (rc $(cat "$TMP/run-$line.$i/qemu.rc"))"
	done
	while IFS=$'\t' read -r id why; do
		nskip=$((nskip + 1))
		record SKIP "vm-$line/$id" "$why"
	done <"$TMP/skipped-$line"
	while IFS=$'\t' read -r s n _ k id; do
		i=${shard_of[$k]:-}
		[ -n "$i" ] || continue
		d=$TMP/run-$line.$i
		ntests=$((ntests + 1))
		if [ -f "$d/t/$k.end" ]; then
			compare_one "$line" "$s" "$n" "$d" "$k" "$id"
			continue
		fi
		lost[$i]=$((${lost[$i]:-0} + 1))
		why_unreported "$d" >"$d/t/$k.detail"
		if [ "${lost[$i]}" = 1 ]; then
			if grep -qxF "$k" "$d/started" 2>/dev/null; then
				say "(the guest was running this test)" >>"$d/t/$k.detail"
			fi
			if [ -s "$d/console.log" ]; then
				say "--- console (ttyS0) tail:"
				tail -n 30 "$d/console.log"
			else
				say "--- console (ttyS0) empty (the kernel boots with 'quiet')"
			fi >>"$d/t/$k.detail"
		fi
		record FAIL "vm-$line/$id" "$d/t/$k.detail"
	done <"$TMP/tests"
	info "vm-$line: $pkg ($(sed -n 's/.*kernel=\([^ ]*\).*/\1/p' "$TMP/run-$line.1/begin" 2>/dev/null)):" \
		"$ntests tests run, $nskip skipped; $SHARDS guest(s), boot+tests+poweroff $walls wall"
	durations "$line"
}

# Each test's seconds in the guest (uptime, whole seconds): the slowest on
# one line, and all of them in QTRACE_VM_TIMES=FILE ("LINE NAME SECS").
durations() {	# line
	local line=$1 f
	for f in "$TMP/run-$line".*/t/*.end; do
		[ -f "$f" ] || continue
		sed -n 's/^\([^ ]*\) .*secs=\([0-9]*\).*/\2 \1/p' "$f"
	done | sort -rn >"$TMP/secs-$line"
	[ -s "$TMP/secs-$line" ] || return 0
	info "vm-$line slowest: $(head -n 12 "$TMP/secs-$line" | awk '{ printf "%s%s %ss", (NR > 1 ? ", " : ""), $2, $1 }')"
	[ -n "${QTRACE_VM_TIMES:-}" ] &&
		awk -v l="$line" '{ print l, $2, $1 }' "$TMP/secs-$line" >>"$QTRACE_VM_TIMES"
	return 0
}

# --- main ---

check_host
build_helpers
collect_tests
start=$(date +%s.%N)
lines=()
declare -A vmlinuz pkgs
for line in $kernels; do
	if ! k=$(fetch_kernel "$line"); then
		record FAIL "vm-$line/kernel" "$TMP/no-such-file"
		say "    cannot fetch a Debian cloud kernel of line $line (bookworm has 6.1 and 6.12)"
		continue
	fi
	vmlinuz[$line]=$k
	pkgs[$line]=$(basename "$(dirname "$k")")
	lines+=("$line")
done
t_fetch=$(date +%s.%N)
# guests per kernel line: the host's cores shared out (QTRACE_VM_SHARDS)
SHARDS=${QTRACE_VM_SHARDS:-$(( ${#lines[@]} ? JOBS / ${#lines[@]} : 1 ))}
[ "$SHARDS" -ge 1 ] 2>/dev/null || SHARDS=1
build_base_initramfs
for line in "${lines[@]}"; do
	build_kernel_initramfs "$line"
done
info "initramfs: $(($(stat -c %s "$TMP/base.cpio") / 1024)) KiB, built in" \
	"$(awk -v a="$t_fetch" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s"

# one guest per host core: -smp 1 each is faster under TCG than -smp 2
running=0
for ((i = 1; i <= SHARDS; i++)); do
	for line in "${lines[@]}"; do
		if [ "$running" -ge "$JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
		boot_guest "$line.$i" "${vmlinuz[$line]}" &
		running=$((running + 1))
	done
done
wait

for line in "${lines[@]}"; do
	report_kernel "$line" "${pkgs[$line]}"
done
info "total $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s" \
	"(kernel fetch $(awk -v a="$start" -v b="$t_fetch" 'BEGIN { printf "%.1f", b - a }')s)"

if [ $fail -gt 0 ]; then
	say ""
	say "failed: ${failed_names[*]}"
fi
say "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
