// SPDX-License-Identifier: GPL-2.0
/*
 * Known system calls, for a cgroup's syscall counts and flight recorder:
 * named "qt_cgwork", it fails openat() argv[1] times (ENOENT), calls
 * getuid() argv[2] times, then close(-1) (EBADF), and ends in exit_group.
 * Raw syscalls, so libc adds none of its own.  Usage: cg_work OPENS GETUIDS
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int opens = argc > 1 ? atoi(argv[1]) : 5, uids = argc > 2 ? atoi(argv[2]) : 7;

	prctl(PR_SET_NAME, "qt_cgwork", 0, 0, 0);
	for (int i = 0; i < opens; i++)
		syscall(SYS_openat, AT_FDCWD, "/nonexistent/qt_cgwork", O_RDONLY);
	for (int i = 0; i < uids; i++)
		syscall(SYS_getuid);
	syscall(SYS_close, -1);
	syscall(SYS_exit_group, 0);
	return 0;
}
