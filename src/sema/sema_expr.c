// SPDX-License-Identifier: GPL-2.0
/* Types of expressions: literals, names, operators, fields, casts, tuples. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/provider.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "sema/suggest.h"
#include "util/arena.h"

bool sema_is_int(const struct type *t)
{
	return (t->kind == T_INT && !t->print) || t->kind == T_PTR;
}

struct type *sema_stored(struct type *t)
{
	struct type *e;

	if (t->kind == T_INT && t->size != 8 && t->enums) {
		/* an enum stays one: it prints as its enumerator's name */
		e = arena_alloc(sizeof(*e));
		*e = *t;
		e->size = 8;
		return e;
	}
	if (t->kind == T_INT && t->size != 8)
		return type_int(8, t->is_signed);
	return t;
}

static struct type *unify_tuple(struct type *a, struct type *b)
{
	struct type **el;
	char **names;
	bool same = true;
	int i;

	if (a->nfields != b->nfields || a->named != b->named)
		return NULL;
	for (i = 0; a->named && i < a->nfields; i++)
		if (strcmp(a->fields[i].name, b->fields[i].name))
			return NULL;
	el = arena_alloc(a->nfields * sizeof(*el));
	for (i = 0; i < a->nfields; i++) {
		el[i] = sema_unify(a->fields[i].type, b->fields[i].type);
		if (!el[i])
			return NULL;
		same &= type_equal(el[i], a->fields[i].type);
	}
	if (same)
		return a;
	if (!a->named)
		return type_tuple(a->nfields, el);
	names = arena_alloc(a->nfields * sizeof(*names));
	for (i = 0; i < a->nfields; i++)
		names[i] = (char *)a->fields[i].name;
	return type_record(a->nfields, el, names);
}

struct type *sema_unify(struct type *a, struct type *b)
{
	if (a->kind == T_NONE)
		return b;
	if (b->kind == T_NONE)
		return a;
	/* stacks, symbols and values printed by kind mix with nothing */
	if (a->stack || b->stack || a->print || b->print)
		return type_equal(a, b) ? a : NULL;
	if (a->is_bool && b->is_bool)
		return a;
	if (a->kind == T_INT && a->enums && a->enums == b->enums)
		return a;	/* one enum: it keeps printing names */
	if (sema_is_int(a) && sema_is_int(b))
		return a->kind == T_PTR ? a : type_int(8, a->is_signed);
	if (a->kind == T_STR && b->kind == T_STR)
		return a->size >= b->size ? a : b;
	if (a->kind == T_TUPLE && b->kind == T_TUPLE)
		return unify_tuple(a, b);
	return type_equal(a, b) ? a : NULL;
}

const char *sema_var_name(const struct node *n)
{
	const char *name = n->var.name;

	return name[0] == '$' ? name : arena_printf("$%s", name);
}

const char *sema_what(const struct type *t)
{
	if (t->kind == T_STR)
		return "a string";
	if (t->kind == T_TUPLE)
		return t->named ? "a record" : "a tuple";
	return arena_printf("'%s'", type_name(t));
}

/* Positional parameter k: true with *num when it is numeric. */
static bool param(struct sema *s, int k, const char **str, int64_t *num)
{
	const char *v = k >= 1 && k <= s->p->nparams ? s->p->params[k - 1] : NULL;
	char *end;

	*str = v;
	*num = 0;
	if (!v)
		return true;	/* missing: 0, as bpftrace 0.17 */
	errno = 0;
	if (v[0] == '-')
		*num = strtoll(v, &end, 0);
	else
		*num = (int64_t)strtoull(v, &end, 0);
	return v[0] && !*end && !errno;
}

bool sema_const_int(struct sema *s, struct node *n, int64_t *v)
{
	const char *str;
	int64_t r;

	switch (n->kind) {
	case N_INT:
		*v = (int64_t)n->num.v;
		return true;
	case N_UNOP:
		if (n->un.op != OP_NEG || !sema_const_int(s, n->un.e, v))
			return false;
		*v = -*v;
		return true;
	case N_POSPARAM:
		return param(s, n->pos.n, &str, v);
	case N_POSCOUNT:
		*v = s->p->nparams;
		return true;
	case N_BINOP:
		/* constant arithmetic, as in a tuple's index (1, "a")[1 - 1] */
		if (!sema_const_int(s, n->bin.l, v) || !sema_const_int(s, n->bin.r, &r))
			return false;
		switch (n->bin.op) {
		case OP_ADD: *v = (int64_t)((uint64_t)*v + (uint64_t)r); return true;
		case OP_SUB: *v = (int64_t)((uint64_t)*v - (uint64_t)r); return true;
		case OP_MUL: *v = (int64_t)((uint64_t)*v * (uint64_t)r); return true;
		case OP_DIV:
		case OP_MOD:
			if (!r || (r == -1 && *v == INT64_MIN))
				return false;
			*v = n->bin.op == OP_DIV ? *v / r : *v % r;
			return true;
		case OP_EQ: *v = *v == r; return true;
		case OP_NE: *v = *v != r; return true;
		case OP_LT: *v = *v < r; return true;
		case OP_LE: *v = *v <= r; return true;
		case OP_GT: *v = *v > r; return true;
		case OP_GE: *v = *v >= r; return true;
		case OP_LAND: *v = *v && r; return true;
		case OP_LOR: *v = *v || r; return true;
		default: return false;
		}
	default:
		return false;
	}
}

static struct type *posparam(struct sema *s, struct node *n)
{
	const char *str;
	int64_t v;

	if (param(s, n->pos.n, &str, &v))
		return str && str[0] != '-' && v < 0 ? &type_u64 : &type_i64;
	return type_str(strlen(str) + 1);
}

static struct type *ident(struct sema *s, struct node *n)
{
	const char *name = n->ident.name, *best;
	const struct builtin *b = builtin_find(name, false);

	if (!b) {
		if (builtin_find(name, true)) {
			sema_error(s, n->loc, "'%s' is a function, not a builtin variable", name);
			sema_note(s, "call it: %s(...)", name);
			return &type_none;
		}
		if (sema_enum_const(s, n))
			return n->type;
		sema_error(s, n->loc, "unknown builtin '%s'", name);
		if ((best = builtin_suggest(name, false)))
			sema_note(s, "did you mean '%s'?", best);
		else if (sema_enum_hint(name))
			sema_note(s, "enum constants come from the kernel's BTF, which cannot be read");
		else
			sema_enum_missing_note(s, name);
		return &type_none;
	}
	n->ident.b = b;
	if (b->check)
		return b->check(s, n);
	return b->ret ? b->ret : &type_none;
}

static struct type *var_read(struct sema *s, struct node *n)
{
	struct var *v = sema_var_lookup(s, n);

	if (!v) {
		sema_error(s, n->loc, "variable '%s' is used before it is assigned",
			   sema_var_name(n));
		sema_var_ended_note(s, n->var.name);
		sema_var_hidden_note(s, n);
		/* remember it, untyped, so each later use is not reported too */
		sema_var_assign(s, n, &type_none);
		return &type_none;
	}
	n->var.var = v;
	return v->type;
}

/* print(@m), clear(@m), zero(@m), delete(@m[k]), has_key(@m, k): a map, not its value. */
static bool map_arg(const struct builtin *b, const struct node *a)
{
	if (a->kind != N_MAP)
		return false;
	if (b->check == check_print)
		return !a->map.keys;
	return b->check == check_map_arg || b->check == check_zero ||
	       b->check == check_delete || b->check == check_has_key ||
	       b->check == check_len || b->check == check_find;
}

static bool arg_count(struct sema *s, struct node *n, const struct builtin *b)
{
	int k = n->call.nargs, lo = b->min_args, hi = b->max_args;

	if (k >= lo && (hi < 0 || k <= hi))
		return true;
	if (hi < 0)
		sema_error(s, n->loc, "function '%s' takes at least %d argument%s, %d given",
			   b->name, lo, lo == 1 ? "" : "s", k);
	else if (lo == hi && lo == 0)
		sema_error(s, n->loc, "function '%s' takes no arguments, %d given",
			   b->name, k);
	else if (lo == hi)
		sema_error(s, n->loc, "function '%s' takes %d argument%s, %d given",
			   b->name, lo, lo == 1 ? "" : "s", k);
	else
		sema_error(s, n->loc, "function '%s' takes %d to %d arguments, %d given",
			   b->name, lo, hi, k);
	return false;
}

static struct type *call(struct sema *s, struct node *n)
{
	const char *name = n->call.name, *best;
	const struct builtin *b = builtin_find(name, true);
	struct node *a;
	bool bad = false;

	n->call.fmt_id = -1;
	/* pid(), comm(), username(): a builtin variable called, as bpftrace allows */
	if (n->call.nargs == 0 && (!b || b->min_args > 0) && builtin_find(name, false)) {
		n->kind = N_IDENT;
		n->ident.name = (char *)name;
		n->ident.b = NULL;
		return sema_expr(s, n);
	}
	if (!b) {
		for (a = n->call.args; a; a = a->next)
			sema_expr(s, a);
		sema_error(s, n->loc, "unknown function '%s'", name);
		/* a builtin variable's own name beats a near function name */
		if (builtin_find(name, false))
			sema_note(s, "'%s' is a builtin variable: it takes no arguments", name);
		else if ((best = builtin_suggest(name, true)))
			sema_note(s, "did you mean '%s'?", best);
		return &type_none;
	}
	n->call.b = b;
	if (b->type_arg)	/* sizeof, offsetof: the hook reads its arguments */
		return b->check(s, n);
	if (n->call.ts) {
		sema_error(s, n->call.ts_loc, "function '%s' takes no type", name);
		return &type_none;
	}
	for (a = n->call.args; a; a = a->next) {
		struct type *t;

		if (a == n->call.args && map_arg(b, a))
			t = sema_map_ref(s, a);
		else if (sema_stack_mode_arg(b, a) ||
			 (a != n->call.args && sema_print_mode_arg(b, a)) ||
			 (b->name_args && a->kind == N_IDENT &&
			  !builtin_find(a->ident.name, false)) ||
			 (b->check == check_find && a->kind == N_VAR && n->call.args->next &&
			  a == n->call.args->next->next))
			t = a->type = &type_void;	/* a name, not a value */
		else
			t = sema_value(s, a);
		bad |= t->kind == T_NONE;
	}
	if (!arg_count(s, n, b))
		return &type_none;
	if (b->check)
		return b->check(s, n);
	return bad || !b->ret ? &type_none : b->ret;
}

static struct type *int_result(const struct type *l, const struct type *r)
{
	bool u = (l->kind == T_INT && !l->is_signed) ||
		 (r->kind == T_INT && !r->is_signed) ||
		 l->kind == T_PTR || r->kind == T_PTR;

	return u ? &type_u64 : &type_i64;
}

static struct type *compare(struct sema *s, struct node *n, struct type *l,
			    struct type *r)
{
	enum op op = n->bin.op;

	if (sema_is_int(l) && sema_is_int(r))
		return &type_bool;
	if ((op == OP_EQ || op == OP_NE) && sema_syscall_compare(s, n, l, r))
		return &type_bool;
	if ((op == OP_EQ || op == OP_NE) && l->kind == T_STR && r->kind == T_STR)
		return &type_bool;
	/* structs and arrays of one type: equal when their bytes are */
	if ((op == OP_EQ || op == OP_NE) && (l->kind == T_STRUCT || l->kind == T_ARRAY) &&
	    type_equal(l, r))
		return &type_bool;
	if (l->kind == T_TUPLE && r->kind == T_TUPLE)
		return sema_tuple_compare(s, n, l, r) ? &type_bool : &type_none;
	if (op != OP_EQ && op != OP_NE && (l->kind == T_STR || r->kind == T_STR)) {
		sema_error(s, n->loc, "cannot apply '%s' to a string", op_name(op));
		sema_note(s, "strings can only be compared with == and !=");
		return &type_none;
	}
	if (l->kind == r->kind && l->kind != T_TUPLE)
		sema_error(s, n->loc, "cannot apply '%s' to %s", op_name(op), sema_what(l));
	else
		sema_error(s, n->loc, "type mismatch for '%s': '%s' and '%s'",
			   op_name(op), type_name(l), type_name(r));
	return &type_none;
}

static struct type *arith(struct sema *s, struct node *n, struct type *l,
			  struct type *r)
{
	enum op op = n->bin.op;
	int64_t v;

	if (!sema_is_int(l) || !sema_is_int(r)) {
		sema_error(s, n->loc, "cannot apply '%s' to %s", op_name(op),
			   sema_what(sema_is_int(l) ? r : l));
		return &type_none;
	}
	if ((op == OP_DIV || op == OP_MOD) && sema_const_int(s, n->bin.r, &v) && !v) {
		sema_error(s, n->bin.r->loc, "division by zero");
		return &type_none;
	}
	/* pointer arithmetic is byte arithmetic: the result points on */
	if (op == OP_ADD && l->kind == T_PTR && r->kind == T_INT)
		return l;
	if (op == OP_ADD && r->kind == T_PTR && l->kind == T_INT)
		return r;
	if (op == OP_SUB && l->kind == T_PTR && r->kind == T_INT)
		return l;
	if (op == OP_SUB && l->kind == T_PTR && r->kind == T_PTR)
		return &type_i64;
	if (op == OP_SHL || op == OP_SHR)
		return l->kind == T_INT ? type_int(8, l->is_signed) : &type_u64;
	return int_result(l, r);
}

static struct type *binop(struct sema *s, struct node *n)
{
	struct type *l = sema_value(s, n->bin.l), *r = sema_value(s, n->bin.r);

	if (l->kind == T_NONE || r->kind == T_NONE)
		return &type_none;
	switch (n->bin.op) {
	case OP_LAND:
	case OP_LOR:
		if (sema_is_int(l) && sema_is_int(r))
			return &type_bool;
		sema_error(s, n->loc, "cannot apply '%s' to %s", op_name(n->bin.op),
			   sema_what(sema_is_int(l) ? r : l));
		return &type_none;
	case OP_EQ: case OP_NE: case OP_LT: case OP_LE: case OP_GT: case OP_GE:
		return compare(s, n, l, r);
	default:
		return arith(s, n, l, r);
	}
}

/* ++ and --: on an integer $variable or map value. */
static struct type *incdec(struct sema *s, struct node *n)
{
	struct node *e = n->un.e;
	struct type *t;

	if (e->kind == N_MAP) {
		sema_map_update(s, e, op_name(n->un.op));
		return e->type->kind == T_NONE ? &type_none : &type_i64;
	}
	if (e->kind != N_VAR) {
		sema_error(s, n->loc, "'%s' needs a $variable or an @map", op_name(n->un.op));
		sema_expr(s, e);
		return &type_none;
	}
	t = sema_value(s, e);
	if (t->kind != T_NONE && !sema_is_int(t)) {
		sema_error(s, n->loc, "cannot apply '%s' to %s", op_name(n->un.op), sema_what(t));
		return &type_none;
	}
	return t;
}

static struct type *deref(struct sema *s, struct node *n, struct type *t)
{
	return sema_deref(s, n, t);
}

static struct type *unop(struct sema *s, struct node *n)
{
	enum op op = n->un.op;
	struct type *t;

	if (op == OP_PREINC || op == OP_PREDEC || op == OP_POSTINC || op == OP_POSTDEC)
		return incdec(s, n);
	t = sema_value(s, n->un.e);
	if (t->kind == T_NONE)
		return t;
	if (op == OP_DEREF)
		return deref(s, n, t);
	if (op == OP_ADDR) {
		sema_error(s, n->loc, "'&' (address of) is not supported");
		return &type_none;
	}
	if (!sema_is_int(t)) {
		sema_error(s, n->loc, "cannot apply '%s' to %s", op_name(op), sema_what(t));
		return &type_none;
	}
	if (op == OP_NOT)
		return &type_bool;	/* as in bpftrace: !0 is true */
	if (op == OP_NEG)
		return &type_i64;
	return sema_stored(t);
}

static struct type *ternary(struct sema *s, struct node *n)
{
	struct type *t, *f, *u;

	sema_cond(s, n->tern.c);
	t = sema_value(s, n->tern.t);
	f = sema_value(s, n->tern.f);
	if (t->kind == T_NONE || f->kind == T_NONE)
		return &type_none;
	if (sema_is_int(t) && sema_is_int(f))
		return t->kind == T_PTR && f->kind == T_PTR ? t : int_result(t, f);
	u = sema_unify(t, f);
	if (u && t->kind == f->kind)
		return u;
	sema_error(s, n->loc, "ternary branches have different types: '%s' and '%s'",
		   type_name(t), type_name(f));
	return &type_none;
}


static struct type *tuple(struct sema *s, struct node *n)
{
	struct type **el = arena_alloc(n->tuple.n * sizeof(*el));
	struct node *e;
	bool bad = false;
	int i = 0;

	for (e = n->tuple.elems; e && i < n->tuple.n; e = e->next) {
		el[i] = sema_value(s, e);
		bad |= el[i++]->kind == T_NONE;
	}
	if (bad)
		return &type_none;
	return n->tuple.names ? type_record(i, el, n->tuple.names) : type_tuple(i, el);
}

static struct type *index_(struct sema *s, struct node *n)
{
	struct type *t, *it;

	s->flex_ok = true;	/* p->flex[i]: the elements of a flexible array */
	t = sema_value(s, n->index.e);
	s->flex_ok = false;
	it = sema_value(s, n->index.idx);

	if (t->kind == T_NONE || it->kind == T_NONE)
		return &type_none;
	if (!sema_is_int(it)) {
		sema_error(s, n->index.idx->loc, "an index must be an integer, not %s", sema_what(it));
		return &type_none;
	}
	if (t->kind == T_PTR || t->kind == T_ARRAY || t->kind == T_STR)
		return sema_index_ctype(s, n, t);
	if (t->kind == T_TUPLE && !t->named) {
		struct node *e = n->index.e;
		int64_t i;

		/* bpftrace's $t[1 - 1]: a constant index is the field $t.0 */
		if (!sema_const_int(s, n->index.idx, &i)) {
			sema_error(s, n->index.idx->loc, "a tuple's index must be a constant");
			sema_note(s, "tuple elements are read with a number: $t.0, $t[0]");
			return &type_none;
		}
		n->kind = N_FIELD;
		memset(&n->field, 0, sizeof(n->field));
		n->field.e = e;
		n->field.name = arena_printf("%lld", (long long)i);
		return sema_field(s, n);
	}
	sema_error(s, n->loc, "cannot index %s", sema_what(t));
	if (t->kind == T_TUPLE)
		sema_note(s, "tuple elements are read with a number: $t.0");
	if (t->kind == T_STRUCT) {
		type_complete(t);
		/* kernels differ: 6.1's mm_struct.rss_stat is a struct around the array 6.2 made it */
		if (t->nfields == 1 && t->fields[0].type->kind == T_ARRAY)
			sema_note(s, "the array is its one field: index that, .%s[i] (a kernel of another version may lay it out differently)",
				  t->fields[0].name);
	}
	return &type_none;
}

/*
 * bpftrace's ppid and pcomm, with or without a task: the task's
 * real_parent->tgid and group_leader->comm (curtask's without one).
 * Macros are expanded by now, so the names are these builtins.
 */
static bool task_sugar(struct node *n)
{
	const char *name = n->kind == N_IDENT ? n->ident.name :
			   n->kind == N_CALL ? n->call.name : NULL;
	bool pp = name && !strcmp(name, "ppid");
	struct node *task, *mid;

	if (!name || (!pp && strcmp(name, "pcomm")) ||
	    (n->kind == N_CALL && n->call.nargs > 1))
		return false;
	if (n->kind == N_CALL && n->call.nargs == 1) {
		task = n->call.args;
		task->next = NULL;
	} else {
		task = ast_new(N_IDENT, n->loc);
		task->ident.name = "curtask";
	}
	mid = ast_new(N_FIELD, n->loc);
	mid->field.e = task;
	mid->field.name = pp ? "real_parent" : "group_leader";
	mid->field.arrow = true;
	n->kind = N_FIELD;
	memset(&n->field, 0, sizeof(n->field));
	n->field.e = mid;
	n->field.name = pp ? "tgid" : "comm";
	n->field.arrow = true;
	return true;
}

/* has_cpid (bpftrace's): whether -c was given, a constant */
static void has_cpid(struct sema *s, struct node *n)
{
	const char *name = n->kind == N_IDENT ? n->ident.name :
			   n->kind == N_CALL && !n->call.nargs ? n->call.name : NULL;

	if (!name || strcmp(name, "has_cpid"))
		return;
	s->p->has_cpid_used = true;
	n->kind = N_INT;
	memset(&n->num, 0, sizeof(n->num));
	n->num.v = s->p->cpid != 0;
	n->num.is_bool = true;
}

/* static_assert(cond, "msg") (bpftrace's): cond is checked when compiling */
static void static_assert_(struct sema *s, struct node *n)
{
	struct node *c, *m;
	int64_t v;

	if (n->kind != N_CALL || strcmp(n->call.name, "static_assert"))
		return;
	c = n->call.args;
	m = c ? c->next : NULL;
	if (n->call.nargs != 2 || m->kind != N_STR) {
		sema_error(s, n->loc, "static_assert() takes a condition and a string literal");
		sema_note(s, "write static_assert($1 > 0, \"the first parameter must be positive\")");
	} else if (!sema_const_int(s, c, &v)) {
		sema_error(s, c->loc, "static_assert() needs a condition known when compiling");
	} else if (!v) {
		sema_error(s, n->loc, "static assertion failed: %s", m->str.s);
	}
	if (s->quiet)
		return;	/* checked again, and reported, in the second pass */
	n->kind = N_INT;
	memset(&n->num, 0, sizeof(n->num));
}

struct type *sema_expr(struct sema *s, struct node *n)
{
	struct type *t;

	task_sugar(n);
	has_cpid(s, n);
	static_assert_(s, n);

	switch (n->kind) {
	case N_INT:
		if (n->num.is_bool)
			t = &type_bool;
		else if (n->type && n->type->kind == T_INT && n->type->enums)
			t = n->type;	/* an enumerator (sema_enum_const), seen again */
		else
			t = n->num.v > INT64_MAX ? &type_u64 : &type_i64;
		break;
	case N_STR:
		t = type_str(n->str.len + 1);
		break;
	case N_IDENT: t = ident(s, n); break;
	case N_VAR: t = var_read(s, n); break;
	case N_POSPARAM: t = posparam(s, n); break;
	case N_POSCOUNT: t = &type_i64; break;
	case N_MAP: t = sema_map_read(s, n); break;
	case N_CALL: t = call(s, n); break;
	case N_BINOP: t = binop(s, n); break;
	case N_UNOP: t = unop(s, n); break;
	case N_TERNARY: t = ternary(s, n); break;
	case N_FIELD: t = sema_field(s, n); break;
	case N_INDEX: t = index_(s, n); break;
	case N_CAST: t = sema_cast(s, n); break;
	case N_TUPLE: t = tuple(s, n); break;
	case N_BLOCKEXPR: t = sema_block_expr(s, n); break;
	default:
		sema_error(s, n->loc, "a statement is not a value");
		t = &type_none;
		break;
	}
	n->type = t;
	return t;
}

void sema_agg_misplaced(struct sema *s, struct node *call)
{
	const struct builtin *b = builtin_find(call->call.name, true);

	sema_error(s, call->loc, "%s() must be assigned directly to a map",
		   call->call.name);
	sema_note(s, "write @name = %s(%s)", call->call.name,
		  b && b->max_args ? "..." : "");
}

struct type *sema_value(struct sema *s, struct node *n)
{
	bool flex = s->flex_ok;
	const char *name = n->kind == N_CALL ? n->call.name : "this";
	struct type *t;

	s->flex_ok = false;
	t = sema_expr(s, n);

	switch (t->kind) {
	case T_AGG:
		sema_agg_misplaced(s, n);
		break;
	case T_VOID:
		if (n->kind == N_BLOCKEXPR) {
			if (n->bexpr.name) {
				sema_error(s, n->loc, "macro '%s' has no value", n->bexpr.name);
				sema_note(s, "a macro's value is its last statement, an expression without ';'");
			} else {
				sema_error(s, n->loc, "this block has no value");
				sema_note(s, "a block's value is its last statement, an expression without ';'");
			}
			break;
		}
		sema_error(s, n->loc, "%s() has no value", name);
		break;
	case T_RECORD:
		if ((t = sema_record_value(s, n, t)))
			return n->type = t;
		sema_error(s, n->loc, "a record cannot be used as a value");
		sema_note(s, "read one of its fields: args->NAME");
		break;
	case T_MAP:
		sema_error(s, n->loc, "a map cannot be used as a value");
		break;
	case T_ARRAY:
		if (!flex && !sema_check_flex(s, n, t))
			break;
		return t;
	default:
		return t;
	}
	n->type = &type_none;
	return &type_none;
}

void sema_cond(struct sema *s, struct node *n)
{
	struct type *t = sema_value(s, n);

	if (t->kind != T_NONE && !sema_is_int(t))
		sema_error(s, n->loc, "a condition must be an integer, not %s", sema_what(t));
}
