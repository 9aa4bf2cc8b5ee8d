// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:FUNC[+OFFSET] (alias k) and kretprobe:FUNC (alias kr): kernel
 * functions by name, arg0..arg5 and retval from the saved registers.  A
 * wildcard is one kprobe.multi program where the kernel has it, else one
 * kprobe per function; without kprobes, fentry/fexit stand in (kprobe.h).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/symbols/kfuncs.h"
#include "runtime/probes/kprobe.h"
#include "runtime/rt.h"
#include "runtime/tracefs.h"

/* Registers that carry arguments on x86-64: di si dx cx r8 r9. */
#define KPROBE_MAX_ARGS 6

/* The fentry fallback stands in with providers of the same names. */
bool kprobe_is_ret(const struct probe_inst *pi)
{
	return !strcmp(pi->provider->name, "kretprobe");
}

/* "vfs_read+0x10": FUNC and OFFSET (decimal or hex); false if OFFSET is bad. */
static bool split_offset(const char *spec, char **func, uint64_t *off)
{
	const char *plus = strchr(spec, '+');
	char *end;

	*off = 0;
	if (!plus) {
		*func = arena_strdup(spec);
		return true;
	}
	*func = arena_strndup(spec, plus - spec);
	if (plus[1] < '0' || plus[1] > '9')
		return false;
	errno = 0;
	*off = strtoull(plus + 1, &end, 0);
	return !errno && !*end;
}

static void not_found(const struct provider *prov, struct node *a, const char *name)
{
	const struct kfunc *all;
	struct suggest sg;
	const char *best;
	int i, n;

	if (rt_has_glob(name)) {
		diag_error(a->loc, "no kernel function matches '%s'", name);
		diag_note("list them with: qtrace -l '%s:*'", prov->name);
		return;
	}
	all = kfuncs_all(&n);
	suggest_init(&sg, name);
	for (i = 0; i < n; i++)
		suggest_add(&sg, all[i].name);
	diag_error(a->loc, "kernel function '%s' does not exist", name);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean '%s:%s'?", prov->name, best);
	else
		diag_note("list them with: qtrace -l '%s:*'", prov->name);
}

static struct probe_inst *add(struct program *p, struct node *probe, struct node *a,
			      const struct provider *prov, const char *func, uint64_t off)
{
	struct probe_inst *pi;

	pi = prog_add_inst(p, probe, a, prov, off ?
			   arena_printf("%s:%s+%llu", prov->name, func, (unsigned long long)off) :
			   arena_printf("%s:%s", prov->name, func));
	pi->target = arena_strdup(func);
	pi->func = pi->target;
	pi->arg = off;
	pi->section = arena_printf("%s/%s", prov->name, func);
	return pi;
}

/* One program for all of a wildcard's functions: `probe` is then the wildcard. */
static void add_multi(struct program *p, struct node *probe, struct node *a,
		      const struct provider *prov, const char *glob,
		      const char **funcs, int n)
{
	struct probe_inst *pi;

	pi = prog_add_inst(p, probe, a, prov, arena_printf("%s:%s", prov->name, glob));
	pi->target = arena_strdup(glob);
	pi->funcs = funcs;
	pi->nfuncs = n;
	pi->section = arena_printf("%s.multi/%s", prov->name, glob);
}

/*
 * kprobe.multi unless the body reads `probe`, which must name each
 * function (bpftrace expands those too); else one kprobe (or, without
 * kprobes, fentry) per function.
 */
static int expand_glob(struct program *p, struct node *probe, struct node *a,
		       const struct provider *prov, const char *glob)
{
	const struct kfunc *all;
	const char **funcs;
	int i, n, found = 0;

	all = kfuncs_all(&n);
	funcs = arena_alloc((n ? n : 1) * sizeof(*funcs));
	for (i = 0; i < n; i++)
		if (kfuncs_wild_ok(&all[i]) && !fnmatch(glob, all[i].name, 0))
			funcs[found++] = all[i].name;
	if (!found) {
		not_found(prov, a, glob);
		return -1;
	}
	if (!ast_uses_ident(probe, "probe") && kprobe_has_multi(funcs[0])) {
		add_multi(p, probe, a, prov, glob, funcs, found);
		return 0;
	}
	for (i = 0; i < found; i++) {
		struct probe_inst *pi = add(p, probe, a, prov, funcs[i], 0);

		if (!kprobe_has_kprobes())
			kprobe_fentry_fallback(pi, true);
	}
	return 0;
}

/* An offset outside the function would probe another one. */
static int check_offset(struct node *a, const struct kfunc *f, uint64_t off)
{
	if (!f->size || off < f->size)
		return 0;
	diag_error(a->loc, "offset %llu is outside '%s' (%llu bytes)",
		   (unsigned long long)off, f->name, (unsigned long long)f->size);
	return -1;
}

static int kp_expand(struct program *p, struct node *probe, struct node *a)
{
	const struct provider *prov = provider_find(a->attach.parts[0]);
	const struct kfunc *f;
	struct probe_inst *pi;
	uint64_t off;
	char *func;
	int err;

	if (a->attach.nparts != 2 || !a->attach.parts[1][0]) {
		diag_error(a->loc, "'%s' needs one kernel function", a->attach.spec);
		diag_note("write %s, e.g. %s:vfs_read", prov->usage, prov->name);
		return -1;
	}
	if (!split_offset(a->attach.parts[1], &func, &off) || !func[0]) {
		diag_error(a->loc, "bad offset in '%s'", a->attach.spec);
		diag_note("write %s, e.g. kprobe:vfs_read+0x10", provider_kprobe.usage);
		return -1;
	}
	if (off && prov == &provider_kretprobe) {
		diag_error(a->loc, "'%s' cannot take an offset", a->attach.spec);
		diag_note("a kretprobe fires on return; use kprobe:FUNC+OFFSET for a place inside");
		return -1;
	}
	err = kfuncs_load();
	if (err) {
		diag_error(a->loc, "cannot read the kernel's functions: %s", strerror(-err));
		diag_note("qtrace reads them from /proc/kallsyms");
		return -1;
	}
	if (rt_has_glob(func)) {
		if (strchr(a->attach.parts[1], '+')) {
			diag_error(a->loc, "'%s' cannot take an offset with a wildcard", a->attach.spec);
			return -1;
		}
		return expand_glob(p, probe, a, prov, func);
	}
	f = kfuncs_find(func);
	if (!f) {
		not_found(prov, a, func);
		return -1;
	}
	if (check_offset(a, f, off))
		return -1;
	pi = add(p, probe, a, prov, func, off);
	if (!off && !kprobe_has_kprobes())
		kprobe_fentry_fallback(pi, false);
	return 0;
}

static struct type *kp_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "arg") && !kprobe_is_ret(pi) && n >= 0 && n < KPROBE_MAX_ARGS)
		return &type_u64;
	if (!strcmp(name, "retval") && kprobe_is_ret(pi))
		return &type_i64;
	return NULL;
}

static bool file_exists(const char *dir, const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "", name);
	return access(path, F_OK) == 0;
}

/* "vfs_read" -> "read": the word a syscall tracepoint would be named by. */
static const char *stem(const char *func)
{
	static const char *const prefixes[] = {
		"x64_sys_", "ia32_sys_", "se_sys_", "ksys_", "vfs_", "sys_", "do_", NULL,
	};
	const char *s = func;
	int i;

	for (i = 0; prefixes[i]; i++) {
		s += strspn(s, "_");
		if (!strncmp(s, prefixes[i], strlen(prefixes[i])) &&
		    s[strlen(prefixes[i])]) {
			s += strlen(prefixes[i]);
			i = -1;
		}
	}
	return *s ? s : func;
}

void kprobe_suggest_tp(const struct probe_inst *pi)
{
	const char *w = stem(pi->target), *when = kprobe_is_ret(pi) ? "exit" : "enter";
	char ev[160];

	snprintf(ev, sizeof(ev), "events/syscalls/sys_%s_%s", when, w);
	if (file_exists(tracefs_dir(), ev))
		diag_note("tracepoints and raw tracepoints cover the same ground, e.g. for '%s': tracepoint:syscalls:sys_%s_%s",
			  pi->target, when, w);
	else
		diag_note("tracepoints and raw tracepoints cover the same ground");
	diag_note("find them with: qtrace -l 'tracepoint:*%s*'", w);
}

/* The clear error where there are no kprobes, and fentry could not stand in. */
static void no_kprobes(struct probe_inst *pi)
{
	diag_rt_error(pi->attach->loc,
		      "cannot attach '%s': kprobes are not available on this kernel (%s) and %s",
		      pi->name, kprobe_why_none(), kprobe_fentry_why_not(pi));
	kprobe_suggest_tp(pi);
}

static int kp_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_kprobe_opts, o, .retprobe = kprobe_is_ret(pi), .offset = pi->arg);
	bool wild = rt_has_glob(pi->attach->attach.parts[1]);
	struct bpf_link *l;
	int err;

	if (pi->nfuncs)
		return kprobe_multi_attach(t, pi, prog);
	/*
	 * Not even tried under QTRACE_NO_KPROBES.  A wildcard's function
	 * without BTF is skipped; a kernel refusing fentry is an error.
	 */
	if (!kprobe_has_kprobes()) {
		if (wild && !kprobe_fentry_refused(pi)) {
			rt_attach_skip(t, pi, pi->target);
			return 0;
		}
		no_kprobes(pi);
		return -EOPNOTSUPP;
	}
	l = bpf_program__attach_kprobe_opts(prog, pi->target, &o);
	if (!l) {
		err = errno;
		/* some functions match but refuse probes (notrace, blacklisted) */
		if (wild && rt_untraceable(err)) {
			rt_attach_skip(t, pi, pi->target);
			return 0;
		}
		rt_attach_error(pi, err, err == EILSEQ ?
				"the offset is not on an instruction boundary" : NULL);
		return -err;
	}
	if (tracer_opts(t)->verbose)
		fprintf(stderr, "qtrace: '%s' uses %s\n", pi->name,
			kprobe_has_pmu() ? "the perf kprobe PMU" : "tracefs kprobe_events");
	return tracer_own_link(t, l);
}

static int kp_list(const char *glob)
{
	const struct kfunc *all;
	char name[512];
	int i, n, err = kfuncs_load();

	if (err)
		return err;
	all = kfuncs_all(&n);
	for (i = 0; i < n; i++) {
		if (!kfuncs_wild_ok(&all[i]))
			continue;
		snprintf(name, sizeof(name), "kprobe:%s", all[i].name);
		if (rt_list_match(glob, name))
			puts(name);
	}
	return 0;
}

/* override() needs CONFIG_BPF_KPROBE_OVERRIDE; without it the verifier names the helper. */
static bool kp_load_error(struct probe_inst *pi, int err, const char *log)
{
	if (!log || !strstr(log, "cannot use helper bpf_override_return"))
		return false;
	diag_rt_error(pi->attach->loc, "override() does not work on this kernel: it was built without CONFIG_BPF_KPROBE_OVERRIDE");
	diag_note("the kernel refused probe '%s' for calling bpf_override_return", pi->name);
	return true;
}

static const char *const kp_aliases[] = { "k", NULL };
static const char *const kr_aliases[] = { "kr", NULL };

const struct provider provider_kprobe = {
	.name = "kprobe",
	.aliases = kp_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "kprobe:FUNC[+OFFSET]",
	.expand = kp_expand,
	.ctx_type = kp_ctx_type,
	.cg_ctx = cg_ctx_regs,
	.attach = kp_attach,
	.list = kp_list,
	.attach_reversed = true,
	.error_injection = true,
	.load_error = kp_load_error,
	.pid_filter = true,
};

const struct provider provider_kretprobe = {
	.name = "kretprobe",
	.aliases = kr_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "kretprobe:FUNC",
	.expand = kp_expand,
	.ctx_type = kp_ctx_type,
	.cg_ctx = cg_ctx_regs,
	.attach = kp_attach,
	.pid_filter = true,
};
