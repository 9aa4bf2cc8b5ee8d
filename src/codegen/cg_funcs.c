// SPDX-License-Identifier: GPL-2.0
/* Codegen of the functions of issue 8 (check hooks: sema/check_funcs.c). */
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "events.h"

/* PROC_PID_INIT_INO (include/linux/proc_ns.h): the initial pid namespace. */
#define PID_INIT_INO 0xEFFFFFFCU

static struct node *arg(struct node *n, int i)
{
	struct node *a = n->call.args;

	while (a && i--)
		a = a->next;
	return a;
}

static LLVMValueRef to_ptr(struct cg *c, LLVMValueRef v)
{
	return LLVMBuildIntToPtr(c->b, v, c->ptr, "");
}

/* Bytes of a char or u8 array value (T_STR, T_ARRAY of 1-byte ints), else -1. */
static int byte_array_size(const struct type *t)
{
	if (t->kind == T_STR)
		return t->size;
	if (t->kind == T_ARRAY && t->elem && t->elem->kind == T_INT && t->elem->size == 1)
		return t->count;
	return -1;
}

/* bpf_probe_read(dst, len, src): user and kernel addresses alike on x86;
 * returns the helper's result (negative: the read failed). */
static LLVMValueRef read_mem(struct cg *c, LLVMValueRef dst, LLVMValueRef len, LLVMValueRef src)
{
	LLVMValueRef a[3] = { dst, LLVMBuildTrunc(c->b, len, c->i32, ""), to_ptr(c, src) };

	return cg_helper(c, BPF_FUNC_probe_read, c->i64, a, 3);
}

/* The argument's value: an integer printed by kind (syscall_name, strerror ...). */
LLVMValueRef cg_first_arg(struct cg *c, struct node *n)
{
	return cg_expr(c, n->call.args);
}

LLVMValueRef cg_second_arg(struct cg *c, struct node *n)
{
	return cg_expr(c, n->call.args->next);
}

LLVMValueRef cg_jiffies(struct cg *c, struct node *n)
{
	return cg_helper(c, BPF_FUNC_jiffies64, c->i64, NULL, 0);
}

LLVMValueRef cg_ncpus(struct cg *c, struct node *n)
{
	int k = libbpf_num_possible_cpus();

	return cg_i64(c, k > 0 ? k : 1);
}

/* nsecs(monotonic|boot|tai|sw_tai), the order of check_funcs.c's clock_names. */
LLVMValueRef cg_nsecs_call(struct cg *c, struct node *n)
{
	struct timespec tai, boot;
	int64_t off;

	switch (n->call.fmt_id) {
	case 1:
		return cg_helper_clock(c, BPF_FUNC_ktime_get_boot_ns);
	case 2:
		return cg_helper_clock(c, BPF_FUNC_ktime_get_tai_ns);
	case 3:
		/* kernels before 6.1 have no TAI helper: boot time + today's offset */
		clock_gettime(CLOCK_TAI, &tai);
		clock_gettime(CLOCK_BOOTTIME, &boot);
		off = (tai.tv_sec - boot.tv_sec) * 1000000000LL + tai.tv_nsec - boot.tv_nsec;
		return LLVMBuildAdd(c->b, cg_helper_clock(c, BPF_FUNC_ktime_get_boot_ns),
				    cg_i64(c, off), "");
	default:
		return cg_helper_clock(c, BPF_FUNC_ktime_get_ns);
	}
}

/*
 * pid and tid as qtrace's pid namespace sees them (bpftrace 0.24's curr_ns):
 * in the initial namespace that is bpf_get_current_pid_tgid(); elsewhere
 * bpf_get_ns_current_pid_tgid() with the namespace's dev and inode.
 */
static LLVMValueRef ns_pid_tgid(struct cg *c, bool want_tid)
{
	static int known;	/* 1: initial namespace (or unknown), 2: another */
	static struct stat st;
	LLVMValueRef info, a[4];

	if (!known)
		known = stat("/proc/self/ns/pid", &st) < 0 || st.st_ino == PID_INIT_INO ? 1 : 2;
	if (known == 1)
		return NULL;
	info = cg_alloca(c, c->i64, "nsinfo");
	LLVMBuildStore(c->b, cg_i64(c, 0), info);
	a[0] = cg_i64(c, st.st_dev);
	a[1] = cg_i64(c, st.st_ino);
	a[2] = info;
	a[3] = cg_i32(c, 8);
	cg_helper(c, BPF_FUNC_get_ns_current_pid_tgid, c->i64, a, 4);
	/* struct bpf_pidns_info { u32 pid; u32 tgid; }: pid is the thread */
	return cg_load_int(c, cg_gep(c, info, want_tid ? 0 : 4), 4, false);
}

LLVMValueRef cg_pid_ns(struct cg *c, struct node *n, bool want_tid)
{
	LLVMValueRef v = ns_pid_tgid(c, want_tid);

	if (v)
		return v;
	return want_tid ? cg_tid(c, n) : cg_pid(c, n);
}

LLVMValueRef cg_pid_var(struct cg *c, struct node *n)
{
	return cg_pid_ns(c, n, false);
}

LLVMValueRef cg_tid_var(struct cg *c, struct node *n)
{
	return cg_pid_ns(c, n, true);
}

/* pid(init|curr_ns), tid(init|curr_ns); mode 1 is init. */
LLVMValueRef cg_pid_call(struct cg *c, struct node *n)
{
	return n->call.fmt_id == 1 ? cg_pid(c, n) : cg_pid_ns(c, n, false);
}

LLVMValueRef cg_tid_call(struct cg *c, struct node *n)
{
	return n->call.fmt_id == 1 ? cg_tid(c, n) : cg_pid_ns(c, n, true);
}

LLVMValueRef cg_bswap(struct cg *c, struct node *n)
{
	struct node *a = n->call.args;
	int size = a->type->kind == T_INT ? a->type->size : 8;
	LLVMTypeRef t = LLVMIntTypeInContext(c->ctx, size * 8);
	LLVMValueRef v = cg_expr(c, a), fn;
	unsigned id = LLVMLookupIntrinsicID("llvm.bswap", 10);

	if (size == 1)
		return LLVMBuildAnd(c->b, v, cg_i64(c, 0xff), "");
	fn = LLVMGetIntrinsicDeclaration(c->mod, id, &t, 1);
	v = LLVMBuildTrunc(c->b, v, t, "");
	v = LLVMBuildCall2(c->b, LLVMIntrinsicGetType(c->ctx, id, &t, 1), fn, &v, 1, "");
	return LLVMBuildZExt(c->b, v, c->i64, "");
}

/* ntop: { u64 af; u8 addr[16]; }, the bytes as they are in memory. */
LLVMValueRef cg_ntop(struct cg *c, struct node *n)
{
	LLVMValueRef dst = cg_take_dst(c, 24), v;
	struct node *a = arg(n, n->call.nargs - 1), *fam = n->call.nargs == 2 ? n->call.args : NULL;
	const struct type *t = a->type;
	int64_t af = AF_INET;

	if (fam && fam->kind == N_INT)
		af = (int64_t)fam->num.v;
	else if (byte_array_size(t) == 16)
		af = AF_INET6;
	cg_memset0(c, dst, 24);
	if (fam && fam->kind != N_INT)
		cg_store_int(c, dst, cg_expr(c, fam), 8);
	else
		cg_store_int(c, dst, cg_i64(c, af), 8);
	if (byte_array_size(t) > 0) {
		cg_memcpy(c, cg_gep(c, dst, 8), cg_expr(c, a), byte_array_size(t));
	} else if (t->kind == T_PTR) {
		read_mem(c, cg_gep(c, dst, 8), cg_i64(c, af == AF_INET6 ? 16 : 4),
			 cg_expr(c, a));
	} else {
		v = cg_expr(c, a);
		cg_store_int(c, cg_gep(c, dst, 8), v, 4);
	}
	return dst;
}

/* pton("addr"): the literal, parsed again (the check accepted it). */
LLVMValueRef cg_pton(struct cg *c, struct node *n)
{
	int size = n->type->size;
	LLVMValueRef dst = cg_take_dst(c, size);
	char b[16] = { 0 };

	inet_pton(size == 16 ? AF_INET6 : AF_INET, n->call.args->str.s, b);
	cg_store_const_str(c, dst, b, size, size);
	return dst;
}

LLVMValueRef cg_macaddr(struct cg *c, struct node *n)
{
	LLVMValueRef dst = cg_take_dst(c, 8);
	struct node *a = n->call.args;

	cg_memset0(c, dst, 8);
	if (byte_array_size(a->type) >= 6)
		cg_memcpy(c, dst, cg_expr(c, a), 6);
	else
		read_mem(c, dst, cg_i64(c, 6), cg_expr(c, a));
	return dst;
}

/* buf: { u64 len; u8 bytes[N]; } with len <= N. */
LLVMValueRef cg_buf_call(struct cg *c, struct node *n)
{
	int cap = n->type->fields[1].type->size;
	LLVMValueRef dst = cg_take_dst(c, n->type->size), len = cg_i64(c, cap), big;
	struct node *a = n->call.args, *l = a->next;

	cg_memset0(c, dst, n->type->size);
	if (l && l->kind != N_INT) {
		LLVMValueRef lim = cg_expr(c, l);

		big = LLVMBuildICmp(c->b, LLVMIntUGT, lim, len, "");
		len = LLVMBuildSelect(c->b, big, len, lim, "");
	}
	cg_store_int(c, dst, len, 8);
	if (byte_array_size(a->type) >= 0)
		cg_memcpy(c, cg_gep(c, dst, 8), cg_expr(c, a),
			  cap < byte_array_size(a->type) ? cap : byte_array_size(a->type));
	else
		read_mem(c, cg_gep(c, dst, 8), len, cg_expr(c, a));
	return dst;
}

/* strncmp(a, b, n): 1 where a byte before both NULs and n differs, else 0. */
LLVMValueRef cg_strncmp(struct cg *c, struct node *n)
{
	struct node *l = n->call.args, *r = l->next, *k = r->next;
	int len = l->type->size < r->type->size ? l->type->size : r->type->size, i;
	LLVMValueRef pa, pb, x, y, ne, done, bad;

	if (k->kind == N_INT && (int64_t)k->num.v < len)
		len = (int)k->num.v;
	pa = cg_expr(c, l);
	pb = cg_expr(c, r);
	done = bad = LLVMConstInt(c->i1, 0, 0);
	for (i = 0; i < len; i++) {
		x = cg_load_int(c, cg_gep(c, pa, i), 1, false);
		y = cg_load_int(c, cg_gep(c, pb, i), 1, false);
		ne = LLVMBuildICmp(c->b, LLVMIntNE, x, y, "");
		bad = LLVMBuildOr(c->b, bad, LLVMBuildAnd(c->b, ne,
				  LLVMBuildNot(c->b, done, ""), ""), "");
		done = LLVMBuildOr(c->b, done, LLVMBuildICmp(c->b, LLVMIntEQ, x,
				   cg_i64(c, 0), ""), "");
	}
	return LLVMBuildZExt(c->b, bad, c->i64, "");
}

static int pow2_at_least(int n)
{
	int p = 8;

	while (p < n)
		p *= 2;
	return p;
}

/* A byte of buf at the index masked to its power-of-two size (the verifier's bound). */
static LLVMValueRef byte_at(struct cg *c, LLVMValueRef buf, LLVMValueRef idx, int size)
{
	LLVMValueRef k = LLVMBuildAnd(c->b, idx, cg_i64(c, size - 1), "");
	LLVMValueRef p = LLVMBuildGEP2(c->b, c->i8, buf, &k, 1, "");

	return LLVMBuildZExt(c->b, LLVMBuildLoad2(c->b, c->i8, p, ""), c->i64, "");
}

/*
 * strcontains(h, needle): a bounded loop over the positions of h (unrolled,
 * the compares of a 64-byte string spill past the 512-byte stack), each
 * comparing the needle branch-free (str_search).  Both strings are copied
 * into zero-padded power-of-two buffers so every masked index is in bounds:
 *   for i in 0..hs: all needle[j] before its NUL equal h[i+j] -> found
 *                   h[i] == 0 -> not found
 */
static LLVMValueRef str_search(struct cg *c, struct node *n, bool index);

LLVMValueRef cg_strcontains(struct cg *c, struct node *n)
{
	return str_search(c, n, false);
}

/* strstr(h, needle): the index of the first needle in h, or -1 (bpftrace's) */
LLVMValueRef cg_strstr(struct cg *c, struct node *n)
{
	return str_search(c, n, true);
}

/* strlen(s): the bytes before the first NUL, within s's size */
LLVMValueRef cg_strlen(struct cg *c, struct node *n)
{
	struct node *sn = n->call.args;
	int ss = sn->type->size, sp = pow2_at_least(ss + 1);
	LLVMValueRef sb = cg_buf(c, sp), iv = cg_alloca(c, c->i64, "sl.i"), i, r;
	LLVMBasicBlockRef loop = cg_block(c, "sl.loop"), cmp = cg_block(c, "sl.cmp"),
		step = cg_block(c, "sl.step"), done = cg_block(c, "sl.done");

	cg_memset0(c, sb, sp);
	cg_memcpy(c, sb, cg_expr(c, sn), ss);
	LLVMBuildStore(c->b, cg_i64(c, 0), iv);
	LLVMBuildBr(c->b, loop);

	LLVMPositionBuilderAtEnd(c->b, loop);
	i = LLVMBuildLoad2(c->b, c->i64, iv, "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, i, cg_i64(c, ss), ""), cmp, done);

	LLVMPositionBuilderAtEnd(c->b, cmp);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, byte_at(c, sb, i, sp),
					    cg_i64(c, 0), ""), done, step);

	LLVMPositionBuilderAtEnd(c->b, step);
	LLVMBuildStore(c->b, LLVMBuildAdd(c->b, i, cg_i64(c, 1), ""), iv);
	LLVMBuildBr(c->b, loop);

	LLVMPositionBuilderAtEnd(c->b, done);
	r = LLVMBuildLoad2(c->b, c->i64, iv, "");
	LLVMBuildStore(c->b, cg_i64(c, 0), iv);	/* one state at the exit, as below */
	return r;
}

/* As byte_at, loaded volatile: LLVM keeps it in the search loop. */
static LLVMValueRef byte_fresh(struct cg *c, LLVMValueRef buf, LLVMValueRef idx, int size)
{
	LLVMValueRef k = LLVMBuildAnd(c->b, idx, cg_i64(c, size - 1), "");
	LLVMValueRef v = LLVMBuildLoad2(c->b, c->i8, LLVMBuildGEP2(c->b, c->i8, buf, &k, 1, ""), "");

	LLVMSetVolatile(v, 1);
	return LLVMBuildZExt(c->b, v, c->i64, "");
}

/*
 * One loop over the haystack positions i, each comparing the whole needle
 * without a branch: the bytes before the needle's NUL (live, 1 while all
 * needle bytes so far are non-zero: (y + 255) >> 8 is y != 0 for a byte)
 * OR their differences into acc.  A branch per needle byte made each
 * position a fork that rejoined in the next; 6.1's verifier keeps few
 * states inside a loop it is walking (one per 20 jumps or 100
 * instructions), so the forks multiplied: a 41-byte haystack and a 7-byte
 * needle took more than its 1,000,000 instructions.  This way each
 * position has two exits (found, the haystack's NUL) and one way on.  The
 * loads are volatile so LLVM does not hoist the needle's bytes out of the
 * loop (64 of them would spill past the 512-byte stack); the loop is
 * rotated (its latch is the conditional jump back, as 6.1 requires).
 */
static LLVMValueRef str_search(struct cg *c, struct node *n, bool index)
{
	struct node *hn = n->call.args, *nn = hn->next;
	int hs = hn->type->size, ns = nn->type->size;
	int hp = pow2_at_least(hs + ns + 1), np = pow2_at_least(ns + 1), j;
	LLVMValueRef hb = cg_buf(c, hp), nb = cg_buf(c, np);
	LLVMValueRef i, in, acc, live, x, y, t, res;
	LLVMBasicBlockRef pre, body = cg_block(c, "sc.pos"), on = cg_block(c, "sc.on"),
		latch = cg_block(c, "sc.latch"), found = cg_block(c, "sc.found"),
		none = cg_block(c, "sc.none"), done = cg_block(c, "sc.done");

	cg_memset0(c, hb, hp);
	cg_memset0(c, nb, np);
	cg_memcpy(c, hb, cg_expr(c, hn), hs);
	cg_memcpy(c, nb, cg_expr(c, nn), ns);
	pre = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, body);

	LLVMPositionBuilderAtEnd(c->b, body);
	i = LLVMBuildPhi(c->b, c->i64, "i");
	acc = cg_i64(c, 0);
	live = cg_i64(c, 1);
	for (j = 0; j < ns; j++) {
		y = byte_fresh(c, nb, cg_i64(c, j), np);
		live = LLVMBuildAnd(c->b, live, LLVMBuildLShr(c->b,
			LLVMBuildAdd(c->b, y, cg_i64(c, 255), ""), cg_i64(c, 8), ""), "");
		x = byte_fresh(c, hb, LLVMBuildAdd(c->b, i, cg_i64(c, j), ""), hp);
		t = LLVMBuildMul(c->b, LLVMBuildXor(c->b, x, y, ""), live, "");
		acc = LLVMBuildOr(c->b, acc, t, "");
	}
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, acc, cg_i64(c, 0), ""), found, on);

	/* not at i: the haystack ends at its NUL, or after hs + 1 positions */
	LLVMPositionBuilderAtEnd(c->b, on);
	in = LLVMBuildAdd(c->b, i, cg_i64(c, 1), "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, byte_fresh(c, hb, i, hp),
					    cg_i64(c, 0), ""), none, latch);
	LLVMPositionBuilderAtEnd(c->b, latch);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULE, in, cg_i64(c, hs), ""), body, none);
	LLVMAddIncoming(i, (LLVMValueRef[]){ cg_i64(c, 0), in },
			(LLVMBasicBlockRef[]){ pre, latch }, 2);

	LLVMPositionBuilderAtEnd(c->b, found);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, none);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	res = LLVMBuildPhi(c->b, c->i64, "sc");
	LLVMAddIncoming(res, (LLVMValueRef[]){ index ? i : cg_i64(c, 1), cg_i64(c, index ? -1 : 0) },
			(LLVMBasicBlockRef[]){ found, none }, 2);
	return res;
}

LLVMValueRef cg_username(struct cg *c, struct node *n)
{
	return cg_uid(c, n);
}

/* signal(sig), signal_thread(sig): the check made sig a constant. */
static LLVMValueRef send_signal(struct cg *c, struct node *n, enum bpf_func_id helper)
{
	LLVMValueRef a[1] = { LLVMBuildTrunc(c->b, cg_expr(c, n->call.args), c->i32, "") };

	cg_helper(c, helper, c->i64, a, 1);
	return NULL;
}

LLVMValueRef cg_signal(struct cg *c, struct node *n)
{
	return send_signal(c, n, BPF_FUNC_send_signal);
}

/* bpf_send_signal_thread (5.5+) */
LLVMValueRef cg_signal_thread(struct cg *c, struct node *n)
{
	return send_signal(c, n, BPF_FUNC_send_signal_thread);
}

LLVMValueRef cg_override(struct cg *c, struct node *n)
{
	LLVMValueRef a[2] = { c->ctxarg, cg_expr(c, n->call.args) };

	cg_helper(c, BPF_FUNC_override_return, c->i64, a, 2);
	return NULL;
}

LLVMValueRef cg_system(struct cg *c, struct node *n)
{
	return cg_fmt_event(c, n, EV_SYSTEM);
}

LLVMValueRef cg_cat(struct cg *c, struct node *n)
{
	return cg_fmt_event(c, n, EV_CAT);
}

/* worst = ret when ret < 0: the last failure of several reads */
static void keep_failure(struct cg *c, LLVMValueRef worst, LLVMValueRef ret)
{
	LLVMValueRef w = LLVMBuildLoad2(c->b, c->i64, worst, "");

	LLVMBuildStore(c->b, LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret,
		cg_i64(c, 0), ""), ret, w, ""), worst);
}

/*
 * join(argv [, sep]): the strings of argv up to its NULL (at most
 * QT_JOIN_ARGS) into one record; user space joins them with sep.  A read
 * that fails (argv's slot or a string: an execve's argv is often not yet
 * paged in) is counted at join's place, one site for all of its reads.
 */
LLVMValueRef cg_join(struct cg *c, struct node *n)
{
	int size = sizeof(struct qt_join), i;
	LLVMValueRef rec, pay, argv, slot = cg_alloca(c, c->i64, "argp"), p, a[3];
	LLVMValueRef worst = cg_alloca(c, c->i64, "join.err");
	LLVMBasicBlockRef done = cg_block(c, "join.done"), next;

	rec = cg_event_buf(c, size, &pay);
	argv = cg_expr(c, n->call.args);
	cg_store_int(c, pay, cg_i64(c, 0), 8);
	LLVMBuildStore(c->b, cg_i64(c, 0), worst);
	for (i = 0; i < QT_JOIN_ARGS; i++) {
		next = cg_block(c, "join.next");
		LLVMBuildStore(c->b, cg_i64(c, 0), slot);
		keep_failure(c, worst, read_mem(c, slot, cg_i64(c, 8),
						LLVMBuildAdd(c->b, argv, cg_i64(c, 8 * i), "")));
		p = LLVMBuildLoad2(c->b, c->i64, slot, "");
		LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, next);
		LLVMPositionBuilderAtEnd(c->b, next);
		a[0] = cg_gep(c, pay, 8 + i * QT_JOIN_STR);
		a[1] = cg_i32(c, QT_JOIN_STR);
		a[2] = to_ptr(c, p);
		keep_failure(c, worst, cg_helper(c, BPF_FUNC_probe_read_str, c->i64, a, 3));
		cg_store_int(c, pay, cg_i64(c, i + 1), 8);
	}
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	cg_check_helper(c, LLVMBuildLoad2(c->b, c->i64, worst, ""), "probe_read", n);
	cg_event_send(c, rec, EV_JOIN, n->call.fmt_id, size, false);
	return NULL;
}

/* path(p [, size]): bpf_d_path() into a zeroed string. */
LLVMValueRef cg_path(struct cg *c, struct node *n)
{
	int size = n->type->size;
	LLVMValueRef dst = cg_take_dst(c, size), a[3];
	struct node *p = n->call.args;
	LLVMValueRef addr = p->type->kind == T_STRUCT ? cg_ctype_addr(c, p) : cg_expr(c, p);

	cg_memset0(c, dst, size);
	a[0] = to_ptr(c, addr);
	a[1] = dst;
	a[2] = cg_i32(c, size);
	cg_helper(c, BPF_FUNC_d_path, c->i64, a, 3);
	return dst;
}

/* socket_cookie(sk): the verifier checks sk is a BTF-typed socket. */
LLVMValueRef cg_socket_cookie(struct cg *c, struct node *n)
{
	LLVMValueRef a = to_ptr(c, cg_expr(c, n->call.args));

	return cg_helper(c, BPF_FUNC_get_socket_cookie, c->i64, &a, 1);
}

/*
 * percpu_kaddr(sym [, cpu]): ld_imm64 of the variable's BTF id (src_reg
 * BPF_PSEUDO_BTF_ID, btf fd 0: vmlinux) gives the verifier a per-CPU
 * pointer; bpf_this_cpu_ptr() or bpf_per_cpu_ptr() (NULL past the possible
 * CPUs) make it this CPU's address.
 */
LLVMValueRef cg_percpu_kaddr(struct cg *c, struct node *n)
{
	struct node *sym = n->call.args, *cpu = sym->next;
	unsigned id = LLVMLookupIntrinsicID("llvm.bpf.pseudo", 15);
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->mod, id, NULL, 0);
	LLVMValueRef pa[2] = { cg_i64(c, BPF_PSEUDO_BTF_ID), cg_i64(c, sym->num.v) };
	LLVMValueRef p, a[2], r;

	p = LLVMBuildCall2(c->b, LLVMIntrinsicGetType(c->ctx, id, NULL, 0), fn, pa, 2, "");
	a[0] = to_ptr(c, p);
	if (cpu) {
		a[1] = LLVMBuildTrunc(c->b, cg_expr(c, cpu), c->i32, "");
		r = cg_helper(c, BPF_FUNC_per_cpu_ptr, c->ptr, a, 2);
	} else {
		r = cg_helper(c, BPF_FUNC_this_cpu_ptr, c->ptr, a, 1);
	}
	return LLVMBuildPtrToInt(c->b, r, c->i64, "");
}
