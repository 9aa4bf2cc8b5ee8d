// SPDX-License-Identifier: GPL-2.0
/*
 * String comparison, bpftrace's way: bytes up to the shorter size, stopping
 * after a NUL, so "dd" equals a comm of "dd\0...".
 */
#include "codegen/cg_internal.h"
#include "codegen/cg_builtins.h"

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

/*
 * Two run-time strings: a loop over the bytes, up to the shorter size,
 * ending at the first difference or after a NUL.  Unrolled and
 * branch-free, 64-byte strings already spilled past the 512-byte stack
 * ("Looks like the BPF stack limit is exceeded"); the verifier walks this
 * loop (bounded by a constant) in n rounds.
 */
LLVMValueRef cg_str_same(struct cg *c, LLVMValueRef a, LLVMValueRef b, int n)
{
	LLVMBasicBlockRef pre, body = cg_block(c, "scmp.body");
	LLVMBasicBlockRef next = cg_block(c, "scmp.next"), done = cg_block(c, "scmp.done");
	LLVMValueRef i, in, x, y, same, go, res;
	LLVMTypeRef i1 = LLVMInt1TypeInContext(c->ctx);

	if (n <= 0)
		return LLVMConstInt(i1, 1, 0);
	/*
	 * Rotated (n >= 1: a body that ends in the conditional jump back): the
	 * head-first form was laid out with its latch falling through into
	 * the head, which 6.1's verifier rejects ("back-edge from insn N to
	 * N+1": only jumps may close a loop there).
	 */
	pre = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, body);
	LLVMPositionBuilderAtEnd(c->b, body);
	i = LLVMBuildPhi(c->b, c->i64, "i");
	x = cg_load_int(c, LLVMBuildGEP2(c->b, c->i8, a, &i, 1, ""), 1, false);
	y = cg_load_int(c, LLVMBuildGEP2(c->b, c->i8, b, &i, 1, ""), 1, false);
	same = LLVMBuildICmp(c->b, LLVMIntEQ, x, y, "");
	/* go on while equal and before the NUL */
	go = LLVMBuildAnd(c->b, same, LLVMBuildICmp(c->b, LLVMIntNE, x, cg_i64(c, 0), ""), "");
	LLVMBuildCondBr(c->b, go, next, done);
	LLVMPositionBuilderAtEnd(c->b, next);
	in = LLVMBuildAdd(c->b, i, cg_i64(c, 1), "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, in, cg_i64(c, n), ""), body, done);
	LLVMAddIncoming(i, (LLVMValueRef[]){ cg_i64(c, 0), in },
			(LLVMBasicBlockRef[]){ pre, next }, 2);
	LLVMPositionBuilderAtEnd(c->b, done);
	/* a difference or a NUL ended it (same says which), or all n bytes were equal */
	res = LLVMBuildPhi(c->b, i1, "scmp.same");
	LLVMAddIncoming(res, (LLVMValueRef[]){ same, LLVMConstInt(i1, 1, 0) },
			(LLVMBasicBlockRef[]){ body, next }, 2);
	return res;
}

static LLVMValueRef cmp_bytes(struct cg *c, struct node *l, struct node *r)
{
	int n = l->type->size < r->type->size ? l->type->size : r->type->size;
	LLVMValueRef a, b;

	a = cg_expr(c, l);
	b = cg_expr(c, r);
	return cg_str_same(c, a, b, n);
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

/*
 * memcmp(a, b, n): unrolled over the smaller size, branch-free; byte i
 * counts while i < n.  The result is the first counted difference.
 */
LLVMValueRef cg_memcmp(struct cg *c, struct node *n)
{
	struct node *l = n->call.args, *r = l->next, *k = r->next;
	int len = l->type->size < r->type->size ? l->type->size : r->type->size, i;
	LLVMValueRef pa, pb, cnt, x, y, d, ne, res, found;

	if (k->kind == N_INT && (int64_t)k->num.v < len)
		len = (int)k->num.v;
	pa = cg_expr(c, l);
	pb = cg_expr(c, r);
	cnt = cg_expr(c, k);
	res = cg_i64(c, 0);
	found = LLVMConstInt(c->i1, 0, 0);
	for (i = 0; i < len; i++) {
		x = cg_load_int(c, cg_gep(c, pa, i), 1, false);
		y = cg_load_int(c, cg_gep(c, pb, i), 1, false);
		d = LLVMBuildSub(c->b, x, y, "");
		ne = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntNE, x, y, ""),
				  LLVMBuildICmp(c->b, LLVMIntULT, cg_i64(c, i), cnt, ""), "");
		ne = LLVMBuildAnd(c->b, ne, LLVMBuildNot(c->b, found, ""), "");
		res = LLVMBuildSelect(c->b, ne, d, res, "");
		found = LLVMBuildOr(c->b, found, ne, "");
	}
	c->dst = NULL;
	return res;
}

/* strcap(s): the size of the string or char array, known when compiling. */
LLVMValueRef cg_strcap(struct cg *c, struct node *n)
{
	const struct type *t = n->call.args->type;

	c->dst = NULL;
	return cg_i64(c, t->kind == T_STR ? t->size : t->count);
}
