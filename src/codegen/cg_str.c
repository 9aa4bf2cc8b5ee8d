// SPDX-License-Identifier: GPL-2.0
/*
 * String comparison, bpftrace's way: bytes up to the shorter size, stopping
 * after a NUL, so "dd" equals a comm of "dd\0...".  Unrolled and branch-free.
 */
#include "codegen/cg_internal.h"

static int chunk(int off, int left)
{
	int w = 8;

	while (w > 1 && (w > left || off % w))
		w /= 2;
	return w;
}

/*
 * Against a literal: exactly the literal's bytes and its NUL (or fewer when
 * the other string is shorter), compared a word at a time.
 */
static LLVMValueRef cmp_lit(struct cg *c, struct node *other, struct node *lit)
{
	int n = lit->str.len + 1;
	LLVMValueRef p, v, diff = cg_i64(c, 0);
	uint64_t k;
	int off, w, i;

	if (other->type->size < n)
		n = other->type->size;
	p = cg_expr(c, other);
	for (off = 0; off < n; off += w) {
		w = chunk(off, n - off);
		k = 0;
		for (i = 0; i < w; i++)
			if (off + i < lit->str.len)
				k |= (uint64_t)(unsigned char)lit->str.s[off + i] << (8 * i);
		v = cg_load_int(c, cg_gep(c, p, off), w, false);
		diff = LLVMBuildOr(c->b, diff, LLVMBuildXor(c->b, v, cg_i64(c, k), ""), "");
	}
	return LLVMBuildICmp(c->b, LLVMIntEQ, diff, cg_i64(c, 0), "");
}

/* Two run-time strings: byte by byte; a mismatch counts only before the first NUL. */
static LLVMValueRef cmp_bytes(struct cg *c, struct node *l, struct node *r)
{
	int n = l->type->size < r->type->size ? l->type->size : r->type->size;
	LLVMValueRef a, b, x, y, ne, bad, done, t = LLVMConstInt(c->i1, 0, 0);
	int i;

	a = cg_expr(c, l);
	b = cg_expr(c, r);
	done = t;
	bad = t;
	for (i = 0; i < n; i++) {
		x = cg_load_int(c, cg_gep(c, a, i), 1, false);
		y = cg_load_int(c, cg_gep(c, b, i), 1, false);
		ne = LLVMBuildICmp(c->b, LLVMIntNE, x, y, "");
		bad = LLVMBuildOr(c->b, bad,
				  LLVMBuildAnd(c->b, ne, LLVMBuildNot(c->b, done, ""), ""), "");
		done = LLVMBuildOr(c->b, done,
				   LLVMBuildICmp(c->b, LLVMIntEQ, x, cg_i64(c, 0), ""), "");
	}
	return LLVMBuildNot(c->b, bad, "");
}

LLVMValueRef cg_str_cmp(struct cg *c, struct node *l, struct node *r, bool eq)
{
	LLVMValueRef same;

	c->dst = NULL;
	if (r->kind == N_STR)
		same = cmp_lit(c, l, r);
	else if (l->kind == N_STR)
		same = cmp_lit(c, r, l);
	else
		same = cmp_bytes(c, l, r);
	if (!eq)
		same = LLVMBuildNot(c->b, same, "");
	return LLVMBuildZExt(c->b, same, c->i64, "");
}
