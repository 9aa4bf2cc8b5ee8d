// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the stacks-after-exit tests: `stackexit N [exec]` calls
 * leaf() N times through main -> outer -> middle -> leaf, then at once
 * returns from main (or, with "exec", execs /bin/true, so the pid's maps
 * show another program).  Nothing sleeps: the process is gone a few
 * microseconds after its last stack was taken.  Build with
 * -fno-omit-frame-pointer.
 */
#pragma GCC optimize("no-omit-frame-pointer", "no-optimize-sibling-calls")
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) void leaf(long i)
{
	sink += i;
}

__attribute__((noinline)) void middle(long i)
{
	leaf(i);
	sink++;
}

__attribute__((noinline)) void outer(long i)
{
	middle(i);
	sink++;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 1;

	for (i = 0; i < n; i++)
		outer(i);
	if (argc > 2 && !strcmp(argv[2], "exec"))
		execl("/bin/true", "true", (char *)NULL);
	return 0;
}
