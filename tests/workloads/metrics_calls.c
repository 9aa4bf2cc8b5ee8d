// SPDX-License-Identifier: GPL-2.0
/*
 * The --metrics tests' workload: N getppid() calls, then write() to the
 * closed fd 99 of 1, 2, 3, 5 and 8 bytes (EBADF: nothing written), then
 * READY is created and the process waits until STOP exists (at most 60 s),
 * so that the maps are read while it lives.
 *
 *   metrics_calls N READY STOP
 */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const int sizes[] = { 1, 2, 3, 5, 8 };
	static const char buf[8];
	struct timespec ms = { 0, 10 * 1000 * 1000 };
	int n, i, fd;

	if (argc != 4)
		return 2;
	n = atoi(argv[1]);
	for (i = 0; i < n; i++)
		getppid();
	for (i = 0; i < (int)(sizeof(sizes) / sizeof(sizes[0])); i++)
		if (write(99, buf, sizes[i]) >= 0)
			return 3;
	fd = open(argv[2], O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		return 4;
	close(fd);
	for (i = 0; i < 6000 && access(argv[3], F_OK); i++)
		nanosleep(&ms, NULL);
	return 0;
}
