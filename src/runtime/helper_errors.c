// SPDX-License-Identifier: GPL-2.0
/*
 * The helper failures counted per call site (QT_STAT_HELPER): with -k
 * reported while tracing as they grow and once more at the end, with -v
 * only at the end; through the output
 * format (a warning in text, a helper_error record in JSON).  Polled with
 * the event loop's wake-ups: the programs send no event for them.
 * Without either, one warning at the end sums them up (the programs count
 * the same either way), so a failed read is never silent.
 */
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include "util/diag.h"
#include "runtime/output/format.h"
#include "runtime/rt.h"

/* Sum of a counter over the CPUs, and the last non-zero errno any CPU kept. */
static uint64_t read_site(struct tracer *t, int i, int64_t *err, uint64_t *vals)
{
	uint32_t key = QT_STAT_HELPER(t->p->nmaps, i);
	uint64_t sum = 0;
	int c;

	if (bpf_map_lookup_elem(t->stats_fd, &key, vals))
		return 0;
	for (c = 0; c < t->ncpus; c++)
		sum += vals[c];
	key++;
	if (sum && !bpf_map_lookup_elem(t->stats_fd, &key, vals))
		for (c = 0; c < t->ncpus; c++)
			if (vals[c])
				*err = (int64_t)vals[c];
	return sum;
}

static bool same_site(const struct helper_site *a, const struct helper_site *b)
{
	return a->loc.first_line == b->loc.first_line &&
	       a->loc.first_column == b->loc.first_column &&
	       a->loc.last_column == b->loc.last_column && !strcmp(a->helper, b->helper);
}

/* The first site at the same place as site i (a wildcard's instances share it). */
static int first_site(const struct program *p, int i)
{
	int j;

	for (j = 0; j < i && !same_site(&p->sites[j], &p->sites[i]); j++)
		;
	return j;
}

/*
 * Neither -k nor -v: every failure of every site, and at how many places
 * of the script, in one warning.  Without -k the sites are probe reads
 * only (map updates are counted per map and reported apart).
 */
static void report_summary(struct tracer *t)
{
	const struct program *p = t->p;
	uint64_t *vals = calloc(t->ncpus, sizeof(*vals)), n, total = 0;
	bool *failed = calloc(p->nsites, sizeof(*failed));
	int64_t err = 0;
	int i, places = 0;

	for (i = 0; vals && failed && i < p->nsites; i++) {
		n = read_site(t, i, &err, vals);
		if (!n)
			continue;
		total += n;
		places += !failed[first_site(p, i)];
		failed[first_site(p, i)] = true;
	}
	if (total)
		diag_rt_warn((struct loc){ 0 },
			     "%llu probe read%s failed at %d place%s in the script (read as 0, strings as empty); run with -k to see where and why",
			     (unsigned long long)total, total == 1 ? "" : "s",
			     places, places == 1 ? "" : "s");
	free(vals);
	free(failed);
}

/*
 * One report per place in the script: a wildcard's instances each have the
 * site, and their failures add up under the first.
 */
void rt_report_helper_errors(struct tracer *t, bool at_end)
{
	const struct program *p = t->p;
	uint64_t *vals, *delta;
	int64_t *err;
	int i, j;

	if (!p->nsites || t->stats_fd < 0)
		return;
	if (!p->helper_errors && at_end && !tracer_opts(t)->verbose) {
		report_summary(t);
		return;
	}
	if (!p->helper_errors && !(at_end && tracer_opts(t)->verbose))
		return;
	if (!t->helper_seen && !(t->helper_seen = calloc(p->nsites, sizeof(uint64_t))))
		return;
	vals = calloc(t->ncpus, sizeof(*vals));
	delta = calloc(p->nsites, sizeof(*delta));
	err = calloc(p->nsites, sizeof(*err));
	for (i = 0; vals && delta && err && i < p->nsites; i++) {
		uint64_t n = read_site(t, i, &err[i], vals);

		if (n <= t->helper_seen[i])
			continue;
		j = first_site(p, i);
		delta[j] += n - t->helper_seen[i];
		err[j] = err[i];
		t->helper_seen[i] = n;
	}
	for (i = 0; vals && delta && err && i < p->nsites; i++)
		if (delta[i])
			t->o->fmt->helper_error(t->held ? t->held : t->o->out, p->sites[i].loc,
						p->sites[i].helper, (int)err[i], delta[i]);
	free(vals);
	free(delta);
	free(err);
}
