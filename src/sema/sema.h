/* SPDX-License-Identifier: GPL-2.0 */
/* The semantic pass: probes expanded, names resolved, types, maps and formats. */
#ifndef QT_SEMA_H
#define QT_SEMA_H

#include "program.h"

/*
 * Resolve and type-check p->ast: expand attach points into p->insts through
 * the providers, resolve builtins and $variables, type every node, collect
 * p->maps and p->fmts.  Reports every error of the pass; returns 0 or -1.
 */
int sema_run(struct program *p);

#endif
