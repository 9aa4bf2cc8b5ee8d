// SPDX-License-Identifier: GPL-2.0
/* At the end: every map printed in name order, then what was lost. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "util/diag.h"
#include "runtime/output/output.h"
#include "runtime/output/profile.h"
#include "runtime/output/pprof.h"
#include "runtime/output/flamegraph.h"
#include "runtime/rt.h"
#include "util/sort.h"

static int cmp_name(const void *a, const void *b)
{
	const struct mapinfo *x = *(const struct mapinfo *const *)a;
	const struct mapinfo *y = *(const struct mapinfo *const *)b;

	return strcmp(x->name, y->name);
}

void rt_print_maps(struct tracer *t)
{
	struct program *p = t->p;
	const struct mapinfo **v;
	int i;

	t->o->fmt->maps_begin(t->o->out);
	fflush(t->o->out);
	if (!p->nmaps || p->no_print_maps)
		return;
	v = malloc(p->nmaps * sizeof(*v));
	if (!v)
		return;
	memcpy(v, p->maps, p->nmaps * sizeof(*v));
	qt_sort(v, p->nmaps, sizeof(*v), cmp_name);
	for (i = 0; i < p->nmaps; i++)
		if (t->map_fds[v[i]->id] >= 0)
			out_print_map(t->o->out, t->o->fmt, v[i], t->map_fds[v[i]->id],
				      t->ncpus, 0, 1);
	fflush(t->o->out);
	free(v);
}

/*
 * Every map keyed by a stack, as one profile: with several, each map's
 * name is a frame below its stacks.  An error is reported once here.
 */
void rt_write_profiles(struct tracer *t)
{
	const struct rt_opts *o = t->o;
	struct profile prof = { 0 };
	int i, n = 0, err = 0;

	if (!o->pprof && !o->flamegraph)
		return;
	for (i = 0; i < t->p->nmaps; i++)
		n += t->map_fds[i] >= 0 && prof_map_ok(t->p->maps[i]);
	for (i = 0; i < t->p->nmaps && !err; i++)
		if (t->map_fds[i] >= 0 && prof_map_ok(t->p->maps[i]))
			err = prof_add_map(&prof, t->p->maps[i], t->map_fds[i], t->ncpus, n > 1);
	if (!n)
		fprintf(stderr, "qtrace: warning: no map keyed by kstack or ustack to write as a profile\n");
	if (!err && o->pprof)
		err = out_pprof(o->pprof, &prof, prof_period_ns(t->p));
	if (!err && o->flamegraph)
		err = out_flamegraph(o->flamegraph, &prof, o->title ? o->title : "qtrace");
	if (err)
		fprintf(stderr, "qtrace: error: cannot write the profile: %s\n", strerror(-err));
	prof_free(&prof);
}

/* Sum of one QT_STATS_MAP counter over the CPUs. */
static uint64_t stat(struct tracer *t, uint32_t key, uint64_t *vals)
{
	uint64_t sum = 0;
	int i;

	if (bpf_map_lookup_elem(t->stats_fd, &key, vals))
		return 0;
	for (i = 0; i < t->ncpus; i++)
		sum += vals[i];
	return sum;
}

/* The last errno of map m's failed updates that any CPU kept; 0 if none. */
static int64_t map_errno(struct tracer *t, const struct mapinfo *m, uint64_t *vals)
{
	uint32_t key = QT_STAT_MAP_ERR(t->p->nmaps, m->id);
	int64_t err = 0;
	int c;

	if (bpf_map_lookup_elem(t->stats_fd, &key, vals) == 0)
		for (c = 0; c < t->ncpus; c++)
			if (vals[c])
				err = (int64_t)vals[c];
	return err;
}

/* while loops cut at QT_MAX_LOOPS rounds: where the last one is (per-CPU slots: any non-zero) */
static void loop_cut(struct tracer *t, uint64_t n, uint64_t *vals)
{
	uint32_t key = QT_STAT_LOOP_CUT_AT(t->p->nmaps);
	struct loc at = { 0 };
	int c;

	if (bpf_map_lookup_elem(t->stats_fd, &key, vals) == 0)
		for (c = 0; c < t->ncpus; c++)
			if (vals[c]) {
				at.first_line = at.last_line = (int)(vals[c] >> 16);
				at.first_column = at.last_column = (int)(vals[c] & 0xffff);
			}
	diag_rt_warn(at, "a loop was stopped short of its end %llu time%s: bpf_loop runs at most %u rounds",
		     (unsigned long long)n, n == 1 ? "" : "s", QT_MAX_LOOPS);
}

void rt_report_losses(struct tracer *t)
{
	uint64_t *vals, n;
	int i;

	if (t->stats_fd < 0)
		return;
	vals = calloc(t->ncpus, sizeof(*vals));
	if (!vals)
		return;
	n = stat(t, QT_STAT_LOST_EVENTS, vals);
	if (n) {
		t->o->fmt->lost(t->o->out, n);
		fflush(t->o->out);
	}
	n = stat(t, QT_STAT_LOST_CTRL(t->p->nmaps), vals);
	if (n) {
		struct loc noloc = { 0 };

		diag_rt_warn(noloc, "%llu control records (print, clear, zero of a map; exit) lost: more than %d KiB of them waited at once",
			     (unsigned long long)n, QT_CTRL_BYTES / 1024);
	}
	n = stat(t, QT_STAT_LOOP_CUT(t->p->nmaps), vals);
	if (n)
		loop_cut(t, n, vals);
	for (i = 0; i < t->p->nmaps; i++) {
		const struct mapinfo *m = t->p->maps[i];

		n = stat(t, QT_STAT_MAP_FAIL(m->id), vals);
		if (n && !m->task_storage && map_errno(t, m, vals) == -ENOMEM)
			diag_rt_warn(m->loc, "%llu updates of map '%s' failed (no memory: the kernel had no free element at hand where the probe ran, as in an interrupt; per-CPU maps allocate elements as they grow)",
				     (unsigned long long)n, m->name);
		else if (n && m->task_storage)
			diag_rt_warn(m->loc, "%llu updates of map '%s' failed (no memory for per-thread storage)",
				     (unsigned long long)n, m->name);
		else if (n && m->declared)
			diag_rt_warn(m->loc, "%llu updates of map '%s' failed (the map is full: its declaration allows %u elements)",
				     (unsigned long long)n, m->name, m->max_entries);
		else if (n)
			diag_rt_warn(m->loc, "%llu updates of map '%s' failed (the map is full: raise QTRACE_MAP_KEYS_MAX, now %u)",
				     (unsigned long long)n, m->name, m->max_entries ? m->max_entries : t->p->map_keys_max);
	}
	rt_report_helper_errors(t, true);
	free(vals);
}
