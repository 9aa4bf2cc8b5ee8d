// SPDX-License-Identifier: GPL-2.0
/* Types of qtrace values: the shared singletons, constructors and names. */
#include <string.h>
#include "util/arena.h"
#include "sema/types.h"

struct type type_none = { .kind = T_NONE };
struct type type_void = { .kind = T_VOID };
struct type type_u64 = { .kind = T_INT, .size = 8, .is_signed = false };
struct type type_i64 = { .kind = T_INT, .size = 8, .is_signed = true };
struct type type_u32 = { .kind = T_INT, .size = 4, .is_signed = false };
struct type type_i32 = { .kind = T_INT, .size = 4, .is_signed = true };
struct type type_u8 = { .kind = T_INT, .size = 1, .is_signed = false };
struct type type_comm = { .kind = T_STR, .size = 16 };
struct type type_bool = { .kind = T_INT, .size = 8, .is_bool = true };

struct type *type_int(int size, bool is_signed)
{
	struct type *t;

	if (size == 8)
		return is_signed ? &type_i64 : &type_u64;
	if (size == 4)
		return is_signed ? &type_i32 : &type_u32;
	if (size == 1 && !is_signed)
		return &type_u8;
	t = arena_alloc(sizeof(*t));
	t->kind = T_INT;
	t->size = size;
	t->is_signed = is_signed;
	return t;
}

struct type *type_str(int size)
{
	struct type *t;

	if (size == 16)
		return &type_comm;
	t = arena_alloc(sizeof(*t));
	t->kind = T_STR;
	t->size = size;
	return t;
}

struct type *type_ptr(struct type *elem, bool user)
{
	struct type *t = arena_alloc(sizeof(*t));

	t->kind = T_PTR;
	t->size = 8;
	t->elem = elem ? elem : &type_none;
	t->user = user;
	return t;
}

/* How a value is stored in a tuple, map or event: integers take 8 bytes. */
static struct type *stored(struct type *t)
{
	if (t->kind == T_INT && t->size != 8)
		return type_int(8, t->is_signed);
	return t;
}

struct type *type_tuple(int n, struct type **elems)
{
	struct type *t = arena_alloc(sizeof(*t));
	int i, off = 0;

	t->kind = T_TUPLE;
	t->nfields = n;
	t->fields = arena_alloc(n * sizeof(*t->fields));
	for (i = 0; i < n; i++) {
		struct field *f = &t->fields[i];

		f->name = arena_printf("%d", i);
		f->type = stored(elems[i]);
		f->offset = off;
		off += (f->type->size + 7) & ~7;
	}
	t->size = off;
	return t;
}

struct type *type_array(struct type *elem, int count)
{
	struct type *t;

	t = arena_alloc(sizeof(*t));
	t->kind = T_ARRAY;
	t->elem = elem;
	t->count = count;
	t->size = elem->size * count;
	return t;
}

struct type *type_struct(const char *name, int size)
{
	struct type *t = arena_alloc(sizeof(*t));

	t->kind = T_STRUCT;
	t->name = name;
	t->size = size;
	return t;
}

void type_complete(struct type *t)
{
	void (*fn)(struct type *) = t ? t->complete : NULL;

	if (fn) {
		t->complete = NULL;
		fn(t);
	}
}

const struct field *type_field(struct type *t, const char *name)
{
	const struct field *f, *in;
	struct field *r;
	int i;

	if (!t || t->kind != T_STRUCT)
		return NULL;
	type_complete(t);
	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].name[0] && !strcmp(t->fields[i].name, name))
			return &t->fields[i];
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (f->name[0] || !(in = type_field(f->type, name)))
			continue;
		r = arena_alloc(sizeof(*r));
		*r = *in;
		r->offset += f->offset;
		return r;
	}
	return NULL;
}

const char *type_enum_name(const struct type *t, int64_t v)
{
	int i;

	for (i = 0; t && i < t->nenums; i++)
		if (t->enums[i].value == v)
			return t->enums[i].name;
	return NULL;
}

struct type *type_record(int n, struct type **elems, char **names)
{
	struct type *t = type_tuple(n, elems);
	int i;

	t->named = true;
	for (i = 0; i < n; i++)
		t->fields[i].name = names[i];
	return t;
}

struct type *type_agg(enum agg_kind agg)
{
	struct type *t = arena_alloc(sizeof(*t));

	t->kind = T_AGG;
	t->size = 8;
	t->agg = agg;
	return t;
}

struct type *type_stack(enum stack_kind kind, int depth, enum stack_mode mode)
{
	struct type *t = arena_alloc(sizeof(*t));

	t->kind = T_INT;
	t->size = 8;
	t->stack = kind;
	t->stack_depth = depth > 0 && depth < QT_STACK_MAX ? depth : 0;
	t->stack_mode = mode;
	return t;
}

struct type *type_print(enum print_kind pk, int n, struct type **elems)
{
	struct type *t;

	if (n) {
		t = type_tuple(n, elems);
	} else {
		t = arena_alloc(sizeof(*t));
		t->kind = T_INT;
		t->size = 8;
	}
	t->print = pk;
	return t;
}

bool type_equal(const struct type *a, const struct type *b)
{
	int i;

	if (a == b)
		return true;
	if (!a || !b || a->kind != b->kind || a->print != b->print)
		return false;
	if (a->print == PK_TIMESTAMP && strcmp(a->print_fmt, b->print_fmt))
		return false;
	switch (a->kind) {
	case T_INT:
		return a->size == b->size && a->is_signed == b->is_signed &&
		       a->is_bool == b->is_bool &&
		       a->stack == b->stack && a->stack_depth == b->stack_depth &&
		       a->stack_mode == b->stack_mode;
	case T_STR:
		return a->size == b->size;
	case T_PTR:
		return type_equal(a->elem, b->elem);
	case T_STRUCT:
		return a->name && b->name && !strcmp(a->name, b->name) &&
		       a->size == b->size;
	case T_ARRAY:
		return a->count == b->count && type_equal(a->elem, b->elem);
	case T_TUPLE:
		if (a->nfields != b->nfields || a->stack != b->stack ||
		    a->named != b->named)
			return false;
		for (i = 0; i < a->nfields; i++)
			if (!type_equal(a->fields[i].type, b->fields[i].type) ||
			    (a->named && strcmp(a->fields[i].name, b->fields[i].name)))
				return false;
		return true;
	case T_RECORD:
		return false;	/* distinct records are distinct types */
	case T_AGG:
		return a->agg == b->agg;
	case T_NONE:
	case T_VOID:
	case T_MAP:
		return true;
	}
	return false;
}

/* ORDER AGG */
static const char *const agg_names[] = {
	"none", "count", "sum", "min", "max", "avg", "stats", "hist", "lhist", "tseries",
};

const char *agg_name(enum agg_kind agg)
{
	if ((unsigned)agg >= sizeof(agg_names) / sizeof(agg_names[0]))
		return "?";
	return agg_names[agg];
}

/* ORDER STACK_MODE */
static const char *const stack_mode_names[] = { "bpftrace", "perf", "dwarf", "raw" };

const char *stack_mode_name(enum stack_mode mode)
{
	if ((unsigned)mode >= sizeof(stack_mode_names) / sizeof(stack_mode_names[0]))
		return NULL;
	return stack_mode_names[mode];
}

/* "kstack", "ustack(3)", "kstack(perf)", "kstack(perf, 3)": as written */
static const char *stack_name(const struct type *t)
{
	const char *s = t->stack == STACK_USER ? "ustack" : "kstack";

	if (t->stack_mode != STACK_MODE_BPFTRACE && t->stack_depth)
		return arena_printf("%s(%s, %d)", s, stack_mode_name(t->stack_mode),
				    t->stack_depth);
	if (t->stack_mode != STACK_MODE_BPFTRACE)
		return arena_printf("%s(%s)", s, stack_mode_name(t->stack_mode));
	if (t->stack_depth)
		return arena_printf("%s(%d)", s, t->stack_depth);
	return s;
}

static const char *tuple_name(const struct type *t)
{
	const char *s = "(";
	int i;

	for (i = 0; i < t->nfields; i++)
		s = arena_printf("%s%s%s%s%s", s, i ? ", " : "",
				 t->named ? t->fields[i].name : "", t->named ? "=" : "",
				 type_name(t->fields[i].type));
	return arena_printf("%s)", s);
}

/* ORDER PRINT_KIND */
static const char *const print_names[] = {
	NULL, "syscall_name", "strerror", "username", "cgroup_path", "timestamp",
	"inet", "macaddr", "buffer", "errname", "signame",
};

const char *type_name(const struct type *t)
{
	if (!t)
		return "none";
	if (t->print && (unsigned)t->print < sizeof(print_names) / sizeof(print_names[0]))
		return print_names[t->print];
	switch (t->kind) {
	case T_NONE:
		return "none";
	case T_VOID:
		return "void";
	case T_INT:
		if (t->name)
			return t->name;
		if (t->stack == STACK_KSYM)
			return "ksym";
		if (t->stack)
			return stack_name(t);
		if (t->is_bool)
			return "bool";
		return arena_printf("%sint%d", t->is_signed ? "" : "u",
				    t->size * 8);
	case T_STR:
		return arena_printf("string[%d]", t->size);
	case T_PTR:
		if (!t->elem || t->elem->kind == T_NONE)
			return "void *";
		return arena_printf("%s *", type_name(t->elem));
	case T_TUPLE:
		return t->stack == STACK_USYM ? "usym" : tuple_name(t);
	case T_RECORD:
		return "record";
	case T_STRUCT:
		return t->name ? t->name : "struct";
	case T_ARRAY:
		return arena_printf("%s[%d]", type_name(t->elem), t->count);
	case T_AGG:
		return agg_name(t->agg);
	case T_MAP:
		return "map";
	}
	return "none";
}

bool type_plain_tuple(const struct type *t)
{
	return t->kind == T_TUPLE && !t->named && t->print == PK_NONE && t->stack == STACK_NONE;
}
