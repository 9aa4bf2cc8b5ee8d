// SPDX-License-Identifier: GPL-2.0
/* $variables: one scope per probe, typed by their first assignment. */
#include <string.h>
#include "sema/sema_int.h"
#include "util/arena.h"

struct var *sema_var_find(struct sema *s, const char *name)
{
	struct var *v;

	for (v = s->vars; v; v = v->next)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

/* Integers live in 8-byte slots; strings, pointers and tuples as they are. */
static struct type *slot(struct type *t)
{
	return sema_stored(t);
}

void sema_var_assign(struct sema *s, struct node *lhs, struct type *t)
{
	struct var *v = sema_var_find(s, lhs->var.name);
	struct type *u;

	if (!v) {
		v = arena_alloc(sizeof(*v));
		v->name = lhs->var.name;
		v->type = slot(t);
		v->loc = lhs->loc;
		v->id = s->nvars++;
		v->next = s->vars;
		s->vars = v;
	} else if (v->type->kind == T_NONE) {
		v->type = slot(t);
		v->loc = lhs->loc;
	} else if (t->kind != T_NONE) {
		u = sema_unify(v->type, t);
		if (!u || u->kind != v->type->kind) {
			sema_error(s, lhs->loc, "type mismatch for '%s': assigning '%s' to a variable of type '%s'",
				   sema_var_name(lhs), type_name(t), type_name(v->type));
			sema_note_at(s, v->loc, "'%s' is first assigned here",
				     sema_var_name(lhs));
		} else {
			v->type = u;
		}
	}
	lhs->var.var = v;
	lhs->type = v->type;
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
