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

/* Marks on[cpu] for the CPUs of /sys/devices/system/cpu/online ("0-3,5"). */
static int online_cpus(unsigned char *on, int max)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	int a, b, n = 0, c;

	if (!f)
		return -errno;
	while (fscanf(f, "%d", &a) == 1) {
		b = a;
		c = fgetc(f);
		if (c == '-') {
			if (fscanf(f, "%d", &b) != 1)
				break;
			c = fgetc(f);
		}
		for (; a <= b && a < max; a++, n++)
			on[a] = 1;
		if (c != ',')
			break;
	}
	fclose(f);
	return n;
}

static int profile_attach(struct tracer *t, struct probe_inst *pi,
			  struct bpf_program *prog)
{
	struct perf_event_attr attr;
	int ncpus = t->ncpus;
	unsigned char on[4096] = { 0 };
	int cpu, err, n = 0;

	if (ncpus > (int)sizeof(on))
		ncpus = sizeof(on);
	if (online_cpus(on, ncpus) <= 0)
		for (cpu = 0; cpu < ncpus; cpu++)
			on[cpu] = 1;
	rt_rate_attr(&attr, pi);
	for (cpu = 0; cpu < ncpus; cpu++) {
		if (!on[cpu])
			continue;
		err = rt_perf_attach(t, pi, prog, &attr, cpu);
		if (err == -ENODEV)
			continue;	/* went offline meanwhile */
		if (err)
			return err;
		n++;
	}
	if (!n) {
		rt_attach_error(pi, ENODEV, "no CPU is online");
		return -ENODEV;
	}
	return 0;
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
