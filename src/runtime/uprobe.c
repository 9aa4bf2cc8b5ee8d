// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:PATH:SYMBOL[+OFFSET], uprobe:PATH:0xADDR and uretprobe:PATH:SYMBOL
 * (aliases u, ur): probes on user functions, placed by file offset so that
 * wildcards and +OFFSET work on every matching symbol.
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
#include "runtime/elfsym.h"
#include "runtime/insn.h"
#include "runtime/upath.h"
#include "runtime/perf.h"
#include "runtime/rt.h"

/* What SYMBOL[+OFFSET] or 0xADDR says. */
struct site {
	const char *sym;	/* NULL for an address */
	uint64_t off;		/* +OFFSET, or the address */
	bool has_off;
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
	if (plus && plus != s) {
		if (!parse_num(plus + 1, &st->off))
			return false;
		st->sym = arena_strndup(s, plus - s);
		st->has_off = true;
		return true;
	}
	st->sym = s;
	return true;
}

static void no_symbol(struct node *a, const struct elfsyms *es, const char *path,
		      const char *sym)
{
	struct suggest sg;
	const char *best;
	int i;

	if (rt_has_glob(sym)) {
		diag_error(a->loc, "no function in '%s' matches '%s'", path, sym);
		diag_note("list them with: qtrace -l 'uprobe:%s:*'", path);
		return;
	}
	suggest_init(&sg, sym);
	for (i = 0; i < es->nsyms; i++)
		suggest_add(&sg, es->syms[i].name);
	diag_error(a->loc, "no function '%s' in '%s'", sym, path);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean '%s'?", best);
	else
		diag_note("list them with: qtrace -l 'uprobe:%s:*'", path);
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

static struct probe_inst *add(struct program *p, struct node *probe, struct node *a,
			      const struct provider *prov, const char *path,
			      const char *name, uint64_t off)
{
	struct probe_inst *pi;

	pi = prog_add_inst(p, probe, a, prov, arena_printf("%s:%s:%s", prov->name, path, name));
	pi->target = path;
	pi->func = name;
	pi->arg = off;
	pi->section = prov == &provider_uretprobe ? "uretprobe" : "uprobe";
	return pi;
}

/* One matching symbol: the +OFFSET must stay inside it. */
static int add_sym(struct program *p, struct node *probe, struct node *a,
		   const struct provider *prov, const struct elfsyms *es,
		   const struct elfsym *sym, const struct site *st, bool many)
{
	uint64_t off;
	const char *name = sym->name;

	if (st->has_off) {
		if (st->off >= sym->size) {
			diag_error(a->loc, "offset %llu is outside '%s' (size %llu)",
				   (unsigned long long)st->off, sym->name,
				   (unsigned long long)sym->size);
			diag_note("give an offset below %llu", (unsigned long long)sym->size);
			return -1;
		}
		name = arena_printf("%s+%llu", sym->name, (unsigned long long)st->off);
	}
	if (!elfsym_file_offset(es, sym->addr + st->off, &off)) {
		diag_error(a->loc, "'%s' is not in an executable segment of '%s'", name, es->path);
		return -1;
	}
	if (st->has_off &&
	    check_boundary(p, a, es->path, sym, off - st->off, st->off))
		return -1;
	if (unsafe_site(es->path, off)) {
		(many ? diag_warn : diag_error)(a->loc, "cannot probe '%s': it starts with 'xchg %%rax,%%r8', which uprobes run as a no-op", name);
		diag_note("the exchange would never happen and the program would go wrong; probe a later offset");
		return many ? 0 : -1;
	}
	add(p, probe, a, prov, es->path, name, off)->func = sym->name;
	return 0;
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
 * Aliases share an address (malloc, __libc_malloc): a wildcard probes it
 * once, under the first name, or every event would be counted twice.
 */
static int expand_syms(struct program *p, struct node *probe, struct node *a,
		       const struct provider *prov, const struct elfsyms *es,
		       const struct site *st)
{
	bool many = rt_has_glob(st->sym);
	const struct elfsym **m;
	int i, n = 0, err = 0;

	m = arena_alloc((es->nsyms + 1) * sizeof(*m));
	for (i = 0; i < es->nsyms; i++)
		if (!fnmatch(st->sym, es->syms[i].name, 0))
			m[n++] = &es->syms[i];
	if (!n) {
		no_symbol(a, es, es->path, st->sym);
		return -1;
	}
	qsort(m, n, sizeof(*m), cmp_addr);
	for (i = 0; i < n && !err; i++) {
		if (i && m[i - 1]->addr == m[i]->addr)
			continue;
		err = add_sym(p, probe, a, prov, es, m[i], st, many);
	}
	return err;
}

static int up_expand(struct program *p, struct node *probe, struct node *a)
{
	const struct provider *prov = a->attach.provider;
	struct elfsyms *es;
	struct site st;
	uint64_t off;
	char *path;
	int err;

	if (a->attach.nparts != 3 || !a->attach.parts[1][0] || !a->attach.parts[2][0]) {
		diag_error(a->loc, "'%s' needs a binary and a function", a->attach.spec);
		diag_note("write %s, e.g. %s:/bin/bash:readline", prov->usage, prov->name);
		return -1;
	}
	if (!parse_site(a->attach.parts[2], &st)) {
		diag_error(a->loc, "bad offset in '%s'", a->attach.parts[2]);
		diag_note("write SYMBOL+OFFSET with a decimal or 0x hex offset");
		return -1;
	}
	path = upath_resolve(a->attach.parts[1], p->pid);
	if (!path) {
		diag_error(a->loc, "cannot find '%s'", a->attach.parts[1]);
		diag_note("give a path (./prog, /usr/bin/prog), a program in $PATH or a library name such as 'libc'");
		return -1;
	}
	err = upath_syms(path, &es);
	if (err) {
		diag_error(a->loc, "cannot read the symbols of '%s': %s", path,
			   err == -ENOEXEC ? "not an ELF file" : strerror(-err));
		return -1;
	}
	if (prov == &provider_uretprobe && es->is_go) {
		if (p->unsafe) {
			diag_warn(a->loc, "uretprobe on Go binary '%s' can crash it (allowed by --unsafe)", path);
			diag_note("the Go runtime moves goroutine stacks and the hijacked return address with them: the program may die with 'unexpected return pc'");
		} else {
			diag_error(a->loc, "uretprobe on Go binary '%s' can crash it", path);
			diag_note("the Go runtime moves goroutine stacks and the hijacked return address with them; probe the function's return instructions with uprobe:PATH:SYMBOL+OFFSET instead, or pass --unsafe to take the risk");
			return -1;
		}
	}
	if (prov == &provider_uretprobe && st.has_off) {
		diag_error(a->loc, "uretprobe cannot take an offset");
		diag_note("a uretprobe fires when the function returns: write uretprobe:%s:%s", a->attach.parts[1], st.sym);
		return -1;
	}
	if (st.sym)
		return expand_syms(p, probe, a, prov, es, &st);
	if (!elfsym_file_offset(es, st.off, &off)) {
		diag_error(a->loc, "address 0x%llx is not in an executable segment of '%s'",
			   (unsigned long long)st.off, path);
		return -1;
	}
	add(p, probe, a, prov, path, a->attach.parts[2], off);
	return 0;
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
	if (!strcmp(name, "retval") &&
	    (pi->provider == &provider_uretprobe || at_offset(pi)))
		return &type_i64;
	return NULL;
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
	bool ret = pi->provider == &provider_uretprobe;

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
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = pi->provider == &provider_uretprobe);
	struct bpf_link *l;
	int err;

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

/* -l 'uprobe:PATH:GLOB': the functions of one file (PATH cannot be a glob). */
static int list_for(const struct provider *prov, const char *glob)
{
	const char *rest;
	struct elfsyms *es;
	char *path, name[1024];
	size_t plen;
	int i, err;

	if (!glob || !(rest = strchr(glob, ':')))
		return 0;
	rest++;
	plen = strcspn(rest, ":");
	path = arena_strndup(rest, plen);
	if (!path[0] || rt_has_glob(path) || !(path = upath_resolve(path, 0)))
		return 0;
	err = upath_syms(path, &es);
	if (err)
		return err;
	for (i = 0; i < es->nsyms; i++) {
		snprintf(name, sizeof(name), "%s:%s:%s", prov->name, path, es->syms[i].name);
		if (rt_list_match(glob, name) ||
		    (rest[plen] == ':' && !fnmatch(rest + plen + 1, es->syms[i].name, 0)))
			puts(name);
	}
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
	.name = "uprobe",
	.aliases = up_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "uprobe:PATH:SYMBOL[+OFFSET]",
	.expand = up_expand,
	.ctx_type = up_ctx_type,
	.cg_ctx = cg_ctx_regs,
	.attach = up_attach,
	.list = up_list,
};

const struct provider provider_uretprobe = {
	.name = "uretprobe",
	.aliases = uret_aliases,
	.prog_type = BPF_PROG_TYPE_KPROBE,
	.usage = "uretprobe:PATH:SYMBOL",
	.expand = up_expand,
	.ctx_type = up_ctx_type,
	.cg_ctx = cg_ctx_regs,
	.attach = up_attach,
	.list = uret_list,
};
