// SPDX-License-Identifier: GPL-2.0
/* Tracepoint record layouts: tracefs events/CAT/NAME/format to a T_RECORD. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/tracefs.h"
#include "sema/tpformat.h"
#include "sema/types.h"
#include "util/arena.h"

struct cached {
	const char *cat, *name;
	struct type *rec;
	struct cached *next;
};

static struct cached *cache;

/* C integer types whose width the declaration tells better than size: does. */
static const struct {
	const char *name;
	int size;
	bool is_signed;
} cints[] = {
	{ "char", 1, true }, { "signed char", 1, true },
	{ "unsigned char", 1, false }, { "bool", 1, false },
	{ "_Bool", 1, false }, { "short", 2, true }, { "short int", 2, true },
	{ "signed short", 2, true }, { "unsigned short", 2, false },
	{ "unsigned short int", 2, false }, { "int", 4, true },
	{ "signed int", 4, true }, { "signed", 4, true },
	{ "unsigned int", 4, false }, { "unsigned", 4, false },
	{ "long", 8, true }, { "long int", 8, true }, { "signed long", 8, true },
	{ "unsigned long", 8, false }, { "unsigned long int", 8, false },
	{ "long long", 8, true }, { "long long int", 8, true },
	{ "unsigned long long", 8, false },
	{ "u8", 1, false }, { "s8", 1, true }, { "u16", 2, false },
	{ "s16", 2, true }, { "u32", 4, false }, { "s32", 4, true },
	{ "u64", 8, false }, { "s64", 8, true },
	{ "__u8", 1, false }, { "__s8", 1, true }, { "__u16", 2, false },
	{ "__s16", 2, true }, { "__u32", 4, false }, { "__s32", 4, true },
	{ "__u64", 8, false }, { "__s64", 8, true },
	{ "uint8_t", 1, false }, { "int8_t", 1, true },
	{ "uint16_t", 2, false }, { "int16_t", 2, true },
	{ "uint32_t", 4, false }, { "int32_t", 4, true },
	{ "uint64_t", 8, false }, { "int64_t", 8, true },
	{ "pid_t", 4, true }, { "size_t", 8, false }, { "ssize_t", 8, true },
};

/* Drop qualifiers and '*', squeeze blanks: "const char * " -> "char". */
static char *base_type(const char *decl)
{
	char *out = arena_alloc(strlen(decl) + 1), *o = out;
	const char *p = decl;

	while (*p) {
		const char *w;
		size_t n;

		while (*p && (isspace((unsigned char)*p) || *p == '*'))
			p++;
		w = p;
		while (*p && !isspace((unsigned char)*p) && *p != '*')
			p++;
		n = p - w;
		if (!n || (n == 5 && !strncmp(w, "const", 5)) ||
		    (n == 8 && !strncmp(w, "volatile", 8)) ||
		    (n == 6 && !strncmp(w, "__user", 6)))
			continue;
		if (o != out)
			*o++ = ' ';
		memcpy(o, w, n);
		o += n;
	}
	*o = '\0';
	return out;
}

static struct type *known_int(const char *base, int max_size)
{
	size_t i;

	for (i = 0; i < sizeof(cints) / sizeof(cints[0]); i++)
		if (!strcmp(cints[i].name, base) && cints[i].size <= max_size)
			return type_int(cints[i].size, cints[i].is_signed);
	return NULL;
}

/*
 * The type of one field.  Syscall arguments are declared `int dfd` but
 * stored as 8 unsigned bytes: the declaration gives the sign (AT_FDCWD is
 * -100, as bpftrace prints it), so a known C type wins over size:/signed:.
 */
static struct type *field_type(const char *decl, int dim, int size, bool sign,
			       bool user, bool *data_loc)
{
	char *base = base_type(decl);
	struct type *t;

	if (!strncmp(base, "__data_loc", 10)) {
		*data_loc = true;
		base = base_type(decl + strlen("__data_loc"));
		t = known_int(strtok(base, "["), 8);
		return type_ptr(t ? t : &type_none, false);
	}
	if (strchr(decl, '*')) {
		/* char **argv: a pointer to pointers, each in the same space */
		const char *q;

		t = known_int(base, 8);
		t = t ? t : &type_none;
		for (q = strchr(decl, '*'); q; q = strchr(q + 1, '*'))
			t = type_ptr(t, user);
		/*
		 * struct __kernel_timespec *rqtp: the pointee's name, typed from
		 * BTF when first dereferenced (sema_ctypes.c), so that scripts
		 * that only pass the pointer on never load BTF
		 */
		if (t->elem->kind == T_NONE && strchr(decl, '*') == strrchr(decl, '*') &&
		    (!strncmp(base, "struct ", 7) || !strncmp(base, "union ", 6)))
			t->name = arena_strdup(base);
		return t;
	}
	if (dim >= 0) {
		if (!strcmp(base, "char") || !strcmp(base, "signed char"))
			return type_str(dim ? dim : size);
		/* u8 saddr[4], __u8 saddr_v6[16], int[] ...: arrays of integers */
		if (dim > 0 && size % dim == 0 && (t = known_int(base, size / dim)) &&
		    t->size == size / dim)
			return type_array(t, dim);
		if (dim > 0 && size % dim == 0 && (size / dim == 1 || size / dim == 2 ||
						   size / dim == 4 || size / dim == 8))
			return type_array(type_int(size / dim, sign), dim);
		return &type_none;	/* other arrays: not readable */
	}
	t = known_int(base, size);
	if (t)
		return t;
	if (!strncmp(base, "enum ", 5) && (size == 1 || size == 2 || size == 4 || size == 8)) {
		/*
		 * enum skb_drop_reason reason: an integer that names its enum,
		 * whose enumerators come from BTF when the script reads it
		 * (sema_ctypes.c), so that it prints by name
		 */
		t = arena_alloc(sizeof(*t));
		*t = *type_int(size, sign);
		t->name = arena_strdup(base);
		return t;
	}
	if (size == 1 || size == 2 || size == 4 || size == 8)
		return type_int(size, sign);
	return &type_none;
}

/*
 * One "field:TYPE NAME;\toffset:N;\tsize:N;\tsigned:N;" line into f;
 * false when the line is not a field.
 */
static bool parse_field(char *line, bool user, struct field *f, int *end)
{
	char *decl, *semi, *name, *br, *q;
	int off, size, sign, dim = -1;

	decl = strstr(line, "field:");
	if (!decl)
		return false;
	decl += strlen("field:");
	semi = strchr(decl, ';');
	if (!semi)
		return false;
	*semi = '\0';
	if (sscanf(semi + 1, " offset:%d; size:%d; signed:%d;", &off, &size,
		   &sign) != 3)
		return false;
	while (semi > decl && isspace((unsigned char)semi[-1]))
		*--semi = '\0';
	br = semi > decl && semi[-1] == ']' ? strrchr(decl, '[') : NULL;
	if (br) {
		dim = atoi(br + 1);
		*br = '\0';
		semi = br;
	}
	name = semi;
	while (name > decl && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
		name--;
	if (name == decl || !*name)
		return false;
	f->name = arena_strdup(name);
	*name = '\0';
	/* "__data_loc char[] name": the [] belongs to the type */
	q = arena_strdup(decl);
	f->type = field_type(q, dim, size, sign, user, &f->data_loc);
	f->offset = off;
	if (off + size > *end)
		*end = off + size;
	return true;
}

static struct type *load(FILE *fp, bool user)
{
	struct type *rec = arena_alloc(sizeof(*rec));
	struct field fields[256];
	char line[1024];
	int n = 0, end = 0;

	rec->kind = T_RECORD;
	while (fgets(line, sizeof(line), fp) && n < 256) {
		/*
		 * The last line: stop before reading the end of the file, which
		 * is one more wait for tracefs's event_mutex (held for an RCU
		 * grace period at every perf tracepoint detach on the machine:
		 * 0.3-0.9 s each on a busy box).
		 */
		if (!strncmp(line, "print fmt:", 10))
			break;
		memset(&fields[n], 0, sizeof(fields[n]));
		if (parse_field(line, user, &fields[n], &end))
			n++;
	}
	rec->nfields = n;
	rec->fields = arena_alloc(n * sizeof(*rec->fields));
	memcpy(rec->fields, fields, n * sizeof(*rec->fields));
	rec->size = end;
	return rec;
}

/* The cache is arena memory: forgotten with it. */
static void forget_cache(void)
{
	cache = NULL;
}

struct type *tpformat_load(const char *cat, const char *name)
{
	const char *dir;
	struct cached *c;
	struct type *rec;
	char *path;
	FILE *fp;

	for (c = cache; c; c = c->next)
		if (!strcmp(c->cat, cat) && !strcmp(c->name, name))
			return c->rec;
	if (strchr(cat, '/') || strchr(name, '/') || !*cat || !*name) {
		errno = ENOENT;
		return NULL;
	}
	dir = tracefs_dir();
	if (!dir)
		return NULL;
	path = arena_printf("%s/events/%s/%s/format", dir, cat, name);
	fp = fopen(path, "r");
	if (!fp)
		return NULL;
	/* syscall tracepoints hand over the user's pointers unchanged */
	rec = load(fp, !strcmp(cat, "syscalls"));
	fclose(fp);
	arena_on_free(forget_cache);
	c = arena_alloc(sizeof(*c));
	c->cat = arena_strdup(cat);
	c->name = arena_strdup(name);
	c->rec = rec;
	c->next = cache;
	cache = c;
	return rec;
}
