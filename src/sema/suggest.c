// SPDX-License-Identifier: GPL-2.0
/* Did-you-mean by edit distance (adjacent transpositions count as one edit). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "sema/suggest.h"
#include "util/diag.h"

#define MAXLEN 64

/*
 * Optimal string alignment distance; names longer than MAXLEN never match.
 * Any result above max is returned as max + 1, as soon as it is certain:
 * a kprobe typo is compared with every kernel function (~100,000), and the
 * full table for each took 12 s under ASan for one long name.
 */
static int distance(const char *a, const char *b, int max)
{
	int la = strlen(a), lb = strlen(b);
	/*
	 * static: called once per kernel symbol (122,000 here), and ASan
	 * poisons and clears a 17 KB local array on every call, which made
	 * one kaddr() typo take 16 s in the fuzz target.  sema is one thread.
	 */
	static int d[MAXLEN + 1][MAXLEN + 1];
	int i, j, row_min, prev_min = 0;

	if (la > MAXLEN || lb > MAXLEN)
		return MAXLEN;
	if (la - lb > max || lb - la > max)
		return max + 1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		row_min = d[i][0] = i;
		for (j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < row_min)
				row_min = v;
		}
		/* a transposition reaches back two rows: stop only when both exceed max */
		if (row_min > max && i > 1 && prev_min > max)
			return max + 1;
		prev_min = row_min;
	}
	return d[la][lb];
}

void suggest_init(struct suggest *sg, const char *name)
{
	sg->name = name;
	sg->best = NULL;
	sg->dist = MAXLEN;
	sg->len = strlen(name);
}

/*
 * A lower bound of the distance from the bytes alone: each edit changes
 * at most two byte counts by one.  Far cheaper than the table, it rules
 * out nearly every kernel function (60,000 of them) for a typo: a script
 * of unknown kprobes took 0.14 s each, 20 s in the fuzz target.
 */
static bool too_far(const struct suggest *sg, const char *cand, int max)
{
	static int count[256];	/* zero between calls: each pass below clears what it read */
	const unsigned char *p, *name = (const unsigned char *)sg->name;
	int diff = 0, n = 0;

	for (p = (const unsigned char *)cand; *p; p++, n++)
		count[*p]++;
	for (p = name; *p; p++)
		count[*p]--;
	for (p = (const unsigned char *)cand; *p; p++) {
		diff += abs(count[*p]);
		count[*p] = 0;
	}
	for (p = name; *p; p++) {
		diff += abs(count[*p]);
		count[*p] = 0;
	}
	return n - sg->len > max || sg->len - n > max || (diff + 1) / 2 > max;
}

/* The largest distance suggest_result accepts for name. */
static int accepted(const char *name)
{
	int len = strlen(name);

	/* one edit for short names, about a third of the name for long ones */
	return len <= 4 ? 1 : (len + 2) / 3;
}

void suggest_add(struct suggest *sg, const char *cand)
{
	int d, max = accepted(sg->name);

	if (!cand || !strcmp(cand, sg->name) || diag_unshown())
		return;
	/* only a closer candidate than the best so far, and one that would be shown, matters */
	if (sg->dist <= max)
		max = sg->dist - 1;
	if (max < 0)
		return;
	if (too_far(sg, cand, max))
		return;
	d = distance(sg->name, cand, max);
	if (d < sg->dist) {
		sg->dist = d;
		sg->best = cand;
	}
}

const char *suggest_result(const struct suggest *sg)
{
	if (!sg->best || sg->dist > accepted(sg->name))
		return NULL;
	return sg->best;
}
