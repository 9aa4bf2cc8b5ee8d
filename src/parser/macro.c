// SPDX-License-Identifier: GPL-2.0
/*
 * Macros as bpftrace has them: macro f(x, $v, @m) { ... } is semantic text
 * replacement.  An ident parameter (x) takes any expression, put where x
 * is used; a $parameter takes a caller's variable, an @parameter a map,
 * both used (and changed) in place.  The body sees nothing else of the
 * caller (hygiene): its own $variables are new ones (sema puts a barrier
 * around the expansion; a passed variable looks through it by its hops),
 * and it may use no map it was not given.  The value of a call is the
 * body's last statement when that is an expression without a ';'.
 */
#include <string.h>
#include "parser/ast.h"
#include "parser/macro.h"
#include "util/arena.h"
#include "util/diag.h"

#define MACRO_DEPTH_MAX 32

struct mx {
	struct node *macros;
	int depth;		/* expansions being expanded inside */
	int errors;
};

/* One use of a parameter, its argument: what the body's uses become. */
struct subst {
	struct node *params, *args;
};

static const struct node *find_macro(const struct mx *m, const char *name)
{
	const struct node *d;

	for (d = m->macros; d; d = d->next)
		if (!strcmp(d->macro.name, name))
			return d;
	return NULL;
}

static const char *param_name(const struct node *p)
{
	return p->kind == N_IDENT ? p->ident.name :
	       p->kind == N_VAR ? p->var.name : p->map.name;
}

/* The argument of the parameter named name of kind kind, or NULL. */
static struct node *arg_of(const struct subst *s, enum node_kind kind, const char *name)
{
	struct node *p, *a;

	for (p = s->params, a = s->args; p && a; p = p->next, a = a->next)
		if (p->kind == kind && !strcmp(param_name(p), name))
			return a;
	return NULL;
}

static void subst_slot(struct node **slot, bool list, void *arg);

/* An argument is the caller's: its $variables look through one more barrier. */
static void bump_hops(struct node *n, void *arg)
{
	if (n->kind == N_VAR)
		n->var.hops++;
	ast_children(n, bump_hops, arg);
}

static void subst_one(struct node **pp, const struct subst *s)
{
	struct node *n = *pp, *a, *r;

	if (n->kind == N_IDENT && (a = arg_of(s, N_IDENT, n->ident.name))) {
		r = ast_copy(a);
		bump_hops(r, NULL);
	} else if (n->kind == N_VAR && (a = arg_of(s, N_VAR, n->var.name))) {
		r = ast_copy(a);	/* located at the call's argument */
		bump_hops(r, NULL);
	} else if (n->kind == N_MAP && (a = arg_of(s, N_MAP, n->map.name))) {
		n->map.name = a->map.name;
		ast_slots(n, subst_slot, (void *)s);
		return;
	} else {
		ast_slots(n, subst_slot, (void *)s);
		return;
	}
	/* the argument is the caller's: nothing in it is substituted again */
	r->next = n->next;
	*pp = r;
}

static void subst_slot(struct node **slot, bool list, void *arg)
{
	struct node **pp;

	if (!list) {
		subst_one(slot, arg);
		return;
	}
	for (pp = slot; *pp; pp = &(*pp)->next)
		subst_one(pp, arg);
}

/* Each argument of the kind its parameter asks for; false (reported) if not. */
static bool args_ok(const struct node *def, const struct node *call, const struct node *args, int nargs)
{
	const struct node *p, *a;
	bool ok = true;

	if (nargs != def->macro.nparams) {
		diag_error(call->loc, "macro '%s' takes %d argument%s, %d given", def->macro.name,
			   def->macro.nparams, def->macro.nparams == 1 ? "" : "s", nargs);
		diag_note_at(def->loc, "'%s' is defined here", def->macro.name);
		return false;
	}
	for (p = def->macro.params, a = args; p && a; p = p->next, a = a->next) {
		if (p->kind == N_VAR && a->kind != N_VAR) {
			diag_error(a->loc, "macro '%s' takes a $variable for '%s'", def->macro.name, p->var.name);
			diag_note_at(p->loc, "the parameter is a $variable, which the macro may change: pass one, as in %s($x)", def->macro.name);
			ok = false;
		} else if (p->kind == N_MAP && (a->kind != N_MAP || a->map.keys)) {
			diag_error(a->loc, "macro '%s' takes a map for '%s'", def->macro.name, p->map.name);
			diag_note_at(p->loc, "the parameter is a map: pass one without keys, as in %s(@m)", def->macro.name);
			ok = false;
		}
	}
	return ok;
}

/* The expansion of call (an N_CALL or a bare N_IDENT) of def, or NULL. */
static struct node *instantiate(struct mx *m, const struct node *def, struct node *call)
{
	struct node *args = call->kind == N_CALL ? call->call.args : NULL;
	int nargs = call->kind == N_CALL ? call->call.nargs : 0;
	struct node *body, *r, **last;
	struct subst s;

	if (!args_ok(def, call, args, nargs)) {
		m->errors++;
		return NULL;
	}
	if (m->depth >= MACRO_DEPTH_MAX) {
		diag_error(call->loc, "macro '%s' expands more than %d deep", def->macro.name, MACRO_DEPTH_MAX);
		diag_note("a macro that calls itself never ends: macros are expanded, not called");
		m->errors++;
		return NULL;
	}
	body = ast_copy(def->macro.body);
	s.params = def->macro.params;
	s.args = args;
	ast_slots(body, subst_slot, &s);
	r = ast_new(N_BLOCKEXPR, call->loc);
	r->bexpr.name = def->macro.name;
	r->bexpr.stmts = body->block.stmts;
	/* the last statement, when an expression, is the value */
	for (last = &r->bexpr.stmts; *last && (*last)->next; last = &(*last)->next)
		;
	if (*last && (*last)->kind == N_EXPR && (*last)->expr.open) {
		r->bexpr.value = (*last)->expr.e;
		*last = NULL;
	}
	return r;
}

static void expand_slot(struct node **slot, bool list, void *arg);

static void expand_one(struct node **pp, struct mx *m)
{
	struct node *n = *pp, *r;
	const struct node *def = NULL;

	if (n->kind == N_CALL)
		def = find_macro(m, n->call.name);
	else if (n->kind == N_IDENT && (def = find_macro(m, n->ident.name)) && def->macro.nparams) {
		diag_error(n->loc, "macro '%s' takes %d argument%s: call it as %s(...)", def->macro.name,
			   def->macro.nparams, def->macro.nparams == 1 ? "" : "s", def->macro.name);
		diag_note_at(def->loc, "'%s' is defined here", def->macro.name);
		m->errors++;
		return;
	}
	if (!def) {
		ast_slots(n, expand_slot, m);
		return;
	}
	r = instantiate(m, def, n);
	if (!r)
		return;
	r->next = n->next;
	*pp = r;
	m->depth++;
	ast_slots(r, expand_slot, m);	/* macros the body calls */
	m->depth--;
}

static void expand_slot(struct node **slot, bool list, void *arg)
{
	struct node **pp;

	if (!list) {
		expand_one(slot, arg);
		return;
	}
	for (pp = slot; *pp; pp = &(*pp)->next)
		expand_one(pp, arg);
}

/* Maps a body uses that it was not given, in every node of n. */
struct hyg {
	const struct node *def;
	int errors;
};

static void hygiene_cb(struct node *n, void *arg)
{
	struct hyg *h = arg;
	const struct node *p;

	if (n->kind == N_MAP) {
		for (p = h->def->macro.params; p; p = p->next)
			if (p->kind == N_MAP && !strcmp(p->map.name, n->map.name))
				break;
		if (!p) {
			diag_error(n->loc, "macro '%s' uses map '%s', which is not one of its parameters",
				   h->def->macro.name, n->map.name);
			diag_note("a macro sees only what it is given: add the parameter, macro %s(..., %s)",
				  h->def->macro.name, n->map.name);
			h->errors++;
		}
	}
	ast_children(n, hygiene_cb, h);
}

static int check_defs(struct node *defs)
{
	struct node *d, *e, *p, *q;
	struct hyg h = { NULL, 0 };

	for (d = defs; d; d = d->next) {
		for (e = defs; e != d; e = e->next)
			if (!strcmp(e->macro.name, d->macro.name)) {
				diag_error(d->loc, "macro '%s' is defined twice", d->macro.name);
				diag_note_at(e->loc, "'%s' is first defined here", d->macro.name);
				h.errors++;
				break;
			}
		for (p = d->macro.params; p; p = p->next)
			for (q = d->macro.params; q != p; q = q->next)
				if (!strcmp(param_name(p), param_name(q))) {
					diag_error(p->loc, "macro '%s' has two parameters named '%s'",
						   d->macro.name, param_name(p));
					h.errors++;
					break;
				}
		h.def = d;
		ast_children(d->macro.body, hygiene_cb, &h);
	}
	return h.errors;
}

int macro_expand(struct node *prog)
{
	struct mx m = { prog->program.macros, 0, 0 };

	if (!m.macros)
		return 0;
	if (check_defs(m.macros))
		return -1;
	ast_slots(prog, expand_slot, &m);
	return m.errors ? -1 : 0;
}
