/* SPDX-License-Identifier: GPL-2.0 */
/* Printing kstack/ustack values: frames from qt_stacks, symbols resolved. */
#ifndef QT_STACKS_H
#define QT_STACKS_H

#include <stdint.h>
#include <stdio.h>
#include "sema/types.h"

/* The fd of QT_STACKS_MAP once loaded (-1: the program has no stacks). */
void stacks_set_fd(int fd);
/* The fd of QT_TSTACKS_MAP once loaded (-1: no task_kstack()). */
void stacks_set_tfd(int fd);
/* The fd of QT_USTACKS_MAP once loaded (-1: the program has no ustack). */
void stacks_set_ufd(int fd);
/* The fd of QT_DWARF_TEXT_MAP (-1: the program has no ustack(dwarf)). */
void stacks_set_dwarf_text_fd(int fd);

/* What a frame is, for colours and pprof mappings. ORDER FRAME_KIND */
enum frame_kind { FRAME_KERNEL, FRAME_USER, FRAME_JIT };

/* One frame, symbolized. */
struct stack_frame {
	const char *name;	/* NULL: no symbol holds it */
	uint64_t off;		/* from the symbol's start */
	/*
	 * The address; for a user frame of a process that has gone before
	 * its mappings were read, the offset in its file.
	 */
	uint64_t addr;
	const char *module;	/* user frames: the file, NULL if unknown */
	enum frame_kind kind;
};

/*
 * The frames of stack value v (kstack or ustack, types.h layout), leaf
 * first, at most max and the type's depth: how many.
 */
int stacks_frames(const struct type *t, uint64_t v, struct stack_frame *out, int max);
/*
 * Print the stack value v (types.h layout) of type t as bpftrace does
 * (a ksym: the symbol name alone):
 * "\n", then one line per frame, indented by indent spaces: "func+off" or
 * the hex address when no symbol holds it.
 */
void stacks_format(FILE *out, const struct type *t, uint64_t v, int indent);
/*
 * usym(addr) of process pid: the name of the symbol holding addr, or hex;
 * through the build-id frame uid (qt_ustacks) when the kernel took one.
 */
void stacks_format_usym(FILE *out, uint64_t addr, int pid, uint64_t uid);
/*
 * An EV_USTACK_DWARF record (events.h): unwind it (unwind.c) and store its
 * frames in qt_ustacks, where printing its ustack(dwarf) value finds them.
 */
void stacks_dwarf_record(const void *data, size_t len);
/*
 * The ustack(dwarf) value v as its first id with the same frames: a
 * path's samples get many ids (the copied stack differs), and map
 * readers merge keys by it.  v itself if unknown.
 */
uint64_t stacks_dwarf_canon(uint64_t v);
/* Remember the mappings of pid now, while it lives (ustack printing). */
void stacks_note_pid(int pid);
/* A file user stacks may point into (a probe's target, the -c program). */
void stacks_hint_file(const char *path);
/* How many files had their symbols read (each at most once). */
int stacks_files_read(void);

#endif
