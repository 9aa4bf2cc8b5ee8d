/* SPDX-License-Identifier: GPL-2.0 */
/* The USDT probe sites of an ELF file: its .note.stapsdt notes, argument specs parsed (x86-64). */
#ifndef QT_USDT_NOTES_H
#define QT_USDT_NOTES_H

#include <stdbool.h>
#include <stdint.h>

enum usdt_arg_kind {
	USDT_ARG_REG,		/* %reg */
	USDT_ARG_CONST,		/* $imm */
	USDT_ARG_MEM,		/* disp(%base,%index,scale), sym(%rip) */
	USDT_ARG_BAD,		/* a form qtrace cannot read */
};

/*
 * One argument, "[-]SIZE@OPERAND".  Registers are named as in struct
 * pt_regs ("ax", "r8"); NULL: none.  A %rip base is "ip": the uprobe's ip
 * is the site's pc, so disp is already relative to the site.
 */
struct usdt_arg {
	enum usdt_arg_kind kind;
	int size;		/* 1, 2, 4 or 8 bytes */
	bool is_signed;
	const char *reg;	/* REG: the register; MEM: the base */
	int shift;		/* REG: 8 for %ah %bh %ch %dh */
	const char *index;	/* MEM */
	int scale;		/* MEM: 1, 2, 4, 8 */
	int64_t val;		/* CONST: the value; MEM: the displacement */
	const char *spec;	/* as written, for messages */
};

/* One site of a probe: a note.  A probe inlined twice has two. */
struct usdt_note {
	const char *provider, *name;
	const char *args;	/* the argument string as written */
	uint64_t pc;		/* virtual address, .stapsdt.base adjusted */
	uint64_t pc_off;	/* its file offset */
	uint64_t sema_off;	/* file offset of the semaphore; 0: none */
	int nargs;
	struct usdt_arg *arg;
	const char *func;	/* the function containing pc, or NULL */
};

struct usdt_notes {
	struct usdt_note *v;	/* in file order */
	int n;
};

/*
 * Read path's USDT notes into out (arena).  0 (out->n may be 0: no
 * .note.stapsdt) or a negative errno (-ENOEXEC: not an ELF file).
 */
int usdt_notes_read(const char *path, struct usdt_notes *out);

#endif
