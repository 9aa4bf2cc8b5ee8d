// SPDX-License-Identifier: GPL-2.0
/*
 * Allocates and touches anonymous memory 1 MB at a time, up to argv[1] MB,
 * so inside a memory cgroup with a smaller limit (and no swap) the OOM
 * killer picks it: the only task there.  Named "qt_oomhog"; prints its pid
 * first so the test knows the victim.  Usage: oom_hog MAX_MB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int max = argc > 1 ? atoi(argv[1]) : 1024;

	prctl(PR_SET_NAME, "qt_oomhog", 0, 0, 0);
	printf("victim %d\n", getpid());
	fflush(stdout);
	for (int i = 0; i < max; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 2;
		memset(p, 1, 1 << 20);
	}
	return 1;	/* not killed: the limit did not hold */
}
