/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the software and hardware providers share: PROVIDER:EVENT[:COUNT]
 * over a table of the kernel's generic perf events, sampled every COUNT.
 */
#ifndef QT_RT_PERF_COUNT_H
#define QT_RT_PERF_COUNT_H

#include <stdint.h>

struct program;
struct node;
struct provider;
struct tracer;
struct probe_inst;
struct bpf_program;

struct perf_count_event {
	const char *name;	/* "page-faults" */
	const char *alias;	/* "faults", or NULL */
	uint64_t config;	/* PERF_COUNT_SW_* or PERF_COUNT_HW_* */
	uint64_t dflt;		/* the count when none is given (bpftrace's) */
};

struct perf_count_table {
	const struct provider *prov;
	uint32_t type;		/* PERF_TYPE_SOFTWARE or PERF_TYPE_HARDWARE */
	const struct perf_count_event *ev;
	int n;
};

int perf_count_expand(const struct perf_count_table *tab, struct program *p,
		      struct node *probe, struct node *a);
/*
 * Every online CPU, or the -p process.  no_pmu: the note when the kernel
 * has no such event at all (ENOENT), e.g. no hardware counters.
 */
int perf_count_attach(const struct perf_count_table *tab, struct tracer *t,
		      struct probe_inst *pi, struct bpf_program *prog, const char *no_pmu);
int perf_count_list(const struct perf_count_table *tab, const char *glob);

#endif
