// SPDX-License-Identifier: GPL-2.0
/*
 * A task in D state from before tracing starts: the parent of a vfork child
 * waits uninterruptibly (TASK_KILLABLE, "D" in ps) until the child execs or
 * exits; the child sleeps argv[1] seconds first.  Both are named
 * "qt_vfork_d".  Usage: vfork_d SECONDS
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	struct timespec ts = { argc > 1 ? atoi(argv[1]) : 10, 0 };
	pid_t pid;

	prctl(PR_SET_NAME, "qt_vfork_d", 0, 0, 0);
	pid = vfork();
	if (pid == 0) {
		/* only raw syscalls in a vfork child: it runs on the parent's stack */
		syscall(SYS_nanosleep, &ts, NULL);
		_exit(0);
	}
	return pid < 0;
}
