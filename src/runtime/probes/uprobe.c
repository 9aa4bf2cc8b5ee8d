// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:PATH:SYMBOL[+OFFSET], uprobe:PATH:0xADDR and uretprobe:PATH:SYMBOL
 * (aliases u, ur): probes on user functions, placed by file offset so that
 * wildcards and +OFFSET work on every matching symbol.  A wildcard's
 * functions in one file are one uprobe_multi program where the kernel has
 * it (uprobe_multi.c), else one perf-event uprobe each.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/symbols/elfsym.h"
#include "runtime/symbols/demangle.h"
#include "runtime/probes/insn.h"
#include "runtime/probes/umatch.h"
#include "runtime/probes/upath.h"
#include "runtime/probes/uprobe_args.h"
#include "runtime/probes/uprobe_multi.h"
#include "runtime/probes/perf.h"
#include "runtime/rt.h"
#include "util/sort.h"

/* What SYMBOL[+OFFSET] or 0xADDR says. */
struct site {
	const char *sym;	/* NULL for an address */
	uint64_t off;		/* +OFFSET, or the address */
	bool has_off;
};

/* A function a wildcard matched in the file being expanded. */
struct usite {
	const char *name;	/* as in the probe's name: SYMBOL[+OFFSET] */
	const char *func;	/* `func`: demangled */
	const char *sym;	/* the ELF symbol (mangled), for args from DWARF */
	uint64_t off;		/* file offset */
};

/* One attach point being expanded, over one file or each a PATH glob matches. */
struct want {
	struct program *p;
	struct node *probe, *a;
	const struct provider *prov;
	const char *path;	/* as written */
	const char *sym;	/* SYMBOL[+OFFSET] or 0xADDR as written */
	struct site st;
	bool cpp;		/* uprobe:PATH:cpp:SYMBOL */
	bool many_files;	/* PATH is a glob: skip files that do not fit */
	int added;
	struct usite *sites;	/* of the current file, see add_sites() */
	int nsites, cap;
	int nsyms_max;		/* symbols of the file being expanded */
	bool go_ret;		/* a uretprobe on Go: uprobes on each return (go_rets()) */
	/* a wildcard's Go functions without a ret, or that do not decode: skipped */
	const char **no_ret;
	int nno_ret, bad_code;
};

static bool parse_num(const char *s, uint64_t *v)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 0);
	return !errno && !*end;
}

static bool parse_site(const char *s, struct site *st)
{
	const char *plus = strrchr(s, '+');

	memset(st, 0, sizeof(*st));
	if (!strncmp(s, "0x", 2) && parse_num(s, &st->off))
		return true;
	/* a '+' not followed by a digit is part of the name: cpp:"ns::operator+" */
	if (plus && plus != s && plus[1] >= '0' && plus[1] <= '9') {
		if (!parse_num(plus + 1, &st->off))
			return false;
		st->sym = arena_strndup(s, plus - s);
		st->has_off = true;
		return true;
	}
	st->sym = s;
	return true;
}

static bool has_mangled(const struct elfsyms *es)
{
	int i;

	for (i = 0; i < es->nsyms; i++)
		if (!strncmp(es->syms[i].name, "_Z", 2))
			return true;
	return false;
}

static void no_symbol(const struct want *w, const struct elfsyms *es)
{
	const char *sym = w->st.sym, *path = es->path, *lang = w->cpp ? "cpp:" : "";
	struct suggest sg;
	const char *best;
	int i;

	if (rt_has_glob(sym)) {
		diag_error(w->a->loc, "no function in '%s' matches '%s'", path, sym);
		diag_note("list them with: qtrace -l 'uprobe:%s:%s*'", path, lang);
		return;
	}
	suggest_init(&sg, sym);
	for (i = 0; i < es->nsyms; i++) {
		const char *name = umatch_name(&es->syms[i], w->cpp);

		suggest_add(&sg, w->cpp && !strchr(sym, '(') ? umatch_without_params(name) : name);
	}
	diag_error(w->a->loc, "no function '%s' in '%s'", sym, path);
	if (!w->cpp && (strstr(sym, "::") || strchr(sym, '(')) && has_mangled(es))
		diag_note("C++ functions answer to their demangled names after cpp: write uprobe:%s:cpp:\"%s\"", w->path, sym);
	else if ((best = suggest_result(&sg)))
		diag_note("did you mean '%s'?", best);
	else
		diag_note("list them with: qtrace -l 'uprobe:%s:%s*'", path, lang);
}

/*
 * This kernel emulates a uprobe on `xchg %rax,%r8` (49 90) as a no-op, so the
 * traced program goes wrong (Go's runtime.gcWriteBarrierR8 starts with it).
 */
static bool unsafe_site(const char *path, uint64_t off)
{
	unsigned char b[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool bad;

	if (fd < 0)
		return false;
	bad = pread(fd, b, 2, off) == 2 && b[0] == 0x49 && b[1] == 0x90;
	close(fd);
	return bad;
}

/* len bytes of path at file offset off (malloc'd), or NULL. */
static uint8_t *read_code(const char *path, uint64_t off, size_t len)
{
	uint8_t *b = malloc(len ? len : 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok = b && fd >= 0 && pread(fd, b, len, off) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	if (!ok) {
		free(b);
		return NULL;
	}
	return b;
}

/*
 * SYMBOL+OFFSET must start an instruction: a breakpoint written into an
 * instruction's operands makes the program run garbage.  --unsafe turns the
 * refusal into a warning, as when the bytes cannot be read or decoded.
 */
static int check_boundary(struct program *p, struct node *a, const char *path,
			  const struct elfsym *sym, uint64_t start, uint64_t off)
{
	void (*say)(struct loc, const char *, ...) = p->unsafe ? diag_warn : diag_error;
	size_t len = sym->size < off + 16 ? sym->size : off + 16;
	unsigned long long o = off, size = sym->size;
	uint64_t lo, hi;
	uint8_t *code;
	bool read;
	int r = -1;

	if (!off)
		return 0;
	code = read_code(path, start, len);
	read = code != NULL;
	if (read)
		r = insn_boundary(code, len, off, &lo, &hi);
	free(code);
	if (r < 0) {
		say(a->loc, "cannot check that offset %llu is on an instruction boundary of '%s' (size %llu): %s%s",
		    o, sym->name, size, read ? "its bytes do not decode as x86-64" : "cannot read its bytes",
		    p->unsafe ? " (probed unchecked: --unsafe)" : "");
		if (!p->unsafe)
			diag_note("pass --unsafe to probe it unchecked (a uprobe inside an instruction corrupts the program)");
	} else if (r > 0) {
		say(a->loc, "offset %llu is inside an instruction of '%s' (size %llu)%s", o, sym->name, size,
		    p->unsafe ? " (probed anyway: --unsafe; the program will run a corrupted instruction)" : "");
		diag_note("the instruction spans +%llu to +%llu: write %s+%llu or %s+%llu",
			  (unsigned long long)lo, (unsigned long long)hi,
			  sym->name, (unsigned long long)lo, sym->name, (unsigned long long)hi);
	}
	return r && !p->unsafe ? -1 : 0;
}

/*
 * 0xADDR inside a known function must start an instruction of it, as
 * SYMBOL+OFFSET must; an address outside every function has nothing to be
 * checked against.  off: the address's file offset.
 */
static int check_addr(struct want *w, const struct elfsyms *es, uint64_t off)
{
	uint64_t addr = w->st.off;
	int i;

	for (i = 0; i < es->nsyms; i++) {
		const struct elfsym *s = &es->syms[i];

		if (addr > s->addr && addr < s->addr + s->size)
			return check_boundary(w->p, w->a, es->path, s, off - (addr - s->addr),
					      addr - s->addr);
	}
	return 0;
}

/* func is the function as bpftrace's `func` names it: demangled. */
static struct probe_inst *add(const struct want *w, const char *path, const char *name,
			      const char *func, uint64_t off)
{
	const struct provider *prov = w->prov;
	struct probe_inst *pi;

	pi = prog_add_inst(w->p, w->probe, w->a, prov,
			   arena_printf("%s:%s:%s%s", prov->name, path, w->cpp ? "cpp:" : "", name));
	pi->target = path;
	pi->func = func;
	pi->arg = off;
	pi->at_ret_insns = w->go_ret;
	pi->section = prov == &provider_uretprobe && !w->go_ret ? "uretprobe" : "uprobe";
	return pi;
}

static void push_site(struct want *w, struct usite u)
{
	struct usite *v;

	if (w->nsites == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		v = arena_alloc(w->cap * sizeof(*v));
		if (w->nsites)
			memcpy(v, w->sites, w->nsites * sizeof(*v));
		w->sites = v;
	}
	w->sites[w->nsites++] = u;
}

/*
 * A uretprobe makes the kernel replace the return address on the stack with
 * a trampoline's; the Go runtime copies goroutine stacks when they grow and
 * walks them for the GC and for panics, finds a return address in no Go
 * function and kills the program ("unexpected return pc").  So on Go a
 * return probe is a uprobe on each return instruction of the function,
 * where ax holds the first result as at a uretprobe.  Not seen: a function
 * leaving by a tail jump (Go's compiler emits none for ordinary functions),
 * or by panic.  many: a wildcard, which skips what cannot be probed.
 */
static int go_rets(struct want *w, const struct elfsyms *es, const struct elfsym *sym,
		   uint64_t off, const struct usite *u, bool many)
{
	void (*say)(struct loc, const char *, ...) = many ? diag_warn : diag_error;
	int max = sym->size ? (int)(sym->size < 4096 ? sym->size : 4096) : 1;
	uint64_t *rets = arena_alloc(max * sizeof(*rets));
	uint8_t *code = read_code(es->path, off, sym->size);
	int i, n = code ? insn_rets(code, sym->size, rets, max) : -1;

	free(code);
	if (n <= 0 && many) {
		if (!w->no_ret)
			w->no_ret = arena_alloc(w->nsyms_max * sizeof(*w->no_ret));
		w->no_ret[w->nno_ret++] = u->name;
		w->bad_code += n < 0;
		return 0;
	}
	if (n <= 0) {
		say(w->a->loc, n < 0 ?
		    "cannot find the return instructions of Go function '%s' (size %llu): its bytes do not decode as x86-64" :
		    "Go function '%s' (size %llu) has no return instruction",
		    u->name, (unsigned long long)sym->size);
		if (!n)
			diag_note("it never returns, or leaves by a jump; on Go a return probe is a uprobe on each 'ret' (uretprobes would crash the program)");
		return many ? 0 : -1;
	}
	for (i = 0; i < n; i++) {
		struct usite r = *u;

		r.off = off + rets[i];
		push_site(w, r);
	}
	w->added++;
	return 0;
}

/* One warning for a wildcard's Go functions that cannot have a return probe. */
static void no_ret_warning(const struct want *w, const char *path)
{
	char list[256];
	size_t len = 0;
	int i;

	list[0] = 0;
	for (i = 0; i < w->nno_ret && len < sizeof(list) - 64; i++)
		len += snprintf(list + len, sizeof(list) - len, "%s%s", i ? ", " : "", w->no_ret[i]);
	if (i < w->nno_ret)
		snprintf(list + len, sizeof(list) - len, " and %d more", w->nno_ret - i);
	diag_warn(w->a->loc, "skipped %d Go function%s of '%s' without a return instruction%s: %s",
		  w->nno_ret, w->nno_ret == 1 ? "" : "s", path,
		  w->bad_code ? " (or whose bytes do not decode as x86-64)" : "", list);
	diag_note("they never return, or leave by a jump; on Go a return probe is a uprobe on each 'ret' (uretprobes would crash the program)");
}

/* One matching symbol: the +OFFSET must stay inside it, on an instruction. */
static int add_sym(struct want *w, const struct elfsyms *es, const struct elfsym *sym,
		   bool many)
{
	const struct site *st = &w->st;
	const char *disp = umatch_name(sym, w->cpp), *name = disp;
	struct node *a = w->a;
	struct usite u;
	uint64_t off;

	if (st->has_off) {
		if (st->off >= sym->size) {
			diag_error(a->loc, "offset %llu is outside '%s' (size %llu)",
				   (unsigned long long)st->off, disp,
				   (unsigned long long)sym->size);
			diag_note("give an offset below %llu", (unsigned long long)sym->size);
			return -1;
		}
		name = arena_printf("%s+%llu", disp, (unsigned long long)st->off);
	}
	if (!elfsym_file_offset(es, sym->addr + st->off, &off)) {
		diag_error(a->loc, "'%s' is not in an executable segment of '%s'", name, es->path);
		return -1;
	}
	if (st->has_off &&
	    check_boundary(w->p, a, es->path, sym, off - st->off, st->off))
		return -1;
	if (unsafe_site(es->path, off)) {
		(many ? diag_warn : diag_error)(a->loc, "cannot probe '%s': it starts with 'xchg %%rax,%%r8', which uprobes run as a no-op", name);
		diag_note("the exchange would never happen and the program would go wrong; probe a later offset");
		return many ? 0 : -1;
	}
	u = (struct usite){ name, rt_demangle(sym->name) ? rt_demangle(sym->name) : sym->name,
			    arena_strdup(sym->name), off };
	if (w->go_ret)
		return go_rets(w, es, sym, off, &u, many);
	push_site(w, u);
	w->added++;
	return 0;
}

/*
 * One program on a uprobe_multi link for a file's functions, unless the
 * body reads `probe`, which names each (bpftrace expands those too); else
 * one uprobe per function.
 */
static void add_sites(struct want *w, const char *path)
{
	const char **funcs;
	uint64_t *offs;
	struct probe_inst *pi;
	int i, n = w->nsites;

	w->nsites = 0;
	if (n < 2 || ast_uses_ident(w->probe, "probe") || !uprobe_has_multi()) {
		for (i = 0; i < n; i++) {
			pi = add(w, path, w->sites[i].name, w->sites[i].func, w->sites[i].off);
			pi->prov_data = (void *)w->sites[i].sym;	/* uprobe_args.c */
		}
		return;
	}
	funcs = arena_alloc(n * sizeof(*funcs));
	offs = arena_alloc(n * sizeof(*offs));
	for (i = 0; i < n; i++) {
		funcs[i] = w->sites[i].func;
		offs[i] = w->sites[i].off;
	}
	/* the decimal +OFFSET: retval at an offset is told by the name */
	pi = add(w, path, w->st.has_off ?
		 arena_printf("%s+%llu", w->st.sym, (unsigned long long)w->st.off) : w->st.sym,
		 NULL, 0);
	uprobe_multi_init(pi, funcs, offs, n);
}

static int cmp_addr(const void *a, const void *b)
{
	const struct elfsym *x = *(const struct elfsym *const *)a;
	const struct elfsym *y = *(const struct elfsym *const *)b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Aliases share an address (malloc, __libc_malloc; a C++ constructor's C1
 * and C2): a wildcard probes it once, under the first name, or every event
 * would be counted twice.
 */
static int expand_syms(struct want *w, const struct elfsyms *es)
{
	bool many = rt_has_glob(w->st.sym) || w->many_files;
	const struct elfsym **m;
	int i, n = 0, err = 0;

	m = arena_alloc((es->nsyms + 1) * sizeof(*m));
	for (i = 0; i < es->nsyms; i++)
		if (umatch(w->st.sym, &es->syms[i], w->cpp))
			m[n++] = &es->syms[i];
	if (!n) {
		if (w->many_files)
			return 0;
		no_symbol(w, es);
		return -1;
	}
	qt_sort(m, n, sizeof(*m), cmp_addr);
	w->sites = NULL;
	w->nsites = w->cap = 0;
	w->no_ret = NULL;
	w->nno_ret = w->bad_code = 0;
	w->nsyms_max = n;
	for (i = 0; i < n && !err; i++) {
		if (i && m[i - 1]->addr == m[i]->addr)
			continue;
		err = add_sym(w, es, m[i], many);
	}
	if (w->nno_ret)
		no_ret_warning(w, es->path);
	if (!err)
		add_sites(w, es->path);
	return err;
}

/*
 * uretprobes hijack the return address, which Go's stack moves break: a
 * return probe on Go becomes uprobes on the return instructions (go_rets()),
 * unless --unsafe asks for the real uretprobe.
 */
static void go_check(struct want *w, const char *path)
{
	if (!w->p->unsafe) {
		w->go_ret = true;
		return;
	}
	diag_warn(w->a->loc, "uretprobe on Go binary '%s' can crash it (allowed by --unsafe)", path);
	diag_note("the Go runtime moves goroutine stacks and the hijacked return address with them: the program may die with 'unexpected return pc'");
}

/* uretprobe:GO:0xADDR: the function starting at ADDR, by its return instructions. */
static int go_addr(struct want *w, const struct elfsyms *es)
{
	int i;

	for (i = 0; i < es->nsyms; i++) {
		if (es->syms[i].addr != w->st.off || !es->syms[i].size)
			continue;
		w->st.sym = es->syms[i].name;
		w->st.off = 0;
		return expand_syms(w, es);
	}
	diag_error(w->a->loc, "no Go function starts at 0x%llx in '%s'",
		   (unsigned long long)w->st.off, es->path);
	diag_note("on Go a return probe is a uprobe on each return instruction of a function: give a function's name or start address");
	return -1;
}

/* The probes of one file; with a PATH glob, files that do not fit are skipped. */
static int expand_file(struct want *w, const char *path)
{
	struct elfsyms *es;
	uint64_t off;
	int err;

	err = upath_syms(path, &es);
	if (err) {
		if (w->many_files)
			return 0;
		diag_error(w->a->loc, "cannot read the symbols of '%s': %s", path,
			   err == -ENOEXEC ? "not an ELF file" : strerror(-err));
		return -1;
	}
	w->go_ret = false;
	if (w->prov == &provider_uretprobe && es->is_go)
		go_check(w, path);
	if (w->st.sym)
		return expand_syms(w, es);
	if (w->go_ret)
		return go_addr(w, es);
	if (!elfsym_file_offset(es, w->st.off, &off)) {
		if (w->many_files)
			return 0;
		diag_error(w->a->loc, "address 0x%llx is not in an executable segment of '%s'",
			   (unsigned long long)w->st.off, path);
		return -1;
	}
	if (check_addr(w, es, off))
		return -1;
	add(w, path, w->sym, w->sym, off);
	w->added++;
	return 0;
}

/* uprobe:GLOB:...: every ELF file GLOB matches; an error only if none has a probe. */
static int expand_glob(struct want *w)
{
	const char *lang = w->cpp ? "cpp:" : "";
	char **files;
	int i, n, err = 0;

	n = upath_glob(w->path, &files);
	if (!n) {
		diag_error(w->a->loc, "no ELF file matches '%s'", w->path);
		diag_note("PATH's wildcards are glob(3)'s, and only ELF files (programs, shared libraries) count");
		return -1;
	}
	w->many_files = true;
	for (i = 0; i < n && !err; i++)
		err = expand_file(w, files[i]);
	if (!err && !w->added) {
		diag_error(w->a->loc, "no function matching '%s' in the %d ELF file%s matching '%s'",
			   w->sym, n, n == 1 ? "" : "s", w->path);
		diag_note("list them with: qtrace -l 'uprobe:%s:%s*'", w->path, lang);
		return -1;
	}
	return err;
}

/* PROVIDER:PATH:SYMBOL or PROVIDER:PATH:cpp:SYMBOL into w. */
static int parse_attach(struct want *w)
{
	struct node *a = w->a;
	const char *sym;

	if (a->attach.nparts >= 4 && umatch_is_cpp(a->attach.parts[2]))
		w->cpp = true;
	if (a->attach.nparts > 3 + w->cpp && strstr(a->attach.spec, "::")) {
		/* spec is PROVIDER:PATH:[cpp:]NAME with quotes removed */
		const char *name = a->attach.spec + strlen(a->attach.parts[0]) +
				   strlen(a->attach.parts[1]) + 2 +
				   (w->cpp ? strlen(a->attach.parts[2]) + 1 : 0);

		diag_error(a->loc, "the '::' in '%s' splits the attach point", a->attach.spec);
		diag_note("quote C++ names: %s:%s:cpp:\"%s\"", w->prov->name, a->attach.parts[1], name);
		return -1;
	}
	if (a->attach.nparts != 3 + w->cpp || !a->attach.parts[1][0] ||
	    !a->attach.parts[a->attach.nparts - 1][0]) {
		diag_error(a->loc, "'%s' needs a binary and a function", a->attach.spec);
		diag_note("write %s, e.g. %s:/bin/bash:readline", w->prov->usage, w->prov->name);
		return -1;
	}
	w->path = a->attach.parts[1];
	w->sym = sym = a->attach.parts[a->attach.nparts - 1];
	if (!parse_site(sym, &w->st)) {
		diag_error(a->loc, "bad offset in '%s'", sym);
		diag_note("write SYMBOL+OFFSET with a decimal or 0x hex offset");
		return -1;
	}
	if (w->prov == &provider_uretprobe && w->st.has_off) {
		diag_error(a->loc, "uretprobe cannot take an offset");
		diag_note("a uretprobe fires when the function returns: write uretprobe:%s:%s%s%s",
			  w->path, w->cpp ? "cpp:\"" : "", w->st.sym, w->cpp ? "\"" : "");
		return -1;
	}
	return 0;
}

static int up_expand(struct program *p, struct node *probe, struct node *a)
{
	struct want w = { .p = p, .probe = probe, .a = a, .prov = a->attach.provider };
	char *path;

	if (parse_attach(&w))
		return -1;
	if (rt_has_glob(w.path))
		return expand_glob(&w);
	path = upath_resolve(w.path, p->pid);
	if (!path) {
		diag_error(a->loc, "cannot find '%s'", w.path);
		diag_note("give a path (./prog, /usr/bin/prog), a program in $PATH or a library name such as 'libc'");
		return -1;
	}
	return expand_file(&w, path);
}

/* Is pi inside a function (SYMBOL+OFFSET), where ax may hold the result? */
static bool at_offset(const struct probe_inst *pi)
{
	const char *s = strrchr(pi->name, '+');

	return s && s[1] && strspn(s + 1, "0123456789") == strlen(s + 1);
}

/*
 * retval is ax: in a uretprobe the return value; in a uprobe at +OFFSET on
 * the function's `ret`, the value it is about to return.  At a function's
 * entry ax means nothing, so plain uprobes have no retval.
 */
static struct type *up_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "arg") && n >= 0 && n < 6)
		return &type_u64;
	if (!strcmp(name, "goarg") && n >= 0 && n < 9 && pi->provider == &provider_uprobe)
		return &type_u64;
	if (!strcmp(name, "args"))
		return uprobe_args_type(pi, at_offset(pi));
	if (!strcmp(name, "retval") &&
	    (pi->provider == &provider_uretprobe || at_offset(pi)))
		return &type_i64;
	return NULL;
}

static const char *up_ctx_hint(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "goarg"))
		return pi->provider == &provider_uretprobe ?
		       "goargN are a Go function's arguments at its entry: read them in a uprobe; at the return Go's results are retval (ax), reg(\"bx\"), reg(\"cx\") ..." :
		       "Go passes goarg0 ... goarg8 in registers (ax bx cx di si r8 r9 r10 r11), the rest on the stack";
	return strcmp(name, "args") ? NULL : uprobe_args_hint(pi, at_offset(pi));
}

/*
 * Through the uprobe PMU ourselves rather than libbpf, so that the perf
 * event's close (~100 ms for a uprobe, an RCU grace period) is deferred
 * past qtrace's exit like a tracepoint's; -ENOENT when there is no PMU.
 */
static int pmu_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	struct perf_event_attr attr = { .size = sizeof(attr) };
	int type = rt_pmu_type("uprobe"), bit = rt_pmu_format_bit("uprobe", "retprobe");
	bool ret = pi->provider == &provider_uretprobe && !pi->at_ret_insns;

	if (type < 0 || (ret && bit < 0))
		return -ENOENT;
	attr.type = type;
	attr.config = ret ? 1ull << bit : 0;
	attr.config1 = (uint64_t)(uintptr_t)pi->target;	/* uprobe_path */
	attr.config2 = pi->arg;				/* probe_offset */
	return rt_perf_attach_pid(t, pi, prog, &attr, t->p->pid ? t->p->pid : -1,
				  t->p->pid ? -1 : 0);
}

static int up_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts,
		    .retprobe = pi->provider == &provider_uretprobe && !pi->at_ret_insns);
	struct bpf_link *l;
	int err;

	if (pi->nfuncs)
		return uprobe_multi_attach(t, pi, prog);
	err = pmu_attach(t, pi, prog);
	if (err != -ENOENT)
		return err;

	l = bpf_program__attach_uprobe_opts(prog, t->p->pid ? t->p->pid : -1,
					    pi->target, pi->arg, &opts);
	if (!l) {
		err = errno;
		rt_attach_error(pi, err, NULL);
		return -err;
	}
	return tracer_own_link(t, l);
}

struct named {
	const char *name;	/* as listed */
	const struct elfsym *sym;
};

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/*
 * The functions of one file that the -l glob names: by the full name, or by
 * the SYMBOL part alone (the file's path may not be what the user wrote).
 * With cpp: the demangled names, quoted as bpftrace prints them, so that each
 * line can be pasted as an attach point.
 */
static int list_file(const struct provider *prov, const char *path, const char *glob,
		     const char *sym, bool cpp)
{
	const char *q = cpp ? "\"" : "";
	struct named *v;
	struct elfsyms *es;
	char name[4096];
	int i, err;

	err = upath_syms(path, &es);
	if (err)
		return err;
	v = arena_alloc((es->nsyms + 1) * sizeof(*v));
	for (i = 0; i < es->nsyms; i++)
		v[i] = (struct named){ umatch_name(&es->syms[i], cpp), &es->syms[i] };
	qt_sort(v, es->nsyms, sizeof(*v), cmp_named);
	for (i = 0; i < es->nsyms; i++) {
		if (i && !strcmp(v[i - 1].name, v[i].name))
			continue;	/* in .symtab and .dynsym */
		snprintf(name, sizeof(name), "%s:%s:%s%s%s%s", prov->name, path,
			 cpp ? "cpp:" : "", q, v[i].name, q);
		if (!rt_list_match(glob, name) && !(sym && umatch(sym, v[i].sym, cpp)))
			continue;
		puts(name);
		if (rt_list_verbose() && prov == &provider_uprobe)
			uprobe_list_args(path, v[i].sym->name);
	}
	return 0;
}

/* -l 'uprobe:PATH[:cpp]:GLOB', PATH a file, a program, a library or a glob. */
static int list_for(const struct provider *prov, const char *glob)
{
	const char *rest, *sym = NULL;
	char *path, **files, *one;
	bool cpp = false;
	size_t plen;
	int i, n;

	if (!glob || !(rest = strchr(glob, ':')))
		return 0;
	rest++;
	plen = strcspn(rest, ":");
	path = arena_strndup(rest, plen);
	if (rest[plen] == ':') {
		sym = rest + plen + 1;
		if ((cpp = !strncmp(sym, "cpp:", 4) || !strncmp(sym, "c++:", 4)))
			sym += 4;
		if (sym[0] == '"' && sym[1] && sym[strlen(sym) - 1] == '"')
			sym = arena_strndup(sym + 1, strlen(sym) - 2);
	}
	if (!path[0])
		return 0;
	if (!rt_has_glob(path)) {
		one = upath_resolve(path, 0);
		return one ? list_file(prov, one, glob, sym, cpp) : 0;
	}
	n = upath_glob(path, &files);
	for (i = 0; i < n; i++)
		list_file(prov, files[i], glob, sym, cpp);	/* not ELF: skipped */
	return 0;
}

static int up_list(const char *glob)
{
	return list_for(&provider_uprobe, glob);
}

static int uret_list(const char *glob)
{
	return list_for(&provider_uretprobe, glob);
}

static const char *const up_aliases[] = { "u", NULL };
static const char *const uret_aliases[] = { "ur", NULL };

const struct provider provider_uprobe = {
	.user_ctx = true,
	.name = "uprobe",
	.aliases = up_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "uprobe:PATH:SYMBOL[+OFFSET]",
	.expand = up_expand,
	.ctx_type = up_ctx_type,
	.ctx_hint = up_ctx_hint,
	.cg_ctx = cg_ctx_regs,
	.attach = up_attach,
	.list = up_list,
	.attach_reversed = true,
};

const struct provider provider_uretprobe = {
	.user_ctx = true,
	.name = "uretprobe",
	.aliases = uret_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "uretprobe:PATH:SYMBOL",
	.expand = up_expand,
	.ctx_type = up_ctx_type,
	.ctx_hint = up_ctx_hint,
	.cg_ctx = cg_ctx_regs,
	.attach = up_attach,
	.list = uret_list,
	.attach_reversed = true,
};
