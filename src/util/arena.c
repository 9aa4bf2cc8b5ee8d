// SPDX-License-Identifier: GPL-2.0
/* The compile arena: a chunked bump allocator whose memory dies all at once. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"

#define CHUNK_SIZE	(64 * 1024)
#define ALIGN		16

struct chunk {
	struct chunk *next;
	size_t size;		/* bytes in data[] */
	size_t used;
	_Alignas(ALIGN) unsigned char data[];
};

static struct chunk *chunks;
static void oom(size_t n)
{
	fprintf(stderr, "qtrace: error: out of memory (allocating %zu bytes)\n", n);
	abort();
}

/* A new chunk for at least n bytes; oversized requests get their own. */
static struct chunk *chunk_new(size_t n)
{
	size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
	struct chunk *c;

	if (size > SIZE_MAX - sizeof(*c))
		oom(n);
	c = calloc(1, sizeof(*c) + size);
	if (!c)
		oom(n);
	c->size = size;
	return c;
}

void *arena_alloc(size_t n)
{
	struct chunk *c = chunks;
	size_t need;
	void *p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN)
		oom(n);
	need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!c || c->size - c->used < need) {
		c = chunk_new(need);
		/*
		 * Keep the current chunk on top when an oversized request
		 * gets its own, so its free space is not wasted.
		 */
		if (chunks && need > CHUNK_SIZE) {
			c->next = chunks->next;
			chunks->next = c;
		} else {
			c->next = chunks;
			chunks = c;
		}
	}
	p = c->data + c->used;
	c->used += need;
	return p;	/* chunks come zeroed from calloc and are never reused */
}

char *arena_strndup(const char *s, size_t n)
{
	char *p = arena_alloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(const char *s)
{
	return arena_strndup(s, strlen(s));
}

char *arena_printf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup("");
	p = arena_alloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* Caches of arena memory in static variables, emptied with the arena. */
static void (*on_free[8])(void);
static int non_free;

void arena_on_free(void (*fn)(void))
{
	int i;

	for (i = 0; i < non_free; i++)
		if (on_free[i] == fn)
			return;
	if (non_free < (int)(sizeof(on_free) / sizeof(on_free[0])))
		on_free[non_free++] = fn;
}

void arena_free_all(void)
{
	struct chunk *c, *next;
	int i;

	for (i = 0; i < non_free; i++)
		on_free[i]();
	for (c = chunks; c; c = next) {
		next = c->next;
		free(c);
	}
	chunks = NULL;
}
