// SPDX-License-Identifier: GPL-2.0
/* Statements: assignments, $variables, if/else, while, unroll, return, break and continue. */
#include <stdlib.h>
#include <string.h>
#include "codegen/cg_internal.h"
#include "sema/builtins.h"

/* Zero a new variable in the entry block: the verifier rejects reads of uninitialised stack. */
/*
 * Zeroed at the start of the body, not in the entry block: a large variable
 * may live in the scratch map, whose pointer the entry block has not yet
 * checked for NULL.  Linux 6.1's verifier rejects that store ("invalid mem
 * access 'map_value_or_null'"); newer ones know a per-CPU array lookup with
 * a constant key never fails.
 */
static void init_var(struct cg *c, struct cg_var *v, bool mem)
{
	LLVMBasicBlockRef here = LLVMGetInsertBlock(c->b);
	LLVMValueRef first = LLVMGetFirstInstruction(c->body);

	if (first)
		LLVMPositionBuilderBefore(c->b, first);
	else
		LLVMPositionBuilderAtEnd(c->b, c->body);
	if (mem)
		cg_memset0(c, v->slot, v->size);
	else
		LLVMBuildStore(c->b, cg_i64(c, 0), v->slot);
	LLVMPositionBuilderAtEnd(c->b, here);
}

static struct cg_var *find_var(struct cg *c, struct node *n)
{
	const void *key = n->var.var ? (const void *)n->var.var : NULL;
	struct cg_var *v;
	int i;

	for (i = 0; i < c->nvars; i++) {
		v = &c->vars[i];
		if (key ? v->key == key : !strcmp(v->key, n->var.name))
			return v;
	}
	return NULL;
}

static struct cg_var *new_var(struct cg *c, struct node *n)
{
	struct cg_var *v;

	if (c->nvars == c->capvars) {
		int cap = c->capvars ? 2 * c->capvars : 16;
		struct cg_var *nv = realloc(c->vars, cap * sizeof(*nv));

		if (!nv)
			abort();
		c->vars = nv;
		c->capvars = cap;
	}
	v = &c->vars[c->nvars++];
	v->key = n->var.var ? (const void *)n->var.var : n->var.name;
	return v;
}

/*
 * A variable loop bodies share lives in the scratch map: the verifier
 * tracks constants on the stack, so `$i = 0; while (...) { $i++; }` would
 * be a new state in every round of the callback, never converging
 * ("BPF program is too large"); map memory it does not track.  It is zeroed
 * at the start of the body block, after the scratch pointer's NULL check.
 */
static void shared_var(struct cg *c, struct cg_var *v, bool mem)
{
	LLVMBasicBlockRef here = LLVMGetInsertBlock(c->b);
	LLVMValueRef first;

	cg_scratch_lookup(c);	/* in entry: made before moving the builder */
	first = LLVMGetFirstInstruction(c->body);
	if (first)
		LLVMPositionBuilderBefore(c->b, first);
	else
		LLVMPositionBuilderAtEnd(c->b, c->body);
	v->slot = cg_buf_scratch(c, v->size);
	if (mem)
		cg_memset0(c, v->slot, v->size);
	else
		LLVMBuildStore(c->b, cg_i64(c, 0), v->slot);
	LLVMPositionBuilderAtEnd(c->b, here);
}

struct cg_var *cg_var_get(struct cg *c, struct node *n)
{
	bool mem = cg_is_agg_type(n->type);
	struct cg_var *v = find_var(c, n);

	if (v)
		return v;
	v = new_var(c, n);
	v->size = mem ? n->type->size : 8;
	if (cg_loop_shared(c, n)) {
		shared_var(c, v, mem);
		return v;
	}
	v->slot = mem ? cg_buf_perm(c, v->size) : cg_alloca(c, c->i64, n->var.name);
	init_var(c, v, mem);
	return v;
}

void cg_var_bind(struct cg *c, struct node *n, LLVMValueRef slot, int size)
{
	struct cg_var *v = find_var(c, n);

	if (!v)
		v = new_var(c, n);
	v->slot = slot;
	v->size = size;
}

LLVMValueRef cg_var_slot(struct cg *c, struct node *n)
{
	return cg_var_get(c, n)->slot;
}

static int var_size(struct cg *c, struct node *n)
{
	const void *key = n->var.var ? (const void *)n->var.var : n->var.name;
	int i;

	for (i = 0; i < c->nvars; i++)
		if (c->vars[i].key == key)
			return c->vars[i].size;
	return n->type->size;
}

static void assign_var(struct cg *c, struct node *lhs, struct node *rhs)
{
	LLVMValueRef slot = cg_var_slot(c, lhs);

	if (cg_is_agg_type(lhs->type)) {
		cg_store_value(c, rhs, slot, var_size(c, lhs));
		return;
	}
	c->dst = NULL;
	LLVMBuildStore(c->b, cg_expr(c, rhs), slot);
}

/* lhs op= rhs: read, combine, write back. */
static void compound(struct cg *c, struct node *n)
{
	struct node *lhs = n->assign.lhs, *rhs = n->assign.rhs;
	struct node tmp = { .kind = N_BINOP, .loc = n->loc, .type = lhs->type };
	LLVMValueRef l, r, v;

	if (cg_is_agg_type(lhs->type) || cg_is_agg_type(rhs->type)) {
		cg_error(c, n, "'%s=' needs integers", op_name(n->assign.op));
		return;
	}
	tmp.bin.op = n->assign.op;
	tmp.bin.l = lhs;
	tmp.bin.r = rhs;
	l = cg_expr(c, lhs);
	r = cg_expr(c, rhs);
	v = cg_binop_values(c, &tmp, l, r);
	if (lhs->kind == N_VAR)
		LLVMBuildStore(c->b, v, cg_var_slot(c, lhs));
	else
		cg_map_write(c, lhs, lhs->type, v);
}

static void assign(struct cg *c, struct node *n)
{
	struct node *lhs = n->assign.lhs, *rhs = n->assign.rhs;

	if (lhs->kind != N_VAR && lhs->kind != N_MAP) {
		cg_error(c, n, "cannot assign to this expression");
		return;
	}
	if (n->assign.op != OP_NONE) {
		compound(c, n);
		return;
	}
	if (rhs->kind == N_CALL && rhs->call.b && rhs->call.b->kind == B_AGG) {
		if (lhs->kind != N_MAP)
			cg_error(c, n, "'%s' must be assigned to a map", rhs->call.name);
		else
			cg_agg_assign(c, lhs, rhs);
		return;
	}
	if (lhs->kind == N_VAR)
		assign_var(c, lhs, rhs);
	else
		cg_map_write_expr(c, lhs, rhs);
}

static void stmt(struct cg *c, struct node *n);

/* let $x = e; or let $x; which zeroes $x each time it runs (in a loop too). */
static void let_stmt(struct cg *c, struct node *n)
{
	struct node *v = n->let.var;
	LLVMValueRef slot;

	if (n->let.init) {
		assign_var(c, v, n->let.init);
		return;
	}
	if (!v->type || v->type->kind == T_NONE)
		return;
	slot = cg_var_slot(c, v);
	if (cg_is_agg_type(v->type))
		cg_memset0(c, slot, var_size(c, v));
	else
		LLVMBuildStore(c->b, cg_i64(c, 0), slot);
}

static void if_stmt(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef tb = cg_block(c, "if.then");
	LLVMBasicBlockRef eb = n->ifs.els ? cg_block(c, "if.else") : NULL;
	LLVMBasicBlockRef done = cg_block(c, "if.done");

	LLVMBuildCondBr(c->b, cg_cond(c, n->ifs.cond), tb, eb ? eb : done);
	c->cond_depth++;
	LLVMPositionBuilderAtEnd(c->b, tb);
	stmt(c, n->ifs.then);
	if (!cg_terminated(c))
		LLVMBuildBr(c->b, done);
	if (eb) {
		LLVMPositionBuilderAtEnd(c->b, eb);
		stmt(c, n->ifs.els);
		if (!cg_terminated(c))
			LLVMBuildBr(c->b, done);
	}
	c->cond_depth--;
	LLVMPositionBuilderAtEnd(c->b, done);
}

static bool push_loop(struct cg *c, struct node *n, LLVMBasicBlockRef brk,
		      LLVMBasicBlockRef cont)
{
	if (c->nloops == CG_MAX_LOOPS) {
		cg_error(c, n, "loops nested too deeply");
		return false;
	}
	c->loops[c->nloops].brk = brk;
	c->loops[c->nloops].cont = cont;
	c->nloops++;
	return true;
}

/* unroll(n): the body emitted n times; continue goes to the next copy. */
static void unroll_stmt(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef done = cg_block(c, "unroll.done");
	LLVMBasicBlockRef next;
	uint64_t i, count = 0;

	if (n->unroll.count && n->unroll.count->kind == N_INT)
		count = n->unroll.count->num.v;
	else
		cg_error(c, n, "unroll needs a constant count");
	c->cond_depth++;
	for (i = 0; i < count && !c->errors; i++) {
		next = cg_block(c, "unroll.next");
		if (!push_loop(c, n, done, next))
			break;
		stmt(c, n->unroll.body);
		c->nloops--;
		if (!cg_terminated(c))
			LLVMBuildBr(c->b, next);
		LLVMPositionBuilderAtEnd(c->b, next);
	}
	c->cond_depth--;
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

static void jump(struct cg *c, struct node *n)
{
	struct cg_loop *l;

	if (cg_loop_jump(c, n))
		return;
	if (!c->nloops) {
		cg_error(c, n, "'%s' outside a loop", n->kind == N_BREAK ? "break" : "continue");
		return;
	}
	l = &c->loops[c->nloops - 1];
	LLVMBuildBr(c->b, n->kind == N_BREAK ? l->brk : l->cont);
	cg_continue_dead(c);
}

static void stmt_kind(struct cg *c, struct node *n);

/* A statement's temporaries are free again once it is done. */
static void stmt(struct cg *c, struct node *n)
{
	int level = c->tmp_used;

	c->dst = NULL;
	stmt_kind(c, n);
	c->tmp_used = level;
}

static void stmt_kind(struct cg *c, struct node *n)
{
	switch (n->kind) {
	case N_EXPR:
		cg_expr(c, n->expr.e);
		break;
	case N_ASSIGN:
		assign(c, n);
		break;
	case N_IF:
		if_stmt(c, n);
		break;
	case N_WHILE:
		cg_while(c, n);
		break;
	case N_FOR:
		cg_for(c, n);
		break;
	case N_UNROLL:
		unroll_stmt(c, n);
		break;
	case N_RETURN:
		/* a test's verdict (sema allows a value nowhere else, nor in loops) */
		if (n->expr.e)
			LLVMBuildRet(c->b, LLVMBuildIntCast2(c->b, cg_expr(c, n->expr.e),
							     c->i32, 0, "verdict"));
		else
			cg_ret0(c);
		cg_continue_dead(c);
		break;
	case N_BREAK:
	case N_CONTINUE:
		jump(c, n);
		break;
	case N_BLOCK:
		cg_stmts(c, n->block.stmts);
		break;
	case N_LET:
		let_stmt(c, n);
		break;
	default:
		cg_error(c, n, "not a statement");
		break;
	}
}

void cg_stmts(struct cg *c, struct node *list)
{
	struct node *n;

	for (n = list; n && !c->errors; n = n->next)
		stmt(c, n);
}

void cg_stmt(struct cg *c, struct node *n)
{
	stmt(c, n);
}
