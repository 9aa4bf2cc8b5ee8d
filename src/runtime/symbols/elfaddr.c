// SPDX-License-Identifier: GPL-2.0
/*
 * uaddr("name"): a symbol of the probed ELF file, looked up when the
 * script is compiled.  Data symbols count (elfsym.c keeps functions
 * only); a PIE or shared library is loaded at a bias, which codegen finds
 * from where the probe hit: the vaddr of the probe's file offset is kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>
#include "runtime/symbols/elfaddr.h"

static bool in_symtab(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, const char *name,
		      struct elfaddr *out)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n;

	if (!d || !sh->sh_entsize)
		return false;
	n = sh->sh_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Sym sym;
		const char *s;

		if (!gelf_getsym(d, i, &sym) || sym.st_shndx == SHN_UNDEF || !sym.st_value)
			continue;
		s = elf_strptr(e, sh->sh_link, sym.st_name);
		if (s && !strcmp(s, name)) {
			out->addr = sym.st_value;
			out->size = sym.st_size;
			return true;
		}
	}
	return false;
}

static bool find_sym(Elf *e, const char *name, struct elfaddr *out)
{
	static const unsigned int kinds[] = { SHT_SYMTAB, SHT_DYNSYM };
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		Elf_Scn *scn = NULL;
		GElf_Shdr sh;

		while ((scn = elf_nextscn(e, scn)))
			if (gelf_getshdr(scn, &sh) && sh.sh_type == kinds[k] &&
			    in_symtab(e, scn, &sh, name, out))
				return true;
	}
	return false;
}

/* The vaddr a PT_LOAD segment maps file offset off to, 0 if none does. */
static uint64_t offset_vaddr(Elf *e, uint64_t off)
{
	size_t i, n;
	GElf_Phdr ph;

	if (elf_getphdrnum(e, &n))
		return 0;
	for (i = 0; i < n; i++)
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD &&
		    off >= ph.p_offset && off < ph.p_offset + ph.p_filesz)
			return off - ph.p_offset + ph.p_vaddr;
	return 0;
}

int elfaddr_find(const char *path, const char *name, uint64_t probe_off, struct elfaddr *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	GElf_Ehdr eh;
	Elf *e;

	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || !gelf_getehdr(e, &eh)) {
		err = -ENOEXEC;
	} else if (!find_sym(e, name, out)) {
		err = -ENOENT;
	} else {
		out->relocated = eh.e_type == ET_DYN;
		out->probe_vaddr = offset_vaddr(e, probe_off);
	}
	if (e)
		elf_end(e);
	close(fd);
	return err;
}
