// SPDX-License-Identifier: GPL-2.0
/*
 * Maps as Prometheus metrics (text exposition format 0.0.4):
 *   count(), sum()           counter   NAME_total{labels} v
 *   plain integers, min(), max(), avg()   gauge
 *   hist(), lhist()          histogram NAME_bucket{le="hi"} cumulative, +Inf, NAME_count
 *   stats()                  summary   NAME_count, NAME_sum (no quantiles)
 * NAME is the map's name without '@' ("map" for @).  Each key is a label,
 * named after its expression where that is a builtin (comm, pid, cpu ...),
 * key0, key1 ... otherwise.  # HELP is the script's // comment on the lines
 * right above the map's first use, after it on its line, or above its probe.
 *
 * hist/lhist buckets are listed from the first up to the last non-empty one
 * (a hist has ~66 << k possible buckets, an lhist any number), so the set of
 * `le` values only grows while tracing.  The buckets count integers, so the
 * bucket [lo, hi] is le="hi" exactly.  A histogram has no _sum: the kernel
 * keeps only the bucket counts.
 */
#include <stdlib.h>
#include <string.h>
#include "parser/ast.h"
#include "runtime/maps/maps_read.h"
#include "runtime/output/hist_print.h"
#include "runtime/output/openmetrics.h"
#include "runtime/output/output.h"

struct om_map {
	const struct mapinfo *m;
	int fd;
	char *name;		/* sanitized, without the _total of counters */
	char **labels;		/* nkeys names */
	char *help;		/* NULL: none */
	const struct node *first;	/* walking: the first use with keys */
};

struct om_maps {
	struct om_map *v;
	int n;
	int ncpus;
};

static bool servable_int(const struct type *t)
{
	return t && t->kind == T_INT && !t->stack && !t->print;
}

/* The key's element i: its type and offset. */
static const struct type *key_elem(const struct mapinfo *m, int i, int *off)
{
	const struct type *t = m->key_type;

	*off = 0;
	if (!t)
		return NULL;
	if (t->kind != T_TUPLE)
		return i == 0 ? t : NULL;
	if (i >= t->nfields)
		return NULL;
	*off = t->fields[i].offset;
	return t->fields[i].type;
}

/* Why m cannot be a metric, or NULL. */
static const char *unservable(const struct mapinfo *m)
{
	const struct type *t;
	int i, off;

	if (m->agg == AGG_TSERIES)
		return "a tseries has no metric type";
	if (m->agg == AGG_NONE && !servable_int(m->value_type))
		return "its values are not integers";
	for (i = 0; i < m->nkeys; i++) {
		t = key_elem(m, i, &off);
		if (!t || !(t->kind == T_STR || servable_int(t)))
			return "a label is a string or an integer, and a key here is neither";
	}
	return NULL;
}

static char *sanitized(const char *name)
{
	size_t n = strlen(name), i, j = 0;
	char *s = malloc(n + 5);

	if (!s)
		return NULL;
	if (name[0] == '@')
		name++;
	if (!*name) {
		strcpy(s, "map");
		return s;
	}
	if (name[0] >= '0' && name[0] <= '9')
		s[j++] = '_';
	for (i = 0; name[i]; i++) {
		char c = name[i];

		s[j++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_' || c == ':' ? c : '_';
	}
	s[j] = '\0';
	return s;
}

static void first_use_cb(struct node *n, void *arg)
{
	struct om_maps *om = arg;
	int i;

	if (n->kind == N_MAP && n->map.map && n->map.keys) {
		for (i = 0; i < om->n; i++) {
			struct om_map *x = &om->v[i];

			if (x->m != n->map.map)
				continue;
			if (!x->first || n->loc.first_line < x->first->loc.first_line ||
			    (n->loc.first_line == x->first->loc.first_line &&
			     n->loc.first_column < x->first->loc.first_column))
				x->first = n;
		}
	}
	ast_children(n, first_use_cb, arg);
}

/* Label names: builtins by their name, key0 ... otherwise; each once. */
static int set_labels(struct om_map *x)
{
	const struct node *k = x->first ? x->first->map.keys : NULL;
	int i, j;

	x->labels = calloc(x->m->nkeys ? x->m->nkeys : 1, sizeof(*x->labels));
	if (!x->labels)
		return -1;
	for (i = 0; i < x->m->nkeys; i++, k = k ? k->next : NULL) {
		char buf[32];
		const char *name = NULL;

		if (k && k->kind == N_IDENT && k->ident.b && strcmp(k->ident.name, "le"))
			name = k->ident.name;
		for (j = 0; name && j < i; j++)
			if (!strcmp(x->labels[j], name))
				name = NULL;
		if (!name) {
			snprintf(buf, sizeof(buf), "key%d", i);
			name = buf;
		}
		x->labels[i] = sanitized(name);
		if (!x->labels[i])
			return -1;
	}
	return 0;
}

/* Line `line` (1-based) of src: its start and length. */
static const char *source_line(const char *src, int line, int *len)
{
	const char *e;

	for (; src && *src && line > 1; src++)
		if (*src == '\n')
			line--;
	if (!src || line != 1)
		return NULL;
	e = strchr(src, '\n');
	*len = e ? (int)(e - src) : (int)strlen(src);
	return src;
}

/* The text of a // comment that is all of the line (after blanks), or NULL. */
static const char *line_comment(const char *s, int len, int *n)
{
	int i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 >= len || s[i] != '/' || s[i + 1] != '/')
		return NULL;
	i += 2;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '/'))
		i++;
	*n = len - i;
	while (*n > 0 && (s[i + *n - 1] == ' ' || s[i + *n - 1] == '\t' || s[i + *n - 1] == '\r'))
		(*n)--;
	return s + i;
}

/* A // comment after column col of the line (outside strings), or NULL. */
static const char *trailing_comment(const char *s, int len, int col, int *n)
{
	bool str = false;
	int i;

	for (i = col; i + 1 < len; i++) {
		if (str && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == '"')
			str = !str;
		if (!str && s[i] == '/' && s[i + 1] == '/')
			return line_comment(s + i, len - i, n);
	}
	return NULL;
}

/* The // lines right above line `line`, joined by spaces, into f. */
static void comment_above(FILE *f, const char *src, int line)
{
	const char *s, *c;
	int len, n, first;

	for (first = line; first > 1; first--) {
		s = source_line(src, first - 1, &len);
		if (!s || !line_comment(s, len, &n))
			break;
	}
	for (; first < line; first++) {
		s = source_line(src, first, &len);
		c = line_comment(s, len, &n);
		if (c && n)
			fprintf(f, "%s%.*s", ftell(f) ? " " : "", n, c);
	}
}

/* The first line of the probe around line `line`, or 0. */
static int probe_line(const struct program *p, int line)
{
	const struct node *pr;
	int best = 0, l;

	for (pr = p->ast ? p->ast->program.probes : NULL; pr; pr = pr->next) {
		l = pr->probe.attach ? pr->probe.attach->loc.first_line : pr->loc.first_line;
		if (l <= line && l > best)
			best = l;
	}
	return best;
}

/*
 * # HELP: the comment right above the map's first use, else after it on
 * its line, else right above the probe it is in.
 */
static char *help_of(const struct program *p, const struct mapinfo *m)
{
	const char *s, *c;
	char *out = NULL;
	size_t size = 0;
	int len, n, line = m->loc.first_line;
	FILE *f;

	if (!p->source || line < 1)
		return NULL;
	f = open_memstream(&out, &size);
	if (!f)
		return NULL;
	comment_above(f, p->source, line);
	if (!ftell(f) && (s = source_line(p->source, line, &len)) &&
	    (c = trailing_comment(s, len, m->loc.last_column, &n)) && n)
		fprintf(f, "%.*s", n, c);
	if (!ftell(f) && probe_line(p, line) && probe_line(p, line) < line)
		comment_above(f, p->source, probe_line(p, line));
	if (fclose(f) || !size) {
		free(out);
		return NULL;
	}
	return out;
}

struct om_maps *om_maps_new(const struct program *p, const int *fds, int ncpus)
{
	struct om_maps *om = calloc(1, sizeof(*om));
	const char *why;
	int i;

	if (!om || !(om->v = calloc(p->nmaps + 1, sizeof(*om->v)))) {
		free(om);
		return NULL;
	}
	om->ncpus = ncpus;
	for (i = 0; i < p->nmaps; i++) {
		const struct mapinfo *m = p->maps[i];

		if (!m->name || m->name[0] != '@')
			continue;	/* qtrace's own maps */
		if ((why = unservable(m))) {
			fprintf(stderr, "qtrace: warning: --metrics: %s is not served: %s\n",
				m->name, why);
			continue;
		}
		om->v[om->n].m = m;
		om->v[om->n].fd = fds[m->id];
		om->v[om->n].name = sanitized(m->name);
		om->v[om->n].help = help_of(p, m);
		om->n++;
	}
	if (p->ast)
		first_use_cb(p->ast, om);
	for (i = 0; i < om->n; i++)
		if (!om->v[i].name || set_labels(&om->v[i])) {
			om_maps_free(om);
			return NULL;
		}
	return om;
}

void om_maps_free(struct om_maps *om)
{
	int i, j;

	if (!om)
		return;
	for (i = 0; i < om->n; i++) {
		for (j = 0; om->v[i].labels && j < om->v[i].m->nkeys; j++)
			free(om->v[i].labels[j]);
		free(om->v[i].labels);
		free(om->v[i].name);
		free(om->v[i].help);
	}
	free(om->v);
	free(om);
}

/* A label value: \ " and newline escaped; invalid UTF-8 as U+FFFD. */
static void label_value(FILE *out, const unsigned char *s, size_t n)
{
	size_t i, k, len;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '\\' || c == '"') {
			fputc('\\', out);
			fputc(c, out);
			continue;
		}
		if (c == '\n') {
			fputs("\\n", out);
			continue;
		}
		if (c < 0x80) {
			fputc(c, out);
			continue;
		}
		len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
		if (c >= 0xf5)
			len = 0;
		for (k = 1; len && k < len; k++)
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				len = 0;
		if (!len) {
			fputs("\xef\xbf\xbd", out);
			continue;
		}
		fwrite(s + i, 1, len, out);
		i += len - 1;
	}
}

/* {comm="x",pid="1"} of entry e, then extra (le="..."), if any. */
static void labels(FILE *out, const struct om_map *x, const struct out_entry *e,
		   const char *extra)
{
	const struct mapinfo *m = x->m;
	const struct type *t;
	char num[32];
	int i, off;

	if (!m->nkeys && !extra)
		return;
	fputc('{', out);
	for (i = 0; i < m->nkeys; i++) {
		t = key_elem(m, i, &off);
		fprintf(out, "%s%s=\"", i ? "," : "", x->labels[i]);
		if (t->kind == T_STR) {
			label_value(out, e->key + off, strnlen((const char *)e->key + off, t->size));
		} else {
			char *s = NULL;
			size_t n = 0;
			FILE *mem = open_memstream(&s, &n);

			if (mem) {
				out_format_key(mem, t, e->key + off);
				if (!fclose(mem))
					label_value(out, (const unsigned char *)s, n);
				free(s);
			} else {
				snprintf(num, sizeof(num), "?");
				fputs(num, out);
			}
		}
		fputc('"', out);
	}
	if (extra)
		fprintf(out, "%s%s", m->nkeys ? "," : "", extra);
	fputc('}', out);
}

static void int_value(FILE *out, int64_t v, bool is_signed)
{
	if (is_signed)
		fprintf(out, " %lld\n", (long long)v);
	else
		fprintf(out, " %llu\n", (unsigned long long)v);
}

static void bound(char *buf, size_t n, const struct out_bounds *b)
{
	if (b->is_signed)
		snprintf(buf, n, "le=\"%lld\"", (long long)b->hi);
	else
		snprintf(buf, n, "le=\"%llu\"", (unsigned long long)b->hi);
}

static void histogram(FILE *out, const struct om_map *x, const struct out_entry *e)
{
	uint64_t last = 0, idx, cum = 0;
	struct out_bounds b;
	char le[48];
	int i, j = 0;

	for (i = 0; i < e->nb; i++)
		if (e->b[i].count && e->b[i].idx > last)
			last = e->b[i].idx;
	for (idx = 0; idx <= last; idx++) {
		while (j < e->nb && e->b[j].idx < idx)
			j++;
		if (j < e->nb && e->b[j].idx == idx)
			cum += e->b[j].count;
		out_bucket_bounds(x->m, idx, &b);
		if (!b.has_hi)
			break;	/* lhist's [max, ...): only in +Inf */
		bound(le, sizeof(le), &b);
		fprintf(out, "%s_bucket", x->name);
		labels(out, x, e, le);
		fprintf(out, " %llu\n", (unsigned long long)cum);
	}
	fprintf(out, "%s_bucket", x->name);
	labels(out, x, e, "le=\"+Inf\"");
	fprintf(out, " %llu\n", (unsigned long long)e->total);
	fprintf(out, "%s_count", x->name);
	labels(out, x, e, NULL);
	fprintf(out, " %llu\n", (unsigned long long)e->total);
}

/* # HELP text: \ and newline escaped. */
static void help(FILE *out, const char *family, const char *text)
{
	const char *s;

	if (!text)
		return;
	fprintf(out, "# HELP %s ", family);
	for (s = text; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
	fputc('\n', out);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && !strcmp(s + n - k, suf);
}

static int cmp_key(const void *a, const void *b, void *size)
{
	return memcmp(((const struct out_entry *)a)->key, ((const struct out_entry *)b)->key,
		      *(const int *)size);
}

static void write_map(FILE *out, const struct om_maps *om, const struct om_map *x)
{
	static const uint8_t zero_key[8];
	const struct mapinfo *m = x->m;
	struct out_entry zero = { .key = zero_key };
	struct out_entry *e;
	const char *type, *suffix = "";
	char family[256];
	struct out_map rd;
	int i, n;

	if (out_map_read(&rd, m, x->fd, om->ncpus)) {
		out_map_release(&rd);
		return;
	}
	e = rd.e;
	n = rd.n;
	/* by key bytes: the same order in every scrape */
	qsort_r(e, n, sizeof(*e), cmp_key, (void *)&m->key_size);
	/* a key-less count() reads 0 before its first event, as print() shows */
	if (!n && !m->nkeys && m->agg == AGG_COUNT) {
		e = &zero;
		n = 1;
	}
	switch (m->agg) {
	case AGG_COUNT:
	case AGG_SUM:
		type = "counter";
		suffix = has_suffix(x->name, "_total") ? "" : "_total";
		break;
	case AGG_HIST:
	case AGG_LHIST:
		type = "histogram";
		break;
	case AGG_STATS:
		type = "summary";
		break;
	default:
		type = "gauge";
		break;
	}
	snprintf(family, sizeof(family), "%s%s", x->name, suffix);
	help(out, family, x->help);
	fprintf(out, "# TYPE %s %s\n", family, type);
	for (i = 0; i < n; i++) {
		switch (m->agg) {
		case AGG_HIST:
		case AGG_LHIST:
			histogram(out, x, &e[i]);
			continue;
		case AGG_STATS:
			fprintf(out, "%s_count", x->name);
			labels(out, x, &e[i], NULL);
			fprintf(out, " %llu\n", (unsigned long long)e[i].count);
			fprintf(out, "%s_sum", x->name);
			labels(out, x, &e[i], NULL);
			int_value(out, e[i].sum, m->value_signed);
			continue;
		default:
			break;
		}
		fputs(family, out);
		labels(out, x, &e[i], NULL);
		if (m->agg == AGG_AVG)
			int_value(out, out_average(m, &e[i]), m->value_signed);
		else if (m->agg == AGG_NONE)
			int_value(out, e[i].v, m->value_type->is_signed);
		else
			int_value(out, e[i].v, m->value_signed);
	}
	out_map_release(&rd);
}

void om_write(FILE *out, const struct om_maps *om)
{
	int i;

	for (i = 0; i < om->n; i++)
		write_map(out, om, &om->v[i]);
}
