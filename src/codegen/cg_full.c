// SPDX-License-Identifier: GPL-2.0
/*
 * Inserts a full map is known to refuse, counted without the update helper.
 *
 * A plain hash is preallocated: an insert takes an element from its free
 * lists, which only a delete refills (replacing a present key swaps with a
 * per-CPU spare).  So once an insert failed with -E2BIG, and the program
 * never deletes from the map (delete(), or clear() anywhere but in END,
 * which runs when no probe can), every later insert of a new key fails the
 * same way.  The map's flag in QT_FULL_SECTION records the first failure;
 * after it, a lookup (no lock) tells a present key, whose update goes on
 * as before, from a new one, whose failure is counted as the helper's
 * would be.  The helper took the bucket lock and walked every CPU's free
 * list to fail: the soak (one insert of a new key per event into a full
 * map) measured ~80 ns of its ~1000 a traced call more than the lookup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/provider.h"
#include "sema/builtins.h"

#define QT_FULL_SECTION ".data.qt_full"

struct shrink_walk {
	bool *shrinks;
	bool in_end;
};

static void walk(struct node *n, void *arg)
{
	struct shrink_walk *w = arg;
	struct node *a;

	if (!n)
		return;
	if (n->kind == N_CALL && n->call.b && (a = n->call.args) && a->kind == N_MAP &&
	    a->map.map && (n->call.b->cg == cg_delete ||
			   (n->call.b->cg == cg_clear && !w->in_end)))
		w->shrinks[a->map.map->id] = true;
	ast_children(n, walk, arg);
}

static bool only_end(struct program *p, struct node *probe)
{
	int i;

	for (i = 0; i < p->ninsts; i++)
		if (p->insts[i]->probe == probe &&
		    (!p->insts[i]->provider || strcmp(p->insts[i]->provider->name, "END")))
			return false;
	return true;
}

/* Which maps the program may remove elements from; once per compile. */
static void scan(struct cg *c)
{
	struct program *p = c->p;
	struct shrink_walk w;
	int i, j;

	c->full_scanned = true;
	c->shrinks = calloc(p->nmaps ? p->nmaps : 1, sizeof(*c->shrinks));
	c->full_flags = calloc(p->nmaps ? p->nmaps : 1, sizeof(*c->full_flags));
	if (!c->shrinks || !c->full_flags)
		return;
	w.shrinks = c->shrinks;
	for (i = 0; i < p->ninsts; i++) {
		struct node *probe = p->insts[i]->probe;

		for (j = 0; j < i && p->insts[j]->probe != probe; j++)
			;
		if (j < i || !probe)
			continue;	/* a probe's body once */
		w.in_end = only_end(p, probe);
		walk(probe->probe.pred, &w);
		walk(probe->probe.body, &w);
	}
}

/* The map's flag: nonzero once an insert failed for want of room. */
static LLVMValueRef full_flag(struct cg *c, struct mapinfo *m)
{
	char name[32];

	if (!c->full_scanned)
		scan(c);
	/* one key (@x) is never refused once in; BEGIN and END run once */
	if (!m->nkeys || c->pi->special)
		return NULL;
	if (!c->shrinks || !c->full_flags || c->shrinks[m->id] || m->task_storage ||
	    m->agg != AGG_NONE || m->lru || m->percpu || m->bucket_array ||
	    c->p->helper_errors)
		return NULL;
	if (!c->full_flags[m->id]) {
		snprintf(name, sizeof(name), "qt_full%d", m->id);
		c->full_flags[m->id] = LLVMAddGlobal(c->mod, c->i32, name);
		LLVMSetInitializer(c->full_flags[m->id], LLVMConstInt(c->i32, 0, 0));
		LLVMSetSection(c->full_flags[m->id], QT_FULL_SECTION);
		LLVMSetAlignment(c->full_flags[m->id], 4);
	}
	return c->full_flags[m->id];
}

/*
 * bpf_map_update_elem(map, key, val, BPF_ANY) of m's element, or its
 * failure when m is known full and key is not in it; -E2BIG sets the flag.
 */
LLVMValueRef cg_full_update(struct cg *c, struct mapinfo *m, LLVMValueRef map,
			    LLVMValueRef key, LLVMValueRef val)
{
	LLVMValueRef flag = full_flag(c, m), v, ret, phi, vals[2];
	LLVMBasicBlockRef known, update, mark, done, from[2];

	if (!flag)
		return cg_map_update(c, map, key, val, BPF_ANY);
	known = cg_block(c, "full.known");
	update = cg_block(c, "full.update");
	mark = cg_block(c, "full.mark");
	done = cg_block(c, "full.done");
	v = LLVMBuildLoad2(c->b, c->i32, flag, "");
	LLVMSetVolatile(v, 1);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, v, ""), update, known);

	LLVMPositionBuilderAtEnd(c->b, known);
	v = cg_map_lookup(c, map, key);
	from[0] = LLVMGetInsertBlock(c->b);
	vals[0] = cg_i64(c, (uint64_t)-E2BIG);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, v, ""), done, update);

	LLVMPositionBuilderAtEnd(c->b, update);
	ret = cg_map_update(c, map, key, val, BPF_ANY);
	from[1] = LLVMGetInsertBlock(c->b);
	vals[1] = ret;
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, (uint64_t)-E2BIG), ""),
			mark, done);
	LLVMPositionBuilderAtEnd(c->b, mark);
	v = LLVMBuildStore(c->b, LLVMConstInt(c->i32, 1, 0), flag);
	LLVMSetVolatile(v, 1);
	LLVMBuildBr(c->b, done);

	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "");
	LLVMAddIncoming(phi, vals, from, 2);
	LLVMAddIncoming(phi, &ret, &mark, 1);
	return phi;
}
