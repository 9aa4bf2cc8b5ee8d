// SPDX-License-Identifier: GPL-2.0
/*
 * qexit: end the QEMU guest with a status the host can read.  Writing byte v
 * to QEMU's isa-debug-exit port (0xf4) makes qemu exit with (v << 1) | 1.
 * The Debian cloud kernels have no /dev/port (CONFIG_DEVPORT unset), hence
 * ioperm + outb.  Built with gcc -static by tests/vm/run-vm-tests.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>

int main(int argc, char **argv)
{
	int v = argc > 1 ? atoi(argv[1]) : 0;

	if (ioperm(0xf4, 4, 1)) {
		perror("qexit: ioperm");
		return 1;
	}
	outb((unsigned char)v, 0xf4);
	/* Only reached without the isa-debug-exit device. */
	fprintf(stderr, "qexit: no isa-debug-exit device at 0xf4\n");
	return 1;
}
