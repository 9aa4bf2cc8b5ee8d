// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the usdt tests (<sys/sdt.h>): `usdt_target N [MS]` fires, for
 * i in 1..N, MS milliseconds apart (default 0):
 *   qt:start                      no arguments
 *   qt:pair(i, name)              int and a string ("item<i>", on the stack)
 *   qt:sizes(c, us, neg, big, a, g)
 *                                 char -i, unsigned short 60000 + i, long
 *                                 -100 * i, unsigned long i << 40, int read
 *                                 through a pointer (a memory operand) and a
 *                                 global long (sym(%rip) at -O2)
 *   qt:tick(i) and qt:tick(-i)    one probe inlined at two sites
 *   qt:guarded(i)                 only while its semaphore is set (usdt_sema.c)
 * then once aux:start (a second provider with a probe named start),
 * qt:odd, whose argument specs qtrace cannot read but the last, and
 * qt:done(n), n: how many times qt:guarded's semaphore was seen set.
 * Built with -O0 the arguments are mostly -N(%rbp) memory operands, with -O2
 * mostly registers; `readelf -n` shows them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/sdt.h>

struct pt {
	int a;
	long b;
};

volatile long g = 7;

int work_guarded(int i);	/* usdt_sema.c */

static inline __attribute__((always_inline)) void tick(int i)
{
	DTRACE_PROBE1(qt, tick, i);
}

__attribute__((noinline)) void work(int i, struct pt *p)
{
	signed char c = -i;
	unsigned short us = 60000 + i;
	long neg = -100L * i;
	char name[16];

	snprintf(name, sizeof(name), "item%d", i);
	DTRACE_PROBE(qt, start);
	DTRACE_PROBE2(qt, pair, i, name);
	DTRACE_PROBE6(qt, sizes, c, us, neg, (unsigned long)i << 40, p->a, g);
	tick(i);
}

int main(int argc, char **argv)
{
	struct pt x = { 5, 6 };
	int i, n = argc > 1 ? atoi(argv[1]) : 3, seen = 0;
	long ms = argc > 2 ? atol(argv[2]) : 0;
	struct timespec gap = { ms / 1000, ms % 1000 * 1000000 };

	for (i = 1; i <= n; i++) {
		x.a = 10 * i;
		work(i, &x);
		tick(-i);
		seen += work_guarded(i);
		if (ms)
			nanosleep(&gap, NULL);
	}
	DTRACE_PROBE(aux, start);
	/* specs written by hand: a segment register, a symbol, a size of 3 */
	__asm__ __volatile__ (STAP_PROBE_ASM(qt, odd, 8@%fs:8 -4@$sym 3@%rdi 8@%rdi));
	DTRACE_PROBE1(qt, done, seen);
	return 0;
}
