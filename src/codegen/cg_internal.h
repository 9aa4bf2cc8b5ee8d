/* SPDX-License-Identifier: GPL-2.0 */
/* Code generation internals: the state of one compile and the helpers every cg_*.c file uses. */
#ifndef QT_CG_INTERNAL_H
#define QT_CG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/bpf.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/TargetMachine.h>
#include "program.h"
#include "parser/ast.h"
#include "sema/types.h"

/* A $variable's home in the current probe function. */
struct cg_var {
	const void *key;	/* struct var * from sema, or the name */
	LLVMValueRef slot;	/* i64 alloca (ints, pointers) or a buffer */
	int size;		/* buffer bytes (strings, tuples) */
};

/* Targets of break and continue in the innermost loop. */
struct cg_loop {
	LLVMBasicBlockRef brk, cont;
};

/* A map lookup whose result later reads of the same element can share. */
struct cg_cached {
	struct mapinfo *m;
	char sig[80];		/* the key expressions, serialised */
	LLVMValueRef ptr;	/* bpf_map_lookup_elem's result */
	bool created;		/* task storage: got with F_CREATE (cg_tstore.c) */
};

#define CG_MAX_CACHED 16
/* Values a provider's prologue computes for its cg_ctx hook (iter: checked pointers). */
#define CG_MAX_PROV_VALS 4

/* BPF stack bytes codegen allows itself; the rest of the 512 is for spills. */
#define CG_STACK_BUDGET 320
#define CG_MAX_LOOPS 32

struct cg {
	struct program *p;
	LLVMContextRef ctx;
	char *llvm_error;	/* the backend's first error diagnostic (cg.c) */
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetMachineRef tm;	/* made only when the object is not cached */
	const char *cpu;		/* BPF CPU: v3, or v4 for long probes (cg_budget.c) */
	LLVMDIBuilderRef di;
	LLVMMetadataRef di_cu, di_file, di_int;
	LLVMTypeRef i1, i8, i16, i32, i64, ptr, voidt;

	LLVMValueRef *maps;	/* one global per mapinfo */
	LLVMValueRef ringbuf, ctrl, stats, scratch;
	LLVMValueRef run;	/* QT_RUN_VAR, NULL until an attached probe needs it */
	int scratch_size;	/* value bytes of the scratch map (max over probes) */

	/* The probe function being built. */
	struct probe_inst *pi;
	LLVMValueRef fn, ctxarg;
	LLVMBasicBlockRef entry;	/* allocas; terminated when the function ends */
	int stack_used;
	int scratch_used;
	LLVMValueRef tmp_base;	/* placeholder for the temporaries' area */
	int tmp_used, tmp_max;
	LLVMValueRef scratch_ptr;	/* this probe's scratch area, checked in entry */
	struct cg_var *vars;
	int nvars, capvars;
	struct cg_loop loops[CG_MAX_LOOPS];
	int nloops;

	/*
	 * Where the next string/tuple producer should write its value
	 * (NULL: into a buffer of its own).  Producers take it with cg_take_dst.
	 */
	LLVMValueRef dst;
	struct cg_cached cached[CG_MAX_CACHED];
	int ncached;
	int cond_depth;		/* > 0: inside code that may not run (if, ?:, &&, loops) */
	/* cg_full.c: maps the program may remove from, and their "full" flags */
	bool full_scanned;
	bool *shrinks;
	LLVMValueRef *full_flags;
	LLVMValueRef prov_vals[CG_MAX_PROV_VALS];
	int want_size;		/* bytes the context builtin being lowered must yield */
	struct node *ctx_node;	/* that builtin's node: where its failed reads are counted */
	/*
	 * In a loop callback (cg_loop.c): the i64 in the caller's loop context
	 * that `return` and exit() set to end the probe; NULL in a probe.
	 */
	LLVMValueRef cb_stop;
	LLVMBasicBlockRef body;	/* the current function's first block after entry */
	/* $variables some loop body uses: they live in the scratch map (cg_loop.c) */
	struct node **loopvars;
	int nloopvars, caploopvars;
	int ncallbacks;		/* callbacks made so far (their names) */
	bool uses_cb;		/* the probe calls a callback: it needs func_info */
	int errors;
};

/* cg_budget.c: count the IR before LLVM runs; cpu v4 for long probes.  0 or -1. */
int cg_budget_check(struct cg *c);
/* After a probe: its scratch area fits a per-CPU map value, or an error. */
void cg_budget_scratch(struct cg *c);
/* Turn LLVM's fatal errors into an error and exit 1 (once, at start). */
void cg_budget_guard(void);

/* cg_cache.c: compiled objects by IR (NULL/nothing when the cache is off or fails) */
char *cg_cache_key(struct cg *c, const char *cpu, const char *passes, size_t *len);
void *cg_cache_lookup(const char *key, size_t len, size_t *elf_len);
void cg_cache_store(const char *key, size_t len, const void *elf, size_t elf_len);

/* cg.c */
LLVMValueRef cg_helper(struct cg *c, enum bpf_func_id id, LLVMTypeRef ret,
		       LLVMValueRef *args, int nargs);
LLVMValueRef cg_helper_pure(struct cg *c, enum bpf_func_id id, LLVMTypeRef ret);
LLVMValueRef cg_helper_clock(struct cg *c, enum bpf_func_id id);
LLVMValueRef cg_i64(struct cg *c, uint64_t v);
LLVMValueRef cg_i32(struct cg *c, uint32_t v);
/* A fresh block in the current function. */
LLVMBasicBlockRef cg_block(struct cg *c, const char *name);
/* True when the current block already ends (return, break ...). */
bool cg_terminated(struct cg *c);
/* Start a new (unreachable) block after a terminator so emission can go on. */
void cg_continue_dead(struct cg *c);
/* return 0 from the probe (from a loop callback: stop the loop and the probe). */
void cg_ret0(struct cg *c);
void cg_fn_attr(struct cg *c, LLVMValueRef fn, const char *name);
/* Give fn the debug info that makes its BTF func_info (callbacks need it). */
void cg_fn_debug(struct cg *c, LLVMValueRef fn, const char *name, int nparams, bool local);
/* cg_stack.c: len(kstack), len(ustack(n)): the frames where the probe runs. */
LLVMValueRef cg_stack_len(struct cg *c, struct node *stack);
/* cg_kfunc.c: kfunc calls; the task is a reference the program must release. */
LLVMValueRef cg_kfunc_task_from_pid(struct cg *c, LLVMValueRef pid);
void cg_kfunc_task_release(struct cg *c, LLVMValueRef task);
/* End the current function: temporaries placed, entry block closed into body. */
void cg_fn_finish(struct cg *c, LLVMBasicBlockRef body);
LLVMValueRef cg_run_var(struct cg *c);	/* QT_RUN_VAR */

/* cg_mem.c: buffers and bytes */
LLVMValueRef cg_alloca(struct cg *c, LLVMTypeRef t, const char *name);
/* size bytes, 8-aligned, on the stack or in the per-CPU scratch area, for the current statement. */
LLVMValueRef cg_buf(struct cg *c, int size);
/* The same for the whole probe ($variables). */
LLVMValueRef cg_buf_perm(struct cg *c, int size);
/* size bytes in this probe's per-CPU scratch area, for the whole probe. */
LLVMValueRef cg_buf_scratch(struct cg *c, int size);
/* Place the statements' shared temporary area (end of a probe). */
void cg_tmp_finish(struct cg *c);
/* The destination offered by the caller, if any, else a new buffer. */
LLVMValueRef cg_take_dst(struct cg *c, int size);
LLVMValueRef cg_gep(struct cg *c, LLVMValueRef base, int off);
void cg_memset0(struct cg *c, LLVMValueRef dst, int size);
/* Zero bytes [from, to) of the 8-aligned base (stores aligned to their offsets). */
void cg_zero_range(struct cg *c, LLVMValueRef base, int from, int to);
void cg_memcpy(struct cg *c, LLVMValueRef dst, LLVMValueRef src, int size);
/* Load an integer of size bytes, extended to i64. */
LLVMValueRef cg_load_int(struct cg *c, LLVMValueRef p, int size, bool sign);
void cg_store_int(struct cg *c, LLVMValueRef p, LLVMValueRef v, int size);
/* v (i64) truncated to size bytes and extended back. */
LLVMValueRef cg_normalize(struct cg *c, LLVMValueRef v, int size, bool sign);
/* Write the bytes of s (len bytes, then NULs) into size bytes at dst. */
void cg_store_const_str(struct cg *c, LLVMValueRef dst, const char *s, int len, int size);

/* cg_expr.c */
/* T_INT/T_PTR: i64; T_STR/T_TUPLE: ptr to the bytes; void: NULL. */
LLVMValueRef cg_expr(struct cg *c, struct node *n);
/* An i1 for a condition. */
LLVMValueRef cg_cond(struct cg *c, struct node *n);
/* Write n's value into size bytes at dst (ints extended, strings truncated or padded). */
void cg_store_value(struct cg *c, struct node *n, LLVMValueRef dst, int size);
/* Store an already computed value v of type t into size bytes at dst. */
void cg_store_typed(struct cg *c, const struct type *t, LLVMValueRef v,
		    LLVMValueRef dst, int size);
bool cg_is_agg_type(const struct type *t);	/* lives in memory: str, tuple */
/* The binary operator n applied to already computed l and r. */
LLVMValueRef cg_binop_values(struct cg *c, struct node *n, LLVMValueRef l, LLVMValueRef r);

/* cg_ctypes.c: reads through pointers, struct and array values */
/* Does cg_ctype_expr lower n (p->f, s.f, *p, p[i], a[i], byte casts)? */
bool cg_ctype_node(const struct node *n);
LLVMValueRef cg_ctype_expr(struct cg *c, struct node *n);
/* The address of place n (p->f, s.f, *p, p[i]): path(ctx->file->f_path). */
LLVMValueRef cg_ctype_addr(struct cg *c, struct node *n);
/* == and != of two struct or array values of one type */
LLVMValueRef cg_ctype_mem_eq(struct cg *c, struct node *n, bool eq);
LLVMValueRef cg_same_bytes(struct cg *c, LLVMValueRef a, LLVMValueRef b, int size);

/* cg_stmt.c */
void cg_stmts(struct cg *c, struct node *list);
LLVMValueRef cg_var_slot(struct cg *c, struct node *var);
/* The variable's home, made (zeroed) on first use. */
struct cg_var *cg_var_get(struct cg *c, struct node *var);
/* The variable lives at slot (size bytes), made elsewhere (a loop callback's caller). */
void cg_var_bind(struct cg *c, struct node *var, LLVMValueRef slot, int size);
/* Statement n (a block, a loop body ...). */
void cg_stmt(struct cg *c, struct node *n);

/* cg_maps.c */
void cg_maps_declare(struct cg *c);
void cg_maps_finish(struct cg *c);
LLVMValueRef cg_scratch_lookup(struct cg *c);
LLVMValueRef cg_map_global(struct cg *c, struct mapinfo *m);
LLVMValueRef cg_map_lookup(struct cg *c, LLVMValueRef map, LLVMValueRef key);
LLVMValueRef cg_map_update(struct cg *c, LLVMValueRef map, LLVMValueRef key,
			   LLVMValueRef val, uint64_t flags);
LLVMValueRef cg_map_delete(struct cg *c, LLVMValueRef map, LLVMValueRef key);
/* Build the BPF key of map node n (N_MAP) plus extra trailing bytes. */
LLVMValueRef cg_map_key(struct cg *c, struct node *n, int extra);
LLVMValueRef cg_map_key_from(struct cg *c, struct mapinfo *m, struct node *keys, int extra);
/* Forget cached lookups of m (it is written or deleted from). */
void cg_cache_forget(struct cg *c, struct mapinfo *m);
/* The BPF_MAP_TYPE_STACK_TRACE map of kstack/ustack (created on first use). */
LLVMValueRef cg_stacks_map(struct cg *c);
/* The task_kstack() frames map (QT_TSTACKS_MAP), created on first use. */
LLVMValueRef cg_tstacks_map(struct cg *c);
/* QT_ZERO_MAP: one all-zero value as large as the largest tseries (created on first use). */
LLVMValueRef cg_zero_map(struct cg *c);
/* QT_SKB_MAP: skboutput()'s perf event array (created on first use). */
LLVMValueRef cg_skb_map(struct cg *c);
/* The build-id stack map of ustack (QT_USTACKS_MAP), created on first use. */
LLVMValueRef cg_ustacks_map(struct cg *c);
/* The pids announced to user space (EV_PID), created on first use. */
LLVMValueRef cg_pids_map(struct cg *c);
/* The ids ustack(dwarf) sent (QT_DWARF_SEEN_MAP), created on first use. */
LLVMValueRef cg_dwarf_seen_map(struct cg *c);
/* Each process's code ranges for ustack(dwarf) ids (QT_DWARF_TEXT_MAP). */
LLVMValueRef cg_dwarf_text_map(struct cg *c);
/* The per-site fault counts of reads through pointers, created on first use. */
/* The function names of kprobe.multi programs by address, created on first use. */
LLVMValueRef cg_funcs_map(struct cg *c);
/* qt_stats[idx] += 1 */
void cg_stat_inc(struct cg *c, uint32_t idx);
void cg_stat_store(struct cg *c, uint32_t idx, LLVMValueRef v);
/* -k: count a negative ret of helper at n (struct helper_site); a no-op without -k. */
void cg_check_helper(struct cg *c, LLVMValueRef ret, const char *helper, struct node *n);
/* A context builtin's probe_read_user result, counted at its node (c->ctx_node). */
void cg_check_ctx_read(struct cg *c, LLVMValueRef ret);
LLVMValueRef cg_elem_or_zero(struct cg *c, struct node *n, LLVMValueRef p, LLVMValueRef dst,
			     LLVMBasicBlockRef found, LLVMBasicBlockRef absent);
/* if (ret < 0) qt_stats[QT_STAT_MAP_FAIL(m)]++ */
void cg_check_update(struct cg *c, LLVMValueRef ret, struct mapinfo *m);
/* Read @m[k] (absent: 0 / zero bytes) */
LLVMValueRef cg_map_read(struct cg *c, struct node *n);
/* cg_full.c: update(BPF_ANY), skipped and failed when m is known full and key new */
LLVMValueRef cg_full_update(struct cg *c, struct mapinfo *m, LLVMValueRef map,
			    LLVMValueRef key, LLVMValueRef val);
/* @m[k]++ / @m[k]-- in place; NULL where the map's values do not allow it */
LLVMValueRef cg_map_incdec(struct cg *c, struct node *e, bool inc, int size, bool sign,
			   LLVMValueRef *oldp);
/* @m[k] = value already computed (type t) */
void cg_map_write(struct cg *c, struct node *n, const struct type *t, LLVMValueRef v);
void cg_map_write_expr(struct cg *c, struct node *mapnode, struct node *rhs);

/* cg_tstore.c: maps in task storage (mapinfo.task_storage), key always tid */
LLVMValueRef cg_tstore_read(struct cg *c, struct node *n);
/* Store the value bytes at val (bpf_value_size - 8 of them) as this thread's element. */
void cg_tstore_write(struct cg *c, struct mapinfo *m, LLVMValueRef val);
void cg_tstore_delete(struct cg *c, struct mapinfo *m);
LLVMValueRef cg_tstore_has(struct cg *c, struct mapinfo *m);

/* cg_str.c */
LLVMValueRef cg_str_cmp(struct cg *c, struct node *l, struct node *r, bool eq);
/* i1: the strings at a and b are equal in their first n bytes or up to a NUL. */
LLVMValueRef cg_str_same(struct cg *c, LLVMValueRef a, LLVMValueRef b, int n);

/* cg_tuple.c: n is l == r or l != r of two tuples (sema_tuple_compare): i64 0/1. */
LLVMValueRef cg_tuple_cmp(struct cg *c, struct node *n, bool eq);

/* cg_events.c */
/* Send hdr {kind, id} + payload (size bytes, payload region already filled) */
LLVMValueRef cg_event_buf(struct cg *c, int payload, LLVMValueRef *payload_ptr);
void cg_event_send(struct cg *c, LLVMValueRef rec, int kind, uint32_t id,
		   int payload, bool force_wakeup);

/* printf's record layout under event kind (EV_PRINTF, EV_SYSTEM, EV_CAT). */
LLVMValueRef cg_fmt_event(struct cg *c, struct node *n, int kind);
/* cg_loop.c: for over maps and ranges, while; loop bodies are callbacks */
void cg_for(struct cg *c, struct node *n);
void cg_while(struct cg *c, struct node *n);
/* break/continue in a callback loop: true when handled (the innermost loop is one) */
bool cg_loop_jump(struct cg *c, struct node *n);
/* Find the $variables loop bodies of the probe body share (c->loopvars). */
void cg_loop_vars(struct cg *c, struct node *body);
bool cg_loop_shared(struct cg *c, struct node *var);
/* The number of elements of map m (bpf_for_each_map_elem); at: len() for errors. */
LLVMValueRef cg_map_len(struct cg *c, struct node *at, struct mapinfo *m);

/* cg_percpu.c: a per-CPU aggregation's value summed over the CPUs; at: for errors */
LLVMValueRef cg_percpu_read(struct cg *c, struct node *at, struct mapinfo *m,
			    LLVMValueRef key);

/* cg_kfeat.c: the helpers qtrace uses only where the kernel has them */
enum kfeat {
	KF_LOOP,		/* bpf_loop: for ranges and while as callbacks */
	KF_FOR_EACH,		/* bpf_for_each_map_elem: for over maps, len() */
	KF_PERCPU_LOOKUP,	/* bpf_map_lookup_percpu_elem: count()/sum() reads */
	KF_COUNT
};
bool kfeat_has(enum kfeat f);		/* asked of the kernel once */
bool kfeat_forced_off(enum kfeat f);	/* named in QTRACE_NO_FEATURES */
const char *kfeat_helper(enum kfeat f);	/* "bpf_loop" */
const char *kfeat_since(enum kfeat f);	/* "5.17" */
const char *kfeat_why(enum kfeat f);
/* codegen made a loop inline (no bpf_loop): kfeat_inline_loops() says so */
void kfeat_note_inline(void);
/* A located error: what at needs, which helper and Linux version, and why it is missing. */
void kfeat_error(struct cg *c, struct node *at, enum kfeat f, const char *what);

/* cg_tseries.c */
void cg_tseries_update(struct cg *c, struct mapinfo *m, LLVMValueRef key, LLVMValueRef v);

/* cg_agg.c */
void cg_agg_assign(struct cg *c, struct node *lhs, struct node *call);

/* cg_ctx.c */
LLVMValueRef cg_ctx_node(struct cg *c, struct node *n, const char *name, int num,
			 const struct field *f);

/* Report an internal limitation at n; codegen then fails. */
void cg_error(struct cg *c, struct node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
