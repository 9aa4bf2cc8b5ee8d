// SPDX-License-Identifier: GPL-2.0
/*
 * C types in expressions: named types in casts and sizeof, fields of
 * structs and unions (p->f, s.f), *p, p[i], offsetof, enum constants, and
 * curtask.  The types come from the kernel's BTF (btf_types.h) or from
 * struct definitions in the script.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "parser/preproc.h"
#include "runtime/provider.h"
#include "sema/btf_types.h"
#include "sema/check_builtins.h"
#include "sema/kmacros.h"
#include "sema/sema_int.h"
#include "sema/suggest.h"
#include "util/arena.h"

/* Casts and sizeof take these besides C types. */
struct type *sema_int_name(const char *name)
{
	int bits = 0;
	bool sign = name[0] != 'u';
	char end;

	if (sscanf(name + !sign, "int%d%c", &bits, &end) != 1 ||
	    (bits != 8 && bits != 16 && bits != 32 && bits != 64))
		return NULL;
	return type_int(bits / 8, sign);
}

/*
 * A script that #includes a header expects its types from it: say that
 * the header is not read (types come from BTF) when one is missing.
 */
static void includes_note(struct sema *s)
{
	const struct pp_include *i = s->p->ast->program.includes;
	const char *list;

	if (!i)
		return;
	list = i->line;
	for (i = i->next; i; i = i->next)
		list = arena_printf("%s, %s", list, i->line);
	sema_note(s, "%s %s not read: types come from the kernel's BTF", list,
		  s->p->ast->program.includes->next ? "are" : "is");
}

static void missing_btf(struct sema *s, struct loc loc, const char *what, int err)
{
	sema_error(s, loc, "%s needs the kernel's BTF, which cannot be read: %s", what,
		   strerror(err));
	sema_note(s, "%s", btf_missing_hint());
	includes_note(s);
}

/* "struct sock" as written: the script's definition, else the kernel's. */
struct type *sema_named_type(struct sema *s, const char *name, struct loc loc)
{
	const char *sp = strchr(name, ' ');
	const char *kw = sp ? arena_strndup(name, sp - name) : name;
	struct type *t = sema_script_struct(s, name);
	const char *best;

	if (t)
		return t;
	if (!sp) {
		sema_error(s, loc, "'%s' needs a name: '%s NAME'", name, name);
		return NULL;
	}
	if (!btf_vmlinux()) {
		missing_btf(s, loc, arena_printf("'%s'", name), errno);
		return NULL;
	}
	t = btf_named_type(kw, sp + 1);
	if (t)
		return t;
	if (errno != ENOENT) {
		missing_btf(s, loc, arena_printf("'%s'", name), errno);
		return NULL;
	}
	sema_error(s, loc, "unknown type '%s'", name);
	if ((best = btf_suggest_type(kw, sp + 1)))
		sema_note(s, "did you mean '%s %s'?", kw, best);
	else
		sema_note(s, "the kernel's BTF has no %s of that name", kw);
	includes_note(s);
	return NULL;
}

/* A typedef of the kernel's BTF (pid_t, u32, sockptr_t), seen through to its type. */
static struct type *typedef_name(struct sema *s, const char *name, struct loc loc)
{
	struct type *t = btf_vmlinux() ? btf_named_type("typedef", name) : NULL;
	const char *best;

	if (t)
		return t;
	sema_error(s, loc, "unknown type '%s'", name);
	if (btf_vmlinux() && (best = btf_suggest_type("typedef", name)))
		sema_note(s, "did you mean '%s'?", best);
	else
		sema_note(s, "types are int8 ... int64, uint8 ... uint64, the kernel's typedefs (pid_t, u32 ...) and struct, union or enum NAME, optionally with '*' or [N]");
	includes_note(s);
	return NULL;
}

struct type *sema_typespec(struct sema *s, const struct typespec *ts, struct loc loc)
{
	struct type *t;
	int i;

	if (strchr(ts->name, ' '))
		t = sema_named_type(s, ts->name, loc);
	else if (!(t = sema_int_name(ts->name)) && !(t = typedef_name(s, ts->name, loc)))
		return NULL;
	if (!t)
		return NULL;
	for (i = 0; i < ts->ptr; i++)
		t = type_ptr(t, false);
	if (ts->dim > 0)
		t = type_array(t, ts->dim);
	else if (ts->dim < 0)
		t = type_array(t, 0);
	return t;
}

static bool is_mem(const struct type *t)
{
	return t->kind == T_STR || t->kind == T_ARRAY || t->kind == T_STRUCT;
}

/* "RED = 0, GREEN = 5, ...": for notes (at most 8 of them) */
static const char *enumerators(const struct type *t)
{
	const char *l = "";
	int i;

	for (i = 0; i < t->nenums && i < 8; i++)
		l = arena_printf("%s%s%s = %lld", l, i ? ", " : "", t->enums[i].name,
				 (long long)t->enums[i].value);
	return t->nenums > 8 ? arena_printf("%s, ...", l) : l;
}

/* (int8[4])x: the bytes of an integer (or the reverse) when the sizes agree. */
static struct type *cast_bytes(struct sema *s, struct node *n, struct type *t, struct type *to)
{
	int from = t->kind == T_INT ? t->size : t->size;

	if ((t->kind == T_INT && to->kind == T_ARRAY && to->elem->kind == T_INT) ||
	    (t->kind == T_ARRAY && t->elem->kind == T_INT && to->kind == T_INT)) {
		if (from == to->size && to->size <= 8)
			return to;
		sema_error(s, n->loc, "cannot cast '%s' to '%s': the sizes differ (%d and %d bytes)",
			   type_name(t), type_name(to), from, to->size);
		return &type_none;
	}
	sema_error(s, n->loc, "cannot cast %s to '%s'", sema_what(t), type_name(to));
	if (to->kind == T_STRUCT)
		sema_note(s, "cast to a pointer and dereference it: *(%s *)addr", type_name(to));
	return &type_none;
}

struct type *sema_cast(struct sema *s, struct node *n)
{
	struct type *t = sema_value(s, n->cast.e), *to;

	if (!strcmp(n->cast.to.name, "bool") && !n->cast.to.ptr && !n->cast.to.dim) {
		/* (bool)x: x != 0, of an integer or a pointer; a string: not empty (bpftrace) */
		if (t->kind == T_NONE || sema_is_int(t) || t->kind == T_STR)
			return t->kind == T_NONE ? t : &type_bool;
		sema_error(s, n->loc, "cannot cast %s to 'bool'", sema_what(t));
		return &type_none;
	}
	to = sema_typespec(s, &n->cast.to, n->loc);

	if (!to || t->kind == T_NONE)
		return &type_none;
	/* (uint8[])x: as many elements as x has bytes */
	if (n->cast.to.dim == -2 && to->kind == T_ARRAY && to->elem->size > 0 &&
	    t->size > 0 && t->size % to->elem->size == 0)
		to = type_array(to->elem, t->size / to->elem->size);
	if (sema_is_int(t) && sema_is_int(to)) {
		int64_t v;

		/* (enum E)3 of a constant: bpftrace checks E has that value */
		if (to->kind == T_INT && to->enums && sema_const_int(s, n->cast.e, &v) &&
		    !type_enum_name(to, v)) {
			sema_error(s, n->loc, "'%s' has no enumerator of the value %lld",
				   type_name(to), (long long)v);
			sema_note(s, "its enumerators: %s", enumerators(to));
			return &type_none;
		}
		/* an address cast to a pointer keeps its address space */
		if (to->kind == T_PTR && t->kind == T_PTR && t->user)
			to = type_ptr(to->elem, true);
		/* an integer in a user program's probe is a user address */
		if (to->kind == T_PTR && t->kind == T_INT && s->ninsts &&
		    s->insts[0]->provider && s->insts[0]->provider->user_ctx)
			to = type_ptr(to->elem, true);
		return to;
	}
	if (is_mem(t) || is_mem(to))
		return cast_bytes(s, n, t, to);
	sema_error(s, n->loc, "cannot cast %s to '%s'", sema_what(t), type_name(to));
	return &type_none;
}

/* A field's type as read through a pointer of address space user. */
static struct type *in_space(struct type *t, bool user)
{
	if (user && t->kind == T_PTR && !t->user)
		return type_ptr(t->elem, true);
	return t;
}

/* Offer the field names of st, and of its anonymous members, as C sees them. */
static void suggest_fields(struct suggest *sg, struct type *st)
{
	int i;

	type_complete(st);
	for (i = 0; i < st->nfields; i++) {
		if (st->fields[i].name[0])
			suggest_add(sg, st->fields[i].name);
		else if (st->fields[i].type->kind == T_STRUCT)
			suggest_fields(sg, st->fields[i].type);
	}
}

static void no_struct_field(struct sema *s, struct node *n, struct type *st)
{
	struct suggest sg;
	const char *best;

	sema_error(s, n->loc, "%s has no field '%s'", type_name(st), n->field.name);
	suggest_init(&sg, n->field.name);
	suggest_fields(&sg, st);
	if ((best = suggest_result(&sg)))
		sema_note(s, "did you mean '%s'?", best);
}

static struct type *struct_member(struct sema *s, struct node *n, struct type *st, bool user)
{
	const struct field *f;

	if (st->size == 0 && !st->nfields && !st->complete) {
		sema_error(s, n->loc, "%s is only declared: its fields are unknown", type_name(st));
		return &type_none;
	}
	f = type_field(st, n->field.name);
	if (!f) {
		no_struct_field(s, n, st);
		return &type_none;
	}
	if (f->bits && f->bit_off + f->bits > 64) {
		sema_error(s, n->loc, "field '%s' is a bitfield of %d bits, which qtrace cannot read",
			   f->name, f->bits);
		return &type_none;
	}
	n->field.field = f;
	return in_space(f->type, user);
}

/*
 * A tracepoint field declared `struct NAME *`: the struct from BTF, read
 * only now that the script looks through the pointer (as bpftrace, which
 * parses the format file's declaration).
 */
static struct type *declared_ptr(struct type *t)
{
	const char *sp;
	struct type *e;

	if (t->kind != T_PTR || t->elem->kind != T_NONE || !t->name ||
	    !(sp = strchr(t->name, ' ')))
		return t;
	e = btf_named_type(arena_strndup(t->name, sp - t->name), sp + 1);
	return e ? type_ptr(e, t->user) : t;
}

/*
 * A tracepoint field declared `enum NAME`: the enum from BTF, read only now
 * that the script reads the field; its integer type when BTF lacks it.
 */
struct type *sema_tp_enum(struct type *t)
{
	struct type *e;

	if (t->kind != T_INT || t->enums || !t->name || strncmp(t->name, "enum ", 5) ||
	    !btf_vmlinux())
		return t;
	e = btf_named_type("enum", t->name + 5);
	if (!e || e->kind != T_INT || !e->enums || e->size != t->size)
		return t;
	return e;
}

struct type *sema_struct_field(struct sema *s, struct node *n, struct type *t)
{
	const char *op = n->field.arrow ? "->" : ".";

	t = declared_ptr(t);
	if (t->kind == T_PTR && t->elem->kind == T_STRUCT) {
		/* bpftrace reads p.f through a pointer as p->f (its tools do) */
		n->field.arrow = true;
		return struct_member(s, n, t->elem, t->user);
	}
	if (t->kind == T_STRUCT) {
		if (!n->field.arrow)
			return struct_member(s, n, t, false);
		sema_error(s, n->loc, "'%s' is not a pointer: use '.' to read field '%s'",
			   type_name(t), n->field.name);
		return &type_none;
	}
	if (t->kind == T_INT || t->kind == T_PTR) {
		sema_error(s, n->loc, "cannot read field '%s' of '%s'", n->field.name,
			   type_name(t));
		sema_note(s, "cast the pointer to its struct type first: ((struct NAME *)%s)%s%s",
			  "addr", op, n->field.name);
		return &type_none;
	}
	sema_error(s, n->loc, "cannot read field '%s' of %s", n->field.name, sema_what(t));
	return &type_none;
}

struct type *sema_deref(struct sema *s, struct node *n, struct type *t)
{
	t = declared_ptr(t);
	if (t->kind == T_PTR) {
		struct type *e = t->elem;

		if (e->kind == T_INT || e->kind == T_PTR || e->kind == T_STRUCT ||
		    e->kind == T_STR || (e->kind == T_ARRAY && e->count))
			return in_space(e, t->user);
		if (e->kind == T_NONE)
			return &type_u64;	/* void *: 8 bytes, as an address held as an integer */
	}
	if (t->kind == T_INT && !t->stack)
		return &type_u64;	/* an address held as an integer: 8 bytes */
	sema_error(s, n->loc, "cannot dereference %s", sema_what(t));
	if (t->kind == T_STRUCT)
		sema_note(s, "it is a struct value: read its fields with '.'");
	return &type_none;
}

struct type *sema_index_ctype(struct sema *s, struct node *n, struct type *t)
{
	struct type *e = t->kind == T_STR ? type_int(1, true) : t->elem;
	int64_t i;
	int count = t->kind == T_STR ? t->size : t->count;

	if (t->kind == T_PTR && (e->kind == T_NONE || e->size <= 0)) {
		sema_error(s, n->loc, "cannot index '%s': the size of its elements is unknown",
			   type_name(t));
		sema_note(s, "cast it to a typed pointer first: ((uint8 *)p)[i]");
		return &type_none;
	}
	if (t->kind != T_PTR && count && sema_const_int(s, n->index.idx, &i) &&
	    (i < 0 || i >= count)) {
		sema_error(s, n->index.idx->loc, "index %lld is out of range for '%s'",
			   (long long)i, type_name(t));
		return &type_none;
	}
	if (e->kind == T_ARRAY && !e->count) {
		sema_error(s, n->loc, "cannot index '%s' of flexible arrays", type_name(t));
		return &type_none;
	}
	return in_space(e, t->kind == T_PTR && t->user);
}

/* A flexible array (count 0) has no value: only its elements can be read. */
bool sema_check_flex(struct sema *s, struct node *n, struct type *t)
{
	if (t->kind != T_ARRAY || t->count)
		return true;
	if (n->kind == N_FIELD && n->field.field)
		sema_error(s, n->loc, "field '%s' is a flexible array, which qtrace cannot read as a whole",
			   n->field.name);
	else
		sema_error(s, n->loc, "a flexible array cannot be read as a whole");
	sema_note(s, "read its elements: x[0], x[1] ...");
	return false;
}

/* The constant n becomes (after a check hook computed it). */
static struct type *constant(struct node *n, uint64_t v)
{
	n->kind = N_INT;
	n->num.is_bool = false;	/* the node's union held other fields */
	n->num.v = v;
	return &type_u64;
}

/* sizeof(pid_t): a name that is no builtin but a kernel typedef. */
static struct type *sizeof_typedef(struct sema *s, struct node *a)
{
	if (a->kind != N_IDENT || builtin_find(a->ident.name, false) || !btf_vmlinux())
		return NULL;
	return btf_named_type("typedef", a->ident.name);
}

struct type *check_sizeof(struct sema *s, struct node *n)
{
	struct type *t;

	if (n->call.ts && n->call.nargs) {
		sema_error(s, n->loc, "sizeof takes a type or an expression");
		return &type_none;
	}
	if (n->call.ts) {
		t = sema_typespec(s, n->call.ts, n->call.ts_loc);
		if (!t)
			return &type_none;
	} else {
		if (n->call.nargs != 1) {
			sema_error(s, n->loc, "sizeof takes a type or an expression");
			return &type_none;
		}
		t = sizeof_typedef(s, n->call.args);
		if (!t)
			t = sema_expr(s, n->call.args);
		if (t->kind == T_NONE)
			return t;
	}
	if (t->kind == T_STRUCT && !t->size && !t->complete) {
		sema_error(s, n->loc, "%s is only declared: its size is unknown", type_name(t));
		return &type_none;
	}
	if (t->size <= 0 && t->kind != T_ARRAY) {
		sema_error(s, n->loc, "%s has no size", sema_what(t));
		return &type_none;
	}
	return constant(n, (uint64_t)t->size);
}

/* offsetof(struct x, a.b.c): the path is written as field reads of names. */
static bool path_offset(struct sema *s, struct node *p, struct type **t, int *off)
{
	const struct field *f;
	struct node fake;
	const char *name;

	if (p->kind == N_FIELD && !p->field.arrow) {
		if (!path_offset(s, p->field.e, t, off))
			return false;
		name = p->field.name;
	} else if (p->kind == N_IDENT) {
		name = p->ident.name;
	} else {
		sema_error(s, p->loc, "offsetof needs a field name, or names joined by '.'");
		return false;
	}
	if ((*t)->kind != T_STRUCT) {
		sema_error(s, p->loc, "cannot read field '%s' of '%s'", name, type_name(*t));
		return false;
	}
	f = type_field(*t, name);
	if (!f) {
		fake = *p;
		fake.kind = N_FIELD;
		fake.field.name = (char *)name;
		no_struct_field(s, &fake, *t);
		return false;
	}
	if (f->bits) {
		sema_error(s, p->loc, "field '%s' is a bitfield: it has no byte offset", name);
		return false;
	}
	*off += f->offset;
	*t = f->type;
	return true;
}

struct type *check_offsetof(struct sema *s, struct node *n)
{
	struct node *path = n->call.args;
	struct type *t;
	int off = 0;

	if (n->call.ts && n->call.nargs == 1) {
		t = sema_typespec(s, n->call.ts, n->call.ts_loc);
		if (!t)
			return &type_none;
		if (t->kind != T_STRUCT) {
			sema_error(s, n->call.ts_loc, "offsetof needs a struct or union, not '%s'",
				   type_name(t));
			return &type_none;
		}
	} else if (!n->call.ts && n->call.nargs == 2) {
		/* offsetof(*$p, f): the expression's type; it is not evaluated */
		path = n->call.args->next;
		t = declared_ptr(sema_expr(s, n->call.args));
		if (t->kind == T_NONE)
			return t;
		/* a pointer to a struct, as p.f reads through it */
		if (t->kind == T_PTR && t->elem->kind == T_STRUCT)
			t = t->elem;
		if (t->kind != T_STRUCT) {
			sema_error(s, n->call.args->loc, "offsetof needs a struct or union, not %s",
				   sema_what(t));
			sema_note(s, "offsetof(struct NAME, field) takes the type itself");
			return &type_none;
		}
	} else {
		sema_error(s, n->loc, "offsetof takes a struct and a field: offsetof(struct NAME, field) or offsetof(expr, field)");
		sema_note(s, "the field may be a path through nested structs: offsetof(struct NAME, a.b.c)");
		return &type_none;
	}
	if (!path_offset(s, path, &t, &off))
		return &type_none;
	return constant(n, (uint64_t)off);
}

struct type *check_curtask(struct sema *s, struct node *n)
{
	struct type *t = btf_named_type("struct", "task_struct");

	if (!t) {
		missing_btf(s, n->loc, "'curtask'", errno == ENOENT ? ENOENT : errno);
		return &type_none;
	}
	return type_ptr(t, false);
}

bool sema_enum_const(struct sema *s, struct node *n)
{
	struct type *t = NULL;
	int64_t v;

	/*
	 * the script's enums, then the headers' macros (looking for a
	 * kernel enum loads BTF); an enumerator is of its enum's type, so
	 * it prints as its name (printf's %s, print)
	 */
	if (!sema_script_enumerator(s, n->ident.name, &v, &t) &&
	    !kmacro_value(n->ident.name, &v) && !btf_enum_const(n->ident.name, &v, &t))
		return false;
	n->kind = N_INT;
	n->num.is_bool = false;	/* the node's union held other fields */
	n->num.v = (uint64_t)v;
	n->type = t && t->enums ? sema_stored(t) : &type_i64;
	return true;
}

/* NAME_LIKE_THIS: what a kernel enumerator (or a C macro) looks like */
static bool enum_shaped(const char *name)
{
	const char *p;

	for (p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

bool sema_enum_hint(const char *name)
{
	return !btf_vmlinux() && enum_shaped(name);
}

/*
 * An enumerator-shaped name that the BTF has not: kernels differ in which
 * constants are enums (BTF has them) and which are #defines (no trace in
 * BTF): 6.1's ___GFP_*_BIT bits, say, are macros.
 */
void sema_enum_missing_note(struct sema *s, const char *name)
{
	struct utsname u;
	char which[sizeof(u.release) + 16] = "";

	if (!btf_vmlinux() || !enum_shaped(name))
		return;
	/* the running kernel's, unless QTRACE_BTF names another */
	if (!getenv("QTRACE_BTF") && uname(&u) == 0)
		snprintf(which, sizeof(which), " (Linux %s)", u.release);
	sema_note(s, "no enum in the kernel's BTF%s has an enumerator '%s': a kernel that #defines it leaves no BTF for it, and qtrace reads no C headers",
		  which, name);
}

struct type *sema_record_value(struct sema *s, struct node *n, struct type *rec)
{
	struct type *st;
	int i;

	if (n->kind != N_IDENT || !n->ident.b || n->ident.b->kind != B_CTX)
		return NULL;
	for (i = 1; i < s->ninsts; i++)
		if (s->insts[i]->args_type != s->insts[0]->args_type)
			return NULL;
	if (rec->elem)
		return rec->elem;
	st = type_struct("args", rec->size);
	st->fields = arena_alloc((rec->nfields ? rec->nfields : 1) * sizeof(*st->fields));
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (!strncmp(f->name, "common_", 7) || f->type->kind == T_NONE)
			continue;
		st->fields[st->nfields] = *f;
		st->fields[st->nfields].type = sema_tp_enum(f->type);
		if (f->data_loc) {
			/* __data_loc char[]: a string, copied after the record */
			if (f->type->kind != T_PTR || f->type->elem->kind != T_INT ||
			    f->type->elem->size != 1)
				continue;
			st->size = (st->size + 7) & ~7;
			st->fields[st->nfields].type = type_str(QT_STRLEN);
			st->fields[st->nfields].offset = st->size;
			st->size += QT_STRLEN;
		}
		st->nfields++;
	}
	rec->elem = st;
	return st;
}
