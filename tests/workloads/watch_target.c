// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for watchpoint tests: `watch_target [N]` writes the global
 * `counter` N times (default 5), 2 ms apart.  Build it with -no-pie.
 */
#include <stdlib.h>
#include <unistd.h>

volatile long counter;

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 5;

	for (i = 0; i < n; i++) {
		usleep(2000);
		counter += 1;
	}
	return 0;
}
