// SPDX-License-Identifier: GPL-2.0
/*
 * C types in code: reads through pointers (p->f, *p, p[i], and '.' on what
 * those reach), fields and elements of struct and array values in memory,
 * bitfields, byte casts, and curtask.
 *
 * A chain like curtask->se.cfs_rq->rq->nr_running is a series of places in
 * kernel memory: each place's address is computed from the previous value
 * and only the leaf (and each pointer on the way) is read, with one
 * bpf_probe_read_kernel (bpf_probe_read_user for user pointers) per read.
 * A read that faults leaves zeros: the helpers clear the buffer on error.
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "codegen/cg_internal.h"

LLVMValueRef cg_curtask(struct cg *c, struct node *n)
{
	(void)n;
	return cg_helper_pure(c, BPF_FUNC_get_current_task, c->i64);
}

static bool in_mem(const struct type *t)
{
	return t->kind == T_STR || t->kind == T_STRUCT || t->kind == T_ARRAY;
}

/* Is n an lvalue in kernel or user memory (an address, not a value)? */
static bool is_place(const struct node *n)
{
	const struct type *b;

	switch (n->kind) {
	case N_UNOP:
		return n->un.op == OP_DEREF;
	case N_FIELD:
		b = n->field.e->type;
		if (!b || !n->field.field)
			return false;
		return b->kind == T_PTR || (b->kind == T_STRUCT && is_place(n->field.e));
	case N_INDEX:
		b = n->index.e->type;
		if (!b)
			return false;
		return b->kind == T_PTR ||
		       ((b->kind == T_ARRAY || b->kind == T_STR) && is_place(n->index.e));
	default:
		return false;
	}
}

/* Does the place n lie in user memory? */
static bool place_user(const struct node *n)
{
	const struct node *base = n->kind == N_UNOP ? n->un.e :
				  n->kind == N_FIELD ? n->field.e : n->index.e;

	if (base->type && base->type->kind == T_PTR)
		return base->type->user;
	return is_place(base) && place_user(base);
}

static LLVMValueRef value(struct cg *c, struct node *n)
{
	LLVMValueRef v;

	c->dst = NULL;
	v = cg_expr(c, n);
	return v ? v : cg_i64(c, 0);
}

static int elem_size(const struct type *t)
{
	if (t->kind == T_STR)
		return 1;
	return t->elem && t->elem->size > 0 ? t->elem->size : 1;
}

static LLVMValueRef place_addr(struct cg *c, struct node *n)
{
	const struct type *bt;
	LLVMValueRef base, i;

	switch (n->kind) {
	case N_UNOP:
		return value(c, n->un.e);
	case N_FIELD:
		bt = n->field.e->type;
		base = bt->kind == T_PTR ? value(c, n->field.e) : place_addr(c, n->field.e);
		return LLVMBuildAdd(c->b, base, cg_i64(c, n->field.field->offset), "");
	default:
		bt = n->index.e->type;
		base = bt->kind == T_PTR ? value(c, n->index.e) : place_addr(c, n->index.e);
		i = LLVMBuildMul(c->b, value(c, n->index.idx), cg_i64(c, elem_size(bt)), "");
		return LLVMBuildAdd(c->b, base, i, "");
	}
}

LLVMValueRef cg_ctype_addr(struct cg *c, struct node *n)
{
	return place_addr(c, n);
}

/*
 * A read that faults leaves 0 in dst and is counted for its place in the
 * script, at: -k reports it as it happens, -v at the end (NULL: no count).
 */
static void probe_read(struct cg *c, LLVMValueRef dst, int size, LLVMValueRef addr,
		       bool user, struct node *at)
{
	LLVMValueRef a[3], ret;

	a[0] = dst;
	a[1] = cg_i32(c, size);
	a[2] = LLVMBuildIntToPtr(c->b, addr, c->ptr, "");
	ret = cg_helper(c, user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel,
			c->i64, a, 3);
	if (at)
		cg_check_helper(c, ret, user ? "probe_read_user" : "probe_read_kernel", at);
}

/* Bytes a bitfield's load takes: the smallest power of two that holds it. */
static int bf_width(const struct field *f)
{
	int w = 1;

	while (w < 8 && f->bit_off + f->bits > 8 * w)
		w *= 2;
	return w;
}

static LLVMValueRef bitfield(struct cg *c, LLVMValueRef v, const struct field *f)
{
	int sh = 64 - f->bits;

	v = LLVMBuildShl(c->b, v, cg_i64(c, sh - f->bit_off), "");
	if (f->type->kind == T_INT && f->type->is_signed)
		return LLVMBuildAShr(c->b, v, cg_i64(c, sh), "");
	return LLVMBuildLShr(c->b, v, cg_i64(c, sh), "");
}

/* The integer or pointer of type t at addr; f: its field when a bitfield. */
static LLVMValueRef read_int_at(struct cg *c, LLVMValueRef addr, const struct type *t,
				const struct field *f, bool user, struct node *site)
{
	LLVMValueRef buf = cg_buf(c, 8);
	int size = t->size > 0 && t->size <= 8 ? t->size : 8;
	bool sign = t->kind == T_INT && t->is_signed;

	cg_store_int(c, buf, cg_i64(c, 0), 8);
	probe_read(c, buf, f && f->bits ? bf_width(f) : size, addr, user, site);
	if (f && f->bits)
		return bitfield(c, cg_load_int(c, buf, 8, false), f);
	return cg_load_int(c, buf, size, sign);
}

static const struct field *field_of(const struct node *n)
{
	return n->kind == N_FIELD ? n->field.field : NULL;
}

/* Read the place n: its value (ints, pointers) or a copy of its bytes. */
static LLVMValueRef read_place(struct cg *c, struct node *n)
{
	const struct type *t = n->type;
	LLVMValueRef dst = NULL, addr;
	bool user = place_user(n);

	if (in_mem(t))
		dst = cg_take_dst(c, t->size);
	addr = place_addr(c, n);
	if (!dst)
		return read_int_at(c, addr, t, field_of(n), user, n);
	probe_read(c, dst, t->size, addr, user, n);
	return dst;
}

/*
 * size bytes at base + off into an 8-aligned buffer, in loads as wide as
 * the alignment allows: stack access must be aligned ("misaligned stack
 * access"), and a struct inside a struct may sit at any multiple of 4.
 */
static LLVMValueRef copy_aligned(struct cg *c, LLVMValueRef base, int off, int size)
{
	LLVMValueRef dst;
	int i, w;

	if (off % 8 == 0)
		return cg_gep(c, base, off);
	dst = cg_buf(c, size);
	for (i = 0; i < size; i += w) {
		w = 8;
		while (w > 1 && (w > size - i || (off + i) % w))
			w /= 2;
		cg_store_int(c, cg_gep(c, dst, i),
			     cg_load_int(c, cg_gep(c, base, off + i), w, false), w);
	}
	return dst;
}

/* Field f of the struct value whose bytes are at base. */
static LLVMValueRef mem_field(struct cg *c, LLVMValueRef base, const struct field *f)
{
	LLVMValueRef p = cg_gep(c, base, f->offset);
	const struct type *t = f->type;
	int size = t->size > 0 && t->size <= 8 ? t->size : 8;

	if (in_mem(t))
		return copy_aligned(c, base, f->offset, t->size);
	/* bitfields and packed members: the helper copes with any alignment */
	if (f->bits || f->offset % size)
		return read_int_at(c, LLVMBuildPtrToInt(c->b, p, c->i64, ""), t, f, false, NULL);
	return cg_load_int(c, p, size, t->kind == T_INT && t->is_signed);
}

/* Element i of the array value at base; out of range reads 0. */
static LLVMValueRef mem_index(struct cg *c, struct node *n, LLVMValueRef base)
{
	const struct type *at = n->index.e->type, *t = n->type;
	int esz = elem_size(at), count = at->kind == T_STR ? at->size : at->count;
	LLVMValueRef i = value(c, n->index.idx), ok, addr, dst;

	if (n->index.idx->kind == N_INT && n->index.idx->num.v < (uint64_t)count) {
		LLVMValueRef p = cg_gep(c, base, (int)n->index.idx->num.v * esz);

		if (in_mem(t))
			return copy_aligned(c, base, (int)n->index.idx->num.v * esz, t->size);
		return cg_load_int(c, p, esz <= 8 ? esz : 8, t->kind == T_INT && t->is_signed);
	}
	ok = LLVMBuildICmp(c->b, LLVMIntULT, i, cg_i64(c, count), "");
	addr = LLVMBuildAdd(c->b, LLVMBuildPtrToInt(c->b, base, c->i64, ""),
			    LLVMBuildMul(c->b, i, cg_i64(c, esz), ""), "");
	addr = LLVMBuildSelect(c->b, ok, addr, cg_i64(c, 0), "");
	if (!in_mem(t))
		return read_int_at(c, addr, t, NULL, false, NULL);
	dst = cg_buf(c, t->size);
	probe_read(c, dst, t->size, addr, false, n);
	return dst;
}

bool cg_ctype_node(const struct node *n)
{
	const struct type *b;

	switch (n->kind) {
	case N_UNOP:
		return n->un.op == OP_DEREF;
	case N_FIELD:
		b = n->field.e->type;
		return b && n->field.field && (b->kind == T_PTR || b->kind == T_STRUCT);
	case N_INDEX:
		b = n->index.e->type;
		return b && (b->kind == T_PTR || b->kind == T_ARRAY || b->kind == T_STR);
	case N_CAST:
		return (n->type && in_mem(n->type)) ||
		       (n->cast.e->type && in_mem(n->cast.e->type));
	default:
		return false;
	}
}

/* (int8[4])x and (uint32)arr: the same bytes seen as the other type. */
static LLVMValueRef cast_bytes(struct cg *c, struct node *n)
{
	const struct type *to = n->type, *from = n->cast.e->type;
	LLVMValueRef dst, v;

	if (in_mem(to)) {
		dst = cg_take_dst(c, to->size);
		v = value(c, n->cast.e);
		cg_store_int(c, dst, v, to->size);
		return dst;
	}
	v = value(c, n->cast.e);
	(void)from;
	return cg_load_int(c, v, to->size, to->is_signed);
}

LLVMValueRef cg_ctype_expr(struct cg *c, struct node *n)
{
	LLVMValueRef dst = c->dst, base;

	if (n->kind == N_CAST)
		return cast_bytes(c, n);
	if (is_place(n))
		return read_place(c, n);
	/* a field or element of a value in memory ($var, map value, args) */
	c->dst = NULL;
	base = value(c, n->kind == N_FIELD ? n->field.e : n->index.e);
	(void)dst;
	if (n->kind == N_FIELD)
		return mem_field(c, base, n->field.field);
	return mem_index(c, n, base);
}

/* l == r (eq) or l != r for struct and array values: their bytes compared. */
LLVMValueRef cg_ctype_mem_eq(struct cg *c, struct node *n, bool eq)
{
	LLVMValueRef l, r, same;

	c->dst = NULL;
	l = cg_expr(c, n->bin.l);
	c->dst = NULL;
	r = cg_expr(c, n->bin.r);
	same = cg_same_bytes(c, l, r, n->bin.l->type->size);
	return LLVMBuildZExt(c->b, eq ? same : LLVMBuildNot(c->b, same, ""), c->i64, "");
}
