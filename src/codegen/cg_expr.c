// SPDX-License-Identifier: GPL-2.0
/*
 * Expressions.  Integers and pointers are i64 values, extended from their
 * storage size per their signedness; strings and tuples are pointers to
 * 8-aligned bytes in the type's layout.
 */
#include <stdlib.h>
#include <string.h>
#include "codegen/cg_internal.h"
#include "sema/builtins.h"

bool cg_is_agg_type(const struct type *t)
{
	return t && (t->kind == T_STR || t->kind == T_TUPLE || t->kind == T_RECORD ||
		     t->kind == T_STRUCT || t->kind == T_ARRAY);
}

static bool is_signed(const struct type *t)
{
	return t && t->kind == T_INT && t->is_signed;
}

static int type_size(const struct type *t)
{
	return t && t->size > 0 ? t->size : 8;
}

void cg_store_typed(struct cg *c, const struct type *t, LLVMValueRef v,
		    LLVMValueRef dst, int size)
{
	int n;

	if (!cg_is_agg_type(t)) {
		cg_store_int(c, dst, v, size >= 8 ? 8 : size);
		return;
	}
	n = t->size < size ? t->size : size;
	if (v != dst)
		cg_memcpy(c, dst, v, n);
	if (n < size)
		cg_zero_range(c, dst, n, size);
}

/*
 * Producers of strings and tuples write straight into dst when it is offered
 * (c->dst): comm, str() and literals then need no copy.
 */
void cg_store_value(struct cg *c, struct node *n, LLVMValueRef dst, int size)
{
	LLVMValueRef v;

	if (cg_is_agg_type(n->type) && n->type->size <= size)
		c->dst = dst;
	else
		c->dst = NULL;
	v = cg_expr(c, n);
	c->dst = NULL;
	if (v)
		cg_store_typed(c, n->type, v, dst, size);
}

static LLVMValueRef bool64(struct cg *c, LLVMValueRef b)
{
	return LLVMBuildZExt(c->b, b, c->i64, "");
}

LLVMValueRef cg_cond(struct cg *c, struct node *n)
{
	LLVMValueRef v = cg_expr(c, n);

	if (!v || cg_is_agg_type(n->type)) {
		cg_error(c, n, "condition must be an integer");
		return LLVMConstInt(c->i1, 0, 0);
	}
	return LLVMBuildICmp(c->b, LLVMIntNE, v, cg_i64(c, 0), "");
}

/* && and ||: the right side runs only when the left does not decide. */
static LLVMValueRef logical(struct cg *c, struct node *n)
{
	bool land = n->bin.op == OP_LAND;
	LLVMBasicBlockRef rhs = cg_block(c, land ? "and.rhs" : "or.rhs");
	LLVMBasicBlockRef done = cg_block(c, land ? "and.done" : "or.done");
	LLVMBasicBlockRef from[2];
	LLVMValueRef l, r, inc[2], phi;

	l = cg_cond(c, n->bin.l);
	from[0] = LLVMGetInsertBlock(c->b);
	if (land)
		LLVMBuildCondBr(c->b, l, rhs, done);
	else
		LLVMBuildCondBr(c->b, l, done, rhs);
	LLVMPositionBuilderAtEnd(c->b, rhs);
	c->cond_depth++;
	r = bool64(c, cg_cond(c, n->bin.r));
	c->cond_depth--;
	from[1] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	phi = LLVMBuildPhi(c->b, c->i64, "");
	inc[0] = cg_i64(c, land ? 0 : 1);
	inc[1] = r;
	LLVMAddIncoming(phi, inc, from, 2);
	return phi;
}

static LLVMValueRef negate_if(struct cg *c, LLVMValueRef cond, LLVMValueRef v)
{
	return LLVMBuildSelect(c->b, cond, LLVMBuildNeg(c->b, v, ""), v, "");
}

/*
 * Division and modulo.  x / 0 is 0 (as in bpftrace), never UB.  Signed
 * operands divide their magnitudes: BPF has no signed division before
 * cpu v4 (LLVM: "unsupported signed division").
 */
static LLVMValueRef divmod(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r)
{
	bool mod = n->bin.op == OP_MOD;
	bool sign = is_signed(n->type);
	LLVMValueRef zero = LLVMBuildICmp(c->b, LLVMIntEQ, r, cg_i64(c, 0), "");
	LLVMValueRef d = LLVMBuildSelect(c->b, zero, cg_i64(c, 1), r, "");
	LLVMValueRef nl = NULL, nr = NULL, q;

	if (sign) {
		nl = LLVMBuildICmp(c->b, LLVMIntSLT, l, cg_i64(c, 0), "");
		nr = LLVMBuildICmp(c->b, LLVMIntSLT, d, cg_i64(c, 0), "");
		l = negate_if(c, nl, l);
		d = negate_if(c, nr, d);
	}
	q = mod ? LLVMBuildURem(c->b, l, d, "") : LLVMBuildUDiv(c->b, l, d, "");
	if (sign)
		q = negate_if(c, mod ? nl : LLVMBuildXor(c->b, nl, nr, ""), q);
	return LLVMBuildSelect(c->b, zero, cg_i64(c, 0), q, "");
}

static LLVMValueRef compare(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r)
{
	bool s = is_signed(n->bin.l->type) && is_signed(n->bin.r->type);
	LLVMIntPredicate p;

	switch (n->bin.op) {
	case OP_EQ: p = LLVMIntEQ; break;
	case OP_NE: p = LLVMIntNE; break;
	case OP_LT: p = s ? LLVMIntSLT : LLVMIntULT; break;
	case OP_LE: p = s ? LLVMIntSLE : LLVMIntULE; break;
	case OP_GT: p = s ? LLVMIntSGT : LLVMIntUGT; break;
	default: p = s ? LLVMIntSGE : LLVMIntUGE; break;
	}
	return bool64(c, LLVMBuildICmp(c->b, p, l, r, ""));
}

/* Shift counts are masked as the BPF ISA does; LLVM would make >= 64 poison. */
static LLVMValueRef shift(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r)
{
	r = LLVMBuildAnd(c->b, r, cg_i64(c, 63), "");
	if (n->bin.op == OP_SHL)
		return LLVMBuildShl(c->b, l, r, "");
	if (is_signed(n->bin.l->type))
		return LLVMBuildAShr(c->b, l, r, "");
	return LLVMBuildLShr(c->b, l, r, "");
}

/* Bytes of what pointer type t points to, or 0 (void *: byte arithmetic). */
static int elem_bytes(const struct type *t)
{
	if (!t || t->kind != T_PTR || !t->elem || t->elem->kind == T_NONE || t->elem->size <= 1)
		return 0;
	return t->elem->size;
}

/*
 * ptr + n and n + ptr move by n elements, ptr - n back, as in C; ptr - ptr
 * counts elements (sema typed it int64).
 */
static LLVMValueRef ptr_arith(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r)
{
	int ls = elem_bytes(n->bin.l->type), rs = elem_bytes(n->bin.r->type);
	bool lp = n->bin.l->type && n->bin.l->type->kind == T_PTR;
	bool rp = n->bin.r->type && n->bin.r->type->kind == T_PTR;
	LLVMValueRef v;

	if (n->bin.op == OP_SUB && lp && rp) {
		v = LLVMBuildSub(c->b, l, r, "");
		return ls ? LLVMBuildSDiv(c->b, v, cg_i64(c, ls), "") : v;
	}
	if (lp && !rp && ls)
		r = LLVMBuildMul(c->b, r, cg_i64(c, ls), "");
	if (rp && !lp && rs && n->bin.op == OP_ADD)
		l = LLVMBuildMul(c->b, l, cg_i64(c, rs), "");
	if (n->bin.op == OP_ADD)
		return LLVMBuildAdd(c->b, l, r, "");
	return LLVMBuildSub(c->b, l, r, "");
}

LLVMValueRef cg_binop_values(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r)
{
	LLVMValueRef v;

	switch (n->bin.op) {
	case OP_ADD:
	case OP_SUB: v = ptr_arith(c, n, l, r); break;
	case OP_MUL: v = LLVMBuildMul(c->b, l, r, ""); break;
	case OP_DIV:
	case OP_MOD: v = divmod(c, n, l, r); break;
	case OP_BAND: v = LLVMBuildAnd(c->b, l, r, ""); break;
	case OP_BOR: v = LLVMBuildOr(c->b, l, r, ""); break;
	case OP_BXOR: v = LLVMBuildXor(c->b, l, r, ""); break;
	case OP_SHL:
	case OP_SHR: v = shift(c, n, l, r); break;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return compare(c, n, l, r);
	default:
		cg_error(c, n, "operator '%s' is not supported here", op_name(n->bin.op));
		return cg_i64(c, 0);
	}
	if (n->type && n->type->is_bool)
		return LLVMBuildZExt(c->b, LLVMBuildICmp(c->b, LLVMIntNE, v,
				     LLVMConstNull(LLVMTypeOf(v)), ""), c->i64, "");
	if (n->type && n->type->kind == T_INT)
		v = cg_normalize(c, v, n->type->size, n->type->is_signed);
	return v;
}

static LLVMValueRef binop(struct cg *c, struct node *n)
{
	LLVMValueRef l, r;

	if (n->bin.op == OP_LAND || n->bin.op == OP_LOR)
		return logical(c, n);
	if ((n->bin.op == OP_EQ || n->bin.op == OP_NE) &&
	    n->bin.l->type && n->bin.l->type->kind == T_STR)
		return cg_str_cmp(c, n->bin.l, n->bin.r, n->bin.op == OP_EQ);
	if ((n->bin.op == OP_EQ || n->bin.op == OP_NE) && n->bin.l->type &&
	    (n->bin.l->type->kind == T_STRUCT || n->bin.l->type->kind == T_ARRAY))
		return cg_ctype_mem_eq(c, n, n->bin.op == OP_EQ);
	if ((n->bin.op == OP_EQ || n->bin.op == OP_NE) && n->bin.l->type &&
	    n->bin.l->type->kind == T_TUPLE)
		return cg_tuple_cmp(c, n, n->bin.op == OP_EQ);
	l = cg_expr(c, n->bin.l);
	r = cg_expr(c, n->bin.r);
	if (!l || !r || cg_is_agg_type(n->bin.l->type) || cg_is_agg_type(n->bin.r->type)) {
		cg_error(c, n, "operator '%s' needs integer operands", op_name(n->bin.op));
		return cg_i64(c, 0);
	}
	return cg_binop_values(c, n, l, r);
}

/* ++ and -- on a $variable or a map element. */
static LLVMValueRef incdec(struct cg *c, struct node *n)
{
	struct node *e = n->un.e;
	bool inc = n->un.op == OP_PREINC || n->un.op == OP_POSTINC;
	bool post = n->un.op == OP_POSTINC || n->un.op == OP_POSTDEC;
	LLVMValueRef old, nv;

	if (e->kind != N_VAR && e->kind != N_MAP) {
		cg_error(c, n, "'%s' needs a variable or a map element", op_name(n->un.op));
		return cg_i64(c, 0);
	}
	if (e->kind == N_MAP &&
	    (nv = cg_map_incdec(c, e, inc, type_size(e->type), is_signed(e->type), &old)))
		return post ? old : nv;
	old = cg_expr(c, e);
	nv = inc ? LLVMBuildAdd(c->b, old, cg_i64(c, 1), "") :
		   LLVMBuildSub(c->b, old, cg_i64(c, 1), "");
	nv = cg_normalize(c, nv, type_size(e->type), is_signed(e->type));
	if (e->kind == N_VAR)
		LLVMBuildStore(c->b, nv, cg_var_slot(c, e));
	else
		cg_map_write(c, e, e->type, nv);
	return post ? old : nv;
}

static LLVMValueRef unop(struct cg *c, struct node *n)
{
	LLVMValueRef v;

	switch (n->un.op) {
	case OP_PREINC: case OP_PREDEC: case OP_POSTINC: case OP_POSTDEC:
		return incdec(c, n);
	case OP_DEREF:
		return cg_ctype_expr(c, n);
	default:
		break;
	}
	v = cg_expr(c, n->un.e);
	if (!v || cg_is_agg_type(n->un.e->type)) {
		cg_error(c, n, "operator '%s' needs an integer operand", op_name(n->un.op));
		return cg_i64(c, 0);
	}
	switch (n->un.op) {
	case OP_NEG: v = LLVMBuildNeg(c->b, v, ""); break;
	case OP_NOT: return bool64(c, LLVMBuildICmp(c->b, LLVMIntEQ, v, cg_i64(c, 0), ""));
	case OP_BNOT: v = LLVMBuildNot(c->b, v, ""); break;
	default:
		cg_error(c, n, "operator '%s' is not supported", op_name(n->un.op));
		return cg_i64(c, 0);
	}
	if (n->type && n->type->kind == T_INT)
		v = cg_normalize(c, v, n->type->size, n->type->is_signed);
	return v;
}

static LLVMValueRef ternary(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef tb = cg_block(c, "tern.t"), fb = cg_block(c, "tern.f");
	LLVMBasicBlockRef done = cg_block(c, "tern.done");
	LLVMBasicBlockRef from[2];
	LLVMValueRef dst = NULL, v[2], phi;
	bool mem = cg_is_agg_type(n->type);

	if (mem)
		dst = cg_take_dst(c, n->type->size);
	LLVMBuildCondBr(c->b, cg_cond(c, n->tern.c), tb, fb);
	c->cond_depth++;
	LLVMPositionBuilderAtEnd(c->b, tb);
	if (mem)
		cg_store_value(c, n->tern.t, dst, n->type->size);
	else
		v[0] = cg_expr(c, n->tern.t);
	from[0] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, fb);
	if (mem)
		cg_store_value(c, n->tern.f, dst, n->type->size);
	else
		v[1] = cg_expr(c, n->tern.f);
	from[1] = LLVMGetInsertBlock(c->b);
	c->cond_depth--;
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	if (mem)
		return dst;
	if (!v[0] || !v[1])
		return NULL;
	phi = LLVMBuildPhi(c->b, c->i64, "");
	LLVMAddIncoming(phi, v, from, 2);
	return phi;
}

/* Read field f of the bytes at base. */
static LLVMValueRef read_field(struct cg *c, LLVMValueRef base, const struct field *f)
{
	LLVMValueRef p = cg_gep(c, base, f->offset);

	if (cg_is_agg_type(f->type))
		return p;
	return cg_load_int(c, p, type_size(f->type), is_signed(f->type));
}

static const struct field *tuple_field(struct node *n, const struct type *t)
{
	const struct field *f = n->field.field;
	int i;

	if (f && f >= t->fields && f < t->fields + t->nfields)
		return f;
	for (i = 0; t->named && i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, n->field.name))
			return &t->fields[i];
	if (t->named)
		return NULL;
	i = atoi(n->field.name);
	return i >= 0 && i < t->nfields ? &t->fields[i] : NULL;
}

static LLVMValueRef field(struct cg *c, struct node *n)
{
	struct node *e = n->field.e;
	const struct field *f;
	LLVMValueRef base;

	if (e->kind == N_IDENT && e->ident.b && e->ident.b->kind == B_CTX)
		return cg_ctx_node(c, n, e->ident.b->name, 0, n->field.field);
	if (!e->type || e->type->kind != T_TUPLE) {
		cg_error(c, n, "cannot read field '%s' here", n->field.name);
		return cg_i64(c, 0);
	}
	c->dst = NULL;
	base = cg_expr(c, e);
	f = tuple_field(n, e->type);
	if (!base || !f) {
		cg_error(c, n, "no field '%s'", n->field.name);
		return cg_i64(c, 0);
	}
	return read_field(c, base, f);
}

/* s[i] with a constant i: one byte of a string. */
static LLVMValueRef index_expr(struct cg *c, struct node *n)
{
	struct node *e = n->index.e;
	LLVMValueRef base;
	uint64_t i;

	if (!e->type || e->type->kind != T_STR || n->index.idx->kind != N_INT) {
		cg_error(c, n, "only strings can be indexed, by a constant");
		return cg_i64(c, 0);
	}
	i = n->index.idx->num.v;
	c->dst = NULL;
	base = cg_expr(c, e);
	if (i >= (uint64_t)e->type->size)
		return cg_i64(c, 0);
	return cg_load_int(c, cg_gep(c, base, (int)i), 1, false);
}

static LLVMValueRef cast(struct cg *c, struct node *n)
{
	LLVMValueRef v;

	c->dst = NULL;
	v = cg_expr(c, n->cast.e);
	/* (bool)"str": not empty */
	if (v && n->type && n->type->is_bool && n->cast.e->type->kind == T_STR)
		v = cg_load_int(c, v, 1, false);
	else if (!v || cg_is_agg_type(n->cast.e->type) || cg_is_agg_type(n->type)) {
		cg_error(c, n, "cannot cast '%s' here", n->cast.to.name);
		return cg_i64(c, 0);
	}
	if (n->type && n->type->kind == T_INT)
		v = cg_normalize(c, v, n->type->size, n->type->is_signed);
	return v;
}

static LLVMValueRef tuple(struct cg *c, struct node *n)
{
	const struct type *t = n->type;
	LLVMValueRef dst = cg_take_dst(c, t->size);
	struct node *e;
	int i, end;

	for (i = 0, e = n->tuple.elems; e && i < t->nfields; i++, e = e->next) {
		end = i + 1 < t->nfields ? t->fields[i + 1].offset : t->size;
		cg_store_value(c, e, cg_gep(c, dst, t->fields[i].offset),
			       end - t->fields[i].offset);
	}
	return dst;
}

static LLVMValueRef str_lit(struct cg *c, struct node *n)
{
	int size = type_size(n->type);
	LLVMValueRef dst = cg_take_dst(c, size);

	cg_store_const_str(c, dst, n->str.s, n->str.len < size ? n->str.len : size - 1, size);
	return dst;
}

/* $1 ... $N: integers or strings per the type sema gave them; missing is 0 or "". */
static LLVMValueRef posparam(struct cg *c, struct node *n)
{
	int i = n->pos.n - 1;
	const char *s = i >= 0 && i < c->p->nparams ? c->p->params[i] : NULL;
	LLVMValueRef dst;
	int size, len;

	if (!cg_is_agg_type(n->type)) {
		c->dst = NULL;
		return cg_i64(c, s ? (uint64_t)strtoll(s, NULL, 0) : 0);
	}
	size = n->type->size;
	dst = cg_take_dst(c, size);
	len = s ? (int)strlen(s) : 0;
	cg_store_const_str(c, dst, s ? s : "", len < size ? len : size - 1, size);
	return dst;
}

static LLVMValueRef ident(struct cg *c, struct node *n)
{
	const struct builtin *b = n->ident.b;

	if (!b) {
		cg_error(c, n, "unknown identifier '%s'", n->ident.name);
		return cg_i64(c, 0);
	}
	if (!cg_is_agg_type(n->type))
		c->dst = NULL;
	if (b->kind == B_CTX)
		return cg_ctx_node(c, n, b->name,
				   b->numbered ? builtin_number(n->ident.name) : 0, NULL);
	return b->cg(c, n);
}

static LLVMValueRef call(struct cg *c, struct node *n)
{
	const struct builtin *b = n->call.b;

	if (!b || !b->cg || b->kind == B_AGG) {
		cg_error(c, n, b && b->kind == B_AGG ?
			 "'%s' must be assigned to a map" : "'%s' cannot be used here",
			 n->call.name);
		return NULL;
	}
	if (!cg_is_agg_type(n->type))
		c->dst = NULL;
	return b->cg(c, n);
}

static LLVMValueRef var(struct cg *c, struct node *n)
{
	LLVMValueRef slot = cg_var_slot(c, n);

	c->dst = NULL;
	if (cg_is_agg_type(n->type))
		return slot;
	return LLVMBuildLoad2(c->b, c->i64, slot, "");
}

/* A macro's expansion: its statements, then its value (NULL: none). */
static LLVMValueRef block_expr(struct cg *c, struct node *n)
{
	LLVMValueRef dst = c->dst;

	cg_stmts(c, n->bexpr.stmts);
	if (!n->bexpr.value)
		return NULL;
	c->dst = dst;
	return cg_expr(c, n->bexpr.value);
}

LLVMValueRef cg_expr(struct cg *c, struct node *n)
{
	switch (n->kind) {
	case N_INT:
		c->dst = NULL;
		return cg_i64(c, n->num.v);
	case N_STR:
		return str_lit(c, n);
	case N_IDENT:
		return ident(c, n);
	case N_VAR:
		return var(c, n);
	case N_POSPARAM:
		return posparam(c, n);
	case N_POSCOUNT:
		c->dst = NULL;
		return cg_i64(c, c->p->nparams);
	case N_MAP:
		if (!cg_is_agg_type(n->type))
			c->dst = NULL;
		return cg_map_read(c, n);
	case N_CALL:
		return call(c, n);
	case N_BINOP:
		c->dst = NULL;
		return binop(c, n);
	case N_UNOP:
		c->dst = NULL;
		return unop(c, n);
	case N_TERNARY:
		if (!cg_is_agg_type(n->type))
			c->dst = NULL;
		return ternary(c, n);
	case N_FIELD:
	case N_INDEX:
	case N_CAST:
		if (cg_ctype_node(n))
			return cg_ctype_expr(c, n);
		if (n->kind == N_FIELD)
			return field(c, n);
		return n->kind == N_INDEX ? index_expr(c, n) : cast(c, n);
	case N_TUPLE:
		return tuple(c, n);
	case N_BLOCKEXPR:
		return block_expr(c, n);
	default:
		cg_error(c, n, "not an expression");
		return NULL;
	}
}
