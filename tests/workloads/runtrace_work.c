// SPDX-License-Identifier: GPL-2.0
/*
 * Known on/off-CPU phases for one process, "qt_runtr", started once it gets
 * SIGUSR1 (so a tracer can attach first):
 *  1. on CPU until the thread has used 100 ms of CPU time;
 *  2. off CPU in S: read() on a pipe that a child "qt_waker" writes after
 *     sleeping 200 ms, then waitpid() for it (woken by its exit);
 *  3. off CPU in D: vfork() of a child "qt_vfchild" that sleeps 100 ms and
 *     exits, which wakes the parent;
 * then it exits.  Usage: runtrace_work
 */
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_usr1(int sig)
{
	(void)sig;
}

static long cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

int main(void)
{
	struct timespec nap = { 0, 200000000 }, vnap = { 0, 100000000 };
	sigset_t block, old;
	int fd[2];
	pid_t c;
	char b;

	prctl(PR_SET_NAME, "qt_runtr", 0, 0, 0);
	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigsuspend(&old);		/* until SIGUSR1 */

	for (long t0 = cpu_ns(); cpu_ns() - t0 < 100000000L;)
		;
	if (pipe(fd))
		return 1;
	c = fork();
	if (c == 0) {
		prctl(PR_SET_NAME, "qt_waker", 0, 0, 0);
		nanosleep(&nap, NULL);
		if (write(fd[1], "x", 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(fd[0], &b, 1) != 1 || waitpid(c, NULL, 0) != c)
		return 1;
	c = vfork();
	if (c == 0) {
		/* only raw syscalls in a vfork child: it runs on the parent's stack */
		syscall(SYS_prctl, PR_SET_NAME, "qt_vfchild", 0, 0, 0);
		syscall(SYS_nanosleep, &vnap, NULL);
		_exit(0);
	}
	waitpid(c, NULL, 0);
	return 0;
}
