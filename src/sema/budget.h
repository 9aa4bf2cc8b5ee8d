/* SPDX-License-Identifier: GPL-2.0 */
/* Compile budgets on the syntax tree: nesting depth and unrolled statements. */
#ifndef QT_BUDGET_H
#define QT_BUDGET_H

#include "parser/ast.h"

/* Deepest nesting of expressions and statements the later passes recurse through. */
#define BUDGET_MAX_DEPTH 1000
/* Statements one probe may have once every unroll is expanded. */
#define BUDGET_MAX_UNROLLED 4096

/*
 * Report a subtree nested deeper than BUDGET_MAX_DEPTH, before any
 * recursive pass walks it (the walk here stops at the limit).  0 or -1.
 */
int budget_depth(struct node *program);
/* After sema (unroll counts known): report unrolls that expand too far.  0 or -1. */
int budget_unroll(struct node *program);

#endif
