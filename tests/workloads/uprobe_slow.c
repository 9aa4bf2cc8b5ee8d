// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the uprobe latency tests: `uprobe_slow N` calls
 * handle_request(i) for i in 1..N; each call runs slow_op(i), which sleeps
 * 2.2 ms, and fast_op(i), which returns at once.  Then it calls the Go-named
 * main.(*Server).Slow, which also sleeps 2.2 ms, N times.  2.2 ms is inside
 * [2M, 4M) ns with 1.99 ms to spare for a late wakeup.  Build with -O0
 * -fno-omit-frame-pointer so that ustack walks through handle_request.
 */
#include <sched.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>

volatile long sink;

static void sleep_2200us(void)
{
	struct timespec ts = { 0, 2200000 };

	while (nanosleep(&ts, &ts) != 0)
		;
}

__attribute__((noinline)) long slow_op(long i)
{
	sleep_2200us();
	sink += i;
	return i;
}

__attribute__((noinline)) long fast_op(long i)
{
	sink += i;
	return i;
}

__attribute__((noinline)) long handle_request(long i)
{
	return slow_op(i) + fast_op(i);
}

long server_slow(long i) __asm__("\"main.(*Server).Slow\"");

__attribute__((noinline)) long server_slow(long i)
{
	sleep_2200us();
	sink += i;
	return i;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 5;
	struct sched_param sp = { .sched_priority = 1 };

	/* Wake as close to 2.2 ms as the kernel can, even on a loaded machine
	 * (SCHED_FIFO needs privileges, which the tracer has; failure is fine). */
	prctl(PR_SET_TIMERSLACK, 1UL);
	sched_setscheduler(0, SCHED_FIFO, &sp);

	for (i = 1; i <= n; i++)
		sink += handle_request(i);
	for (i = 1; i <= n; i++)
		sink += server_slow(i);
	return 0;
}
