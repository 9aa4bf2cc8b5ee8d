// SPDX-License-Identifier: GPL-2.0
/*
 * fail(fmt, ...): bpftrace's static assert.  Its arguments are literals
 * (or positional parameters), so the message is formatted here, and a
 * fail() that compilation reaches stops it at the call; one in the branch
 * of an if () whose condition is a constant that is not taken is not
 * reached (sema.c counts those branches in s->dead).
 */
#include <stdio.h>
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "util/strbuf.h"

/* One argument as a literal: an integer (true) or a string (*str). */
static bool literal(struct sema *s, struct node *a, int64_t *v, const char **str)
{
	*str = NULL;
	if (a->kind == N_STR) {
		*str = a->str.s;
		return true;
	}
	if (sema_const_int(s, a, v))
		return true;
	if (a->kind == N_POSPARAM) {
		*str = a->pos.n >= 1 && a->pos.n <= s->p->nparams ?
		       s->p->params[a->pos.n - 1] : "";
		return true;
	}
	return false;
}

/* The conversion of fmt at *f (after '%'): copied to spec, length modifiers dropped. */
static char conversion(const char **f, char *spec, size_t cap)
{
	size_t n = 0;

	spec[n++] = '%';
	while (**f && strchr("-+ #0123456789.", **f) && n < cap - 4)
		spec[n++] = *(*f)++;
	while (**f && strchr("hlLqjzt", **f))
		(*f)++;
	spec[n] = 0;
	return **f ? *(*f)++ : 0;
}

struct type *check_fail(struct sema *s, struct node *n)
{
	struct node *f = n->call.args, *a;
	struct strbuf b = { 0 };
	const char *p, *str;
	char spec[32], conv, one[512];
	int64_t v;

	if (f->kind != N_STR) {
		sema_error(s, f->loc, "fail() takes a format string literal first");
		sema_note(s, "as in fail(\"expected %%d arguments, got %%d\", 2, $#)");
		return &type_none;
	}
	for (a = f->next; a; a = a->next)
		if (!literal(s, a, &v, &str)) {
			sema_error(s, a->loc, "fail() arguments are formatted when compiling: "
				   "they must be literals or $N");
			sema_note(s, "print a run-time value with errorf() and exit() instead");
			return &type_none;
		}
	a = f->next;
	for (p = f->str.s; *p; ) {
		if (*p != '%') {
			sb_putc(&b, *p++);
			continue;
		}
		p++;
		if (*p == '%') {
			sb_putc(&b, *p++);
			continue;
		}
		conv = conversion(&p, spec, sizeof(spec));
		if (!conv || !strchr("diuxXocs", conv)) {
			sema_error(s, f->loc, "fail() format: unknown conversion '%%%c'",
				   conv ? conv : ' ');
			sema_note(s, "fail() takes %%d %%i %%u %%x %%X %%o %%c and %%s");
			sb_free(&b);
			return &type_none;
		}
		if (!a) {
			sema_error(s, f->loc, "fail() format has more conversions than arguments");
			sema_note(s, "give one argument for each %% conversion");
			sb_free(&b);
			return &type_none;
		}
		literal(s, a, &v, &str);
		if ((conv == 's') != (str != NULL)) {
			sema_error(s, a->loc, "fail() '%%%c' needs %s", conv,
				   conv == 's' ? "a string" : "an integer");
			sema_note(s, "use %%s for strings and %%d for integers");
			sb_free(&b);
			return &type_none;
		}
		/* the value is an int64: "ll" before an integer conversion */
		snprintf(spec + strlen(spec), 4, "%s%c", strchr("sc", conv) ? "" : "ll", conv);
		if (str)
			snprintf(one, sizeof(one), spec, str);
		else if (conv == 'c')
			snprintf(one, sizeof(one), spec, (int)v);
		else
			snprintf(one, sizeof(one), spec, (long long)v);
		sb_puts(&b, one);
		a = a->next;
	}
	if (a) {
		sema_error(s, a->loc, "fail() has more arguments than its format converts");
		sema_note(s, "give one argument for each %% conversion");
	} else if (!s->dead) {
		sema_error(s, n->loc, "%s", b.s ? b.s : "");
	}
	sb_free(&b);
	return &type_void;
}
