// SPDX-License-Identifier: GPL-2.0
/*
 * Allocates argv[1] MB of anonymous memory and touches every page, so the
 * page allocator hands this process at least that many pages; named
 * "qt_pagealloc".  Usage: page_alloc MB
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 32) << 20;
	char *p;

	prctl(PR_SET_NAME, "qt_pagealloc", 0, 0, 0);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
	usleep(100000);
	return 0;
}
