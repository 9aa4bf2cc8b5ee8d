// SPDX-License-Identifier: GPL-2.0
/*
 * tseries() graphs as bpftrace prints them: a scale line with the smallest
 * and largest value, a "hh:mm:ss.ms" axis, one row per interval (its start
 * in local wall-clock time, a '*' at the value's place on a 53-column
 * scale, '.' marking zero when the scale spans it, then the value), and the
 * scale again below.  Rows run from the oldest interval the ring still
 * holds, at most the last n, to the newest; an interval with no value
 * prints an empty row.
 */
#include <string.h>
#include <time.h>
#include "runtime/output/tseries_print.h"

#define WIDTH 52	/* the last column of the scale; it has WIDTH + 1 */
#define INDENT 13

struct row {
	uint64_t epoch;
	bool set;
	int64_t v;
};

static int64_t value_of(const struct mapinfo *m, const struct qt_tslot *s)
{
	if (m->ts_agg != TS_AVG || !s->count)
		return s->value;
	if (m->value_signed)
		return s->value / (int64_t)s->count;
	return (int64_t)((uint64_t)s->value / s->count);
}

static bool less(const struct mapinfo *m, int64_t a, int64_t b)
{
	return m->value_signed ? a < b : (uint64_t)a < (uint64_t)b;
}

static void num(char *buf, size_t n, const struct mapinfo *m, int64_t v)
{
	if (m->value_signed)
		snprintf(buf, n, "%lld", (long long)v);
	else
		snprintf(buf, n, "%llu", (unsigned long long)v);
}

/* The column of v on the scale lo..hi (0 when the scale is one value). */
static int column(const struct mapinfo *m, int64_t v, int64_t lo, int64_t hi)
{
	double span, at;

	if (m->value_signed) {
		span = (double)hi - (double)lo;
		at = (double)v - (double)lo;
	} else {
		span = (double)(uint64_t)hi - (double)(uint64_t)lo;
		at = (double)(uint64_t)v - (double)(uint64_t)lo;
	}
	if (span <= 0)
		return 0;
	return (int)(at / span * WIDTH);
}

/* "             lo                    hi": the labels start at their columns. */
static void scale(FILE *out, const struct mapinfo *m, int64_t lo, int64_t hi)
{
	char a[32], b[32];
	int len;

	num(a, sizeof(a), m, lo);
	num(b, sizeof(b), m, hi);
	len = (int)strlen(a);
	fprintf(out, "%*s%s%*s%s\n", INDENT, "", a, len < WIDTH ? WIDTH - len : 1, "", b);
}

static void axis(FILE *out, char end)
{
	char line[WIDTH + 2];

	memset(line, '_', WIDTH + 1);
	line[0] = line[WIDTH] = end;
	line[WIDTH + 1] = '\0';
	fprintf(out, "%s\n", line);
}

/* Monotonic nanoseconds to local "hh:mm:ss.mmm". */
static void stamp(FILE *out, uint64_t mono_ns)
{
	struct timespec rt, mt;
	int64_t off, ns;
	struct tm tm;
	time_t sec;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mt);
	off = ((int64_t)rt.tv_sec - mt.tv_sec) * 1000000000 + (rt.tv_nsec - mt.tv_nsec);
	ns = (int64_t)mono_ns + off;
	sec = (time_t)(ns / 1000000000);
	localtime_r(&sec, &tm);
	fprintf(out, "%02d:%02d:%02d.%03d ", tm.tm_hour, tm.tm_min, tm.tm_sec,
		(int)(ns % 1000000000 / 1000000));
}

static void row(FILE *out, const struct mapinfo *m, const struct row *r, int64_t lo,
		int64_t hi)
{
	char line[WIDTH + 2], v[32];

	memset(line, ' ', WIDTH + 1);
	line[0] = line[WIDTH] = '|';
	line[WIDTH + 1] = '\0';
	if (less(m, lo, 0) && less(m, 0, hi))
		line[column(m, 0, lo, hi)] = '.';
	stamp(out, r->epoch * m->ts_interval);
	if (!r->set) {
		fprintf(out, "%s\n", line);
		return;
	}
	line[column(m, r->v, lo, hi)] = '*';
	num(v, sizeof(v), m, r->v);
	fprintf(out, "%s %s\n", line, v);
}

void out_tseries_rows(FILE *out, const struct mapinfo *m, const uint8_t *raw)
{
	const struct qt_tslot *s = (const struct qt_tslot *)raw;
	uint64_t newest = 0, oldest, e;
	struct row rows[1024];
	int64_t lo = 0, hi = 0;
	bool any = false;
	int i, n = 0;

	for (i = 0; i < m->ts_slots; i++)
		if (s[i].epoch > newest)
			newest = s[i].epoch;
	if (!newest || m->ts_num < 1)
		return;
	newest--;
	oldest = newest + 1 >= (uint64_t)m->ts_num ? newest + 1 - m->ts_num : 0;
	/* start at the oldest interval with a value: none before tracing began */
	for (e = oldest; e <= newest && !s[e & (m->ts_slots - 1)].epoch; e++)
		;
	for (; e <= newest && n < (int)(sizeof(rows) / sizeof(rows[0])); e++, n++) {
		const struct qt_tslot *t = &s[e & (m->ts_slots - 1)];

		rows[n].epoch = e;
		rows[n].set = t->epoch == e + 1;
		if (!rows[n].set)
			continue;
		rows[n].v = value_of(m, t);
		if (!any || less(m, rows[n].v, lo))
			lo = rows[n].v;
		if (!any || less(m, hi, rows[n].v))
			hi = rows[n].v;
		any = true;
	}
	scale(out, m, lo, hi);
	fprintf(out, "hh:mm:ss.ms  ");
	axis(out, '|');
	for (i = 0; i < n; i++)
		row(out, m, &rows[i], lo, hi);
	fprintf(out, "%*s", INDENT, "");
	axis(out, 'v');
	scale(out, m, lo, hi);
}
