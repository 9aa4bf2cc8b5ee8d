// SPDX-License-Identifier: GPL-2.0
/*
 * BTF trampoline context (fentry, fexit): the arguments as an array of u64,
 * args->name at the field's offset (8 * slot), retval in the slot after them;
 * argN is slot N (kprobes compiled as fentry, bounded by their ctx_type).
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"

/*
 * Whole 8-byte slots: the verifier types the ctx load by the argument's BTF
 * and narrower loads of a slot gain nothing.
 */
static LLVMValueRef slot(struct cg *c, int off, const struct type *t)
{
	LLVMValueRef v = cg_load_int(c, cg_gep(c, c->ctxarg, off), 8, false);

	if (t->kind == T_INT && t->size < 8)
		v = cg_normalize(c, v, t->size, t->is_signed);
	return v;
}

LLVMValueRef cg_ctx_btf(struct cg *c, struct probe_inst *pi, const char *name,
			int n, const struct field *want)
{
	const struct type *rec = pi->args_type;
	int i;

	if (!strcmp(name, "retval"))
		return slot(c, 8 * (int)pi->arg, &type_i64);
	if (!strcmp(name, "arg") && n >= 0 && n < (int)pi->arg)
		return slot(c, 8 * n, &type_u64);
	if (!strcmp(name, "args") && !want)
		return cg_ctx_record(c, pi, 0);
	if (strcmp(name, "args") || !rec || !want)
		return NULL;
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (strcmp(f->name, want->name))
			continue;
		if (f->type->kind != T_INT && f->type->kind != T_PTR)
			return NULL;
		return slot(c, f->offset, f->type);
	}
	return NULL;
}
