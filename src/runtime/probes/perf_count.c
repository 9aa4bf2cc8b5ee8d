// SPDX-License-Identifier: GPL-2.0
/* software:EVENT[:COUNT] and hardware:EVENT[:COUNT]: parsing, attaching, listing. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/perf.h"
#include "runtime/probes/perf_count.h"

static const struct perf_count_event *find_event(const struct perf_count_table *tab,
						 const char *name)
{
	int i;

	for (i = 0; i < tab->n; i++)
		if (!strcmp(tab->ev[i].name, name) ||
		    (tab->ev[i].alias && !strcmp(tab->ev[i].alias, name)))
			return &tab->ev[i];
	return NULL;
}

static void unknown_event(const struct perf_count_table *tab, struct node *a, const char *name)
{
	struct suggest sg;
	const char *s;
	int i;

	suggest_init(&sg, name);
	for (i = 0; i < tab->n; i++) {
		suggest_add(&sg, tab->ev[i].name);
		if (tab->ev[i].alias)
			suggest_add(&sg, tab->ev[i].alias);
	}
	s = suggest_result(&sg);
	diag_error(a->loc, "unknown %s event '%s'", tab->prov->name, name);
	if (s)
		diag_note("did you mean '%s'?", s);
	else
		diag_note("list them with: qtrace -l '%s:*'", tab->prov->name);
}

int perf_count_expand(const struct perf_count_table *tab, struct program *p,
		      struct node *probe, struct node *a)
{
	const struct perf_count_event *ev;
	const char *count = a->attach.nparts > 2 ? a->attach.parts[2] : "";
	struct probe_inst *pi;
	char name[128];
	uint64_t n;

	if (a->attach.nparts < 2 || !a->attach.parts[1][0] || a->attach.nparts > 3) {
		if (a->attach.nparts > 3)
			diag_error(a->loc, "too many parts in '%s'", a->attach.spec);
		else
			diag_error(a->loc, "'%s' needs an event", a->attach.spec);
		diag_note("write %s:EVENT or %s:EVENT:COUNT (list the events with: qtrace -l '%s:*')",
			  tab->prov->name, tab->prov->name, tab->prov->name);
		return -1;
	}
	ev = find_event(tab, a->attach.parts[1]);
	if (!ev) {
		unknown_event(tab, a, a->attach.parts[1]);
		return -1;
	}
	n = ev->dflt;
	if (count[0] && !rt_parse_count(count, &n)) {
		diag_error(a->loc, "the count of '%s' must be a positive number, not '%s'",
			   a->attach.spec, count);
		diag_note("the probe fires once every COUNT events: %s:%s:%llu",
			  tab->prov->name, ev->name, (unsigned long long)ev->dflt);
		return -1;
	}
	snprintf(name, sizeof(name), "%s:%s:%llu", tab->prov->name, ev->name,
		 (unsigned long long)n);
	pi = prog_add_inst(p, probe, a, tab->prov, name);
	pi->target = ev->name;
	pi->arg = ev->config;
	pi->prov_data = arena_alloc(sizeof(uint64_t));
	*(uint64_t *)pi->prov_data = n;
	pi->section = "perf_event";
	return 0;
}

int perf_count_attach(const struct perf_count_table *tab, struct tracer *t,
		      struct probe_inst *pi, struct bpf_program *prog, const char *no_pmu)
{
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = tab->type;
	attr.config = pi->arg;
	attr.sample_period = *(const uint64_t *)pi->prov_data;
	/* asked once first: without the PMU every CPU would say the same */
	attr.disabled = 1;
	fd = rt_perf_event_open(&attr, t->p->pid > 0 ? t->p->pid : -1,
				t->p->pid > 0 ? -1 : 0);
	if (fd < 0 && (errno == ENOENT || errno == EOPNOTSUPP) && no_pmu) {
		diag_rt_error(pi->attach->loc, "cannot attach '%s': %s", pi->name, no_pmu);
		diag_note("virtual machines seldom pass hardware counters through; sample with software:cpu-clock or profile:hz:99 instead");
		return -errno;
	}
	if (fd >= 0)
		close(fd);
	attr.disabled = 0;
	return rt_perf_attach_each(t, pi, prog, &attr);
}

int perf_count_list(const struct perf_count_table *tab, const char *glob)
{
	char name[128];
	int i;

	for (i = 0; i < tab->n; i++) {
		snprintf(name, sizeof(name), "%s:%s:", tab->prov->name, tab->ev[i].name);
		if (rt_list_match(glob, name))
			puts(name);
	}
	return 0;
}
