/* SPDX-License-Identifier: GPL-2.0 */
/* bpftrace's hygienic macros, expanded in the AST before the semantic pass. */
#ifndef QT_MACRO_H
#define QT_MACRO_H

struct node;

/*
 * Replace every call of a macro of prog (name(args), or name alone for a
 * macro without parameters) by an N_BLOCKEXPR of its body with the
 * arguments in place.  Reports bad definitions and calls; 0 or -1.
 */
int macro_expand(struct node *prog);

#endif
