// SPDX-License-Identifier: GPL-2.0
/* The builtins' check hooks: argument rules and result types (see builtins.c). */
#include <errno.h>
#include <string.h>
#include "sema/check_builtins.h"
#include "runtime/provider.h"
#include "sema/sema_int.h"
#include "util/arena.h"
#include "util/cgroup.h"

/* Longest str() read: strings past the stack budget live in per-CPU scratch. */
#define STR_MAX 4096

static struct node *arg(struct node *n, int i)
{
	struct node *a = n->call.args;

	while (a && i--)
		a = a->next;
	return a;
}

/* An integer argument; false (reported) when it is not one. */
static bool int_arg(struct sema *s, struct node *n, struct node *a, const char *what)
{
	if (a->type->kind == T_NONE)
		return false;
	if (sema_is_int(a->type))
		return true;
	sema_error(s, a->loc, "%s() %s must be an integer, not '%s'", n->call.name,
		   what, type_name(a->type));
	return false;
}

static bool lhist_checks(struct sema *s, struct node *n)
{
	static const char *const names[] = { "min", "max", "step" };
	int64_t v[3];
	int i;

	for (i = 0; i < 3; i++) {
		struct node *a = arg(n, i + 1);

		if (!sema_const_int(s, a, &v[i])) {
			if (a->type->kind != T_NONE)
				sema_error(s, a->loc, "lhist() %s must be an integer constant",
					   names[i]);
			return false;
		}
	}
	if (v[2] < 1) {
		sema_error(s, arg(n, 3)->loc, "lhist() step must be at least 1, got %lld",
			   (long long)v[2]);
		return false;
	}
	if (v[1] <= v[0]) {
		sema_error(s, n->loc, "lhist() max must be greater than min (min %lld, max %lld)",
			   (long long)v[0], (long long)v[1]);
		return false;
	}
	if ((v[1] - v[0]) / v[2] > 1000) {
		sema_error(s, n->loc, "lhist() would have %lld buckets, at most 1000 are supported",
			   (long long)((v[1] - v[0]) / v[2]));
		return false;
	}
	return true;
}

/* hist(v, k): k a constant from 0 to QT_HIST_BITS_MAX. */
static bool hist_checks(struct sema *s, struct node *n)
{
	struct node *a = arg(n, 1);
	int64_t k;

	if (!a)
		return true;
	if (!sema_const_int(s, a, &k)) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "hist() k must be an integer constant");
		return false;
	}
	if (k < 0 || k > QT_HIST_BITS_MAX) {
		sema_error(s, a->loc, "hist() k must be from 0 to %d, got %lld",
			   QT_HIST_BITS_MAX, (long long)k);
		sema_note(s, "k gives 2^k buckets per power of two: hist(v, 2) splits [64, 128) into four");
		return false;
	}
	return true;
}

/* ORDER TS_AGG */
static const char *const ts_aggs[] = { "", "avg", "max", "min", "sum" };

/* The fold of tseries(v, i, n, "agg"); -1 when unknown. */
int sema_ts_agg(const struct node *a)
{
	unsigned i;

	if (!a)
		return TS_LAST;
	for (i = 1; a->kind == N_STR && i < sizeof(ts_aggs) / sizeof(ts_aggs[0]); i++)
		if (!strcmp(a->str.s, ts_aggs[i]))
			return (int)i;
	return -1;
}

#define TS_INTERVALS_MAX 1024

/* tseries(v, interval_ns, n [, agg]): constants, and a known fold. */
static bool tseries_checks(struct sema *s, struct node *n)
{
	struct node *iv = arg(n, 1), *num = arg(n, 2), *ag = arg(n, 3);
	int64_t v;

	if (s->p->unstable_error & UNSTABLE_TSERIES) {
		sema_error(s, n->loc, "tseries() is disabled by config unstable_tseries=error");
		return false;
	}
	if (!sema_const_int(s, iv, &v) || v < 1) {
		if (iv->type->kind != T_NONE)
			sema_error(s, iv->loc, "tseries() interval must be a positive integer constant (nanoseconds)");
		return false;
	}
	if (!sema_const_int(s, num, &v) || v < 1 || v > TS_INTERVALS_MAX) {
		if (num->type->kind != T_NONE)
			sema_error(s, num->loc, "tseries() takes from 1 to %d intervals", TS_INTERVALS_MAX);
		return false;
	}
	if (ag && sema_ts_agg(ag) < 0) {
		if (ag->type->kind != T_NONE)
			sema_error(s, ag->loc, "tseries() aggregates with \"avg\", \"max\", \"min\" or \"sum\"");
		sema_note(s, "leave it out to keep the last value of each interval");
		return false;
	}
	return true;
}

struct type *check_agg(struct sema *s, struct node *n)
{
	const struct builtin *b = n->call.b;

	if (b->agg != AGG_COUNT && !int_arg(s, n, n->call.args, "argument"))
		return &type_none;
	if (b->agg == AGG_LHIST && !lhist_checks(s, n))
		return &type_none;
	if (b->agg == AGG_HIST && !hist_checks(s, n))
		return &type_none;
	if (b->agg == AGG_TSERIES && !tseries_checks(s, n))
		return &type_none;
	return type_agg(b->agg);
}

/* cgroupid("/sys/fs/cgroup/unified/x"): resolved now, becomes a literal. */
struct type *check_cgroupid(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	uint64_t id;
	int err;

	if (a->kind != N_STR) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "cgroupid() needs a string literal path");
		return &type_none;
	}
	err = cgroup_id(a->str.s, &id);
	if (err) {
		sema_error(s, a->loc, "cannot find cgroup '%s': %s", a->str.s,
			   strerror(-err));
		return &type_none;
	}
	n->kind = N_INT;
	n->num.is_bool = false;	/* the node's union held other fields */
	n->num.v = id;
	return &type_u64;
}

struct type *check_cpid(struct sema *s, struct node *n)
{
	if (s->p->cpid || s->p->has_cpid_used)
		return n->ident.b->ret;
	sema_error(s, n->loc, "builtin 'cpid' needs -c CMD");
	sema_note(s, "run a command with: qtrace -c 'CMD ARGS' ...");
	return &type_none;
}

static bool bare_map(struct sema *s, struct node *n, struct node *a)
{
	if (a->kind != N_MAP) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "%s() takes a map, not '%s'", n->call.name,
				   type_name(a->type));
		return false;
	}
	if (a->map.keys) {
		sema_error(s, a->loc, "%s() takes a whole map, not an element", n->call.name);
		sema_note(s, "write %s(%s)", n->call.name, a->map.name);
		return false;
	}
	return a->type->kind == T_MAP;
}

struct type *check_map_arg(struct sema *s, struct node *n)
{
	return bare_map(s, n, n->call.args) ? &type_void : &type_none;
}

/* zero(@m): a bucket array then keeps the mark of its entry (program.h) */
struct type *check_zero(struct sema *s, struct node *n)
{
	if (!bare_map(s, n, n->call.args))
		return &type_none;
	if (n->call.args->map.map)
		n->call.args->map.map->zeroed = true;
	return &type_void;
}

/* delete(@m[k]), delete(@m) for a map without keys, delete(@m, k). */
struct type *check_delete(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *k = a->next;
	struct mapinfo *m = a->kind == N_MAP ? a->map.map : NULL;

	/* no type: an error in the key or the map was reported already */
	if (!a->type)
		return &type_none;
	if (!m) {
		if (a->type->kind != T_NONE) {
			sema_error(s, a->loc, "delete() takes a map element, not '%s'",
				   type_name(a->type));
			sema_note(s, "write delete(@map[key])");
		}
		return &type_none;
	}
	if (a->type->kind == T_NONE)
		return &type_none;
	if (k) {
		if (a->map.keys) {
			sema_error(s, n->loc, "delete() takes either @map[key] or @map, key");
			return &type_none;
		}
		sema_map_key_arg(s, a, k);
		return &type_bool;	/* deleted or not, as in bpftrace */
	}
	if (!a->map.keys && m->nkeys > 0) {
		sema_error(s, a->loc, "delete() needs a key: map '%s' has %d key%s",
			   m->name, m->nkeys, m->nkeys == 1 ? "" : "s");
		sema_note(s, "write delete(%s[key]), or clear(%s) to empty it", m->name,
			  m->name);
		return &type_none;
	}
	return &type_bool;
}

struct type *check_exit(struct sema *s, struct node *n)
{
	if (n->call.nargs && !int_arg(s, n, n->call.args, "code"))
		return &type_none;
	return &type_void;
}

/* len(@m): counted in the kernel by visiting the elements. */
struct type *check_len(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	const struct type *t = a->type;
	struct mapinfo *m;

	/* len(kstack), len(ustack(3)): the frames, counted where the probe runs */
	if (a->kind != N_MAP && (t->stack == STACK_KERNEL || t->stack == STACK_USER) &&
	    (a->kind == N_IDENT || a->kind == N_CALL)) {
		if (t->stack_mode != STACK_MODE_DWARF)
			return n->call.b->ret;
		sema_error(s, a->loc, "len() cannot count the frames of a ustack(dwarf): it is unwound in user space");
		sema_note(s, "len(ustack) counts the frame-pointer frames");
		return &type_none;
	}
	if (a->kind != N_MAP && (t->stack == STACK_KERNEL || t->stack == STACK_USER)) {
		sema_error(s, a->loc, "len() counts the frames of kstack or ustack itself, not of a stored stack");
		sema_note(s, "write len(kstack) or len(ustack(n)) in the probe");
		return &type_none;
	}
	if (a->kind != N_MAP && t->kind != T_NONE) {
		sema_error(s, a->loc, "len() takes a map, a kstack or a ustack, not '%s'",
			   type_name(t));
		if (t->kind == T_STR)
			sema_note(s, "strlen(s) is the length of a string");
		return &type_none;
	}
	if (!bare_map(s, n, a))
		return &type_none;
	m = a->map.map;
	if (m && (m->agg == AGG_HIST || m->agg == AGG_LHIST)) {
		sema_error(s, a->loc, "len() cannot count the elements of '%s': it is a %s() aggregation",
			   m->name, agg_name(m->agg));
		return &type_none;
	}
	return n->call.b->ret;
}

struct type *check_has_key(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;

	if (!bare_map(s, n, a))
		return &type_none;
	sema_map_key_arg(s, a, a->next);
	return n->call.b->ret;
}

/*
 * find(@m, k, $v): true and $v set to @m[k] when k is in @m, else false
 * and $v untouched (bpftrace's).  $v takes the map's value type; sema's
 * call() leaves it unread.
 */
struct type *check_find(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *k = a->next, *v = k->next;
	struct type *t = &type_none;
	struct mapinfo *m;

	if (v->kind != N_VAR) {
		if (v->type->kind == T_NONE)
			return &type_none;
		sema_error(s, v->loc, "find()'s third argument must be a variable, not %s",
			   sema_what(v->type));
		sema_note(s, "write find(@map, key, $v)");
		return &type_none;
	}
	if (a->kind == N_MAP && a->map.keys) {
		sema_error(s, a->loc, "find() takes a whole map, not an element");
		sema_note(s, "write find(%s, key, $v)", a->map.name);
	} else if (bare_map(s, n, a)) {
		m = a->map.map;
		sema_map_key_arg(s, a, k);
		/* a map never assigned is reported as such once, elsewhere */
		if (s->ms[m->id].valued && !sema_agg_readable(m->agg)) {
			sema_error(s, a->loc, "find() cannot read '%s': it is a %s() aggregation",
				   m->name, agg_name(m->agg));
			sema_note(s, "print(%s) prints it", m->name);
		} else if (s->ms[m->id].valued) {
			t = sema_map_value_type(m);
		}
	}
	/* $v is declared either way: no second error where it is read */
	sema_var_assign(s, v, t);
	return t->kind == T_NONE ? &type_none : &type_bool;
}

/* A bare name after print's map: an output format, print(@m, folded). */
bool sema_print_mode_arg(const struct builtin *b, const struct node *a)
{
	return b->check == check_print && a->kind == N_IDENT &&
	       !builtin_find(a->ident.name, false);
}

static bool has_stack(const struct type *k)
{
	int i;

	if (k->kind != T_TUPLE)
		return k->kind == T_INT && (k->stack == STACK_KERNEL || k->stack == STACK_USER);
	for (i = 0; i < k->nfields; i++)
		if (has_stack(k->fields[i].type))
			return true;
	return false;
}

/*
 * print(@m, folded): stacks as "comm;main;f;g N" lines.  The map must be
 * keyed by a stack (as far as its key is known here) and count something.
 */
static struct type *check_print_folded(struct sema *s, struct node *n, struct node *a)
{
	struct node *f = a->next;
	struct mapinfo *m = a->map.map;

	if (strcmp(f->ident.name, "folded")) {
		sema_error(s, f->loc, "unknown print format '%s'", f->ident.name);
		sema_note(s, "the format print() knows is folded: print(@m, folded)");
		return &type_none;
	}
	if (f->next) {
		sema_error(s, f->next->loc, "print(@map, folded) takes no more arguments");
		return &type_none;
	}
	if (m && m->key_type && !has_stack(m->key_type)) {
		sema_error(s, a->loc, "print(%s, folded) needs a map keyed by kstack or ustack",
			   a->map.name);
		sema_note(s, "as in @[comm, ustack] = count(); print(@, folded)");
		return &type_none;
	}
	if (m && m->nkeys == 0) {
		sema_error(s, a->loc, "print(%s, folded) needs a map keyed by kstack or ustack",
			   a->map.name);
		return &type_none;
	}
	return a->type->kind == T_MAP ? &type_void : &type_none;
}

/* print(@m [, top [, div]]) prints a map; print(value) one value. */
struct type *check_print(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *x;

	if (a->kind == N_MAP && !a->map.keys && a->next && a->next->kind == N_IDENT)
		return check_print_folded(s, n, a);
	if (a->kind == N_MAP && !a->map.keys) {
		for (x = a->next; x; x = x->next)
			if (!int_arg(s, n, x, x == a->next ? "top" : "div"))
				return &type_none;
		return a->type->kind == T_MAP ? &type_void : &type_none;
	}
	if (n->call.nargs > 1) {
		sema_error(s, n->loc, "print() of a value takes 1 argument, %d given",
			   n->call.nargs);
		sema_note(s, "only print(@map, top, div) takes more");
		return &type_none;
	}
	if (a->type->kind == T_NONE)
		return &type_none;
	n->call.fmt_id = sema_fmt_add(s, n->loc, NULL, 1, a);
	return &type_void;
}

/* The name of the instance that fired: sized for the longest. */
struct type *check_probe(struct sema *s, struct node *n)
{
	size_t len = 0;
	int i;

	for (i = 0; i < s->ninsts; i++)
		if (strlen(s->insts[i]->name) > len)
			len = strlen(s->insts[i]->name);
	return type_str(len + 1);
}

/* probetype: the longest provider name of the probes */
struct type *check_probetype(struct sema *s, struct node *n)
{
	size_t len = 0;
	int i;

	(void)n;
	for (i = 0; i < s->ninsts; i++)
		if (strlen(probe_type_name(s->insts[i])) > len)
			len = strlen(probe_type_name(s->insts[i]));
	return type_str(len + 1);
}

/* str($1): the parameter itself, as a literal (empty when missing). */
static struct type *str_param(struct sema *s, struct node *n, int64_t max)
{
	int k = n->call.args->pos.n;
	const char *v = k >= 1 && k <= s->p->nparams ? s->p->params[k - 1] : "";
	size_t len = strlen(v);

	if (max >= 0 && (size_t)max < len)
		len = max;
	n->kind = N_STR;
	n->str.s = arena_strndup(v, len);
	n->str.len = len;
	return type_str(len + 1);
}

struct type *check_str(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *l = a->next;
	int64_t len = -1;

	if (l && int_arg(s, n, l, "length") && sema_const_int(s, l, &len) &&
	    (len < 1 || len > STR_MAX)) {
		sema_error(s, l->loc, "str() length must be from 1 to %d, got %lld",
			   STR_MAX, (long long)len);
		return &type_none;
	}
	if (l && l->type->kind == T_NONE)
		return &type_none;
	if (a->kind == N_POSPARAM)
		return str_param(s, n, len);
	if (a->type->kind == T_NONE)
		return &type_none;
	if (!sema_is_int(a->type)) {
		sema_error(s, a->loc, "str() needs a pointer or an integer address, not '%s'",
			   type_name(a->type));
		if (a->type->kind == T_STR)
			sema_note(s, "it is a string already: use it without str()");
		return &type_none;
	}
	/* str(p, n) reads at most n characters: n + 1 bytes with the NUL */
	return type_str(len > 0 ? len + 1 : QT_STRLEN);
}

struct type *check_time(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	const char *fmt = "%H:%M:%S\n";

	if (a && a->kind != N_STR) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "time() needs a string literal format");
		return &type_none;
	}
	if (a)
		fmt = a->str.s;
	n->call.fmt_id = sema_fmt_add(s, n->loc, fmt, 0, NULL);
	return &type_void;
}
