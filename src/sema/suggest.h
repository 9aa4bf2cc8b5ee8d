/* SPDX-License-Identifier: GPL-2.0 */
/* Did-you-mean: the closest of a set of names to a misspelt one. */
#ifndef QT_SUGGEST_H
#define QT_SUGGEST_H

struct suggest {
	const char *name;	/* what was written */
	const char *best;	/* closest candidate so far, or NULL */
	int dist;
	int len;		/* strlen(name) */
};

void suggest_init(struct suggest *sg, const char *name);
/* Offer a candidate; identical names are ignored. */
void suggest_add(struct suggest *sg, const char *cand);
/* The closest candidate if it is close enough to be a likely typo, or NULL. */
const char *suggest_result(const struct suggest *sg);

#endif
