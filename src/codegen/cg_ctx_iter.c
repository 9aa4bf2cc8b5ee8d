// SPDX-License-Identifier: GPL-2.0
/*
 * BPF iterator context (iter:task, iter:task_file, iter:task_vma): ctx is the
 * kernel's struct bpf_iter__NAME, its fields read by direct context loads.
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"

/* The object pointers of the context (all but meta): NULL in the last run. */
static bool is_object(const struct field *f)
{
	return f->type->kind == T_PTR && strcmp(f->name, "meta");
}

/*
 * if (!ctx->task || ...) return 0; then one byte to the seq_file (see
 * ITER_BATCH).  The kernel runs the program once more after the last object
 * with the pointers NULL, and the verifier allows no arithmetic on them
 * before this check ("pointer arithmetic on ptr_or_null_ prohibited, null-check
 * it first"): the body reads the checked values, kept in c->prov_vals.
 */
void cg_prologue_iter(struct cg *c, struct probe_inst *pi)
{
	const struct type *rec = pi->args_type;
	LLVMBasicBlockRef stop = cg_block(c, "iter_end"), go;
	LLVMValueRef v, meta, seq, byte, args[3];
	int i, k = 0;

	for (i = 0; i < rec->nfields && k < CG_MAX_PROV_VALS; i++) {
		if (!is_object(&rec->fields[i]))
			continue;
		v = cg_load_int(c, cg_gep(c, c->ctxarg, rec->fields[i].offset), 8, false);
		c->prov_vals[k++] = v;
		go = cg_block(c, "iter_obj");
		LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, v, cg_i64(c, 0), ""), stop, go);
		LLVMPositionBuilderAtEnd(c->b, go);
	}
	go = LLVMGetInsertBlock(c->b);
	LLVMPositionBuilderAtEnd(c->b, stop);
	cg_ret0(c);
	LLVMPositionBuilderAtEnd(c->b, go);

	/* meta is the first member, seq the first of struct bpf_iter_meta */
	meta = cg_load_int(c, c->ctxarg, 8, false);
	seq = cg_load_int(c, LLVMBuildIntToPtr(c->b, meta, c->ptr, ""), 8, false);
	byte = cg_alloca(c, c->i64, "iter_byte");
	LLVMBuildStore(c->b, cg_i64(c, 0), byte);
	args[0] = LLVMBuildIntToPtr(c->b, seq, c->ptr, "");
	args[1] = byte;
	args[2] = cg_i32(c, 1);
	cg_helper(c, BPF_FUNC_seq_write, c->i64, args, 3);
}

LLVMValueRef cg_ctx_iter(struct cg *c, struct probe_inst *pi, const char *name,
			 int n, const struct field *want)
{
	const struct type *rec = pi->args_type;
	int i, k = 0;

	if (strcmp(name, "ctx"))
		return NULL;
	if (!want)
		return LLVMBuildPtrToInt(c->b, c->ctxarg, c->i64, "");
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (strcmp(f->name, want->name)) {
			k += is_object(f);
			continue;
		}
		if (is_object(f))
			return k < CG_MAX_PROV_VALS ? c->prov_vals[k] : NULL;
		if (f->type->kind == T_PTR)
			return cg_load_int(c, cg_gep(c, c->ctxarg, f->offset), 8, false);
		if (f->type->kind == T_INT)
			return cg_load_int(c, cg_gep(c, c->ctxarg, f->offset), f->type->size,
					   f->type->is_signed);
		return NULL;
	}
	return NULL;
}
