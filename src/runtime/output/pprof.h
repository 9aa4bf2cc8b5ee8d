/* SPDX-License-Identifier: GPL-2.0 */
/* --pprof FILE: a profile as gzipped profile.proto (go tool pprof, Pyroscope). */
#ifndef QT_PPROF_H
#define QT_PPROF_H

#include <stdio.h>
#include "runtime/output/profile.h"

/*
 * Write p to out as a gzipped perftools profile.proto: sample types
 * samples/count and, with a sampling period (period_ns > 0, profile:hz:N),
 * cpu/nanoseconds; one function per name, one mapping per file.
 * 0 or a negative errno.
 */
int out_pprof(FILE *out, const struct profile *p, uint64_t period_ns);

#endif
