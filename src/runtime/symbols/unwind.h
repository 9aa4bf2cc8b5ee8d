/* SPDX-License-Identifier: GPL-2.0 */
/* ustack(dwarf): unwinding a copied user stack through the files' CFI (libdw). */
#ifndef QT_UNWIND_H
#define QT_UNWIND_H

#include <stdint.h>

/* An executable file mapping of the process: where path's offset is mapped. */
struct unwind_map {
	uint64_t start, end, offset;
	const char *path;
};

struct unwinder;

/* An unwinder for process pid with these mappings (copied); NULL if none fits. */
struct unwinder *unwind_open(int pid, const struct unwind_map *maps, int nmaps);
void unwind_close(struct unwinder *u);
/*
 * Unwind thread tid from its registers (struct pt_regs words, events.h)
 * with the len bytes of stack copied from its sp: the return addresses
 * (the first frame: the ip itself), leaf first, at most max.  How many;
 * 0 if even the first frame is outside every mapping.
 */
int unwind_run(struct unwinder *u, int tid, const uint64_t *regs, const void *stack,
	       uint64_t len, uint64_t *pcs, int max);

#endif
