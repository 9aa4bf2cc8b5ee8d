// SPDX-License-Identifier: GPL-2.0
/* printf(): the format's conversions against the arguments; fmtinfo records. */
#include <ctype.h>
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"

static int round8(int n)
{
	return (n + 7) & ~7;
}

int sema_fmt_add(struct sema *s, struct loc loc, const char *fmt, int nargs,
		 struct node *args)
{
	struct program *p = s->p;
	struct fmtinfo *f;
	int i, off = 0, id = p->nfmts;

	if (s->quiet)
		return -1;
	if (s->ninsts && !s->insts[0]->special)
		p->hot_events = true;
	f = arena_alloc(sizeof(*f));
	f->id = id;
	f->loc = loc;
	f->fmt = fmt;
	f->nargs = nargs;
	f->arg_types = arena_alloc((nargs + 1) * sizeof(*f->arg_types));
	f->arg_offsets = arena_alloc((nargs + 1) * sizeof(*f->arg_offsets));
	for (i = 0; i < nargs && args; i++, args = args->next) {
		f->arg_types[i] = sema_stored(args->type);
		f->arg_offsets[i] = off;
		off += round8(f->arg_types[i]->size);
	}
	f->size = off;
	if (id == 0 || (id >= 8 && !(id & (id - 1)))) {
		struct fmtinfo **v = arena_alloc((id ? 2 * id : 8) * sizeof(*v));

		if (id)
			memcpy(v, p->fmts, id * sizeof(*v));
		p->fmts = v;
	}
	p->fmts[id] = f;
	p->nfmts = id + 1;
	return id;
}

/* Source bytes of one decoded character at r (see the lexer's escapes). */
static int raw_len(const char *r)
{
	int n = 2;

	if (r[0] != '\\')
		return 1;
	if (r[1] == 'x') {
		while (n < 4 && isxdigit((unsigned char)r[n]))
			n++;
		return n;
	}
	if (r[1] >= '0' && r[1] <= '7') {
		while (n < 4 && r[n] >= '0' && r[n] <= '7')
			n++;
	}
	return n;
}

/* The source does not match (a macro's literal ...): the literal itself. */
struct loc sema_literal_loc(struct sema *s, struct node *lit, int from, int to)
{
	const char *src = s->p->source, *r;
	struct loc l = lit->loc;
	int line = 1, i, col = l.first_column;

	if (!src || l.first_line != l.last_line)
		return lit->loc;
	for (; *src && line < l.first_line; src++)
		if (*src == '\n')
			line++;
	r = src + l.first_column - 1;
	if (*r != '"')
		return lit->loc;
	r++;
	for (i = 0; i <= to; i++) {
		if (!*r || *r == '"' || *r == '\n')
			return lit->loc;
		if (i == from)
			col = r - src + 1;
		r += raw_len(r);
	}
	l.first_column = col;
	l.last_column = r - src;
	return l;
}

struct conv {
	int start, end;		/* decoded offsets of '%' and the conversion */
	char c;
};

/* One conversion at fmt[i] == '%'; its end, or -1 after reporting it. */
static int parse_conv(struct sema *s, const char *fn, struct node *lit, int i,
		      struct conv *cv)
{
	const char *f = lit->str.s;
	int j = i + 1, len = lit->str.len;

	int w = 0, p = 0;

	while (j < len && strchr("-0 +#", f[j]))
		j++;
	for (; j < len && isdigit((unsigned char)f[j]); j++)
		w = w > 4096 ? w : w * 10 + (f[j] - '0');
	if (j < len && f[j] == '.')
		for (j++; j < len && isdigit((unsigned char)f[j]); j++)
			p = p > 4096 ? p : p * 10 + (f[j] - '0');
	/* the output side pads at most 4096 (runtime/output/output.c) */
	if (w > 4096 || p > 4096) {
		sema_error(s, sema_literal_loc(s, lit, i, j < len ? j : len - 1), "%s: the %s of '%.*s' is too large",
			   fn, w > 4096 ? "width" : "precision", (j < len ? j + 1 : len) - i, f + i);
		sema_note(s, "widths and precisions go up to 4096");
		return -1;
	}
	if (j < len && (f[j] == 'h' || f[j] == 'l'))
		j += j + 1 < len && f[j + 1] == f[j] ? 2 : 1;
	else if (j < len && (f[j] == 'z' || f[j] == 'j' || f[j] == 't'))
		j++;
	cv->start = i;
	cv->end = j < len ? j : len - 1;
	cv->c = j < len ? f[j] : '\0';
	if (cv->c == 'r' && j + 1 < len && (f[j + 1] == 'x' || f[j + 1] == 'h')) {
		cv->end = j + 1;
		return j + 1;
	}
	if (cv->c == 'g' && j + 1 < len && f[j + 1] == 'r') {	/* %gr: GFP flags */
		cv->end = j + 1;
		return j + 1;
	}
	if (cv->c && strchr("diuxXocspr", cv->c))
		return j;
	if (!cv->c)
		sema_error(s, sema_literal_loc(s, lit, i, len - 1), "%s: incomplete conversion '%.*s' at the end of the format",
			   fn, len - i, f + i);
	else
		sema_error(s, sema_literal_loc(s, lit, i, j), "%s: unknown conversion '%.*s'",
			   fn, j - i + 1, f + i);
	sema_note(s, "conversions are %%d %%i %%u %%x %%X %%o %%c %%s %%p, %%r %%rx %%rh for buf(), %%gr for GFP flags and %%%% for '%%'");
	return -1;
}

/* Every conversion of the literal into cv (at most max); -1 on an error. */
static int parse_format(struct sema *s, const char *fn, struct node *lit,
			struct conv *cv, int max)
{
	const char *f = lit->str.s;
	int i, n = 0, end;
	bool bad = false;

	for (i = 0; i < lit->str.len; i++) {
		if (f[i] != '%')
			continue;
		if (i + 1 < lit->str.len && f[i + 1] == '%') {
			i++;
			continue;
		}
		end = parse_conv(s, fn, lit, i, &cv[n < max ? n : max - 1]);
		if (end < 0) {
			bad = true;
			break;
		}
		n++;
		i = end;
	}
	return bad ? -1 : n;
}

static bool arg_ok(struct sema *s, const char *fn, struct node *lit, const struct conv *cv,
		   struct node *a)
{
	const struct type *t = a->type;
	const char *spec = arena_strndup(lit->str.s + cv->start, cv->end - cv->start + 1);

	if (t->kind == T_NONE)
		return false;
	if (cv->c == 's') {
		/* structs, arrays and enums format as print() shows them */
		if (t->kind == T_STR || t->kind == T_TUPLE || t->stack || t->print ||
		    t->kind == T_STRUCT || t->kind == T_ARRAY || (t->kind == T_INT && t->enums))
			return true;
		sema_error(s, a->loc, "%s: '%s' expects a string, got '%s'", fn, spec,
			   type_name(t));
		return false;
	}
	if (cv->c == 'r') {
		if (t->print == PK_BUFFER)
			return true;
		sema_error(s, a->loc, "%s: '%s' expects a buffer, got '%s'", fn, spec,
			   type_name(t));
		sema_note(s, "make one with buf(ptr, len)");
		return false;
	}
	if (sema_is_int(t))
		return true;
	sema_error(s, a->loc, "%s: '%s' expects an integer, got '%s'", fn, spec,
		   type_name(t));
	if (cv->c == 'g')
		sema_note(s, "%%gr prints GFP flags, such as args.gfp_flags of kmem:kmalloc");
	return false;
}

struct type *check_printf(struct sema *s, struct node *n)
{
	struct node *lit = n->call.args, *a;
	int nargs = n->call.nargs - 1, nconv, i;
	struct conv *cv;
	bool ok = true;

	if (lit->kind != N_STR) {
		if (lit->type->kind != T_NONE)
			sema_error(s, lit->loc, "%s: the format must be a string literal",
				   n->call.name);
		return &type_none;
	}
	cv = arena_alloc((lit->str.len / 2 + 1) * sizeof(*cv));
	nconv = parse_format(s, n->call.name, lit, cv, lit->str.len / 2 + 1);
	if (nconv < 0)
		return &type_none;
	if (nconv != nargs) {
		sema_error(s, n->loc, "%s: format has %d conversion%s but %d argument%s given",
			   n->call.name, nconv, nconv == 1 ? "" : "s", nargs, nargs == 1 ? "" : "s");
		return &type_none;
	}
	for (i = 0, a = lit->next; i < nconv && a; i++, a = a->next)
		ok &= arg_ok(s, n->call.name, lit, &cv[i], a);
	if (!ok)
		return &type_none;
	n->call.fmt_id = sema_fmt_add(s, n->loc, lit->str.s, nargs, lit->next);
	if (n->call.fmt_id >= 0 && !strcmp(n->call.name, "printf"))
		sema_columns(s, n, lit, s->p->fmts[n->call.fmt_id]);
	return &type_void;
}
