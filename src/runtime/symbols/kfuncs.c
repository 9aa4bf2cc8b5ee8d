// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's functions: text symbols of /proc/kallsyms (with sizes, for
 * kprobe offsets) and, when readable, ftrace's available_filter_functions,
 * which says what a wildcard may safely probe.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/symbols/kfuncs.h"
#include "runtime/tracefs.h"
#include "util/sort.h"

struct sym {
	char *name;
	uint64_t addr;
};

static struct kfunc *funcs;
static int nfuncs;
static bool have_ftrace;	/* available_filter_functions was read */

static int push(struct sym **v, int *n, int *cap, char *name, uint64_t addr)
{
	if (*n == *cap) {
		struct sym *nv = realloc(*v, (*cap = *cap ? 2 * *cap : 65536) * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		*v = nv;
	}
	(*v)[*n].name = strdup(name);
	if (!(*v)[*n].name)
		return -ENOMEM;
	(*v)[(*n)++].addr = addr;
	return 0;
}

/* "ffffffff81000000 T _stext [module]": text symbols only (t, T, w, W). */
static int read_kallsyms(struct sym **v, int *n)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], name[256], kind;
	unsigned long long addr;
	int cap = 0, err = 0;

	if (!f)
		return -errno;
	while (!err && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &kind, name) != 3)
			continue;
		if (!strchr("tTwW", kind))
			continue;
		err = push(v, n, &cap, name, addr);
	}
	fclose(f);
	return err;
}

static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct kfunc *)a)->name, ((const struct kfunc *)b)->name);
}

/* Sizes from address order (unknown when kptr_restrict zeroes addresses). */
static int build(struct sym *v, int n)
{
	int i, j;

	qt_sort(v, n, sizeof(*v), by_addr);
	funcs = calloc(n ? n : 1, sizeof(*funcs));
	if (!funcs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		funcs[i].name = v[i].name;
		for (j = i + 1; j < n && v[j].addr == v[i].addr; j++)
			;
		if (v[i].addr && j < n)
			funcs[i].size = v[j].addr - v[i].addr;
	}
	qt_sort(funcs, n, sizeof(*funcs), by_name);
	for (i = j = 0; i < n; i++) {
		if (j && !strcmp(funcs[j - 1].name, funcs[i].name)) {
			free(funcs[i].name);
			continue;
		}
		funcs[j++] = funcs[i];
	}
	nfuncs = j;
	return 0;
}

/* Root may still be refused this file (EPERM here): then kallsyms decides. */
static void read_ftrace(void)
{
	const char *dir = tracefs_dir();
	char path[256], line[512];
	struct kfunc *k;
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/available_filter_functions", dir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \t\n")] = '\0';
		have_ftrace = true;
		k = (struct kfunc *)kfuncs_find(line);
		if (k)
			k->traceable = true;
	}
	fclose(f);
}

int kfuncs_load(void)
{
	static bool loaded;
	struct sym *v = NULL;
	int n = 0, err;

	if (loaded)
		return 0;
	err = read_kallsyms(&v, &n);
	if (!err)
		err = build(v, n);
	free(v);
	if (err)
		return err;
	read_ftrace();
	loaded = true;
	return 0;
}

const struct kfunc *kfuncs_all(int *n)
{
	*n = nfuncs;
	return funcs;
}

const struct kfunc *kfuncs_find(const char *name)
{
	struct kfunc key = { .name = (char *)name };

	if (!funcs)
		return NULL;
	return bsearch(&key, funcs, nfuncs, sizeof(*funcs), by_name);
}

bool kfuncs_wild_ok(const struct kfunc *f)
{
	if (have_ftrace)
		return f->traceable;
	return strncmp(f->name, "__pfx_", 6) && !strstr(f->name, ".cold");
}
