/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probe providers: each probe type is one file under src/runtime/ exporting a
 * const struct provider, listed in providers[] (provider.c).  Nothing else
 * switches on the probe type.
 */
#ifndef QT_PROVIDER_H
#define QT_PROVIDER_H

#include <stdbool.h>
#include <string.h>
#include <linux/bpf.h>
#include <llvm-c/Types.h>
#include "program.h"

struct node;
struct cg;
struct tracer;
struct bpf_program;
struct field;

struct provider {
	const char *name;		/* "tracepoint" */
	const char *const *aliases;	/* exact strings, NULL-terminated: {"t", NULL} */
	enum bpf_prog_type prog_type;
	const char *usage;		/* "tracepoint:CATEGORY:NAME" for messages */

	/*
	 * Check an N_ATTACH's parts (attach.parts[0] is the provider name as
	 * written) and add one probe_inst per concrete attach point to p
	 * (wildcards expanded) with prog_add_inst().  Errors via diag_error
	 * at the attach loc, with the fix; returns 0 or -1.
	 */
	int (*expand)(struct program *p, struct node *probe, struct node *attach);

	/*
	 * Context builtins: type of `args`, `argN` (n), `retval` in pi, or
	 * NULL when this provider has no such thing.  NULL hook: none at all.
	 */
	struct type *(*ctx_type)(struct probe_inst *pi, const char *name, int n);
	/*
	 * args->field where only that field is needed: a record holding at
	 * least it that is cheaper to get than ctx_type's, or NULL for
	 * ctx_type's.  May be NULL.
	 */
	struct type *(*ctx_field_type)(struct probe_inst *pi, const char *field);
	/*
	 * When ctx_type gave NULL: a note on why (arena), e.g. how many
	 * arguments pi has, or NULL.  May be NULL.
	 */
	const char *(*ctx_hint)(struct probe_inst *pi, const char *name, int n);
	/*
	 * Lower a context builtin: name "args" with field f (args.f), "arg"
	 * with n, or "retval".  Lives in src/codegen/cg_ctx.c.
	 */
	LLVMValueRef (*cg_ctx)(struct cg *c, struct probe_inst *pi,
			       const char *name, int n, const struct field *f);

	/*
	 * Code at the start of each program of pi, before the predicate
	 * (iter: skip the last run, whose object is NULL).  May be NULL.
	 */
	void (*cg_prologue)(struct cg *c, struct probe_inst *pi);

	/*
	 * After sema, before codegen: may change pi (section, provider) now
	 * that the body's use of the context is known.  NULL: nothing to do.
	 */
	void (*finalize)(struct probe_inst *pi);

	/* Attach the loaded program; the tracer owns what this opens. */
	int (*attach)(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog);

	/*
	 * Run pi once, in script order, after every probe is attached and
	 * started (iter: read the iterator to its end); errors reported,
	 * 0 or -1.  NULL: the program runs when its event fires.
	 */
	int (*run)(struct tracer *t, struct probe_inst *pi);
	/*
	 * pi runs only through run: a script whose probes are all these,
	 * BEGIN and END ends once they have run.
	 */
	bool runs_once;

	/*
	 * The kernel refused pi's program (err: positive errno, log: the
	 * verifier's, maybe empty).  Report it and return true when the
	 * provider knows the cause; false: the generic message.  May be NULL.
	 */
	bool (*load_error)(struct probe_inst *pi, int err, const char *log);

	/*
	 * The kernel runs the programs on one site latest-attached first:
	 * attach these in reverse script order (attach_order() in tracer.c).
	 * Measured on 6.1, 6.12 and 6.18: uprobes, uretprobes, kprobes and
	 * trampolines (fentry, fexit) add at the head; kretprobes and
	 * tracepoints at the tail.
	 */
	bool attach_reversed;

	/* override() may change the probed function's return value (kprobes). */
	bool error_injection;

	/*
	 * The probe fires in every process: with -p, its program first
	 * checks `pid == PID` (bpftrace 0.24).  Providers that attach to the
	 * process itself (uprobes, perf events) leave this false.
	 */
	bool pid_filter;

	/*
	 * The probe fires in a user program (uprobes, usdt): an integer cast
	 * to a pointer, ((struct foo *)arg0)->a, reads user memory.
	 */
	bool user_ctx;

	/*
	 * -l: print every probe whose full name matches the glob, with -v its
	 * fields (rt_list_verbose()) indented by four spaces; NULL: none.
	 */
	int (*list)(const char *glob);
};

extern const struct provider *const providers[];	/* NULL-terminated */

/* By name or alias, exact match; NULL if unknown. */
const struct provider *provider_find(const char *name);
/* The closest provider name for a did-you-mean note, or NULL. */
const char *provider_suggest(const char *name);
/* Append a probe instance to p; returns it (arena). */
struct probe_inst *prog_add_inst(struct program *p, struct node *probe,
				 struct node *attach, const struct provider *prov,
				 const char *name);

/* bpftrace's probetype: the provider's name, "special" for BEGIN and END */
static inline const char *probe_type_name(const struct probe_inst *pi)
{
	const char *p = pi->provider ? pi->provider->name : "";

	return !strcmp(p, "BEGIN") || !strcmp(p, "END") ? "special" : p;
}

#endif
