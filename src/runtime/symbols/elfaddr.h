/* SPDX-License-Identifier: GPL-2.0 */
/* One symbol of an ELF file by name (any kind: data too), for uaddr(). */
#ifndef QT_ELFADDR_H
#define QT_ELFADDR_H

#include <stdbool.h>
#include <stdint.h>

struct elfaddr {
	uint64_t addr;		/* st_value: the virtual address in the file */
	uint64_t size;		/* st_size */
	bool relocated;		/* ET_DYN (PIE, shared library): loaded at a bias */
	/* the virtual address of file offset probe_off (elfaddr_find's), 0 if none */
	uint64_t probe_vaddr;
};

/*
 * Symbol name of the ELF file path (.symtab, else .dynsym; defined ones
 * only) and the address file offset probe_off is loaded at.  0, -ENOENT
 * (no such symbol) or another negative errno.
 */
int elfaddr_find(const char *path, const char *name, uint64_t probe_off, struct elfaddr *out);

#endif
