// SPDX-License-Identifier: GPL-2.0
/*
 * software:EVENT[:COUNT] (alias s): the kernel's software perf events
 * (perf_event_open(2)), sampled every COUNT events on every CPU.
 */
#include <linux/perf_event.h>
#include "runtime/rt.h"
#include "runtime/probes/perf_count.h"

/* bpftrace's names, aliases and default counts */
static const struct perf_count_event events[] = {
	{ "alignment-faults", NULL, PERF_COUNT_SW_ALIGNMENT_FAULTS, 1 },
	{ "bpf-output", NULL, PERF_COUNT_SW_BPF_OUTPUT, 1 },
	{ "context-switches", "cs", PERF_COUNT_SW_CONTEXT_SWITCHES, 1000 },
	{ "cpu-clock", "cpu", PERF_COUNT_SW_CPU_CLOCK, 1000000 },
	{ "cpu-migrations", NULL, PERF_COUNT_SW_CPU_MIGRATIONS, 1 },
	{ "dummy", NULL, PERF_COUNT_SW_DUMMY, 1 },
	{ "emulation-faults", NULL, PERF_COUNT_SW_EMULATION_FAULTS, 1 },
	{ "major-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MAJ, 1 },
	{ "minor-faults", NULL, PERF_COUNT_SW_PAGE_FAULTS_MIN, 100 },
	{ "page-faults", "faults", PERF_COUNT_SW_PAGE_FAULTS, 100 },
	{ "task-clock", NULL, PERF_COUNT_SW_TASK_CLOCK, 1 },
};

static const struct perf_count_table table = {
	.prov = &provider_software,
	.type = PERF_TYPE_SOFTWARE,
	.ev = events,
	.n = sizeof(events) / sizeof(events[0]),
};

static int sw_expand(struct program *p, struct node *probe, struct node *a)
{
	return perf_count_expand(&table, p, probe, a);
}

static int sw_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	return perf_count_attach(&table, t, pi, prog, NULL);
}

static int sw_list(const char *glob)
{
	return perf_count_list(&table, glob);
}

static const char *const sw_aliases[] = { "s", NULL };

const struct provider provider_software = {
	.name = "software",
	.aliases = sw_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "software:EVENT[:COUNT]",
	.expand = sw_expand,
	.attach = sw_attach,
	.list = sw_list,
};
