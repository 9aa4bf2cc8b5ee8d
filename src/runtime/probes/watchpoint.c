// SPDX-License-Identifier: GPL-2.0
/*
 * watchpoint:ADDR:LEN:MODE (alias w) and asyncwatchpoint (alias aw): a
 * hardware breakpoint perf event that fires when the LEN bytes at ADDR are
 * read (r), written (w) or executed (x).  With -p or -c, ADDR is an address
 * in that process; otherwise a kernel address, watched on every CPU.
 * bpftrace's second form, FUNC+argN (watch what argN points to when FUNC is
 * entered), is refused with a note: it needs a uprobe that stops the tracee.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include "parser/ast.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/perf.h"

#define USAGE "watchpoint:ADDR:LEN:MODE, e.g. watchpoint:0x10000000:8:w (LEN 1, 2, 4 or 8; MODE r, w, rw or x)"

struct wp {
	uint64_t addr;
	uint32_t len;
	uint32_t type;		/* HW_BREAKPOINT_R | _W, or _X */
	int *fds;		/* its perf events and links, for unwatch() */
	int nfds;
	bool removed;
};

static int bad(struct node *a, const char *what)
{
	diag_error(a->loc, "%s in '%s'", what, a->attach.spec);
	diag_note("write %s", USAGE);
	return -1;
}

static int parse_mode(const char *s, uint32_t *type)
{
	*type = 0;
	for (; *s; s++) {
		uint32_t bit = *s == 'r' ? HW_BREAKPOINT_R : *s == 'w' ? HW_BREAKPOINT_W :
			       *s == 'x' ? HW_BREAKPOINT_X : 0;

		if (!bit || (*type & bit))
			return -1;
		*type |= bit;
	}
	/* the CPU cannot watch for execution together with data access */
	if (!*type || ((*type & HW_BREAKPOINT_X) && *type != HW_BREAKPOINT_X))
		return -1;
	return 0;
}

static int parse(struct node *a, struct wp *w)
{
	const char *addr = a->attach.parts[1];
	char *end;
	uint64_t len;

	if (a->attach.nparts != 4)
		return bad(a, a->attach.nparts < 4 ? "missing parts" : "too many parts");
	if (strchr(addr, '+')) {
		diag_error(a->loc, "'%s': watching FUNC+argN is not supported; watch an absolute address",
			   a->attach.spec);
		diag_note("write %s", USAGE);
		return -1;
	}
	errno = 0;
	w->addr = strtoull(addr, &end, 0);
	if (errno || *end || !addr[0] || addr[0] == '-' || !w->addr)
		return bad(a, "the address must be a non-zero number");
	if (!rt_parse_u64(a->attach.parts[2], &len) ||
	    (len != 1 && len != 2 && len != 4 && len != 8))
		return bad(a, "the length must be 1, 2, 4 or 8");
	w->len = (uint32_t)len;
	if (parse_mode(a->attach.parts[3], &w->type))
		return bad(a, "the mode must be r, w, rw or x");
	if (w->type == HW_BREAKPOINT_X && w->len != sizeof(long))
		return bad(a, "an execution watchpoint must have the length of a pointer (8)");
	return 0;
}

static int wp_expand_as(const struct provider *prov, struct program *p,
			struct node *probe, struct node *a)
{
	struct probe_inst *pi;
	struct wp w, *d;

	if (parse(a, &w))
		return -1;
	pi = prog_add_inst(p, probe, a, prov, rt_join_name(prov, a));
	d = arena_alloc(sizeof(*d));
	*d = w;
	pi->prov_data = d;
	pi->target = a->attach.parts[1];
	pi->section = "perf_event";
	return 0;
}

static int wp_expand(struct program *p, struct node *probe, struct node *a)
{
	return wp_expand_as(&provider_watchpoint, p, probe, a);
}

static int awp_expand(struct program *p, struct node *probe, struct node *a)
{
	return wp_expand_as(&provider_asyncwatchpoint, p, probe, a);
}

/*
 * Asked once before attaching, so that what the CPU cannot do gets its own
 * note: x86 has no read-only watchpoints, and four debug registers.  A
 * kernel address without CAP_SYS_ADMIN is EPERM on 6.18 (hw_breakpoint's
 * check) and EACCES on 6.1 and 6.12 (seen in the kernel-matrix guests).
 */
static int trial_open(struct probe_inst *pi, struct perf_event_attr *attr, int pid)
{
	const struct wp *w = pi->prov_data;
	int fd, err;

	attr->disabled = 1;
	fd = rt_perf_event_open(attr, pid > 0 ? pid : -1, pid > 0 ? -1 : 0);
	attr->disabled = 0;
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	err = errno;
	if (err == EINVAL && w->type == HW_BREAKPOINT_R)
		rt_attach_error(pi, err, "this CPU cannot watch for reads alone: use rw");
	else if ((err == EPERM || err == EACCES) && pid <= 0 && !rt_has_sys_admin())
		rt_attach_error(pi, err, "a watchpoint on a kernel address needs CAP_SYS_ADMIN");
	else if (err == EPERM && pid <= 0)
		rt_attach_error(pi, err, "this kernel refuses breakpoints on kernel addresses even with CAP_SYS_ADMIN (a hypervisor may keep the debug registers: 'perf stat -e mem:ADDR:w' fails too); user addresses can still be watched with -p or -c");
	else if (err == ENOSPC)
		rt_attach_error(pi, err, "every debug register is taken (x86 has four): watch fewer addresses");
	else
		rt_attach_error(pi, err, NULL);
	return -1;
}

static void remember_fds(struct tracer *t, struct wp *w, int nfds, int ntp);

/* The -p process or the -c child (a user address), else every CPU (a kernel one). */
static int wp_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	const struct wp *w = pi->prov_data;
	const struct rt_opts *o = tracer_opts(t);
	int pid = t->p->pid > 0 ? t->p->pid : o->child_pid, nfds, ntp, err;
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_BREAKPOINT;
	attr.bp_addr = w->addr;
	attr.bp_len = w->len;
	attr.bp_type = w->type;
	attr.sample_period = 1;
	/* a user address: not the kernel's own accesses (exec clears .bss) */
	if (pid > 0)
		attr.exclude_kernel = 1;
	if (trial_open(pi, &attr, pid) < 0)
		return -EINVAL;
	nfds = t->nfds;
	ntp = t->ntp_fds;
	/* -p: each of its threads; -c: the child, one thread before its exec */
	if (pid > 0 && t->p->pid <= 0)
		err = rt_perf_attach_pid(t, pi, prog, &attr, pid, -1);
	else
		err = rt_perf_attach_each(t, pi, prog, &attr);
	if (!err)
		remember_fds(t, pi->prov_data, nfds, ntp);
	return err;
}

/* The fds attaching added (after nfds of t->fds, ntp of t->tp_fds) are w's. */
static void remember_fds(struct tracer *t, struct wp *w, int nfds, int ntp)
{
	int i, n = 0;

	w->fds = arena_alloc((t->nfds - nfds + t->ntp_fds - ntp + 1) * sizeof(*w->fds));
	for (i = nfds; i < t->nfds; i++)
		w->fds[n++] = t->fds[i];
	for (i = ntp; i < t->ntp_fds; i++)
		w->fds[n++] = t->tp_fds[i];
	w->nfds = n;
}

/* Drop fd from v (order kept: teardown closes the rest). */
static bool forget(int *v, int *n, int fd)
{
	int i;

	for (i = 0; i < *n; i++) {
		if (v[i] == fd) {
			memmove(v + i, v + i + 1, (*n - i - 1) * sizeof(*v));
			(*n)--;
			return true;
		}
	}
	return false;
}

/*
 * Closing the perf events frees the debug registers (x86 has four) and
 * detaches the program; the tracer forgets them, so teardown does not
 * close the numbers again.
 */
int rt_unwatch(struct tracer *t, uint64_t addr)
{
	int i, j, n = 0;

	for (i = 0; i < t->p->ninsts; i++) {
		struct probe_inst *pi = t->p->insts[i];
		struct wp *w = pi->prov_data;

		if ((pi->provider != &provider_watchpoint &&
		     pi->provider != &provider_asyncwatchpoint) || !w || w->removed ||
		    w->addr != addr)
			continue;
		for (j = 0; j < w->nfds; j++)
			if (forget(t->fds, &t->nfds, w->fds[j]) ||
			    forget(t->tp_fds, &t->ntp_fds, w->fds[j]))
				close(w->fds[j]);
		w->removed = true;
		n++;
	}
	return n;
}

static const char *const wp_aliases[] = { "w", NULL };
static const char *const awp_aliases[] = { "aw", NULL };

const struct provider provider_watchpoint = {
	.name = "watchpoint",
	.aliases = wp_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "watchpoint:ADDR:LEN:MODE",
	.expand = wp_expand,
	.attach = wp_attach,
};

/* For an absolute address bpftrace's two forms are the same watchpoint. */
const struct provider provider_asyncwatchpoint = {
	.name = "asyncwatchpoint",
	.aliases = awp_aliases,
	.prog_type = BPF_PROG_TYPE_PERF_EVENT,
	.usage = "asyncwatchpoint:ADDR:LEN:MODE",
	.expand = awp_expand,
	.attach = wp_attach,
};
