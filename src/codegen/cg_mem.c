// SPDX-License-Identifier: GPL-2.0
/* Buffers (stack or per-CPU scratch) and byte moves, expanded into plain loads and stores. */
#include "codegen/cg_internal.h"

LLVMValueRef cg_alloca(struct cg *c, LLVMTypeRef t, const char *name)
{
	LLVMBasicBlockRef here = LLVMGetInsertBlock(c->b);
	LLVMValueRef a;

	LLVMPositionBuilderAtEnd(c->b, c->entry);
	a = LLVMBuildAlloca(c->b, t, name);
	LLVMSetAlignment(a, 8);
	LLVMPositionBuilderAtEnd(c->b, here);
	return a;
}

/*
 * Small buffers live on the stack; once CG_STACK_BUDGET is used up they come
 * from this probe's slot of the per-CPU scratch map, because the verifier
 * stops at 512 bytes of stack ("combined stack size ... Too large").
 */
LLVMValueRef cg_buf_perm(struct cg *c, int size)
{
	LLVMValueRef base;
	int off;

	size = (size + 7) & ~7;
	if (size == 0)
		size = 8;
	if (c->stack_used + size <= CG_STACK_BUDGET) {
		c->stack_used += size;
		return cg_alloca(c, LLVMArrayType(c->i8, size), "buf");
	}
	base = cg_scratch_lookup(c);
	off = c->scratch_used;
	c->scratch_used += size;
	return cg_gep(c, base, off);
}

LLVMValueRef cg_buf_scratch(struct cg *c, int size)
{
	LLVMValueRef base = cg_scratch_lookup(c);
	int off = c->scratch_used;

	c->scratch_used += (size + 7) & ~7;
	return cg_gep(c, base, off);
}

/*
 * Temporaries (keys, values, records, strings) die with their statement,
 * so statements share one area; where it lives is decided when the probe
 * is complete (cg_tmp_finish): its size is the deepest statement's need.
 */
LLVMValueRef cg_buf(struct cg *c, int size)
{
	int off;

	size = (size + 7) & ~7;
	if (size == 0)
		size = 8;
	if (!c->tmp_base)
		c->tmp_base = cg_alloca(c, c->i8, "tmp.placeholder");
	off = c->tmp_used;
	c->tmp_used += size;
	if (c->tmp_used > c->tmp_max)
		c->tmp_max = c->tmp_used;
	return cg_gep(c, c->tmp_base, off);
}

void cg_tmp_finish(struct cg *c)
{
	LLVMBasicBlockRef here = LLVMGetInsertBlock(c->b);
	LLVMValueRef area;

	if (!c->tmp_base)
		return;
	if (c->stack_used + c->tmp_max <= CG_STACK_BUDGET) {
		c->stack_used += c->tmp_max;
		area = cg_alloca(c, LLVMArrayType(c->i8, c->tmp_max), "tmp");
	} else {
		LLVMPositionBuilderAtEnd(c->b, c->entry);
		area = cg_gep(c, cg_scratch_lookup(c), c->scratch_used);
		c->scratch_used += c->tmp_max;
		LLVMPositionBuilderAtEnd(c->b, here);
	}
	LLVMReplaceAllUsesWith(c->tmp_base, area);
	LLVMInstructionEraseFromParent(c->tmp_base);
	c->tmp_base = NULL;
}

LLVMValueRef cg_take_dst(struct cg *c, int size)
{
	LLVMValueRef d = c->dst;

	c->dst = NULL;
	return d ? d : cg_buf(c, size);
}

LLVMValueRef cg_gep(struct cg *c, LLVMValueRef base, int off)
{
	LLVMValueRef idx = cg_i64(c, off);

	if (off == 0)
		return base;
	return LLVMBuildGEP2(c->b, c->i8, base, &idx, 1, "");
}

static LLVMTypeRef int_type(struct cg *c, int size)
{
	switch (size) {
	case 1: return c->i8;
	case 2: return c->i16;
	case 4: return c->i32;
	default: return c->i64;
	}
}

/* The widest access (8, 4, 2, 1) that is aligned at off and fits in left. */
static int chunk(int off, int left)
{
	int w = 8;

	while (w > 1 && (w > left || off % w))
		w /= 2;
	return w;
}

LLVMValueRef cg_load_int(struct cg *c, LLVMValueRef p, int size, bool sign)
{
	LLVMValueRef v;

	if (size != 1 && size != 2 && size != 4)
		size = 8;
	v = LLVMBuildLoad2(c->b, int_type(c, size), p, "");
	LLVMSetAlignment(v, size);
	if (size == 8)
		return v;
	return sign ? LLVMBuildSExt(c->b, v, c->i64, "") :
		      LLVMBuildZExt(c->b, v, c->i64, "");
}

void cg_store_int(struct cg *c, LLVMValueRef p, LLVMValueRef v, int size)
{
	LLVMValueRef s;

	if (size != 1 && size != 2 && size != 4)
		size = 8;
	if (size < 8)
		v = LLVMBuildTrunc(c->b, v, int_type(c, size), "");
	s = LLVMBuildStore(c->b, v, p);
	LLVMSetAlignment(s, size);
}

LLVMValueRef cg_normalize(struct cg *c, LLVMValueRef v, int size, bool sign)
{
	if (size >= 8 || size <= 0)
		return v;
	v = LLVMBuildTrunc(c->b, v, int_type(c, size), "");
	return sign ? LLVMBuildSExt(c->b, v, c->i64, "") :
		      LLVMBuildZExt(c->b, v, c->i64, "");
}

/* base must be 8-byte aligned, as every buffer, map value and record is. */
void cg_zero_range(struct cg *c, LLVMValueRef base, int from, int to)
{
	int off, w;

	for (off = from; off < to; off += w) {
		w = chunk(off, to - off);
		cg_store_int(c, cg_gep(c, base, off), cg_i64(c, 0), w);
	}
}

void cg_memset0(struct cg *c, LLVMValueRef dst, int size)
{
	cg_zero_range(c, dst, 0, size);
}

void cg_memcpy(struct cg *c, LLVMValueRef dst, LLVMValueRef src, int size)
{
	LLVMValueRef v;
	int off, w;

	for (off = 0; off < size; off += w) {
		w = chunk(off, size - off);
		v = cg_load_int(c, cg_gep(c, src, off), w, false);
		cg_store_int(c, cg_gep(c, dst, off), v, w);
	}
}

void cg_store_const_str(struct cg *c, LLVMValueRef dst, const char *s, int len, int size)
{
	uint64_t v;
	int off, w, i;

	for (off = 0; off < size; off += w) {
		w = chunk(off, size - off);
		v = 0;
		for (i = 0; i < w; i++)
			if (off + i < len)
				v |= (uint64_t)(unsigned char)s[off + i] << (8 * i);
		cg_store_int(c, cg_gep(c, dst, off), cg_i64(c, v), w);
	}
}
