// SPDX-License-Identifier: GPL-2.0
/* Check hooks of func, kaddr(), ksym(), usym() and reg(): probed functions and symbols. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <bpf/btf.h>
#include "sema/btf_types.h"
#include "codegen/cg_builtins.h"
#include "runtime/provider.h"
#include "runtime/rt.h"
#include "runtime/symbols/elfaddr.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "sema/suggest.h"
#include "util/arena.h"

/* func: every instance names its function (kprobe, uprobe, fentry ...). */
struct type *check_func(struct sema *s, struct node *n)
{
	bool multi = false;
	size_t len = 0;
	int i, j;

	for (i = 0; i < s->ninsts; i++) {
		struct probe_inst *pi = s->insts[i];

		if (!pi->func && !pi->nfuncs) {
			sema_error(s, n->loc, "builtin 'func' is not available in '%s' probes",
				   pi->provider->name);
			return &type_none;
		}
		if (pi->func && strlen(pi->func) > len)
			len = strlen(pi->func);
		multi |= pi->nfuncs > 0;
		for (j = 0; j < pi->nfuncs; j++)
			if (strlen(pi->funcs[j]) > len)
				len = strlen(pi->funcs[j]);
	}
	/* kprobe.multi looks names up in QT_FUNCS_MAP, whose names are shorter */
	if (multi && len > QT_FUNC_NAME - 1)
		len = QT_FUNC_NAME - 1;
	return type_str(len + 1);
}

/* The string literal argument of name(), or NULL (reported). */
static const char *lit_arg(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;

	if (a->kind == N_STR)
		return a->str.s;
	if (a->type->kind != T_NONE)
		sema_error(s, a->loc, "%s() needs a string literal", n->call.name);
	return NULL;
}

/*
 * The address of kernel symbol name in /proc/kallsyms; false if absent.
 * *ndata counts the data symbols seen (none without CONFIG_KALLSYMS_ALL).
 */
static bool kallsyms_find(const char *name, uint64_t *addr, struct suggest *sg, int *ndata)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], sym[256], type;
	unsigned long long a;
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &a, &type, sym) != 3)
			continue;
		if (strchr("dDbB", type))
			(*ndata)++;
		if (!strcmp(sym, name)) {
			*addr = a;
			found = true;
		} else if (!strchr(line, '[')) {	/* skip module symbols */
			suggest_add(sg, sym);
			if (sg->best == sym)	/* keep only the best one */
				sg->best = arena_strdup(sym);
		}
	}
	fclose(f);
	return found;
}

/* kaddr("name"): the symbol's address, a constant from now on. */
struct type *check_kaddr(struct sema *s, struct node *n)
{
	const char *name = lit_arg(s, n);
	struct suggest sg;
	const char *best;
	uint64_t addr = 0;
	int ndata = 0;

	if (!name)
		return &type_none;
	suggest_init(&sg, name);
	if (!kallsyms_find(name, &addr, &sg, &ndata)) {
		sema_error(s, n->call.args->loc, "kernel symbol '%s' does not exist", name);
		if ((best = suggest_result(&sg)))
			sema_note(s, "did you mean '%s'?", best);
		else if (ndata < 100)
			sema_note(s, "this kernel's /proc/kallsyms lists almost no data symbols (%d; it is built without CONFIG_KALLSYMS_ALL), so kaddr() finds functions only",
				  ndata);
		return &type_none;
	}
	n->kind = N_INT;
	n->num.is_bool = false;	/* the node's union held other fields */
	n->num.v = addr;
	return &type_u64;
}

/* The BTF id of per-CPU kernel variable name (in .data..percpu), or 0. */
static uint32_t percpu_var(const struct btf *b, const char *name)
{
	int sec = btf__find_by_name_kind(b, ".data..percpu", BTF_KIND_DATASEC);
	const struct btf_var_secinfo *vs;
	const struct btf_type *t;
	int i;

	if (sec <= 0)
		return 0;
	t = btf__type_by_id(b, sec);
	vs = btf_var_secinfos(t);
	for (i = 0; i < btf_vlen(t); i++, vs++)
		if (!strcmp(btf__name_by_offset(b, btf__type_by_id(b, vs->type)->name_off), name))
			return vs->type;
	return 0;
}

/*
 * percpu_kaddr("name" [, cpu]): the variable's BTF id becomes the first
 * argument; codegen loads it (ld_imm64 BPF_PSEUDO_BTF_ID) for
 * bpf_this_cpu_ptr() / bpf_per_cpu_ptr() (5.10+).  Typed as a pointer to
 * the variable's type.
 */
struct type *check_percpu_kaddr(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	const char *name;
	struct suggest sg;
	uint64_t addr;
	int ndata = 0;
	struct btf *b;
	uint32_t id;

	/* resolved in the quiet run already: the id */
	if (a->kind == N_INT && (b = btf_vmlinux()))
		return type_ptr(btf_type_of(b, btf__type_by_id(b, a->num.v)->type), false);
	name = lit_arg(s, n);
	if (!name)
		return &type_none;
	if (a->next && a->next->type->kind != T_NONE && !sema_is_int(a->next->type)) {
		sema_error(s, a->next->loc, "percpu_kaddr() cpu must be an integer, not '%s'",
			   type_name(a->next->type));
		return &type_none;
	}
	b = btf_vmlinux();
	if (!b) {
		sema_error(s, n->loc, "percpu_kaddr() needs the kernel's BTF");
		sema_note(s, "%s", btf_missing_hint());
		return &type_none;
	}
	id = percpu_var(b, name);
	if (!id) {
		sema_error(s, a->loc, "'%s' is not a per-CPU kernel variable", name);
		sema_note(s, "per-CPU variables are the kernel BTF's section .data..percpu");
		return &type_none;
	}
	/* the verifier finds the address by kallsyms_lookup_name(), data too */
	suggest_init(&sg, name);
	if (!kallsyms_find(name, &addr, &sg, &ndata)) {
		sema_error(s, n->loc, "percpu_kaddr() needs the kernel to list its variables in /proc/kallsyms, and it lists only functions");
		sema_note(s, "the verifier looks '%s' up there; this kernel was built without CONFIG_KALLSYMS_ALL", name);
		return &type_none;
	}
	a->kind = N_INT;
	a->num.is_bool = false;	/* the node's union held other fields */
	a->num.v = id;
	a->type = &type_u64;
	return type_ptr(btf_type_of(b, btf__type_by_id(b, id)->type), false);
}

/* ksym(addr), usym(addr): an address that prints as its symbol. */
struct type *check_sym(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	struct type *el[3] = { &type_u64, &type_u64, &type_u64 }, *t;

	if (a->type->kind == T_NONE)
		return &type_none;
	if (!sema_is_int(a->type) || a->type->stack) {
		sema_error(s, a->loc, "%s() needs an address, not '%s'", n->call.name,
			   type_name(a->type));
		return &type_none;
	}
	if (n->call.name[0] == 'k')
		return type_stack(STACK_KSYM, 0, STACK_MODE_BPFTRACE);
	t = type_tuple(3, el);	/* addr, pid, the frame's id in qt_ustacks (cg_usym) */
	t->stack = STACK_USYM;
	return t;
}

/* reg("name"): a pt_regs field, in the probes whose context is pt_regs. */
struct type *check_reg(struct sema *s, struct node *n)
{
	const char *name = lit_arg(s, n);
	int i;

	if (!name)
		return &type_none;
	for (i = 0; i < s->ninsts; i++) {
		const struct provider *pv = s->insts[i]->provider;
		const char *hint;

		if (pv->cg_ctx != cg_ctx_regs) {
			hint = pv->ctx_hint ? pv->ctx_hint(s->insts[i], "reg", 0) : NULL;
			sema_error(s, n->loc, "builtin 'reg' is not available in '%s' probes",
				   pv->name);
			if (hint)
				sema_note(s, "%s", hint);
			return &type_none;
		}
	}
	if (cg_regs_offset(name) < 0) {
		sema_error(s, n->call.args->loc, "unknown register '%s'", name);
		sema_note(s, "valid registers: %s", cg_regs_names());
		return &type_none;
	}
	return &type_u64;
}

/*
 * uaddr("name"): the address of a symbol of the probed file (data too),
 * a pointer to an unsigned integer of the symbol's size (1, 2, 4 or 8
 * bytes; else 8), as bpftrace types it.  In a PIE or shared library the
 * address moves with the load bias: codegen adds it (cg_uaddr), found from
 * the probe's own address, which uprobe and usdt programs see in ip.
 */
struct type *check_uaddr(struct sema *s, struct node *n)
{
	const char *name = lit_arg(s, n);
	struct elfaddr ea;
	int i, err, size = 0;

	if (!name)
		return &type_none;
	for (i = 0; i < s->ninsts; i++) {
		const struct probe_inst *pi = s->insts[i];
		const struct provider *pv = pi->provider;

		if (pv != &provider_uprobe && pv != &provider_uretprobe && pv != &provider_usdt) {
			sema_error(s, n->loc, "uaddr() is not available in '%s' probes", pv->name);
			sema_note(s, "it looks the symbol up in the probed file: uprobe, uretprobe and usdt probes have one");
			return &type_none;
		}
		err = elfaddr_find(pi->target, name, pi->arg, &ea);
		if (err) {
			sema_error(s, n->call.args->loc, "%s has no symbol '%s'%s%s", pi->target, name,
				   err == -ENOENT ? "" : ": ", err == -ENOENT ? "" : strerror(-err));
			sema_note(s, "uaddr() reads the probed file's .symtab and .dynsym: see nm -D %s",
				  pi->target);
			return &type_none;
		}
		if (ea.relocated && (pv == &provider_uretprobe || !ea.probe_vaddr)) {
			sema_error(s, n->loc, "uaddr() cannot find where %s is loaded in a uretprobe", pi->target);
			sema_note(s, "it is a PIE or a shared library, whose load address qtrace learns from the probe's address; read the symbol in a uprobe of the function instead");
			return &type_none;
		}
		if (!size)
			size = ea.size == 1 || ea.size == 2 || ea.size == 4 ? (int)ea.size : 8;
	}
	return type_ptr(type_int(size ? size : 8, false), true);
}
