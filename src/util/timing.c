// SPDX-License-Identifier: GPL-2.0
/*
 * Per-phase timing (QTRACE_TIMING=1): where start-up goes.  Each mark prints
 * the phase that just ended, as wall time (CLOCK_MONOTONIC) and the user and
 * system CPU of getrusage, so the kernel's part (verifier, map creation,
 * perf_event_open) shows apart from qtrace's own work.  The first line is
 * what ran before main: the dynamic loader and LLVM's static constructors.
 */
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include "util/envflag.h"
#include "util/timing.h"

static bool on;
static double t0, last_wall, last_user, last_sys;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double tv_ms(struct timeval tv)
{
	return tv.tv_sec * 1e3 + tv.tv_usec / 1e3;
}

bool timing_on(void)
{
	return on;
}

void timing_start(void)
{
	struct rusage ru;

	on = env_flag("QTRACE_TIMING");
	if (!on)
		return;
	getrusage(RUSAGE_SELF, &ru);
	t0 = last_wall = now_ms();
	last_user = tv_ms(ru.ru_utime);
	last_sys = tv_ms(ru.ru_stime);
	fprintf(stderr, "qtrace: timing: %-12s wall        - cpu %7.2f ms (user %7.2f sys %7.2f) at        0 ms\n",
		"pre-main", last_user + last_sys, last_user, last_sys);
}

void timing_mark(const char *phase)
{
	struct rusage ru;
	double w, u, s;

	if (!on)
		return;
	getrusage(RUSAGE_SELF, &ru);
	w = now_ms();
	u = tv_ms(ru.ru_utime);
	s = tv_ms(ru.ru_stime);
	fprintf(stderr, "qtrace: timing: %-12s wall %8.2f cpu %7.2f ms (user %7.2f sys %7.2f) at %8.2f ms\n",
		phase, w - last_wall, u - last_user + s - last_sys, u - last_user, s - last_sys,
		w - t0);
	last_wall = w;
	last_user = u;
	last_sys = s;
}
