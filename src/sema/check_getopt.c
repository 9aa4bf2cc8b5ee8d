// SPDX-License-Identifier: GPL-2.0
/*
 * getopt("name" [, default [, "help"]]): bpftrace's named script options,
 * given after "--" as --name=value (--name alone for a bool).  Resolved at
 * compile time: the call becomes the literal the command line gave.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "sema/suggest.h"
#include "util/arena.h"

enum opt_kind { OPT_BOOL, OPT_INT, OPT_STR };

static const char *const kind_names[] = { "bool", "integer", "string" };
static const char *const kind_a[] = { "a bool", "an integer", "a string" };

struct script_opt {
	const char *name;
	enum opt_kind kind;
	const char *dflt;	/* as text, for --help */
	const char *help;	/* NULL: none */
	struct loc loc;
	struct script_opt *next;
};

static bool is_opt_arg(const char *a)
{
	return a[0] == '-' && a[1] == '-' && a[2];
}

void sema_getopt_split(struct program *p, bool after_dashdash)
{
	char **pos = arena_alloc((p->nparams + 1) * sizeof(*pos));
	char **named = arena_alloc((p->nparams + 1) * sizeof(*named));
	int i, np = 0, nn = 0;
	bool dd = after_dashdash;

	for (i = 0; i < p->nparams; i++) {
		char *a = p->params[i];

		if (!dd && !strcmp(a, "--"))
			dd = true;
		else if ((dd && is_opt_arg(a)) || !strcmp(a, "-h") || !strcmp(a, "--help"))
			named[nn++] = a;	/* the script's --help may come before "--" too */
		else
			pos[np++] = a;
	}
	p->params = pos;
	p->nparams = np;
	p->named = named;
	p->nnamed = nn;
}

/* "--name=value" or "--name" given for name: its value (NULL for none); false if absent. */
static bool given(const struct program *p, const char *name, const char **val)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < p->nnamed; i++) {
		const char *a = p->named[i] + 2;

		if (!strncmp(a, name, n) && (a[n] == '=' || !a[n])) {
			*val = a[n] == '=' ? a + n + 1 : NULL;
			return true;
		}
	}
	return false;
}

static struct script_opt *find_opt(const struct program *p, const char *name)
{
	struct script_opt *o;

	for (o = p->opts; o; o = o->next)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static bool valid_name(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '_' && *s != '-')
			return false;
	return true;
}

/* The default's kind and text; false (reported) if it is no literal. */
static bool default_of(struct sema *s, struct node *d, enum opt_kind *k, const char **text)
{
	int64_t v;

	if (!d) {
		*k = OPT_BOOL;
		*text = "false";
	} else if (d->kind == N_INT && d->num.is_bool) {
		*k = OPT_BOOL;
		*text = d->num.v ? "true" : "false";
	} else if (d->kind == N_STR) {
		*k = OPT_STR;
		*text = d->str.s;
	} else if (d->kind != N_POSPARAM && sema_const_int(s, d, &v)) {
		*k = OPT_INT;
		*text = arena_printf("%lld", (long long)v);
	} else {
		sema_error(s, d->loc, "getopt()'s default must be a literal: true, false, an integer or a string");
		return false;
	}
	return true;
}

/* Turn the call into the literal of the value; false (reported) if bad. */
static bool resolve(struct sema *s, struct node *n, struct script_opt *o, const char *val, bool set)
{
	char *end;
	long long v;

	if (!set)
		val = o->dflt;
	switch (o->kind) {
	case OPT_BOOL:
		if (set && (!val || !strcmp(val, "true") || !strcmp(val, "1")))
			val = "true";
		else if (set && (!strcmp(val, "false") || !strcmp(val, "0")))
			val = "false";
		else if (set)
			goto bad;
		n->kind = N_INT;
		n->num.is_bool = false;	/* the node's union held other fields */
		n->num.v = !strcmp(val, "true");
		n->num.is_bool = true;
		return true;
	case OPT_INT:
		if (!val)
			goto bad;
		errno = 0;
		v = strtoll(val, &end, 0);
		if (errno || !*val || *end || v == LLONG_MIN)
			goto bad;
		if (v < 0) {
			/* -N as the parser makes it, so it stays signed */
			n->kind = N_UNOP;
			n->un.op = OP_NEG;
			n->un.e = ast_int(n->loc, (uint64_t)-v);
			return true;
		}
		n->kind = N_INT;
		n->num.is_bool = false;	/* the node's union held other fields */
		n->num.v = (uint64_t)v;
		n->num.is_bool = false;
		return true;
	case OPT_STR:
		if (!val)
			goto bad;
		n->kind = N_STR;
		n->str.s = arena_strdup(val);
		n->str.len = (int)strlen(val);
		return true;
	}
bad:
	if (val)
		sema_error(s, n->loc, "option '--%s' takes %s, not '%s'", o->name,
			   kind_a[o->kind], val);
	else
		sema_error(s, n->loc, "option '--%s' needs a value", o->name);
	sema_note(s, o->kind == OPT_BOOL ? "write --%s, --%s=true or --%s=false" :
		  "write --%s=VALUE after '--'", o->name, o->name, o->name);
	return false;
}

struct type *check_getopt(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *d = a->next, *h = d ? d->next : NULL;
	struct script_opt *o;
	const char *name, *dflt, *val = NULL;
	enum opt_kind k;
	bool set;

	if (a->kind != N_STR) {
		sema_error(s, a->loc, "getopt() needs the option's name as a string literal");
		return &type_none;
	}
	name = a->str.s;
	if (!valid_name(name)) {
		sema_error(s, a->loc, "'%s' is not an option name", name);
		sema_note(s, "option names take letters, digits, '_' and '-': getopt(\"max-depth\", 4)");
		return &type_none;
	}
	if (h && h->kind != N_STR) {
		sema_error(s, h->loc, "getopt()'s description must be a string literal");
		return &type_none;
	}
	if (!default_of(s, d, &k, &dflt))
		return &type_none;
	o = find_opt(s->p, name);
	if (o && o->kind != k) {
		sema_error(s, n->loc, "option '%s' is %s here but %s before", name,
			   kind_a[k], kind_a[o->kind]);
		sema_note_at(s, o->loc, "'%s' is first read here", name);
		return &type_none;
	}
	if (!o) {
		o = arena_alloc(sizeof(*o));
		o->name = name;
		o->kind = k;
		o->dflt = dflt;
		o->help = h ? h->str.s : NULL;
		o->loc = n->loc;
		o->next = s->p->opts;
		s->p->opts = o;
	}
	set = given(s->p, name, &val);
	if (!resolve(s, n, o, val, set))
		return &type_none;
	if (n->kind == N_STR)
		return type_str(n->str.len + 1);
	if (n->kind == N_UNOP)
		return &type_i64;
	return n->num.is_bool ? &type_bool : &type_i64;
}

static const char *suggest_opt(const struct program *p, const char *name)
{
	struct script_opt *o;
	struct suggest sg;

	suggest_init(&sg, name);
	for (o = p->opts; o; o = o->next)
		suggest_add(&sg, o->name);
	return suggest_result(&sg);
}

int sema_getopt_finish(struct program *p)
{
	const char *best;
	int i, err = 0;

	for (i = 0; i < p->nnamed; i++) {
		const char *a = p->named[i], *eq;
		char *name;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			p->script_help = true;
			continue;
		}
		eq = strchr(a + 2, '=');
		name = eq ? arena_strndup(a + 2, eq - a - 2) : arena_strdup(a + 2);
		if (find_opt(p, name))
			continue;
		diag_rt_error((struct loc){ 0 }, "unknown option '--%s' for this script", name);
		if ((best = suggest_opt(p, name)))
			diag_note("did you mean '--%s'?", best);
		else if (p->opts)
			diag_note("its options are listed by: qtrace %s -- --help", p->source_name);
		else
			diag_note("the script reads no options (getopt); arguments before '--' are $1, $2 ...");
		err = -1;
	}
	return err;
}

/* The options in the order the script first reads them. */
static void help_list(FILE *f, const struct script_opt *o)
{
	const char *arg;

	if (!o)
		return;
	help_list(f, o->next);
	arg = o->kind == OPT_BOOL ? arena_printf("--%s", o->name) :
	      arena_printf("--%s=%s", o->name, o->kind == OPT_INT ? "INT" : "STRING");
	fprintf(f, "    %-24s %s%s(%s, default: %s)\n", arg, o->help ? o->help : "",
		o->help ? " " : "", kind_names[o->kind], o->dflt);
}

void sema_getopt_help(FILE *f, const struct program *p)
{
	fprintf(f, "USAGE: qtrace %s [ARG ...] [-- OPTION ...]\n\n", p->source_name);
	if (!p->opts) {
		fprintf(f, "The script takes no options.\n");
		return;
	}
	fprintf(f, "OPTIONS:\n");
	help_list(f, p->opts);
}
