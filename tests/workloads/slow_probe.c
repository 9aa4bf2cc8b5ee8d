// SPDX-License-Identifier: GPL-2.0
/*
 * A probe still running when qtrace stops: a thread calls openat (dirfd
 * SLOW_PROBE_DIRFD, for the test's probe, which runs long), and the main
 * thread, once the thread is about to, calls getppid (whose probe calls
 * exit()) and waits for it.  Usage: slow_probe
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <sys/syscall.h>

#define SLOW_PROBE_DIRFD 12346

static atomic_int going;

static void *slow(void *arg)
{
	atomic_store(&going, 1);
	syscall(SYS_openat, SLOW_PROBE_DIRFD, "qtrace-slow-probe", 0);
	return arg;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, slow, NULL))
		return 1;
	while (!atomic_load(&going))
		;
	usleep(2000);
	syscall(SYS_getppid);
	pthread_join(t, NULL);
	return 0;
}
