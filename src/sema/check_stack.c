// SPDX-License-Identifier: GPL-2.0
/*
 * Check hooks of kstack, ustack and kstack([mode, ][n]), ustack([mode, ][n]):
 * the stack mode is a bare name (kstack(perf, 3)), as in bpftrace.
 */
#include <string.h>
#include "sema/builtins.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
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
static struct type *stack_type(struct sema *s, enum stack_kind kind, int depth,
			       enum stack_mode mode)
{
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
	return stack_type(s, kind_of(n->ident.name), 0, default_mode(s, kind_of(n->ident.name)));
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
			sema_error(s, a->loc, "stack mode 'dwarf' is for ustack: kstack is always whole");
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
	return stack_type(s, kind_of(n->call.name), (int)depth, mode);
}
