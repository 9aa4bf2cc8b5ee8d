// SPDX-License-Identifier: GPL-2.0
/* Check hooks of kstack, ustack, kstack(n) and ustack(n). */
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/sema_int.h"

static enum stack_kind kind_of(const char *name)
{
	return name[0] == 'u' ? STACK_USER : STACK_KERNEL;
}

/* kstack, ustack: every frame. */
struct type *check_stack(struct sema *s, struct node *n)
{
	return type_stack(kind_of(n->ident.name), 0);
}

/* kstack(n), ustack(n): the innermost n frames, n a constant 1..127. */
struct type *check_stack_call(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	int64_t v;

	if (!a)
		return type_stack(kind_of(n->call.name), 0);
	if (!sema_const_int(s, a, &v)) {
		if (a->type->kind != T_NONE)
			sema_error(s, a->loc, "%s() depth must be an integer constant",
				   n->call.name);
		return &type_none;
	}
	if (v < 1 || v > QT_STACK_MAX) {
		sema_error(s, a->loc, "%s() depth must be between 1 and %d, got %lld",
			   n->call.name, QT_STACK_MAX, (long long)v);
		return &type_none;
	}
	return type_stack(kind_of(n->call.name), (int)v);
}
