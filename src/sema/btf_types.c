// SPDX-License-Identifier: GPL-2.0
/* Kernel C types from BTF, converted lazily to qtrace types (see btf_types.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "sema/btf_types.h"
#include "sema/suggest.h"
#include "util/arena.h"
#include "util/timing.h"

#define SYS_BTF "/sys/kernel/btf"

static struct btf *vmlinux;
static int vmlinux_err = 1;	/* 1: not tried yet */

/* Modules' BTF, split on vmlinux: read only when vmlinux lacks a name. */
static struct btf **mods;
static const char **mod_names;	/* the module of mods[i] */
static int nmods = -1;

/* Converted types by (btf, id): each BTF type becomes one qtrace type. */
struct conv {
	const struct btf *b;
	uint32_t id;
	struct type *t;
	struct conv *next;
};

#define NBUCKETS 1024
static struct conv *convs[NBUCKETS];

/*
 * /sys/kernel/btf/vmlinux mapped (6.16+ allow mmap): reading it costs
 * ~1300 read()s of one page each, about half of the ~25 ms a load takes
 * here; btf__new copies what it needs, so the mapping goes at once.
 */
static struct btf *map_vmlinux(void)
{
	struct btf *b = NULL;
	struct stat st;
	void *p;
	int fd = open(SYS_BTF "/vmlinux", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0) {
		p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			b = btf__new(p, st.st_size);
			munmap(p, st.st_size);
		}
	}
	close(fd);
	return b;
}

struct btf *btf_vmlinux(void)
{
	const char *path = getenv("QTRACE_BTF");

	if (vmlinux_err <= 0) {
		errno = -vmlinux_err;
		return vmlinux;
	}
	timing_mark("(before BTF)");
	if (path && *path)
		vmlinux = btf__parse(path, NULL);
	else if (!(vmlinux = map_vmlinux()))
		vmlinux = btf__load_vmlinux_btf();
	timing_mark("BTF");
	vmlinux_err = vmlinux ? 0 : (errno ? -errno : -ENOENT);
	errno = -vmlinux_err;
	return vmlinux;
}

bool btf_available(void)
{
	const char *path = getenv("QTRACE_BTF");

	if (vmlinux_err <= 0)
		return vmlinux != NULL;
	return access(path && *path ? path : SYS_BTF "/vmlinux", R_OK) == 0;
}

const char *btf_missing_hint(void)
{
	return "kernel types come from BTF: a kernel built with CONFIG_DEBUG_INFO_BTF=y has /sys/kernel/btf/vmlinux";
}

static void load_modules(void)
{
	struct dirent *d;
	DIR *dir;
	int cap = 0;

	nmods = 0;
	if (getenv("QTRACE_BTF") || !(dir = opendir(SYS_BTF)))
		return;
	while ((d = readdir(dir))) {
		char path[512];
		struct btf *b, **v;

		if (d->d_name[0] == '.' || !strcmp(d->d_name, "vmlinux"))
			continue;
		snprintf(path, sizeof(path), SYS_BTF "/%s", d->d_name);
		b = btf__parse_split(path, vmlinux);
		if (!b)
			continue;
		if (nmods == cap) {
			const char **nv;

			v = realloc(mods, (cap ? 2 * cap : 64) * sizeof(*v));
			if (v)
				mods = v;
			nv = v ? realloc(mod_names, (cap ? 2 * cap : 64) * sizeof(*nv)) : NULL;
			if (!nv) {
				btf__free(b);
				break;
			}
			mod_names = nv;
			cap = cap ? 2 * cap : 64;
		}
		mod_names[nmods] = arena_strdup(d->d_name);
		mods[nmods++] = b;
	}
	closedir(dir);
}

static struct conv **slot(const struct btf *b, uint32_t id)
{
	return &convs[(id ^ ((uintptr_t)b >> 4)) % NBUCKETS];
}

static struct type *cached(const struct btf *b, uint32_t id)
{
	struct conv *c;

	for (c = *slot(b, id); c; c = c->next)
		if (c->b == b && c->id == id)
			return c->t;
	return NULL;
}

/* The conversions are arena memory: forgotten with it. */
static void forget_convs(void)
{
	memset(convs, 0, sizeof(convs));
}

static struct type *remember(const struct btf *b, uint32_t id, struct type *t)
{
	struct conv *c = arena_alloc(sizeof(*c)), **s = slot(b, id);

	arena_on_free(forget_convs);
	c->b = b;
	c->id = id;
	c->t = t;
	c->next = *s;
	*s = c;
	return t;
}

static const char *name_of(const struct btf *b, const struct btf_type *t)
{
	const char *n = btf__name_by_offset(b, t->name_off);

	return n ? n : "";
}

/* Typedefs, const, volatile, restrict and type tags: the type beneath. */
static uint32_t skip_mods(const struct btf *b, uint32_t id)
{
	const struct btf_type *t;
	int depth = 0;

	while (id && (t = btf__type_by_id(b, id)) && depth++ < 32) {
		if (!btf_is_mod(t) && !btf_is_typedef(t) && !btf_is_type_tag(t))
			break;
		id = t->type;
	}
	return id;
}

static void complete_struct(struct type *st);

/* Is id (seen through typedefs) the C type char (not u8, not signed char)? */
static bool is_char(const struct btf *b, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(b, skip_mods(b, id));

	return t && btf_is_int(t) && t->size == 1 &&
	       ((btf_int_encoding(t) & BTF_INT_CHAR) || !strcmp(name_of(b, t), "char"));
}

static struct type *int_type(const struct btf *b, const struct btf_type *t)
{
	int enc = btf_int_encoding(t);

	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
		return &type_none;
	/* "char" is a signed byte whose arrays are strings; u8 is unsigned */
	return type_int(t->size, (enc & BTF_INT_SIGNED) || !strcmp(name_of(b, t), "char"));
}

static struct type *enum_type(const struct btf *b, const struct btf_type *t)
{
	struct type *e = arena_alloc(sizeof(*e));
	struct enumval *v;
	int i, n = btf_vlen(t);

	if (t->size != 1 && t->size != 2 && t->size != 4 && t->size != 8)
		return &type_none;
	*e = *type_int(t->size, btf_kflag(t));
	e->name = name_of(b, t)[0] ? arena_printf("enum %s", name_of(b, t)) : "enum";
	e->enums = v = arena_alloc((n ? n : 1) * sizeof(*v));
	e->nenums = n;
	for (i = 0; i < n; i++) {
		if (btf_is_enum(t)) {
			const struct btf_enum *m = btf_enum(t) + i;

			v[i].name = btf__name_by_offset(b, m->name_off);
			v[i].value = btf_kflag(t) ? (int64_t)(int32_t)m->val : (int64_t)(uint32_t)m->val;
		} else {
			const struct btf_enum64 *m = btf_enum64(t) + i;

			v[i].name = btf__name_by_offset(b, m->name_off);
			v[i].value = (int64_t)btf_enum64_value(m);
		}
	}
	return e;
}

/* A struct/union shell: its fields are read by complete_struct on first use. */
static struct type *struct_type(const struct btf *b, uint32_t id, const struct btf_type *t)
{
	const char *n = name_of(b, t);
	const char *kw = btf_is_union(t) ? "union" : "struct";
	struct type *st = type_struct(n[0] ? arena_printf("%s %s", kw, n) :
				      arena_printf("%s (anonymous)", kw), t->size);

	st->complete = complete_struct;
	st->src = b;
	st->src_id = id;
	return st;
}

/* A forward declaration: the complete struct of that name, if any. */
static struct type *fwd_type(const struct btf *b, const struct btf_type *t)
{
	const char *kw = btf_kflag(t) ? "union" : "struct";
	struct type *r = btf_named_type(kw, name_of(b, t));

	return r ? r : type_struct(arena_printf("%s %s", kw, name_of(b, t)), 0);
}

static struct type *convert(const struct btf *b, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(b, id);
	const struct btf_array *a;
	struct type *r;

	if (!id || !t)
		return &type_none;
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return int_type(b, t);
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return enum_type(b, t);
	case BTF_KIND_PTR:
		/* remembered before the pointee: struct list_head points to itself */
		r = remember(b, id, type_ptr(&type_none, false));
		r->elem = btf_type_of(b, t->type);
		if (r->elem->kind == T_NONE)
			r->elem = &type_none;
		return r;
	case BTF_KIND_ARRAY:
		a = btf_array(t);
		if (is_char(b, a->type) && a->nelems)
			return type_str((int)a->nelems);	/* char comm[16]: a string */
		r = btf_type_of(b, a->type);
		return r->kind == T_NONE ? r : type_array(r, (int)a->nelems);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return struct_type(b, id, t);
	case BTF_KIND_FWD:
		return fwd_type(b, t);
	default:	/* void, functions, floats */
		return &type_none;
	}
}

struct type *btf_type_of(const struct btf *b, uint32_t id)
{
	struct type *t;

	id = skip_mods(b, id);
	if ((t = cached(b, id)))
		return t;
	t = convert(b, id);
	if (!cached(b, id))
		remember(b, id, t);
	return t;
}

static void complete_struct(struct type *st)
{
	const struct btf *b = st->src;
	const struct btf_type *t = btf__type_by_id(b, st->src_id);
	const struct btf_member *m = btf_members(t);
	int i, n = btf_vlen(t);

	st->fields = arena_alloc((n ? n : 1) * sizeof(*st->fields));
	for (i = 0; i < n; i++) {
		struct field *f = &st->fields[i];
		uint32_t bit = btf_member_bit_offset(t, i);

		f->name = arena_strdup(btf__name_by_offset(b, m[i].name_off));
		f->type = btf_type_of(b, m[i].type);
		f->offset = bit / 8;
		f->bits = btf_member_bitfield_size(t, i);
		if (f->bits)
			f->bit_off = bit % 8;
	}
	st->nfields = n;
}

static int kind_of(const char *kw)
{
	if (!strcmp(kw, "union"))
		return BTF_KIND_UNION;
	if (!strcmp(kw, "enum"))
		return BTF_KIND_ENUM;
	if (!strcmp(kw, "typedef"))
		return BTF_KIND_TYPEDEF;
	return BTF_KIND_STRUCT;
}

/* id of name of kind in b, or <= 0 */
static int find_in(const struct btf *b, const char *name, int kind)
{
	int id = btf__find_by_name_kind(b, name, kind);

	if (id <= 0 && kind == BTF_KIND_ENUM)
		id = btf__find_by_name_kind(b, name, BTF_KIND_ENUM64);
	return id;
}

int btf_func_id(const char *name, const struct btf **bp)
{
	int i, id;

	if (!btf_vmlinux())
		return 0;
	id = btf__find_by_name_kind(vmlinux, name, BTF_KIND_FUNC);
	*bp = vmlinux;
	if (id > 0)
		return id;
	if (nmods < 0)
		load_modules();
	for (i = 0; i < nmods; i++) {
		id = btf__find_by_name_kind(mods[i], name, BTF_KIND_FUNC);
		*bp = mods[i];
		if (id > 0)
			return id;
	}
	return 0;
}

int btf_decl_tagged(const struct btf *b, int id, const char *tag)
{
	unsigned int i, n = btf__type_cnt(b);
	int r = -1;

	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(b, i);

		if (!btf_is_decl_tag(t) || strcmp(btf__name_by_offset(b, t->name_off), tag))
			continue;
		if ((int)t->type == id)
			return 1;
		r = 0;
	}
	return r;
}

const char *btf_module_name(const struct btf *b)
{
	int i;

	for (i = 0; i < nmods; i++)
		if (mods[i] == b)
			return mod_names[i];
	return NULL;
}

struct type *btf_named_type(const char *kw, const char *name)
{
	int i, id, kind = kind_of(kw);

	if (!btf_vmlinux())
		return NULL;
	id = find_in(vmlinux, name, kind);
	if (id > 0)
		return btf_type_of(vmlinux, id);
	if (nmods < 0)
		load_modules();
	for (i = 0; i < nmods; i++) {
		id = find_in(mods[i], name, kind);
		if (id > 0)
			return btf_type_of(mods[i], id);
	}
	errno = ENOENT;
	return NULL;
}

const char *btf_suggest_type(const char *kw, const char *name)
{
	struct suggest sg;
	unsigned int i, n;
	int kind = kind_of(kw);

	if (!btf_vmlinux())
		return NULL;
	suggest_init(&sg, name);
	n = btf__type_cnt(vmlinux);
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(vmlinux, i);

		if (btf_kind(t) == kind && t->name_off)
			suggest_add(&sg, name_of(vmlinux, t));
	}
	return suggest_result(&sg);
}

/*
 * Every enumerator of b by name, built on the first lookup: a script (or a
 * fuzzer's input) may name thousands of unknown identifiers, and a scan of
 * all of vmlinux's types for each took a minute.  Open addressing over
 * malloc'd slots (the arena is freed between compiles; b lives on).
 */
struct enum_slot {
	__u32 name_off;		/* 0: empty */
	__u32 type_id;
	__u32 index;
};

static const struct btf *enum_btf;
static struct enum_slot *enum_slots;
static size_t enum_mask;

static size_t name_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static __u32 enumerator_name_off(const struct btf_type *bt, int j)
{
	return btf_is_enum(bt) ? btf_enum(bt)[j].name_off : btf_enum64(bt)[j].name_off;
}

static bool enum_index(const struct btf *b)
{
	unsigned int i, n = btf__type_cnt(b);
	size_t count = 0, size = 16, h;
	int j;

	if (enum_btf == b)
		return enum_slots != NULL;
	free(enum_slots);
	enum_slots = NULL;
	enum_btf = b;
	for (i = 1; i < n; i++)
		if (btf_is_any_enum(btf__type_by_id(b, i)))
			count += btf_vlen(btf__type_by_id(b, i));
	while (size < 2 * count)
		size *= 2;
	if (!(enum_slots = calloc(size, sizeof(*enum_slots))))
		return false;
	enum_mask = size - 1;
	for (i = 1; i < n; i++) {
		const struct btf_type *bt = btf__type_by_id(b, i);

		if (!btf_is_any_enum(bt))
			continue;
		for (j = 0; j < btf_vlen(bt); j++) {
			__u32 off = enumerator_name_off(bt, j);
			const char *name = btf__name_by_offset(b, off);

			if (!off || !name)
				continue;
			/* the first enumerator of a name wins, as the scan found it */
			for (h = name_hash(name) & enum_mask; enum_slots[h].name_off;
			     h = (h + 1) & enum_mask)
				if (!strcmp(btf__name_by_offset(b, enum_slots[h].name_off), name))
					break;
			if (!enum_slots[h].name_off)
				enum_slots[h] = (struct enum_slot){ off, i, (__u32)j };
		}
	}
	return true;
}

static bool enum_in(const struct btf *b, const char *name, int64_t *v, struct type **et)
{
	const struct enum_slot *e;
	struct type *t;
	size_t h;

	if (!enum_index(b))
		return false;
	for (h = name_hash(name) & enum_mask; (e = &enum_slots[h])->name_off;
	     h = (h + 1) & enum_mask) {
		if (strcmp(btf__name_by_offset(b, e->name_off), name))
			continue;
		t = btf_type_of(b, e->type_id);
		if (t->kind != T_INT)
			return false;
		*et = t;
		*v = t->enums[e->index].value;
		return true;
	}
	return false;
}

bool btf_enum_const(const char *name, int64_t *v, struct type **t)
{
	if (!btf_vmlinux())
		return false;
	return enum_in(vmlinux, name, v, t);
}

/*
 * The prototype (void *__data, args...) of raw tracepoint name: the
 * function __bpf_trace_NAME names the parameters; an event made by
 * DEFINE_EVENT has only its class's (__bpf_trace_sched_wakeup_template for
 * sched_waking), but __traceiter_NAME, one per tracepoint, names them too;
 * the typedef btf_trace_NAME (a pointer to the prototype) has them unnamed.
 */
static const struct btf_type *rawtp_proto(const char *name)
{
	static const char *const funcs[] = { "__bpf_trace_%s", "__traceiter_%s" };
	const struct btf_type *t;
	size_t i;
	int id;

	for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
		id = btf__find_by_name_kind(vmlinux, arena_printf(funcs[i], name),
					    BTF_KIND_FUNC);
		if (id > 0 && (t = btf__type_by_id(vmlinux, id)))
			return btf__type_by_id(vmlinux, t->type);
	}
	id = btf__find_by_name_kind(vmlinux, arena_printf("btf_trace_%s", name),
				    BTF_KIND_TYPEDEF);
	t = id > 0 ? btf__type_by_id(vmlinux, id) : NULL;
	t = t ? btf__type_by_id(vmlinux, t->type) : NULL;
	return t && btf_is_ptr(t) ? btf__type_by_id(vmlinux, t->type) : NULL;
}

struct type *btf_rawtp_args(const char *name)
{
	const struct btf_type *t;
	const struct btf_param *p;
	struct type *rec;
	int i, n;

	if (!btf_vmlinux())
		return NULL;
	t = rawtp_proto(name);
	if (!t || !btf_is_func_proto(t) || btf_vlen(t) < 1)
		return NULL;
	p = btf_params(t);
	n = btf_vlen(t) - 1;
	rec = arena_alloc(sizeof(*rec));
	rec->kind = T_RECORD;
	rec->fields = arena_alloc((n ? n : 1) * sizeof(*rec->fields));
	for (i = 0; i < n; i++) {
		struct field *f = &rec->fields[i];
		const char *pn = btf__name_by_offset(vmlinux, p[i + 1].name_off);
		struct type *ft = btf_type_of(vmlinux, p[i + 1].type);

		f->name = pn && *pn ? arena_strdup(pn) : arena_printf("arg%d", i);
		/* a struct passed by value takes more slots: not readable */
		f->type = ft->kind == T_INT || ft->kind == T_PTR ? ft : &type_none;
		f->offset = 8 * i;
	}
	rec->nfields = n;
	rec->size = 8 * n;
	return rec;
}
