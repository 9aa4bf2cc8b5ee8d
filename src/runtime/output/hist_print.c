// SPDX-License-Identifier: GPL-2.0
/* hist()/lhist() bucket rows: labels, counts and '@' bars as bpftrace 0.17 prints them. */
#include <string.h>
#include "runtime/output/hist_print.h"

#define BAR_WIDTH 52

static const char suffixes[] = " KMGTPE";

/* x with a K/M/G/... suffix while it is a multiple of 1024: 2048 -> "2K". */
static void num_label(char *buf, size_t n, int64_t x)
{
	int s = 0;

	while (x != 0 && x % 1024 == 0 && s < 6) {
		x /= 1024;
		s++;
	}
	if (s)
		snprintf(buf, n, "%lld%c", (long long)x, suffixes[s]);
	else
		snprintf(buf, n, "%lld", (long long)x);
}

/* The start of hist(v, k) bucket idx >= 2^(k+1): 2^p * (2^k + b), with a K/M/G/... suffix. */
static void pow2_label(char *buf, size_t n, uint64_t idx, int k)
{
	uint64_t nb = 1ull << k, b = idx & (nb - 1);
	int p = (int)(idx >> k) - 1;

	if (p < 10)
		snprintf(buf, n, "%llu", (unsigned long long)((1ull << p) * (nb + b)));
	else
		snprintf(buf, n, "%llu%c", (unsigned long long)((1ull << (p % 10)) * (nb + b)),
			 suffixes[p / 10]);
}

/* hist(v, k): 0 "(..., 0)", 1..2^(k+1) "[idx - 1]", above "[start, next start)". */
static void hist_label(char *buf, size_t n, uint64_t idx, int k)
{
	char lo[32], hi[32];

	if (idx == 0) {
		snprintf(buf, n, "(..., 0)");
	} else if (idx <= (2ull << k)) {
		snprintf(buf, n, "[%llu]", (unsigned long long)idx - 1);
	} else {
		pow2_label(lo, sizeof(lo), idx - 1, k);
		pow2_label(hi, sizeof(hi), idx, k);
		snprintf(buf, n, "[%s, %s)", lo, hi);
	}
}

/* lhist: 0 "(..., min)", n+1 "[max, ...)", else "[lo, hi)". */
static void lhist_label(char *buf, size_t n, const struct mapinfo *m,
			uint64_t idx, uint64_t nb)
{
	char lo[32], hi[32];
	int64_t x;

	if (idx == 0) {
		num_label(lo, sizeof(lo), m->lhist_min);
		snprintf(buf, n, "(..., %s)", lo);
	} else if (idx == nb - 1) {
		num_label(hi, sizeof(hi), m->lhist_max);
		snprintf(buf, n, "[%s, ...)", hi);
	} else {
		x = m->lhist_min + (int64_t)(idx - 1) * m->lhist_step;
		num_label(lo, sizeof(lo), x);
		num_label(hi, sizeof(hi), x + m->lhist_step);
		snprintf(buf, n, "[%s, %s)", lo, hi);
	}
}

static void row(FILE *out, const char *label, uint64_t count, uint64_t max,
		int64_t div)
{
	char bar[BAR_WIDTH + 1];
	int w = 0;

	/* bpftrace scales in float on the undivided counts; double rounds differently */
	if (max)
		w = (int)(count / (float)max * BAR_WIDTH);
	if (w < 0 || w > BAR_WIDTH)
		w = w < 0 ? 0 : BAR_WIDTH;
	memset(bar, '@', w);
	memset(bar + w, ' ', BAR_WIDTH - w);
	bar[BAR_WIDTH] = '\0';
	if (div > 1)
		count /= (uint64_t)div;
	fprintf(out, "%-16s%8llu |%s|\n", label, (unsigned long long)count, bar);
}

void out_hist_rows(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		   int64_t div)
{
	uint64_t nb = mapinfo_nbuckets(m), max = 0, lo = 0, hi = 0, idx, c;
	bool any = false;
	char label[96];
	int i, j = 0;

	for (i = 0; i < e->nb; i++) {
		if (!e->b[i].count)
			continue;
		if (!any)
			lo = e->b[i].idx;
		hi = e->b[i].idx;
		any = true;
		if (e->b[i].count > max)
			max = e->b[i].count;
	}
	if (!any)
		return;
	for (idx = lo; idx <= hi; idx++) {
		while (j < e->nb && e->b[j].idx < idx)
			j++;
		c = j < e->nb && e->b[j].idx == idx ? e->b[j].count : 0;
		if (m->agg == AGG_HIST)
			hist_label(label, sizeof(label), idx, m->hist_bits);
		else
			lhist_label(label, sizeof(label), m, idx, nb);
		row(out, label, c, max, div);
	}
}

/* The first value of hist(v, k) bucket j + 1 (j >= 2^(k+1)); 0 past 2^64 - 1. */
static uint64_t hist_start(uint64_t j, int k)
{
	uint64_t n = 1ull << k;
	int p = (int)(j >> k) - 1;
	unsigned __int128 v = ((unsigned __int128)1 << p) * (n + (j & (n - 1)));

	return v >> 64 ? 0 : (uint64_t)v;
}

void out_bucket_bounds(const struct mapinfo *m, uint64_t idx, struct out_bounds *b)
{
	uint64_t nb = mapinfo_nbuckets(m);
	int64_t x;

	b->has_lo = b->has_hi = true;
	b->is_signed = true;
	if (m->agg == AGG_HIST) {
		if (idx == 0) {
			b->has_lo = false;
			b->hi = (uint64_t)-1;	/* -1 */
		} else if (idx <= (2ull << m->hist_bits)) {
			b->lo = b->hi = idx - 1;
		} else {
			b->is_signed = false;
			b->lo = hist_start(idx - 1, m->hist_bits);
			/* 2^64 - 1 for the last */
			b->hi = hist_start(idx, m->hist_bits) - 1;
		}
		return;
	}
	if (idx == 0) {
		b->has_lo = false;
		b->hi = (uint64_t)(m->lhist_min - 1);
	} else if (idx == nb - 1) {
		b->has_hi = false;
		b->lo = (uint64_t)m->lhist_max;
	} else {
		x = m->lhist_min + (int64_t)(idx - 1) * m->lhist_step;
		b->lo = (uint64_t)x;
		b->hi = (uint64_t)(x + m->lhist_step - 1);
	}
}
