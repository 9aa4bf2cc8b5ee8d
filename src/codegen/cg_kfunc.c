// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel functions (kfuncs) called from the programs.  Each is an extern
 * declaration in section ".ksyms" with a DISubprogram, so that the object's
 * BTF has it and libbpf resolves it to the kernel's BTF id at load time
 * (the call becomes BPF_PSEUDO_KFUNC_CALL).  libbpf checks the prototype
 * against the kernel's: pointers to structs must point to a struct of
 * that name (its members do not matter).
 */
#include <string.h>
#include "codegen/cg_internal.h"
#include "codegen/cg_builtins.h"
#include "sema/btf_types.h"

/* A named struct without members: enough for libbpf's prototype check. */
static LLVMMetadataRef di_struct_ptr(struct cg *c, const char *name)
{
	LLVMMetadataRef st = LLVMDIBuilderCreateStructType(c->di, c->di_cu, name, strlen(name),
							    c->di_file, 0, 0, 0, LLVMDIFlagZero,
							    NULL, NULL, 0, 0, NULL, "", 0);

	return LLVMDIBuilderCreatePointerType(c->di, st, 64, 64, 0, "", 0);
}

/* The extern kfunc name: ret (NULL: void) taking params; di: its DWARF types, ret first. */
static LLVMValueRef kfunc_decl(struct cg *c, const char *name, LLVMTypeRef ret,
			       LLVMTypeRef *params, int nparams, LLVMMetadataRef *di)
{
	LLVMValueRef fn = LLVMGetNamedFunction(c->mod, name);
	LLVMMetadataRef fty, sp;
	LLVMTypeRef ft;

	if (fn)
		return fn;
	ft = LLVMFunctionType(ret ? ret : LLVMVoidTypeInContext(c->ctx), params, nparams, 0);
	fn = LLVMAddFunction(c->mod, name, ft);
	LLVMSetLinkage(fn, LLVMExternalLinkage);
	LLVMSetSection(fn, ".ksyms");
	fty = LLVMDIBuilderCreateSubroutineType(c->di, c->di_file, di, nparams + 1,
						LLVMDIFlagZero);
	sp = LLVMDIBuilderCreateFunction(c->di, c->di_file, name, strlen(name), name,
					 strlen(name), c->di_file, 1, fty, 0, 0, 1,
					 LLVMDIFlagPrototyped, 1);
	LLVMSetSubprogram(fn, sp);
	return fn;
}

LLVMValueRef cg_kfunc_task_from_pid(struct cg *c, LLVMValueRef pid)
{
	LLVMMetadataRef di[2] = { di_struct_ptr(c, "task_struct"), c->di_int };
	LLVMTypeRef p = c->i32;
	LLVMValueRef fn = kfunc_decl(c, "bpf_task_from_pid", c->ptr, &p, 1, di);

	pid = LLVMBuildTrunc(c->b, pid, c->i32, "");
	return LLVMBuildCall2(c->b, LLVMGlobalGetValueType(fn), fn, &pid, 1, "");
}

void cg_kfunc_task_release(struct cg *c, LLVMValueRef task)
{
	LLVMMetadataRef di[2] = { NULL, di_struct_ptr(c, "task_struct") };
	LLVMTypeRef p = c->ptr;
	LLVMValueRef fn = kfunc_decl(c, "bpf_task_release", NULL, &p, 1, di);

	LLVMBuildCall2(c->b, LLVMGlobalGetValueType(fn), fn, &task, 1, "");
}

/*
 * comm(pid) (bpftrace's stdlib macro): the comm of the task with that pid,
 * looked up in the kernel when the probe runs (bpf_task_from_pid, Linux
 * 6.1), "[Unknown]" when there is none.
 */
LLVMValueRef cg_comm_pid(struct cg *c, struct node *n)
{
	struct type *ts = btf_named_type("struct", "task_struct");
	const struct field *f = ts ? type_field(ts, "comm") : NULL;
	LLVMValueRef pid = cg_expr(c, n->call.args);
	LLVMValueRef dst = cg_take_dst(c, 16), task, a[3];
	LLVMBasicBlockRef found = cg_block(c, "comm.found");
	LLVMBasicBlockRef none = cg_block(c, "comm.none");
	LLVMBasicBlockRef done = cg_block(c, "comm.done");

	if (!f) {
		cg_error(c, n, "comm(pid) needs the kernel's BTF (struct task_struct)");
		return dst;
	}
	task = cg_kfunc_task_from_pid(c, pid);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, task, ""), none, found);
	LLVMPositionBuilderAtEnd(c->b, found);
	a[0] = dst;
	a[1] = cg_i32(c, 16);
	a[2] = cg_gep(c, task, f->offset);
	cg_helper(c, BPF_FUNC_probe_read_kernel_str, c->i64, a, 3);
	cg_kfunc_task_release(c, task);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, none);
	cg_store_const_str(c, dst, "[Unknown]", 9, 16);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return dst;
}
