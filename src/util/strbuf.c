// SPDX-License-Identifier: GPL-2.0
/* A growable heap string for formatting output and messages. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/strbuf.h"

/* Room for n more bytes plus the NUL; aborts on ENOMEM like the arena. */
static void grow(struct strbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 64;
	char *s;

	if (b->len + n + 1 <= b->cap)
		return;
	while (cap < b->len + n + 1)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		fprintf(stderr, "qtrace: error: out of memory (allocating %zu bytes)\n", cap);
		abort();
	}
	b->s = s;
	b->cap = cap;
}

void sb_putn(struct strbuf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_putc(struct strbuf *b, char c)
{
	sb_putn(b, &c, 1);
}

void sb_puts(struct strbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Empty the string but keep its memory; s stays a valid "" once allocated. */
void sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}
