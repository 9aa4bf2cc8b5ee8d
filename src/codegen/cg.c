// SPDX-License-Identifier: GPL-2.0
/* The codegen driver: module and target, one function per probe, optimisation, emission. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include "codegen/cg.h"
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/provider.h"
#include "util/diag.h"
#include "util/timing.h"

void cg_error(struct cg *c, struct node *n, const char *fmt, ...)
{
	char msg[256];
	struct loc none = { 0 };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_error(n ? n->loc : none, "%s", msg);
	c->errors++;
}

LLVMValueRef cg_i64(struct cg *c, uint64_t v)
{
	return LLVMConstInt(c->i64, v, 0);
}

LLVMValueRef cg_i32(struct cg *c, uint32_t v)
{
	return LLVMConstInt(c->i32, v, 0);
}

/*
 * Helpers are called by number: an indirect call through inttoptr(id)
 * lowers to "call id" (see the facts file, section 1).
 */
LLVMValueRef cg_helper(struct cg *c, enum bpf_func_id id, LLVMTypeRef ret,
		       LLVMValueRef *args, int nargs)
{
	LLVMTypeRef at[8];
	LLVMTypeRef fty;
	LLVMValueRef fp;
	int i;

	for (i = 0; i < nargs; i++)
		at[i] = LLVMTypeOf(args[i]);
	fty = LLVMFunctionType(ret, at, nargs, 0);
	fp = LLVMConstIntToPtr(cg_i64(c, id), c->ptr);
	return LLVMBuildCall2(c->b, fty, fp, args, nargs, "");
}

/*
 * A helper whose result cannot change while the probe runs (pid, uid,
 * cpu ...): marked memory(none) so LLVM shares repeated calls.
 */
LLVMValueRef cg_helper_pure(struct cg *c, enum bpf_func_id id, LLVMTypeRef ret)
{
	LLVMValueRef call = cg_helper(c, id, ret, NULL, 0);
	static const char *const attrs[] = { "memory", "nounwind", "willreturn" };
	unsigned i, kind;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		kind = LLVMGetEnumAttributeKindForName(attrs[i], strlen(attrs[i]));
		LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
					 LLVMCreateEnumAttribute(c->ctx, kind, 0));
	}
	return call;
}

/*
 * A clock (ktime_get_*_ns): each call reads the time anew, but it writes no
 * memory the program can see: memory(inaccessiblemem: readwrite), so LLVM
 * keeps values loaded from maps across it (lat's sys_exit reloaded
 * @start[tid] after nsecs: 3 instructions per event).  The encoding is
 * LLVM's MemoryEffects: 2 bits per location, inaccessible memory second.
 */
LLVMValueRef cg_helper_clock(struct cg *c, enum bpf_func_id id)
{
	LLVMValueRef call = cg_helper(c, id, c->i64, NULL, 0);
	static const struct { const char *name; uint64_t val; } attrs[] = {
		{ "memory", 3 << 2 }, { "nounwind", 0 }, { "willreturn", 0 },
	};
	unsigned i, kind;

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		kind = LLVMGetEnumAttributeKindForName(attrs[i].name, strlen(attrs[i].name));
		LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
					 LLVMCreateEnumAttribute(c->ctx, kind, attrs[i].val));
	}
	return call;
}

LLVMBasicBlockRef cg_block(struct cg *c, const char *name)
{
	return LLVMAppendBasicBlockInContext(c->ctx, c->fn, name);
}

bool cg_terminated(struct cg *c)
{
	LLVMBasicBlockRef bb = LLVMGetInsertBlock(c->b);

	return LLVMGetBasicBlockTerminator(bb) != NULL;
}

void cg_continue_dead(struct cg *c)
{
	LLVMPositionBuilderAtEnd(c->b, cg_block(c, "dead"));
}

/* Programs always return 0: returning 1 from a tracepoint program costs ~130 ns per event. */
void cg_ret0(struct cg *c)
{
	if (c->cb_stop) {
		LLVMBuildStore(c->b, cg_i64(c, 1), c->cb_stop);
		LLVMBuildRet(c->b, cg_i64(c, 1));
		return;
	}
	LLVMBuildRet(c->b, cg_i32(c, 0));
}

/*
 * A DISubprogram per function, so that the object has BTF func_info:
 * the verifier wants it for every program with a callback ("missing btf
 * func_info"), and a callback must be static ("callback function not
 * static").  Parameters must be named, or the kernel rejects the BTF.
 */
void cg_fn_debug(struct cg *c, LLVMValueRef fn, const char *name, int nparams, bool local)
{
	static const char *const pnames[] = { "a0", "a1", "a2", "a3" };
	LLVMMetadataRef types[5], fty, sp, vptr, pv;
	int i;

	vptr = LLVMDIBuilderCreatePointerType(c->di, NULL, 64, 64, 0, "", 0);
	types[0] = LLVMDIBuilderCreateBasicType(c->di, local ? "long" : "int", local ? 4 : 3,
						local ? 64 : 32, 0x05 /* DW_ATE_signed */, 0);
	for (i = 0; i < nparams; i++)
		types[i + 1] = vptr;
	fty = LLVMDIBuilderCreateSubroutineType(c->di, c->di_file, types, nparams + 1,
						LLVMDIFlagZero);
	sp = LLVMDIBuilderCreateFunction(c->di, c->di_file, name, strlen(name), name,
					 strlen(name), c->di_file, 1, fty, local, 1, 1,
					 LLVMDIFlagPrototyped, 1);
	for (i = 0; i < nparams; i++) {
		pv = LLVMDIBuilderCreateParameterVariable(c->di, sp, pnames[i], 2, i + 1,
							  c->di_file, 1, vptr, 1, LLVMDIFlagZero);
		(void)pv;
	}
	LLVMSetSubprogram(fn, sp);
}

void cg_fn_attr(struct cg *c, LLVMValueRef fn, const char *name)
{
	unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));

	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
				LLVMCreateEnumAttribute(c->ctx, kind, 0));
}

/* Close the entry block: check the scratch area there, then fall into the body. */
void cg_fn_finish(struct cg *c, LLVMBasicBlockRef body)
{
	LLVMBasicBlockRef out;
	LLVMValueRef isnull;

	cg_tmp_finish(c);
	LLVMPositionBuilderAtEnd(c->b, c->entry);
	if (!c->scratch_ptr) {
		LLVMBuildBr(c->b, body);
		return;
	}
	out = cg_block(c, "noscratch");
	isnull = LLVMBuildIsNull(c->b, c->scratch_ptr, "");
	LLVMBuildCondBr(c->b, isnull, out, body);
	LLVMPositionBuilderAtEnd(c->b, out);
	cg_ret0(c);
}

/* QT_RUN_VAR, made on first use. */
LLVMValueRef cg_run_var(struct cg *c)
{
	if (!c->run) {
		c->run = LLVMAddGlobal(c->mod, c->i32, QT_RUN_VAR);
		LLVMSetInitializer(c->run, LLVMConstInt(c->i32, 0, 0));
		LLVMSetSection(c->run, QT_RUN_SECTION);
		LLVMSetAlignment(c->run, 4);
	}
	return c->run;
}

/* if (!qt_run) return 0;  see QT_RUN_VAR */
static void gen_run_check(struct cg *c)
{
	LLVMBasicBlockRef stop = cg_block(c, "stopped"), go = cg_block(c, "go");
	LLVMValueRef v;

	/* volatile: user space writes it behind the program's back */
	v = LLVMBuildLoad2(c->b, c->i32, cg_run_var(c), "run");
	LLVMSetVolatile(v, 1);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, v, LLVMConstInt(c->i32, 0, 0), ""),
			stop, go);
	LLVMPositionBuilderAtEnd(c->b, stop);
	cg_ret0(c);
	LLVMPositionBuilderAtEnd(c->b, go);
}

/*
 * -p PID on a probe that fires for every process (a tracepoint): the
 * implicit predicate `pid == PID` of bpftrace 0.24.
 */
static void gen_pid_check(struct cg *c)
{
	LLVMBasicBlockRef other = cg_block(c, "otherpid"), same = cg_block(c, "pid");
	LLVMValueRef eq = LLVMBuildICmp(c->b, LLVMIntEQ, cg_pid(c, NULL),
					cg_i64(c, (uint64_t)c->p->pid), "");

	LLVMBuildCondBr(c->b, eq, same, other);
	LLVMPositionBuilderAtEnd(c->b, other);
	cg_ret0(c);
	LLVMPositionBuilderAtEnd(c->b, same);
}

static void gen_probe(struct cg *c, struct probe_inst *pi)
{
	struct node *probe = pi->probe;
	LLVMTypeRef fty = LLVMFunctionType(c->i32, &c->ptr, 1, 0);
	LLVMBasicBlockRef body, run, skip;
	char name[32];

	snprintf(name, sizeof(name), "p%d", pi->id);
	c->fn = LLVMAddFunction(c->mod, name, fty);
	LLVMSetSection(c->fn, pi->section);
	cg_fn_attr(c, c->fn, "nounwind");
	c->ctxarg = LLVMGetParam(c->fn, 0);
	LLVMSetValueName2(c->ctxarg, "ctx", 3);

	c->pi = pi;
	c->stack_used = 0;
	c->scratch_used = 0;
	c->scratch_ptr = NULL;
	c->nvars = 0;
	c->nloops = 0;
	c->dst = NULL;
	c->tmp_base = NULL;
	c->tmp_used = 0;
	c->tmp_max = 0;
	c->ncached = 0;
	c->cond_depth = 0;
	c->cb_stop = NULL;
	c->uses_cb = false;
	c->entry = cg_block(c, "entry");
	body = cg_block(c, "body");
	c->body = body;
	LLVMPositionBuilderAtEnd(c->b, body);
	cg_loop_vars(c, probe->probe.body);

	if (!pi->special)
		gen_run_check(c);
	if (c->p->pid > 0 && pi->provider->pid_filter)
		gen_pid_check(c);
	if (pi->provider->cg_prologue)
		pi->provider->cg_prologue(c, pi);
	if (probe->probe.pred) {
		run = cg_block(c, "run");
		skip = cg_block(c, "skip");
		LLVMBuildCondBr(c->b, cg_cond(c, probe->probe.pred), run, skip);
		LLVMPositionBuilderAtEnd(c->b, skip);
		cg_ret0(c);
		LLVMPositionBuilderAtEnd(c->b, run);
	}
	if (probe->probe.body)
		cg_stmts(c, probe->probe.body->block.stmts);
	if (!cg_terminated(c))
		cg_ret0(c);
	cg_fn_finish(c, body);
	/* func_info only where the verifier wants it: programs without callbacks load as before */
	if (c->uses_cb)
		cg_fn_debug(c, c->fn, name, 1, false);
	cg_budget_scratch(c);
	if (c->scratch_used > c->scratch_size)
		c->scratch_size = c->scratch_used;
}

static void add_license(struct cg *c)
{
	LLVMValueRef init = LLVMConstStringInContext(c->ctx, "GPL", 3, 0);
	LLVMValueRef g = LLVMAddGlobal(c->mod, LLVMTypeOf(init), "_license");

	LLVMSetInitializer(g, init);
	LLVMSetSection(g, "license");
}

/* LLVM 19's BPF data layout, set before the target machine exists (make_tm checks it). */
#define BPF_DATALAYOUT "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"

static int init_target(struct cg *c)
{
	static bool done;

	if (!done) {
		LLVMInitializeBPFTargetInfo();
		LLVMInitializeBPFTarget();
		LLVMInitializeBPFTargetMC();
		LLVMInitializeBPFAsmPrinter();
		cg_budget_guard();
		done = true;
	}
	c->cpu = "v3";
	LLVMSetTarget(c->mod, "bpfel");
	LLVMSetDataLayout(c->mod, BPF_DATALAYOUT);
	return 0;
}

/*
 * The one target machine, made after the budget has chosen the CPU and only
 * when the object is not cached (it is 0.8 of the 13 million instructions
 * of a one-liner's start-up).  LLVMCodeGenLevelLess gives the same code for
 * the bench's scripts and saves nothing measurable; None gives worse code.
 */
static int make_tm(struct cg *c)
{
	LLVMTargetRef t;
	LLVMTargetDataRef td;
	char *err = NULL, *layout;
	int bad;

	if (LLVMGetTargetFromTriple("bpfel", &t, &err)) {
		diag_rt_error((struct loc){ 0 }, "no BPF target in LLVM: %s", err);
		LLVMDisposeMessage(err);
		return -1;
	}
	c->tm = LLVMCreateTargetMachine(t, "bpfel", c->cpu, "",
					LLVMCodeGenLevelDefault, LLVMRelocStatic,
					LLVMCodeModelDefault);
	td = LLVMCreateTargetDataLayout(c->tm);
	layout = LLVMCopyStringRepOfTargetData(td);
	bad = strcmp(layout, BPF_DATALAYOUT);
	if (bad)
		diag_rt_error((struct loc){ 0 }, "internal error: the BPF data layout is '%s', not '%s'",
			      layout, BPF_DATALAYOUT);
	LLVMDisposeMessage(layout);
	LLVMDisposeTargetData(td);
	return bad ? -1 : 0;
}

/* Debug info is what carries the BTF of the .maps globals (libbpf 1.x needs it). */
static void init_debug_info(struct cg *c)
{
	const char *file = c->p->source_name ? c->p->source_name : "<cmdline>";
	unsigned ver = LLVMDebugMetadataVersion();

	c->di = LLVMCreateDIBuilder(c->mod);
	c->di_file = LLVMDIBuilderCreateFile(c->di, file, strlen(file), "", 0);
	c->di_cu = LLVMDIBuilderCreateCompileUnit(c->di, LLVMDWARFSourceLanguageC,
		c->di_file, "qtrace", 6, 1, "", 0, 0, "", 0,
		LLVMDWARFEmissionFull, 0, 0, 0, "", 0, "", 0);
	c->di_int = LLVMDIBuilderCreateBasicType(c->di, "int", 3, 32,
						 0x05 /* DW_ATE_signed */, 0);
	LLVMAddModuleFlag(c->mod, LLVMModuleFlagBehaviorWarning,
			  "Debug Info Version", 18,
			  LLVMValueAsMetadata(cg_i32(c, ver)));
}

/*
 * The BPF backend reports some refusals (a frame past the 512-byte stack,
 * an unsupported call) as diagnostics, and LLVM's default handler prints
 * them and exit()s: keep the first error for emit() to report at its probe.
 */
static void on_diagnostic(LLVMDiagnosticInfoRef di, void *arg)
{
	struct cg *c = arg;

	if (LLVMGetDiagInfoSeverity(di) != LLVMDSError || c->llvm_error)
		return;
	c->llvm_error = LLVMGetDiagInfoDescription(di);
}

static int setup(struct cg *c, struct program *p)
{
	c->p = p;
	c->ctx = LLVMContextCreate();
	LLVMContextSetDiagnosticHandler(c->ctx, on_diagnostic, c);
	c->mod = LLVMModuleCreateWithNameInContext("qtrace", c->ctx);
	c->b = LLVMCreateBuilderInContext(c->ctx);
	c->i1 = LLVMInt1TypeInContext(c->ctx);
	c->i8 = LLVMInt8TypeInContext(c->ctx);
	c->i16 = LLVMInt16TypeInContext(c->ctx);
	c->i32 = LLVMInt32TypeInContext(c->ctx);
	c->i64 = LLVMInt64TypeInContext(c->ctx);
	c->ptr = LLVMPointerTypeInContext(c->ctx, 0);
	c->voidt = LLVMVoidTypeInContext(c->ctx);
	if (init_target(c))
		return -1;
	init_debug_info(c);
	return 0;
}

static void teardown(struct cg *c)
{
	LLVMDisposeMessage(c->llvm_error);
	free(c->vars);
	free(c->loopvars);
	free(c->maps);
	free(c->shrinks);
	free(c->full_flags);
	if (c->di)
		LLVMDisposeDIBuilder(c->di);
	if (c->b)
		LLVMDisposeBuilder(c->b);
	if (c->mod)
		LLVMDisposeModule(c->mod);
	if (c->tm)
		LLVMDisposeTargetMachine(c->tm);
	if (c->ctx)
		LLVMContextDispose(c->ctx);
}

/*
 * Probes are single straight-line functions with helper calls: this
 * short pipeline gives the code of default<O2> (within a few instructions
 * on cold paths) at half its cost (BEGIN: 2.9 ms against 5.7 ms of
 * compile; 343 syscalls:sys_enter_* probes: 0.7 s against 1.1 s).
 * QTRACE_CG_PASSES overrides it, for experiments.  LLVM 19's instcombine
 * aborts the process ("Instruction Combining did not reach a fixpoint after
 * 1 iterations") on long byte-compare chains such as strncmp(comm, "x", 6)
 * unless told a missed fixpoint is no error (also: two iter probes reading
 * vm_file->f_path names, compile/instcombine-fixpoint.qt).
 */
#define CG_PASSES "function(sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg,gvn,dse,simplifycfg)"

static int optimize(struct cg *c, const char *pipeline)
{
	LLVMPassBuilderOptionsRef o = LLVMCreatePassBuilderOptions();
	LLVMErrorRef err;

	err = LLVMRunPasses(c->mod, pipeline, c->tm, o);
	LLVMDisposePassBuilderOptions(o);
	if (err) {
		char *msg = LLVMGetErrorMessage(err);

		diag_rt_error((struct loc){ 0 }, "optimisation failed: %s", msg);
		LLVMDisposeErrorMessage(msg);
		return -1;
	}
	return 0;
}

/* A backend diagnostic, at the probe it names ("in function pN"). */
static void backend_error(struct cg *c)
{
	const char *f = strstr(c->llvm_error, "in function p");
	struct probe_inst *pi = NULL;
	int id;

	if (f && sscanf(f + 13, "%d", &id) == 1 && id >= 0 && id < c->p->ninsts)
		pi = c->p->insts[id];
	if (strstr(c->llvm_error, "stack limit")) {
		if (pi)
			diag_error(pi->attach->loc, "probe '%s' needs more than the 512 bytes of BPF stack", pi->name);
		else
			diag_rt_error((struct loc){ 0 }, "a probe needs more than the 512 bytes of BPF stack");
		diag_note("a long string literal or a large value lives on the stack: use shorter literals, or keep big values in maps");
	} else if (pi) {
		diag_error(pi->attach->loc, "BPF code generation failed in probe '%s': %s", pi->name, c->llvm_error);
	} else {
		diag_rt_error((struct loc){ 0 }, "BPF code generation failed: %s", c->llvm_error);
	}
}

static int emit(struct cg *c, LLVMModuleRef m, LLVMCodeGenFileType kind,
		LLVMMemoryBufferRef *out)
{
	char *err = NULL;

	if (LLVMTargetMachineEmitToMemoryBuffer(c->tm, m, kind, &err, out)) {
		diag_rt_error((struct loc){ 0 }, "BPF code generation failed: %s", err);
		LLVMDisposeMessage(err);
		return -1;
	}
	if (c->llvm_error) {
		LLVMDisposeMemoryBuffer(*out);
		backend_error(c);
		return -1;
	}
	return 0;
}

static int dump_asm(struct cg *c)
{
	LLVMModuleRef m = LLVMCloneModule(c->mod);
	LLVMMemoryBufferRef buf;
	int ret = emit(c, m, LLVMAssemblyFile, &buf);

	if (!ret) {
		fwrite(LLVMGetBufferStart(buf), 1, LLVMGetBufferSize(buf), stdout);
		LLVMDisposeMemoryBuffer(buf);
	}
	LLVMDisposeModule(m);
	return ret;
}

/* The object from the cache (true), or the key to store it under. */
static bool cached(struct cg *c, unsigned dump, const char *pipeline, char **key, size_t *len)
{
	*key = dump ? NULL : cg_cache_key(c, c->cpu, pipeline, len);
	if (*key && (c->p->elf = cg_cache_lookup(*key, *len, &c->p->elf_size))) {
		free(*key);
		*key = NULL;
		timing_mark("cache-hit");
		return true;
	}
	timing_mark("cache");
	return false;
}

static int finish(struct cg *c, unsigned dump)
{
	LLVMMemoryBufferRef buf;
	const char *pipeline = getenv("QTRACE_CG_PASSES");
	char *msg = NULL, *key;
	size_t klen = 0;
	int ret = -1;

	if (!pipeline)
		pipeline = CG_PASSES;
	if (LLVMVerifyModule(c->mod, LLVMReturnStatusAction, &msg)) {
		diag_rt_error((struct loc){ 0 }, "internal error: invalid LLVM IR: %s", msg);
		LLVMDisposeMessage(msg);
		return -1;
	}
	LLVMDisposeMessage(msg);
	timing_mark("codegen");
	if (cached(c, dump, pipeline, &key, &klen))
		return 0;
	if (make_tm(c) || optimize(c, pipeline))
		goto out;
	timing_mark("llvm-opt");
	if (dump & CG_DUMP_IR) {
		msg = LLVMPrintModuleToString(c->mod);
		fputs(msg, stdout);
		LLVMDisposeMessage(msg);
	}
	if ((dump & CG_DUMP_ASM) && dump_asm(c))
		goto out;
	if (emit(c, c->mod, LLVMObjectFile, &buf))
		goto out;
	timing_mark("llvm-emit");
	c->p->elf_size = LLVMGetBufferSize(buf);
	c->p->elf = malloc(c->p->elf_size);
	if (c->p->elf)
		memcpy(c->p->elf, LLVMGetBufferStart(buf), c->p->elf_size);
	LLVMDisposeMemoryBuffer(buf);
	if (!c->p->elf) {
		diag_rt_error((struct loc){ 0 }, "out of memory");
		goto out;
	}
	if (key)
		cg_cache_store(key, klen, c->p->elf, c->p->elf_size);
	ret = 0;
out:
	free(key);
	return ret;
}

int cg_compile(struct program *p, unsigned dump)
{
	struct cg c = { 0 };
	int i, ret = -1;

	if (setup(&c, p))
		goto out;
	add_license(&c);
	cg_maps_declare(&c);
	for (i = 0; i < p->ninsts; i++)
		gen_probe(&c, p->insts[i]);
	if (c.errors)
		goto out;
	cg_maps_finish(&c);
	if (cg_budget_check(&c))
		goto out;
	LLVMDIBuilderFinalize(c.di);
	ret = finish(&c, dump);
out:
	teardown(&c);
	return ret;
}
