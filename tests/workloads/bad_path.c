// SPDX-License-Identifier: GPL-2.0
/*
 * openat() N times with a path that a probe cannot read: a pointer into a
 * page mapped PROT_NONE (the kernel answers EFAULT; a probe's str() of the
 * path fails the same way).  With "good", the same calls with a readable
 * path instead.  The calls use dirfd BAD_PATH_DIRFD (no such fd), so a test
 * can tell them from the loader's opens.  Usage: bad_path N [good]
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define BAD_PATH_DIRFD 12345

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1, i;
	int good = argc > 2 && !strcmp(argv[2], "good");
	char *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *path = good ? "qtrace-bad-path-good" : page;

	if (page == MAP_FAILED)
		return 1;
	/* the raw syscall: libc may check the path itself */
	for (i = 0; i < n; i++)
		syscall(SYS_openat, BAD_PATH_DIRFD, path, O_RDONLY);
	return 0;
}
