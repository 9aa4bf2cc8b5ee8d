// SPDX-License-Identifier: GPL-2.0
/*
 * Column printfs, Pixie's convention for bpftrace output as a table: a
 * printf whose format is only "name:%fmt" fields separated by spaces (a
 * trailing newline allowed) names one column per argument.  -f csv writes
 * them as rows under a header, -f json as one object per event.
 *
 * Pixie (its dynamic bpftrace connector) makes every printf of a script a
 * row, so it wants one format for all of them, reads the column names up to
 * the ':' of each space-separated word, and turns a time_ column into a
 * timestamp.  A qtrace script also prints text, so here only a printf made
 * of fields alone is a row; its rules are checked with -f csv and -f json,
 * where they decide the output, and never in text, which stays bpftrace's:
 *  - one column schema per script: every column printf names the same
 *    columns in the same order, numbers where numbers were;
 *  - no column printf in BEGIN or END: rows are events;
 *  - names without spaces: "total bytes:%d" is refused instead of read as
 *    a text word and a column "bytes";
 *  - names are identifiers, each once; time_ holds an integer.
 */
#include <ctype.h>
#include <string.h>
#include "sema/sema_int.h"
#include "util/arena.h"

enum tok_kind { TOK_WORD, TOK_FIELD, TOK_OTHER };

struct tok {
	int start, end;		/* decoded offsets [start, end) in the format */
	enum tok_kind kind;
	int colon;		/* TOK_FIELD: offset of the ':' */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The end of the conversion at f[i] == '%' (as printf_check.c parses it), or -1. */
static int conv_end(const char *f, int i, int len)
{
	int j = i + 1;

	while (j < len && strchr("-0 +#", f[j]))
		j++;
	while (j < len && isdigit((unsigned char)f[j]))
		j++;
	if (j < len && f[j] == '.')
		for (j++; j < len && isdigit((unsigned char)f[j]); j++)
			;
	if (j < len && (f[j] == 'h' || f[j] == 'l'))
		j += j + 1 < len && f[j + 1] == f[j] ? 2 : 1;
	else if (j < len && (f[j] == 'z' || f[j] == 'j' || f[j] == 't'))
		j++;
	if (j + 1 < len && f[j] == 'g' && f[j + 1] == 'r')
		return j + 2;
	if (j >= len || !strchr("diuxXocspr", f[j]))
		return -1;
	if (f[j] == 'r' && j + 1 < len && (f[j + 1] == 'x' || f[j + 1] == 'h'))
		j++;
	return j + 1;
}

/* NAME:%conv with NAME an identifier and the conversion ending the word. */
static void classify(const char *f, struct tok *t)
{
	int i, colon = -1, convs = 0, end;

	t->kind = TOK_WORD;
	for (i = t->start; i < t->end; i++) {
		if (f[i] != '%')
			continue;
		if (i + 1 < t->end && f[i + 1] == '%') {
			i++;
			continue;
		}
		convs++;
		end = conv_end(f, i, t->end);
		if (convs == 1 && i > t->start && f[i - 1] == ':' && end == t->end)
			colon = i - 1;
		if (end > 0)
			i = end - 1;
	}
	if (!convs)
		return;
	t->kind = TOK_OTHER;
	if (convs != 1 || colon <= t->start)
		return;
	if (!isalpha((unsigned char)f[t->start]) && f[t->start] != '_')
		return;
	for (i = t->start; i < colon; i++)
		if (!isalnum((unsigned char)f[i]) && f[i] != '_')
			return;
	t->kind = TOK_FIELD;
	t->colon = colon;
}

/* The words of format f; their count. */
static int tokens(const char *f, int len, struct tok *v)
{
	int i = 0, n = 0;

	while (i < len) {
		while (i < len && is_space(f[i]))
			i++;
		if (i >= len)
			break;
		v[n].start = i;
		while (i < len && !is_space(f[i]))
			i++;
		v[n].end = i;
		classify(f, &v[n]);
		n++;
	}
	return n;
}

/* The conversion as a column writes it: no width, no padding flags. */
static const char *bare_conv(const char *f, int start, int end)
{
	char *c = arena_alloc(end - start + 1);
	int i = start + 1, j = 1;

	c[0] = '%';
	for (; i < end && strchr("-0 +#", f[i]); i++)
		if (f[i] == '#' || f[i] == '+')
			c[j++] = f[i];
	while (i < end && isdigit((unsigned char)f[i]))
		i++;
	while (i < end)
		c[j++] = f[i++];
	c[j] = '\0';
	return c;
}

static const char *special_probe(struct sema *s)
{
	int i;

	for (i = 0; i < s->ninsts; i++)
		if (s->insts[i]->special)
			return s->insts[i]->name;
	return NULL;
}

/* The first column printf before f: the script's schema. */
static const struct fmtinfo *schema_of(struct sema *s, const struct fmtinfo *f)
{
	int i;

	for (i = 0; i < s->p->nfmts; i++)
		if (s->p->fmts[i] != f && s->p->fmts[i]->cols)
			return s->p->fmts[i];
	return NULL;
}

static bool same_names(const struct fmtinfo *a, const struct colfield *cols, int n)
{
	int i;

	if (a->nargs != n)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(a->cols[i].name, cols[i].name))
			return false;
	return true;
}

static bool same_schema(const struct fmtinfo *a, const struct colfield *cols, int n)
{
	int i;

	if (a->nargs != n)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(a->cols[i].name, cols[i].name) || a->cols[i].number != cols[i].number)
			return false;
	return true;
}

/* "a b c": the names, for messages (cut at 255 bytes). */
static const char *names(const struct colfield *cols, int n, char *buf, size_t cap)
{
	size_t k = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n && k < cap - 1; i++)
		k += snprintf(buf + k, cap - k, "%s%s", i ? " " : "", cols[i].name);
	return buf;
}

/* Words and fields, a word right before a field: a name with a space. */
static bool spaced_name(struct sema *s, struct node *lit, const struct tok *t, int nt)
{
	const char *f = lit->str.s;
	int i, fields = 0;

	for (i = 0; i < nt; i++) {
		if (t[i].kind == TOK_OTHER)
			return false;
		fields += t[i].kind == TOK_FIELD;
	}
	if (!fields)
		return false;
	for (i = 0; i + 1 < nt; i++) {
		if (t[i].kind != TOK_WORD || t[i + 1].kind != TOK_FIELD)
			continue;
		sema_error(s, sema_literal_loc(s, lit, t[i].start, t[i + 1].colon - 1),
			   "printf: column name '%.*s' contains a space",
			   t[i + 1].colon - t[i].start, f + t[i].start);
		sema_note(s, "columns are name:%%fmt fields separated by spaces: write '%.*s_%.*s'",
			  t[i].end - t[i].start, f + t[i].start,
			  t[i + 1].colon - t[i + 1].start, f + t[i + 1].start);
		return true;
	}
	return false;
}

void sema_columns(struct sema *s, struct node *n, struct node *lit, struct fmtinfo *f)
{
	const char *fmt = lit->str.s, *probe = special_probe(s);
	const struct fmtinfo *first;
	struct colfield *cols;
	struct node *a;
	struct tok *t;
	int nt, i, j;

	if (!s->p->columns || !f->nargs)
		return;
	t = arena_alloc((lit->str.len / 2 + 1) * sizeof(*t));
	nt = tokens(fmt, lit->str.len, t);
	for (i = 0; i < nt; i++)
		if (t[i].kind != TOK_FIELD)
			break;
	if (i < nt) {
		if (!probe)
			spaced_name(s, lit, t, nt);
		return;
	}
	if (probe) {
		sema_error(s, n->loc, "a column printf cannot be in %s", probe);
		sema_note(s, "columns are rows of traced events; BEGIN and END print text");
		return;
	}
	cols = arena_alloc(nt * sizeof(*cols));
	for (i = 0, a = lit->next; i < nt && a; i++, a = a->next) {
		cols[i].name = arena_strndup(fmt + t[i].start, t[i].colon - t[i].start);
		cols[i].conv = bare_conv(fmt, t[i].colon + 1, t[i].end);
		cols[i].number = sema_is_int(a->type) && strchr("diu", fmt[t[i].end - 1]) &&
				 !(a->type->kind == T_INT && (a->type->stack || a->type->print));
		for (j = 0; j < i; j++)
			if (!strcmp(cols[j].name, cols[i].name)) {
				sema_error(s, sema_literal_loc(s, lit, t[i].start, t[i].colon - 1),
					   "printf: column '%s' named twice", cols[i].name);
				return;
			}
		if (strcmp(cols[i].name, "time_"))
			continue;
		if (!sema_is_int(a->type)) {
			sema_error(s, a->loc, "printf: column time_ holds a timestamp: an integer, not %s",
				   sema_what(a->type));
			sema_note(s, "time_:%%llu with nsecs is written as wall-clock ns");
			return;
		}
		cols[i].wall_ns = a->kind == N_IDENT && !strcmp(a->ident.name, "nsecs");
	}
	first = schema_of(s, f);
	if (first && !same_schema(first, cols, nt)) {
		char a[256], b[256];
		int k = 0;

		sema_error(s, lit->loc, "printf: a second column schema '%s': a script has one",
			   names(cols, nt, a, sizeof(a)));
		if (!same_names(first, cols, nt)) {
			sema_note_at(s, first->loc, "its columns are '%s', from this printf",
				     names(first->cols, first->nargs, b, sizeof(b)));
		} else {
			while (first->cols[k].number == cols[k].number)
				k++;
			sema_note_at(s, first->loc, "its columns are '%s', from this printf, where '%s' is %s",
				     names(first->cols, first->nargs, b, sizeof(b)), cols[k].name,
				     first->cols[k].number ? "a number" : "text");
		}
		return;
	}
	f->cols = cols;
}
