// SPDX-License-Identifier: GPL-2.0
/*
 * A USDT probe whose arguments are all memory operands (the "m"
 * constraint), three calls of qt:mem(counter, table[100], *bad, local):
 *   counter     sym(%rip)           6, 7, 8
 *   table[100]  800+table(%rip)     GNU as's constant-first form: 100, 200, 300
 *   *bad        (%reg)              a PROT_NONE page: every read fails
 *   local       disp(%rsp)          42
 * Every page but bad's is written first, so the probe can read it.
 */
#define STAP_SDT_ARG_CONSTRAINT m
#include <sys/mman.h>
#include <sys/sdt.h>
#include <unistd.h>

long counter = 5;
long table[256];

int main(void)
{
	long *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile long local = 42;
	int i;

	if (bad == MAP_FAILED)
		return 1;
	for (i = 1; i <= 3; i++) {
		counter++;
		table[100] = 100 * i;
		DTRACE_PROBE4(qt, mem, counter, table[100], *bad, local);
		usleep(1000);
	}
	return 0;
}
