// SPDX-License-Identifier: GPL-2.0
/* -l [GLOB]: every probe a provider can list whose full name matches. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/diag.h"
#include "runtime/rt.h"

/* "t:sched:*" -> "tracepoint:sched:*": globs are matched against full names. */
static char *canonical(const char *glob)
{
	const struct provider *prov;
	size_t len = strcspn(glob, ":");
	char head[64], *s;

	if (!glob[len] || len >= sizeof(head))
		return strdup(glob);
	memcpy(head, glob, len);
	head[len] = '\0';
	prov = provider_find(head);
	if (!prov)
		return strdup(glob);
	s = malloc(strlen(prov->name) + strlen(glob + len) + 1);
	if (s)
		strcat(strcpy(s, prov->name), glob + len);
	return s;
}

/* Skip a provider (and its cost: BTF, tracefs) the glob's head cannot match. */
static bool may_match(const struct provider *prov, const char *glob)
{
	size_t len = strcspn(glob, ":");
	char head[64];

	if (!glob[len] || len >= sizeof(head))
		return true;
	memcpy(head, glob, len);
	head[len] = '\0';
	return fnmatch(head, prov->name, 0) == 0;
}

static int list_pid;
static bool list_verbose;

int rt_list_pid(void)
{
	return list_pid;
}

bool rt_list_verbose(void)
{
	return list_verbose;
}

void rt_list_fields(const struct type *rec, const char *skip)
{
	int i;

	for (i = 0; rec && i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (skip && !strncmp(f->name, skip, strlen(skip)))
			continue;
		printf("    %s %s\n", f->type->kind == T_NONE ? "(not readable)" :
		       type_name(f->type), f->name);
	}
}

int tracer_list(const char *glob, int pid, bool verbose)
{
	const struct provider *const *pp;
	struct loc noloc = { 0 };
	char *g = NULL;
	int err, ret = 0;

	list_pid = pid;
	list_verbose = verbose;
	if (glob && glob[0]) {
		g = canonical(glob);
		if (!g) {
			diag_rt_error(noloc, "out of memory");
			return 1;
		}
	}
	for (pp = providers; *pp; pp++) {
		if (!(*pp)->list || (g && !may_match(*pp, g)))
			continue;
		err = (*pp)->list(g);
		if (err < 0) {
			diag_rt_error(noloc, "cannot list %s probes: %s", (*pp)->name,
				      strerror(-err));
			ret = 1;
		}
	}
	fflush(stdout);
	free(g);
	return ret;
}
