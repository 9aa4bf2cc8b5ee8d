// SPDX-License-Identifier: GPL-2.0
/*
 * Which count() maps get a dense part: `@[args->id] = count()` keyed by
 * one integer spends most of its cost in the per-CPU hash's lookup (a
 * call: hashing and a bucket walk).  Keys 0..QT_DENSE_KEYS-1 go to a
 * per-CPU array instead, whose lookup is an index (inlined by the
 * verifier since 6.10, a short helper before); every other key stays in
 * the hash (program.h: mapinfo.dense_n).
 *
 * Only maps the programs never read qualify: the runtime merges the two
 * parts for print, clear, json, csv and metrics, but has_key, @m[k]
 * reads, delete, len and for-loops in the kernel see the hash alone.
 * zero() is out too: a zero slot means "absent", a zeroed hash entry
 * still prints.
 */
#include "codegen/cg_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"
#include "util/envflag.h"

/* What the walk learnt of one map. */
struct dnuse {
	bool counted;	/* @m[k] = count() somewhere */
	bool other;	/* any use but that, print(@m) and clear(@m) */
};

static void walk(struct dnuse *u, struct node *n);

static void walk_list(struct dnuse *u, struct node *n)
{
	for (; n; n = n->next)
		walk(u, n);
}

static void walk_cb(struct node *n, void *u)
{
	walk(u, n);
}

static bool is_count(const struct node *n)
{
	return n && n->kind == N_CALL && n->call.b && n->call.b->kind == B_AGG &&
	       n->call.b->agg == AGG_COUNT;
}

/* print(@m [, top, div]) and clear(@m) run in user space: they see both parts. */
static bool whole_map_call(const struct node *n)
{
	const struct node *a = n->call.args;

	return n->call.b && (n->call.b->cg == cg_print || n->call.b->cg == cg_clear) &&
	       a && a->kind == N_MAP && !a->map.keys && a->map.map;
}

static void walk(struct dnuse *u, struct node *n)
{
	if (!n)
		return;
	switch (n->kind) {
	case N_ASSIGN:
		if (n->assign.op == OP_NONE && n->assign.lhs->kind == N_MAP &&
		    n->assign.lhs->map.map && is_count(n->assign.rhs)) {
			u[n->assign.lhs->map.map->id].counted = true;
			walk_list(u, n->assign.lhs->map.keys);
			walk_list(u, n->assign.rhs->call.args);
			return;
		}
		ast_children(n, walk_cb, u);
		break;
	case N_MAP:
		if (n->map.map)
			u[n->map.map->id].other = true;
		walk_list(u, n->map.keys);
		break;
	case N_CALL:
		if (whole_map_call(n)) {
			walk_list(u, n->call.args->next);
			return;
		}
		ast_children(n, walk_cb, u);
		break;
	case N_FOR:
		if (n->forl.map && n->forl.map->map.map)
			u[n->forl.map->map.map->id].other = true;
		ast_children(n, walk_cb, u);
		break;
	case N_PROBE:
	case N_PROGRAM:
		break;
	default:
		ast_children(n, walk_cb, u);
		break;
	}
}

/* One integer key, not a stack id (those are rewritten when read). */
static bool int_key(const struct mapinfo *m)
{
	const struct type *t = m->key_type;

	if (m->nkeys != 1 || !t)
		return false;
	if (t->kind == T_TUPLE) {
		if (t->nfields != 1 || t->fields[0].offset)
			return false;
		t = t->fields[0].type;
	}
	return t && t->kind == T_INT && !t->stack && t->size == m->key_size &&
	       m->key_size <= 8;
}

/* QTRACE_NO_DENSE keeps every map a hash alone (tests compare both). */
void sema_dense(struct program *p)
{
	struct dnuse *u;
	struct node *probe;
	int i;

	if (!p->nmaps || env_flag("QTRACE_NO_DENSE"))
		return;
	u = arena_alloc(p->nmaps * sizeof(*u));
	for (probe = p->ast->program.probes; probe; probe = probe->next) {
		walk(u, probe->probe.pred);
		walk(u, probe->probe.body);
	}
	for (i = 0; i < p->nmaps; i++) {
		struct mapinfo *m = p->maps[i];

		if (m->agg != AGG_COUNT || !u[i].counted || u[i].other || m->zeroed ||
		    m->declared || m->task_storage || m->bucket_array || !int_key(m))
			continue;
		m->dense_n = QT_DENSE_KEYS;
	}
}
