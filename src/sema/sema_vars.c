// SPDX-License-Identifier: GPL-2.0
/*
 * $variables: block scoped as in bpftrace (a variable lives from its first
 * assignment or its let to the end of its block), typed by their first
 * assignment or their let.
 */
#include <stdio.h>
#include <string.h>
#include "sema/sema_int.h"
#include "util/arena.h"

/* The lowest depth a variable may have to be seen through hops barriers. */
static int min_depth(const struct sema *s, int hops)
{
	int i = s->nbarriers - 1 - hops;

	return i >= 0 ? s->barriers[i] : 0;
}

static struct var *lookup(struct sema *s, const char *name, int hops)
{
	int lo = min_depth(s, hops);
	struct var *v;

	for (v = s->vars; v; v = v->next)
		if (v->depth >= lo && !strcmp(v->name, name))
			return v;
	return NULL;
}

struct var *sema_var_find(struct sema *s, const char *name)
{
	return lookup(s, name, 0);
}

struct var *sema_var_lookup(struct sema *s, const struct node *n)
{
	return lookup(s, n->var.name, n->var.hops);
}

void sema_var_hidden_note(struct sema *s, const struct node *n)
{
	int i = s->nbarriers - 1 - n->var.hops;

	if (i < 0 || i >= (int)(sizeof(s->barriers) / sizeof(s->barriers[0])) ||
	    !lookup(s, n->var.name, s->nbarriers))
		return;
	sema_note(s, "macro '%s' sees only the variables passed to it: add a parameter, macro %s(%s, ...)",
		  s->barrier_macro[i], s->barrier_macro[i], n->var.name);
}

struct type *sema_block_expr(struct sema *s, struct node *n)
{
	struct var *saved = sema_scope_enter(s);
	struct type *t = &type_void;
	struct node *c;
	bool macro = n->bexpr.name != NULL;	/* a plain { } sees the variables around it */

	if (macro && s->nbarriers < (int)(sizeof(s->barriers) / sizeof(s->barriers[0]))) {
		s->barriers[s->nbarriers] = s->depth;
		s->barrier_macro[s->nbarriers] = n->bexpr.name;
	}
	s->nbarriers += macro;
	for (c = n->bexpr.stmts; c; c = c->next)
		sema_stmt(s, c);
	if (n->bexpr.value)
		t = sema_expr(s, n->bexpr.value);
	s->nbarriers -= macro;
	sema_scope_leave(s, saved);
	return t;
}

struct var *sema_scope_enter(struct sema *s)
{
	s->depth++;
	return s->vars;
}

void sema_scope_leave(struct sema *s, struct var *saved)
{
	struct var *v, *next;

	s->depth--;
	for (v = s->vars; v && v != saved; v = next) {
		next = v->next;
		v->next = s->ended;
		s->ended = v;
	}
	s->vars = saved;
}

void sema_var_ended_note(struct sema *s, const char *name)
{
	struct var *v;

	for (v = s->ended; v; v = v->next)
		if (!strcmp(v->name, name)) {
			sema_note_at(s, v->loc, "'%s' is %s in a block, and ends with it: declare it before the block with let %s;",
				     name, v->let ? "declared" : "assigned", name);
			return;
		}
}

/* Integers live in 8-byte slots; strings, pointers and tuples as they are. */
static struct type *slot(struct type *t)
{
	return sema_stored(t);
}

static struct var *var_new(struct sema *s, struct node *lhs, struct type *t)
{
	struct var *v = arena_alloc(sizeof(*v));

	v->name = lhs->var.name;
	v->type = slot(t);
	v->loc = lhs->loc;
	v->id = s->nvars++;
	v->depth = s->depth;
	v->next = s->vars;
	s->vars = v;
	return v;
}

void sema_var_assign(struct sema *s, struct node *lhs, struct type *t)
{
	struct var *v = sema_var_lookup(s, lhs);
	struct type *u;

	if (!v) {
		v = var_new(s, lhs, t);
	} else if (v->type->kind == T_NONE) {
		v->type = slot(t);
		if (!v->let)
			v->loc = lhs->loc;
	} else if (t->kind != T_NONE) {
		u = sema_unify(v->type, t);
		if (!u || u->kind != v->type->kind || u->is_bool != v->type->is_bool) {
			sema_error(s, lhs->loc, "type mismatch for '%s': assigning '%s' to a variable of type '%s'",
				   sema_var_name(lhs), type_name(t), type_name(v->type));
			sema_note_at(s, v->loc, "'%s' is %s here",
				     sema_var_name(lhs),
				     v->let ? "declared" : "first assigned");
		} else {
			v->type = u;
		}
	}
	lhs->var.var = v;
	lhs->type = v->type;
}

/* The type written in let $x: TYPE (bool or a cast's type); NULL if reported. */
static struct type *let_type(struct sema *s, struct node *n)
{
	const struct typespec *ts = &n->let.ts;

	if (!ts->ptr && !strcmp(ts->name, "bool"))
		return &type_bool;
	return sema_typespec(s, ts, n->loc);
}

/* May a value of type it initialize a variable declared decl? */
static bool let_fits(const struct type *decl, const struct type *it)
{
	if (decl->kind == T_PTR)
		return it->kind == T_PTR || (it->kind == T_INT && !it->is_bool);
	if (decl->kind == T_INT)
		return it->kind == T_INT && it->is_bool == decl->is_bool;
	return type_equal(decl, it);
}

void sema_var_let(struct sema *s, struct node *n)
{
	struct node *lhs = n->let.var;
	struct var *old = sema_var_lookup(s, lhs);
	struct type *t = &type_none, *it = NULL, *decl = NULL;

	if (n->let.init)
		it = sema_value(s, n->let.init);
	if (n->let.ts.name && !(decl = let_type(s, n)))
		decl = &type_none;
	if (old) {
		sema_error(s, lhs->loc, "'%s' is already declared", sema_var_name(lhs));
		sema_note_at(s, old->loc, "'%s' is %s here%s", sema_var_name(lhs),
			     old->let ? "declared" : "first assigned",
			     old->depth < s->depth ? " (variables cannot be shadowed)" : "");
		lhs->var.var = old;
		lhs->type = old->type;
		return;
	}
	if (decl && it && decl->kind != T_NONE && it->kind != T_NONE && !let_fits(decl, it)) {
		sema_error(s, n->let.init->loc, "cannot initialize '%s' of type '%s' with %s",
			   sema_var_name(lhs), type_name(decl), sema_what(it));
		decl = &type_none;
	}
	if (decl)
		t = decl;
	else if (it)
		t = it;
	lhs->var.var = var_new(s, lhs, t);
	lhs->var.var->let = true;
	lhs->type = lhs->var.var->type;
}

void sema_var_forget(struct sema *s, struct var *v)
{
	struct var **pp;

	for (pp = &s->vars; *pp; pp = &(*pp)->next)
		if (*pp == v) {
			*pp = v->next;
			return;
		}
}
