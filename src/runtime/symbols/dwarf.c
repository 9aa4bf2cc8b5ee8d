// SPDX-License-Identifier: GPL-2.0
/*
 * User programs' C types from their DWARF (libdw): a function's parameters
 * as a record for uprobe args.NAME, and the types they reach (pointers into
 * user memory, structs completed on first use, enums with their names).
 */
#include <dwarf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <libelf.h>
#include "util/arena.h"
#include "util/strbuf.h"
#include "runtime/symbols/dwarf.h"

/* x86-64 SysV: integer arguments in di, si, dx, cx, r8, r9. */
#define DWARF_INT_REGS 6

/* Where distributions install separate debug info (Debian: *-dbgsym). */
#define DWARF_DEBUG_DIR "/usr/lib/debug"

/* One file's debug info, kept open for the whole run (types point into it). */
struct dwfile {
	char *path;
	int fd;
	int debug_fd;		/* the separate debug file, -1: none */
	Dwarf *dw;		/* NULL: none */
	struct dwtype *types;	/* converted types by DIE offset */
	int ntypes, cap;
	struct dwfile *next;
};

struct dwtype {
	Dwarf_Off off;
	struct type *t;
};

static struct dwfile *files;

static Dwarf *try_debug(struct dwfile *f, const char *dpath)
{
	int fd = open(dpath, O_RDONLY | O_CLOEXEC);
	Dwarf *dw = fd >= 0 ? dwarf_begin(fd, DWARF_C_READ) : NULL;

	if (!dw) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	f->debug_fd = fd;
	return dw;
}

/*
 * A stripped file's DWARF in a separate file, found as gdb does: by
 * build id under /usr/lib/debug/.build-id, then by .gnu_debuglink beside
 * the file, in its .debug/ and under /usr/lib/debug.  NULL: none.
 */
static Dwarf *separate_debug(struct dwfile *f)
{
	const unsigned char *id;
	const char *link, *slash = strrchr(f->path, '/');
	char *dir = arena_strndup(f->path, slash ? (size_t)(slash - f->path) : 0);
	struct strbuf hex = { 0 };
	GElf_Word crc;
	Dwarf *dw = NULL;
	ssize_t n, i;
	Elf *e;

	elf_version(EV_CURRENT);
	e = elf_begin(f->fd, ELF_C_READ, NULL);
	if (!e)
		return NULL;
	n = dwelf_elf_gnu_build_id(e, (const void **)&id);
	for (i = 0; i < n; i++)
		sb_printf(&hex, "%02x%s", id[i], i == 0 ? "/" : "");
	if (n > 1)
		dw = try_debug(f, arena_printf(DWARF_DEBUG_DIR "/.build-id/%s.debug", hex.s));
	link = dw ? NULL : dwelf_elf_gnu_debuglink(e, &crc);
	if (link && !dw)
		dw = try_debug(f, arena_printf("%s/%s", dir, link));
	if (link && !dw)
		dw = try_debug(f, arena_printf("%s/.debug/%s", dir, link));
	if (link && !dw)
		dw = try_debug(f, arena_printf(DWARF_DEBUG_DIR "%s/%s", dir, link));
	sb_free(&hex);
	elf_end(e);
	return dw;
}

static struct dwfile *open_file(const char *path)
{
	struct dwfile *f;

	for (f = files; f; f = f->next)
		if (!strcmp(f->path, path))
			return f;
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return NULL;
	}
	f->debug_fd = -1;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	f->dw = f->fd >= 0 ? dwarf_begin(f->fd, DWARF_C_READ) : NULL;
	if (f->fd >= 0 && !f->dw)
		f->dw = separate_debug(f);
	f->next = files;
	files = f;
	return f;
}

static struct type *cached(struct dwfile *f, Dwarf_Off off)
{
	int i;

	for (i = 0; i < f->ntypes; i++)
		if (f->types[i].off == off)
			return f->types[i].t;
	return NULL;
}

/* The converted types are arena memory: forgotten with it (fuzz targets compile many times). */
static void forget_types(void)
{
	struct dwfile *f;

	for (f = files; f; f = f->next)
		f->ntypes = 0;
}

static struct type *remember(struct dwfile *f, Dwarf_Off off, struct type *t)
{
	arena_on_free(forget_types);
	if (f->ntypes == f->cap) {
		int cap = f->cap ? 2 * f->cap : 32;
		struct dwtype *v = realloc(f->types, cap * sizeof(*v));

		if (!v)
			return t;
		f->types = v;
		f->cap = cap;
	}
	f->types[f->ntypes].off = off;
	f->types[f->ntypes++].t = t;
	return t;
}

/* The DIE of die's DW_AT_type; false for void (no type). */
static bool type_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute a;

	return dwarf_attr_integrate(die, DW_AT_type, &a) && dwarf_formref_die(&a, out);
}

/* Through typedefs and qualifiers; false for void. */
static bool peel(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Die cur = *die;
	int i;

	for (i = 0; i < 64; i++) {
		switch (dwarf_tag(&cur)) {
		case DW_TAG_typedef:
		case DW_TAG_const_type:
		case DW_TAG_volatile_type:
		case DW_TAG_restrict_type:
		case DW_TAG_atomic_type:
			if (!type_of(&cur, &cur))
				return false;
			continue;
		default:
			*out = cur;
			return true;
		}
	}
	return false;
}

static Dwarf_Word udata(Dwarf_Die *die, unsigned int name, Dwarf_Word dflt)
{
	Dwarf_Attribute a;
	Dwarf_Word v;

	return dwarf_attr_integrate(die, name, &a) && !dwarf_formudata(&a, &v) ? v : dflt;
}

static struct type *convert(struct dwfile *f, Dwarf_Die *die);

/* A type by its DIE (through typedefs), converted once. */
static struct type *type_at(struct dwfile *f, Dwarf_Die *die)
{
	Dwarf_Die t;
	struct type *r;

	if (!peel(die, &t))
		return &type_none;
	if ((r = cached(f, dwarf_dieoffset(&t))))
		return r;
	r = convert(f, &t);
	if (!cached(f, dwarf_dieoffset(&t)))
		remember(f, dwarf_dieoffset(&t), r);
	return r;
}

static bool is_char(Dwarf_Die *die)
{
	Dwarf_Die t;
	int enc;

	if (!peel(die, &t) || dwarf_tag(&t) != DW_TAG_base_type || dwarf_bytesize(&t) != 1)
		return false;
	enc = (int)udata(&t, DW_AT_encoding, 0);
	return enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char;
}

static struct type *base_type(Dwarf_Die *t)
{
	int size = dwarf_bytesize(t), enc = (int)udata(t, DW_AT_encoding, 0);

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return &type_none;
	switch (enc) {
	case DW_ATE_signed:
	case DW_ATE_signed_char:
		return type_int(size, true);
	case DW_ATE_unsigned:
	case DW_ATE_unsigned_char:
	case DW_ATE_boolean:
		return type_int(size, false);
	default:	/* floats */
		return &type_none;
	}
}

static struct type *enum_type(struct dwfile *f, Dwarf_Die *t)
{
	int size = dwarf_bytesize(t), n = 0, i = 0;
	const char *name = dwarf_diename(t);
	struct enumval *v;
	struct type *e, *under;
	Dwarf_Die c, u;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return &type_none;
	under = type_of(t, &u) ? type_at(f, &u) : NULL;
	e = arena_alloc(sizeof(*e));
	*e = *type_int(size, under && under->kind == T_INT && under->is_signed);
	e->name = name ? arena_printf("enum %s", name) : "enum";
	if (dwarf_child(t, &c) == 0)
		do
			n += dwarf_tag(&c) == DW_TAG_enumerator;
		while (dwarf_siblingof(&c, &c) == 0);
	e->enums = v = arena_alloc((n ? n : 1) * sizeof(*v));
	if (n && dwarf_child(t, &c) == 0)
		do {
			Dwarf_Attribute a;
			Dwarf_Sword sv = 0;

			if (dwarf_tag(&c) != DW_TAG_enumerator || i >= n)
				continue;
			if (dwarf_attr(&c, DW_AT_const_value, &a))
				dwarf_formsdata(&a, &sv);
			v[i].name = arena_strdup(dwarf_diename(&c) ? dwarf_diename(&c) : "");
			v[i++].value = sv;
		} while (dwarf_siblingof(&c, &c) == 0);
	e->nenums = i;
	return e;
}

static void complete_struct(struct type *st);

static struct type *struct_type(struct dwfile *f, Dwarf_Die *t)
{
	const char *kw = dwarf_tag(t) == DW_TAG_union_type ? "union" : "struct";
	const char *name = dwarf_diename(t);
	struct type *st;

	st = type_struct(name ? arena_printf("%s %s", kw, name) :
			 arena_printf("%s (anonymous)", kw),
			 dwarf_hasattr(t, DW_AT_declaration) ? 0 : dwarf_bytesize(t));
	if (st->size > 0) {
		st->complete = complete_struct;
		st->src = f;
		st->src_id = (unsigned int)dwarf_dieoffset(t);
	}
	return st;
}

/* elem[n] of the first subrange (multi-dimensional arrays: not read). */
static struct type *array_type(struct dwfile *f, Dwarf_Die *t)
{
	Dwarf_Die e, sub;
	Dwarf_Word n = 0;
	struct type *et;
	int dims = 0;

	if (!type_of(t, &e) || dwarf_child(t, &sub) != 0)
		return &type_none;
	do {
		if (dwarf_tag(&sub) != DW_TAG_subrange_type)
			continue;
		if (!dims++)
			n = dwarf_hasattr(&sub, DW_AT_count) ? udata(&sub, DW_AT_count, 0) :
			    udata(&sub, DW_AT_upper_bound, (Dwarf_Word)-1) + 1;
	} while (dwarf_siblingof(&sub, &sub) == 0);
	if (dims != 1 || n > 1 << 20)
		return &type_none;
	if (is_char(&e) && n)
		return type_str((int)n);
	et = type_at(f, &e);
	return et->kind == T_NONE ? et : type_array(et, (int)n);
}

static struct type *convert(struct dwfile *f, Dwarf_Die *t)
{
	Dwarf_Die e;
	struct type *r;

	switch (dwarf_tag(t)) {
	case DW_TAG_base_type:
		return base_type(t);
	case DW_TAG_enumeration_type:
		return enum_type(f, t);
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		/* remembered before the pointee: struct node points to itself */
		r = remember(f, dwarf_dieoffset(t), type_ptr(&type_none, true));
		r->elem = type_of(t, &e) ? type_at(f, &e) : &type_none;
		return r;
	case DW_TAG_array_type:
		return array_type(f, t);
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		return struct_type(f, t);
	default:	/* functions, pointers to members */
		return &type_none;
	}
}

/* A struct's members, read when the script first names one. */
static void complete_struct(struct type *st)
{
	struct dwfile *f = (struct dwfile *)st->src;
	Dwarf_Die t, c, mt;
	int n = 0, i = 0;

	if (!dwarf_offdie(f->dw, st->src_id, &t) || dwarf_child(&t, &c) != 0)
		return;
	do
		n += dwarf_tag(&c) == DW_TAG_member;
	while (dwarf_siblingof(&c, &c) == 0);
	st->fields = arena_alloc((n ? n : 1) * sizeof(*st->fields));
	dwarf_child(&t, &c);
	do {
		struct field *fl = &st->fields[i];
		Dwarf_Word bit;

		if (dwarf_tag(&c) != DW_TAG_member || i >= n)
			continue;
		fl->name = arena_strdup(dwarf_diename(&c) ? dwarf_diename(&c) : "");
		fl->type = type_of(&c, &mt) ? type_at(f, &mt) : &type_none;
		fl->offset = (int)udata(&c, DW_AT_data_member_location, 0);
		fl->bits = (int)udata(&c, DW_AT_bit_size, 0);
		if (fl->bits && dwarf_hasattr(&c, DW_AT_data_bit_offset)) {
			bit = udata(&c, DW_AT_data_bit_offset, 0);
			fl->offset = (int)(bit / 8);
			fl->bit_off = (int)(bit % 8);
		}
		i++;
	} while (dwarf_siblingof(&c, &c) == 0);
	st->nfields = i;
}

struct find {
	const char *name;
	Dwarf_Die die;
	bool found;
};

/* A definition (not a declaration) named name, by linkage name first. */
static int match_func(Dwarf_Die *die, void *arg)
{
	struct find *fd = arg;
	Dwarf_Attribute a;
	const char *n = NULL;

	if (dwarf_hasattr(die, DW_AT_declaration))
		return DWARF_CB_OK;
	if (dwarf_attr_integrate(die, DW_AT_linkage_name, &a))
		n = dwarf_formstring(&a);
	if (!n)
		n = dwarf_diename(die);
	if (!n || strcmp(n, fd->name))
		return DWARF_CB_OK;
	fd->die = *die;
	fd->found = true;
	return DWARF_CB_ABORT;
}

static bool find_func(Dwarf *dw, const char *name, Dwarf_Die *out)
{
	struct find fd = { .name = name };
	Dwarf_Off off = 0, next;
	size_t hsize;
	Dwarf_Die cu;

	while (!fd.found && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		if (dwarf_offdie(dw, off + hsize, &cu))
			dwarf_getfuncs(&cu, match_func, &fd, 0);
		off = next;
	}
	if (fd.found)
		*out = fd.die;
	return fd.found;
}

/*
 * The SysV classification, simplified: integers, enums and pointers take the
 * next integer register, then the next stack eightbyte; floats take an SSE
 * register (eight of them: later ones are not placed); a struct by value of
 * more than 16 bytes goes on the stack, a smaller one may take registers of
 * either kind, so the arguments after it are not known.
 */
struct place {
	int reg, stack, sse;
	bool lost;
};

static int place(struct place *p, const struct type *t, Dwarf_Die *pt)
{
	Dwarf_Die d;

	if (p->lost)
		return -1;
	if (t->kind == T_INT || t->kind == T_PTR)
		return p->reg < DWARF_INT_REGS ? p->reg++ : DWARF_STACK_ARG + p->stack++;
	if (peel(pt, &d) && dwarf_tag(&d) == DW_TAG_base_type && p->sse++ < 8 &&
	    dwarf_bytesize(&d) <= 8)
		return -1;
	if (t->kind == T_STRUCT && t->size > 16) {
		p->stack += (t->size + 7) / 8;
		return -1;
	}
	p->lost = true;
	return -1;
}

/* T_NONE named for the error: "a double", "a struct passed by value" ... */
static struct type *unreadable(Dwarf_Die *param, const struct type *t, bool lost)
{
	struct type *r = arena_alloc(sizeof(*r));
	Dwarf_Die pt, d;
	const char *what = "of a type";

	r->kind = T_NONE;
	if (type_of(param, &pt) && peel(&pt, &d) && dwarf_tag(&d) == DW_TAG_base_type &&
	    dwarf_diename(&d))
		what = arena_printf("a '%s'", dwarf_diename(&d));
	else if (t->kind == T_STRUCT)
		what = arena_printf("a '%s' passed by value", t->name);
	r->name = lost && (t->kind == T_INT || t->kind == T_PTR) ?
		  "passed after a struct by value, where qtrace cannot tell" : what;
	return r;
}

static struct type *params(struct dwfile *f, Dwarf_Die *fn)
{
	struct type *rec = arena_alloc(sizeof(*rec));
	struct place pl = { 0 };
	Dwarf_Die c, pt;
	int n = 0;

	rec->kind = T_RECORD;
	if (dwarf_child(fn, &c) == 0)
		do
			n += dwarf_tag(&c) == DW_TAG_formal_parameter;
		while (dwarf_siblingof(&c, &c) == 0);
	rec->fields = arena_alloc((n ? n : 1) * sizeof(*rec->fields));
	if (!n || dwarf_child(fn, &c) != 0)
		return rec;
	do {
		struct field *fl = &rec->fields[rec->nfields];

		if (dwarf_tag(&c) != DW_TAG_formal_parameter || rec->nfields >= n)
			continue;
		fl->name = dwarf_diename(&c) ? arena_strdup(dwarf_diename(&c)) :
			   arena_printf("arg%d", rec->nfields);
		fl->type = type_of(&c, &pt) ? type_at(f, &pt) : &type_none;
		fl->offset = place(&pl, fl->type, &pt);
		if (fl->offset >= 0)
			fl->offset *= 8;
		else
			fl->type = unreadable(&c, fl->type, pl.lost);
		rec->nfields++;
	} while (dwarf_siblingof(&c, &c) == 0);
	rec->size = 8 * (DWARF_STACK_ARG + pl.stack);
	return rec;
}

struct type *dwarf_func_args(const char *path, const char *func, const char **why)
{
	struct dwfile *f = open_file(path);
	Dwarf_Die fn;

	if (!f || f->fd < 0) {
		*why = arena_printf("cannot open '%s': %s", path, strerror(f ? errno : ENOMEM));
		return NULL;
	}
	if (!f->dw) {
		*why = arena_printf("'%s' has no DWARF debug info (nor a separate debug file under " DWARF_DEBUG_DIR " or by its .gnu_debuglink)",
				    path);
		return NULL;
	}
	if (!find_func(f->dw, func, &fn)) {
		*why = arena_printf("the DWARF of '%s' does not describe '%s'", path, func);
		return NULL;
	}
	return params(f, &fn);
}
