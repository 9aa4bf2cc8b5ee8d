// SPDX-License-Identifier: GPL-2.0
/* Struct definitions of the script: the STRUCTDEF token split into its name and members. */
#include <ctype.h>
#include <string.h>
#include "parser/ast.h"
#include "util/arena.h"

/* Where p (inside text, which starts at start) is. */
static struct loc loc_at(struct loc start, const char *text, const char *p)
{
	struct loc l = start;
	const char *q;

	for (q = text; q < p; q++) {
		if (*q == '\n') {
			l.first_line++;
			l.first_column = 1;
		} else {
			l.first_column++;
		}
	}
	l.last_line = l.first_line;
	l.last_column = l.first_column;
	return l;
}

/* Comments become blanks, so members split cleanly (positions are kept). */
static char *blank_comments(const char *text)
{
	char *s = arena_strdup(text), *p = s, *e;

	while ((p = strchr(p, '/'))) {
		if (p[1] == '/') {
			e = strchr(p, '\n');
			e = e ? e : p + strlen(p);
		} else if (p[1] == '*' && (e = strstr(p + 2, "*/"))) {
			e += 2;
		} else {
			p++;
			continue;
		}
		for (; p < e; p++)
			if (*p != '\n')
				*p = ' ';
	}
	return s;
}

struct structdef *ast_structdef(struct loc loc, const char *text)
{
	struct structdef *d = arena_alloc(sizeof(*d));
	char *s = blank_comments(text), *p, *end, *semi;
	int cap = 8;

	d->loc = loc;
	p = s + strlen("struct");
	while (isspace((unsigned char)*p))
		p++;
	end = p;
	while (isalnum((unsigned char)*end) || *end == '_')
		end++;
	d->name = arena_printf("struct %.*s", (int)(end - p), p);
	d->decls = arena_alloc(cap * sizeof(*d->decls));
	d->locs = arena_alloc(cap * sizeof(*d->locs));
	p = strchr(end, '{') + 1;
	end = strrchr(s, '}');
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		semi = p;
		while (semi < end && *semi != ';')
			semi++;
		if (semi > p) {
			char *q = semi;

			while (q > p && isspace((unsigned char)q[-1]))
				q--;
			if (d->n == cap) {
				const char **v = arena_alloc(2 * cap * sizeof(*v));
				struct loc *l = arena_alloc(2 * cap * sizeof(*l));

				memcpy(v, d->decls, cap * sizeof(*v));
				memcpy(l, d->locs, cap * sizeof(*l));
				d->decls = v;
				d->locs = l;
				cap *= 2;
			}
			d->decls[d->n] = arena_strndup(p, q - p);
			d->locs[d->n] = loc_at(loc, s, p);
			d->locs[d->n].last_column = d->locs[d->n].first_column + (int)(q - p) - 1;
			d->n++;
		}
		p = semi + 1;
	}
	return d;
}
