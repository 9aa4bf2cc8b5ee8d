// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the symbolization-speed test: `stack_many N` calls leaf()
 * N times, each time through a distinct path of 14 calls to za() or zb()
 * (the bits of the call's index), so N <= 16384 distinct user stacks; then
 * returns from main at once.  Build with -O0 -fno-omit-frame-pointer.
 */
#include <stdlib.h>

volatile long sink;

__attribute__((noinline)) void leaf(void)
{
	sink++;
}

void za(long bits, int depth);
void zb(long bits, int depth);

__attribute__((noinline)) static void step(long bits, int depth)
{
	if (depth == 0)
		leaf();
	else if (bits & 1)
		zb(bits >> 1, depth - 1);
	else
		za(bits >> 1, depth - 1);
}

__attribute__((noinline)) void za(long bits, int depth)
{
	step(bits, depth);
	sink++;
}

__attribute__((noinline)) void zb(long bits, int depth)
{
	step(bits, depth);
	sink++;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 1;

	for (i = 0; i < n; i++)
		step(i, 14);
	return 0;
}
