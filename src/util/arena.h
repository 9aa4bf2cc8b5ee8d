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
 * How many times the arena was released: caches that hold arena memory
 * (types converted from BTF, tracepoint formats) drop it when this moves.
 */
unsigned int arena_epoch(void);

#endif
