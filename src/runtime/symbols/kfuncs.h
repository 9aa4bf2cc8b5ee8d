/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel function names for kprobe-like providers: kallsyms and ftrace's list. */
#ifndef QT_KFUNCS_H
#define QT_KFUNCS_H

#include <stdbool.h>
#include <stdint.h>

struct kfunc {
	char *name;
	uint64_t size;		/* bytes up to the next text symbol; 0: unknown */
	bool traceable;		/* in available_filter_functions (when readable) */
};

/*
 * Load once: the text symbols of /proc/kallsyms, sorted by name, without
 * duplicates.  0 or a negative errno.
 */
int kfuncs_load(void);
/* All of them (after kfuncs_load), n through *n. */
const struct kfunc *kfuncs_all(int *n);
/* By exact name, or NULL. */
const struct kfunc *kfuncs_find(const char *name);
/*
 * Does a wildcard consider f?  Only what ftrace can trace when its list is
 * readable, else every text symbol but compiler-split parts (.cold, __pfx_).
 */
bool kfuncs_wild_ok(const struct kfunc *f);

#endif
