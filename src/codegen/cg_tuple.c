// SPDX-License-Identifier: GPL-2.0
/*
 * Tuple == and !=: element by element over the two layouts, which may
 * differ in string sizes (sema_tuple_compare checked the shapes).
 * Integers are stored as 8 bytes in a tuple, so equal values are equal
 * words whatever their declared sizes.
 */
#include "codegen/cg_internal.h"

static LLVMValueRef same(struct cg *c, const struct type *lt, LLVMValueRef a,
			 const struct type *rt, LLVMValueRef b);

/* i1: the size bytes at a and b are equal, compared a word at a time (C struct and array values). */
LLVMValueRef cg_same_bytes(struct cg *c, LLVMValueRef a, LLVMValueRef b, int size)
{
	LLVMValueRef diff = cg_i64(c, 0), x, y;
	int off, w;

	for (off = 0; off < size; off += w) {
		w = 8;
		while (w > 1 && (w > size - off || off % w))
			w /= 2;
		x = cg_load_int(c, cg_gep(c, a, off), w, false);
		y = cg_load_int(c, cg_gep(c, b, off), w, false);
		diff = LLVMBuildOr(c->b, diff, LLVMBuildXor(c->b, x, y, ""), "");
	}
	return LLVMBuildICmp(c->b, LLVMIntEQ, diff, cg_i64(c, 0), "");
}

static LLVMValueRef same_fields(struct cg *c, const struct type *lt, LLVMValueRef a,
				const struct type *rt, LLVMValueRef b)
{
	LLVMValueRef all = LLVMConstInt(LLVMInt1TypeInContext(c->ctx), 1, 0);
	int i;

	for (i = 0; i < lt->nfields && i < rt->nfields; i++)
		all = LLVMBuildAnd(c->b, all,
				   same(c, lt->fields[i].type, cg_gep(c, a, lt->fields[i].offset),
					rt->fields[i].type, cg_gep(c, b, rt->fields[i].offset)), "");
	return all;
}

/* i1: the values of types lt at a and rt at b (pointers into tuples) are equal. */
static LLVMValueRef same(struct cg *c, const struct type *lt, LLVMValueRef a,
			 const struct type *rt, LLVMValueRef b)
{
	int n;

	switch (lt->kind) {
	case T_STR:
		n = lt->size < rt->size ? lt->size : rt->size;
		return cg_str_same(c, a, b, n);
	case T_TUPLE:
		return same_fields(c, lt, a, rt, b);
	case T_STRUCT:
	case T_ARRAY:
		return cg_same_bytes(c, a, b, lt->size);
	default:
		return LLVMBuildICmp(c->b, LLVMIntEQ, cg_load_int(c, a, 8, false),
				     cg_load_int(c, b, 8, false), "");
	}
}

LLVMValueRef cg_tuple_cmp(struct cg *c, struct node *n, bool eq)
{
	LLVMValueRef l, r, v;

	c->dst = NULL;
	l = cg_expr(c, n->bin.l);
	c->dst = NULL;
	r = cg_expr(c, n->bin.r);
	if (!l || !r)
		return cg_i64(c, 0);
	v = same(c, n->bin.l->type, l, n->bin.r->type, r);
	if (!eq)
		v = LLVMBuildNot(c->b, v, "");
	return LLVMBuildZExt(c->b, v, c->i64, "");
}
