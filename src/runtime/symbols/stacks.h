/* SPDX-License-Identifier: GPL-2.0 */
/* Printing kstack/ustack values: frames from qt_stacks, symbols resolved. */
#ifndef QT_STACKS_H
#define QT_STACKS_H

#include <stdint.h>
#include <stdio.h>
#include "sema/types.h"

/* The fd of QT_STACKS_MAP once loaded (-1: the program has no stacks). */
void stacks_set_fd(int fd);
/*
 * Print the stack value v (types.h layout) of type t as bpftrace does
 * (a ksym: the symbol name alone):
 * "\n", then one line per frame, indented by indent spaces: "func+off" or
 * the hex address when no symbol holds it.
 */
void stacks_format(FILE *out, const struct type *t, uint64_t v, int indent);
/* usym(addr) of process pid: the name of the symbol holding addr, or hex. */
void stacks_format_usym(FILE *out, uint64_t addr, int pid);
/* Remember the mappings of pid now, while it lives (ustack printing). */
void stacks_note_pid(int pid);

#endif
