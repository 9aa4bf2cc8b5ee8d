// SPDX-License-Identifier: GPL-2.0
/*
 * BEGIN and END: raw_tp programs with no attach point, run once by the
 * tracer with BPF_PROG_TEST_RUN (no uprobe on qtrace itself, as bpftrace does).
 */
#include <errno.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "util/diag.h"
#include "runtime/rt.h"

static int special_expand(struct program *p, struct node *probe, struct node *a,
			  const struct provider *prov)
{
	struct probe_inst *pi;

	if (a->attach.nparts != 1) {
		diag_error(a->loc, "'%s' takes no arguments", prov->name);
		diag_note("write just %s", prov->name);
		return -1;
	}
	pi = prog_add_inst(p, probe, a, prov, prov->name);
	pi->target = prov->name;
	pi->section = "raw_tp";
	pi->special = true;
	return 0;
}

static int begin_expand(struct program *p, struct node *probe, struct node *a)
{
	return special_expand(p, probe, a, &provider_begin);
}

static int end_expand(struct program *p, struct node *probe, struct node *a)
{
	return special_expand(p, probe, a, &provider_end);
}

/*
 * Run every instance of prov in program order (BEGIN, END, self probes);
 * output is read after each.
 */
int rt_run_provider(struct tracer *t, const struct provider *prov)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct bpf_program *prog;
	int i, err;

	for (i = 0; i < t->p->ninsts && !t->exited; i++) {
		struct probe_inst *pi = t->p->insts[i];

		if (pi->provider != prov)
			continue;
		prog = rt_prog(t, pi);
		err = prog ? bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) : -ENOENT;
		if (err < 0) {
			diag_rt_error(pi->attach->loc, "cannot run '%s': %s", pi->name,
				      strerror(-err));
			return -1;
		}
		rt_events_drain(t);
	}
	return 0;
}

int rt_run_begin(struct tracer *t)
{
	return rt_run_provider(t, &provider_begin);
}

/* END runs even after exit(); its own exit() only ends END. */
int rt_run_end(struct tracer *t)
{
	int err;

	t->skip_events = false;
	t->exited = false;
	err = rt_run_provider(t, &provider_end);
	t->exited = true;
	return err;
}

int rt_count_special(const struct program *p)
{
	int i, n = 0;

	/* test and bench probes count only in the mode that runs them */
	for (i = 0; i < p->ninsts; i++)
		n += p->insts[i]->special && p->insts[i]->provider != &provider_test &&
		     p->insts[i]->provider != &provider_bench;
	return n + rt_count_mode_probes(p);
}

bool rt_is_oneshot(const struct probe_inst *pi)
{
	return pi->provider == &provider_begin || pi->provider == &provider_end ||
	       pi->provider == &provider_test || pi->provider == &provider_bench;
}

/* bpftrace 0.24 names them begin/end; BEGIN/END stay. */
static const char *const begin_aliases[] = { "begin", NULL };
static const char *const end_aliases[] = { "end", NULL };

const struct provider provider_begin = {
	.name = "BEGIN",
	.aliases = begin_aliases,
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = "BEGIN",
	.expand = begin_expand,
};

const struct provider provider_end = {
	.name = "END",
	.aliases = end_aliases,
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = "END",
	.expand = end_expand,
};
