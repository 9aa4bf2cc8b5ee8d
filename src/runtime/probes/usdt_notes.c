// SPDX-License-Identifier: GPL-2.0
/*
 * The USDT probe sites of an ELF file (libelf): the "stapsdt" notes of
 * .note.stapsdt, each giving pc, .stapsdt.base, semaphore, provider, name
 * and argument string, with pc and semaphore turned into file offsets.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>
#include "util/arena.h"
#include "runtime/probes/usdt_args.h"
#include "runtime/probes/usdt_notes.h"

#define NT_STAPSDT 3

struct elf_file {
	Elf *e;
	int addr_size;		/* of the note's three addresses: 4 or 8 */
	uint64_t base;		/* address of .stapsdt.base, 0 if none */
	Elf_Scn *notes;		/* .note.stapsdt */
};

/* Visit every named symbol of .symtab and .dynsym until fn returns true. */
static bool each_sym(Elf *e, bool (*fn)(const char *, const GElf_Sym *, void *), void *data)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t i;

		if (!gelf_getshdr(scn, &sh) || !sh.sh_entsize ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		if (!(d = elf_getdata(scn, NULL)))
			continue;
		for (i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;

			if (!gelf_getsym(d, i, &sym) || sym.st_shndx == SHN_UNDEF)
				continue;
			name = elf_strptr(e, sh.sh_link, sym.st_name);
			if (name && name[0] && fn(name, &sym, data))
				return true;
		}
	}
	return false;
}

struct sym_query {
	const char *name;	/* by name, or */
	uint64_t addr;		/* the function holding addr */
	uint64_t found;
	const char *found_name;
};

static bool match_name(const char *name, const GElf_Sym *sym, void *data)
{
	struct sym_query *q = data;

	if (strcmp(name, q->name))
		return false;
	q->found = sym->st_value;
	return true;
}

static bool match_func(const char *name, const GElf_Sym *sym, void *data)
{
	struct sym_query *q = data;

	if (GELF_ST_TYPE(sym->st_info) != STT_FUNC ||
	    q->addr < sym->st_value || q->addr >= sym->st_value + sym->st_size)
		return false;
	q->found_name = name;
	return true;
}

static bool lookup(void *data, const char *sym, uint64_t *addr)
{
	struct sym_query q = { .name = sym };

	if (!each_sym(data, match_name, &q))
		return false;
	*addr = q.found;
	return true;
}

/* Virtual address to file offset through the PT_LOAD headers (exec: executable ones only). */
static bool file_offset(Elf *e, uint64_t vaddr, bool exec, uint64_t *off)
{
	size_t i, n;

	if (elf_getphdrnum(e, &n))
		return false;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, i, &ph) || ph.p_type != PT_LOAD ||
		    (exec && !(ph.p_flags & PF_X)))
			continue;
		if (vaddr >= ph.p_vaddr && vaddr < ph.p_vaddr + ph.p_filesz) {
			*off = vaddr - ph.p_vaddr + ph.p_offset;
			return true;
		}
	}
	return false;
}

static uint64_t get_addr(const struct elf_file *f, const char *p)
{
	uint64_t v64;
	uint32_t v32;

	if (f->addr_size == 8) {
		memcpy(&v64, p, 8);
		return v64;
	}
	memcpy(&v32, p, 4);
	return v32;
}

/* One note's description; false if it is malformed or its pc is not in the file. */
static bool parse_desc(const struct elf_file *f, const char *desc, size_t size,
		       struct usdt_note *u)
{
	const char *s = desc + 3 * f->addr_size, *end = desc + size;
	uint64_t note_base, sema;
	struct usdt_site_ctx ctx = { .lookup = lookup, .data = f->e };
	struct sym_query q;

	if (size < 3 * (size_t)f->addr_size + 3 || end[-1] != '\0')
		return false;
	u->pc = get_addr(f, desc);
	note_base = get_addr(f, desc + f->addr_size);
	sema = get_addr(f, desc + 2 * f->addr_size);
	/* prelink may have moved the code: .stapsdt.base says by how much */
	if (f->base && note_base)
		u->pc += f->base - note_base;
	u->provider = arena_strdup(s);
	s += strlen(s) + 1;
	if (s >= end)
		return false;
	u->name = arena_strdup(s);
	s += strlen(s) + 1;
	u->args = arena_strdup(s < end ? s : "");
	if (!file_offset(f->e, u->pc, true, &u->pc_off))
		return false;
	if (sema && !file_offset(f->e, sema, false, &u->sema_off))
		return false;
	ctx.pc = u->pc;
	u->nargs = usdt_args_parse(u->args, &ctx, &u->arg);
	q = (struct sym_query){ .addr = u->pc };
	if (each_sym(f->e, match_func, &q))
		u->func = arena_strdup(q.found_name);
	return true;
}

static int read_notes(const struct elf_file *f, struct usdt_notes *out)
{
	Elf_Data *d = elf_getdata(f->notes, NULL);
	size_t off = 0, next, name_off, desc_off;
	GElf_Nhdr nh;
	int cap = 0;

	while (d && (next = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
		const char *base = d->d_buf;

		off = next;
		if (nh.n_type != NT_STAPSDT || nh.n_namesz != 8 ||
		    memcmp(base + name_off, "stapsdt", 8))
			continue;
		if (out->n == cap) {
			struct usdt_note *v;

			cap = cap ? 2 * cap : 16;
			v = arena_alloc(cap * sizeof(*v));
			if (out->n)
				memcpy(v, out->v, out->n * sizeof(*v));
			out->v = v;
		}
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		if (parse_desc(f, base + desc_off, nh.n_descsz, &out->v[out->n]))
			out->n++;
	}
	return 0;
}

static int find_sections(struct elf_file *f)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(f->e, &shstrndx))
		return -ENOEXEC;
	while ((scn = elf_nextscn(f->e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(f->e, shstrndx, sh.sh_name)))
			continue;
		if (sh.sh_type == SHT_NOTE && !strcmp(name, ".note.stapsdt"))
			f->notes = scn;
		else if (!strcmp(name, ".stapsdt.base"))
			f->base = sh.sh_addr;
	}
	return 0;
}

int usdt_notes_read(const char *path, struct usdt_notes *out)
{
	struct elf_file f = { 0 };
	int fd, err;

	memset(out, 0, sizeof(*out));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return -ENOEXEC;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	f.e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!f.e || elf_kind(f.e) != ELF_K_ELF) {
		err = -ENOEXEC;
		goto out;
	}
	f.addr_size = gelf_getclass(f.e) == ELFCLASS32 ? 4 : 8;
	err = find_sections(&f);
	if (!err && f.notes)
		err = read_notes(&f, out);
out:
	if (f.e)
		elf_end(f.e);
	close(fd);
	return err;
}
