/* SPDX-License-Identifier: GPL-2.0 */
/* Function symbols of an ELF file (libelf: .symtab and .dynsym) for uprobes. */
#ifndef QT_ELFSYM_H
#define QT_ELFSYM_H

#include <stdbool.h>
#include <stdint.h>

struct elfsym {
	const char *name;	/* in the file's mapping: valid until elfsym_free() */
	uint64_t addr;		/* st_value: virtual address */
	uint64_t size;
};

struct elfsym_seg {
	uint64_t vaddr, memsz, offset;
};

struct elfsyms {
	char *path;
	/*
	 * FUNC symbols in file order, .symtab then .dynsym, so an exported
	 * function is listed twice.  Not sorted: a 30 MB C++ binary has
	 * 58,000 long names, and sorting them cost ~50 ms of start-up.
	 */
	struct elfsym *syms;
	int nsyms;
	struct elfsym_seg *segs;	/* executable PT_LOAD program headers */
	int nsegs;
	bool is_go;		/* has .go.buildinfo or .gopclntab */
	void *elf;		/* Elf *, the file mapped: the names live there */
	int fd;
};

/* Read path's function symbols; 0 or a negative errno (-ENOEXEC: not ELF). */
int elfsym_open(const char *path, struct elfsyms **out);
void elfsym_free(struct elfsyms *s);
/* Virtual address to file offset through the executable PT_LOAD headers; false if none holds it. */
bool elfsym_file_offset(const struct elfsyms *s, uint64_t vaddr, uint64_t *off);

#endif
