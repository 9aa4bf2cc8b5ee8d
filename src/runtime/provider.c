// SPDX-License-Identifier: GPL-2.0
/* The provider table, lookup by name or alias, and helpers for the providers. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "util/arena.h"
#include "runtime/rt.h"

const struct provider *const providers[] = {
	&provider_begin,
	&provider_end,
	&provider_tracepoint,
	&provider_rawtracepoint,
	&provider_interval,
	&provider_profile,
	&provider_software,
	&provider_hardware,
	&provider_watchpoint,
	&provider_asyncwatchpoint,
	&provider_uprobe,
	&provider_uretprobe,
	&provider_usdt,
	&provider_kprobe,
	&provider_kretprobe,
	&provider_fentry,
	&provider_fexit,
	&provider_iter,
	&provider_self,
	&provider_test,
	&provider_bench,
	NULL,
};

const struct provider *provider_find(const char *name)
{
	const struct provider *const *pp;
	const char *const *a;

	if (!name)
		return NULL;
	for (pp = providers; *pp; pp++) {
		if (!strcmp((*pp)->name, name))
			return *pp;
		for (a = (*pp)->aliases; a && *a; a++)
			if (!strcmp(*a, name))
				return *pp;
	}
	return NULL;
}

/* Aliases are one or two letters: suggesting them would only confuse. */
const char *provider_suggest(const char *name)
{
	const struct provider *const *pp;
	struct suggest sg;

	if (!name)
		return NULL;
	suggest_init(&sg, name);
	for (pp = providers; *pp; pp++)
		suggest_add(&sg, (*pp)->name);
	return suggest_result(&sg);
}

/* Grown in the arena: capacity doubles whenever ninsts reaches a power of two. */
struct probe_inst *prog_add_inst(struct program *p, struct node *probe,
				 struct node *attach, const struct provider *prov,
				 const char *name)
{
	struct probe_inst *pi;
	int n = p->ninsts;

	if (n == 0 || (n >= 8 && !(n & (n - 1)))) {
		int cap = n ? 2 * n : 8;
		struct probe_inst **v = arena_alloc(cap * sizeof(*v));

		if (n)
			memcpy(v, p->insts, n * sizeof(*v));
		p->insts = v;
	}
	pi = arena_alloc(sizeof(*pi));
	pi->id = n;
	pi->probe = probe;
	pi->attach = attach;
	pi->provider = prov;
	pi->name = arena_strdup(name);
	p->insts[n] = pi;
	p->ninsts = n + 1;
	return pi;
}

bool rt_has_glob(const char *s)
{
	return s && strpbrk(s, "*?[") != NULL;
}

char *rt_join_name(const struct provider *prov, struct node *attach)
{
	size_t len = strlen(prov->name) + 1;
	char *s;
	int i;

	for (i = 1; i < attach->attach.nparts; i++)
		len += strlen(attach->attach.parts[i]) + 1;
	s = arena_alloc(len);
	strcpy(s, prov->name);
	for (i = 1; i < attach->attach.nparts; i++) {
		strcat(s, ":");
		strcat(s, attach->attach.parts[i]);
	}
	return s;
}

bool rt_list_match(const char *glob, const char *name)
{
	return !glob || !glob[0] || fnmatch(glob, name, 0) == 0;
}

bool rt_parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno && !*end;
}
