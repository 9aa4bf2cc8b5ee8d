// SPDX-License-Identifier: GPL-2.0
/*
 * The usdt workload's probe with a semaphore, qt:guarded(i): in a file of
 * its own because _SDT_HAS_SEMAPHORES gives every probe of the file one.
 * The kernel sets the semaphore while a tracer has the probe attached.
 */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

__extension__ unsigned short qt_guarded_semaphore __attribute__((unused))
	__attribute__((section(".probes")));

/* 1 if the probe was enabled (and fired), else 0. */
__attribute__((noinline)) int work_guarded(int i)
{
	if (!qt_guarded_semaphore)
		return 0;
	DTRACE_PROBE1(qt, guarded, i);
	return 1;
}
