// SPDX-License-Identifier: GPL-2.0
/*
 * Check hooks of the compile-time predicates: is_ptr(), is_str(),
 * is_array(), is_integer(), is_unsigned_integer(), is_literal() (the
 * argument's type or form, never evaluated) and kfunc_exist(),
 * kfunc_allowed() (from the kernel's BTF and verifier).  Each call
 * becomes a bool constant.
 */
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/bpf_kfuncs.h"
#include "sema/sema_int.h"
#include "runtime/provider.h"

/* The call n becomes the constant v. */
static struct type *bool_const(struct node *n, bool v)
{
	n->kind = N_INT;
	memset(&n->num, 0, sizeof(n->num));
	n->num.is_bool = true;
	n->num.v = v;
	return &type_bool;
}

/* An integer as bpftrace's is_integer sees one: not a bool, stack, symbol or printed kind. */
static bool plain_int(const struct type *t)
{
	return t->kind == T_INT && !t->is_bool && !t->stack && !t->print;
}

/* 1, -1, true, "x"; constants the script folds ($1, $#, sizeof, enumerators) are too */
static bool literal(const struct node *a)
{
	if (a->kind == N_UNOP && a->un.op == OP_NEG)
		a = a->un.e;
	return a->kind == N_INT || a->kind == N_STR || a->kind == N_POSPARAM ||
	       a->kind == N_POSCOUNT;
}

struct type *check_is_type(struct sema *s, struct node *n)
{
	const char *f = n->call.name;
	struct node *a = n->call.args;
	struct type *t = a->type;
	bool v;

	(void)s;
	if (!t || t->kind == T_NONE)
		return &type_none;
	if (!strcmp(f, "is_ptr"))
		v = t->kind == T_PTR;
	else if (!strcmp(f, "is_str"))
		v = t->kind == T_STR;
	else if (!strcmp(f, "is_array"))
		v = t->kind == T_ARRAY;
	else if (!strcmp(f, "is_integer"))
		v = plain_int(t);
	else if (!strcmp(f, "is_unsigned_integer"))
		v = plain_int(t) && !t->is_signed;
	else
		v = literal(a);
	return bool_const(n, v);
}

/* The string literal argument of kfunc_exist()/kfunc_allowed(), or NULL (reported). */
static const char *kfunc_arg(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;

	if (a->kind == N_STR)
		return a->str.s;
	if (a->type && a->type->kind != T_NONE) {
		sema_error(s, a->loc, "%s() needs the kfunc's name as a string literal",
			   n->call.name);
		sema_note(s, "as in %s(\"bpf_task_from_pid\")", n->call.name);
	}
	return NULL;
}

struct type *check_kfunc_exist(struct sema *s, struct node *n)
{
	const char *name = kfunc_arg(s, n);

	if (!name)
		return &type_none;
	return bool_const(n, kfunc_exists(name));
}

/*
 * kfunc_allowed("f"): whether the probe's program type may call kfunc f;
 * a probe whose instances differ (several attach points) is asked for
 * each, and the answer is true when all may.
 */
struct type *check_kfunc_allowed(struct sema *s, struct node *n)
{
	const char *name = kfunc_arg(s, n);
	bool v = true;
	int i;

	if (!name)
		return &type_none;
	for (i = 0; i < s->ninsts && v; i++)
		v = kfunc_allowed(name, s->insts[i]->provider->prog_type);
	return bool_const(n, v && s->ninsts > 0);
}

/* usermode: the ctx is a pt_regs (kprobe, uprobe, usdt) or begins with one (perf events). */
struct type *check_usermode(struct sema *s, struct node *n)
{
	int i;

	for (i = 0; i < s->ninsts; i++) {
		const struct provider *pv = s->insts[i]->provider;

		if (pv->prog_type != BPF_PROG_TYPE_KPROBE &&
		    pv->prog_type != BPF_PROG_TYPE_PERF_EVENT) {
			sema_error(s, n->loc, "builtin 'usermode' is not available in '%s' probes",
				   pv->name);
			sema_note(s, "it reads the interrupted registers: profile, interval, software, hardware, kprobe, uprobe and usdt probes have them");
			return &type_none;
		}
	}
	return &type_u8;
}
