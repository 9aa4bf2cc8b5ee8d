// SPDX-License-Identifier: GPL-2.0
/*
 * Loops whose trip count the verifier cannot see are callbacks: the body of
 * `for ($kv : @map)` runs under bpf_for_each_map_elem (Linux 5.13), those of
 * `for ($i : lo..hi)` and `while (cond)` under bpf_loop (5.17).  Inline, a
 * loop bounded by a map value or an argument is rejected ("The sequence of
 * 8193 jumps is too complex").  A callback is a static function in .text,
 * which libbpf links into each program that uses it; the body reaches the
 * probe's $variables and context through pointers in a loop context on the
 * caller's stack.
 *
 * Kernels without bpf_loop (cg_kfeat.c decides) get ranges and while loops
 * inline, as plain branches: the verifier then walks every round (bounded
 * loops, Linux 5.3), which it can for constant bounds and $variables with a
 * constant limit; where it cannot, its rejection comes with a note naming
 * bpf_loop (runtime/load.c).  Loops over maps have no such fallback: the
 * BPF side cannot walk a map without bpf_for_each_map_elem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen/cg_internal.h"

/* The loop context: u64 slots on the caller's stack. */
enum {
	LC_PROBE,	/* the probe's context pointer */
	LC_STOP,	/* set by `return` and exit() in the body: the probe ends */
	LC_BASE,	/* for ranges: lo */
	LC_VARS,	/* then one pointer per $variable of the probe the body uses */
};


/* The probe's $variables a loop body uses; its loops' own variables excluded. */
struct outer {
	struct node **vars;
	int n, cap;
	struct node **own;
	int nown, capown;
};

static bool same_var(const struct node *a, const struct node *b)
{
	if (a->var.var || b->var.var)
		return a->var.var == b->var.var;
	return !strcmp(a->var.name, b->var.name);
}

static void push(struct node ***v, int *n, int *cap, struct node *x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*v = realloc(*v, *cap * sizeof(**v));
		if (!*v)
			abort();
	}
	(*v)[(*n)++] = x;
}

static void collect(struct node *n, void *arg)
{
	struct outer *o = arg;
	int i;

	if (n->kind == N_FOR)
		push(&o->own, &o->nown, &o->capown, n->forl.var);
	if (n->kind != N_VAR) {
		ast_children(n, collect, o);
		return;
	}
	for (i = 0; i < o->nown; i++)
		if (same_var(o->own[i], n))
			return;
	for (i = 0; i < o->n; i++)
		if (same_var(o->vars[i], n))
			return;
	push(&o->vars, &o->n, &o->cap, n);
}

static void find_loops(struct node *n, void *arg)
{
	struct cg *c = arg;
	struct outer o;
	int i, j;

	if (n->kind == N_WHILE || n->kind == N_FOR) {
		memset(&o, 0, sizeof(o));
		ast_children(n, collect, &o);
		for (i = 0; i < o.n; i++) {
			for (j = 0; j < c->nloopvars; j++)
				if (same_var(c->loopvars[j], o.vars[i]))
					break;
			if (j == c->nloopvars)
				push(&c->loopvars, &c->nloopvars, &c->caploopvars, o.vars[i]);
		}
		free(o.vars);
		free(o.own);
	}
	ast_children(n, find_loops, c);
}

void cg_loop_vars(struct cg *c, struct node *body)
{
	c->nloopvars = 0;
	if (body)
		find_loops(body, c);
}

bool cg_loop_shared(struct cg *c, struct node *var)
{
	int i;

	for (i = 0; i < c->nloopvars; i++)
		if (same_var(c->loopvars[i], var))
			return true;
	return false;
}

/* A loop's own variable (NULL: none), then what its parts use. */
static void outer_of(struct outer *o, struct node *own, struct node *a, struct node *b)
{
	memset(o, 0, sizeof(*o));
	if (own)
		push(&o->own, &o->nown, &o->capown, own);
	if (a)
		collect(a, o);
	if (b)
		collect(b, o);
}

static LLVMValueRef slot_ptr(struct cg *c, LLVMValueRef ctx, int i)
{
	return cg_gep(c, ctx, 8 * i);
}

/*
 * llvm.lifetime.start/end of a loop context: the contexts of loops one
 * after the other share their stack slots.  6.1's verifier counts each
 * bpf_loop callback's frame in the combined stack (512 bytes): seven nested
 * loops fit there only if the probe's own frame reuses these slots.
 */
static void ctx_lifetime(struct cg *c, LLVMValueRef ctx, const struct outer *o, bool start)
{
	const char *name = start ? "llvm.lifetime.start" : "llvm.lifetime.end";
	unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->mod, id, &c->ptr, 1);
	LLVMValueRef a[2] = { cg_i64(c, 8 * (LC_VARS + o->n)), ctx };

	LLVMBuildCall2(c->b, LLVMGlobalGetValueType(fn), fn, a, 2, "");
}

/* The caller's half: the loop context, filled. */
static LLVMValueRef loop_ctx(struct cg *c, struct outer *o, LLVMValueRef base)
{
	LLVMValueRef ctx = cg_alloca(c, LLVMArrayType(c->i64, LC_VARS + o->n), "loopctx");
	int i;

	c->stack_used += 8 * (LC_VARS + o->n);
	ctx_lifetime(c, ctx, o, true);
	LLVMBuildStore(c->b, c->ctxarg, slot_ptr(c, ctx, LC_PROBE));
	LLVMBuildStore(c->b, cg_i64(c, 0), slot_ptr(c, ctx, LC_STOP));
	LLVMBuildStore(c->b, base ? base : cg_i64(c, 0), slot_ptr(c, ctx, LC_BASE));
	for (i = 0; i < o->n; i++)
		LLVMBuildStore(c->b, cg_var_slot(c, o->vars[i]), slot_ptr(c, ctx, LC_VARS + i));
	return ctx;
}

/* The caller, after the loop helper: a `return` in the body ends the probe. */
static void after_loop(struct cg *c, LLVMValueRef ctx, const struct outer *o)
{
	LLVMBasicBlockRef stop = cg_block(c, "loop.stop"), go = cg_block(c, "loop.next");
	LLVMValueRef v = cg_load_int(c, slot_ptr(c, ctx, LC_STOP), 8, false);

	ctx_lifetime(c, ctx, o, false);

	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, v, cg_i64(c, 0), ""), stop, go);
	LLVMPositionBuilderAtEnd(c->b, stop);
	cg_ret0(c);
	LLVMPositionBuilderAtEnd(c->b, go);
	c->ncached = 0;		/* the body may have written any map */
}

/* A callback being built, and the caller's state to return to. */
struct cb {
	struct cg saved;
	LLVMBasicBlockRef here, body;
	LLVMValueRef fn, ctx;
};

/*
 * Start callback `kind` with parameters params (all i64 or pointers); the
 * loop context is parameter ctx_param.  The body's $variables are the
 * caller's, through the context's pointers.
 */
static void cb_begin(struct cg *c, struct cb *cb, const char *kind, LLVMTypeRef *params,
		     int np, int ctx_param, struct outer *o)
{
	LLVMTypeRef fty = LLVMFunctionType(c->i64, params, np, 0);
	struct cg_var *outer_vars = c->vars;
	int i, nouter = c->nvars;
	char name[32];

	c->uses_cb = true;
	cb->here = LLVMGetInsertBlock(c->b);
	cb->saved = *c;
	snprintf(name, sizeof(name), "qt_%s%d", kind, c->ncallbacks++);
	cb->fn = LLVMAddFunction(c->mod, name, fty);
	LLVMSetLinkage(cb->fn, LLVMInternalLinkage);
	LLVMSetSection(cb->fn, ".text");
	cg_fn_attr(c, cb->fn, "nounwind");
	cg_fn_debug(c, cb->fn, name, np, true);
	c->fn = cb->fn;
	c->entry = cg_block(c, "entry");
	cb->body = cg_block(c, "body");
	c->body = cb->body;
	c->scratch_ptr = NULL;
	c->tmp_base = NULL;
	c->tmp_used = c->tmp_max = 0;
	c->vars = NULL;
	c->nvars = c->capvars = 0;
	c->dst = NULL;
	c->ncached = 0;
	c->cond_depth = 0;
	cb->ctx = LLVMGetParam(cb->fn, ctx_param);
	LLVMPositionBuilderAtEnd(c->b, c->entry);
	c->ctxarg = LLVMBuildLoad2(c->b, c->ptr, slot_ptr(c, cb->ctx, LC_PROBE), "probectx");
	c->cb_stop = slot_ptr(c, cb->ctx, LC_STOP);
	for (i = 0; i < o->n; i++) {
		struct node *v = o->vars[i];
		const void *key = v->var.var ? (const void *)v->var.var : v->var.name;
		int j, size = 8;

		for (j = 0; j < nouter; j++)
			if (outer_vars[j].key == key)
				size = outer_vars[j].size;
		cg_var_bind(c, v, LLVMBuildLoad2(c->b, c->ptr,
				slot_ptr(c, cb->ctx, LC_VARS + i), ""), size);
	}
	LLVMPositionBuilderAtEnd(c->b, cb->body);
	c->loops[0].brk = c->loops[0].cont = NULL;	/* break/continue: return 1/0 */
	c->nloops = 1;
}

/* Finish the callback (falling off the body continues the loop); back to the caller. */
static LLVMValueRef cb_end(struct cg *c, struct cb *cb)
{
	struct cg in;

	if (!cg_terminated(c))
		LLVMBuildRet(c->b, cg_i64(c, 0));
	cg_fn_finish(c, cb->body);
	in = *c;
	free(c->vars);
	*c = cb->saved;
	/* module-wide state, and the budgets the callback shares with its caller */
	c->stack_used = in.stack_used;
	c->scratch_used = in.scratch_used;
	c->scratch = in.scratch;
	c->run = in.run;
	c->errors = in.errors;
	c->ncallbacks = in.ncallbacks;
	c->full_scanned = in.full_scanned;
	c->shrinks = in.shrinks;
	c->full_flags = in.full_flags;
	LLVMPositionBuilderAtEnd(c->b, cb->here);
	return cb->fn;
}

bool cg_loop_jump(struct cg *c, struct node *n)
{
	struct cg_loop *l;

	if (!c->nloops)
		return false;
	l = &c->loops[c->nloops - 1];
	if (l->brk)
		return false;
	LLVMBuildRet(c->b, cg_i64(c, n->kind == N_BREAK ? 1 : 0));
	cg_continue_dead(c);
	return true;
}

static LLVMValueRef call_loop(struct cg *c, LLVMValueRef count, LLVMValueRef fn,
			      LLVMValueRef ctx)
{
	LLVMValueRef a[4] = { count, fn, ctx, cg_i64(c, 0) };

	return cg_helper(c, BPF_FUNC_loop, c->i64, a, 4);
}

/* An inline loop's break and continue targets; false: nested too deeply. */
static bool push_inline(struct cg *c, struct node *n, LLVMBasicBlockRef brk,
			LLVMBasicBlockRef cont)
{
	if (c->nloops == CG_MAX_LOOPS) {
		cg_error(c, n, "loops nested too deeply");
		return false;
	}
	c->loops[c->nloops].brk = brk;
	c->loops[c->nloops].cont = cont;
	c->nloops++;
	kfeat_note_inline();
	return true;
}

/* Without bpf_loop: head: if (!cond) goto end; body; goto head. */
static void inline_while(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef head = cg_block(c, "iwhile.head"), body = cg_block(c, "iwhile.body");
	LLVMBasicBlockRef done = cg_block(c, "iwhile.end");

	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, head);
	c->ncached = 0;		/* the body may have written any map */
	c->cond_depth++;
	LLVMBuildCondBr(c->b, cg_cond(c, n->loop.cond), body, done);
	LLVMPositionBuilderAtEnd(c->b, body);
	if (push_inline(c, n, done, head)) {
		cg_stmt(c, n->loop.body);
		c->nloops--;
	}
	if (!cg_terminated(c))
		LLVMBuildBr(c->b, head);
	c->cond_depth--;
	LLVMPositionBuilderAtEnd(c->b, done);
	c->ncached = 0;
}

/*
 * Without bpf_loop, constant bounds: the body once per round, $i a
 * constant in each copy, so LLVM folds what depends on it (the verifier
 * would walk every round of an inline loop anyway, and give up on a body
 * that branches on $i: `if ($i % 100)` over 1000 rounds).  The
 * instruction budget (cg_budget.c) still bounds the copies.
 */
static void unrolled_range(struct cg *c, struct node *n, int64_t lo, int64_t hi)
{
	LLVMBasicBlockRef done = cg_block(c, "urange.end"), next;
	int64_t k;

	c->cond_depth++;
	for (k = lo; k < hi && !c->errors; k++) {
		next = cg_block(c, "urange.next");
		LLVMBuildStore(c->b, cg_i64(c, (uint64_t)k), cg_var_slot(c, n->forl.var));
		if (!push_inline(c, n, done, next))
			break;
		cg_stmt(c, n->forl.body);
		c->nloops--;
		if (!cg_terminated(c))
			LLVMBuildBr(c->b, next);
		LLVMPositionBuilderAtEnd(c->b, next);
		c->ncached = 0;
	}
	c->cond_depth--;
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	c->ncached = 0;
}

/* Constant ranges of at most this many rounds are unrolled without bpf_loop. */
#define QT_UNROLL_RANGE 1024

/* Without bpf_loop: $i = lo; while ($i < hi) { body; $i++ } on a counter of its own. */
static void inline_range(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef head, body, next, done;
	LLVMValueRef lo, hi, i, v;

	lo = cg_expr(c, n->forl.lo);
	hi = cg_expr(c, n->forl.hi);
	if (LLVMIsAConstantInt(lo) && LLVMIsAConstantInt(hi) &&
	    LLVMConstIntGetSExtValue(hi) - LLVMConstIntGetSExtValue(lo) <= QT_UNROLL_RANGE) {
		kfeat_note_inline();
		unrolled_range(c, n, LLVMConstIntGetSExtValue(lo), LLVMConstIntGetSExtValue(hi));
		return;
	}
	head = cg_block(c, "irange.head");
	body = cg_block(c, "irange.body");
	next = cg_block(c, "irange.next");
	done = cg_block(c, "irange.end");
	i = cg_alloca(c, c->i64, "irange.i");
	c->stack_used += 8;
	LLVMBuildStore(c->b, lo, i);
	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, head);
	c->ncached = 0;
	c->cond_depth++;
	v = LLVMBuildLoad2(c->b, c->i64, i, "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, v, hi, ""), body, done);
	LLVMPositionBuilderAtEnd(c->b, body);
	LLVMBuildStore(c->b, v, cg_var_slot(c, n->forl.var));
	if (push_inline(c, n, done, next)) {
		cg_stmt(c, n->forl.body);
		c->nloops--;
	}
	if (!cg_terminated(c))
		LLVMBuildBr(c->b, next);
	LLVMPositionBuilderAtEnd(c->b, next);
	v = LLVMBuildLoad2(c->b, c->i64, i, "");
	LLVMBuildStore(c->b, LLVMBuildAdd(c->b, v, cg_i64(c, 1), ""), i);
	LLVMBuildBr(c->b, head);
	c->cond_depth--;
	LLVMPositionBuilderAtEnd(c->b, done);
	c->ncached = 0;
}

/* Count loop n as cut short at QT_MAX_LOOPS rounds, and where it is (reported at exit). */
static void note_cut(struct cg *c, struct node *n)
{
	cg_stat_inc(c, QT_STAT_LOOP_CUT(c->p->nmaps));
	cg_stat_store(c, QT_STAT_LOOP_CUT_AT(c->p->nmaps),
		      cg_i64(c, ((uint64_t)n->loc.first_line << 16) | (uint16_t)n->loc.first_column));
}

/* if (cut) note_cut(n) */
static void count_cut(struct cg *c, struct node *n, LLVMValueRef cut)
{
	LLVMBasicBlockRef yes = cg_block(c, "loop.cut"), go = cg_block(c, "loop.go");

	LLVMBuildCondBr(c->b, cut, yes, go);
	LLVMPositionBuilderAtEnd(c->b, yes);
	note_cut(c, n);
	LLVMBuildBr(c->b, go);
	LLVMPositionBuilderAtEnd(c->b, go);
}

/* while (cond) body: bpf_loop(QT_MAX_LOOPS, cb, ctx); cb ends the loop once cond is false. */
void cg_while(struct cg *c, struct node *n)
{
	LLVMTypeRef params[2] = { c->i64, c->ptr };
	LLVMBasicBlockRef go, out, cut, run;
	struct outer o;
	struct cb cb;
	LLVMValueRef ctx, fn;

	if (!kfeat_has(KF_LOOP)) {
		inline_while(c, n);
		return;
	}
	outer_of(&o, NULL, n->loop.cond, n->loop.body);
	ctx = loop_ctx(c, &o, NULL);
	cb_begin(c, &cb, "while", params, 2, 1, &o);
	go = cg_block(c, "while.body");
	out = cg_block(c, "while.end");
	cut = cg_block(c, "while.cut");
	run = cg_block(c, "while.run");
	LLVMBuildCondBr(c->b, cg_cond(c, n->loop.cond), go, out);
	LLVMPositionBuilderAtEnd(c->b, out);
	LLVMBuildRet(c->b, cg_i64(c, 1));
	/*
	 * The last round bpf_loop allows only tests the condition: still
	 * true, the loop is cut there, and counted (never a silent stop).
	 */
	LLVMPositionBuilderAtEnd(c->b, go);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, LLVMGetParam(cb.fn, 0),
					    cg_i64(c, QT_MAX_LOOPS - 1), ""), cut, run);
	LLVMPositionBuilderAtEnd(c->b, cut);
	note_cut(c, n);
	LLVMBuildRet(c->b, cg_i64(c, 1));
	LLVMPositionBuilderAtEnd(c->b, run);
	cg_stmt(c, n->loop.body);
	fn = cb_end(c, &cb);
	call_loop(c, cg_i64(c, QT_MAX_LOOPS), fn, ctx);
	after_loop(c, ctx, &o);
	free(o.vars);
	free(o.own);
}

/* for ($i : lo..hi): bpf_loop(hi - lo rounds (none when hi <= lo), $i = lo + index). */
static void for_range(struct cg *c, struct node *n)
{
	LLVMTypeRef params[2] = { c->i64, c->ptr };
	LLVMValueRef lo, hi, count, ctx, fn, i, big;
	struct outer o;
	struct cb cb;

	if (!kfeat_has(KF_LOOP)) {
		inline_range(c, n);
		return;
	}
	lo = cg_expr(c, n->forl.lo);
	hi = cg_expr(c, n->forl.hi);
	count = LLVMBuildSub(c->b, hi, lo, "");
	count = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntSGT, hi, lo, ""),
				count, cg_i64(c, 0), "");
	big = LLVMBuildICmp(c->b, LLVMIntUGT, count, cg_i64(c, QT_MAX_LOOPS), "");
	count_cut(c, n, big);
	count = LLVMBuildSelect(c->b, big, cg_i64(c, QT_MAX_LOOPS), count, "");
	outer_of(&o, n->forl.var, n->forl.body, NULL);
	ctx = loop_ctx(c, &o, lo);
	cb_begin(c, &cb, "range", params, 2, 1, &o);
	i = LLVMBuildAnd(c->b, LLVMGetParam(cb.fn, 0), cg_i64(c, 0xffffffff), "");
	i = LLVMBuildAdd(c->b, cg_load_int(c, slot_ptr(c, cb.ctx, LC_BASE), 8, false), i, "");
	LLVMBuildStore(c->b, i, cg_var_slot(c, n->forl.var));
	cg_stmt(c, n->forl.body);
	fn = cb_end(c, &cb);
	call_loop(c, LLVMBuildTrunc(c->b, count, c->i32, ""), fn, ctx);
	after_loop(c, ctx, &o);
	free(o.vars);
	free(o.own);
}

/* $kv = (key, value) from the element at key/val of map m. */
static void fill_kv(struct cg *c, struct node *n, struct mapinfo *m, LLVMValueRef key,
		    LLVMValueRef val)
{
	struct node *var = n->forl.var;
	const struct type *t = var->type;
	LLVMValueRef kv = cg_var_slot(c, var);
	const struct field *k = &t->fields[0], *v = &t->fields[1];

	cg_memcpy(c, cg_gep(c, kv, k->offset), key, k->type->size);
	if (m->agg != AGG_NONE)
		cg_store_int(c, cg_gep(c, kv, v->offset), cg_percpu_read(c, n, m, key), 8);
	else
		cg_memcpy(c, cg_gep(c, kv, v->offset), val, v->type->size);
}

/* for ($kv : @m): bpf_for_each_map_elem(m, cb, ctx, 0). */
static void for_map(struct cg *c, struct node *n)
{
	LLVMTypeRef params[4] = { c->ptr, c->ptr, c->ptr, c->ptr };
	struct mapinfo *m = n->forl.map->map.map;
	LLVMValueRef ctx, fn, a[4];
	struct outer o;
	struct cb cb;

	if (!m || m->task_storage || m->bucket_array || !n->forl.var->type ||
	    n->forl.var->type->kind != T_TUPLE) {
		cg_error(c, n, "cannot iterate over this map");
		return;
	}
	if (!kfeat_has(KF_FOR_EACH)) {
		kfeat_error(c, n, KF_FOR_EACH, "a for loop over a map");
		return;
	}
	outer_of(&o, n->forl.var, n->forl.body, NULL);
	ctx = loop_ctx(c, &o, NULL);
	cb_begin(c, &cb, "each", params, 4, 3, &o);
	fill_kv(c, n, m, LLVMGetParam(cb.fn, 1), LLVMGetParam(cb.fn, 2));
	cg_stmt(c, n->forl.body);
	fn = cb_end(c, &cb);
	a[0] = cg_map_global(c, m);
	a[1] = fn;
	a[2] = ctx;
	a[3] = cg_i64(c, 0);
	cg_helper(c, BPF_FUNC_for_each_map_elem, c->i64, a, 4);
	after_loop(c, ctx, &o);
	free(o.vars);
	free(o.own);
}

void cg_for(struct cg *c, struct node *n)
{
	if (n->forl.map)
		for_map(c, n);
	else
		for_range(c, n);
}

/* len(@m): bpf_for_each_map_elem returns the elements it visited; its callback only goes on. */
LLVMValueRef cg_map_len(struct cg *c, struct node *at, struct mapinfo *m)
{
	static const char name[] = "qt_len";
	LLVMValueRef fn = LLVMGetNamedFunction(c->mod, name), a[4];
	LLVMTypeRef params[4] = { c->ptr, c->ptr, c->ptr, c->ptr };
	LLVMBuilderRef b;

	if (!kfeat_has(KF_FOR_EACH)) {
		kfeat_error(c, at, KF_FOR_EACH, "len() of a map");
		return cg_i64(c, 0);
	}
	if (!fn) {
		fn = LLVMAddFunction(c->mod, name, LLVMFunctionType(c->i64, params, 4, 0));
		LLVMSetLinkage(fn, LLVMInternalLinkage);
		LLVMSetSection(fn, ".text");
		cg_fn_attr(c, fn, "nounwind");
		cg_fn_debug(c, fn, name, 4, true);
		b = LLVMCreateBuilderInContext(c->ctx);
		LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(c->ctx, fn, "entry"));
		LLVMBuildRet(b, cg_i64(c, 0));
		LLVMDisposeBuilder(b);
	}
	c->uses_cb = true;
	a[0] = cg_map_global(c, m);
	a[1] = fn;
	a[2] = LLVMConstNull(c->ptr);
	a[3] = cg_i64(c, 0);
	return cg_helper(c, BPF_FUNC_for_each_map_elem, c->i64, a, 4);
}
