// SPDX-License-Identifier: GPL-2.0
/*
 * tseries(v, interval, n [, agg]): each key's value is a ring of intervals
 * (struct qt_tslot, program.h) indexed by epoch = nsecs / interval, masked
 * to the ring's power-of-two size so the verifier can bound the offset.  A
 * slot still holding an older epoch starts over.  A new key is inserted
 * from QT_ZERO_MAP, an all-zero value, rather than a buffer of up to 24 KiB.
 */
#include "codegen/cg_internal.h"

static LLVMValueRef ld(struct cg *c, LLVMValueRef p, int off)
{
	return cg_load_int(c, cg_gep(c, p, off), 8, false);
}

static void st(struct cg *c, LLVMValueRef p, int off, LLVMValueRef v)
{
	cg_store_int(c, cg_gep(c, p, off), v, 8);
}

/* A pointer to QT_ZERO_MAP's value (NULL-checked by the caller). */
static LLVMValueRef zero_value(struct cg *c)
{
	LLVMValueRef key = cg_buf(c, 4);

	cg_store_int(c, key, cg_i64(c, 0), 4);
	return cg_map_lookup(c, cg_zero_map(c), key);
}

/* The key's ring, inserted (all zero) when it is new; NULL when the map is full. */
static LLVMValueRef ring(struct cg *c, struct mapinfo *m, LLVMValueRef key)
{
	LLVMValueRef map = cg_map_global(c, m), p, z, phi, inc[3];
	LLVMBasicBlockRef miss = cg_block(c, "ts.miss"), ins = cg_block(c, "ts.insert");
	LLVMBasicBlockRef done = cg_block(c, "ts.ring"), from[3];

	p = cg_map_lookup(c, map, key);
	from[0] = LLVMGetInsertBlock(c->b);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), miss, done);
	LLVMPositionBuilderAtEnd(c->b, miss);
	z = zero_value(c);
	from[1] = LLVMGetInsertBlock(c->b);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, z, ""), done, ins);
	LLVMPositionBuilderAtEnd(c->b, ins);
	/* -EEXIST: another CPU inserted it first; the lookup finds that one */
	cg_map_update(c, map, key, z, BPF_NOEXIST);
	inc[2] = cg_map_lookup(c, map, key);
	from[2] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->ptr, "ring");
	inc[0] = p;
	inc[1] = LLVMConstNull(c->ptr);
	LLVMAddIncoming(phi, inc, from, 3);
	return phi;
}

/* Fold v into slot e (of this epoch already). */
static void fold(struct cg *c, struct mapinfo *m, LLVMValueRef e, LLVMValueRef v)
{
	LLVMValueRef old = ld(c, e, 8), take;
	LLVMIntPredicate pr;

	switch (m->ts_agg) {
	case TS_SUM:
	case TS_AVG:
		st(c, e, 8, LLVMBuildAdd(c->b, old, v, ""));
		break;
	case TS_MAX:
	case TS_MIN:
		if (m->ts_agg == TS_MAX)
			pr = m->value_signed ? LLVMIntSGT : LLVMIntUGT;
		else
			pr = m->value_signed ? LLVMIntSLT : LLVMIntULT;
		take = LLVMBuildICmp(c->b, pr, v, old, "");
		st(c, e, 8, LLVMBuildSelect(c->b, take, v, old, ""));
		break;
	default:	/* the last value */
		st(c, e, 8, v);
		break;
	}
	st(c, e, 16, LLVMBuildAdd(c->b, ld(c, e, 16), cg_i64(c, 1), ""));
}

void cg_tseries_update(struct cg *c, struct mapinfo *m, LLVMValueRef key, LLVMValueRef v)
{
	LLVMBasicBlockRef have = cg_block(c, "ts.have"), fresh = cg_block(c, "ts.fresh");
	LLVMBasicBlockRef same = cg_block(c, "ts.same"), done = cg_block(c, "ts.done");
	LLVMBasicBlockRef full = cg_block(c, "ts.full");
	LLVMValueRef now, epoch, slot, p, e, want;

	now = cg_helper(c, BPF_FUNC_ktime_get_ns, c->i64, NULL, 0);
	epoch = LLVMBuildUDiv(c->b, now, cg_i64(c, m->ts_interval ? m->ts_interval : 1), "");
	slot = LLVMBuildAnd(c->b, epoch, cg_i64(c, (uint64_t)m->ts_slots - 1), "");
	p = ring(c, m, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), full, have);
	LLVMPositionBuilderAtEnd(c->b, full);
	cg_stat_inc(c, QT_STAT_MAP_FAIL(m->id));	/* the map is full: reported at exit */
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, have);
	e = LLVMBuildGEP2(c->b, c->i8, p, (LLVMValueRef[]){
		LLVMBuildMul(c->b, slot, cg_i64(c, sizeof(struct qt_tslot)), "") }, 1, "slot");
	want = LLVMBuildAdd(c->b, epoch, cg_i64(c, 1), "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ld(c, e, 0), want, ""), same, fresh);
	LLVMPositionBuilderAtEnd(c->b, fresh);
	st(c, e, 0, want);
	st(c, e, 8, v);
	st(c, e, 16, cg_i64(c, 1));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, same);
	fold(c, m, e, v);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}
