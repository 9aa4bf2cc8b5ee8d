// SPDX-License-Identifier: GPL-2.0
/*
 * self:signal:SIGUSR1: runs when qtrace itself receives SIGUSR1 (bpftrace's
 * `self` probe; SIGUSR1 is the only signal it has).  Like BEGIN and END, a
 * raw_tp program with no attach point, run with BPF_PROG_TEST_RUN: the
 * handler only sets a flag, the event loop runs the probes in script order.
 * Without such a probe SIGUSR1 keeps its default action.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "util/diag.h"
#include "runtime/rt.h"

#define USAGE "self:signal:SIGUSR1"

static volatile sig_atomic_t got_usr1;
static struct sigaction old_usr1;
static bool installed;

static int self_expand(struct program *p, struct node *probe, struct node *a)
{
	struct probe_inst *pi;

	if (a->attach.nparts != 3) {
		diag_error(a->loc, "'%s': a self probe takes a trigger and its event",
			   a->attach.spec);
		diag_note("write %s", USAGE);
		return -1;
	}
	if (strcmp(a->attach.parts[1], "signal")) {
		diag_error(a->loc, "'%s' is not a trigger of self probes", a->attach.parts[1]);
		diag_note("the only trigger is signal: write %s", USAGE);
		return -1;
	}
	if (strcmp(a->attach.parts[2], "SIGUSR1")) {
		diag_error(a->loc, "'%s' is not a signal self probes can catch",
			   a->attach.parts[2]);
		diag_note("SIGUSR1 is the only signal they take: write %s",
			  USAGE);
		return -1;
	}
	pi = prog_add_inst(p, probe, a, &provider_self, USAGE);
	pi->target = "signal";
	pi->section = "raw_tp";
	pi->special = true;
	return 0;
}

static bool has_self(const struct program *p)
{
	int i;

	for (i = 0; i < p->ninsts; i++)
		if (p->insts[i]->provider == &provider_self)
			return true;
	return false;
}

static void on_usr1(int sig)
{
	got_usr1 = 1;
}

/* No SA_RESTART: the signal ends the event loop's epoll_wait at once. */
void rt_self_install(struct tracer *t)
{
	struct sigaction sa;

	if (!has_self(t->p))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, &old_usr1);
	installed = true;
}

void rt_self_restore(void)
{
	if (installed)
		sigaction(SIGUSR1, &old_usr1, NULL);
	installed = false;
}

/*
 * Each SIGUSR1 received since the last call runs every self probe once, in
 * script order (signals that arrive together count as one, as the kernel
 * merges them).  0, or -1 when a probe could not run (reported).
 */
int rt_self_run(struct tracer *t)
{
	if (!got_usr1)
		return 0;
	got_usr1 = 0;
	return rt_run_provider(t, &provider_self);
}

static int self_list(const char *glob)
{
	if (rt_list_match(glob, USAGE))
		printf("%s\n", USAGE);
	return 0;
}

const struct provider provider_self = {
	.name = "self",
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = USAGE,
	.expand = self_expand,
	.list = self_list,
};
