// SPDX-License-Identifier: GPL-2.0
/*
 * rawtracepoint:NAME (alias rt): the tracepoint's raw arguments arg0..argN as
 * u64, no perf event and no copy of a record (cheaper than tracepoint:).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/btf_types.h"
#include "sema/suggest.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/tracefs.h"
#include "util/sort.h"

/* Without BTF the argument count is unknown: allow arg0..arg5. */
#define RAW_MAX_ARGS 6

struct rawtp {
	char *name;
	int nargs;
};

static struct rawtp *tps;
static int ntps, tps_cap;

static int add_tp(const char *name, int nargs)
{
	if (ntps == tps_cap) {
		struct rawtp *v = realloc(tps, (tps_cap = tps_cap ? 2 * tps_cap : 1024) * sizeof(*v));

		if (!v)
			return -ENOMEM;
		tps = v;
	}
	tps[ntps].name = strdup(name);
	if (!tps[ntps].name)
		return -ENOMEM;
	tps[ntps++].nargs = nargs;
	return 0;
}

/* btf_trace_NAME is a typedef of a pointer to proto(void *__data, args...). */
static int proto_args(const struct btf *btf, const struct btf_type *t)
{
	t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_ptr(t))
		return RAW_MAX_ARGS;
	t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_func_proto(t) || btf_vlen(t) < 1)
		return RAW_MAX_ARGS;
	return btf_vlen(t) - 1;
}

static int load_btf(void)
{
	struct btf *btf = btf_vmlinux();
	unsigned int i, n;
	int err = 0;

	if (!btf)
		return -errno;
	n = btf__type_cnt(btf);
	for (i = 1; i < n && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name;

		if (!btf_is_typedef(t))
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (name && !strncmp(name, "btf_trace_", 10))
			err = add_tp(name + 10, proto_args(btf, t));
	}
	return err;
}

/* Fallback: the names of available_events, argument counts unknown. */
static int load_events(void)
{
	const char *dir = tracefs_dir();
	char path[256], line[512];
	FILE *f;
	int err = 0;

	if (!dir)
		return -errno;
	snprintf(path, sizeof(path), "%s/available_events", dir);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		char *name = strchr(line, ':');

		if (!name)
			continue;
		name[strcspn(name, "\n")] = '\0';
		err = add_tp(name + 1, RAW_MAX_ARGS);
	}
	fclose(f);
	return err;
}

static int cmp_tp(const void *a, const void *b)
{
	return strcmp(((const struct rawtp *)a)->name, ((const struct rawtp *)b)->name);
}

static int load_tps(void)
{
	static bool loaded;
	int i, j, err;

	if (loaded)
		return 0;
	err = load_btf();
	if (err || !ntps)
		err = load_events();
	if (err)
		return err;
	qt_sort(tps, ntps, sizeof(*tps), cmp_tp);
	for (i = j = 0; i < ntps; i++) {
		if (j && !strcmp(tps[j - 1].name, tps[i].name)) {
			free(tps[i].name);
			continue;
		}
		tps[j++] = tps[i];
	}
	ntps = j;
	loaded = true;
	return 0;
}

static void not_found(struct node *a, const char *name)
{
	struct suggest sg;
	const char *best;
	int i;

	if (rt_has_glob(name)) {
		diag_error(a->loc, "no raw tracepoint matches '%s'", name);
		diag_note("list them with: qtrace -l 'rawtracepoint:*'");
		return;
	}
	suggest_init(&sg, name);
	for (i = 0; i < ntps; i++)
		suggest_add(&sg, tps[i].name);
	diag_error(a->loc, "raw tracepoint '%s' does not exist", name);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean 'rawtracepoint:%s'?", best);
	else
		diag_note("list them with: qtrace -l 'rawtracepoint:*'");
}

static int raw_expand(struct program *p, struct node *probe, struct node *a)
{
	const char *name;
	int i, err, found = 0, np = a->attach.nparts;

	/* rawtracepoint:MODULE:NAME (bpftrace's): the module must be vmlinux here */
	if (np == 3 && strcmp(a->attach.parts[1], "vmlinux") && a->attach.parts[2][0]) {
		diag_error(a->loc, "qtrace finds the raw tracepoints of vmlinux only, not of module '%s'",
			   a->attach.parts[1]);
		diag_note("write rawtracepoint:vmlinux:NAME or rawtracepoint:NAME");
		return -1;
	}
	if ((np != 2 && np != 3) || !a->attach.parts[np - 1][0]) {
		diag_error(a->loc, "'%s' needs one tracepoint name", a->attach.spec);
		diag_note("write rawtracepoint:NAME, e.g. rawtracepoint:sched_switch");
		return -1;
	}
	err = load_tps();
	if (err) {
		diag_error(a->loc, "cannot read the list of raw tracepoints: %s", strerror(-err));
		diag_note("qtrace reads them from /sys/kernel/btf/vmlinux or tracefs");
		return -1;
	}
	name = a->attach.parts[np - 1];
	for (i = 0; i < ntps; i++) {
		struct probe_inst *pi;

		if (fnmatch(name, tps[i].name, 0))
			continue;
		pi = prog_add_inst(p, probe, a, &provider_rawtracepoint,
				   arena_printf("rawtracepoint:%s", tps[i].name));
		pi->target = arena_strdup(tps[i].name);
		pi->arg = tps[i].nargs;
		pi->section = arena_printf("raw_tp/%s", tps[i].name);
		found++;
	}
	if (!found) {
		not_found(a, name);
		return -1;
	}
	return 0;
}

/* args: the arguments typed and named by btf_trace_NAME; argN: raw u64s. */
static struct type *raw_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "args")) {
		if (!pi->args_type)
			pi->args_type = btf_rawtp_args(pi->target);
		return pi->args_type;
	}
	if (strcmp(name, "arg") || n < 0 || (uint64_t)n >= pi->arg)
		return NULL;
	return &type_u64;
}

static const char *raw_ctx_hint(struct probe_inst *pi, const char *name, int n)
{
	(void)n;
	if (!strcmp(name, "args"))
		return arena_printf("the kernel's BTF has no prototype for '%s' (btf_trace_%s): use arg0 ... arg%d",
				    pi->target, pi->target, pi->arg ? (int)pi->arg - 1 : 0);
	return NULL;
}

static int raw_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	struct bpf_link *l = bpf_program__attach_raw_tracepoint(prog, pi->target);
	char fix[160];
	int err;

	if (!l) {
		err = errno;
		/* the kernel checks the program's highest argument read here */
		if (pi->arg == 1)
			snprintf(fix, sizeof(fix), "'%s' has only arg0", pi->name);
		else
			snprintf(fix, sizeof(fix), "'%s' has only arg0 to arg%d",
				 pi->name, (int)pi->arg - 1);
		rt_attach_error(pi, err, err == EINVAL && pi->arg ? fix : NULL);
		return -err;
	}
	return tracer_own_link(t, l);
}

static int raw_list(const char *glob)
{
	char name[512];
	int i, err = load_tps();

	if (err)
		return err;
	for (i = 0; i < ntps; i++) {
		snprintf(name, sizeof(name), "rawtracepoint:%s", tps[i].name);
		if (rt_list_match(glob, name))
			puts(name);
	}
	return 0;
}

static const char *const raw_aliases[] = { "rt", NULL };

const struct provider provider_rawtracepoint = {
	.name = "rawtracepoint",
	.aliases = raw_aliases,
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = "rawtracepoint:NAME",
	.expand = raw_expand,
	.ctx_type = raw_ctx_type,
	.ctx_hint = raw_ctx_hint,
	.cg_ctx = cg_ctx_rawtracepoint,
	.attach = raw_attach,
	.list = raw_list,
	.pid_filter = true,
};
