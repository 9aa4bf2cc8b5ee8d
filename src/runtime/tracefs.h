/* SPDX-License-Identifier: GPL-2.0 */
/* Finding (and mounting, as perf does) tracefs. */
#ifndef QT_TRACEFS_H
#define QT_TRACEFS_H

/*
 * "/sys/kernel/tracing" (mounted there if it was not), or the debugfs
 * fallback; NULL with errno set when neither can be had.
 */
const char *tracefs_dir(void);

#endif
