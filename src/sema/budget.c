// SPDX-License-Identifier: GPL-2.0
/*
 * Compile budgets on the syntax tree.  Both run before code generation, so
 * no input makes qtrace recurse off its stack or feed LLVM more code than it
 * compiles in a second: unroll(100) { unroll(100) { ... } } is 10,000 copies.
 */
#include <stdint.h>
#include "sema/budget.h"
#include "util/diag.h"

struct depth_walk {
	int depth;
	bool reported;
};

static void depth_cb(struct node *n, void *arg)
{
	struct depth_walk *w = arg;

	if (w->reported)
		return;
	if (++w->depth > BUDGET_MAX_DEPTH) {
		diag_error(n->loc, "the script is nested more than %d levels deep", BUDGET_MAX_DEPTH);
		diag_note("hold parts of deep expressions in $variables; split deep blocks over probes");
		w->reported = true;
	} else {
		ast_children(n, depth_cb, w);
	}
	w->depth--;
}

int budget_depth(struct node *program)
{
	struct depth_walk w = { 0, false };

	if (program)
		depth_cb(program, &w);
	return w.reported ? -1 : 0;
}

/* Statements under n (n included) once every unroll is expanded; saturates. */
struct count_walk {
	uint64_t n;
};

static uint64_t expanded(struct node *n);

static void count_cb(struct node *child, void *arg)
{
	struct count_walk *w = arg;

	w->n += expanded(child);
	if (w->n > UINT32_MAX)
		w->n = UINT32_MAX;
}

static bool is_stmt(const struct node *n)
{
	return n->kind >= N_EXPR && n->kind < N_ATTACH && n->kind != N_BLOCK;
}

static uint64_t expanded(struct node *n)
{
	struct count_walk w = { 0 };
	uint64_t k;

	ast_children(n, count_cb, &w);
	if (n->kind == N_UNROLL) {
		k = n->unroll.count && n->unroll.count->kind == N_INT ? n->unroll.count->num.v : 1;
		if (k && w.n > UINT32_MAX / k)
			return UINT32_MAX;
		return k * w.n;
	}
	return w.n + is_stmt(n);
}

/* The outermost unrolls whose expansion passes the budget, reported where they start. */
static void unroll_cb(struct node *n, void *arg)
{
	int *bad = arg;
	uint64_t total;

	if (n->kind != N_UNROLL) {
		ast_children(n, unroll_cb, arg);
		return;
	}
	total = expanded(n);
	if (total <= BUDGET_MAX_UNROLLED)
		return;
	diag_error(n->loc, "unroll expands to %llu statements, more than the %d a probe may have",
		   (unsigned long long)total, BUDGET_MAX_UNROLLED);
	diag_note("the verifier takes at most 1,000,000 instructions per program: unroll fewer times, or loop with while");
	*bad = 1;
}

int budget_unroll(struct node *program)
{
	int bad = 0;

	if (program)
		unroll_cb(program, &bad);
	return bad ? -1 : 0;
}
