/* SPDX-License-Identifier: GPL-2.0 */
/* The fuzz targets' shared harness: one script through the whole front end. */
#ifndef QT_FUZZ_COMMON_H
#define QT_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include "program.h"

/*
 * Compile text (NUL-terminated, owned by the caller) as main() does --
 * parse, budgets, sema, and with codegen an ELF in memory, never loaded --
 * with diagnostics thrown away.  after(p) runs on a program that passed
 * sema, before anything is freed.
 */
void fuzz_compile(char *text, bool codegen, void (*after)(struct program *p));

#endif
