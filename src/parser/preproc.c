// SPDX-License-Identifier: GPL-2.0
/*
 * The C preprocessor lines bpftrace scripts start with, without a C
 * preprocessor: types come from BTF, so #include is accepted and ignored;
 * #define makes object-like constants; #ifdef/#ifndef/#else/#endif choose
 * lines.  Anything else is a located error.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parser/preproc.h"
#include "sema/btf_types.h"
#include "util/arena.h"
#include "util/diag.h"

#define PP_NEST_MAX 32

struct cond {
	struct loc loc;		/* the #ifdef / #ifndef */
	const char *what;	/* "#ifdef" or "#ifndef" */
	bool taken;		/* this branch's lines are kept */
	bool outer;		/* lines around the #if were kept */
	bool seen_else;
};

struct pp {
	char *out;		/* the copy being blanked */
	struct pp_define *defs;
	struct pp_include *incs, **inc_tail;
	struct cond conds[PP_NEST_MAX];
	int nconds;
	int line;
	bool bad;
};

static bool named(const struct pp_define *d, const char *name, int len)
{
	return (int)strlen(d->name) == len && !strncmp(d->name, name, len);
}

const struct pp_define *pp_find(const struct pp_define *defs, const char *name, int len)
{
	for (; defs; defs = defs->next)
		if (!defs->until && named(defs, name, len))
			return defs;
	return NULL;
}

const struct pp_define *pp_find_at(const struct pp_define *defs, const char *name, int len,
				   int line)
{
	for (; defs; defs = defs->next)
		if (defs->loc.first_line < line && (!defs->until || line < defs->until) &&
		    named(defs, name, len))
			return defs;
	return NULL;
}

static int pp_file;	/* the text's struct loc file: pp_run's */

static struct loc at(int line, int col, int len)
{
	return (struct loc){ line, col, line, col + (len > 0 ? len : 1) - 1, pp_file };
}

static bool keeping(const struct pp *pp)
{
	return !pp->nconds || pp->conds[pp->nconds - 1].taken;
}

static void define(struct pp *pp, const char *name, int len, const char *val, int vlen,
		   struct loc l)
{
	struct pp_define *d = arena_alloc(sizeof(*d));

	d->name = arena_strndup(name, len);
	d->value = arena_strndup(val, vlen);
	d->loc = l;
	d->next = pp->defs;
	pp->defs = d;
}

/* The live #define of name ends on this line (uses below it no longer see it). */
static void undef(struct pp *pp, const char *name, int len)
{
	struct pp_define *d;

	for (d = pp->defs; d; d = d->next)
		if (!d->until && named(d, name, len))
			d->until = pp->line;
}

/* The identifier at p (its length, 0 if none). */
static int ident_len(const char *p)
{
	int n = 0;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (isalnum((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n;
}

/* Length of a directive's argument text up to a // or end of line, trimmed. */
static int arg_len(const char *p, const char *end)
{
	const char *q = p;
	bool str = false;

	for (; q < end; q++) {
		if (*q == '"' && (q == p || q[-1] != '\\'))
			str = !str;
		if (!str && q + 1 < end && q[0] == '/' && (q[1] == '/' || q[1] == '*'))
			break;
	}
	while (q > p && isspace((unsigned char)q[-1]))
		q--;
	return (int)(q - p);
}

static void do_define(struct pp *pp, const char *p, const char *end, int col)
{
	int n = ident_len(p);
	const char *v;

	if (!n) {
		diag_error(at(pp->line, col, 1), "'#define' needs a name");
		diag_note("write #define NAME value");
		pp->bad = true;
		return;
	}
	if (p[n] == '(') {
		diag_error(at(pp->line, col, n), "function-like macro '%.*s' is not supported", n, p);
		diag_note("#define makes constants (#define NAME value); for code, write a macro: macro %.*s(x) { ... }", n, p);
		pp->bad = true;
		return;
	}
	for (v = p + n; v < end && isspace((unsigned char)*v); v++)
		;
	if (pp_find(pp->defs, p, n))
		undef(pp, p, n);
	define(pp, p, n, v, arg_len(v, end), at(pp->line, col, n));
}

static void do_include(struct pp *pp, const char *p, const char *end, int col)
{
	char close = *p == '<' ? '>' : *p == '"' ? '"' : 0;
	const char *q = close ? memchr(p + 1, close, end - p - 1) : NULL;
	struct pp_include *inc;

	if (!q) {
		diag_error(at(pp->line, col, arg_len(p, end)), "'#include' takes <FILE> or \"FILE\"");
		diag_note("kernel types come from BTF: #include <linux/sched.h> is accepted and not read");
		pp->bad = true;
		return;
	}
	inc = arena_alloc(sizeof(*inc));
	inc->line = arena_printf("#include %.*s", (int)(q + 1 - p), p);
	inc->next = NULL;
	*pp->inc_tail = inc;
	pp->inc_tail = &inc->next;
}

static void do_ifdef(struct pp *pp, bool neg, const char *p, int dcol, int col)
{
	int n = ident_len(p);
	struct cond *c;

	if (!n) {
		diag_error(at(pp->line, col, 1), "'%s' needs a name", neg ? "#ifndef" : "#ifdef");
		pp->bad = true;
		n = 0;
	}
	if (pp->nconds == PP_NEST_MAX) {
		diag_error(at(pp->line, dcol, 1), "#ifdef nested more than %d deep", PP_NEST_MAX);
		pp->bad = true;
		return;
	}
	c = &pp->conds[pp->nconds];
	c->outer = keeping(pp);
	c->taken = c->outer && ((pp_find(pp->defs, p, n) != NULL) != neg);
	c->loc = at(pp->line, dcol, neg ? 7 : 6);
	c->what = neg ? "#ifndef" : "#ifdef";
	c->seen_else = false;
	pp->nconds++;
}

static void do_else_endif(struct pp *pp, bool is_else, int dcol)
{
	struct cond *c = pp->nconds ? &pp->conds[pp->nconds - 1] : NULL;
	const char *what = is_else ? "#else" : "#endif";

	if (!c) {
		diag_error(at(pp->line, dcol, (int)strlen(what)), "'%s' without '#ifdef' or '#ifndef'", what);
		pp->bad = true;
		return;
	}
	if (!is_else) {
		pp->nconds--;
		return;
	}
	if (c->seen_else) {
		diag_error(at(pp->line, dcol, 5), "a second '#else' for one '%s'", c->what);
		diag_note_at(c->loc, "'%s' opened here", c->what);
		pp->bad = true;
		return;
	}
	c->seen_else = true;
	c->taken = c->outer && !c->taken;
}

/* One directive line from its '#' at h to end (the newline); bol starts the line. */
static void directive(struct pp *pp, const char *bol, const char *h, const char *end)
{
	const char *p = h + 1, *q;
	int n, col, dcol = (int)(h - bol) + 1;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	n = ident_len(p);
	for (q = p + n; q < end && (*q == ' ' || *q == '\t'); q++)
		;
	col = (int)(q - bol) + 1;
#define IS(w) (n == (int)strlen(w) && !strncmp(p, w, n))
	if (IS("if") || IS("elif")) {
		diag_error(at(pp->line, dcol, (int)(p - h) + n), "'#%.*s' is not supported", n, p);
		diag_note("choose lines with #ifdef NAME or #ifndef NAME (BPFTRACE_HAVE_BTF is defined where the kernel has BTF)");
		pp->bad = true;
		if (IS("if") && pp->nconds < PP_NEST_MAX) {
			/* opened all the same, so its #endif is no second error */
			pp->conds[pp->nconds] = (struct cond){ .loc = at(pp->line, dcol, 3),
				.what = "#if", .taken = keeping(pp), .outer = keeping(pp) };
			pp->nconds++;
		}
	} else if (IS("ifdef") || IS("ifndef")) {
		do_ifdef(pp, IS("ifndef"), q, dcol, col);
	} else if (IS("else") || IS("endif")) {
		do_else_endif(pp, IS("else"), dcol);
	} else if (!keeping(pp)) {
		return;		/* skipped lines may hold anything */
	} else if (IS("include")) {
		do_include(pp, q, end, col);
	} else if (IS("define")) {
		do_define(pp, q, end, col);
	} else if (IS("undef")) {
		undef(pp, q, ident_len(q));
	} else {
		diag_error(at(pp->line, dcol, (int)(p - h) + (n ? n : 0)), "unknown preprocessor directive '#%.*s'", n, p);
		diag_note("qtrace takes #include, #define, #undef, #ifdef, #ifndef, #else and #endif");
		pp->bad = true;
	}
#undef IS
}

/* Blank [p, end) in the copy, keeping newlines. */
static void blank(struct pp *pp, const char *text, const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != '\n')
			pp->out[p - text] = ' ';
}

/*
 * The end of the logical line at p: a backslash before the newline joins
 * the next line (a long #define).
 */
static const char *line_end(const char *p, int *extra)
{
	*extra = 0;
	for (;;) {
		const char *nl = strchr(p, '\n');

		if (!nl)
			return p + strlen(p);
		if (nl > p && nl[-1] == '\\') {
			(*extra)++;
			p = nl + 1;
			continue;
		}
		return nl;
	}
}

/*
 * Scan line by line; '#' first on a line outside a comment or string starts
 * a directive.  Comments and strings are tracked only to know that.
 */
char *pp_run(const char *text, int file, struct pp_define **defs, struct pp_include **incs)
{
	struct pp pp = { 0 };
	const char *p = text, *bol, *end, *q;
	bool in_cmt = false, in_str = false;
	int extra;

	pp_file = file;
	pp.out = arena_strdup(text);
	pp.line = 1;
	pp.inc_tail = &pp.incs;
	if (btf_available()) {
		define(&pp, "BPFTRACE_HAVE_BTF", 17, "1", 1, (struct loc){ 0 });
		define(&pp, "QTRACE_HAVE_BTF", 15, "1", 1, (struct loc){ 0 });
	}
	while (*p) {
		bol = p;
		for (q = p; !in_cmt && (*q == ' ' || *q == '\t'); q++)
			;
		if (!in_cmt && !in_str && *q == '#') {
			end = line_end(q, &extra);
			directive(&pp, bol, q, end);
			blank(&pp, text, bol, end);
			pp.line += extra;
			p = *end ? end + 1 : end;
			pp.line++;
			continue;
		}
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (!keeping(&pp))
			blank(&pp, text, bol, end);
		for (q = p; q < end; q++) {
			if (in_cmt) {
				if (q[0] == '*' && q[1] == '/') {
					in_cmt = false;
					q++;
				}
			} else if (in_str) {
				if (*q == '\\' && q + 1 < end)
					q++;
				else if (*q == '"')
					in_str = false;
			} else if (q[0] == '/' && q[1] == '/') {
				break;
			} else if (q[0] == '/' && q[1] == '*') {
				in_cmt = true;
				q++;
			} else if (*q == '"') {
				in_str = true;
			}
		}
		in_str = false;		/* strings end at the line's end */
		p = *end ? end + 1 : end;
		pp.line++;
	}
	if (pp.nconds) {
		struct cond *c = &pp.conds[pp.nconds - 1];

		diag_error(c->loc, "unterminated '%s'", c->what);
		diag_note("close it with #endif");
		pp.bad = true;
	}
	*defs = pp.defs;
	*incs = pp.incs;
	return pp.bad ? NULL : pp.out;
}
