// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 instruction boundaries for uprobe:PATH:SYMBOL+OFFSET: a uprobe in
 * the middle of an instruction writes its breakpoint over the instruction's
 * operands and the program runs garbage.  LLVM's X86 disassembler is
 * initialized on the first offset probe only, so other runs do not pay for it.
 */
#include <stdbool.h>
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#include "runtime/probes/insn.h"

static LLVMDisasmContextRef disasm(void)
{
	static LLVMDisasmContextRef dc;
	static bool tried;

	if (!tried) {
		tried = true;
		LLVMInitializeX86TargetInfo();
		LLVMInitializeX86TargetMC();
		LLVMInitializeX86Disassembler();
		dc = LLVMCreateDisasm("x86_64-unknown-linux-gnu", NULL, 0, NULL, NULL);
	}
	return dc;
}

int insn_boundary(const uint8_t *code, size_t len, uint64_t off,
		  uint64_t *before, uint64_t *after)
{
	LLVMDisasmContextRef dc = disasm();
	uint64_t pc = 0;
	char text[128];

	if (!dc)
		return -1;
	while (pc < off) {
		size_t n;

		if (pc >= len)
			return -1;
		n = LLVMDisasmInstruction(dc, (uint8_t *)code + pc, len - pc, pc,
					  text, sizeof(text));
		if (!n)
			return -1;
		if (pc + n > off) {
			*before = pc;
			*after = pc + n;
			return 1;
		}
		pc += n;
	}
	return 0;
}

/* A near return: c3, or c2 imm16, after any legacy or REX prefixes. */
static bool is_ret(const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == 0x66 || p[i] == 0x67 || p[i] == 0xf0 || p[i] == 0xf2 ||
			 p[i] == 0xf3 || p[i] == 0x2e || p[i] == 0x36 || p[i] == 0x3e ||
			 p[i] == 0x26 || p[i] == 0x64 || p[i] == 0x65))
		i++;
	if (i < n && (p[i] & 0xf0) == 0x40)
		i++;
	return (i + 1 == n && p[i] == 0xc3) || (i + 3 == n && p[i] == 0xc2);
}

int insn_rets(const uint8_t *code, size_t len, uint64_t *offs, int max)
{
	LLVMDisasmContextRef dc = disasm();
	uint64_t pc = 0;
	char text[128];
	int n = 0;

	if (!dc)
		return -1;
	while (pc < len) {
		size_t k = LLVMDisasmInstruction(dc, (uint8_t *)code + pc, len - pc, pc,
						 text, sizeof(text));

		if (!k)
			return -1;
		if (is_ret(code + pc, k)) {
			if (n >= max)
				return -1;
			offs[n++] = pc;
		}
		pc += k;
	}
	return n;
}
