// SPDX-License-Identifier: GPL-2.0
/*
 * usdt:PATH:PROVIDER:NAME and usdt:PATH:NAME (alias U): the static probes
 * <sys/sdt.h> puts in a program, one uprobe per site, with the semaphore
 * (if any) counted up by the kernel while the probe is attached.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/probes/upath.h"
#include "runtime/probes/usdt_notes.h"
#include "runtime/probes/perf.h"
#include "runtime/rt.h"
#include "util/sort.h"

/* "provider:name" of a note (arena). */
static const char *full(const struct usdt_note *u)
{
	return arena_printf("%s:%s", u->provider, u->name);
}

static void no_probe(struct node *a, const struct usdt_notes *ns, const char *path,
		     const char *want, bool with_provider)
{
	struct suggest sg;
	const char *best;
	int i;

	if (rt_has_glob(want)) {
		diag_error(a->loc, "no USDT probe in '%s' matches '%s'", path, want);
		diag_note("list them with: qtrace -l 'usdt:%s:*'", path);
		return;
	}
	suggest_init(&sg, want);
	for (i = 0; i < ns->n; i++)
		suggest_add(&sg, with_provider ? full(&ns->v[i]) : ns->v[i].name);
	diag_error(a->loc, "no USDT probe '%s' in '%s'", want, path);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean '%s'?", best);
	else
		diag_note("list them with: qtrace -l 'usdt:%s:*'", path);
}

/* usdt:PATH:NAME names one probe: NAME in two providers is ambiguous, as in bpftrace. */
static bool ambiguous(struct node *a, const struct usdt_notes *ns, const char *path,
		      const char *name, const struct usdt_note *first)
{
	const char *other = NULL;
	int i;

	for (i = 0; i < ns->n && !other; i++)
		if (!strcmp(ns->v[i].name, name) && strcmp(ns->v[i].provider, first->provider))
			other = ns->v[i].provider;
	if (!other)
		return false;
	diag_error(a->loc, "USDT probe '%s' is in more than one provider of '%s' ('%s', '%s')",
		   name, path, first->provider, other);
	diag_note("name the provider, e.g. usdt:%s:%s:%s, or trace them all with usdt:%s:*:%s",
		  path, first->provider, name, path, name);
	return true;
}

static void add(struct program *p, struct node *probe, struct node *a,
		const char *path, const struct usdt_note *u)
{
	struct probe_inst *pi;

	pi = prog_add_inst(p, probe, a, &provider_usdt,
			   arena_printf("usdt:%s:%s:%s", path, u->provider, u->name));
	pi->target = path;
	pi->func = u->func;
	pi->arg = u->pc_off;
	pi->prov_data = (void *)u;
	pi->section = "uprobe";
}

static int read_notes(struct node *a, const char *path, struct usdt_notes *ns)
{
	int err = usdt_notes_read(path, ns);

	if (err) {
		diag_error(a->loc, "cannot read the USDT probes of '%s': %s", path,
			   err == -ENOEXEC ? "not an ELF file" : strerror(-err));
		return -1;
	}
	if (!ns->n) {
		diag_error(a->loc, "'%s' has no USDT probes", path);
		diag_note("was it built with <sys/sdt.h>? 'readelf -n %s' shows its stapsdt notes", path);
		return -1;
	}
	return 0;
}

/* The probes of one file that PROVIDER:NAME (prov, name) match; -1: reported. */
static int expand_file(struct program *p, struct node *probe, struct node *a,
		       const char *path, const struct usdt_notes *ns, bool short_form)
{
	const char *prov = short_form ? "*" : a->attach.parts[2];
	const char *name = a->attach.parts[a->attach.nparts - 1];
	int i, n = 0;

	for (i = 0; i < ns->n; i++) {
		const struct usdt_note *u = &ns->v[i];

		if (fnmatch(prov, u->provider, 0) || fnmatch(name, u->name, 0))
			continue;
		if (!n++ && short_form && !rt_has_glob(name) && ambiguous(a, ns, path, name, u))
			return -1;
		add(p, probe, a, path, u);
	}
	return n;
}

/*
 * usdt:GLOB:...: with -p PID, the files that process has mapped (usdt:*:NAME:
 * all of it, as bpftrace does); otherwise the files GLOB matches on disk.
 * Files without USDT notes are skipped; an error only when nothing matches.
 */
static int expand_glob(struct program *p, struct node *probe, struct node *a, bool short_form)
{
	const char *glob = a->attach.parts[1];
	int nfiles, i, n, total = 0, seen = 0;
	struct usdt_notes ns;
	char **files;

	nfiles = p->pid ? upath_mapped(p->pid, &files) : upath_glob(glob, &files);
	for (i = 0; i < nfiles; i++) {
		if (p->pid && fnmatch(glob, files[i], 0) &&
		    fnmatch(glob, strrchr(files[i], '/') + 1, 0))
			continue;
		if (usdt_notes_read(files[i], &ns) || !ns.n)
			continue;
		seen++;
		n = expand_file(p, probe, a, files[i], &ns, short_form);
		if (n < 0)
			return -1;
		total += n;
	}
	if (total)
		return 0;
	if (p->pid)
		diag_error(a->loc, "no USDT probe matches '%s' in the files process %d has mapped (%d with USDT probes)",
			   a->attach.spec, p->pid, seen);
	else
		diag_error(a->loc, "no USDT probe matches '%s' in the files '%s' matches (%d with USDT probes)",
			   a->attach.spec, glob, seen);
	if (p->pid)
		diag_note("list them with: qtrace -l 'usdt:%s:*' -p %d", glob, p->pid);
	else
		diag_note("list them with: qtrace -l 'usdt:FILE:*' for one of the files");
	return -1;
}

static int usdt_expand(struct program *p, struct node *probe, struct node *a)
{
	int np = a->attach.nparts, i, n;
	struct usdt_notes ns;
	char *path;

	for (i = 1; i < np; i++)
		if (!a->attach.parts[i][0])
			break;
	if ((np != 3 && np != 4) || i < np) {
		diag_error(a->loc, "'%s' needs a binary and a probe name", a->attach.spec);
		diag_note("write usdt:PATH:PROVIDER:NAME or usdt:PATH:NAME, e.g. usdt:/usr/bin/python3:python:function__entry");
		return -1;
	}
	if (rt_has_glob(a->attach.parts[1]))
		return expand_glob(p, probe, a, np == 3);
	path = upath_resolve(a->attach.parts[1], p->pid);
	if (!path) {
		diag_error(a->loc, "cannot find '%s'", a->attach.parts[1]);
		diag_note("give a path (./prog, /usr/bin/prog), a program in $PATH or a library name such as 'libc'");
		return -1;
	}
	if (read_notes(a, path, &ns))
		return -1;
	n = expand_file(p, probe, a, path, &ns, np == 3);
	if (n < 0)
		return -1;
	if (!n) {
		no_probe(a, &ns, path, np == 4 ? arena_printf("%s:%s", a->attach.parts[2],
				a->attach.parts[3]) : a->attach.parts[2], np == 4);
		return -1;
	}
	return 0;
}

/* argN: only the site's arguments, each as wide as 64 bits, signed if the note says so. */
static struct type *usdt_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	const struct usdt_note *u = pi->prov_data;

	if (strcmp(name, "arg") || n < 0 || n >= u->nargs || u->arg[n].kind == USDT_ARG_BAD)
		return NULL;
	return u->arg[n].is_signed ? &type_i64 : &type_u64;
}

static const char *usdt_ctx_hint(struct probe_inst *pi, const char *name, int n)
{
	const struct usdt_note *u = pi->prov_data;

	if (strcmp(name, "arg") || n < 0)
		return NULL;
	if (n < u->nargs)
		return arena_printf("argument %d of '%s' is '%s', a form qtrace cannot read",
				    n, pi->name, u->arg[n].spec);
	if (!u->nargs)
		return arena_printf("'%s' has no arguments", pi->name);
	if (u->nargs == 1)
		return arena_printf("'%s' has 1 argument: arg0", pi->name);
	return arena_printf("'%s' has %d arguments: arg0 to arg%d", pi->name, u->nargs,
			    u->nargs - 1);
}

/*
 * -p PID or the -c child: only that process, as in bpftrace; -1 otherwise.
 * The kernel counts the semaphore up only in the processes it traces.
 */
static int target_pid(struct tracer *t)
{
	const struct rt_opts *o = tracer_opts(t);

	if (t->p->pid)
		return t->p->pid;
	return o->child_pid > 0 ? o->child_pid : -1;
}

/*
 * The uprobe PMU, as uprobe.c does, with the semaphore's file offset in
 * the ref_ctr_offset bits of config (4.20+); -ENOENT when unsupported.
 */
static int pmu_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	const struct usdt_note *u = pi->prov_data;
	struct perf_event_attr attr = { .size = sizeof(attr) };
	int type = rt_pmu_type("uprobe"), bit = rt_pmu_format_bit("uprobe", "ref_ctr_offset");
	int pid = target_pid(t);

	if (type < 0 || (u->sema_off && bit < 0))
		return -ENOENT;
	attr.type = type;
	attr.config = u->sema_off ? u->sema_off << bit : 0;
	attr.config1 = (uint64_t)(uintptr_t)pi->target;	/* uprobe_path */
	attr.config2 = pi->arg;				/* probe_offset */
	return rt_perf_attach_pid(t, pi, prog, &attr, pid, pid > 0 ? -1 : 0);
}

static int usdt_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	const struct usdt_note *u = pi->prov_data;
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .ref_ctr_offset = u->sema_off);
	struct bpf_link *l;
	int err;

	err = pmu_attach(t, pi, prog);
	if (err != -ENOENT)
		return err;
	l = bpf_program__attach_uprobe_opts(prog, target_pid(t), pi->target, pi->arg, &opts);
	if (!l) {
		err = errno;
		rt_attach_error(pi, err, NULL);
		return -err;
	}
	return tracer_own_link(t, l);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The probes of one file that -l's glob (or its part after PATH, rest) names. */
static int list_file(const char *path, const char *glob, const char *rest)
{
	const char **names;
	struct usdt_notes ns;
	int i, n = 0, err;

	err = usdt_notes_read(path, &ns);
	if (err)
		return err == -ENOEXEC ? 0 : err;
	names = arena_alloc((ns.n + 1) * sizeof(*names));
	for (i = 0; i < ns.n; i++) {
		const char *name = arena_printf("usdt:%s:%s", path, full(&ns.v[i]));

		if (!rest || rt_list_match(glob, name) || !fnmatch(rest, full(&ns.v[i]), 0) ||
		    !fnmatch(rest, ns.v[i].name, 0))
			names[n++] = name;
	}
	qt_sort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			puts(names[i]);
	return 0;
}

/*
 * -l 'usdt:PATH[:GLOB]': the probes of one file, once each however many
 * sites they have; with -p PID, PATH may be a glob over the files that
 * process has mapped (-l 'usdt:*' -p PID: all of its probes).
 */
static int usdt_list(const char *glob)
{
	const char *rest, *sub;
	char *path, **files;
	size_t plen;
	int i, n, err = 0, pid = rt_list_pid();

	if (!glob || !(rest = strchr(glob, ':')))
		return 0;
	rest++;
	plen = strcspn(rest, ":");
	path = arena_strndup(rest, plen);
	sub = rest[plen] ? rest + plen + 1 : NULL;
	if (pid && (!path[0] || rt_has_glob(path))) {
		n = upath_mapped(pid, &files);
		for (i = 0; i < n && !err; i++)
			if (!path[0] || !fnmatch(path, files[i], 0) ||
			    !fnmatch(path, strrchr(files[i], '/') + 1, 0))
				err = list_file(files[i], glob, sub);
		return err;
	}
	if (!path[0] || rt_has_glob(path) || !(path = upath_resolve(path, pid)))
		return 0;
	return list_file(path, glob, sub);
}

static const char *const usdt_aliases[] = { "U", NULL };

const struct provider provider_usdt = {
	.user_ctx = true,
	.name = "usdt",
	.aliases = usdt_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "usdt:PATH:PROVIDER:NAME",
	.expand = usdt_expand,
	.ctx_type = usdt_ctx_type,
	.ctx_hint = usdt_ctx_hint,
	.cg_ctx = cg_ctx_usdt,
	.attach = usdt_attach,
	.list = usdt_list,
	.attach_reversed = true,
};
