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
#include "util/timing.h"
#include "runtime/output/format.h"
#include "runtime/rt.h"
#include "runtime/metrics.h"

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
 * A wildcard's instances are in a row (script order): one of them must have
 * attached, or the attach point traces nothing.  got[i]: functions attached
 * by instance i, skip[i]: skipped.  false: reported.
 */
static bool check_groups(struct tracer *t, const int *got, const int *skip)
{
	const struct program *p = t->p;
	int i, attached = 0, skipped = 0;

	for (i = 0; i < p->ninsts; i++) {
		attached += got[i];
		skipped += skip[i];
		if (i + 1 < p->ninsts && p->insts[i + 1]->attach == p->insts[i]->attach)
			continue;
		if (!attached && skipped) {
			report_skipped(t);
			diag_rt_error(p->insts[i]->attach->loc,
				      "cannot attach '%s': none of its functions can be traced",
				      p->insts[i]->attach->attach.spec);
			return false;
		}
		attached = skipped = 0;
	}
	return true;
}

/* One site of an attach_reversed provider: same provider, name and offset. */
static int cmp_site(const void *a, const void *b, void *arg)
{
	const struct probe_inst *const *insts = arg;
	const struct probe_inst *x = insts[*(const int *)a], *y = insts[*(const int *)b];
	int c;

	if (x->provider != y->provider)
		return x->provider < y->provider ? -1 : 1;
	if ((c = strcmp(x->name, y->name)))
		return c;
	if (x->arg != y->arg)
		return x->arg < y->arg ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static bool same_site(const struct probe_inst *x, const struct probe_inst *y)
{
	return x->provider == y->provider && x->arg == y->arg && !strcmp(x->name, y->name);
}

/*
 * The order to attach p's instances in: script order, except that probes
 * of an attach_reversed provider on one site attach last-first, so that
 * they run in script order as in bpftrace (the kernel runs the one attached
 * last first).  Each such site's probes go where its first one is.  Probes
 * start together (QT_RUN_VAR), so the order decides nothing else.  NULL:
 * out of memory.
 */
static int *attach_order(const struct program *p)
{
	int *order = malloc((p->ninsts + 1) * sizeof(*order));
	int *by_site = malloc((p->ninsts + 1) * sizeof(*by_site));
	int *site = malloc((p->ninsts + 1) * sizeof(*site));	/* index -> by_site group start */
	int *size = calloc(p->ninsts + 1, sizeof(*size));	/* group start -> members */
	int i, j, n = 0, m = 0;

	if (!order || !by_site || !site || !size) {
		free(order);
		order = NULL;
		goto out;
	}
	for (i = 0; i < p->ninsts; i++) {
		site[i] = -1;
		if (p->insts[i]->provider->attach_reversed)
			by_site[m++] = i;
	}
	/* groups of one site, each in script order */
	qsort_r(by_site, m, sizeof(*by_site), cmp_site, p->insts);
	for (i = 0; i < m; i = j) {
		for (j = i; j < m && same_site(p->insts[by_site[i]], p->insts[by_site[j]]); j++)
			site[by_site[j]] = i;
		size[i] = j - i;
	}
	for (i = 0; i < p->ninsts; i++) {
		if (site[i] < 0) {
			order[n++] = i;
		} else if (by_site[site[i]] == i) {	/* the site's first probe */
			for (j = site[i] + size[site[i]] - 1; j >= site[i]; j--)
				order[n++] = by_site[j];
		}
	}
out:
	free(by_site);
	free(site);
	free(size);
	return order;
}

/*
 * Each attach hook reports its own failure; SIGINT stops attaching.  Only
 * what really attached counts: a kprobe.multi instance is one per function.
 */
static int attach_all(struct tracer *t)
{
	struct loc noloc = { 0 };
	int i, k, n, err = 0, skipped, *order = attach_order(t->p);
	int *got = calloc(t->p->ninsts + 1, sizeof(*got));
	int *skip = calloc(t->p->ninsts + 1, sizeof(*skip));

	if (!order || !got || !skip) {
		diag_rt_error(noloc, "out of memory");
		err = -1;
	}
	for (k = 0; !err && k < t->p->ninsts && !rt_stop_requested(); k++) {
		struct probe_inst *pi = t->p->insts[i = order[k]];
		struct bpf_program *prog = rt_prog(t, pi);

		if (pi->special)
			continue;
		if (!prog || !pi->provider->attach) {
			diag_rt_error(pi->attach->loc, "cannot attach '%s': no program for it",
				      pi->name);
			err = -1;
			break;
		}
		skipped = t->nskipped;
		err = pi->provider->attach(t, pi, prog);
		if (err == -ENOMEM)
			diag_rt_error(noloc, "out of memory");
		if (err) {
			err = -1;
			break;
		}
		skip[i] = t->nskipped - skipped;
		got[i] = n = (pi->nfuncs ? pi->nfuncs : 1) - skip[i];
		t->nattached += n;
		if (t->o->verbose && n)
			fprintf(stderr, "qtrace: attached '%s' (%s)\n", pi->name, pi->section);
	}
	if (!err && !check_groups(t, got, skip))
		err = -1;
	if (!err)
		report_skipped(t);
	free(order);
	free(got);
	free(skip);
	return err;
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

/* BEGIN's output waits for the attached record (-f json). */
static void hold_output(struct tracer *t)
{
	if (t->o->fmt->attached_first && !t->o->quiet)
		t->held = open_memstream(&t->held_buf, &t->held_len);
}

static void release_output(struct tracer *t)
{
	if (!t->held)
		return;
	if (fclose(t->held) == 0 && t->held_len)
		fwrite(t->held_buf, 1, t->held_len, t->o->out);
	free(t->held_buf);
	t->held = NULL;
	t->held_buf = NULL;
	fflush(t->o->out);
}

static void print_attached(struct tracer *t)
{
	int n = t->nattached + rt_count_special(t->p);

	if (!t->o->quiet) {
		t->o->fmt->attached(t->o->out, n);
		fflush(t->o->out);
	}
	release_output(t);
}

/*
 * The providers' run hooks (iter) in script order, once every probe runs.
 * A script with nothing else to wait for (only these, BEGIN and END) ends:
 * t->exited skips the event loop and the -c child, END still runs.
 */
static int run_once(struct tracer *t)
{
	bool rest = false;
	int i;

	for (i = 0; i < t->p->ninsts && !t->exited && !rt_stop_requested(); i++) {
		struct probe_inst *pi = t->p->insts[i];

		if (pi->provider->run && pi->provider->run(t, pi) < 0)
			return -1;
	}
	for (i = 0; i < t->p->ninsts; i++)
		rest |= !rt_is_oneshot(t->p->insts[i]) && !t->p->insts[i]->provider->runs_once;
	for (i = 0; !rest && i < t->p->ninsts; i++)
		if (t->p->insts[i]->provider->runs_once)
			t->exited = true;
	return 0;
}

static bool only_begin_end(const struct program *p)
{
	int i;

	for (i = 0; i < p->ninsts; i++)
		if (!rt_is_oneshot(p->insts[i]))
			return false;
	return true;
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
	rt_write_profiles(t);
	rt_report_losses(t);
}

/*
 * --test, --bench: after BEGIN, the test (bench) probes, then END; nothing
 * is attached, the maps are not printed (a benchmark filled them a million
 * times).  The exit status: 1 if a test failed, else END's exit() or 0.
 */
static int run_mode(struct tracer *t)
{
	int ret = 0;

	print_attached(t);
	if (!t->exited)
		ret = t->p->run_mode == RUN_TEST ? rt_run_tests(t) : rt_run_benches(t) ? 1 : 0;
	rt_run_end(t);
	return ret ? ret : t->exit_code;
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
	timing_mark("events");
	if (o->metrics && metrics_start(o->metrics, p, t.map_fds, t.ncpus) < 0)
		goto out;
	rt_signals_install();
	rt_self_install(&t);
	if (o->fmt->start)
		o->fmt->start(o->out, p);
	rt_crash_install(&t);
	hold_output(&t);
	if (rt_run_begin(&t) < 0)
		goto out_signals;
	timing_mark("BEGIN");
	if (p->run_mode != RUN_TRACE) {
		ret = run_mode(&t);
		goto out_signals;
	}
	if (!t.exited && attach_all(&t) < 0)
		goto out_signals;
	timing_mark("attach");
	if (!t.exited && !rt_start_probes(&t)) {
		diag_rt_error((struct loc){ 0 }, "cannot start the probes: writing their run flag failed: %s", strerror(errno));
		goto out_signals;
	}
	timing_mark("start");
	print_attached(&t);
	if (!t.exited && run_once(&t) < 0)
		goto out_signals;
	/*
	 * Only BEGIN/END and no -c command: nothing more can fire, so end now
	 * (bpftrace does since 0.24, PR #4358).  A self probe waits for its signal.
	 */
	if (!t.exited && o->child_pid <= 0 && only_begin_end(p))
		t.exited = true;
	release_child(&child_fd, !t.exited && !rt_stop_requested());
	if (!t.exited && rt_events_loop(&t) < 0)
		goto out_signals;
	timing_mark("run");
	finish(&t);
	timing_mark("finish");
	ret = t.exit_code;
out_signals:
	rt_signals_restore();
	rt_self_restore();
	rt_crash_forget();
out:
	release_output(&t);
	release_child(&child_fd, false);
	end_child(&t);
	metrics_stop(o->metrics);	/* its thread reads the maps: before they close */
	rt_events_close(&t);
	rt_teardown(&t);
	timing_mark("teardown");
	return ret;
}
