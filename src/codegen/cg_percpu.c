// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a per-CPU aggregation in the kernel (`if (@c > 10)`, $kv.1 of a
 * for loop), as bpftrace does: each CPU's part through
 * bpf_map_lookup_percpu_elem (Linux 5.19), combined.  The loop is bounded
 * by the possible CPUs, a constant.  Older kernels get a located error:
 * the plain lookup would see only the current CPU's part.
 */
#include <stdio.h>
#include <bpf/libbpf.h>
#include "codegen/cg_internal.h"

static LLVMValueRef ld(struct cg *c, LLVMValueRef p, int off)
{
	return cg_load_int(c, cg_gep(c, p, off), 8, false);
}

static void st(struct cg *c, LLVMValueRef slot, LLVMValueRef v)
{
	LLVMBuildStore(c->b, v, slot);
}

static LLVMValueRef get(struct cg *c, LLVMValueRef slot)
{
	return LLVMBuildLoad2(c->b, c->i64, slot, "");
}

/* Fold this CPU's part at p into acc (and aux: count, or "set"). */
static void fold(struct cg *c, struct mapinfo *m, LLVMValueRef p, LLVMValueRef acc,
		 LLVMValueRef aux)
{
	LLVMValueRef v = ld(c, p, 0), set, take, better;
	LLVMIntPredicate pr;

	switch (m->agg) {
	case AGG_MIN:
	case AGG_MAX:
		if (m->agg == AGG_MIN)
			pr = m->value_signed ? LLVMIntSLT : LLVMIntULT;
		else
			pr = m->value_signed ? LLVMIntSGT : LLVMIntUGT;
		set = LLVMBuildICmp(c->b, LLVMIntNE, ld(c, p, 8), cg_i64(c, 0), "");
		better = LLVMBuildOr(c->b,
			LLVMBuildICmp(c->b, LLVMIntEQ, get(c, aux), cg_i64(c, 0), ""),
			LLVMBuildICmp(c->b, pr, v, get(c, acc), ""), "");
		take = LLVMBuildAnd(c->b, set, better, "");
		st(c, acc, LLVMBuildSelect(c->b, take, v, get(c, acc), ""));
		st(c, aux, LLVMBuildSelect(c->b, take, cg_i64(c, 1), get(c, aux), ""));
		break;
	case AGG_AVG:
	case AGG_STATS:
		st(c, acc, LLVMBuildAdd(c->b, get(c, acc), v, ""));
		st(c, aux, LLVMBuildAdd(c->b, get(c, aux), ld(c, p, 8), ""));
		break;
	default:	/* count, sum */
		st(c, acc, LLVMBuildAdd(c->b, get(c, acc), v, ""));
		break;
	}
}

/* BPF v3 has no signed division: divide the magnitude, then set the sign. */
static LLVMValueRef sdiv(struct cg *c, LLVMValueRef a, LLVMValueRef d)
{
	LLVMValueRef neg = LLVMBuildICmp(c->b, LLVMIntSLT, a, cg_i64(c, 0), "");
	LLVMValueRef mag = LLVMBuildSelect(c->b, neg, LLVMBuildNeg(c->b, a, ""), a, "");
	LLVMValueRef q = LLVMBuildUDiv(c->b, mag, d, "");

	return LLVMBuildSelect(c->b, neg, LLVMBuildNeg(c->b, q, ""), q, "");
}

LLVMValueRef cg_percpu_read(struct cg *c, struct node *at, struct mapinfo *m,
			    LLVMValueRef key)
{
	int ncpu = libbpf_num_possible_cpus();
	LLVMValueRef acc = cg_alloca(c, c->i64, "pc.acc"), aux = cg_alloca(c, c->i64, "pc.aux");
	LLVMValueRef cpu = cg_alloca(c, c->i64, "pc.cpu");
	LLVMBasicBlockRef body = cg_block(c, "pc.body");
	LLVMBasicBlockRef found = cg_block(c, "pc.found"), next = cg_block(c, "pc.next");
	LLVMBasicBlockRef done = cg_block(c, "pc.done");
	LLVMValueRef a[3], p, i, q, zero;

	/*
	 * Without the helper there is no sound reading: bpf_map_lookup_elem
	 * gives only this CPU's part of the value.
	 */
	if (!kfeat_has(KF_PERCPU_LOOKUP)) {
		char what[160];

		snprintf(what, sizeof(what), "reading the per-CPU map %s in a probe", m->name);
		kfeat_error(c, at, KF_PERCPU_LOOKUP, what);
		return cg_i64(c, 0);
	}
	if (ncpu < 1)
		ncpu = 1;
	st(c, acc, cg_i64(c, 0));
	st(c, aux, cg_i64(c, 0));
	st(c, cpu, cg_i64(c, 0));
	/*
	 * do { ... } while (++cpu < ncpu) (ncpu >= 1): the latch ends in the
	 * jump back.  The head-first form was laid out with a latch falling
	 * through into the head, which 6.1's verifier rejects ("back-edge from
	 * insn N to N+1": only jumps may close a loop there).
	 */
	LLVMBuildBr(c->b, body);
	LLVMPositionBuilderAtEnd(c->b, body);
	i = get(c, cpu);
	a[0] = cg_map_global(c, m);
	a[1] = key;
	a[2] = LLVMBuildTrunc(c->b, i, c->i32, "");
	p = cg_helper(c, BPF_FUNC_map_lookup_percpu_elem, c->ptr, a, 3);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), next, found);
	LLVMPositionBuilderAtEnd(c->b, found);
	fold(c, m, p, acc, aux);
	LLVMBuildBr(c->b, next);
	LLVMPositionBuilderAtEnd(c->b, next);
	i = LLVMBuildAdd(c->b, get(c, cpu), cg_i64(c, 1), "");
	st(c, cpu, i);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, i, cg_i64(c, ncpu), ""),
			body, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	if (m->agg != AGG_AVG)
		return get(c, acc);
	/* avg: total / count, 0 before the first value */
	q = get(c, aux);
	zero = LLVMBuildICmp(c->b, LLVMIntEQ, q, cg_i64(c, 0), "");
	q = LLVMBuildSelect(c->b, zero, cg_i64(c, 1), q, "");
	q = m->value_signed ? sdiv(c, get(c, acc), q) : LLVMBuildUDiv(c->b, get(c, acc), q, "");
	return LLVMBuildSelect(c->b, zero, cg_i64(c, 0), q, "");
}
