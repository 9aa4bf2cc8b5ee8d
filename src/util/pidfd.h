/* SPDX-License-Identifier: GPL-2.0 */
/* pidfd_open(2), which glibc 2.36 has no wrapper for. */
#ifndef QT_PIDFD_H
#define QT_PIDFD_H

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL	/* a pidfd of a thread, not a process: Linux 6.9 */
#endif

static inline int qt_pidfd_open(int pid, unsigned int flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

#endif
