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

static bool list_uses(const struct node *n, const char *name)
{
	for (; n; n = n->next)
		if (ast_uses_ident(n, name))
			return true;
	return false;
}

/* Children are lists (args, keys, statements): each is walked to its end. */
bool ast_uses_ident(const struct node *n, const char *name)
{
	if (!n)
		return false;
	switch (n->kind) {
	case N_IDENT:
		return !strcmp(n->ident.name, name);
	case N_MAP:
		return list_uses(n->map.keys, name);
	case N_CALL:
		return list_uses(n->call.args, name);
	case N_BINOP:
		return ast_uses_ident(n->bin.l, name) || ast_uses_ident(n->bin.r, name);
	case N_UNOP:
		return ast_uses_ident(n->un.e, name);
	case N_TERNARY:
		return ast_uses_ident(n->tern.c, name) || ast_uses_ident(n->tern.t, name) ||
		       ast_uses_ident(n->tern.f, name);
	case N_FIELD:
		return ast_uses_ident(n->field.e, name);
	case N_INDEX:
		return ast_uses_ident(n->index.e, name) || ast_uses_ident(n->index.idx, name);
	case N_CAST:
		return ast_uses_ident(n->cast.e, name);
	case N_TUPLE:
		return list_uses(n->tuple.elems, name);
	case N_EXPR:
	case N_RETURN:
		return ast_uses_ident(n->expr.e, name);
	case N_ASSIGN:
		return ast_uses_ident(n->assign.lhs, name) || ast_uses_ident(n->assign.rhs, name);
	case N_IF:
		return ast_uses_ident(n->ifs.cond, name) || ast_uses_ident(n->ifs.then, name) ||
		       ast_uses_ident(n->ifs.els, name);
	case N_WHILE:
		return ast_uses_ident(n->loop.cond, name) || ast_uses_ident(n->loop.body, name);
	case N_UNROLL:
		return ast_uses_ident(n->unroll.count, name) || ast_uses_ident(n->unroll.body, name);
	case N_BLOCK:
		return list_uses(n->block.stmts, name);
	case N_PROBE:
		return ast_uses_ident(n->probe.pred, name) || ast_uses_ident(n->probe.body, name);
	default:
		return false;
	}
}
