/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The builtin table: every builtin variable, function, aggregation and
 * statement-like call of the language is one row.  The lexer and parser
 * know no builtin names; sema and codegen find them here.
 */
#ifndef QT_BUILTINS_H
#define QT_BUILTINS_H

#include <stdbool.h>
#include <llvm-c/Types.h>
#include "sema/types.h"

struct node;
struct sema;
struct cg;

enum builtin_kind {
	B_VAR,		/* pid, comm, nsecs ...: an identifier */
	B_CTX,		/* args, arg0..argN, retval: lowered by the probe's provider */
	B_FUNC,		/* str(), printf(), exit() ...: a call */
	B_AGG,		/* count(), hist() ...: a call assigned to a map */
};

struct builtin {
	const char *name;
	enum builtin_kind kind;
	bool numbered;		/* the name takes a number: "arg" matches arg0..arg99 */
	int min_args, max_args;	/* calls; max_args -1: any number */
	/* bare identifiers among the args are names, not values: nsecs(boot) */
	bool name_args;
	/*
	 * Check the identifier or call n (its args already checked) and
	 * return its type; report problems with diag_error and return
	 * &type_none.  NULL: the result is ret.
	 */
	struct type *(*check)(struct sema *s, struct node *n);
	struct type *ret;
	/* Lower n; the value, or NULL for void.  B_CTX rows have none. */
	LLVMValueRef (*cg)(struct cg *c, struct node *n);
	enum agg_kind agg;	/* B_AGG */
	/*
	 * The call may take a type first (sizeof(struct x), offsetof(struct
	 * x, f)): its arguments are not typed as values, check reads them.
	 */
	bool type_arg;
	const char *summary;	/* one line, for messages and -h */
};

/* Row for name (identifier when is_call is false, else a call), or NULL. */
const struct builtin *builtin_find(const char *name, bool is_call);
/* The closest known name for a did-you-mean note, or NULL. */
const char *builtin_suggest(const char *name, bool is_call);
/* Number in a numbered name: 3 for "arg3". */
int builtin_number(const char *name);

extern const struct builtin builtins[];
extern const int nbuiltins;

#endif
