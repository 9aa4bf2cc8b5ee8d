/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User programs' C types from their DWARF (libdw): the parameters of a
 * function, for uprobe args.NAME.  A file is opened on the first question
 * about it, so scripts that never ask cost nothing.
 */
#ifndef QT_DWARF_H
#define QT_DWARF_H

#include "sema/types.h"

/*
 * The parameters of func in the ELF file path as a T_RECORD, in order.
 * Each field's offset is 8 * where it arrives at the function's entry
 * (x86-64 SysV): 0..5 the integer registers di, si, dx, cx, r8, r9;
 * DWARF_STACK_ARG + k the k-th eightbyte on the stack above the return
 * address.  As a value (print(args)) the record is these eightbytes.
 * What cannot be read (a float, a struct passed by value) has offset -1
 * and a T_NONE type whose name says why.
 * Pointers point into user memory; structs are completed lazily.  NULL
 * when there is no answer: *why (arena) says why.
 */
#define DWARF_STACK_ARG 6

struct type *dwarf_func_args(const char *path, const char *func, const char **why);

#endif
