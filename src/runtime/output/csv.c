// SPDX-License-Identifier: GPL-2.0
/*
 * -f csv: the column printfs of a script (sema/columns.c) as a table, RFC
 * 4180 quoting, lines ending in "\n": a header line of the column names,
 * then one row per event.  stdout holds nothing else; every other record
 * (text printfs, maps, time(), print()) goes to stderr in text layout, so
 * that `qtrace -f csv ... > t.csv` is a table any CSV reader takes.
 */
#include <stdlib.h>
#include <string.h>
#include "runtime/output/columns.h"
#include "runtime/output/output.h"
#include "util/diag.h"

/* A field as CSV writes it: quoted when it holds , " CR LF or edge blanks. */
static void csv_field(FILE *out, const char *s, size_t n)
{
	bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
	size_t i;

	for (i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		fwrite(s, 1, n, out);
		return;
	}
	fputc('"', out);
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

static void csv_start(FILE *out, const struct program *p)
{
	const struct fmtinfo *f = NULL;
	int i;

	for (i = 0; i < p->nfmts && !f; i++)
		if (p->fmts[i]->cols)
			f = p->fmts[i];
	if (!f) {
		diag_warn((struct loc){ 0 }, "-f csv: no printf of name:%%fmt fields, so no rows: the output goes to stderr");
		return;
	}
	for (i = 0; i < f->nargs; i++) {
		if (i)
			fputc(',', out);
		csv_field(out, f->cols[i].name, strlen(f->cols[i].name));
	}
	fputc('\n', out);
}

static void csv_printf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	const char *s;
	size_t n;
	int i;

	if (!f->cols) {
		out_printf(stderr, f, payload, len);
		return;
	}
	for (i = 0; i < f->nargs; i++) {
		if (i)
			fputc(',', out);
		s = out_column_text(f, i, payload, len, &n);
		if (s)
			csv_field(out, s, n);
	}
	fputc('\n', out);
}

static void csv_time(FILE *out, const struct fmtinfo *f)
{
	out_time(stderr, f);
}

static void csv_value(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	out_value(stderr, f, payload, len);
}

static void csv_text(FILE *out, const char *kind, const char *s, size_t n)
{
	fwrite(s, 1, n, stderr);
}

static void csv_map(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		    int n, int64_t div)
{
	out_text_map(stderr, m, e, n, div);
}

static void csv_maps_begin(FILE *out)
{
	fflush(out);
}

static void csv_attached(FILE *out, int n)
{
	out_text.attached(out, n);
}

static void csv_lost(FILE *out, uint64_t n)
{
	out_text.lost(out, n);
}

static void csv_helper_error(FILE *out, struct loc loc, const char *helper, int err,
			     uint64_t n)
{
	out_text.helper_error(out, loc, helper, err, n);
}

const struct out_format out_csv = {
	.name = "csv",
	.start = csv_start,
	.printf = csv_printf,
	.time = csv_time,
	.value = csv_value,
	.text = csv_text,
	.map = csv_map,
	.maps_begin = csv_maps_begin,
	.attached = csv_attached,
	.lost = csv_lost,
	.helper_error = csv_helper_error,
	.columns = true,
};
