// SPDX-License-Identifier: GPL-2.0
/* Folded stacks: the line format of Brendan Gregg's stackcollapse tools. */
#include <stdlib.h>
#include <string.h>
#include "runtime/output/folded.h"
#include "util/sort.h"

struct line {
	char *s;
	uint64_t count;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->s, ((const struct line *)b)->s);
}

/* The frames of s joined; a ';' in a name would split it: '_' (C++ keeps its spaces). */
static char *join(const struct prof_sample *s)
{
	static const char *const mark[] = { "_[k]", "", "_[j]", "" };	/* ORDER FRAME_KIND */
	size_t len = 1, at = 0;
	const char *c;
	char *buf;
	int i;

	for (i = 0; i < s->n; i++)
		len += strlen(s->f[i].name) + 5;
	buf = malloc(len);
	if (!buf)
		return NULL;
	for (i = 0; i < s->n; i++) {
		if (i)
			buf[at++] = ';';
		for (c = s->f[i].name; *c; c++)
			buf[at++] = *c == ';' || *c == '\n' ? '_' : *c;
		at += sprintf(buf + at, "%s", mark[s->f[i].kind]);
	}
	buf[at] = 0;
	return buf;
}

void out_folded(FILE *out, const struct profile *p)
{
	struct line *v = calloc(p->n ? p->n : 1, sizeof(*v));
	int i, j, n = 0;

	if (!v)
		return;
	for (i = 0; i < p->n; i++)
		if ((v[n].s = join(&p->s[i])))
			v[n++].count = p->s[i].count;
	qt_sort(v, n, sizeof(*v), cmp_line);
	for (i = 0; i < n; i = j) {
		uint64_t sum = 0;

		for (j = i; j < n && !strcmp(v[j].s, v[i].s); j++)
			sum += v[j].count;
		fprintf(out, "%s %llu\n", v[i].s, (unsigned long long)sum);
	}
	for (i = 0; i < n; i++)
		free(v[i].s);
	free(v);
}

int out_print_folded(FILE *out, const struct mapinfo *m, int fd, int ncpus)
{
	struct profile p = { 0 };
	int err = prof_add_map(&p, m, fd, ncpus, false);

	if (!err)
		out_folded(out, &p);
	prof_free(&p);
	return err;
}
