// SPDX-License-Identifier: GPL-2.0
/*
 * interval:s:1, interval:100ms (alias i): one CPU-clock perf event on CPU 0
 * that fires every period, whatever runs there.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include "parser/ast.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/perf.h"

#define EXAMPLES "interval:s:1 or interval:1s"

static int interval_expand(struct program *p, struct node *probe, struct node *a)
{
	struct probe_inst *pi;
	struct rate r;

	if (rt_parse_rate(a, EXAMPLES, &r) < 0)
		return -1;
	if (!r.period_ns) {
		diag_error(a->loc, "the rate of '%s' is above 1000000000hz", a->attach.spec);
		diag_note("write %s (units s, ms, us, hz)", EXAMPLES);
		return -1;
	}
	pi = prog_add_inst(p, probe, a, &provider_interval,
			   rt_join_name(&provider_interval, a));
	/* a fixed period, even for hz: frequency mode would adapt the period */
	pi->target = "ns";
	pi->arg = r.period_ns;
	pi->section = "perf_event";
	return 0;
}

static int interval_attach(struct tracer *t, struct probe_inst *pi,
			   struct bpf_program *prog)
{
	struct perf_event_attr attr;
	int err;

	rt_rate_attr(&attr, pi);
	err = rt_perf_attach(t, pi, prog, &attr, 0);
	if (err == -ENODEV)
		rt_attach_error(pi, ENODEV, "CPU 0 is offline");
	return err;
}

static const char *const interval_aliases[] = { "i", NULL };

const struct provider provider_interval = {
	.name = "interval",
	.aliases = interval_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "interval:s:N, interval:Nms",
	.expand = interval_expand,
	.attach = interval_attach,
};
