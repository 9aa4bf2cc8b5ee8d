// SPDX-License-Identifier: GPL-2.0
/*
 * Context builtins (args, argN, retval) typed by the probe's providers, and
 * field access: args->name on tracepoint records, $t.0 on tuples.  A probe
 * with several instances (wildcards, several attach points) is checked
 * against each: its nodes take the first instance's types, the others must
 * agree.
 */
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "runtime/provider.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "sema/suggest.h"

static struct type *ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!pi->provider || !pi->provider->ctx_type)
		return NULL;
	return pi->provider->ctx_type(pi, name, n);
}

/* args as the base of args->field: maybe a cheaper record (provider.h) */
static struct type *ctx_field_type(struct probe_inst *pi, const char *name, const char *field)
{
	struct type *t = NULL;

	if (field && !strcmp(name, "args") && pi->provider && pi->provider->ctx_field_type)
		t = pi->provider->ctx_field_type(pi, field);
	return t ? t : ctx_type(pi, name, 0);
}

static void not_available(struct sema *s, struct node *n, struct probe_inst *pi,
			  const struct builtin *b, int num)
{
	const char *hint = pi->provider && pi->provider->ctx_hint ?
			   pi->provider->ctx_hint(pi, b->name, num) : NULL;

	/* arg9 where arg0 exists: this probe has fewer arguments */
	if (hint || (b->numbered && num > 0 && ctx_type(pi, b->name, 0)))
		sema_error(s, n->loc, "builtin '%s' is not available in '%s'",
			   n->ident.name, pi->name);
	else
		sema_error(s, n->loc, "builtin '%s' is not available in '%s' probes",
			   n->ident.name, pi->provider->name);
	if (hint)
		sema_note(s, "%s", hint);
}

struct type *check_ctx(struct sema *s, struct node *n)
{
	const struct builtin *b = n->ident.b;
	int num = b->numbered ? builtin_number(n->ident.name) : 0;
	const char *field = s->field_base == n ? s->field_name : NULL;
	struct type *t = NULL, *ti;
	int i;

	if (s->ctx_unknown)
		return &type_none;
	for (i = 0; i < s->ninsts; i++) {
		if (!s->quiet)
			s->insts[i]->ctx_uses++;
		ti = field ? ctx_field_type(s->insts[i], b->name, field) :
			     ctx_type(s->insts[i], b->name, num);
		if (!ti) {
			not_available(s, n, s->insts[i], b, num);
			return &type_none;
		}
		if (!t) {
			t = ti;
		} else if (t->kind != T_RECORD && !type_equal(t, ti)) {
			sema_error(s, n->loc, "builtin '%s' is '%s' in '%s' but '%s' in '%s'",
				   n->ident.name, type_name(t), s->insts[0]->name,
				   type_name(ti), s->insts[i]->name);
			return &type_none;
		}
	}
	return t ? t : &type_none;
}

static const struct field *find_field(const struct type *rec, const char *name)
{
	int i;

	for (i = 0; i < rec->nfields; i++)
		if (!strcmp(rec->fields[i].name, name))
			return &rec->fields[i];
	return NULL;
}

static void no_field(struct sema *s, struct node *n, const struct type *rec,
		     const struct probe_inst *pi)
{
	struct suggest sg;
	const char *best;
	int i;

	if (pi)
		sema_error(s, n->loc, "%s '%s' has no field '%s'", pi->provider->name,
			   sema_inst_target(pi), n->field.name);
	else
		sema_error(s, n->loc, "no field '%s'", n->field.name);
	suggest_init(&sg, n->field.name);
	for (i = 0; i < rec->nfields; i++)
		suggest_add(&sg, rec->fields[i].name);
	if ((best = suggest_result(&sg)))
		sema_note(s, "did you mean '%s'?", best);
}

/* The same field in every other instance of the probe, of the same type. */
static bool other_insts(struct sema *s, struct node *n, const struct field *f)
{
	const struct builtin *b = n->field.e->ident.b;
	const struct field *g;
	struct type *rec;
	int i;

	for (i = 1; i < s->ninsts; i++) {
		rec = ctx_field_type(s->insts[i], b->name, n->field.name);
		if (!rec || rec->kind != T_RECORD)
			continue;
		g = find_field(rec, n->field.name);
		if (!g) {
			no_field(s, n, rec, s->insts[i]);
			return false;
		}
		if (g->type->kind == T_INT && g->type->name && !g->type->enums)
			((struct field *)g)->type = sema_tp_enum(g->type);
		if (!type_equal(g->type, f->type) || g->data_loc != f->data_loc) {
			sema_error(s, n->loc, "field '%s' is '%s' in '%s' but '%s' in '%s'",
				   f->name, type_name(f->type), s->insts[0]->name,
				   type_name(g->type), s->insts[i]->name);
			return false;
		}
	}
	return true;
}

/* Record args->name in every instance, for the providers' finalize hooks. */
static void note_field_use(struct sema *s, const char *name)
{
	int i;

	for (i = 0; i < s->ninsts; i++) {
		struct probe_inst *pi = s->insts[i];
		const char **v = arena_alloc((pi->nargs_fields + 1) * sizeof(*v));

		if (pi->nargs_fields)
			memcpy(v, pi->args_fields, pi->nargs_fields * sizeof(*v));
		v[pi->nargs_fields++] = name;
		pi->args_fields = v;
	}
}

static struct type *record_field(struct sema *s, struct node *n, struct type *rec)
{
	struct node *e = n->field.e;
	bool ctx = e->kind == N_IDENT && e->ident.b && e->ident.b->kind == B_CTX;
	const struct probe_inst *pi = ctx && s->ninsts ? s->insts[0] : NULL;
	const struct field *f = find_field(rec, n->field.name);

	if (!f) {
		no_field(s, n, rec, pi);
		return &type_none;
	}
	if (f->type->kind == T_NONE && f->type->name) {
		/* a provider's own reason (uprobe DWARF: a double, on the stack) */
		sema_error(s, n->loc, "field '%s' is %s, which qtrace cannot read",
			   f->name, f->type->name);
		return &type_none;
	}
	if (f->type->kind == T_NONE) {
		sema_error(s, n->loc, "field '%s' has a type qtrace cannot read (an array or a struct)",
			   f->name);
		return &type_none;
	}
	if (f->type->kind == T_INT && f->type->name && !f->type->enums)
		((struct field *)f)->type = sema_tp_enum(f->type);
	n->field.field = f;
	if (ctx && !other_insts(s, n, f))
		return &type_none;
	if (ctx && !s->quiet)
		note_field_use(s, f->name);
	return f->type;
}

/* $r.name of a record */
static struct type *record_name_field(struct sema *s, struct node *n, struct type *t)
{
	struct suggest sg;
	int i;

	for (i = 0; i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, n->field.name)) {
			n->field.field = &t->fields[i];
			return t->fields[i].type;
		}
	sema_error(s, n->loc, "record has no field '%s'", n->field.name);
	suggest_init(&sg, n->field.name);
	for (i = 0; i < t->nfields; i++)
		suggest_add(&sg, t->fields[i].name);
	if (suggest_result(&sg))
		sema_note(s, "did you mean '%s'?", suggest_result(&sg));
	else
		sema_note(s, "the record's fields are %s", type_name(t));
	return &type_none;
}

static struct type *tuple_field(struct sema *s, struct node *n, struct type *t)
{
	const char *name = n->field.name;
	char *end;
	long i = strtol(name, &end, 10);

	if (!name[0] || *end) {
		sema_error(s, n->loc, "tuples have no field '%s'", name);
		sema_note(s, "tuple elements are read with a number: $t.0");
		return &type_none;
	}
	if (i < 0 || i >= t->nfields) {
		sema_error(s, n->loc, "tuple index %ld is out of range: the tuple has %d elements",
			   i, t->nfields);
		return &type_none;
	}
	n->field.field = &t->fields[i];
	return t->fields[i].type;
}

struct type *sema_field(struct sema *s, struct node *n)
{
	struct type *t;

	/* args->name needs only that field (check_ctx) */
	s->field_base = n->field.e;
	s->field_name = n->field.name;
	t = sema_expr(s, n->field.e);
	s->field_base = NULL;

	switch (t->kind) {
	case T_NONE:
		return t;
	case T_RECORD:
		return record_field(s, n, t);
	case T_TUPLE:
		if (t->named)
			return record_name_field(s, n, t);
		return tuple_field(s, n, t);
	default:
		return sema_struct_field(s, n, t);
	}
}
