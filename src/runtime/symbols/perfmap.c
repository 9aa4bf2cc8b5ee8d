// SPDX-License-Identifier: GPL-2.0
/*
 * /tmp/perf-PID.map, the perf convention for JIT compilers: one line per
 * region of generated code, "START SIZE NAME" with START and SIZE in hex.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/symbols/perfmap.h"
#include "util/sort.h"

struct jsym {
	uint64_t start, size;
	char *name;
};

struct perfmap {
	int pid;
	struct jsym *v;
	int n;
	struct perfmap *next;
};

static struct perfmap *maps;

static int cmp_jsym(const void *a, const void *b)
{
	const struct jsym *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void read_line(struct perfmap *m, int *cap, const char *line)
{
	unsigned long long start, size;
	char name[1024];
	struct jsym *v;
	size_t len;

	if (sscanf(line, "%llx %llx %1023[^\n]", &start, &size, name) != 3)
		return;
	len = strlen(name);
	while (len && (name[len - 1] == '\r' || name[len - 1] == ' '))
		name[--len] = 0;
	if (m->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		v = realloc(m->v, *cap * sizeof(*v));
		if (!v)
			return;
		m->v = v;
	}
	m->v[m->n].name = strdup(name);
	if (!m->v[m->n].name)
		return;
	m->v[m->n].start = start;
	m->v[m->n++].size = size;
}

static struct perfmap *perfmap_get(int pid)
{
	char path[64], line[1200];
	struct perfmap *m;
	int cap = 0;
	FILE *f;

	for (m = maps; m; m = m->next)
		if (m->pid == pid)
			return m;
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->pid = pid;
	m->next = maps;
	maps = m;
	snprintf(path, sizeof(path), "/tmp/perf-%d.map", pid);
	f = fopen(path, "r");
	if (!f)
		return m;
	while (fgets(line, sizeof(line), f))
		read_line(m, &cap, line);
	fclose(f);
	qt_sort(m->v, m->n, sizeof(*m->v), cmp_jsym);
	return m;
}

const char *perfmap_find(int pid, uint64_t ip, uint64_t *off)
{
	struct perfmap *m = pid > 0 ? perfmap_get(pid) : NULL;
	int lo = 0, hi, best = -1;

	if (!m)
		return NULL;
	hi = m->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (m->v[mid].start <= ip) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0 || ip >= m->v[best].start + m->v[best].size)
		return NULL;
	*off = ip - m->v[best].start;
	return m->v[best].name;
}
