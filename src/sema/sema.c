// SPDX-License-Identifier: GPL-2.0
/* The semantic pass: attach points expanded, probe bodies checked, maps laid out. */
#include <stdlib.h>
#include <string.h>
#include "runtime/provider.h"
#include "sema/budget.h"
#include "sema/sema_int.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/strbuf.h"

const char *sema_inst_target(const struct probe_inst *pi)
{
	const char *c = strchr(pi->name, ':');

	return c ? c + 1 : pi->name;
}

static bool is_agg_call(const struct node *n)
{
	const struct builtin *b;

	if (n->kind != N_CALL)
		return false;
	b = builtin_find(n->call.name, true);
	return b && b->kind == B_AGG;
}

/* @m[k] = count(): the only place an aggregation may appear. */
static void agg_assign(struct sema *s, struct node *n)
{
	struct node *lhs = n->assign.lhs, *rhs = n->assign.rhs;
	struct type *t = sema_expr(s, rhs);

	if (lhs->kind != N_MAP) {
		sema_agg_misplaced(s, rhs);
		if (lhs->kind == N_VAR)	/* known from now on: no "used before" */
			sema_var_assign(s, lhs, &type_none);
		return;
	}
	if (n->assign.op != OP_NONE) {
		sema_error(s, n->loc, "cannot use '%s=' with %s()",
			   op_name(n->assign.op), rhs->call.name);
		sema_note(s, "write %s = %s(...)", lhs->map.name, rhs->call.name);
		return;
	}
	if (t->kind == T_AGG) {
		sema_map_agg(s, lhs, rhs);
	} else {
		struct mapinfo *m = sema_map_get(s, lhs);	/* may grow s->ms */

		s->ms[m->id].agg_tried = true;
		sema_map_assign(s, lhs, &type_none);
	}
}

/* $x += e, @m[k] -= e: integers only. */
static void compound(struct sema *s, struct node *n, struct type *rt)
{
	struct node *lhs = n->assign.lhs;
	const char *op = op_name(n->assign.op);
	struct type *lt;

	if (rt->kind != T_NONE && !sema_is_int(rt)) {
		sema_error(s, n->assign.rhs->loc, "cannot apply '%s=' to %s",
			   op, sema_what(rt));
		rt = &type_none;
	}
	if (lhs->kind == N_MAP) {
		if (rt->kind == T_NONE)
			sema_map_assign(s, lhs, rt);
		else
			sema_map_update(s, lhs, arena_printf("%s=", op));
		return;
	}
	lt = sema_value(s, lhs);
	if (lt->kind != T_NONE && !sema_is_int(lt))
		sema_error(s, lhs->loc, "cannot apply '%s=' to %s", op, sema_what(lt));
}

static void assign(struct sema *s, struct node *n)
{
	struct node *lhs = n->assign.lhs, *rhs = n->assign.rhs;
	struct type *t;

	n->type = &type_void;
	if (is_agg_call(rhs)) {
		agg_assign(s, n);
		return;
	}
	t = sema_value(s, rhs);
	if (lhs->kind != N_VAR && lhs->kind != N_MAP) {
		sema_error(s, lhs->loc, "cannot assign to this expression");
		sema_note(s, "assign to a $variable or an @map");
		return;
	}
	if (n->assign.op != OP_NONE)
		compound(s, n, t);
	else if (lhs->kind == N_VAR)
		sema_var_assign(s, lhs, t);
	else
		sema_map_assign(s, lhs, t);
}

static void unroll(struct sema *s, struct node *n)
{
	int64_t v;

	sema_value(s, n->unroll.count);
	if (n->unroll.count->type->kind != T_NONE &&
	    (!sema_const_int(s, n->unroll.count, &v) || v < 1 || v > 100))
		sema_error(s, n->unroll.count->loc, "unroll count must be an integer constant from 1 to 100");
	sema_stmt(s, n->unroll.body);
}

static void expr_stmt(struct sema *s, struct node *n)
{
	struct node *e = n->expr.e;

	if (sema_expr(s, e)->kind == T_AGG)
		sema_agg_misplaced(s, e);
}

static bool tern_branch(const struct node *e)
{
	return e->kind == N_CALL || e->kind == N_TERNARY || e->kind == N_BLOCKEXPR;
}

/*
 * c ? print("a") : print("b"); as a statement (bpftrace's manual): calls
 * that may have no value, so it is the if it means.
 */
static void ternary_stmt(struct node *n)
{
	struct node *e = n->expr.e, *t, *f;

	if (e->kind != N_TERNARY || !tern_branch(e->tern.t) || !tern_branch(e->tern.f))
		return;
	t = ast_new(N_EXPR, e->tern.t->loc);
	t->expr.e = e->tern.t;
	f = ast_new(N_EXPR, e->tern.f->loc);
	f->expr.e = e->tern.f;
	n->kind = N_IF;
	memset(&n->ifs, 0, sizeof(n->ifs));
	n->ifs.cond = e->tern.c;
	n->ifs.then = t;
	n->ifs.els = f;
}


/*
 * `return N;` is a test probe's verdict (non-zero: failed), the program's
 * return value; other probes' programs return nothing a script can choose.
 * Loops are callbacks (bpf_loop, for_each_map_elem): N could not leave them.
 */
static void return_value(struct sema *s, struct node *e)
{
	struct type *t;
	int i;

	for (i = 0; i < s->ninsts; i++)
		if (strcmp(s->insts[i]->provider->name, "test"))
			break;
	if (!s->ninsts || i < s->ninsts) {
		sema_error(s, e->loc, "'return' in a probe takes no value");
		sema_note(s, "write 'return;' to leave the probe (only a test:NAME probe returns "
			  "a value: non-zero fails the test)");
		return;
	}
	t = sema_value(s, e);
	if (t && t->kind != T_INT) {
		sema_error(s, e->loc, "a test returns an integer, not %s", type_name(t));
		sema_note(s, "return 0 (passed) or a non-zero number (failed)");
		return;
	}
	if (s->loops) {
		sema_error(s, e->loc, "a test's result cannot be returned from inside a loop");
		sema_note(s, "set a variable in the loop, break, and return it after the loop");
	}
}

void sema_stmt(struct sema *s, struct node *n)
{
	struct var *saved;
	struct node *c;
	bool known;
	int64_t v;

	if (n->kind == N_EXPR)
		ternary_stmt(n);

	n->type = &type_void;
	switch (n->kind) {
	case N_EXPR:
		expr_stmt(s, n);
		break;
	case N_ASSIGN:
		assign(s, n);
		break;
	case N_IF:
		sema_cond(s, n->ifs.cond);
		known = sema_const_int(s, n->ifs.cond, &v);
		s->dead += known && !v;
		sema_stmt(s, n->ifs.then);
		s->dead -= known && !v;
		s->dead += known && v;
		if (n->ifs.els)
			sema_stmt(s, n->ifs.els);
		s->dead -= known && v;
		break;
	case N_WHILE:
		sema_while(s, n);
		break;
	case N_UNROLL:
		unroll(s, n);
		break;
	case N_FOR:
		sema_for(s, n);
		break;
	case N_RETURN:
		if (n->expr.e)
			return_value(s, n->expr.e);
		break;
	case N_BREAK:
	case N_CONTINUE:
		if (!s->loops)
			sema_error(s, n->loc, "'%s' outside a loop",
				   n->kind == N_BREAK ? "break" : "continue");
		break;
	case N_BLOCK:
		saved = sema_scope_enter(s);
		for (c = n->block.stmts; c; c = c->next)
			sema_stmt(s, c);
		sema_scope_leave(s, saved);
		break;
	case N_LET:
		sema_var_let(s, n);
		break;
	default:
		sema_value(s, n);
		break;
	}
}

static void provider_list_note(void)
{
	const struct provider *const *pp;
	struct strbuf b = { 0 };

	for (pp = providers; *pp; pp++)
		sb_printf(&b, "%s%s", pp == providers ? "" : ", ", (*pp)->name);
	diag_note("probe types are: %s", b.s ? b.s : "");
	sb_free(&b);
}

/*
 * $1 ... $N in an attach point (interval:ms:$1, uprobe:$1:main): replaced
 * by the parameter's text, as in bpftrace; false (reported) if not given.
 */
static bool attach_params(struct program *p, struct node *a)
{
	struct strbuf b = { 0 };
	const char *s;
	char *end;
	bool ok = true;
	int i;
	long k;

	if (!strchr(a->attach.spec, '$'))
		return true;
	for (i = 0; i < a->attach.nparts; i++) {
		if (!strchr(a->attach.parts[i], '$'))
			continue;
		sb_reset(&b);
		for (s = a->attach.parts[i]; *s; s++) {
			if (s[0] != '$' || s[1] < '0' || s[1] > '9') {
				sb_putc(&b, *s);
				continue;
			}
			k = strtol(s + 1, &end, 10);
			if (k < 1 || k > p->nparams) {
				diag_error(a->loc, "attach point '%s' uses $%ld, but %s", a->attach.spec, k,
					   p->nparams ? arena_printf("only %d positional parameter%s %s given", p->nparams, p->nparams == 1 ? "" : "s", p->nparams == 1 ? "is" : "are") : "no positional parameters are given");
				diag_note("give it after the script: qtrace script.qt ARG...");
				ok = false;
				break;
			}
			sb_puts(&b, p->params[k - 1]);
			s = end - 1;
		}
		a->attach.parts[i] = arena_strdup(b.s ? b.s : "");
	}
	sb_reset(&b);
	for (i = 0; ok && i < a->attach.nparts; i++)
		sb_printf(&b, "%s%s", i ? ":" : "", a->attach.parts[i]);
	if (ok)
		a->attach.spec = arena_strdup(b.s ? b.s : "");
	sb_free(&b);
	return ok;
}

/*
 * config missing_probes = "warn" or "ignore": an attach point the provider
 * cannot resolve is left out (its errors unsaid), with a warning for warn.
 */
static void expand_or_skip(struct program *p, struct node *probe, struct node *a)
{
	bool was = diag_mute(true);
	int err = a->attach.provider->expand(p, probe, a);

	diag_mute(was);
	if (err && p->missing_probes == MISSING_WARN)
		diag_warn(a->loc, "skipping probe '%s': it cannot be attached here (config missing_probes = \"warn\")",
			  a->attach.spec);
}

/* Providers add the probe instances; false when an attach point failed. */
static bool expand(struct program *p, struct node *probe)
{
	struct node *a;
	bool ok = true;

	for (a = probe->probe.attach; a; a = a->next) {
		const char *name, *best;
		const struct provider *prov;

		if (!attach_params(p, a)) {
			ok = false;
			continue;
		}
		name = a->attach.nparts ? a->attach.parts[0] : a->attach.spec;
		prov = provider_find(name);

		if (!prov) {
			diag_error(a->loc, "unknown probe type '%s'", name);
			if ((best = provider_suggest(name)))
				diag_note("did you mean '%s'?", best);
			else
				provider_list_note();
			ok = false;
			continue;
		}
		a->attach.provider = prov;
		if (p->missing_probes != MISSING_ERROR)
			expand_or_skip(p, probe, a);
		else if (prov->expand(p, probe, a))
			ok = false;
	}
	return ok;
}

static void check_probe(struct sema *s, struct node *probe, bool ok)
{
	struct program *p = s->p;
	int i, n = 0;

	s->probe = probe;
	/* one buffer for every probe: one each made 10,000 probes take 1.6 GB */
	if (!s->insts)
		s->insts = arena_alloc((p->ninsts + 1) * sizeof(*s->insts));
	for (i = 0; i < p->ninsts; i++)
		if (p->insts[i]->probe == probe)
			s->insts[n++] = p->insts[i];
	s->ninsts = n;
	s->ctx_unknown = !ok || !n;
	s->vars = NULL;
	s->nvars = 0;
	s->loops = 0;
	s->depth = 0;
	s->ended = NULL;
	s->nbarriers = 0;
	if (probe->probe.pred)
		sema_cond(s, probe->probe.pred);
	if (probe->probe.body)
		sema_stmt(s, probe->probe.body);
}

static void check_all(struct sema *s, const bool *ok)
{
	struct node *probe;
	int i = 0;

	for (probe = s->p->ast->program.probes; probe; probe = probe->next)
		check_probe(s, probe, ok[i++]);
}

/* $N as a literal: codegen never sees a positional parameter. */
static void fix_posparam(struct sema *s, struct node *n)
{
	struct type *t = n->type;
	int k = n->kind == N_POSPARAM ? n->pos.n : 0;
	const char *v = k >= 1 && k <= s->p->nparams ? s->p->params[k - 1] : "";

	if (n->kind == N_POSCOUNT) {
		n->kind = N_INT;
		n->num.is_bool = false;	/* the node's union held other fields */
		n->num.v = s->p->nparams;
	} else if (t && t->kind == T_STR) {
		n->kind = N_STR;
		n->str.s = arena_strdup(v);
		n->str.len = strlen(v);
	} else {
		int64_t i = 0;

		sema_const_int(s, n, &i);
		n->kind = N_INT;
		n->num.is_bool = false;	/* the node's union held other fields */
		n->num.v = (uint64_t)i;
	}
}

static void fixup_cb(struct node *n, void *arg);

/*
 * After the pass: $variables read with their final type (strings grow),
 * positional parameters become literals.
 */
static void fixup(struct sema *s, struct node *n)
{
	if (!n)
		return;
	switch (n->kind) {
	case N_VAR:
		if (n->var.var)
			n->type = n->var.var->type;
		break;
	case N_POSPARAM:
	case N_POSCOUNT:
		fix_posparam(s, n);
		break;
	case N_PROBE:
	case N_PROGRAM:
		break;
	default:
		ast_children(n, fixup_cb, s);
		break;
	}
}

static void fixup_cb(struct node *n, void *arg)
{
	fixup(arg, n);
}

int sema_run(struct program *p)
{
	struct sema s = { .p = p };
	struct node *probe;
	int errors = diag_errors(), n = 0, i = 0, gerr;
	bool muted;
	bool *ok;

	if (!p->ast)
		return -1;
	sema_config(p);
	if (p->unstable_error & UNSTABLE_IMPORT && p->ast->program.imports) {
		diag_error(p->ast->program.imports->loc,
			   "imports are disabled by config unstable_import=error");
		diag_note("remove the import, or the config line");
		return -1;
	}
	sema_structs(&s);
	for (probe = p->ast->program.probes; probe; probe = probe->next)
		n++;
	ok = arena_alloc((n + 1) * sizeof(*ok));
	for (probe = p->ast->program.probes; probe; probe = probe->next) {
		probe->probe.index = i;
		ok[i++] = expand(p, probe);
	}
	if (n && !p->ninsts && p->missing_probes != MISSING_ERROR && diag_errors() == errors) {
		diag_error(p->ast->program.probes->loc, "no probe of the script can be attached: config missing_probes left them all out");
		diag_note("set missing_probes = \"warn\" to see each one");
	}
	s.quiet = true;
	muted = diag_mute(true);
	check_all(&s, ok);
	diag_mute(muted);
	sema_maps_default(&s);
	s.quiet = false;
	check_all(&s, ok);
	sema_maps_finish(&s);
	gerr = sema_getopt_finish(p);
	for (probe = p->ast->program.probes; probe; probe = probe->next) {
		fixup(&s, probe->probe.pred);
		fixup(&s, probe->probe.body);
	}
	if (gerr || diag_errors() > errors || budget_unroll(p->ast))
		return -1;
	sema_task_storage(p);
	sema_dense(p);
	for (i = 0; i < p->ninsts; i++)
		if (p->insts[i]->provider && p->insts[i]->provider->finalize)
			p->insts[i]->provider->finalize(p->insts[i]);
	return 0;
}
