// SPDX-License-Identifier: GPL-2.0
/* Function symbols of an ELF file (libelf: .symtab and .dynsym) for uprobes. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "runtime/symbols/elfsym.h"

static int add_sym(struct elfsyms *s, int *cap, const char *name, const GElf_Sym *sym)
{
	if (s->nsyms == *cap) {
		struct elfsym *v;

		*cap = *cap ? 2 * *cap : 256;
		v = realloc(s->syms, *cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->syms = v;
	}
	s->syms[s->nsyms].name = name;
	s->syms[s->nsyms].addr = sym->st_value;
	s->syms[s->nsyms++].size = sym->st_size;
	return 0;
}

/* Defined functions only: undefined ones (value 0) live in another file. */
static int read_symtab(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, struct elfsyms *s, int *cap)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n;
	int err;

	if (!d || !sh->sh_entsize)
		return 0;
	n = sh->sh_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		int type;

		if (!gelf_getsym(d, i, &sym))
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
		    sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		name = elf_strptr(e, sh->sh_link, sym.st_name);
		if (!name || !name[0])
			continue;
		err = add_sym(s, cap, name, &sym);
		if (err)
			return err;
	}
	return 0;
}

static int read_sections(Elf *e, struct elfsyms *s)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int cap = 0, err;

	if (elf_getshdrstrndx(e, &shstrndx))
		return -ENOEXEC;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && (!strcmp(name, ".go.buildinfo") || !strcmp(name, ".gopclntab")))
			s->is_go = true;
		if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM)
			continue;
		err = read_symtab(e, scn, &sh, s, &cap);
		if (err)
			return err;
	}
	return 0;
}

static int read_segments(Elf *e, struct elfsyms *s)
{
	size_t i, n;

	if (elf_getphdrnum(e, &n))
		return -ENOEXEC;
	s->segs = calloc(n ? n : 1, sizeof(*s->segs));
	if (!s->segs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, i, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
			continue;
		s->segs[s->nsegs].vaddr = ph.p_vaddr;
		s->segs[s->nsegs].memsz = ph.p_memsz;
		s->segs[s->nsegs++].offset = ph.p_offset;
	}
	return 0;
}

int elfsym_open(const char *path, struct elfsyms **out)
{
	struct elfsyms *s;
	Elf *e = NULL;
	int fd, err;

	*out = NULL;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		err = -ENOMEM;
		goto out;
	}
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		err = -ENOEXEC;
		goto out;
	}
	s->elf = e;
	s->fd = fd;
	err = read_sections(e, s);
	if (!err)
		err = read_segments(e, s);
out:
	if (err) {
		if (e && !s->elf)
			elf_end(e);
		if (!s || !s->elf)
			close(fd);
		elfsym_free(s);
	} else {
		*out = s;
	}
	return err;
}

void elfsym_free(struct elfsyms *s)
{
	if (!s)
		return;
	if (s->elf) {
		elf_end(s->elf);
		close(s->fd);
	}
	free(s->syms);
	free(s->segs);
	free(s->path);
	free(s);
}

bool elfsym_file_offset(const struct elfsyms *s, uint64_t vaddr, uint64_t *off)
{
	int i;

	for (i = 0; i < s->nsegs; i++) {
		const struct elfsym_seg *g = &s->segs[i];

		if (vaddr >= g->vaddr && vaddr < g->vaddr + g->memsz) {
			*off = vaddr - g->vaddr + g->offset;
			return true;
		}
	}
	return false;
}
