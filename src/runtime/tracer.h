/* SPDX-License-Identifier: GPL-2.0 */
/* The tracer: load, run BEGIN, attach, read events, run END, print, detach. */
#ifndef QT_TRACER_H
#define QT_TRACER_H

#include <stdbool.h>
#include <stdio.h>
#include "program.h"

struct out_format;

/* -B: how the output is buffered. */
enum rt_buffering {
	RT_BUF_BATCH,		/* default: flushed after each batch of events */
	RT_BUF_NONE,		/* -B none: every write at once */
	RT_BUF_LINE,		/* -B line: at each newline */
	RT_BUF_FULL,		/* -B full: when the buffer fills, and at exit */
};

struct rt_opts {
	FILE *out;		/* stdout or -o FILE */
	const struct out_format *fmt;	/* -f: text (default) or json */
	enum rt_buffering buffering;	/* -B */
	bool quiet;		/* -q: no "Attached N probes" */
	bool verbose;		/* -v: verifier log, mechanism used */
	bool dry_run;		/* --dry-run: load, attach nothing, exit 0 */
	int child_fd;		/* -c: write end of the pipe that releases the child; -1 */
	int child_pid;		/* -c: trace until it exits; 0 */
	FILE *pprof;		/* --pprof FILE, or NULL */
	FILE *flamegraph;	/* --flamegraph FILE, or NULL */
	const char *title;	/* the flame graph's: the script's name */
	struct metrics *metrics;	/* --metrics: listening, served while tracing; NULL */
};

/*
 * Run p (after cg_compile) to the end.  Returns the exit status: 0, the
 * script's exit(n), or 1 on a runtime error (already reported).
 */
int tracer_run(struct program *p, const struct rt_opts *o);

/*
 * -c: fork and exec `sh -c cmd`-like argv split of cmd, held before exec
 * until *release_fd is written or closed.  Returns the pid or -1.
 */
int child_spawn(const char *cmd, int *release_fd);

/*
 * Attachments, for the providers' attach hooks: the tracer takes ownership
 * and releases them in tracer teardown (links closed in parallel threads:
 * each perf-event close costs ~45 ms here).
 */
struct tracer;
struct bpf_link;
int tracer_own_link(struct tracer *t, struct bpf_link *l);
int tracer_own_fd(struct tracer *t, int fd);
const struct rt_opts *tracer_opts(struct tracer *t);

/* --info: what this kernel supports, as detected now.  0 or -1. */
int tracer_info(FILE *out, const char *version);

/* -l [PATTERN] */
int tracer_list(const char *glob, int pid, bool verbose);

/*
 * Before compiling a script that will load: the capabilities loading and
 * attaching need, or one error naming what is missing.  0 or -1.
 */
int rt_check_privileges(void);
bool rt_has_sys_admin(void);

#endif
