// SPDX-License-Identifier: GPL-2.0
/*
 * Holds a file open at fd 7 and mapped (two pages, read-only) until killed,
 * for the iter:task_file and iter:task_vma tests.  Usage: hold_file PATH
 */
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	int fd = argc > 1 ? open(argv[1], O_RDONLY) : -1;

	if (fd < 0 || dup2(fd, 7) != 7)
		return 1;
	close(fd);
	if (mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 7, 0) == MAP_FAILED)
		return 1;
	pause();
	return 0;
}
