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
 * Print the stack value v (types.h layout) of type t as bpftrace does:
 * "\n", then one line per frame, indented by indent spaces: "func+off" or
 * the hex address when no symbol holds it.
 */
void stacks_format(FILE *out, const struct type *t, uint64_t v, int indent);
/* Remember the mappings of pid now, while it lives (ustack printing). */
void stacks_note_pid(int pid);

#endif
