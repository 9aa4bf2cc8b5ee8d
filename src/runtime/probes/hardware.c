// SPDX-License-Identifier: GPL-2.0
/*
 * hardware:EVENT[:COUNT] (alias h): the CPU's generic performance counters
 * (perf_event_open(2)), sampled every COUNT events on every CPU.  A machine
 * without a PMU (most virtual machines, this one) gets a clear error.
 */
#include <linux/perf_event.h>
#include "runtime/rt.h"
#include "runtime/probes/perf_count.h"

/* bpftrace's names, aliases and default counts */
static const struct perf_count_event events[] = {
	{ "backend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_BACKEND, 1000000 },
	{ "branch-instructions", "branches", PERF_COUNT_HW_BRANCH_INSTRUCTIONS, 100000 },
	{ "branch-misses", NULL, PERF_COUNT_HW_BRANCH_MISSES, 100000 },
	{ "bus-cycles", NULL, PERF_COUNT_HW_BUS_CYCLES, 100000 },
	{ "cache-misses", NULL, PERF_COUNT_HW_CACHE_MISSES, 1000000 },
	{ "cache-references", NULL, PERF_COUNT_HW_CACHE_REFERENCES, 1000000 },
	{ "cpu-cycles", "cycles", PERF_COUNT_HW_CPU_CYCLES, 1000000 },
	{ "frontend-stalls", NULL, PERF_COUNT_HW_STALLED_CYCLES_FRONTEND, 1000000 },
	{ "instructions", NULL, PERF_COUNT_HW_INSTRUCTIONS, 1000000 },
	{ "ref-cycles", NULL, PERF_COUNT_HW_REF_CPU_CYCLES, 1000000 },
};

static const struct perf_count_table table = {
	.prov = &provider_hardware,
	.type = PERF_TYPE_HARDWARE,
	.ev = events,
	.n = sizeof(events) / sizeof(events[0]),
};

static int hw_expand(struct program *p, struct node *probe, struct node *a)
{
	return perf_count_expand(&table, p, probe, a);
}

static int hw_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	return perf_count_attach(&table, t, pi, prog,
				 "this machine has no hardware performance counters (no PMU)");
}

static int hw_list(const char *glob)
{
	return perf_count_list(&table, glob);
}

static const char *const hw_aliases[] = { "h", NULL };

const struct provider provider_hardware = {
	.name = "hardware",
	.aliases = hw_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "hardware:EVENT[:COUNT]",
	.expand = hw_expand,
	.attach = hw_attach,
	.list = hw_list,
};
