// SPDX-License-Identifier: GPL-2.0
/* Codegen of the builtin variables and functions (aggregations, events: elsewhere). */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/provider.h"
#include "util/cgroup.h"

static LLVMValueRef pure0(struct cg *c, enum bpf_func_id id)
{
	return cg_helper_pure(c, id, c->i64);
}

LLVMValueRef cg_pid(struct cg *c, struct node *n)
{
	return LLVMBuildLShr(c->b, pure0(c, BPF_FUNC_get_current_pid_tgid),
			     cg_i64(c, 32), "pid");
}

LLVMValueRef cg_tid(struct cg *c, struct node *n)
{
	return LLVMBuildAnd(c->b, pure0(c, BPF_FUNC_get_current_pid_tgid),
			    cg_i64(c, 0xffffffff), "tid");
}

LLVMValueRef cg_uid(struct cg *c, struct node *n)
{
	return LLVMBuildAnd(c->b, pure0(c, BPF_FUNC_get_current_uid_gid),
			    cg_i64(c, 0xffffffff), "uid");
}

LLVMValueRef cg_gid(struct cg *c, struct node *n)
{
	return LLVMBuildLShr(c->b, pure0(c, BPF_FUNC_get_current_uid_gid),
			     cg_i64(c, 32), "gid");
}

/* CLOCK_BOOTTIME (bpftrace's default, nsecs(boot)): what strftime() converts. */
LLVMValueRef cg_nsecs(struct cg *c, struct node *n)
{
	return cg_helper_clock(c, BPF_FUNC_ktime_get_boot_ns);
}

LLVMValueRef cg_elapsed(struct cg *c, struct node *n)
{
	return LLVMBuildSub(c->b, cg_helper_clock(c, BPF_FUNC_ktime_get_ns),
			    cg_i64(c, c->p->start_ns), "elapsed");
}

LLVMValueRef cg_cpu(struct cg *c, struct node *n)
{
	return LLVMBuildZExt(c->b, cg_helper_pure(c, BPF_FUNC_get_smp_processor_id,
						  c->i32), c->i64, "");
}

LLVMValueRef cg_numaid(struct cg *c, struct node *n)
{
	return LLVMBuildZExt(c->b, cg_helper_pure(c, BPF_FUNC_get_numa_node_id,
						  c->i32), c->i64, "");
}

LLVMValueRef cg_cgroup(struct cg *c, struct node *n)
{
	return pure0(c, BPF_FUNC_get_current_cgroup_id);
}

LLVMValueRef cg_rand(struct cg *c, struct node *n)
{
	return LLVMBuildZExt(c->b, cg_helper(c, BPF_FUNC_get_prandom_u32,
					     c->i32, NULL, 0), c->i64, "");
}

LLVMValueRef cg_cpid(struct cg *c, struct node *n)
{
	return cg_i64(c, (uint64_t)c->p->cpid);
}

LLVMValueRef cg_comm(struct cg *c, struct node *n)
{
	LLVMValueRef dst = cg_take_dst(c, 16);
	LLVMValueRef a[2] = { dst, cg_i32(c, 16) };

	cg_helper(c, BPF_FUNC_get_current_comm, c->i64, a, 2);
	return dst;
}

/* The probe's full name; with wildcards each instance has its own. */
LLVMValueRef cg_probe(struct cg *c, struct node *n)
{
	int size = n->type && n->type->size > 0 ? n->type->size : 64;
	LLVMValueRef dst = cg_take_dst(c, size);
	const char *s = c->pi->name ? c->pi->name : "";
	int len = strlen(s);

	cg_store_const_str(c, dst, s, len < size ? len : size - 1, size);
	return dst;
}

LLVMValueRef cg_probetype(struct cg *c, struct node *n)
{
	int size = n->type && n->type->size > 0 ? n->type->size : 16;
	LLVMValueRef dst = cg_take_dst(c, size);
	const char *s = probe_type_name(c->pi);
	int len = strlen(s);

	cg_store_const_str(c, dst, s, len < size ? len : size - 1, size);
	return dst;
}

/*
 * kprobe.multi: one program for many functions, so the name is looked up
 * by bpf_get_func_ip() (5.15+ for kprobes) in QT_FUNCS_MAP; "" if absent.
 * uprobe_multi: by bpf_get_attach_cookie() (see uprobe_multi.c).
 */
static LLVMValueRef func_by_key(struct cg *c, LLVMValueRef dst, int size,
				enum bpf_func_id helper)
{
	LLVMValueRef key = cg_alloca(c, c->i64, "ip"), a[1] = { c->ctxarg }, p;
	LLVMBasicBlockRef found = cg_block(c, "func.found"), done = cg_block(c, "func.done");
	int n = size - 1 < QT_FUNC_NAME - 1 ? size - 1 : QT_FUNC_NAME - 1;

	cg_memset0(c, dst, size);
	LLVMBuildStore(c->b, cg_helper(c, helper, c->i64, a, 1), key);
	p = cg_map_lookup(c, cg_funcs_map(c), key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, found);
	LLVMPositionBuilderAtEnd(c->b, found);
	cg_memcpy(c, dst, p, n);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return dst;
}

/* The probed function: a constant of each instance, like probe. */
LLVMValueRef cg_func(struct cg *c, struct node *n)
{
	int size = n->type && n->type->size > 0 ? n->type->size : 64;
	LLVMValueRef dst = cg_take_dst(c, size);
	const char *s = c->pi->func ? c->pi->func : "";
	int len = strlen(s);

	if (c->pi->nfuncs)
		return func_by_key(c, dst, size, c->pi->func_by_cookie ?
				   BPF_FUNC_get_attach_cookie : BPF_FUNC_get_func_ip);

	cg_store_const_str(c, dst, s, len < size ? len : size - 1, size);
	return dst;
}

/*
 * str(p [, n]): bpf_probe_read_str (45), which reads user and kernel
 * addresses alike on x86.  The buffer is zeroed first so equal strings
 * make equal map keys.
 */
LLVMValueRef cg_str(struct cg *c, struct node *n)
{
	int size = n->type->size;
	LLVMValueRef dst = cg_take_dst(c, size);
	struct node *p = n->call.args;
	LLVMValueRef a[3], src, len = cg_i64(c, size), big;

	if (p->type && p->type->kind == T_STR) {
		cg_store_value(c, p, dst, size);
		return dst;
	}
	src = cg_expr(c, p);
	if (p->next) {
		LLVMValueRef lim = cg_expr(c, p->next);

		big = LLVMBuildICmp(c->b, LLVMIntUGT, lim, len, "");
		len = LLVMBuildSelect(c->b, big, len, lim, "");
	}
	cg_memset0(c, dst, size);
	a[0] = dst;
	a[1] = LLVMBuildTrunc(c->b, len, c->i32, "");
	a[2] = LLVMBuildIntToPtr(c->b, src, c->ptr, "");
	cg_check_helper(c, cg_helper(c, BPF_FUNC_probe_read_str, c->i64, a, 3),
			"probe_read_str", n);
	return dst;
}

LLVMValueRef cg_cgroupid(struct cg *c, struct node *n)
{
	struct node *a = n->call.args;
	uint64_t id = 0;

	if (a && a->kind == N_STR && cgroup_id(a->str.s, &id) < 0)
		id = 0;
	return cg_i64(c, id);
}

/* The key of delete(@m[k]), delete(@m, k) and has_key(@m, k). */
static LLVMValueRef key_of(struct cg *c, struct node *m, struct node *k)
{
	struct mapinfo *mi = m->map.map;
	LLVMValueRef buf;

	if (m->map.keys || !k)
		return cg_map_key(c, m, 0);
	if (mi->nkeys <= 1)
		return cg_map_key_from(c, mi, k, 0);
	if (k->kind == N_TUPLE)
		return cg_map_key_from(c, mi, k->tuple.elems, 0);
	buf = cg_buf(c, mi->key_size);
	cg_store_value(c, k, buf, mi->key_size);
	return buf;
}

static struct mapinfo *map_arg(struct cg *c, struct node *n)
{
	struct node *m = n->call.args;

	if (!m || m->kind != N_MAP || !m->map.map) {
		cg_error(c, n, "'%s' needs a map", n->call.name);
		return NULL;
	}
	return m->map.map;
}

LLVMValueRef cg_delete(struct cg *c, struct node *n)
{
	struct mapinfo *m = map_arg(c, n);
	LLVMValueRef key, r;

	if (!m)
		return cg_i64(c, 0);
	if (m->task_storage) {
		r = cg_tstore_has(c, m);
		cg_tstore_delete(c, m);
		return r;
	}
	key = key_of(c, n->call.args, n->call.args->next);
	cg_cache_forget(c, m);
	r = cg_map_delete(c, cg_map_global(c, m), key);
	/* true when there was an element to delete (bpftrace's value) */
	r = LLVMBuildICmp(c->b, LLVMIntEQ, r, cg_i64(c, 0), "");
	return LLVMBuildZExt(c->b, r, c->i64, "");
}

LLVMValueRef cg_has_key(struct cg *c, struct node *n)
{
	struct mapinfo *m = map_arg(c, n);
	LLVMValueRef key, v;

	if (!m)
		return cg_i64(c, 0);
	if (m->task_storage)
		return cg_tstore_has(c, m);
	key = key_of(c, n->call.args, n->call.args->next);
	v = cg_map_lookup(c, cg_map_global(c, m), key);
	return LLVMBuildZExt(c->b, LLVMBuildIsNotNull(c->b, v, ""), c->i64, "");
}

/* find(@m, k, $v): one lookup; the value is copied to $v only when found. */
LLVMValueRef cg_find(struct cg *c, struct node *n)
{
	struct mapinfo *m = map_arg(c, n);
	struct node *k, *var;
	LLVMBasicBlockRef hit, done;
	LLVMValueRef key, v, slot, found;
	const struct type *vt;

	if (!m)
		return cg_i64(c, 0);
	if (m->task_storage || m->bucket_array) {
		cg_error(c, n, "find() cannot read the elements of '%s'", m->name);
		return cg_i64(c, 0);
	}
	k = n->call.args->next;
	var = k->next;
	vt = var->type;
	key = key_of(c, n->call.args, k);
	v = cg_map_lookup(c, cg_map_global(c, m), key);
	found = LLVMBuildIsNotNull(c->b, v, "");
	hit = cg_block(c, "find.hit");
	done = cg_block(c, "find.done");
	LLVMBuildCondBr(c->b, found, hit, done);
	LLVMPositionBuilderAtEnd(c->b, hit);
	slot = cg_var_slot(c, var);
	if (m->agg != AGG_NONE)
		LLVMBuildStore(c->b, cg_percpu_read(c, n, m, key), slot);
	else if (cg_is_agg_type(vt))
		cg_memcpy(c, slot, v, m->value_type->size < vt->size ? m->value_type->size :
			  vt->size);
	else
		LLVMBuildStore(c->b, LLVMBuildLoad2(c->b, c->i64, v, ""), slot);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return LLVMBuildZExt(c->b, found, c->i64, "");
}

LLVMValueRef cg_len(struct cg *c, struct node *n)
{
	struct mapinfo *m;

	if (n->call.args->kind != N_MAP)
		return cg_stack_len(c, n->call.args);
	m = map_arg(c, n);

	if (!m)
		return cg_i64(c, 0);
	if (m->task_storage || m->bucket_array) {
		cg_error(c, n, "len() cannot count the elements of '%s'", m->name);
		return cg_i64(c, 0);
	}
	return cg_map_len(c, n, m);
}
