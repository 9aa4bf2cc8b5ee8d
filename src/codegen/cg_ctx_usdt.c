// SPDX-License-Identifier: GPL-2.0
/*
 * usdt argN: each site says where its arguments are (usdt_args.c): a
 * register of pt_regs, a constant, or user memory at base + index * scale +
 * disp; the value is then sign- or zero-extended from its size.
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/probes/usdt_notes.h"

static LLVMValueRef reg(struct cg *c, const char *name)
{
	int off = cg_regs_offset(name);

	return cg_load_int(c, cg_gep(c, c->ctxarg, off < 0 ? 0 : off), 8, false);
}

static LLVMValueRef address(struct cg *c, const struct usdt_arg *a)
{
	LLVMValueRef addr = cg_i64(c, (uint64_t)a->val);

	if (a->reg)
		addr = LLVMBuildAdd(c->b, addr, reg(c, a->reg), "");
	if (a->index)
		addr = LLVMBuildAdd(c->b, addr, LLVMBuildMul(c->b, reg(c, a->index),
							     cg_i64(c, a->scale), ""), "");
	return addr;
}

/*
 * A failed read (the page is not in memory) gives 0, as *p does, and is
 * counted at argN's place like every other failed read.
 */
static LLVMValueRef mem(struct cg *c, const struct usdt_arg *a)
{
	LLVMValueRef buf = cg_buf(c, 8);
	LLVMValueRef args[3];

	cg_store_int(c, buf, cg_i64(c, 0), 8);
	args[0] = buf;
	args[1] = cg_i32(c, a->size);
	args[2] = LLVMBuildIntToPtr(c->b, address(c, a), c->ptr, "");
	cg_check_ctx_read(c, cg_helper(c, BPF_FUNC_probe_read_user, c->i64, args, 3));
	return cg_load_int(c, buf, a->size, a->is_signed);
}

LLVMValueRef cg_ctx_usdt(struct cg *c, struct probe_inst *pi, const char *name,
			 int n, const struct field *f)
{
	const struct usdt_note *u = pi->prov_data;
	const struct usdt_arg *a;
	LLVMValueRef v;

	if (strcmp(name, "arg") || !u || n < 0 || n >= u->nargs)
		return NULL;
	a = &u->arg[n];
	switch (a->kind) {
	case USDT_ARG_REG:
		v = reg(c, a->reg);
		if (a->shift)
			v = LLVMBuildLShr(c->b, v, cg_i64(c, a->shift), "");
		break;
	case USDT_ARG_CONST:
		v = cg_i64(c, (uint64_t)a->val);
		break;
	case USDT_ARG_MEM:
		return mem(c, a);
	default:
		return NULL;
	}
	return a->size < 8 ? cg_normalize(c, v, a->size, a->is_signed) : v;
}
