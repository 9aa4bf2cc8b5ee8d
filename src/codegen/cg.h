/* SPDX-License-Identifier: GPL-2.0 */
/* Code generation: the typed AST to a BPF ELF object in memory. */
#ifndef QT_CG_H
#define QT_CG_H

#include "program.h"

enum cg_dump {
	CG_DUMP_IR = 1,		/* -d ir: LLVM IR to stdout */
	CG_DUMP_ASM = 2,	/* -d asm: BPF assembly to stdout */
};

/*
 * Lower p (after sema_run) into p->elf / p->elf_size: one function "p<id>"
 * per probe instance in section inst->section, maps as BTF-described
 * globals in .maps ("m<id>", QT_RINGBUF_MAP, QT_STATS_MAP).  Returns 0 or -1.
 */
int cg_compile(struct program *p, unsigned dump);

/*
 * Did cg_compile make a for or while loop inline, for want of bpf_loop
 * (cg_kfeat.c)?  The verifier must then bound it; load errors say so.
 */
bool kfeat_inline_loops(void);

#endif
