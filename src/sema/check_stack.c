// SPDX-License-Identifier: GPL-2.0
/*
 * Check hooks of kstack, ustack and kstack([mode, ][n]), ustack([mode, ][n]):
 * the stack mode is a bare name (kstack(perf, 3)), as in bpftrace.
 */
#include <stdlib.h>
#include <string.h>
#include "sema/builtins.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "runtime/provider.h"
#include "util/arena.h"
#include "events.h"

static enum stack_kind kind_of(const char *name)
{
	return name[0] == 'u' ? STACK_USER : STACK_KERNEL;
}

/* "bpftrace, perf": for the notes. */
static const char *mode_list(void)
{
	const char *s = stack_mode_name(0);
	int m;

	for (m = 1; stack_mode_name(m); m++)
		s = arena_printf("%s, %s", s, stack_mode_name(m));
	return s;
}

/*
 * A bare name that is no builtin variable, given to kstack() or ustack():
 * a stack mode, which sema leaves unresolved for check_stack_call().
 */
bool sema_stack_mode_arg(const struct builtin *b, const struct node *a)
{
	return b->check == check_stack_call && a->kind == N_IDENT &&
	       !builtin_find(a->ident.name, false);
}

/* The configured stack_mode for kind: dwarf is a ustack mode (kstack is whole). */
static enum stack_mode default_mode(struct sema *s, enum stack_kind kind)
{
	enum stack_mode m = (enum stack_mode)s->p->stack_mode;

	return kind == STACK_KERNEL && m == STACK_MODE_DWARF ? STACK_MODE_BPFTRACE : m;
}

/*
 * ustack(dwarf) sends a record of ~8 KB per new stack (EV_USTACK_DWARF):
 * the ring buffer is the default one at least, however quiet the rest.
 */
/*
 * QTRACE_DWARF_STACK_BYTES: how much user stack ustack(dwarf) copies,
 * QT_DWARF_CHUNK to QT_DWARF_WINDOW_MAX, rounded up to a chunk; 0 if bad.
 */
static uint32_t dwarf_window(void)
{
	const char *e = getenv("QTRACE_DWARF_STACK_BYTES");
	unsigned long v;
	char *end;

	if (!e || !*e)
		return QT_DWARF_WINDOW;
	v = strtoul(e, &end, 10);
	if (*end || v < QT_DWARF_CHUNK || v > QT_DWARF_WINDOW_MAX)
		return 0;
	return (uint32_t)((v + QT_DWARF_CHUNK - 1) / QT_DWARF_CHUNK * QT_DWARF_CHUNK);
}

static struct type *stack_type(struct sema *s, struct node *n, enum stack_kind kind,
			       int depth, enum stack_mode mode)
{
	if (mode == STACK_MODE_DWARF && !s->p->dwarf_window) {
		s->p->dwarf_window = dwarf_window();
		if (!s->p->dwarf_window) {
			sema_error(s, n->loc,
				   "QTRACE_DWARF_STACK_BYTES must be a number of bytes "
				   "from %d to %d",
				   QT_DWARF_CHUNK, QT_DWARF_WINDOW_MAX);
			return &type_none;
		}
	}
	if (mode == STACK_MODE_DWARF) {
		s->p->hot_events = true;
		if (!s->p->ringbuf_fixed && s->p->ringbuf_size < QT_DWARF_RINGBUF)
			s->p->ringbuf_size = QT_DWARF_RINGBUF;
	}
	return type_stack(kind, depth, mode);
}

/* kstack, ustack: every frame, bpftrace's layout. */
struct type *check_stack(struct sema *s, struct node *n)
{
	return stack_type(s, n, kind_of(n->ident.name), 0,
			  default_mode(s, kind_of(n->ident.name)));
}

static bool mode_arg(struct sema *s, struct node *a, enum stack_mode *mode)
{
	int m;

	for (m = 0; stack_mode_name(m); m++) {
		if (!strcmp(stack_mode_name(m), a->ident.name)) {
			*mode = m;
			return true;
		}
	}
	sema_error(s, a->loc, "unknown stack mode '%s'", a->ident.name);
	sema_note(s, "valid modes: %s", mode_list());
	return false;
}

/* The first of kstack(x, n) is no mode name. */
static void not_a_mode(struct sema *s, struct node *n, struct node *a)
{
	if (a->kind == N_STR)
		sema_error(s, a->loc, "%s() stack mode must be a bare name, not a string",
			   n->call.name);
	else if (a->type->kind != T_NONE)
		sema_error(s, a->loc, "%s() first argument must be a stack mode",
			   n->call.name);
	else
		return;
	sema_note(s, "valid modes: %s (as in %s(perf, 8))", mode_list(), n->call.name);
}

static bool depth_arg(struct sema *s, struct node *n, struct node *a, int64_t *v)
{
	if (sema_stack_mode_arg(n->call.b, a)) {
		sema_error(s, a->loc, "%s() depth must be an integer constant, not a stack mode",
			   n->call.name);
		return false;
	}
	if (a->kind == N_STR && n->call.nargs == 1) {
		not_a_mode(s, n, a);
		return false;
	}
	if (!sema_const_int(s, a, v)) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "%s() depth must be an integer constant",
				   n->call.name);
		return false;
	}
	if (*v < 1 || *v > QT_STACK_MAX) {
		sema_error(s, a->loc, "%s() depth must be between 1 and %d, got %lld",
			   n->call.name, QT_STACK_MAX, (long long)*v);
		return false;
	}
	return true;
}

/* kstack([mode, ][n]): the innermost n frames (1..127), printed in mode. */
struct type *check_stack_call(struct sema *s, struct node *n)
{
	enum stack_mode mode = default_mode(s, kind_of(n->call.name));
	struct node *a = n->call.args;
	int64_t depth = 0;

	if (a && sema_stack_mode_arg(n->call.b, a)) {
		if (!mode_arg(s, a, &mode))
			return &type_none;
		if (mode == STACK_MODE_DWARF && kind_of(n->call.name) == STACK_KERNEL) {
			sema_error(s, a->loc,
				   "stack mode 'dwarf' is for ustack: kstack is always whole");
			sema_note(s, "kstack modes: bpftrace, perf");
			return &type_none;
		}
		a = a->next;
	} else if (a && a->next) {
		not_a_mode(s, n, a);
		return &type_none;
	}
	if (a && !depth_arg(s, n, a, &depth))
		return &type_none;
	return stack_type(s, n, kind_of(n->call.name), (int)depth, mode);
}

/*
 * task_kstack(task): the kernel stack of another task, by
 * bpf_get_task_stack(), which takes only a pointer the verifier trusts
 * (ctx->task in iter:task); the type is a kstack's, so it prints and keys
 * maps as one.
 */
struct type *check_task_kstack(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	const struct type *t = a->type;

	if (t->kind == T_NONE)
		return &type_none;
	if (t->kind != T_PTR || !t->elem || t->elem->kind != T_STRUCT || !t->elem->name ||
	    strcmp(t->elem->name, "struct task_struct")) {
		sema_error(s, a->loc, "task_kstack() needs a 'struct task_struct *', not '%s'",
			   type_name(t));
		sema_note(s, "as in iter:task { print(task_kstack(ctx->task)); }");
		return &type_none;
	}
	/* elsewhere task pointers are plain numbers to the verifier (curtask, raw tp args) */
	for (int i = 0; i < s->ninsts; i++) {
		if (strcmp(s->insts[i]->provider->name, "iter")) {
			sema_error(s, n->loc, "task_kstack() works in iter probes only, not in %s",
				   s->insts[i]->name);
			sema_note(s, "the kernel takes only a task pointer it trusts, such as ctx->task of iter:task");
			return &type_none;
		}
	}
	return type_stack(STACK_KERNEL, 0, (enum stack_mode)s->p->stack_mode);
}
