// SPDX-License-Identifier: GPL-2.0
/*
 * Ring buffer records (events.h): printf, time, print, exit, clear and zero.
 * Wake-ups are batched: user space is woken once per eighth of the buffer
 * produced (or on exit); the runtime polls with a timeout.
 * print/clear/zero of a map and exit go to their own ring buffer
 * (QT_CTRL_MAP), where a flood of printf cannot crowd them out.
 */
#include "codegen/cg_internal.h"
#include "events.h"

LLVMValueRef cg_event_buf(struct cg *c, int payload, LLVMValueRef *payload_ptr)
{
	LLVMValueRef rec = cg_buf(c, sizeof(struct qt_event_hdr) + payload);

	*payload_ptr = cg_gep(c, rec, sizeof(struct qt_event_hdr));
	return rec;
}

/*
 * A record of len bytes wakes user space when it crosses a multiple of an
 * eighth of the buffer (size, a power of two) in the producer's position:
 * one wake-up per eighth produced, however far behind the reader is.  (A
 * test of the waiting bytes instead woke on every record once the reader
 * fell an eighth behind: an irq_work and a self-IPI each, a quarter of the
 * traced thread's time in a 1M events/s soak.)  Two producers reading the
 * same position may both miss a crossing; the next one, or the reader's
 * timeout, wakes it.
 */
static LLVMValueRef wakeup_flags(struct cg *c, LLVMValueRef rb, uint64_t size, int len,
				 bool force)
{
	uint64_t step = ((uint64_t)len + BPF_RINGBUF_HDR_SZ + 7) & ~7ull;
	LLVMValueRef a[2] = { rb, cg_i64(c, BPF_RB_PROD_POS) };
	LLVMValueRef pos, next, cross;

	if (force)
		return cg_i64(c, BPF_RB_FORCE_WAKEUP);
	pos = cg_helper(c, BPF_FUNC_ringbuf_query, c->i64, a, 2);
	next = LLVMBuildAdd(c->b, pos, cg_i64(c, step), "");
	cross = LLVMBuildAnd(c->b, LLVMBuildXor(c->b, pos, next, ""),
			     cg_i64(c, ~(size / 8 - 1)), "");
	return LLVMBuildSelect(c->b, LLVMBuildIsNotNull(c->b, cross, ""),
			       cg_i64(c, BPF_RB_FORCE_WAKEUP),
			       cg_i64(c, BPF_RB_NO_WAKEUP), "");
}

void cg_event_send(struct cg *c, LLVMValueRef rec, int kind, uint32_t id,
		   int payload, bool force_wakeup)
{
	LLVMBasicBlockRef lost = cg_block(c, "ev.lost");
	LLVMBasicBlockRef done = cg_block(c, "ev.done");
	LLVMValueRef a[4], ret, neg;

	/* struct qt_event_hdr { u32 kind; u32 id; } as one little-endian word */
	cg_store_int(c, rec, cg_i64(c, (uint64_t)id << 32 | (uint32_t)kind), 8);
	a[0] = c->ringbuf;
	a[1] = rec;
	a[2] = cg_i64(c, sizeof(struct qt_event_hdr) + payload);
	a[3] = wakeup_flags(c, c->ringbuf, c->p->ringbuf_size ? c->p->ringbuf_size : 1 << 18,
			    (int)sizeof(struct qt_event_hdr) + payload, force_wakeup);
	ret = cg_helper(c, BPF_FUNC_ringbuf_output, c->i64, a, 4);
	neg = LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), "");
	LLVMBuildCondBr(c->b, neg, lost, done);
	LLVMPositionBuilderAtEnd(c->b, lost);
	cg_stat_inc(c, QT_STAT_LOST_EVENTS);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/*
 * A control record (struct qt_ctrl_hdr, then payload bytes): stamped with
 * the event buffer's producer position, so that the runtime acts on it
 * after the events sent before it and before those sent after.  Lost only
 * when QT_CTRL_MAP itself is full: counted apart (QT_STAT_LOST_CTRL).
 */
static LLVMValueRef ctrl_buf(struct cg *c, int payload, LLVMValueRef *payload_ptr)
{
	LLVMValueRef rec = cg_buf(c, sizeof(struct qt_ctrl_hdr) + payload);

	*payload_ptr = cg_gep(c, rec, sizeof(struct qt_ctrl_hdr));
	return rec;
}

static void ctrl_send(struct cg *c, LLVMValueRef rec, int kind, uint32_t id,
		      int payload, bool force_wakeup)
{
	LLVMBasicBlockRef lost = cg_block(c, "ctl.lost");
	LLVMBasicBlockRef done = cg_block(c, "ctl.done");
	LLVMValueRef q[2] = { c->ringbuf, cg_i64(c, BPF_RB_PROD_POS) };
	LLVMValueRef a[4], ret, neg, pos;

	cg_store_int(c, rec, cg_i64(c, (uint64_t)id << 32 | (uint32_t)kind), 8);
	pos = cg_helper(c, BPF_FUNC_ringbuf_query, c->i64, q, 2);
	cg_store_int(c, cg_gep(c, rec, 8), pos, 8);
	a[0] = c->ctrl;
	a[1] = rec;
	a[2] = cg_i64(c, sizeof(struct qt_ctrl_hdr) + payload);
	a[3] = wakeup_flags(c, c->ctrl, QT_CTRL_BYTES, (int)sizeof(struct qt_ctrl_hdr) + payload,
			    force_wakeup);
	ret = cg_helper(c, BPF_FUNC_ringbuf_output, c->i64, a, 4);
	neg = LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), "");
	LLVMBuildCondBr(c->b, neg, lost, done);
	LLVMPositionBuilderAtEnd(c->b, lost);
	cg_stat_inc(c, QT_STAT_LOST_CTRL(c->p->nmaps));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

static struct fmtinfo *fmt_of(struct cg *c, struct node *n)
{
	int id = n->call.fmt_id;

	if (id < 0 || id >= c->p->nfmts) {
		cg_error(c, n, "internal error: '%s' has no format", n->call.name);
		return NULL;
	}
	return c->p->fmts[id];
}

/* Lay the arguments out at the format's offsets; every payload byte is written. */
static void store_args(struct cg *c, struct fmtinfo *f, struct node *args, LLVMValueRef pay)
{
	struct node *a;
	int i, off, end, w;

	for (i = 0, a = args; a && i < f->nargs; i++, a = a->next) {
		off = f->arg_offsets[i];
		end = i + 1 < f->nargs ? f->arg_offsets[i + 1] : f->size;
		w = end - off;
		if (!cg_is_agg_type(f->arg_types[i]) && w > 8)
			w = 8;
		cg_store_value(c, a, cg_gep(c, pay, off), w);
		if (off + w < end)
			cg_zero_range(c, pay, off + w, end);
	}
}

/* printf(fmt, ...) and the calls formatted like it (system, cat): kind's record. */
LLVMValueRef cg_fmt_event(struct cg *c, struct node *n, int kind)
{
	struct fmtinfo *f = fmt_of(c, n);
	LLVMValueRef rec, pay;

	if (!f)
		return NULL;
	rec = cg_event_buf(c, f->size, &pay);
	store_args(c, f, n->call.args ? n->call.args->next : NULL, pay);
	cg_event_send(c, rec, kind, f->id, f->size, kind != EV_PRINTF);
	return NULL;
}

LLVMValueRef cg_printf(struct cg *c, struct node *n)
{
	return cg_fmt_event(c, n, EV_PRINTF);
}

/* errorf() and warnf(): formatted as printf, written to stderr at the call's place. */
LLVMValueRef cg_errorf(struct cg *c, struct node *n)
{
	return cg_fmt_event(c, n, EV_ERRORF);
}

LLVMValueRef cg_warnf(struct cg *c, struct node *n)
{
	return cg_fmt_event(c, n, EV_WARNF);
}

/* fail(): only in a branch sema proved untaken (check_fail.c): no code. */
LLVMValueRef cg_fail(struct cg *c, struct node *n)
{
	return NULL;
}

LLVMValueRef cg_time(struct cg *c, struct node *n)
{
	struct fmtinfo *f = fmt_of(c, n);
	LLVMValueRef rec, pay;

	if (!f)
		return NULL;
	rec = cg_event_buf(c, 0, &pay);
	cg_event_send(c, rec, EV_TIME, f->id, 0, false);
	return NULL;
}

static LLVMValueRef map_event(struct cg *c, struct node *n, int kind,
			      LLVMValueRef top, LLVMValueRef div)
{
	struct node *m = n->call.args;
	int payload = kind == EV_PRINT_MAP ? 16 : 0;
	LLVMValueRef rec, pay;

	if (!m || m->kind != N_MAP || !m->map.map) {
		cg_error(c, n, "'%s' needs a map", n->call.name);
		return NULL;
	}
	rec = ctrl_buf(c, payload, &pay);
	if (payload) {
		cg_store_int(c, pay, top, 8);
		cg_store_int(c, cg_gep(c, pay, 8), div, 8);
	}
	ctrl_send(c, rec, kind, m->map.map->id, payload, false);
	return NULL;
}

/* print(@m [, top [, div]]), print(@m, folded) or print(value) */
LLVMValueRef cg_print(struct cg *c, struct node *n)
{
	struct node *a = n->call.args;
	LLVMValueRef top, div, rec, pay;
	struct fmtinfo *f;

	if (a && a->kind == N_MAP && a->next && a->next->kind == N_IDENT)
		return map_event(c, n, EV_PRINT_FOLDED, NULL, NULL);
	if (a && a->kind == N_MAP && a->type && a->type->kind == T_MAP) {
		top = a->next ? cg_expr(c, a->next) : cg_i64(c, 0);
		div = a->next && a->next->next ? cg_expr(c, a->next->next) : cg_i64(c, 1);
		return map_event(c, n, EV_PRINT_MAP, top, div);
	}
	f = fmt_of(c, n);
	if (!f)
		return NULL;
	rec = cg_event_buf(c, f->size, &pay);
	store_args(c, f, a, pay);
	cg_event_send(c, rec, EV_PRINT_VALUE, f->id, f->size, false);
	return NULL;
}

LLVMValueRef cg_clear(struct cg *c, struct node *n)
{
	return map_event(c, n, EV_CLEAR, NULL, NULL);
}

LLVMValueRef cg_zero(struct cg *c, struct node *n)
{
	return map_event(c, n, EV_ZERO, NULL, NULL);
}

/*
 * unwatch(addr): user space closes the watchpoints on addr when it reads
 * the record (bpftrace's is async too); woken at once, so that few more
 * hits come in meanwhile.
 */
LLVMValueRef cg_unwatch(struct cg *c, struct node *n)
{
	LLVMValueRef rec, pay;

	rec = ctrl_buf(c, 8, &pay);
	cg_store_int(c, pay, cg_expr(c, n->call.args), 8);
	ctrl_send(c, rec, EV_UNWATCH, 0, 8, true);
	return NULL;
}

/*
 * exit([code]): the record wakes user space at once, and the probe stops
 * here.  An attached probe also clears QT_RUN_VAR, so that no probe runs
 * again while user space is still reading the record (an event 2 ms later
 * was counted under load); BEGIN and END do not test the flag, and user
 * space sets it only after BEGIN.
 */
static void exit_code(struct cg *c, LLVMValueRef code)
{
	LLVMValueRef rec, pay, st;

	cg_stat_store(c, QT_STAT_EXIT(c->p->nmaps), LLVMBuildAdd(c->b, code, cg_i64(c, 1), ""));
	rec = ctrl_buf(c, 8, &pay);
	cg_store_int(c, pay, code, 8);
	ctrl_send(c, rec, EV_EXIT, 0, 8, true);
	if (!c->pi->special) {
		st = LLVMBuildStore(c->b, LLVMConstInt(c->i32, 0, 0), cg_run_var(c));
		LLVMSetVolatile(st, 1);
	}
	cg_ret0(c);
}

LLVMValueRef cg_exit(struct cg *c, struct node *n)
{
	exit_code(c, n->call.args ? cg_expr(c, n->call.args) : cg_i64(c, 0));
	cg_continue_dead(c);
	return NULL;
}

/* assert(cond, msg): false sends the message as errorf() does, then exit(1). */
LLVMValueRef cg_assert(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef fail = cg_block(c, "assert.fail");
	LLVMBasicBlockRef ok = cg_block(c, "assert.ok");

	LLVMBuildCondBr(c->b, cg_cond(c, n->call.args), ok, fail);
	LLVMPositionBuilderAtEnd(c->b, fail);
	cg_fmt_event(c, n, EV_ERRORF);
	exit_code(c, cg_i64(c, 1));
	LLVMPositionBuilderAtEnd(c->b, ok);
	return NULL;
}

/* Calls checked when compiling that leave no code (assert_str). */
LLVMValueRef cg_nothing(struct cg *c, struct node *n)
{
	return NULL;
}
