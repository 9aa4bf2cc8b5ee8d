// SPDX-License-Identifier: GPL-2.0
/*
 * -f json: one JSON object per line (NDJSON), in the schema of the newest
 * bpftrace (src/output/json.cpp there): {"type": "printf", "data": ...},
 * "time", "value", "map", "hist", "stats", "attached_probes",
 * "lost_events", "helper_error"; a column printf (name:%fmt fields, see
 * sema/columns.c) is an object of its columns instead: {"pid": 42, ...}.
 */
#include <stdlib.h>
#include <string.h>
#include "runtime/output/output.h"
#include "runtime/output/hist_print.h"
#include "runtime/output/json.h"
#include "runtime/output/columns.h"
#include "util/diag.h"

/* printf() and time(): the formatted text as "data". */
static void json_text_record(FILE *out, const char *type, const char *s, size_t n)
{
	fprintf(out, "{\"type\": \"%s\", \"data\": ", type);
	out_json_str(out, s ? s : "", s ? n : 0);
	fputs("}\n", out);
}

static void json_text(FILE *out, const char *kind, const char *s, size_t n)
{
	json_text_record(out, kind, s, n);
}

/*
 * A column printf (sema/columns.c): one object of its columns, integers
 * by %d %i %u as numbers, the rest as the strings they format to.
 */
static void json_columns(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	const char *s;
	size_t n;
	int i;

	fputc('{', out);
	for (i = 0; i < f->nargs; i++) {
		fputs(i ? ", " : "", out);
		out_json_str(out, f->cols[i].name, strlen(f->cols[i].name));
		fputs(": ", out);
		s = out_column_text(f, i, payload, len, &n);
		if (!s)
			fputs("null", out);
		else if (f->cols[i].number || f->cols[i].wall_ns)
			fwrite(s, 1, n, out);
		else
			out_json_str(out, s, n);
	}
	fputs("}\n", out);
}

static void json_printf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem;

	if (f->cols) {
		json_columns(out, f, payload, len);
		return;
	}
	mem = open_memstream(&s, &n);
	if (!mem)
		return;
	out_printf(mem, f, payload, len);
	if (fclose(mem) == 0)
		json_text_record(out, "printf", s, n);
	free(s);
}

static void json_time(FILE *out, const struct fmtinfo *f)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);

	if (!mem)
		return;
	out_time(mem, f);
	if (fclose(mem) == 0)
		json_text_record(out, "time", s, n);
	free(s);
}

static void json_print_value(FILE *out, const struct fmtinfo *f, const void *payload,
			     size_t len)
{
	const char *p = (const char *)payload;

	if (f->nargs < 1 || f->arg_offsets[0] < 0 ||
	    (size_t)f->arg_offsets[0] + (size_t)f->arg_types[0]->size > len)
		return;
	fputs("{\"type\": \"value\", \"data\": ", out);
	out_json_value(out, f->arg_types[0], p + f->arg_offsets[0]);
	fputs("}\n", out);
}

/*
 * A map key as a string, as bpftrace writes it: the elements of a tuple
 * joined by ",".  (bpftrace also drops every space, even inside strings;
 * here strings keep theirs.)
 */
static void json_key(FILE *out, const struct mapinfo *m, const struct out_entry *e)
{
	const struct type *t = m->key_type;
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);
	int i;

	if (!mem)
		return;
	if (t->kind != T_TUPLE) {
		out_format_key(mem, t, e->key);
	} else {
		for (i = 0; i < t->nfields; i++) {
			if (i)
				fputc(',', mem);
			out_format_key(mem, t->fields[i].type, e->key + t->fields[i].offset);
		}
	}
	if (fclose(mem) == 0 && s)
		out_json_str(out, s, n);
	free(s);
}

static int64_t divided(int64_t v, bool is_signed, int64_t div)
{
	if (div <= 1)
		return v;
	return is_signed ? v / div : (int64_t)((uint64_t)v / (uint64_t)div);
}

/* One bucket object: {"min": A, "max": B, "count": N} without the open ends. */
static void json_bucket(FILE *out, const struct mapinfo *m, uint64_t idx, uint64_t count)
{
	struct out_bounds b;

	out_bucket_bounds(m, idx, &b);
	fputc('{', out);
	if (b.has_lo) {
		fputs("\"min\": ", out);
		out_json_int(out, b.lo, b.is_signed);
		fputs(", ", out);
	}
	if (b.has_hi) {
		fputs("\"max\": ", out);
		out_json_int(out, b.hi, b.is_signed);
		fputs(", ", out);
	}
	fprintf(out, "\"count\": %llu}", (unsigned long long)count);
}

/* The buckets from the first to the last non-empty one, as text prints them. */
static void json_hist(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		      int64_t div)
{
	uint64_t lo = 0, hi = 0, idx, c;
	bool any = false;
	int i, j = 0;

	for (i = 0; i < e->nb; i++) {
		if (!e->b[i].count)
			continue;
		if (!any)
			lo = e->b[i].idx;
		hi = e->b[i].idx;
		any = true;
	}
	fputc('[', out);
	for (idx = lo; any && idx <= hi; idx++) {
		while (j < e->nb && e->b[j].idx < idx)
			j++;
		c = j < e->nb && e->b[j].idx == idx ? e->b[j].count : 0;
		if (div > 1)
			c /= (uint64_t)div;
		if (idx > lo)
			fputc(',', out);
		json_bucket(out, m, idx, c);
	}
	fputc(']', out);
}

static void json_entry_value(FILE *out, const struct mapinfo *m, const struct out_entry *e,
			     int64_t div)
{
	const struct type *t = m->value_type;

	switch (m->agg) {
	case AGG_HIST:
	case AGG_LHIST:
		json_hist(out, m, e, div);
		break;
	case AGG_STATS:
		fprintf(out, "{\"count\": %llu, \"average\": ", (unsigned long long)e->count);
		out_json_int(out, (uint64_t)out_average(m, e), m->value_signed);
		fputs(", \"total\": ", out);
		out_json_int(out, (uint64_t)e->sum, m->value_signed);
		fputc('}', out);
		break;
	case AGG_AVG:
		out_json_int(out, (uint64_t)divided(out_average(m, e), m->value_signed, div),
			 m->value_signed);
		break;
	case AGG_NONE:
		if (t && t->kind == T_INT && t->is_bool)
			fputs(e->v ? "true" : "false", out);
		else if (t && t->kind == T_INT && !t->stack && !t->print)
			out_json_int(out, (uint64_t)divided(e->v, t->is_signed, div), t->is_signed);
		else if (t && t->kind == T_INT)
			out_json_value(out, t, &e->v);
		else if (t && e->raw)
			out_json_value(out, t, e->raw);
		else
			fputs("null", out);
		break;
	case AGG_TSERIES:
		fputs("null", out);	/* no JSON form yet (text draws the graph) */
		break;
	default:
		out_json_int(out, (uint64_t)divided(e->v, m->value_signed, div), m->value_signed);
		break;
	}
}

static void json_map(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		     int n, int64_t div)
{
	const char *type = "map";
	int i;

	/* the newest bpftrace prints nothing for an empty map */
	if (n == 0)
		return;
	if (m->agg == AGG_STATS)
		type = "stats";
	else if (m->agg == AGG_HIST || m->agg == AGG_LHIST)
		type = "hist";
	fprintf(out, "{\"type\": \"%s\", \"data\": {", type);
	out_json_str(out, m->name, strlen(m->name));
	fputs(": ", out);
	if (!m->nkeys || !m->key_type) {
		json_entry_value(out, m, &e[0], div);
	} else {
		fputc('{', out);
		for (i = 0; i < n; i++) {
			if (i)
				fputs(", ", out);
			json_key(out, m, &e[i]);
			fputs(": ", out);
			json_entry_value(out, m, &e[i], div);
		}
		fputc('}', out);
	}
	fputs("}}\n", out);
}

static void json_maps_begin(FILE *out)
{
}

static void json_attached(FILE *out, int n)
{
	fprintf(out, "{\"type\": \"attached_probes\", \"count\": %d, \"data\": {\"probes\": %d}}\n",
		n, n);
}

static void json_lost(FILE *out, uint64_t n)
{
	fprintf(out, "{\"type\": \"lost_events\", \"count\": %llu, \"data\": {\"events\": %llu}}\n",
		(unsigned long long)n, (unsigned long long)n);
}

static void json_helper_error(FILE *out, struct loc loc, const char *helper, int err,
			      uint64_t n)
{
	const char *msg = strerror(-err), *file = diag_loc_name(loc);

	fputs("{\"type\": \"helper_error\", \"msg\": ", out);
	out_json_str(out, msg, strlen(msg));
	fputs(", \"helper\": ", out);
	out_json_str(out, helper, strlen(helper));
	fprintf(out, ", \"retcode\": %d, \"count\": %llu, \"filename\": ", err,
		(unsigned long long)n);
	out_json_str(out, file, strlen(file));
	fprintf(out, ", \"line\": %d, \"col\": %d}\n", loc.first_line, loc.first_column);
}

const struct out_format out_json = {
	.name = "json",
	.columns = true,
	.attached_first = true,
	.printf = json_printf,
	.time = json_time,
	.value = json_print_value,
	.text = json_text,
	.map = json_map,
	.maps_begin = json_maps_begin,
	.attached = json_attached,
	.lost = json_lost,
	.helper_error = json_helper_error,
};
