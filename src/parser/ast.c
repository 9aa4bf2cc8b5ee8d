// SPDX-License-Identifier: GPL-2.0
/* AST constructors and list helpers; nodes live in the compile arena. */
#include <string.h>
#include "parser/ast.h"
#include "util/arena.h"

struct node *ast_new(enum node_kind kind, struct loc loc)
{
	struct node *n = arena_alloc(sizeof(*n));

	n->kind = kind;
	n->loc = loc;
	return n;
}

struct node *ast_int(struct loc loc, uint64_t v)
{
	struct node *n = ast_new(N_INT, loc);

	n->num.v = v;
	return n;
}

/* s may hold NULs (from "\0"); len counts them, the copy adds one more. */
struct node *ast_str(struct loc loc, const char *s, int len)
{
	struct node *n = ast_new(N_STR, loc);

	n->str.s = arena_alloc((size_t)len + 1);
	if (len)
		memcpy(n->str.s, s, (size_t)len);
	n->str.len = len;
	return n;
}

struct node *ast_binop(struct loc loc, enum op op, struct node *l, struct node *r)
{
	struct node *n = ast_new(N_BINOP, loc);

	n->bin.op = op;
	n->bin.l = l;
	n->bin.r = r;
	return n;
}

struct node *ast_unop(struct loc loc, enum op op, struct node *e)
{
	struct node *n = ast_new(N_UNOP, loc);

	n->un.op = op;
	n->un.e = e;
	return n;
}

struct node *ast_append(struct node *a, struct node *b)
{
	struct node *p;

	if (!a)
		return b;
	for (p = a; p->next; p = p->next)
		;
	p->next = b;
	return a;
}

int ast_count(const struct node *list)
{
	int n = 0;

	for (; list; list = list->next)
		n++;
	return n;
}

const char *op_name(enum op op)
{
	/* ORDER OP */
	static const char *const names[] = {
		[OP_NONE] = "=",
		[OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*",
		[OP_DIV] = "/", [OP_MOD] = "%",
		[OP_BAND] = "&", [OP_BOR] = "|", [OP_BXOR] = "^",
		[OP_SHL] = "<<", [OP_SHR] = ">>",
		[OP_LAND] = "&&", [OP_LOR] = "||",
		[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=",
		[OP_GT] = ">", [OP_GE] = ">=",
		[OP_NEG] = "-", [OP_NOT] = "!", [OP_BNOT] = "~",
		[OP_DEREF] = "*", [OP_ADDR] = "&",
		[OP_PREINC] = "++", [OP_PREDEC] = "--",
		[OP_POSTINC] = "++", [OP_POSTDEC] = "--",
	};
	/* ORDER OP */

	if ((unsigned)op >= sizeof(names) / sizeof(names[0]) || !names[op])
		return "?";
	return names[op];
}
