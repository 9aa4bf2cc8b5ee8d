// SPDX-License-Identifier: GPL-2.0
/*
 * print(@map), clear(@map), zero(@map) and the maps printed at exit: entries
 * sorted and laid out byte for byte as bpftrace 0.17 prints them.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* qsort_r */
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "runtime/output/output.h"
#include "runtime/maps/maps_read.h"
#include "runtime/output/hist_print.h"
#include "runtime/output/tseries_print.h"
#include "runtime/symbols/stacks.h"

/* A key element: stacks in keys are indented by 4, not 8 (bpftrace 0.17). */
static void put_key(FILE *out, const struct type *t, const uint8_t *p)
{
	uint64_t v;

	if (t->kind != T_INT || !t->stack) {
		out_format_key(out, t, p);
		return;
	}
	memcpy(&v, p, sizeof(v));
	stacks_format(out, t, v, 4);
}

/*
 * Keys order like bpftrace's: field by field, integers as unsigned 64-bit
 * values (so -1 sorts last), strings by their bytes up to the NUL.
 */
static int cmp_key(const struct type *t, const uint8_t *a, const uint8_t *b)
{
	uint64_t x = 0, y = 0;
	int i, c;

	switch (t->kind) {
	case T_INT:
	case T_PTR:
		memcpy(&x, a, t->size > 0 && t->size < 8 ? t->size : 8);
		memcpy(&y, b, t->size > 0 && t->size < 8 ? t->size : 8);
		return x < y ? -1 : x > y;
	case T_STR:
		return strncmp((const char *)a, (const char *)b, t->size);
	case T_TUPLE:
		for (i = 0; i < t->nfields; i++) {
			c = cmp_key(t->fields[i].type, a + t->fields[i].offset,
				    b + t->fields[i].offset);
			if (c)
				return c;
		}
		return 0;
	default:
		return t->size > 0 ? memcmp(a, b, t->size) : 0;
	}
}

static int cmp_int(int64_t x, int64_t y, bool is_signed)
{
	if (is_signed)
		return x < y ? -1 : x > y;
	return (uint64_t)x < (uint64_t)y ? -1 : (uint64_t)x > (uint64_t)y;
}

int64_t out_average(const struct mapinfo *m, const struct out_entry *e)
{
	if (!e->count)
		return 0;
	if (m->value_signed)
		return e->sum / (int64_t)e->count;
	return (int64_t)((uint64_t)e->sum / e->count);
}

/*
 * Counters and integer values sort by value, avg/stats by their average,
 * hist/lhist by their total count, everything else by key.  bpftrace leaves
 * ties in hash order; here they fall back to the key so output is stable.
 */
static int cmp_entry(const void *pa, const void *pb, void *pm)
{
	const struct out_entry *a = pa, *b = pb;
	const struct mapinfo *m = pm;
	int c = 0;

	switch (m->agg) {
	case AGG_COUNT:
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		c = cmp_int(a->v, b->v, m->value_signed);
		break;
	case AGG_AVG:
	case AGG_STATS:
		c = cmp_int(out_average(m, a), out_average(m, b), m->value_signed);
		break;
	case AGG_HIST:
	case AGG_LHIST:
		c = cmp_int((int64_t)a->total, (int64_t)b->total, false);
		break;
	case AGG_NONE:
		if (m->value_type && m->value_type->kind == T_INT)
			c = cmp_int(a->v, b->v, m->value_type->is_signed);
		break;
	case AGG_TSERIES:
		break;
	}
	if (c || !m->key_type || !m->nkeys)
		return c;
	return cmp_key(m->key_type, a->key, b->key);
}

/* "@name" or "@name[k1, k2]" */
static void put_name(FILE *out, const struct mapinfo *m, const struct out_entry *e)
{
	const struct type *t = m->key_type;
	int i;

	fputs(m->name, out);
	if (!m->nkeys || !t)
		return;
	fputc('[', out);
	if (t->kind != T_TUPLE) {
		put_key(out, t, e->key);
	} else {
		for (i = 0; i < t->nfields; i++) {
			if (i)
				fputs(", ", out);
			put_key(out, t->fields[i].type, e->key + t->fields[i].offset);
		}
	}
	fputc(']', out);
}

static void put_int(FILE *out, int64_t v, bool is_signed, int64_t div)
{
	if (is_signed)
		fprintf(out, "%lld", (long long)(div > 1 ? v / div : v));
	else
		fprintf(out, "%llu",
			(unsigned long long)(div > 1 ? (uint64_t)v / (uint64_t)div :
						       (uint64_t)v));
}

static void put_value(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		      int64_t div)
{
	const struct type *t = m->value_type;

	switch (m->agg) {
	case AGG_AVG:
		put_int(out, out_average(m, e), m->value_signed, div);
		break;
	case AGG_STATS:
		fprintf(out, "count %llu, average ", (unsigned long long)e->count);
		put_int(out, out_average(m, e), m->value_signed, 1);
		fputs(", total ", out);
		put_int(out, e->sum, m->value_signed, 1);
		break;
	case AGG_NONE:
		if (t && t->kind == T_INT && t->stack)
			stacks_format(out, t, (uint64_t)e->v, 8);
		else if (t && t->kind == T_INT && t->print)
			out_format_print(out, t, &e->v);
		else if (t && t->kind == T_INT && t->is_bool)
			fputs(e->v ? "true" : "false", out);
		else if (t && t->kind == T_INT && t->enums && div <= 1 &&
			 type_enum_name(t, e->v))
			fputs(type_enum_name(t, e->v), out);
		else if (t && t->kind == T_INT)
			put_int(out, e->v, t->is_signed, div);
		else if (t && e->raw)
			out_format_value(out, t, e->raw);
		break;
	default:
		put_int(out, e->v, m->value_signed, div);
		break;
	}
}

static void put_entry(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		      int64_t div)
{
	put_name(out, m, e);
	if (m->agg == AGG_TSERIES) {
		fputs(":\n", out);
		if (e->raw)
			out_tseries_rows(out, m, e->raw);
		fputc('\n', out);
		return;
	}
	/* bpftrace 0.26 prints a multi-line value under "@h:", no trailing space */
	if (m->agg == AGG_HIST || m->agg == AGG_LHIST) {
		fputs(":\n", out);
		out_hist_rows(out, m, e, div);
		fputc('\n', out);
		return;
	}
	fputs(": ", out);
	put_value(out, m, e, div);
	fputc('\n', out);
}

void out_text_map(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		  int n, int64_t div)
{
	int i;

	/* the newest bpftrace prints nothing for an empty map (not even a line) */
	if (n == 0)
		return;
	/*
	 * One line an entry; only hist, lhist and tseries values end in a blank
	 * line (bpftrace 0.17 also put one after avg and stats maps, 0.26 not).
	 */
	for (i = 0; i < n; i++)
		put_entry(out, m, &e[i], div);
}

int out_print_map(FILE *out, const struct out_format *fmt, const struct mapinfo *m,
		  int fd, int ncpus, int64_t top, int64_t div)
{
	struct out_map om;
	struct out_entry *e;
	int n, skip = 0, err;

	err = out_map_read(&om, m, fd, ncpus);
	if (err)
		goto out;
	e = om.e;
	n = om.n;
	qsort_r(e, n, sizeof(*e), cmp_entry, (void *)m);
	/* bpftrace ignores top and div for stats() maps */
	if (m->agg == AGG_STATS)
		top = div = 0;
	if (top > 0 && n > top)
		skip = n - (int)top;
	fmt->map(out, m, e + skip, n - skip, div);
out:
	out_map_release(&om);
	return err;
}

/* Elements [0, n) of an array map set to zero. */
static int zero_array(const struct mapinfo *m, int fd, int ncpus, uint32_t n)
{
	uint8_t *zeros = calloc(1, out_value_bytes(m, ncpus));
	uint32_t i;
	int err = 0;

	if (!zeros)
		return -ENOMEM;
	for (i = 0; i < n && !err; i++)
		if (bpf_map_update_elem(fd, &i, zeros, BPF_ANY))
			err = -errno;
	free(zeros);
	return err;
}

int out_clear_map(const struct mapinfo *m, int fd)
{
	uint8_t *keys;
	int n, i, err;

	if (m->task_storage)
		return out_tstore_clear(m, fd, false);
	/* the mark too: no entry any more */
	if (m->bucket_array)
		return zero_array(m, fd, libbpf_num_possible_cpus(), m->max_entries);
	err = out_dense_clear(m, libbpf_num_possible_cpus());
	if (err)
		return err;
	err = out_map_keys(m, fd, &keys, &n);
	if (err)
		return err;
	for (i = 0; i < n; i++) {
		const uint8_t *k = keys + (size_t)i * m->bpf_key_size;

		if (!bpf_map_delete_elem(fd, k) || errno == ENOENT)
			continue;
		/* array maps cannot delete: the best clear is zero */
		if (errno != EINVAL) {
			err = -errno;
			break;
		}
		err = out_zero_map(m, fd, libbpf_num_possible_cpus());
		break;
	}
	free(keys);
	return err;
}

int out_zero_map(const struct mapinfo *m, int fd, int ncpus)
{
	uint8_t *keys, *zeros;
	int n, i, err;

	if (m->task_storage)
		return out_tstore_clear(m, fd, true);
	/* the counters, not the mark: the entry stays */
	if (m->bucket_array)
		return zero_array(m, fd, ncpus, m->max_entries - 1);
	err = out_map_keys(m, fd, &keys, &n);
	if (err)
		return err;
	zeros = calloc(1, out_value_bytes(m, ncpus));
	if (!zeros) {
		free(keys);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (bpf_map_update_elem(fd, keys + (size_t)i * m->bpf_key_size, zeros,
					BPF_EXIST) && errno != ENOENT) {
			err = -errno;
			break;
		}
	}
	free(zeros);
	free(keys);
	return err;
}
