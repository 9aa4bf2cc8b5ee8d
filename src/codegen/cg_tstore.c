// SPDX-License-Identifier: GPL-2.0
/*
 * Maps in task storage (mapinfo.task_storage): @m[tid] is the current
 * thread's element, reached with bpf_task_storage_get() on
 * bpf_get_current_task_btf() (Linux 5.11).  No insert or delete per event:
 * a delete only clears the tag, and the storage dies with its thread.
 */
#include "codegen/cg_internal.h"

#ifndef BPF_LOCAL_STORAGE_GET_F_CREATE
#define BPF_LOCAL_STORAGE_GET_F_CREATE 1
#endif

static struct cg_cached *cached(struct cg *c, struct mapinfo *m)
{
	int i;

	for (i = 0; i < c->ncached; i++)
		if (c->cached[i].m == m)
			return &c->cached[i];
	return NULL;
}

/*
 * The current thread's element of m, or NULL; create: make it (tag 0)
 * when absent.  Like map lookups, a get made where it always runs is
 * shared by the later uses in the probe; one made without create is not
 * shared past a create, whose element it may have missed.
 */
static LLVMValueRef get(struct cg *c, struct mapinfo *m, bool create)
{
	struct cg_cached *e = cached(c, m);
	LLVMValueRef a[4], p;

	if (e && (e->created || !create))
		return e->ptr;
	a[0] = cg_map_global(c, m);
	a[1] = cg_helper_pure(c, BPF_FUNC_get_current_task_btf, c->ptr);
	a[2] = LLVMConstPointerNull(c->ptr);
	a[3] = cg_i64(c, create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
	p = cg_helper(c, BPF_FUNC_task_storage_get, c->ptr, a, 4);
	if (e)
		cg_cache_forget(c, m);
	if (c->cond_depth == 0 && c->ncached < CG_MAX_CACHED) {
		e = &c->cached[c->ncached++];
		e->m = m;
		e->sig[0] = '\0';
		e->ptr = p;
		e->created = create;
	}
	return p;
}

static LLVMValueRef tag_ptr(struct cg *c, struct mapinfo *m, LLVMValueRef p)
{
	return cg_gep(c, p, QT_TSTORE_TAG_OFF(m));
}

/* Branch to found when p holds a present element, else to absent. */
static void branch_present(struct cg *c, struct mapinfo *m, LLVMValueRef p,
			   LLVMBasicBlockRef found, LLVMBasicBlockRef absent)
{
	LLVMBasicBlockRef have = cg_block(c, "ts.have");
	LLVMValueRef tag;

	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), absent, have);
	LLVMPositionBuilderAtEnd(c->b, have);
	tag = cg_load_int(c, tag_ptr(c, m, p), 8, false);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, tag, ""), absent, found);
}

LLVMValueRef cg_tstore_read(struct cg *c, struct node *n)
{
	struct mapinfo *m = n->map.map;
	LLVMBasicBlockRef found = cg_block(c, "ts.found");
	LLVMBasicBlockRef absent = cg_block(c, "ts.absent");
	LLVMValueRef p, dst = NULL;

	if (cg_is_agg_type(n->type))
		dst = cg_take_dst(c, n->type->size);
	p = get(c, m, false);
	branch_present(c, m, p, found, absent);
	return cg_elem_or_zero(c, n, p, dst, found, absent);
}

/*
 * The tag is only a present mark: the thread's tid is its key, known to
 * user space from /proc (sema requires the initial pid namespace), so no
 * bpf_get_current_pid_tgid() call (~20 ns) is spent on it.
 */
void cg_tstore_write(struct cg *c, struct mapinfo *m, LLVMValueRef val)
{
	LLVMBasicBlockRef ok = cg_block(c, "ts.ok");
	LLVMBasicBlockRef fail = cg_block(c, "ts.fail");
	LLVMBasicBlockRef done = cg_block(c, "ts.done");
	LLVMValueRef p;

	p = get(c, m, true);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), fail, ok);
	LLVMPositionBuilderAtEnd(c->b, ok);
	cg_memcpy(c, p, val, QT_TSTORE_TAG_OFF(m));
	cg_store_int(c, tag_ptr(c, m, p), cg_i64(c, 1), 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, fail);
	cg_stat_inc(c, QT_STAT_MAP_FAIL(m->id));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_tstore_delete(struct cg *c, struct mapinfo *m)
{
	LLVMBasicBlockRef have = cg_block(c, "ts.del");
	LLVMBasicBlockRef done = cg_block(c, "ts.deldone");
	LLVMValueRef p = get(c, m, false);

	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, have);
	LLVMPositionBuilderAtEnd(c->b, have);
	cg_store_int(c, tag_ptr(c, m, p), cg_i64(c, 0), 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

LLVMValueRef cg_tstore_has(struct cg *c, struct mapinfo *m)
{
	LLVMBasicBlockRef found = cg_block(c, "ts.found");
	LLVMBasicBlockRef absent = cg_block(c, "ts.absent");
	LLVMBasicBlockRef done = cg_block(c, "ts.done");
	LLVMValueRef p = get(c, m, false), phi;
	LLVMValueRef inc[2] = { cg_i64(c, 1), cg_i64(c, 0) };
	LLVMBasicBlockRef from[2] = { found, absent };

	branch_present(c, m, p, found, absent);
	LLVMPositionBuilderAtEnd(c->b, found);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, absent);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "");
	LLVMAddIncoming(phi, inc, from, 2);
	return phi;
}
