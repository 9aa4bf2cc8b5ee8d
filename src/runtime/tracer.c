// SPDX-License-Identifier: GPL-2.0
/*
 * The tracer's lifecycle: load, BEGIN, attach, release the -c child, event
 * loop, END, print the maps, report losses, detach.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "util/diag.h"
#include "runtime/rt.h"

int tracer_own_link(struct tracer *t, struct bpf_link *l)
{
	if (t->nlinks == t->links_cap) {
		int cap = t->links_cap ? 2 * t->links_cap : 16;
		struct bpf_link **v = realloc(t->links, cap * sizeof(*v));

		if (!v) {
			bpf_link__destroy(l);
			return -ENOMEM;
		}
		t->links = v;
		t->links_cap = cap;
	}
	t->links[t->nlinks++] = l;
	return 0;
}

static int push_fd(int **v, int *n, int *cap, int fd)
{
	if (*n == *cap) {
		int c = *cap ? 2 * *cap : 16;
		int *nv = realloc(*v, c * sizeof(*nv));

		if (!nv) {
			close(fd);
			return -ENOMEM;
		}
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = fd;
	return 0;
}

int tracer_own_fd(struct tracer *t, int fd)
{
	return push_fd(&t->fds, &t->nfds, &t->fds_cap, fd);
}

int rt_own_tp_fd(struct tracer *t, int fd)
{
	return push_fd(&t->tp_fds, &t->ntp_fds, &t->tp_fds_cap, fd);
}

const struct rt_opts *tracer_opts(struct tracer *t)
{
	return t->o;
}

void rt_attach_skip(struct tracer *t, const struct probe_inst *pi, const char *func)
{
	if (t->nskipped == t->skipped_cap) {
		int cap = t->skipped_cap ? 2 * t->skipped_cap : 16;
		const char **v = realloc(t->skipped, cap * sizeof(*v));

		if (!v)
			return;
		t->skipped = v;
		t->skipped_cap = cap;
	}
	if (!t->nskipped)
		t->skipped_loc = pi->attach->loc;
	t->skipped[t->nskipped++] = func;
}

bool rt_untraceable(int err)
{
	/* 524: the kernel's ENOTSUPP, which some attach paths leak */
	return err == EINVAL || err == ENOENT || err == EBUSY || err == EILSEQ ||
	       err == EOPNOTSUPP || err == ESRCH || err == 524;
}

/* One warning for them all: a big wildcard may skip hundreds. */
static void report_skipped(struct tracer *t)
{
	char list[256];
	size_t len = 0;
	int i;

	if (!t->nskipped)
		return;
	list[0] = '\0';
	for (i = 0; i < t->nskipped && len + strlen(t->skipped[i]) + 6 < sizeof(list); i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "",
				t->skipped[i]);
	diag_rt_warn(t->skipped_loc, "skipped %d function%s that cannot be traced: %s%s",
		     t->nskipped, t->nskipped == 1 ? "" : "s", list,
		     i < t->nskipped ? "..." : "");
}

/*
 * A wildcard's instances are in a row: after its last one, one of them
 * must have attached, or the attach point traces nothing.  false: reported.
 */
static bool group_done(struct tracer *t, struct probe_inst *pi, struct probe_inst *next,
		       int *attached)
{
	if (next && next->attach == pi->attach)
		return true;
	if (*attached || !t->nskipped) {
		*attached = 0;
		return true;
	}
	report_skipped(t);
	diag_rt_error(pi->attach->loc, "cannot attach '%s': none of its functions can be traced",
		      pi->attach->attach.spec);
	return false;
}

/*
 * Each attach hook reports its own failure; SIGINT stops attaching.  Only
 * what really attached counts: a kprobe.multi instance is one per function.
 */
static int attach_all(struct tracer *t)
{
	struct loc noloc = { 0 };
	int i, n, err, skipped, group = 0;

	for (i = 0; i < t->p->ninsts && !rt_stop_requested(); i++) {
		struct probe_inst *pi = t->p->insts[i];
		struct bpf_program *prog = rt_prog(t, pi);

		if (pi->special)
			continue;
		if (!prog || !pi->provider->attach) {
			diag_rt_error(pi->attach->loc, "cannot attach '%s': no program for it",
				      pi->name);
			return -1;
		}
		skipped = t->nskipped;
		err = pi->provider->attach(t, pi, prog);
		if (err == -ENOMEM)
			diag_rt_error(noloc, "out of memory");
		if (err)
			return -1;
		skipped = t->nskipped - skipped;
		n = (pi->nfuncs ? pi->nfuncs : 1) - skipped;
		t->nattached += n;
		if (t->o->verbose && n)
			fprintf(stderr, "qtrace: attached '%s' (%s)\n", pi->name, pi->section);
		group += n;
		if (!group_done(t, pi, i + 1 < t->p->ninsts ? t->p->insts[i + 1] : NULL, &group))
			return -1;
	}
	report_skipped(t);
	return 0;
}

/*
 * Let the -c child exec (a byte) or end without running (no byte).  A child
 * already gone is noticed by the event loop.
 */
static void release_child(int *fd, bool run)
{
	if (*fd < 0)
		return;
	if (run)
		send(*fd, "x", 1, MSG_NOSIGNAL);
	close(*fd);
	*fd = -1;
}

/* A child still running when tracing ends would hold the terminal or pipe. */
static void end_child(struct tracer *t)
{
	struct timespec ms = { 0, 1000000 };
	int pid = t->o->child_pid, i;

	if (pid <= 0 || t->child_done)
		return;
	kill(pid, SIGTERM);
	for (i = 0; i < 200; i++) {
		if (waitpid(pid, NULL, WNOHANG) != 0)
			return;
		nanosleep(&ms, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void print_attached(struct tracer *t)
{
	int n = t->nattached + rt_count_special(t->p);

	if (!t->o->quiet)
		fprintf(stderr, "Attached %d probe%s\n", n, n == 1 ? "" : "s");
}

/*
 * After the loop: stop the probes, END, the maps, the losses.  Probes are
 * stopped before END runs, so END and the printed maps see a settled state
 * (a clear() in END stays clear).  Stopped ones are detached after exit.
 */
static void finish(struct tracer *t)
{
	if (!rt_stop_probes(t)) {
		rt_detach_start(t);
		rt_detach_finish(t);
	}
	rt_run_end(t);
	rt_print_maps(t);
	rt_report_losses(t);
}

int tracer_run(struct program *p, const struct rt_opts *o)
{
	struct tracer t = { .p = p, .o = o, .stats_fd = -1 };
	int child_fd = o->child_fd, ret = 1;

	t.ncpus = libbpf_num_possible_cpus();
	if (t.ncpus < 1)
		t.ncpus = 1;
	if (rt_load(&t) < 0)
		goto out;
	if (o->dry_run) {
		ret = 0;
		goto out;
	}
	if (rt_events_open(&t) < 0)
		goto out;
	rt_signals_install();
	if (rt_run_begin(&t) < 0)
		goto out_signals;
	if (!t.exited && attach_all(&t) < 0)
		goto out_signals;
	if (!t.exited && !rt_start_probes(&t)) {
		diag_rt_error((struct loc){ 0 }, "cannot start the probes: writing their run flag failed: %s", strerror(errno));
		goto out_signals;
	}
	print_attached(&t);
	release_child(&child_fd, !t.exited && !rt_stop_requested());
	if (!t.exited && rt_events_loop(&t) < 0)
		goto out_signals;
	finish(&t);
	ret = t.exit_code;
out_signals:
	rt_signals_restore();
out:
	release_child(&child_fd, false);
	end_child(&t);
	rt_events_close(&t);
	rt_teardown(&t);
	return ret;
}
