// SPDX-License-Identifier: GPL-2.0
/* Finding tracefs, mounting it at /sys/kernel/tracing when it is not there. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>
#include "runtime/tracefs.h"

#define TRACEFS "/sys/kernel/tracing"
#define DEBUGFS_TRACING "/sys/kernel/debug/tracing"

/* A tracefs holds available_events; an empty mount point does not. */
static int usable(const char *dir)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/available_events", dir);
	return access(path, R_OK) == 0;
}

const char *tracefs_dir(void)
{
	static const char *dir;
	int err;

	if (dir)
		return dir;
	if (usable(TRACEFS))
		return dir = TRACEFS;
	/* as perf does: the kernel creates the mount point since 4.1 */
	if (mount("nodev", TRACEFS, "tracefs", 0, NULL) == 0 && usable(TRACEFS))
		return dir = TRACEFS;
	err = errno;
	if (usable(DEBUGFS_TRACING))
		return dir = DEBUGFS_TRACING;
	errno = err ? err : ENOENT;
	return NULL;
}
