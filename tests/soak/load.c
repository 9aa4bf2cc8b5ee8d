// SPDX-License-Identifier: GPL-2.0
/*
 * The soak's workload: one thread per CPU calling getppid(2) as fast as it
 * can for SECONDS, each counting its own calls; the total is written to
 * OUTFILE, the count qtrace's delivered + lost events must equal, followed
 * by the CPU seconds the process used (user + system: the traced calls'
 * cost, probes included).  Nothing else in the process calls getppid.
 *
 *   load SECONDS OUTFILE
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>

static atomic_int stop;

static void *spin(void *arg)
{
	unsigned long long *n = arg;

	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		syscall(SYS_getppid);
		(*n)++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	long i, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long long *n, total = 0;
	pthread_t *tid;
	struct rusage ru;
	FILE *f;

	if (argc != 3)
		return 2;
	if (ncpu < 1)
		ncpu = 1;
	n = calloc(ncpu, 64);	/* a cache line each */
	tid = calloc(ncpu, sizeof(*tid));
	if (!n || !tid)
		return 1;
	for (i = 0; i < ncpu; i++)
		pthread_create(&tid[i], NULL, spin, &n[i * 8]);
	sleep(atoi(argv[1]));
	atomic_store(&stop, 1);
	for (i = 0; i < ncpu; i++) {
		pthread_join(tid[i], NULL);
		total += n[i * 8];
	}
	f = fopen(argv[2], "w");
	if (!f)
		return 1;
	getrusage(RUSAGE_SELF, &ru);
	fprintf(f, "%llu %.2f\n", total,
		ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
		(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return fclose(f) ? 1 : 0;
}
