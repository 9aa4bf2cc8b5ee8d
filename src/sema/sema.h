/* SPDX-License-Identifier: GPL-2.0 */
/* The semantic pass: probes expanded, names resolved, types, maps and formats. */
#ifndef QT_SEMA_H
#define QT_SEMA_H

#include "program.h"

/*
 * A $variable of one probe (node.var.var).  Its type is fixed by the first
 * assignment; integers are held as 8 bytes, strings grow to the largest
 * string assigned.
 */
struct var {
	const char *name;	/* as the parser gave it */
	struct type *type;
	struct loc loc;		/* first assignment */
	int id;			/* 0, 1, ... within its probe */
	int depth;		/* block nesting where it was declared: its scope */
	bool let;		/* declared with let */
	struct var *next;
};

/*
 * Resolve and type-check p->ast: expand attach points into p->insts through
 * the providers, resolve builtins and $variables, type every node, collect
 * p->maps and p->fmts.  Reports every error of the pass; returns 0 or -1.
 */
int sema_run(struct program *p);

#include <stdio.h>
/*
 * Split p->params into positional ones and getopt()'s --name[=value]
 * after "--" (after_dashdash: getopt_long already took the "--").
 */
void sema_getopt_split(struct program *p, bool after_dashdash);
/* "-- --help": the script's options, on f. */
void sema_getopt_help(FILE *f, const struct program *p);

#endif
