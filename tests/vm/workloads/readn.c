// SPDX-License-Identifier: GPL-2.0
/*
 * readn N: exactly N read(2) calls of one byte from /dev/zero, nothing else
 * that reaches vfs_read, so probe counts on vfs_read are known in advance.
 * Static (no loader reading libraries), and its comm is "readn" for filters.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
	char c;
	int fd = open("/dev/zero", O_RDONLY);

	if (fd < 0) {
		perror("readn: /dev/zero");
		return 1;
	}
	for (long i = 0; i < n; i++) {
		if (read(fd, &c, 1) != 1) {
			perror("readn: read");
			return 1;
		}
	}
	return 0;
}
