/* SPDX-License-Identifier: GPL-2.0 */
/* The compile arena: everything made at compile time, released once. */
#ifndef QT_ARENA_H
#define QT_ARENA_H

#include <stddef.h>

/* Zeroed memory from the compile arena; aborts with a message on ENOMEM. */
void *arena_alloc(size_t n);
char *arena_strdup(const char *s);
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Release everything the arena holds (ctx_free). */
void arena_free_all(void);
/*
 * Call fn at each arena_free_all: a module that caches arena memory in a
 * static empties its cache (the fuzz targets compile many scripts in one
 * process).  At most 8 hooks; registering one twice adds it once.
 */
void arena_on_free(void (*fn)(void));

#endif
