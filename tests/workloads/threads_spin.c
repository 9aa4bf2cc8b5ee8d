// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for -p on perf-event probes: the main thread sleeps while two
 * other threads spin for `threads_spin MS` milliseconds of wall time.
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile long sink;
static long ms;

static void *spin(void *arg)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sink++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t a, b;

	ms = argc > 1 ? atol(argv[1]) : 1000;
	pthread_create(&a, NULL, spin, NULL);
	pthread_create(&b, NULL, spin, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	return 0;
}
