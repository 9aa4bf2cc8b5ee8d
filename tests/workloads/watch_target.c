// SPDX-License-Identifier: GPL-2.0
/* Workload for watchpoint tests: writes the global `counter` 5 times (build -no-pie). */
#include <unistd.h>

volatile long counter;

int main(void)
{
	int i;

	for (i = 0; i < 5; i++) {
		usleep(2000);
		counter += 1;
	}
	return 0;
}
