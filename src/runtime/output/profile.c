// SPDX-License-Identifier: GPL-2.0
/*
 * Stack-keyed maps read as profiles: every key becomes one sample whose
 * frames are symbolized once here, for folded stacks, the flame graph and
 * pprof alike.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/output/profile.h"
#include "runtime/maps/maps_read.h"
#include "runtime/rt.h"
#include "util/arena.h"

static bool is_stack(const struct type *t)
{
	return t->kind == T_INT && (t->stack == STACK_KERNEL || t->stack == STACK_USER);
}

bool prof_map_ok(const struct mapinfo *m)
{
	const struct type *k = m->key_type;
	int i;

	if (!m->nkeys || !k || m->task_storage)
		return false;
	if (m->agg != AGG_COUNT && m->agg != AGG_SUM &&
	    !(m->agg == AGG_NONE && m->value_type && m->value_type->kind == T_INT &&
	      !m->value_type->stack))
		return false;
	if (k->kind != T_TUPLE)
		return is_stack(k);
	for (i = 0; i < k->nfields; i++)
		if (is_stack(k->fields[i].type))
			return true;
	return false;
}

/* "[libc.so.6]" for a frame of a known file without a symbol, else "[unknown]". */
static const char *anon_name(const struct stack_frame *f)
{
	const char *b;

	if (!f->module)
		return "[unknown]";
	b = strrchr(f->module, '/');
	return arena_printf("[%s]", b ? b + 1 : f->module);
}

struct builder {
	struct prof_frame *f;
	int n, cap;
};

static void push(struct builder *b, const char *name, const char *module,
		 uint64_t addr, int kind)
{
	struct prof_frame *v;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		v = realloc(b->f, b->cap * sizeof(*v));
		if (!v)
			return;
		b->f = v;
	}
	b->f[b->n++] = (struct prof_frame){ name, module, addr, kind };
}

static void push_stack(struct builder *b, const struct type *t, const uint8_t *p)
{
	struct stack_frame fr[QT_STACK_MAX];
	uint64_t v;
	int i, n;

	memcpy(&v, p, sizeof(v));
	n = stacks_frames(t, v, fr, QT_STACK_MAX);
	for (i = n - 1; i >= 0; i--)
		push(b, fr[i].name ? fr[i].name : anon_name(&fr[i]), fr[i].module,
		     fr[i].addr, fr[i].kind);
}

/* A key field that is no stack: a string as it is, an integer in decimal. */
static void push_other(struct builder *b, const struct type *t, const uint8_t *p)
{
	int64_t v = 0;

	if (t->kind == T_STR) {
		push(b, arena_strndup((const char *)p, strnlen((const char *)p, t->size)),
		     NULL, 0, PROF_OTHER);
	} else if (t->kind == T_INT && t->size <= 8) {
		memcpy(&v, p, t->size);
		push(b, arena_printf("%" PRId64, v), NULL, 0, PROF_OTHER);
	}
}

/* Fields of key type k in profile order: others, user stacks, kernel stacks. */
static void push_key(struct builder *b, const struct type *k, const uint8_t *key)
{
	int pass, i, nf = k->kind == T_TUPLE ? k->nfields : 1;

	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < nf; i++) {
			const struct type *t = k->kind == T_TUPLE ? k->fields[i].type : k;
			const uint8_t *p = key + (k->kind == T_TUPLE ? k->fields[i].offset : 0);
			int want = !is_stack(t) ? 0 : t->stack == STACK_USER ? 1 : 2;

			if (want != pass)
				continue;
			if (pass)
				push_stack(b, t, p);
			else
				push_other(b, t, p);
		}
	}
}

int prof_add_map(struct profile *p, const struct mapinfo *m, int fd, int ncpus,
		 bool map_root)
{
	struct prof_sample *v;
	struct out_map om;
	int i, err;

	err = out_map_read(&om, m, fd, ncpus);
	if (err)
		return err;
	v = realloc(p->s, (p->n + om.n + 1) * sizeof(*v));
	if (!v) {
		out_map_release(&om);
		return -ENOMEM;
	}
	p->s = v;
	for (i = 0; i < om.n; i++) {
		struct builder b = { 0 };

		if (om.e[i].v <= 0)
			continue;
		if (map_root)
			push(&b, m->name, NULL, 0, PROF_OTHER);
		push_key(&b, m->key_type, om.e[i].key);
		/* a kstack taken in user mode, a failed walk: still a sample */
		if (b.n == (map_root ? 1 : 0))
			push(&b, "[unknown]", NULL, 0, PROF_OTHER);
		p->s[p->n++] = (struct prof_sample){ b.f, b.n, (uint64_t)om.e[i].v };
		p->total += (uint64_t)om.e[i].v;
	}
	out_map_release(&om);
	return 0;
}

void prof_free(struct profile *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->s[i].f);
	free(p->s);
	memset(p, 0, sizeof(*p));
}

uint64_t prof_period_ns(const struct program *prog)
{
	int i;

	for (i = 0; i < prog->ninsts; i++) {
		const struct probe_inst *pi = prog->insts[i];

		if (pi->provider != &provider_profile || !pi->arg)
			continue;
		return !strcmp(pi->target, "hz") ? 1000000000ULL / pi->arg : pi->arg;
	}
	return 0;
}
