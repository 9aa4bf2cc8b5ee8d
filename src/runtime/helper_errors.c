// SPDX-License-Identifier: GPL-2.0
/*
 * -k: the helper failures counted per call site (QT_STAT_HELPER), reported
 * while tracing as they grow and once more at the end, through the output
 * format (a warning in text, a helper_error record in JSON).  Polled with
 * the event loop's wake-ups: the programs send no event for them.
 */
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
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

void rt_report_helper_errors(struct tracer *t)
{
	const struct program *p = t->p;
	uint64_t *vals, n;
	int64_t err = 0;
	int i;

	if (!p->helper_errors || !p->nsites || t->stats_fd < 0)
		return;
	if (!t->helper_seen && !(t->helper_seen = calloc(p->nsites, sizeof(uint64_t))))
		return;
	vals = calloc(t->ncpus, sizeof(*vals));
	if (!vals)
		return;
	for (i = 0; i < p->nsites; i++) {
		n = read_site(t, i, &err, vals);
		if (n <= t->helper_seen[i])
			continue;
		t->o->fmt->helper_error(t->held ? t->held : t->o->out, p->sites[i].loc,
					p->sites[i].helper, (int)err, n - t->helper_seen[i]);
		t->helper_seen[i] = n;
	}
	free(vals);
}
