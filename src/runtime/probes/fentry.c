// SPDX-License-Identifier: GPL-2.0
/*
 * fentry:FUNC (aliases kfunc, f) and fexit:FUNC (aliases kretfunc, fr):
 * BPF trampolines on kernel functions, with typed args->name from the
 * function's BTF prototype and, in fexit, retval.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/btf_types.h"
#include "sema/suggest.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/probes/fentry.h"
#include "runtime/symbols/kfuncs.h"
#include "runtime/rt.h"
#include "util/sort.h"

/*
 * x86-64 trampolines pass at most 6 argument registers before 6.6; a
 * wildcard skips longer prototypes rather than fail the whole load.
 */
#define FENTRY_WILD_SLOTS 6

struct bfunc {
	const char *name;	/* in the BTF's string section */
	__u32 proto;		/* FUNC_PROTO type id */
};

static struct btf *vmlinux;
static struct bfunc *bfuncs;	/* BTF FUNCs, sorted by name, no duplicates */
static int nbfuncs;

static bool is_ret(const struct probe_inst *pi)
{
	return pi->provider == &provider_fexit;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct bfunc *)a)->name, ((const struct bfunc *)b)->name);
}

static int index_funcs(void)
{
	unsigned int i, n = btf__type_cnt(vmlinux);
	int j;

	bfuncs = calloc(n, sizeof(*bfuncs));
	if (!bfuncs)
		return -ENOMEM;
	for (i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(vmlinux, i);

		if (!btf_is_func(t))
			continue;
		bfuncs[nbfuncs].name = btf__name_by_offset(vmlinux, t->name_off);
		bfuncs[nbfuncs++].proto = t->type;
	}
	qt_sort(bfuncs, nbfuncs, sizeof(*bfuncs), by_name);
	for (i = 0, j = 0; (int)i < nbfuncs; i++)
		if (!j || strcmp(bfuncs[j - 1].name, bfuncs[i].name))
			bfuncs[j++] = bfuncs[i];
	nbfuncs = j;
	return 0;
}

/* vmlinux BTF, read once (about 10 ms); 0 or a negative errno. */
static int load_btf(void)
{
	static int err = 1;

	if (err <= 0)
		return err;
	vmlinux = btf_vmlinux();
	err = vmlinux ? index_funcs() : -errno;
	return err;
}

static const struct bfunc *find_func(const char *name)
{
	struct bfunc key = { .name = name };

	if (!bfuncs)
		return NULL;
	return bsearch(&key, bfuncs, nbfuncs, sizeof(*bfuncs), by_name);
}

/* The qtrace type of a parameter: ints, enums, pointers (structs by value: none). */
static struct type *btf_type(__u32 id)
{
	struct type *t = btf_type_of(vmlinux, id);

	return t->kind == T_INT || t->kind == T_PTR ? t : &type_none;
}

/* 8-byte slots of the trampoline's context an argument takes (structs: 2). */
static int slots(__u32 id)
{
	__s64 size = btf__resolve_size(vmlinux, id);

	return size > 8 ? (int)((size + 7) / 8) : 1;
}

/* The parameters as a record of fields at 8 * slot; *nslots: retval's slot. */
static struct type *args_record(const struct btf_type *proto, int *nslots)
{
	const struct btf_param *p = btf_params(proto);
	struct type *rec = arena_alloc(sizeof(*rec));
	int i, n = btf_vlen(proto), slot = 0;

	rec->kind = T_RECORD;
	rec->fields = arena_alloc((n ? n : 1) * sizeof(*rec->fields));
	for (i = 0; i < n; i++) {
		const char *name = btf__name_by_offset(vmlinux, p[i].name_off);

		if (!p[i].type)		/* "...": varargs, no slot */
			continue;
		rec->fields[rec->nfields].name = arena_strdup(name && *name ? name :
							      arena_printf("arg%d", i));
		rec->fields[rec->nfields].type = btf_type(p[i].type);
		rec->fields[rec->nfields++].offset = 8 * slot;
		slot += slots(p[i].type);
	}
	rec->size = 8 * slot;
	*nslots = slot;
	return rec;
}

static void set_args(struct probe_inst *pi, const struct bfunc *f)
{
	const struct btf_type *proto = btf__type_by_id(vmlinux, f->proto);
	int nslots = 0;

	if (proto && btf_is_func_proto(proto))
		pi->args_type = args_record(proto, &nslots);
	pi->arg = nslots;	/* retval is at ctx + 8 * arg */
}

static void add(struct program *p, struct node *probe, struct node *a,
		const struct provider *prov, const struct bfunc *f)
{
	struct probe_inst *pi;

	pi = prog_add_inst(p, probe, a, prov, arena_printf("%s:%s", prov->name, f->name));
	pi->target = arena_strdup(f->name);
	pi->func = pi->target;
	pi->section = arena_printf("%s/%s", prov->name, f->name);
	set_args(pi, f);
}

static void not_found(const struct provider *prov, struct node *a, const char *name)
{
	struct suggest sg;
	const char *best;
	int i;

	if (rt_has_glob(name)) {
		diag_error(a->loc, "no kernel function with BTF matches '%s'", name);
		diag_note("list them with: qtrace -l 'fentry:*'");
		return;
	}
	if (kfuncs_find(name)) {
		diag_error(a->loc, "kernel function '%s' has no BTF: %s cannot trace it",
			   name, prov->name);
		diag_note("use kprobe:%s instead", name);
		return;
	}
	suggest_init(&sg, name);
	for (i = 0; i < nbfuncs; i++)
		suggest_add(&sg, bfuncs[i].name);
	diag_error(a->loc, "kernel function '%s' does not exist", name);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean '%s:%s'?", prov->name, best);
	else
		diag_note("list them with: qtrace -l 'fentry:*'");
}

/* Traceable (ftrace's list, when readable) and short enough for a trampoline. */
static bool wild_ok(const struct bfunc *f)
{
	const struct btf_type *proto = btf__type_by_id(vmlinux, f->proto);
	const struct kfunc *k = kfuncs_find(f->name);
	const struct btf_param *p;
	int i, n = 0;

	if (!k || !kfuncs_wild_ok(k) || !proto || !btf_is_func_proto(proto))
		return false;
	p = btf_params(proto);
	for (i = 0; i < btf_vlen(proto); i++)
		n += p[i].type ? slots(p[i].type) : 0;
	return n <= FENTRY_WILD_SLOTS;
}

static int expand_glob(struct program *p, struct node *probe, struct node *a,
		       const struct provider *prov, const char *glob)
{
	int i, found = 0;

	for (i = 0; i < nbfuncs; i++) {
		if (fnmatch(glob, bfuncs[i].name, 0) || !wild_ok(&bfuncs[i]))
			continue;
		add(p, probe, a, prov, &bfuncs[i]);
		found++;
	}
	if (!found) {
		not_found(prov, a, glob);
		return -1;
	}
	return 0;
}

static int fe_expand(struct program *p, struct node *probe, struct node *a)
{
	const struct provider *prov = provider_find(a->attach.parts[0]);
	const char *func;
	int err;

	if (a->attach.nparts != 2 || !a->attach.parts[1][0]) {
		diag_error(a->loc, "'%s' needs one kernel function", a->attach.spec);
		diag_note("write %s, e.g. %s:vfs_read", prov->usage, prov->name);
		return -1;
	}
	func = a->attach.parts[1];
	err = load_btf();
	if (err) {
		diag_error(a->loc, "cannot read the kernel's BTF: %s", strerror(-err));
		diag_note("%s needs a kernel built with CONFIG_DEBUG_INFO_BTF (/sys/kernel/btf/vmlinux)",
			  prov->name);
		return -1;
	}
	err = kfuncs_load();
	if (err) {
		diag_error(a->loc, "cannot read the kernel's functions: %s", strerror(-err));
		diag_note("qtrace reads them from /proc/kallsyms");
		return -1;
	}
	if (rt_has_glob(func))
		return expand_glob(p, probe, a, prov, func);
	if (!find_func(func)) {
		not_found(prov, a, func);
		return -1;
	}
	add(p, probe, a, prov, find_func(func));
	return 0;
}

bool fentry_returns_value(const struct probe_inst *pi)
{
	const struct bfunc *f = find_func(pi->target);
	const struct btf_type *proto = f ? btf__type_by_id(vmlinux, f->proto) : NULL;

	return proto && btf_is_func_proto(proto) && proto->type;
}

/* A returned pointer keeps its BTF type (retval->field); integers are int64. */
static struct type *ret_type(const struct probe_inst *pi)
{
	const struct bfunc *f = find_func(pi->target);
	const struct btf_type *proto = f ? btf__type_by_id(vmlinux, f->proto) : NULL;
	struct type *t = proto ? btf_type(proto->type) : &type_none;

	return t->kind == T_PTR ? t : &type_i64;
}

static struct type *fe_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "args"))
		return pi->args_type;
	if (!strcmp(name, "retval") && is_ret(pi) && fentry_returns_value(pi))
		return ret_type(pi);
	return NULL;
}

int fentry_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
		  void (*refused)(struct probe_inst *pi, int err), const char *how)
{
	struct bpf_link *l = bpf_program__attach(prog);
	int err;

	if (!l) {
		err = errno;
		if (rt_has_glob(pi->attach->attach.parts[1]) && rt_untraceable(err)) {
			rt_attach_skip(t, pi, pi->target);
			return 0;
		}
		refused(pi, err);
		return -err;
	}
	if (tracer_opts(t)->verbose)
		fprintf(stderr, "qtrace: '%s' uses %s\n", pi->name, how);
	return tracer_own_link(t, l);
}

static void fe_refused(struct probe_inst *pi, int err)
{
	rt_attach_error(pi, err, NULL);
}

static int fe_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	return fentry_attach(t, pi, prog, fe_refused, is_ret(pi) ?
			     "a BPF trampoline (fexit)" : "a BPF trampoline (fentry)");
}

/*
 * Some kernels refuse every tracing program at BPF_PROG_LOAD with EPERM and
 * an empty verifier log, even as root (this project's development kernel).
 */
static bool fe_load_error(struct probe_inst *pi, int err, const char *log)
{
	if (err != EPERM || (log && log[0]) || geteuid() != 0)
		return false;
	diag_rt_error(pi->attach->loc, "this kernel refuses fentry/fexit programs (EPERM)");
	diag_note("%s:%s or a tracepoint covers the same ground (qtrace -l 'tracepoint:*')",
		  is_ret(pi) ? "kretprobe" : "kprobe", pi->target);
	return true;
}

int fentry_load_btf(void)
{
	int err = load_btf();

	return err ? err : kfuncs_load();
}

bool fentry_has_btf(const char *func)
{
	return find_func(func) != NULL;
}

bool fentry_wild_ok(const char *func)
{
	const struct bfunc *f = find_func(func);

	return f && wild_ok(f);
}

void fentry_set_args(struct probe_inst *pi, const char *func)
{
	const struct bfunc *f = find_func(func);

	if (f)
		set_args(pi, f);
}

/*
 * Some kernels refuse every tracing program (EPERM here, as root): asked
 * once, with a two-instruction fentry program on func.
 */
int fentry_probe_load(const char *func)
{
	static int err = -1;
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_FENTRY);
	int id, fd;

	if (err >= 0)
		return err;
	if (load_btf())
		return ENOENT;
	id = btf__find_by_name_kind(vmlinux, func, BTF_KIND_FUNC);
	if (id <= 0)
		return ENOENT;
	o.attach_btf_id = id;
	fd = rt_load_probe_prog(BPF_PROG_TYPE_TRACING, &o);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return err;
}

/* -lv: the parameters of f as its args record. */
static const struct type *args_of(const struct bfunc *f)
{
	const struct btf_type *proto = btf__type_by_id(vmlinux, f->proto);
	int nslots = 0;

	return proto && btf_is_func_proto(proto) ? args_record(proto, &nslots) : NULL;
}

static int fe_list(const char *glob)
{
	char name[512];
	int i, err = load_btf();

	if (!err)
		err = kfuncs_load();
	if (err)
		return err;
	for (i = 0; i < nbfuncs; i++) {
		if (!wild_ok(&bfuncs[i]))
			continue;
		snprintf(name, sizeof(name), "fentry:%s", bfuncs[i].name);
		if (!rt_list_match(glob, name))
			continue;
		puts(name);
		if (rt_list_verbose())
			rt_list_fields(args_of(&bfuncs[i]), NULL);
	}
	return 0;
}

static const char *const fentry_aliases[] = { "kfunc", "f", NULL };
static const char *const fexit_aliases[] = { "kretfunc", "fr", NULL };

const struct provider provider_fentry = {
	.name = "fentry",
	.aliases = fentry_aliases,
	.prog_type = BPF_PROG_TYPE_TRACING,
	.usage = "fentry:FUNC",
	.expand = fe_expand,
	.ctx_type = fe_ctx_type,
	.cg_ctx = cg_ctx_btf,
	.attach = fe_attach,
	.load_error = fe_load_error,
	.list = fe_list,
	.attach_reversed = true,
	.pid_filter = true,
};

const struct provider provider_fexit = {
	.name = "fexit",
	.aliases = fexit_aliases,
	.prog_type = BPF_PROG_TYPE_TRACING,
	.usage = "fexit:FUNC",
	.expand = fe_expand,
	.ctx_type = fe_ctx_type,
	.cg_ctx = cg_ctx_btf,
	.attach = fe_attach,
	.load_error = fe_load_error,
	.attach_reversed = true,
	.pid_filter = true,
};
