// SPDX-License-Identifier: GPL-2.0
/*
 * pt_regs context (kprobe, kretprobe, uprobe, uretprobe): argN by the x86-64
 * SysV calling convention, retval from ax.  BPF_PROG_TYPE_KPROBE programs may
 * load from the ctx pointer directly at these offsets.
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/symbols/elfaddr.h"
#include "runtime/symbols/dwarf.h"

/*
 * Offsets in struct pt_regs (x86-64 uapi <asm/ptrace.h>): r15 r14 r13 r12 bp
 * bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss, 8 bytes each.
 */
#define REGS_AX	80
#define REGS_SP	152

/* arg0..arg5: di si dx cx r8 r9 */
static const int arg_off[] = { 112, 104, 96, 88, 72, 64 };
/*
 * goarg0..goarg8, Go's ABIInternal (Go 1.17+, cmd/compile/abi-internal.md):
 * ax bx cx di si r8 r9 r10 r11, an integer or pointer word each.
 */
static const int goarg_off[] = { 80, 40, 88, 112, 104, 72, 64, 56, 48 };

/*
 * The k-th stack eightbyte of a function's arguments, at its entry: above
 * the return address, sp + 8 + 8k in user memory (0 if the read fails,
 * which is counted).
 */
static LLVMValueRef stack_arg(struct cg *c, int k)
{
	LLVMValueRef sp = cg_load_int(c, cg_gep(c, c->ctxarg, REGS_SP), 8, false);
	LLVMValueRef buf = cg_buf(c, 8), args[3];

	cg_store_int(c, buf, cg_i64(c, 0), 8);
	args[0] = buf;
	args[1] = cg_i32(c, 8);
	args[2] = LLVMBuildIntToPtr(c->b, LLVMBuildAdd(c->b, sp, cg_i64(c, 8 + 8 * k), ""),
				    c->ptr, "");
	cg_check_ctx_read(c, cg_helper(c, BPF_FUNC_probe_read_user, c->i64, args, 3));
	return cg_load_int(c, buf, 8, false);
}

/* uprobe args.NAME (DWARF): where the field's offset says (dwarf.h). */
static LLVMValueRef dwarf_arg(struct cg *c, const struct field *f)
{
	int loc = f->offset / 8;
	LLVMValueRef v;

	if (f->offset < 0 || (f->type->kind != T_INT && f->type->kind != T_PTR))
		return NULL;
	v = loc < DWARF_STACK_ARG ?
	    cg_load_int(c, cg_gep(c, c->ctxarg, arg_off[loc]), 8, false) :
	    stack_arg(c, loc - DWARF_STACK_ARG);
	if (f->type->kind == T_INT && f->type->size < 8)
		v = cg_normalize(c, v, f->type->size, f->type->is_signed);
	return v;
}

/* print(args), $a = args: every readable parameter in its eightbyte. */
static LLVMValueRef args_record(struct cg *c, struct probe_inst *pi)
{
	const struct type *rec = pi->args_type;
	LLVMValueRef dst, v;
	int i, size;

	if (!rec || c->want_size <= 0)
		return NULL;
	dst = c->dst ? c->dst : cg_buf(c, c->want_size);
	c->dst = NULL;
	cg_zero_range(c, dst, 0, c->want_size);
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		size = f->type->kind == T_INT ? f->type->size : 8;
		if (f->offset < 0 || f->offset + size > c->want_size || !(v = dwarf_arg(c, f)))
			continue;
		cg_store_int(c, cg_gep(c, dst, f->offset), v, size);
	}
	return dst;
}

LLVMValueRef cg_ctx_regs(struct cg *c, struct probe_inst *pi, const char *name,
			 int n, const struct field *f)
{
	if (!strcmp(name, "retval"))
		return cg_load_int(c, cg_gep(c, c->ctxarg, REGS_AX), 8, true);
	if (!strcmp(name, "args") && !f)
		return args_record(c, pi);
	if (!strcmp(name, "args") && f)
		return dwarf_arg(c, f);
	if (!strcmp(name, "goarg") && n >= 0 && n < (int)(sizeof(goarg_off) / sizeof(goarg_off[0])))
		return cg_load_int(c, cg_gep(c, c->ctxarg, goarg_off[n]), 8, false);
	if (strcmp(name, "arg") || n < 0 || n >= (int)(sizeof(arg_off) / sizeof(arg_off[0])))
		return NULL;
	return cg_load_int(c, cg_gep(c, c->ctxarg, arg_off[n]), 8, false);
}

/* ORDER REGS: struct pt_regs, 8 bytes each */
static const char *const reg_names[] = {
	"r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8",
	"ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss",
};

int cg_regs_offset(const char *name)
{
	int i;

	for (i = 0; i < (int)(sizeof(reg_names) / sizeof(reg_names[0])); i++)
		if (!strcmp(reg_names[i], name))
			return 8 * i;
	return -1;
}

const char *cg_regs_names(void)
{
	return "r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss";
}

/* reg("name"), checked by check_reg: a load from the ctx. */
LLVMValueRef cg_reg(struct cg *c, struct node *n)
{
	int off = cg_regs_offset(n->call.args->str.s);

	return cg_load_int(c, cg_gep(c, c->ctxarg, off < 0 ? 0 : off), 8, false);
}

/*
 * usermode: the interrupted context was user mode, from the saved code
 * segment's privilege level (x86-64: cs & 3 is 3 in user mode); the ctx
 * of kprobe, uprobe and perf event programs begins with the pt_regs.
 */
LLVMValueRef cg_usermode(struct cg *c, struct node *n)
{
	LLVMValueRef cs = cg_load_int(c, cg_gep(c, c->ctxarg, cg_regs_offset("cs")), 8, false);

	(void)n;
	cs = LLVMBuildAnd(c->b, cs, cg_i64(c, 3), "");
	return LLVMBuildZExt(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, cs, cg_i64(c, 3), ""),
			     c->i64, "");
}

/*
 * uaddr("name"), checked by check_uaddr: the symbol's address in this
 * instance's file; in a PIE or shared library plus the load bias, the
 * probe's address now (ip: uprobe and usdt programs run with it at the
 * probed instruction) less its address in the file.
 */
LLVMValueRef cg_uaddr(struct cg *c, struct node *n)
{
	struct elfaddr ea = { 0 };
	LLVMValueRef ip;

	if (elfaddr_find(c->pi->target, n->call.args->str.s, c->pi->arg, &ea) || !ea.relocated)
		return cg_i64(c, ea.addr);
	ip = cg_load_int(c, cg_gep(c, c->ctxarg, cg_regs_offset("ip")), 8, false);
	return LLVMBuildAdd(c->b, LLVMBuildSub(c->b, ip, cg_i64(c, ea.probe_vaddr), ""),
			    cg_i64(c, ea.addr), "");
}
