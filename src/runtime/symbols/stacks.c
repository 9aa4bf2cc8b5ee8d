// SPDX-License-Identifier: GPL-2.0
/*
 * Symbols for stacks: kernel addresses from /proc/kallsyms, user addresses
 * through the process's /proc/PID/maps (the load bias) and the ELF symbols
 * of the mapped file.  Every table is read once and kept, sorted by address;
 * a C++ name is demangled the first time it is printed and kept too.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include "runtime/symbols/stacks.h"
#include "runtime/symbols/demangle.h"
#include "runtime/symbols/elfsym.h"
#include "util/envflag.h"

struct sym {
	uint64_t addr, size;	/* size 0: up to the next symbol */
	const char *name;
	const char *shown;	/* user symbols: name as printed, once known */
};

struct symtab {
	struct sym *v;
	int n;
};

/* An executable file mapping of a process. */
struct mapping {
	uint64_t start, end, offset;
	struct symfile *file;
};

/* A file's symbols, by address; shared by every process that maps it. */
struct symfile {
	char *path;
	struct elfsyms *es;	/* NULL when unreadable */
	struct symtab tab;
	struct symfile *next;
};

struct proc {
	int pid;
	struct mapping *maps;
	int nmaps;
	bool reread;		/* the maps were read again after a miss */
	struct proc *next;
};

static int stacks_fd = -1;
static struct symtab ksyms;
static bool ksyms_read;
static struct symfile *files;
static struct proc *procs;

void stacks_set_fd(int fd)
{
	stacks_fd = fd;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void tab_add(struct symtab *t, int *cap, uint64_t addr, uint64_t size,
		    const char *name)
{
	struct sym *v;

	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		v = realloc(t->v, *cap * sizeof(*v));
		if (!v)
			return;
		t->v = v;
	}
	t->v[t->n++] = (struct sym){ addr, size, name, NULL };
}

/* The symbol holding addr (nearest below, within its size if known). */
static struct sym *tab_find(const struct symtab *t, uint64_t addr)
{
	int lo = 0, hi = t->n - 1, best = -1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (t->v[mid].addr <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (best < 0)
		return NULL;
	if (t->v[best].size && addr >= t->v[best].addr + t->v[best].size)
		return NULL;
	return &t->v[best];
}

/* Text symbols of /proc/kallsyms (addresses are 0 without CAP_SYSLOG). */
static void read_kallsyms(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[512], name[256], type;
	unsigned long long addr;
	int cap = 0;

	ksyms_read = true;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 || !addr)
			continue;
		if (!strchr("tTwW", type))
			continue;
		tab_add(&ksyms, &cap, addr, 0, strdup(name));
	}
	fclose(f);
	qsort(ksyms.v, ksyms.n, sizeof(*ksyms.v), cmp_sym);
}

static struct symfile *symfile_get(const char *path)
{
	struct symfile *sf;
	int i, cap = 0;

	for (sf = files; sf; sf = sf->next)
		if (!strcmp(sf->path, path))
			return sf;
	sf = calloc(1, sizeof(*sf));
	if (!sf)
		return NULL;
	sf->path = strdup(path);
	if (elfsym_open(path, &sf->es) < 0)
		sf->es = NULL;
	for (i = 0; sf->es && i < sf->es->nsyms; i++)
		tab_add(&sf->tab, &cap, sf->es->syms[i].addr, sf->es->syms[i].size,
			sf->es->syms[i].name);
	qsort(sf->tab.v, sf->tab.n, sizeof(*sf->tab.v), cmp_sym);
	sf->next = files;
	files = sf;
	return sf;
}

static void proc_add_line(struct proc *p, int *cap, const char *line)
{
	unsigned long long start, end, off;
	char perms[8], path[4096];
	struct mapping *m;

	if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %4095s", &start, &end,
		   perms, &off, path) != 5 || perms[2] != 'x' || path[0] != '/')
		return;
	if (p->nmaps == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m = realloc(p->maps, *cap * sizeof(*m));
		if (!m)
			return;
		p->maps = m;
	}
	p->maps[p->nmaps++] = (struct mapping){ start, end, off, symfile_get(path) };
}

/* Read pid's executable mappings into p; false if the process is gone. */
static bool proc_read(struct proc *p)
{
	char path[64], line[4600];
	int cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", p->pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	free(p->maps);
	p->maps = NULL;
	p->nmaps = 0;
	while (fgets(line, sizeof(line), f))
		proc_add_line(p, &cap, line);
	fclose(f);
	return true;
}

/* pid's executable mappings, read the first time the pid is seen. */
static struct proc *proc_get(int pid)
{
	struct proc *p;

	for (p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	proc_read(p);
	p->next = procs;
	procs = p;
	return p;
}

void stacks_note_pid(int pid)
{
	if (pid > 0)
		proc_get(pid);
}

/* The mapping of p holding ip, or NULL. */
static const struct mapping *proc_find(const struct proc *p, uint64_t ip)
{
	int i;

	for (i = 0; p && i < p->nmaps; i++)
		if (ip >= p->maps[i].start && ip < p->maps[i].end)
			return &p->maps[i];
	return NULL;
}

/*
 * The symbol of user address ip in p, the address ip has in the file
 * (*vaddr) and the mapping holding it (*mp, NULL if none).  The maps were
 * read at the process's first ustack (EV_PID), maybe before the dynamic
 * loader mapped its libraries: on a miss they are read again once, which
 * helps while the process lives.
 */
static struct sym *user_sym(struct proc *p, uint64_t ip, uint64_t *vaddr,
			    const struct mapping **mp)
{
	const struct mapping *m = proc_find(p, ip);
	const struct elfsym_seg *s;
	uint64_t foff;
	int j;

	if (!m && p && !p->reread) {
		p->reread = true;
		if (proc_read(p))
			m = proc_find(p, ip);
	}
	*mp = m;
	if (!m || !m->file || !m->file->es)
		return NULL;
	foff = ip - m->start + m->offset;
	for (j = 0; j < m->file->es->nsegs; j++) {
		s = &m->file->es->segs[j];
		if (foff < s->offset || foff >= s->offset + s->memsz)
			continue;
		*vaddr = foff - s->offset + s->vaddr;
		return tab_find(&m->file->tab, *vaddr);
	}
	return NULL;
}

/* QTRACE_NO_CPP_DEMANGLE=1 prints C++ user symbols as they are in the ELF. */
static bool demangle_on(void)
{
	static int on = -1;

	if (on < 0)
		on = !env_flag("QTRACE_NO_CPP_DEMANGLE");
	return on;
}

/*
 * A user symbol's name as bpftrace prints it: C++ names demangled with
 * their parameters ("ns::Foo::bar(int) const"), C and Go names as they are.
 * Demangled once per symbol, not per frame.
 */
static const char *user_name(struct sym *s)
{
	const char *d;

	if (!s->shown) {
		d = demangle_on() ? rt_demangle(s->name) : NULL;
		s->shown = d ? d : s->name;
	}
	return s->shown;
}

/* One resolved frame: name NULL when no symbol holds the address. */
struct frame {
	const char *name;
	uint64_t off;		/* from the symbol's start */
	const char *module;	/* user frames: the mapped file, NULL if none */
};

static void resolve(struct frame *f, uint64_t ip, bool user, struct proc *p)
{
	const struct mapping *m = NULL;
	struct sym *s;
	uint64_t a = ip;

	if (user) {
		s = user_sym(p, ip, &a, &m);
	} else {
		if (!ksyms_read)
			read_kallsyms();
		s = tab_find(&ksyms, ip);
	}
	f->name = s ? (user ? user_name(s) : s->name) : NULL;
	f->off = s ? a - s->addr : 0;
	f->module = m && m->file ? m->file->path : NULL;
}

/*
 * One frame line, as bpftrace 0.17 prints them (BPFtrace::get_stack):
 * bpftrace mode "<indent>func+off" or "<indent>0xADDR"; perf mode
 * "\tADDR func+off", user frames followed by " (/path/of/file)", and
 * "\tADDR 0xADDR", user frames followed by " ([unknown])".
 */
static void put_frame(FILE *out, uint64_t ip, const struct type *t,
		      struct proc *p, int indent)
{
	bool user = t->stack == STACK_USER;
	struct frame f;

	resolve(&f, ip, user, p);
	if (t->stack_mode == STACK_MODE_PERF)
		fprintf(out, "\t%llx ", (unsigned long long)ip);
	else
		fprintf(out, "%*s", indent, "");
	if (f.name)
		fprintf(out, "%s+%llu", f.name, (unsigned long long)f.off);
	else
		fprintf(out, "0x%llx", (unsigned long long)ip);
	if (t->stack_mode == STACK_MODE_PERF && user && f.name)
		fprintf(out, " (%s)", f.module);
	else if (t->stack_mode == STACK_MODE_PERF && user)
		fputs(" ([unknown])", out);
	fputc('\n', out);
}

/* A symbol's name alone (ksym, usym), as bpftrace prints them. */
static void put_sym(FILE *out, const char *name, uint64_t addr)
{
	if (name)
		fputs(name, out);
	else
		fprintf(out, "0x%llx", (unsigned long long)addr);
}

void stacks_format_usym(FILE *out, uint64_t addr, int pid)
{
	const struct mapping *m;
	struct sym *s;
	uint64_t a;

	s = user_sym(proc_get(pid), addr, &a, &m);
	put_sym(out, s ? user_name(s) : NULL, addr);
}

void stacks_format(FILE *out, const struct type *t, uint64_t v, int indent)
{
	uint64_t ips[QT_STACK_MAX];
	int32_t id = (int32_t)(uint32_t)v;
	const struct sym *s;
	struct proc *p = NULL;
	int i, n = t->stack_depth ? t->stack_depth : QT_STACK_MAX;

	if (t->stack == STACK_KSYM) {
		if (!ksyms_read)
			read_kallsyms();
		s = tab_find(&ksyms, v);
		put_sym(out, s ? s->name : NULL, v);
		return;
	}
	fputc('\n', out);
	memset(ips, 0, sizeof(ips));
	if (id < 0 || stacks_fd < 0 ||
	    bpf_map_lookup_elem(stacks_fd, &(uint32_t){ (uint32_t)id }, ips) < 0)
		return;
	if (t->stack == STACK_USER)
		p = proc_get((int)(v >> 32));
	for (i = 0; i < n && ips[i]; i++)
		put_frame(out, ips[i], t, p, indent);
}
