// SPDX-License-Identifier: GPL-2.0
/*
 * A known high-order kernel allocation: growing a pipe to argv[1] KB makes
 * pipe_resize_ring() kcalloc one struct pipe_buffer (40 bytes) per page of
 * the pipe, e.g. 10240 bytes for 1024 KB: past the largest kmalloc cache
 * (8 KB), so the page allocator gives an order-2 block.  Done argv[2] times,
 * each on a new pipe; named "qt_piperesize".  Usage: pipe_resize KB TIMES
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int kb = argc > 1 ? atoi(argv[1]) : 1024, times = argc > 2 ? atoi(argv[2]) : 1;
	int fd[2];

	prctl(PR_SET_NAME, "qt_piperesize", 0, 0, 0);
	for (int i = 0; i < times; i++) {
		if (pipe(fd) || fcntl(fd[0], F_SETPIPE_SZ, kb << 10) < 0)
			return 1;
		close(fd[0]);
		close(fd[1]);
	}
	return 0;
}
