// SPDX-License-Identifier: GPL-2.0
/* Codegen of kstack, ustack, kstack(n), ustack(n): a stack id and the pid. */
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "events.h"

/*
 * The first ustack of a process sends EV_PID, so user space reads its
 * mappings while it lives: a process that has exited when the stacks are
 * printed has no /proc/PID/maps left.  qt_pids holds the pids sent.
 */
static void announce_pid(struct cg *c, LLVMValueRef pid)
{
	LLVMBasicBlockRef send = cg_block(c, "pid.new");
	LLVMBasicBlockRef done = cg_block(c, "pid.done");
	LLVMValueRef key = cg_buf(c, 8), zero = cg_buf(c, 8), rec, pay, ret;

	cg_store_int(c, key, pid, 8);
	cg_store_int(c, zero, cg_i64(c, 0), 8);
	ret = cg_map_update(c, cg_pids_map(c), key, zero, BPF_NOEXIST);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, 0), ""),
			send, done);
	LLVMPositionBuilderAtEnd(c->b, send);
	rec = cg_event_buf(c, 8, &pay);
	cg_store_int(c, pay, pid, 8);
	cg_event_send(c, rec, EV_PID, 0, 8, true);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/*
 * bpf_get_stackid() stores the frames in qt_stacks and returns their id
 * (negative on failure, e.g. -EEXIST on a hash collision or -EFAULT).  The
 * value is (u32)id | pid << 32 (types.h): user stacks need the pid to find
 * the process's mappings when printed, and keep processes apart as keys.
 * The depth of kstack(n) is applied when printing: one map serves every n.
 */
LLVMValueRef cg_stack(struct cg *c, struct node *n)
{
	bool user = n->type && n->type->stack == STACK_USER;
	LLVMValueRef a[3] = { c->ctxarg, cg_stacks_map(c),
			      cg_i64(c, user ? BPF_F_USER_STACK : 0) };
	LLVMValueRef id, pid;

	id = cg_helper(c, BPF_FUNC_get_stackid, c->i64, a, 3);
	id = LLVMBuildAnd(c->b, id, cg_i64(c, 0xffffffff), "stackid");
	if (!user)
		return id;
	pid = LLVMBuildLShr(c->b, cg_helper_pure(c, BPF_FUNC_get_current_pid_tgid,
						 c->i64), cg_i64(c, 32), "pid");
	announce_pid(c, pid);
	return LLVMBuildOr(c->b, id, LLVMBuildShl(c->b, pid, cg_i64(c, 32), ""),
			   "ustack");
}

/* ksym(addr): the address itself; printing resolves it. */
LLVMValueRef cg_ksym(struct cg *c, struct node *n)
{
	return cg_expr(c, n->call.args);
}

/* usym(addr): (addr, pid), the pid announced like ustack's. */
LLVMValueRef cg_usym(struct cg *c, struct node *n)
{
	LLVMValueRef addr = cg_expr(c, n->call.args);
	LLVMValueRef dst = cg_take_dst(c, 16), pid;

	pid = LLVMBuildLShr(c->b, cg_helper_pure(c, BPF_FUNC_get_current_pid_tgid,
						 c->i64), cg_i64(c, 32), "pid");
	announce_pid(c, pid);
	cg_store_int(c, dst, addr, 8);
	cg_store_int(c, cg_gep(c, dst, 8), pid, 8);
	return dst;
}
