// SPDX-License-Identifier: GPL-2.0
/*
 * profile:hz:99, profile:10ms (alias p): a CPU-clock perf event on every
 * online CPU, sampling what runs there.
 */
#include <errno.h>
#include <stdio.h>
#include <linux/perf_event.h>
#include "parser/ast.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/perf.h"

#define EXAMPLES "profile:hz:99 or profile:99hz"

static int profile_expand(struct program *p, struct node *probe, struct node *a)
{
	struct probe_inst *pi;
	struct rate r;

	if (rt_parse_rate(a, EXAMPLES, &r) < 0)
		return -1;
	pi = prog_add_inst(p, probe, a, &provider_profile,
			   rt_join_name(&provider_profile, a));
	pi->target = r.hz ? "hz" : "ns";
	pi->arg = r.hz ? r.n : r.period_ns;
	pi->section = "perf_event";
	return 0;
}

/* Every online CPU; with -p only that process, on any CPU (as bpftrace). */
static int profile_attach(struct tracer *t, struct probe_inst *pi,
			  struct bpf_program *prog)
{
	struct perf_event_attr attr;

	rt_rate_attr(&attr, pi);
	return rt_perf_attach_each(t, pi, prog, &attr);
}

static const char *const profile_aliases[] = { "p", NULL };

const struct provider provider_profile = {
	.name = "profile",
	.aliases = profile_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "profile:hz:N, profile:Nhz",
	.expand = profile_expand,
	.attach = profile_attach,
};
