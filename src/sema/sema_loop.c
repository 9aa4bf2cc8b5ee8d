// SPDX-License-Identifier: GPL-2.0
/*
 * Loops: `for ($kv : @map)` gives $kv = (key, value) per element
 * ((k1, k2, ...) as the key of a map with several), `for ($i : lo..hi)`
 * the integers from lo up to hi, exclusive; the loop variable exists in
 * the body only.  `while (cond)` runs while cond holds.  Each loop body is
 * a BPF callback (bpf_loop, bpf_for_each_map_elem), so loops nest at most
 * QT_MAX_LOOP_NEST deep, and a while loop that cannot end is refused.
 */
#include <string.h>

#include "sema/sema_int.h"
#include "util/arena.h"

/*
 * The verifier allows 8 call frames (MAX_CALL_FRAMES): the probe's own
 * and one per nested loop callback; past that it says "the call stack of
 * 9 frames is too deep" with no place in the script.
 */
#define QT_MAX_LOOP_NEST 7

/* Aggregations whose value a loop (and an expression) reads summed over the CPUs. */
bool sema_agg_readable(enum agg_kind agg)
{
	return agg == AGG_NONE || agg == AGG_COUNT || agg == AGG_SUM ||
	       agg == AGG_MIN || agg == AGG_MAX || agg == AGG_AVG;
}

/* The value of map m as an expression sees it. */
struct type *sema_map_value_type(const struct mapinfo *m)
{
	if (m->agg == AGG_NONE)
		return m->value_type;
	return m->value_signed ? &type_i64 : &type_u64;
}

/* (key, value) of m's elements: NULL when it cannot be iterated (reported). */
static struct type *kv_type(struct sema *s, struct node *map)
{
	struct mapinfo *m = sema_map_get(s, map);
	const struct mapstate *st = &s->ms[m->id];
	struct type *el[2];

	if (!st->valued || !m->key_type)
		return st->valued && st->keyed && !m->nkeys ? NULL : &type_none;
	if (!sema_agg_readable(m->agg)) {
		sema_error(s, map->loc, "cannot iterate over '%s': it is a %s() aggregation",
			   m->name, agg_name(m->agg));
		sema_note(s, "print(%s) prints it", m->name);
		return &type_none;
	}
	el[0] = m->nkeys == 1 ? m->key_type->fields[0].type : m->key_type;
	el[1] = sema_map_value_type(m);
	return type_tuple(2, el);
}

static struct type *iterated(struct sema *s, struct node *n)
{
	struct node *a = n->forl.map;
	struct type *t;

	if (a->kind != N_MAP || a->map.keys) {
		t = sema_value(s, a);
		if (a->kind == N_MAP)
			sema_error(s, a->loc, "a for loop iterates over a whole map, not an element");
		else if (t->kind != T_NONE)
			sema_error(s, a->loc, "cannot iterate over %s: a for loop takes a map or a range lo..hi",
				   sema_what(t));
		sema_note(s, "write for ($kv : @map) { ... } or for ($i : 0..10) { ... }");
		return &type_none;
	}
	t = kv_type(s, a);
	a->type = &type_void;
	if (!t) {
		sema_error(s, a->loc, "cannot iterate over '%s': it has no keys", a->map.name);
		sema_note(s, "only maps with keys can be iterated: %s[key] = ...", a->map.name);
		return &type_none;
	}
	return t;
}

/* The body of loop n, one callback deeper. */
static void loop_body(struct sema *s, struct node *n, struct node *body)
{
	if (++s->loops == QT_MAX_LOOP_NEST + 1) {
		sema_error(s, n->loc, "loops nest %d deep here; the kernel allows at most %d",
			   s->loops, QT_MAX_LOOP_NEST);
		sema_note(s, "each loop body is a BPF function call and the verifier allows 8 call frames: unroll() an inner loop or move it out");
	}
	sema_stmt(s, body);
	s->loops--;
}

static bool bound(struct sema *s, struct node *e, const char *what)
{
	struct type *t = sema_value(s, e);

	if (t->kind == T_NONE)
		return false;
	if (t->kind == T_INT)
		return true;
	sema_error(s, e->loc, "the %s of a range must be an integer, not %s", what,
		   sema_what(t));
	return false;
}

static struct type *range(struct sema *s, struct node *n)
{
	int64_t lo, hi;
	bool ok = bound(s, n->forl.lo, "start");

	if (!bound(s, n->forl.hi, "end") || !ok)
		return &type_none;
	if (sema_const_int(s, n->forl.lo, &lo) && sema_const_int(s, n->forl.hi, &hi) &&
	    lo > hi) {
		struct loc l = n->forl.lo->loc;

		l.last_line = n->forl.hi->loc.last_line;
		l.last_column = n->forl.hi->loc.last_column;
		sema_error(s, l, "empty range %lld..%lld: the start is after the end",
			   (long long)lo, (long long)hi);
		sema_note(s, "a range lo..hi counts up from lo to hi - 1");
		return &type_none;
	}
	return &type_i64;
}

void sema_for(struct sema *s, struct node *n)
{
	struct node *v = n->forl.var;
	struct var *old = sema_var_find(s, v->var.name);
	struct type *t = n->forl.map ? iterated(s, n) : range(s, n);

	if (old && old->type) {
		sema_error(s, v->loc, "the loop variable '%s' is already a variable of this probe",
			   sema_var_name(v));
		sema_note_at(s, old->loc, "'%s' is first assigned here", sema_var_name(v));
		t = &type_none;
	}
	sema_var_assign(s, v, t);
	loop_body(s, n, n->forl.body);
	sema_var_forget(s, v->var.var);
}

/* Whether statement n can leave the loop around it: a break of that loop, a return or an exit(). */
static bool leaves(const struct node *n, bool inner)
{
	const struct node *c;

	if (!n)
		return false;
	switch (n->kind) {
	case N_BREAK:
		return !inner;
	case N_RETURN:
		return true;
	case N_EXPR:
		return n->expr.e && n->expr.e->kind == N_CALL &&
		       !strcmp(n->expr.e->call.name, "exit");
	case N_IF:
		return leaves(n->ifs.then, inner) || leaves(n->ifs.els, inner);
	case N_BLOCK:
		for (c = n->block.stmts; c; c = c->next)
			if (leaves(c, inner))
				return true;
		return false;
	case N_UNROLL:
		return leaves(n->unroll.body, inner);
	case N_WHILE:
		return leaves(n->loop.body, true);
	case N_FOR:
		return leaves(n->forl.body, true);
	default:
		return false;
	}
}

void sema_while(struct sema *s, struct node *n)
{
	int64_t v;

	sema_cond(s, n->loop.cond);
	if (n->loop.cond->type && n->loop.cond->type->kind != T_NONE &&
	    sema_const_int(s, n->loop.cond, &v) && v && !leaves(n->loop.body, false)) {
		sema_error(s, n->loop.cond->loc,
			   "this while loop never ends: its condition is always true and its body has no break, return or exit()");
		sema_note(s, "add a break, or a condition that becomes false");
	}
	loop_body(s, n, n->loop.body);
}
