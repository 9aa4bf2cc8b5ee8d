// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the profile output tests: `hot_cold MS` spends MS ms of CPU
 * time, 80% in main -> a -> b -> hot_loop and 20% in main -> cold_loop
 * (equal loops, 4:1 iterations).  Build with -O0 -fno-omit-frame-pointer
 * so every function has its frame.
 */
#include <stdlib.h>
#include <time.h>

volatile long sink;

__attribute__((noinline)) void hot_loop(long n)
{
	long i;

	for (i = 0; i < n; i++)
		sink += i;
}

__attribute__((noinline)) void cold_loop(long n)
{
	long i;

	for (i = 0; i < n; i++)
		sink += i;
}

__attribute__((noinline)) void b(long n)
{
	hot_loop(n);
}

__attribute__((noinline)) void a(long n)
{
	b(n);
}

static long cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 1000, end = cpu_ms() + ms;

	unsigned long r = 1;

	/*
	 * Rounds of varying length (still 4:1): rounds of one length can
	 * phase-lock with a 999 Hz sampler, which then lands in one loop
	 * only (a run once saw cold_loop at 0.07%).
	 */
	do {
		r = r * 6364136223846793005ul + 1442695040888963407ul;
		a(80000 + (long)(r >> 52));
		cold_loop(20000 + (long)(r >> 54));
	} while (cpu_ms() < end);
	return 0;
}
