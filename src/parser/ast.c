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

void ast_slots(struct node *n, void (*fn)(struct node **slot, bool list, void *arg), void *arg)
{
	struct node **one[5] = { NULL, NULL, NULL, NULL, NULL };
	int i;

	switch (n->kind) {
	case N_MAP: fn(&n->map.keys, true, arg); return;
	case N_CALL: fn(&n->call.args, true, arg); return;
	case N_TUPLE: fn(&n->tuple.elems, true, arg); return;
	case N_BLOCK: fn(&n->block.stmts, true, arg); return;
	case N_PROGRAM: fn(&n->program.probes, true, arg); return;
	case N_BLOCKEXPR:
		if (n->bexpr.stmts)
			fn(&n->bexpr.stmts, true, arg);
		one[0] = &n->bexpr.value;
		break;
	case N_BINOP: one[0] = &n->bin.l; one[1] = &n->bin.r; break;
	case N_UNOP: one[0] = &n->un.e; break;
	case N_TERNARY: one[0] = &n->tern.c; one[1] = &n->tern.t; one[2] = &n->tern.f; break;
	case N_FIELD: one[0] = &n->field.e; break;
	case N_INDEX: one[0] = &n->index.e; one[1] = &n->index.idx; break;
	case N_CAST: one[0] = &n->cast.e; break;
	case N_EXPR:
	case N_RETURN: one[0] = &n->expr.e; break;
	case N_ASSIGN: one[0] = &n->assign.lhs; one[1] = &n->assign.rhs; break;
	case N_LET: one[0] = &n->let.var; one[1] = &n->let.init; break;
	case N_IF: one[0] = &n->ifs.cond; one[1] = &n->ifs.then; one[2] = &n->ifs.els; break;
	case N_WHILE: one[0] = &n->loop.cond; one[1] = &n->loop.body; break;
	case N_UNROLL: one[0] = &n->unroll.count; one[1] = &n->unroll.body; break;
	case N_FOR:
		one[0] = &n->forl.var;
		one[1] = &n->forl.map;
		one[2] = &n->forl.lo;
		one[3] = &n->forl.hi;
		one[4] = &n->forl.body;
		break;
	case N_PROBE: one[0] = &n->probe.pred; one[1] = &n->probe.body; break;
	default: return;
	}
	for (i = 0; i < 5; i++)
		if (one[i] && *one[i])
			fn(one[i], false, arg);
}

struct kids {
	void (*fn)(struct node *child, void *arg);
	void *arg;
};

static void kid_slot(struct node **slot, bool list, void *arg)
{
	struct kids *k = arg;
	struct node *c;

	if (!list) {
		k->fn(*slot, k->arg);
		return;
	}
	for (c = *slot; c; c = c->next)
		k->fn(c, k->arg);
}

void ast_children(struct node *n, void (*fn)(struct node *child, void *arg), void *arg)
{
	struct kids k = { fn, arg };

	ast_slots(n, kid_slot, &k);
}

static void copy_slot(struct node **slot, bool list, void *arg)
{
	(void)arg;
	*slot = list ? ast_copy_list(*slot) : ast_copy(*slot);
}

struct node *ast_copy(const struct node *n)
{
	struct node *c;

	if (!n)
		return NULL;
	c = arena_alloc(sizeof(*c));
	*c = *n;
	c->next = NULL;
	ast_slots(c, copy_slot, NULL);
	return c;
}

struct node *ast_copy_list(const struct node *l)
{
	struct node *head = NULL, *tail = NULL, *c;

	for (; l; l = l->next) {
		c = ast_copy(l);
		if (tail)
			tail->next = c;
		else
			head = c;
		tail = c;
	}
	return head;
}

struct uses {
	const char *name;
	bool found;
};

static void uses_cb(struct node *n, void *arg)
{
	struct uses *u = arg;

	if (u->found)
		return;
	if (n->kind == N_IDENT)
		u->found = !strcmp(n->ident.name, u->name);
	else
		ast_children(n, uses_cb, u);
}

bool ast_uses_ident(const struct node *n, const char *name)
{
	struct uses u = { name, false };

	if (n)
		uses_cb((struct node *)n, &u);
	return u.found;
}
