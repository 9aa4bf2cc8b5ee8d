/* SPDX-License-Identifier: GPL-2.0 */
/* Codegen hooks of the builtin table, and of the providers' context builtins. */
#ifndef QT_CG_BUILTINS_H
#define QT_CG_BUILTINS_H

#include <stdbool.h>
#include <llvm-c/Types.h>

struct cg;
struct node;
struct probe_inst;
struct field;

LLVMValueRef cg_agg(struct cg *c, struct node *n);
LLVMValueRef cg_cgroup(struct cg *c, struct node *n);
LLVMValueRef cg_cgroupid(struct cg *c, struct node *n);
LLVMValueRef cg_clear(struct cg *c, struct node *n);
LLVMValueRef cg_unwatch(struct cg *c, struct node *n);
LLVMValueRef cg_comm(struct cg *c, struct node *n);
LLVMValueRef cg_cpid(struct cg *c, struct node *n);
LLVMValueRef cg_cpu(struct cg *c, struct node *n);
LLVMValueRef cg_numaid(struct cg *c, struct node *n);
LLVMValueRef cg_delete(struct cg *c, struct node *n);
LLVMValueRef cg_elapsed(struct cg *c, struct node *n);
LLVMValueRef cg_exit(struct cg *c, struct node *n);
LLVMValueRef cg_gid(struct cg *c, struct node *n);
LLVMValueRef cg_len(struct cg *c, struct node *n);
LLVMValueRef cg_has_key(struct cg *c, struct node *n);
LLVMValueRef cg_nsecs(struct cg *c, struct node *n);
LLVMValueRef cg_pid(struct cg *c, struct node *n);
LLVMValueRef cg_curtask(struct cg *c, struct node *n);	/* cg_ctypes.c */
LLVMValueRef cg_print(struct cg *c, struct node *n);
LLVMValueRef cg_printf(struct cg *c, struct node *n);
LLVMValueRef cg_errorf(struct cg *c, struct node *n);
LLVMValueRef cg_warnf(struct cg *c, struct node *n);
LLVMValueRef cg_fail(struct cg *c, struct node *n);
LLVMValueRef cg_assert(struct cg *c, struct node *n);
LLVMValueRef cg_find(struct cg *c, struct node *n);
LLVMValueRef cg_comm_pid(struct cg *c, struct node *n);
LLVMValueRef cg_memcmp(struct cg *c, struct node *n);
LLVMValueRef cg_strcap(struct cg *c, struct node *n);
LLVMValueRef cg_globmatch(struct cg *c, struct node *n);
LLVMValueRef cg_nothing(struct cg *c, struct node *n);
LLVMValueRef cg_probe(struct cg *c, struct node *n);
LLVMValueRef cg_probetype(struct cg *c, struct node *n);
LLVMValueRef cg_rand(struct cg *c, struct node *n);
LLVMValueRef cg_stack(struct cg *c, struct node *n);
LLVMValueRef cg_task_kstack(struct cg *c, struct node *n);
LLVMValueRef cg_func(struct cg *c, struct node *n);
LLVMValueRef cg_ksym(struct cg *c, struct node *n);
LLVMValueRef cg_reg(struct cg *c, struct node *n);
LLVMValueRef cg_usym(struct cg *c, struct node *n);
LLVMValueRef cg_str(struct cg *c, struct node *n);
LLVMValueRef cg_tid(struct cg *c, struct node *n);
LLVMValueRef cg_time(struct cg *c, struct node *n);
LLVMValueRef cg_uid(struct cg *c, struct node *n);
LLVMValueRef cg_zero(struct cg *c, struct node *n);

/* cg_funcs.c */
LLVMValueRef cg_first_arg(struct cg *c, struct node *n);
LLVMValueRef cg_second_arg(struct cg *c, struct node *n);
LLVMValueRef cg_jiffies(struct cg *c, struct node *n);
LLVMValueRef cg_ncpus(struct cg *c, struct node *n);
LLVMValueRef cg_nsecs_call(struct cg *c, struct node *n);
LLVMValueRef cg_pid_call(struct cg *c, struct node *n);
LLVMValueRef cg_tid_call(struct cg *c, struct node *n);
LLVMValueRef cg_pid_var(struct cg *c, struct node *n);
LLVMValueRef cg_tid_var(struct cg *c, struct node *n);
/* pid or tid in qtrace's pid namespace */
LLVMValueRef cg_pid_ns(struct cg *c, struct node *n, bool want_tid);
LLVMValueRef cg_bswap(struct cg *c, struct node *n);
LLVMValueRef cg_ntop(struct cg *c, struct node *n);
LLVMValueRef cg_macaddr(struct cg *c, struct node *n);
LLVMValueRef cg_pton(struct cg *c, struct node *n);
LLVMValueRef cg_buf_call(struct cg *c, struct node *n);
LLVMValueRef cg_strncmp(struct cg *c, struct node *n);
LLVMValueRef cg_strcontains(struct cg *c, struct node *n);
LLVMValueRef cg_strstr(struct cg *c, struct node *n);
LLVMValueRef cg_strlen(struct cg *c, struct node *n);
LLVMValueRef cg_username(struct cg *c, struct node *n);
LLVMValueRef cg_usermode(struct cg *c, struct node *n);
LLVMValueRef cg_uaddr(struct cg *c, struct node *n);
LLVMValueRef cg_signal(struct cg *c, struct node *n);
LLVMValueRef cg_signal_thread(struct cg *c, struct node *n);
LLVMValueRef cg_override(struct cg *c, struct node *n);
LLVMValueRef cg_system(struct cg *c, struct node *n);
LLVMValueRef cg_cat(struct cg *c, struct node *n);
LLVMValueRef cg_join(struct cg *c, struct node *n);
LLVMValueRef cg_path(struct cg *c, struct node *n);
LLVMValueRef cg_socket_cookie(struct cg *c, struct node *n);
/* cg_skb.c */
LLVMValueRef cg_skboutput(struct cg *c, struct node *n);
LLVMValueRef cg_percpu_kaddr(struct cg *c, struct node *n);

/* Provider context lowering (provider.cg_ctx), in cg_ctx.c. */
LLVMValueRef cg_ctx_tracepoint(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
/* args as a value (print(args)): the bytes of pi's record, in cg_ctx.c */
LLVMValueRef cg_ctx_record(struct cg *c, struct probe_inst *pi, int from);
/* pt_regs context (kprobe, kretprobe, uprobe, uretprobe): argN by the x86-64
 * calling convention, retval from ax; in cg_ctx_regs.c. */
LLVMValueRef cg_ctx_regs(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
/* reg("name"): the pt_regs offset of a register (-1: unknown), and the list. */
int cg_regs_offset(const char *name);
const char *cg_regs_names(void);
LLVMValueRef cg_ctx_tracepoint_raw(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
LLVMValueRef cg_ctx_rawtracepoint(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
/* BTF trampolines (fentry, fexit): args->name and retval by 8-byte slot; in cg_ctx_btf.c. */
LLVMValueRef cg_ctx_btf(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
/* usdt: argN by the site's argument specs (registers, constants, memory); in cg_ctx_usdt.c. */
LLVMValueRef cg_ctx_usdt(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);
/* iter: ctx->field of struct bpf_iter__NAME, after the prologue's NULL checks; in cg_ctx_iter.c. */
void cg_prologue_iter(struct cg *c, struct probe_inst *pi);
LLVMValueRef cg_ctx_iter(struct cg *c, struct probe_inst *pi, const char *name, int n, const struct field *f);

#endif
