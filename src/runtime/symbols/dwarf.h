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
 * Each field's offset is the x86-64 SysV integer argument register it
 * arrives in (0: di, 1: si, 2: dx, 3: cx, 4: r8, 5: r9), or -1 with
 * type_none when it arrives elsewhere (the stack, an SSE register) or is a
 * struct passed by value.
 * Pointers point into user memory; structs are completed lazily.  NULL
 * when there is no answer: *why (arena) says why.
 */
struct type *dwarf_func_args(const char *path, const char *func, const char **why);

#endif
