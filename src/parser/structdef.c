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

/* The '}' that closes the '{' at open, or NULL. */
const char *ast_closing_brace(const char *open)
{
	int depth = 0;
	const char *p;

	for (p = open; *p; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

int ast_structdef_add(struct structdef *d, int cap, const char *decl, struct loc loc)
{
	if (d->n == cap) {
		int ncap = cap ? 2 * cap : 8;
		const char **v = arena_alloc(ncap * sizeof(*v));
		struct loc *l = arena_alloc(ncap * sizeof(*l));

		if (d->n) {
			memcpy(v, d->decls, d->n * sizeof(*v));
			memcpy(l, d->locs, d->n * sizeof(*l));
		}
		d->decls = v;
		d->locs = l;
		cap = ncap;
	}
	d->decls[d->n] = decl;
	d->locs[d->n] = loc;
	d->n++;
	return cap;
}

struct structdef *ast_structdef(struct loc loc, const char *text)
{
	struct structdef *d = arena_alloc(sizeof(*d));
	char *s = blank_comments(text), *p, *end, *semi, *kw;
	int cap = 0, depth;
	char sep;

	d->loc = loc;
	d->kind = s[0] == 'u' ? 'u' : s[0] == 'e' ? 'e' : 's';
	kw = d->kind == 'u' ? "union" : d->kind == 'e' ? "enum" : "struct";
	sep = d->kind == 'e' ? ',' : ';';
	p = s + strlen(kw);
	while (isspace((unsigned char)*p))
		p++;
	end = p;
	while (isalnum((unsigned char)*end) || *end == '_')
		end++;
	d->name = end > p ? arena_printf("%s %.*s", kw, (int)(end - p), p) :
			    arena_printf("%s (anonymous)", kw);
	p = strchr(end, '{');
	end = (char *)ast_closing_brace(p);
	p++;
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		/* a nested definition's own ';' do not end the member */
		for (semi = p, depth = 0; semi < end && (*semi != sep || depth); semi++)
			depth += *semi == '{' ? 1 : *semi == '}' ? -1 : 0;
		if (semi > p) {
			char *q = semi;
			struct loc l;

			while (q > p && isspace((unsigned char)q[-1]))
				q--;
			l = loc_at(loc, s, p);
			l.last_column = l.first_column + (int)(q - p) - 1;
			cap = ast_structdef_add(d, cap, arena_strndup(p, q - p), l);
		}
		p = semi + 1;
	}
	return d;
}
