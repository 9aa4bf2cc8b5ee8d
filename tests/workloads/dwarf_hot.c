// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for ustack(dwarf): `dwarf_hot MS` burns MS ms of CPU time in
 * main -> a -> b -> hot_loop.  Built by its tests with -O2
 * -fomit-frame-pointer, so a frame-pointer walk cannot leave hot_loop;
 * noinline and the barriers after each call keep every frame (no inlining,
 * no tail calls).
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

__attribute__((noinline)) void b(long n)
{
	hot_loop(n);
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void a(long n)
{
	b(n);
	__asm__ volatile("" ::: "memory");
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

	while (cpu_ms() < end)
		a(2000000);
	return 0;
}
