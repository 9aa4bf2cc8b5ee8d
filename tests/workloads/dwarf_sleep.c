// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for ustack(dwarf) through libc: `dwarf_sleep N` calls usleep()
 * N times from main -> nap_outer -> nap_inner.  Debian's libc has no
 * frame pointers: a frame-pointer walk from its clock_nanosleep() never
 * reaches nap_inner; its .eh_frame CFI does.
 */
#include <stdlib.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) void nap_inner(void)
{
	usleep(200);
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void nap_outer(void)
{
	nap_inner();
	__asm__ volatile("" ::: "memory");
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 100;

	for (i = 0; i < n; i++)
		nap_outer();
	return 0;
}
