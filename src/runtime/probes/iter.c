// SPDX-License-Identifier: GPL-2.0
/*
 * iter:task, iter:task_file, iter:task_vma (alias it): BPF iterators over
 * the kernel's tasks, their open files and their memory maps.  The program
 * runs once per object when qtrace reads the iterator, right after every
 * probe is attached; `ctx` is the kernel's struct bpf_iter__NAME.
 */
#include <errno.h>
#include <stdio.h>
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
#include "runtime/rt.h"

/*
 * Objects the program sees per read(): each run writes one byte to the
 * iterator's seq_file, so a read of this many bytes returns after this many
 * objects and the ring buffer is drained before it can fill.
 */
#define ITER_BATCH 64

static const char *const iters[] = { "task", "task_file", "task_vma", NULL };

static struct btf *vmlinux;

/* vmlinux BTF (btf_types.c's), only for scripts with iter probes; 0 or -errno. */
static int load_btf(void)
{
	vmlinux = btf_vmlinux();
	return vmlinux ? 0 : -errno;
}

/* The kernel has this iterator: its target function bpf_iter_NAME is in BTF. */
static bool have_iter(const char *name)
{
	char fn[64];

	snprintf(fn, sizeof(fn), "bpf_iter_%s", name);
	return btf__find_by_name_kind(vmlinux, fn, BTF_KIND_FUNC) > 0;
}

static const struct btf_type *ctx_struct(const char *name)
{
	char s[64];
	int id;

	snprintf(s, sizeof(s), "bpf_iter__%s", name);
	id = btf__find_by_name_kind(vmlinux, s, BTF_KIND_STRUCT);
	return id > 0 ? btf__type_by_id(vmlinux, id) : NULL;
}

/*
 * ctx as a record of struct bpf_iter__NAME's members (meta, task, fd, file,
 * vma); the union members of bpf_iter__* structs (pointer + __u64 padding
 * for 32-bit) are read as their first member.
 */
static struct type *ctx_record(const struct btf_type *st)
{
	const struct btf_member *m = btf_members(st);
	struct type *rec = arena_alloc(sizeof(*rec));
	int i, n = btf_vlen(st);

	rec->kind = T_RECORD;
	rec->size = st->size;
	rec->fields = arena_alloc((n ? n : 1) * sizeof(*rec->fields));
	for (i = 0; i < n; i++) {
		const char *name = btf__name_by_offset(vmlinux, m[i].name_off);
		__u32 tid = m[i].type;
		const struct btf_type *u = btf__type_by_id(vmlinux, btf__resolve_type(vmlinux, tid));

		if (u && btf_is_union(u) && btf_vlen(u)) {
			name = btf__name_by_offset(vmlinux, btf_members(u)[0].name_off);
			tid = btf_members(u)[0].type;
		}
		if (!name || !*name)
			continue;
		rec->fields[rec->nfields].name = arena_strdup(name);
		rec->fields[rec->nfields].type = btf_type_of(vmlinux, tid);
		rec->fields[rec->nfields++].offset = btf_member_bit_offset(st, i) / 8;
	}
	return rec;
}

static void unknown_iter(struct node *a, const char *name)
{
	struct suggest sg;
	const char *best;
	int i;

	suggest_init(&sg, name);
	for (i = 0; iters[i]; i++)
		suggest_add(&sg, iters[i]);
	diag_error(a->loc, "unknown iterator '%s'", name);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean 'iter:%s'?", best);
	else
		diag_note("qtrace has iter:task, iter:task_file and iter:task_vma");
}

static bool known(const char *name)
{
	int i;

	for (i = 0; iters[i]; i++)
		if (!strcmp(iters[i], name))
			return true;
	return false;
}

static int iter_expand(struct program *p, struct node *probe, struct node *a)
{
	const char *name = a->attach.nparts >= 2 ? a->attach.parts[1] : "";
	const struct btf_type *st;
	struct probe_inst *pi;
	int err;

	if (a->attach.nparts < 2 || !name[0]) {
		diag_error(a->loc, "'%s' needs an iterator", a->attach.spec);
		diag_note("write iter:task, iter:task_file or iter:task_vma");
		return -1;
	}
	if (rt_has_glob(name)) {
		diag_error(a->loc, "iter probes do not support wildcards");
		diag_note("write one of iter:task, iter:task_file, iter:task_vma");
		return -1;
	}
	if (!known(name)) {
		unknown_iter(a, name);
		return -1;
	}
	if (a->attach.nparts > 2) {
		diag_error(a->loc, "qtrace cannot pin iterators ('%s')", a->attach.spec);
		diag_note("write iter:%s: qtrace runs the iterator and prints its output itself", name);
		return -1;
	}
	err = load_btf();
	if (err) {
		diag_error(a->loc, "cannot read the kernel's BTF: %s", strerror(-err));
		diag_note("iter probes need a kernel built with CONFIG_DEBUG_INFO_BTF (/sys/kernel/btf/vmlinux)");
		return -1;
	}
	st = ctx_struct(name);
	if (!have_iter(name) || !st || !btf_is_struct(st)) {
		diag_error(a->loc, "this kernel has no '%s' iterator", name);
		diag_note("iter:task and iter:task_file need Linux 5.8, iter:task_vma 5.12");
		return -1;
	}
	pi = prog_add_inst(p, probe, a, &provider_iter, arena_printf("iter:%s", name));
	pi->target = arena_strdup(name);
	pi->section = arena_printf("iter/%s", name);
	pi->args_type = ctx_record(st);
	return 0;
}

static struct type *iter_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	return strcmp(name, "ctx") ? NULL : pi->args_type;
}

/* args, argN, retval: the iterator's objects are ctx's fields instead. */
static const char *iter_ctx_hint(struct probe_inst *pi, const char *name, int n)
{
	const struct type *rec = pi->args_type;
	const char *s = NULL;
	int i;

	if (!strcmp(name, "ctx") || !rec)
		return NULL;
	for (i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].name, "meta"))
			s = s ? arena_printf("%s, ctx->%s", s, rec->fields[i].name) :
				arena_printf("ctx->%s", rec->fields[i].name);
	return arena_printf("the iterator's objects are fields of ctx: %s", s ? s : "none");
}

static int iter_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	DECLARE_LIBBPF_OPTS(bpf_iter_attach_opts, o);
	union bpf_iter_link_info info;
	struct bpf_link *l;

	/* -p PID: only that process's tasks (Linux 6.1) */
	memset(&info, 0, sizeof(info));
	if (t->p->pid > 0) {
		info.task.pid = t->p->pid;
		o.link_info = &info;
		o.link_info_len = sizeof(info);
	}
	l = bpf_program__attach_iter(prog, &o);
	if (!l) {
		rt_attach_error(pi, errno, NULL);
		return -1;
	}
	pi->prov_data = l;
	return tracer_own_link(t, l);
}

/* Read the iterator to its end, draining the programs' output as it comes. */
static int iter_run(struct tracer *t, struct probe_inst *pi)
{
	char buf[ITER_BATCH];
	ssize_t n;
	int fd;

	fd = bpf_iter_create(bpf_link__fd(pi->prov_data));
	if (fd < 0) {
		diag_rt_error(pi->attach->loc, "cannot run '%s': %s", pi->name, strerror(errno));
		return -1;
	}
	do {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			n = 1;
		rt_events_drain(t);
	} while (n > 0 && !t->exited && !rt_stop_requested());
	if (n < 0)
		diag_rt_error(pi->attach->loc, "cannot run '%s': %s", pi->name, strerror(errno));
	close(fd);
	return n < 0 ? -1 : 0;
}

static int iter_list(const char *glob)
{
	char name[64];
	int i, err = load_btf();

	if (err)
		return err;
	for (i = 0; iters[i]; i++) {
		snprintf(name, sizeof(name), "iter:%s", iters[i]);
		if (!have_iter(iters[i]) || !rt_list_match(glob, name))
			continue;
		puts(name);
		if (rt_list_verbose() && ctx_struct(iters[i]))
			rt_list_fields(ctx_record(ctx_struct(iters[i])), NULL);
	}
	return 0;
}

static const char *const iter_aliases[] = { "it", NULL };

const struct provider provider_iter = {
	.name = "iter",
	.aliases = iter_aliases,
	.prog_type = BPF_PROG_TYPE_TRACING,
	.usage = "iter:task, iter:task_file, iter:task_vma",
	.expand = iter_expand,
	.ctx_type = iter_ctx_type,
	.ctx_hint = iter_ctx_hint,
	.cg_prologue = cg_prologue_iter,
	.cg_ctx = cg_ctx_iter,
	.attach = iter_attach,
	.run = iter_run,
	.runs_once = true,
	.list = iter_list,
};
