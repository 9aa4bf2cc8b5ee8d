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
