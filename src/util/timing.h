/* SPDX-License-Identifier: GPL-2.0 */
/* QTRACE_TIMING=1: wall and CPU time of each phase, on stderr. */
#ifndef QT_TIMING_H
#define QT_TIMING_H

#include <stdbool.h>

/* Read QTRACE_TIMING and take the first mark (the CPU spent before main). */
void timing_start(void);
/* The phase that ends now: its wall, user and system time since the last mark. */
void timing_mark(const char *phase);
bool timing_on(void);

#endif
