// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the stack tests: `spin MS` calls getppid() from
 * spin_inner(), called by spin_outer(), called by main(), for MS
 * milliseconds of CPU time, then exits.  Build it with
 * -fno-omit-frame-pointer: user stacks are walked by frame pointers.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) void spin_inner(void)
{
	int i;

	for (i = 0; i < 1000; i++)
		sink += i;
	sink += getppid();
}

__attribute__((noinline)) void spin_outer(long ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		spin_inner();
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 +
		 (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

int main(int argc, char **argv)
{
	spin_outer(argc > 1 ? atol(argv[1]) : 100);
	return 0;
}
