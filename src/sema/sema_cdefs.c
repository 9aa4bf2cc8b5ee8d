// SPDX-License-Identifier: GPL-2.0
/*
 * The C definitions of a script's preamble: struct and union NAME { ... }
 * (members of C integer types, pointers, arrays, other structs, nested
 * struct/union/enum definitions, named or anonymous) laid out as C does,
 * and enum [NAME] { A, B = 5 } whose enumerators are constants of the
 * script.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "sema/sema_int.h"
#include "util/arena.h"

/* C integer types a script's struct members may be declared with. */
static const struct {
	const char *name;
	int size;
	bool is_signed;
} cints[] = {
	{ "char", 1, true }, { "signed char", 1, true }, { "unsigned char", 1, false },
	{ "bool", 1, false }, { "_Bool", 1, false },
	{ "short", 2, true }, { "short int", 2, true }, { "unsigned short", 2, false },
	{ "unsigned short int", 2, false }, { "int", 4, true }, { "signed int", 4, true },
	{ "signed", 4, true }, { "unsigned int", 4, false }, { "unsigned", 4, false },
	{ "long", 8, true }, { "long int", 8, true }, { "unsigned long", 8, false },
	{ "unsigned long int", 8, false }, { "long long", 8, true },
	{ "unsigned long long", 8, false },
	{ "u8", 1, false }, { "s8", 1, true }, { "u16", 2, false }, { "s16", 2, true },
	{ "u32", 4, false }, { "s32", 4, true }, { "u64", 8, false }, { "s64", 8, true },
	{ "__u8", 1, false }, { "__s8", 1, true }, { "__u16", 2, false },
	{ "__s16", 2, true }, { "__u32", 4, false }, { "__s32", 4, true },
	{ "__u64", 8, false }, { "__s64", 8, true },
	{ "uint8_t", 1, false }, { "int8_t", 1, true }, { "uint16_t", 2, false },
	{ "int16_t", 2, true }, { "uint32_t", 4, false }, { "int32_t", 4, true },
	{ "uint64_t", 8, false }, { "int64_t", 8, true },
	{ "pid_t", 4, true }, { "size_t", 8, false }, { "ssize_t", 8, true },
};

static struct type *c_int(const char *words)
{
	size_t i;

	for (i = 0; i < sizeof(cints) / sizeof(cints[0]); i++)
		if (!strcmp(cints[i].name, words))
			return type_int(cints[i].size, cints[i].is_signed);
	return sema_int_name(words);
}

/* The alignment C gives t: its largest scalar, at most 8. */
static int align_of(struct type *t)
{
	int a = 1, i;

	switch (t->kind) {
	case T_ARRAY:
		return align_of(t->elem);
	case T_STR:
		return 1;
	case T_STRUCT:
		type_complete(t);
		for (i = 0; i < t->nfields; i++)
			if (align_of(t->fields[i].type) > a)
				a = align_of(t->fields[i].type);
		return a;
	default:
		return t->size > 0 && t->size <= 8 ? t->size : 8;
	}
}

struct type *sema_script_struct(struct sema *s, const char *name)
{
	int i;

	for (i = 0; i < s->nstructs; i++)
		if (!strcmp(s->structs[i]->name, name))
			return s->structs[i];
	return NULL;
}

bool sema_script_enumerator(struct sema *s, const char *name, int64_t *v, struct type **t)
{
	int i;

	for (i = 0; i < s->nenumerators; i++)
		if (!strcmp(s->enumerators[i].name, name)) {
			*v = s->enumerators[i].value;
			*t = s->enumerators[i].type;
			return true;
		}
	return false;
}

/* A named definition becomes a type of the script: once. */
static bool add_type(struct sema *s, struct type *t, struct loc loc)
{
	if (strstr(t->name, "(anonymous)"))
		return true;
	if (sema_script_struct(s, t->name)) {
		sema_error(s, loc, "'%s' is defined twice", t->name);
		sema_note(s, "a script defines each struct, union and enum name once (those inside another too): rename one");
		return false;
	}
	if (s->nstructs == s->structs_cap) {
		struct type **v;

		s->structs_cap = s->structs_cap ? 2 * s->structs_cap : 8;
		v = arena_alloc(s->structs_cap * sizeof(*v));
		if (s->nstructs)
			memcpy(v, s->structs, s->nstructs * sizeof(*v));
		s->structs = v;
	}
	s->structs[s->nstructs++] = t;
	return true;
}

static struct type *definition(struct sema *s, const struct structdef *d);

/*
 * A member's type written as a definition, "struct { int d; } c": the
 * type (also a type of the script when it has a name); *rest is what
 * follows the '}' (the member's name, '*', [N]).
 */
static struct type *nested(struct sema *s, char *d, struct loc loc, char **rest)
{
	char *open = strchr(d, '{'), *close, *p = d;
	size_t kw;

	/* the parser below takes the keyword's length on trust: check it */
	while (isspace((unsigned char)*p))
		p++;
	kw = !strncmp(p, "struct", 6) ? 6 : !strncmp(p, "union", 5) ? 5 :
	     !strncmp(p, "enum", 4) ? 4 : 0;
	if (kw && (isalnum((unsigned char)p[kw]) || p[kw] == '_'))
		kw = 0;
	for (p += kw; kw && p < open; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && !isspace((unsigned char)*p))
			kw = 0;
	if (!kw) {
		sema_error(s, loc, "member '%s' has a '{' that does not open a struct, union or enum", d);
		sema_note(s, "a member defined in place is written 'struct [NAME] { ... } member;'");
		return NULL;
	}
	close = (char *)ast_closing_brace(open);
	if (!close) {
		sema_error(s, loc, "member '%s' has a '{' without its '}'", d);
		return NULL;
	}
	*rest = close + 1;
	return definition(s, ast_structdef(loc, arena_strndup(d, close + 1 - d)));
}

/*
 * One member: "unsigned int x", "char b[8]", "struct foo *next",
 * "union { int a; long b; }" (anonymous: f->name is "").
 */
static bool member(struct sema *s, const char *decl, struct loc loc, struct field *f)
{
	char *d = arena_strdup(decl), *tok[16], *p, *br, *words;
	int n = 0, stars = 0, kw, dim = 0, i;
	struct type *t = NULL;

	if (strchr(d, '{') && !(t = nested(s, d, loc, &d)))
		return false;
	if ((br = strchr(d, '['))) {
		dim = atoi(br + 1);
		*br = '\0';
		if (dim <= 0) {
			sema_error(s, loc, "member '%s' needs an array size above 0", decl);
			return false;
		}
	}
	for (p = d; *p; p++)
		if (*p == '*') {
			stars++;
			*p = ' ';
		}
	for (p = strtok(d, " \t\n"); p && n < 16; p = strtok(NULL, " \t\n"))
		tok[n++] = p;
	if (t) {
		/* struct { ... }; is an anonymous member, its fields are the outer's */
		if (!n && !stars && !dim && t->kind == T_STRUCT) {
			f->name = "";
			f->type = t;
			return true;
		}
		if (n != 1) {
			sema_error(s, loc, "member '%s' needs a name after its '}'", decl);
			sema_note(s, "write one name (or none, for an anonymous struct or union): struct { ... } name;");
			return false;
		}
		f->name = tok[0];
		words = "";
	} else {
		kw = n && (!strcmp(tok[0], "struct") || !strcmp(tok[0], "union") ||
			   !strcmp(tok[0], "enum"));
		/* "struct x;" names a type but no member: the keyword takes a word. */
		if (n < 2 + kw) {
			sema_error(s, loc, "member '%s' needs a type and a name", decl);
			return false;
		}
		f->name = tok[n - 1];
		words = tok[0];
		for (i = 1; i < n - 1; i++)
			words = arena_printf("%s %s", words, tok[i]);
		if (kw)
			t = sema_named_type(s, words, loc);
		else if (!(t = c_int(words)))
			sema_error(s, loc, "unknown type '%s' for member '%s'", words, f->name);
		if (!t)
			return false;
	}
	for (i = 0; i < stars; i++)
		t = type_ptr(t, false);
	if (dim && !stars && !strcmp(words, "char"))
		t = type_str(dim);
	else if (dim)
		t = type_array(t, dim);
	if (t->kind == T_STRUCT && !t->size && !t->complete) {
		sema_error(s, loc, "member '%s' has the incomplete type '%s'", f->name, type_name(t));
		return false;
	}
	f->type = t;
	return true;
}

/*
 * "short lo, *hi, v[2]" declares three members of one type: d with each
 * declarator a decl of its own ("short lo", "short *hi", "short v[2]").
 * A nested definition's declarators stay one decl (member() reports more
 * than one name).
 */
static const struct structdef *declarators(const struct structdef *d)
{
	struct structdef *r = arena_alloc(sizeof(*r));
	int i, cap = 0;

	*r = *d;
	r->n = 0;
	for (i = 0; i < d->n; i++) {
		char *decl = arena_strdup(d->decls[i]), *comma = strchr(decl, ','), *p, *base;

		if (!comma || strchr(decl, '{') || strchr(decl, '(')) {
			cap = ast_structdef_add(r, cap, d->decls[i], d->locs[i]);
			continue;
		}
		*comma = '\0';
		/* the type: the first declaration without its name, '*' and [N] */
		base = arena_strdup(decl);
		if ((p = strchr(base, '[')))
			*p = '\0';
		p = base + strlen(base);
		while (p > base && isspace((unsigned char)p[-1]))
			p--;
		while (p > base && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			p--;
		while (p > base && (isspace((unsigned char)p[-1]) || p[-1] == '*'))
			p--;
		*p = '\0';
		cap = ast_structdef_add(r, cap, decl, d->locs[i]);
		for (p = comma + 1; p; p = comma ? comma + 1 : NULL) {
			if ((comma = strchr(p, ',')))
				*comma = '\0';
			cap = ast_structdef_add(r, cap, arena_printf("%s %s", base, p), d->locs[i]);
		}
	}
	return r;
}

/* Members of a struct follow each other; a union's all start at 0. */
static void layout(struct sema *s, const struct structdef *d, struct type *st)
{
	int i, off = 0, a, maxa = 1, end = 0;
	struct field *f;

	d = declarators(d);
	st->fields = arena_alloc((d->n ? d->n : 1) * sizeof(*st->fields));
	for (i = 0; i < d->n; i++) {
		f = &st->fields[st->nfields];
		if (!member(s, d->decls[i], d->locs[i], f))
			continue;
		a = align_of(f->type);
		maxa = a > maxa ? a : maxa;
		if (d->kind == 'u') {
			f->offset = 0;
			end = f->type->size > end ? f->type->size : end;
		} else {
			off = (off + a - 1) / a * a;
			f->offset = off;
			off += f->type->size;
			end = off;
		}
		st->nfields++;
	}
	st->size = (end + maxa - 1) / maxa * maxa;
}

/*
 * An enumerator's value: a C constant expression of integers, enumerators
 * defined before it, ( ), unary - ~ !, and * / % + - << >> & ^ | by C's
 * precedence.  ev.p walks the text; ev.ok turns false at the first error.
 */
struct cexpr {
	struct sema *s;
	const char *p;
	bool ok;
};

static void skip_ws(struct cexpr *e)
{
	while (isspace((unsigned char)*e->p))
		e->p++;
}

static int64_t c_binary(struct cexpr *e, int level);

static int64_t c_unary(struct cexpr *e)
{
	struct type *t;
	int64_t v = 0;
	char *end;

	skip_ws(e);
	if (*e->p == '-' || *e->p == '~' || *e->p == '!' || *e->p == '+') {
		char op = *e->p++;

		v = c_unary(e);
		return op == '-' ? -v : op == '~' ? ~v : op == '!' ? !v : v;
	}
	if (*e->p == '(') {
		e->p++;
		v = c_binary(e, 0);
		skip_ws(e);
		if (*e->p != ')')
			e->ok = false;
		else
			e->p++;
		return v;
	}
	if (isdigit((unsigned char)*e->p)) {
		errno = 0;
		v = (int64_t)strtoull(e->p, &end, 0);
		if (errno)
			e->ok = false;
		while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
			end++;
		e->p = end;
		return v;
	}
	if (isalpha((unsigned char)*e->p) || *e->p == '_') {
		const char *st = e->p;

		while (isalnum((unsigned char)*e->p) || *e->p == '_')
			e->p++;
		if (!sema_script_enumerator(e->s, arena_strndup(st, e->p - st), &v, &t))
			e->ok = false;
		return v;
	}
	e->ok = false;
	return 0;
}

/* The operator of precedence level (0 loosest) at e->p, or NULL. */
static const char *c_op(struct cexpr *e, int level)
{
	static const char *const ops[6][3] = {
		{ "|" }, { "^" }, { "&" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
	};
	int i;

	skip_ws(e);
	for (i = 0; i < 3 && ops[level][i]; i++) {
		const char *o = ops[level][i];
		size_t len = strlen(o);

		/* | and & are not || and && */
		if (!strncmp(e->p, o, len) && (len == 2 || level > 2 || e->p[1] != o[0]))
			return o;
	}
	return NULL;
}

/* Binary operators by C's precedence, loosest first; level 6 is a unary. */
static int64_t c_binary(struct cexpr *e, int level)
{
	const char *o;
	int64_t l, r;

	if (level == 6)
		return c_unary(e);
	l = c_binary(e, level + 1);
	while (e->ok && (o = c_op(e, level))) {
		e->p += strlen(o);
		r = c_binary(e, level + 1);
		switch (o[0]) {
		case '|': l |= r; break;
		case '^': l ^= r; break;
		case '&': l &= r; break;
		case '<': l = r >= 0 && r < 64 ? (int64_t)((uint64_t)l << r) : 0; break;
		case '>': l = r >= 0 && r < 64 ? l >> r : 0; break;
		case '+': l += r; break;
		case '-': l -= r; break;
		case '*': l *= r; break;
		default:
			if (!r)
				e->ok = false;	/* division by zero */
			else
				l = o[0] == '/' ? l / r : l % r;
		}
	}
	return l;
}

static bool enum_value(struct sema *s, const char *text, struct loc loc, int64_t *v)
{
	struct cexpr e = { s, text, true };

	*v = c_binary(&e, 0);
	skip_ws(&e);
	if (e.ok && !*e.p)
		return true;
	while (isspace((unsigned char)*text))
		text++;
	sema_error(s, loc, "cannot read the value '%s' of this enumerator", text);
	sema_note(s, "write a constant: integers (5, 0x10, -1, 1 << 4), enumerators defined before it, ( ) and C's operators");
	return false;
}

/*
 * An enum: its enumerators count up from 0 or from the last value given,
 * as in C; the type is C's: int, unsigned int when a value needs it, 8
 * bytes past 32 bits.
 */
static struct type *define_enum(struct sema *s, const struct structdef *d)
{
	struct type *e = arena_alloc(sizeof(*e));
	struct enumval *ev = arena_alloc((d->n ? d->n : 1) * sizeof(*ev));
	int64_t next = 0, lo = 0, hi = 0;
	int i, n = 0, first = s->nenumerators;

	for (i = 0; i < d->n; i++) {
		const char *eq = strchr(d->decls[i], '=');
		const char *name = eq ? arena_strndup(d->decls[i], eq - d->decls[i]) : d->decls[i];
		char *q = (char *)name + strlen(name);
		int64_t old;
		struct type *ot;

		while (q > name && isspace((unsigned char)q[-1]))
			*--q = '\0';
		if (!name[0] || !(isalpha((unsigned char)name[0]) || name[0] == '_') ||
		    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
			    strlen(name)) {
			sema_error(s, d->locs[i], "'%s' is not an enumerator", d->decls[i]);
			sema_note(s, "enumerators are NAME or NAME = VALUE, separated by ','");
			continue;
		}
		if (sema_script_enumerator(s, name, &old, &ot)) {
			sema_error(s, d->locs[i], "enumerator '%s' is defined twice", name);
			sema_note(s, "the enumerators of all the script's enums are one set of names, as in C: rename one");
			continue;
		}
		/* a value in error still defines the name: no second error where it is used */
		if (eq)
			enum_value(s, eq + 1, d->locs[i], &next);
		ev[n].name = name;
		ev[n].value = next++;
		lo = ev[n].value < lo ? ev[n].value : lo;
		hi = ev[n].value > hi ? ev[n].value : hi;
		n++;
		if (s->nenumerators == s->enumerators_cap) {
			struct script_enumerator *v;

			s->enumerators_cap = s->enumerators_cap ? 2 * s->enumerators_cap : 16;
			v = arena_alloc(s->enumerators_cap * sizeof(*v));
			if (s->nenumerators)
				memcpy(v, s->enumerators, s->nenumerators * sizeof(*v));
			s->enumerators = v;
		}
		s->enumerators[s->nenumerators].name = name;
		s->enumerators[s->nenumerators].value = ev[n - 1].value;
		s->nenumerators++;
	}
	if (lo >= INT32_MIN && hi <= INT32_MAX)
		*e = *type_int(4, true);
	else if (lo >= 0 && hi <= (int64_t)UINT32_MAX)
		*e = *type_int(4, false);
	else
		*e = *type_int(8, lo < 0);
	e->name = d->name;
	e->enums = ev;
	e->nenums = n;
	for (i = first; i < s->nenumerators; i++)
		s->enumerators[i].type = e;
	return e;
}

/* A struct, union or enum definition: its type, and the script's when named. */
static struct type *definition(struct sema *s, const struct structdef *d)
{
	struct type *t;

	if (d->kind == 'e') {
		t = define_enum(s, d);
		return add_type(s, t, d->loc) ? t : NULL;
	}
	t = type_struct(d->name, 0);
	/* registered first: a member may point to its own struct */
	if (!add_type(s, t, d->loc))
		return NULL;
	layout(s, d, t);
	return t;
}

void sema_structs(struct sema *s)
{
	const struct structdef *d;

	for (d = s->p->ast->program.structs; d; d = d->next)
		definition(s, d);
}
