// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the uprobe -p tests: `uprobe_libuser N MS` calls
 * lib_work(i) from libqtupx.so for i in 1..N, one call every MS
 * milliseconds, so that a tracer started after it can attach.
 */
#include <stdlib.h>
#include <time.h>

long lib_work(long n);

volatile long sink;

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 5;
	long ms = argc > 2 ? atol(argv[2]) : 10;
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	for (i = 1; i <= n; i++) {
		sink += lib_work(i);
		nanosleep(&ts, NULL);
	}
	return 0;
}
