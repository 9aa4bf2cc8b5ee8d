// SPDX-License-Identifier: GPL-2.0
/*
 * Symbols for stacks: kernel addresses from /proc/kallsyms; user frames by
 * the build id and file offset the kernel took at sample time (the file
 * found through buildid.c), so they resolve after the process is gone.
 * Frames the kernel gave as a bare address go through the process's
 * /proc/PID/maps (read while it lived) or its /tmp/perf-PID.map (JIT).
 * Every table is read once and kept, sorted by address; a C++ name is
 * demangled the first time it is printed and kept too.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <bpf/bpf.h>
#include "runtime/symbols/stacks.h"
#include "runtime/symbols/demangle.h"
#include "runtime/symbols/elfsym.h"
#include "runtime/symbols/buildid.h"
#include "runtime/symbols/perfmap.h"
#include "runtime/symbols/unwind.h"
#include "events.h"
#include "util/envflag.h"
#include "program.h"
#include "util/sort.h"

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
	char *path;
	dev_t dev;
	ino_t ino;
	struct symfile *file;	/* read on first use */
};

/* A file's symbols, by address; shared by every process that maps it. */
struct symfile {
	char *path;
	dev_t dev;
	ino_t ino;
	struct elfsyms *es;	/* NULL when unreadable */
	struct symtab tab;
	struct symfile *next;
};

struct proc {
	int pid;
	struct mapping *maps;
	int nmaps;
	bool reread;		/* the maps were read again after a miss */
	bool dwarf_reread;	/* the same, for ustack(dwarf) */
	bool text_sent;		/* its qt_dwarf_text ranges are in the kernel */
	struct unwinder *uw;	/* ustack(dwarf) of these maps, made on first use */
	uint64_t uw_used;	/* when uw last unwound (dwarf_tick) */
	struct proc *next;
};

static int stacks_fd = -1, ustacks_fd = -1, tstacks_fd = -1, dwarf_text_fd = -1;
static struct symtab ksyms;
static bool ksyms_read;
static struct symfile *files;
static int nfiles_read;
static struct proc *procs;

void stacks_set_fd(int fd)
{
	stacks_fd = fd;
}

void stacks_set_ufd(int fd)
{
	ustacks_fd = fd;
}

void stacks_set_tfd(int fd)
{
	tstacks_fd = fd;
}

void stacks_set_dwarf_text_fd(int fd)
{
	dwarf_text_fd = fd;
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

/*
 * kallsyms order: by address, and an end marker (size 1) after the other
 * names at its address: 6.1 puts __indirect_thunk_end at _etext, and the
 * marker must end the lookup there.
 */
static int cmp_ksym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (x->size == 1) - (y->size == 1);
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
		/*
		 * _etext and _einittext end the kernel's text: data past them
		 * (a lock in .data or .bss) is no function's, so it prints in
		 * hex rather than as the marker (a size of 1 ends the lookup)
		 */
		tab_add(&ksyms, &cap, addr, !strcmp(name, "_etext") || !strcmp(name, "_einittext"),
			strdup(name));
	}
	fclose(f);
	qt_sort(ksyms.v, ksyms.n, sizeof(*ksyms.v), cmp_ksym);
}

/*
 * path's symbols, read the first time the file (by device and inode: one
 * file may be reached by several paths, /lib and /usr/lib) is needed.
 */
static struct symfile *symfile_get(const char *path)
{
	struct symfile *sf;
	struct stat st;
	int i, cap = 0;

	if (stat(path, &st))
		st.st_dev = st.st_ino = 0;
	for (sf = files; sf; sf = sf->next)
		if (st.st_ino ? sf->dev == st.st_dev && sf->ino == st.st_ino :
				!strcmp(sf->path, path))
			return sf;
	sf = calloc(1, sizeof(*sf));
	if (!sf)
		return NULL;
	sf->path = strdup(path);
	sf->dev = st.st_dev;
	sf->ino = st.st_ino;
	nfiles_read++;
	if (elfsym_open(path, &sf->es) < 0)
		sf->es = NULL;
	for (i = 0; sf->es && i < sf->es->nsyms; i++)
		tab_add(&sf->tab, &cap, sf->es->syms[i].addr, sf->es->syms[i].size,
			sf->es->syms[i].name);
	qt_sort(sf->tab.v, sf->tab.n, sizeof(*sf->tab.v), cmp_sym);
	sf->next = files;
	files = sf;
	return sf;
}

static void proc_add_line(struct proc *p, int *cap, const char *line)
{
	unsigned long long start, end, off, ino;
	char perms[8], path[4096];
	unsigned int maj, min;
	struct mapping *m;

	if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %4095s", &start, &end,
		   perms, &off, &maj, &min, &ino, path) != 8 || perms[2] != 'x' ||
	    path[0] != '/')
		return;
	if (p->nmaps == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		m = realloc(p->maps, *cap * sizeof(*m));
		if (!m)
			return;
		p->maps = m;
	}
	p->maps[p->nmaps++] = (struct mapping){ start, end, off, strdup(path),
						makedev(maj, min), ino, NULL };
	/* the symbols are read when a frame needs them; the build id now */
	buildid_add(path);
}

/*
 * Read pid's executable mappings into p; false if the process is gone.
 * An exiting process's maps file is empty: then p keeps what it had.
 */
static bool proc_read(struct proc *p)
{
	struct proc fresh = { .pid = p->pid };
	char path[64], line[4600];
	int cap = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", p->pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		proc_add_line(&fresh, &cap, line);
	fclose(f);
	if (!fresh.nmaps && p->nmaps)
		return false;
	unwind_close(p->uw);
	p->uw = NULL;
	p->text_sent = false;
	for (i = 0; i < p->nmaps; i++)
		free(p->maps[i].path);
	free(p->maps);
	p->maps = fresh.maps;
	p->nmaps = fresh.nmaps;
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

/* The mapping of p holding ip, its symbols read, or NULL. */
static const struct mapping *proc_find(const struct proc *p, uint64_t ip)
{
	struct mapping *m;
	int i;

	for (i = 0; p && i < p->nmaps; i++) {
		m = &p->maps[i];
		if (ip < m->start || ip >= m->end)
			continue;
		if (!m->file && m->path)
			m->file = symfile_get(m->path);
		return m;
	}
	return NULL;
}


/*
 * Each unwinder holds its process's files open (and their CFI parsed):
 * whole-box ustack(dwarf) sees thousands of processes, so only the
 * DWARF_UNWINDERS used last stay.
 */
#define DWARF_UNWINDERS	32
static uint64_t dwarf_tick;

static void dwarf_evict(void)
{
	struct proc *q, *old = NULL;
	int live = 0;

	for (q = procs; q; q = q->next) {
		if (!q->uw)
			continue;
		live++;
		if (!old || q->uw_used < old->uw_used)
			old = q;
	}
	if (live >= DWARF_UNWINDERS && old) {
		unwind_close(old->uw);
		old->uw = NULL;
	}
}

/* Unwind a ustack(dwarf) sample of p through its mappings; the pcs. */
static int dwarf_unwind(struct proc *p, const struct qt_dwarf_stack *h, const void *stack,
			uint64_t *pcs)
{
	struct unwind_map *um;
	int i, n;

	if (!p->uw && p->nmaps)
		dwarf_evict();
	p->uw_used = ++dwarf_tick;
	if (!p->uw && p->nmaps) {
		um = calloc(p->nmaps, sizeof(*um));
		for (i = 0; um && i < p->nmaps; i++)
			um[i] = (struct unwind_map){ p->maps[i].start, p->maps[i].end,
						     p->maps[i].offset, p->maps[i].path };
		p->uw = um ? unwind_open(p->pid, um, p->nmaps) : NULL;
		free(um);
	}
	n = unwind_run(p->uw, (int)(uint32_t)h->pid_tgid, h->regs, stack, h->len, pcs,
		       QT_STACK_MAX);
	return n;
}

/*
 * ustack(dwarf) ids whose unwound frames are equal: the kernel's id hashes
 * the copied stack, whose locals change from sample to sample, so one
 * path has many ids.  Open-addressed u64 -> u64 tables: frames hash ->
 * the first id seen with those frames, and id -> that first id.
 */
struct u64map {
	uint64_t *k, *v;
	uint32_t cap, n;
};

static uint64_t *u64map_slot(struct u64map *t, uint64_t k, bool add)
{
	uint32_t i, j, oc = t->cap;
	uint64_t *ok = t->k, *ov = t->v;

	if (add && 2 * (t->n + 1) > t->cap) {
		t->cap = oc ? 2 * oc : 1024;
		t->k = calloc(t->cap, sizeof(*t->k));
		t->v = calloc(t->cap, sizeof(*t->v));
		if (!t->k || !t->v) {
			free(t->k);
			free(t->v);
			t->k = ok;
			t->v = ov;
			t->cap = oc;
			return NULL;
		}
		for (j = 0; j < oc; j++) {
			if (!ok[j])
				continue;
			for (i = (uint32_t)(ok[j] * 0x9e3779b97f4a7c15ULL >> 32) & (t->cap - 1);
			     t->k[i]; i = (i + 1) & (t->cap - 1))
				;
			t->k[i] = ok[j];
			t->v[i] = ov[j];
		}
		free(ok);
		free(ov);
	}
	if (!t->cap || !k)
		return NULL;
	for (i = (uint32_t)(k * 0x9e3779b97f4a7c15ULL >> 32) & (t->cap - 1); t->k[i];
	     i = (i + 1) & (t->cap - 1))
		if (t->k[i] == k)
			return &t->v[i];
	if (!add)
		return NULL;
	t->k[i] = k;
	t->n++;
	return &t->v[i];
}

static struct u64map dwarf_by_frames, dwarf_canon;

/* Remember that id unwound to these frames of pid. */
static void dwarf_note(uint64_t id, int pid, const uint64_t *pcs, int n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(uint32_t)pid, *first, *c;
	int i;

	for (i = 0; i < n; i++)
		h = (h ^ pcs[i]) * 0x100000001b3ULL;
	first = u64map_slot(&dwarf_by_frames, h ? h : 1, true);
	if (!first)
		return;
	if (!*first)
		*first = id;
	c = u64map_slot(&dwarf_canon, id, true);
	if (c)
		*c = *first;
}

uint64_t stacks_dwarf_canon(uint64_t v)
{
	uint64_t *c = u64map_slot(&dwarf_canon, v & QT_USTACK_ID_MASK, false);

	return c ? (v & ~QT_USTACK_ID_MASK) | *c : v;
}

/*
 * Tell the kernel p's code ranges (struct qt_dwarf_text): the main
 * program's mappings (the lowest, as /proc/PID/maps lists them first) and
 * the span of all others.  From then on its ustack(dwarf) ids hash only
 * code and stack addresses.
 */
static void dwarf_send_text(struct proc *p)
{
	struct qt_dwarf_text t = { 0 };
	uint64_t lo2 = UINT64_MAX, hi2 = 0, hi1 = 0;
	int i;

	if (p->text_sent || dwarf_text_fd < 0 || !p->nmaps)
		return;
	p->text_sent = true;
	t.lo1 = p->maps[0].start;
	for (i = 0; i < p->nmaps; i++) {
		const struct mapping *m = &p->maps[i];

		if (!strcmp(m->path, p->maps[0].path)) {
			t.lo1 = m->start < t.lo1 ? m->start : t.lo1;
			hi1 = m->end > hi1 ? m->end : hi1;
		} else {
			lo2 = m->start < lo2 ? m->start : lo2;
			hi2 = m->end > hi2 ? m->end : hi2;
		}
	}
	t.len1 = hi1 - t.lo1;
	if (hi2 > lo2) {
		t.lo2 = lo2;
		t.len2 = hi2 - lo2;
	}
	bpf_map_update_elem(dwarf_text_fd, &(uint64_t){ (uint64_t)p->pid }, &t, BPF_ANY);
}

/*
 * p is gone and its maps were never read: map the sampled frame's file
 * (the kernel's build id and file offset of it, h->leaf) where it was, so
 * the frames in that file unwind and print (a short-lived program
 * sampled in its own code reaches main; the libraries stay unknown).
 */
static void dwarf_leaf_map(struct proc *p, const struct qt_dwarf_stack *h)
{
	struct bpf_stack_build_id b;
	struct buildid_file *bf;
	const struct elfsym_seg *sg;
	struct symfile *sf;
	struct mapping *m;
	uint64_t ip = h->regs[QT_PTREG_IP];
	int j;

	memcpy(&b, h->leaf, sizeof(b));
	if (b.status != BPF_STACK_BUILD_ID_VALID || !(bf = buildid_find(b.build_id)))
		return;
	if (!bf->data)
		bf->data = symfile_get(bf->path);
	sf = bf->data;
	for (j = 0; sf && sf->es && j < sf->es->nsegs; j++) {
		sg = &sf->es->segs[j];
		if (b.offset < sg->offset || b.offset - sg->offset >= sg->memsz)
			continue;
		m = calloc(1, sizeof(*m));
		if (!m)
			return;
		*m = (struct mapping){ ip - (b.offset - sg->offset), 0, sg->offset,
				       strdup(sf->path), sf->dev, sf->ino, sf };
		m->end = m->start + sg->memsz;
		free(p->maps);
		p->maps = m;
		p->nmaps = 1;
		return;
	}
}

/*
 * A ustack(dwarf) record (EV_USTACK_DWARF): unwind it now, while the
 * process most likely lives (its mappings are read at its first record),
 * and store the frames in qt_ustacks under the record's id, as ip frames
 * resolved through those mappings when printed.  A walk that ends outside
 * every mapping (a library mapped since) reads the maps again, once.
 */
void stacks_dwarf_record(const void *data, size_t len)
{
	struct bpf_stack_build_id bids[QT_STACK_MAX];
	uint64_t pcs[QT_STACK_MAX];
	struct qt_dwarf_stack h;
	const uint8_t *stack;
	struct proc *p;
	int i, n;

	if (len < sizeof(h) || ustacks_fd < 0)
		return;
	memcpy(&h, data, sizeof(h));
	stack = (const uint8_t *)data + sizeof(h);
	if (h.len > len - sizeof(h))
		h.len = len - sizeof(h);
	p = proc_get((int)(h.pid_tgid >> 32));
	if (!p)
		return;
	/* an exiting process may still have an (empty) maps file */
	if (!p->nmaps && (!proc_read(p) || !p->nmaps))
		dwarf_leaf_map(p, &h);
	n = dwarf_unwind(p, &h, stack, pcs);
	if ((!n || !proc_find(p, pcs[n - 1])) && !p->dwarf_reread) {
		p->dwarf_reread = true;
		if (proc_read(p))
			n = dwarf_unwind(p, &h, stack, pcs);
	}
	dwarf_send_text(p);
	if (!n) {
		pcs[0] = h.regs[QT_PTREG_IP];
		n = pcs[0] ? 1 : 0;
	}
	dwarf_note(h.id, (int)(h.pid_tgid >> 32), pcs, n);
	memset(bids, 0, sizeof(bids));
	for (i = 0; i < n; i++) {
		bids[i].status = BPF_STACK_BUILD_ID_IP;
		bids[i].ip = pcs[i];
	}
	bpf_map_update_elem(ustacks_fd, &h.id, bids, BPF_ANY);
}

/* The symbol at file offset foff of sf, its address in the file in *vaddr. */
static struct sym *file_sym(struct symfile *sf, uint64_t foff, uint64_t *vaddr)
{
	const struct elfsym_seg *s;
	int j;

	for (j = 0; sf && sf->es && j < sf->es->nsegs; j++) {
		s = &sf->es->segs[j];
		if (foff < s->offset || foff >= s->offset + s->memsz)
			continue;
		*vaddr = foff - s->offset + s->vaddr;
		return tab_find(&sf->tab, *vaddr);
	}
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

	if (!m && p && !p->reread) {
		p->reread = true;
		if (proc_read(p))
			m = proc_find(p, ip);
	}
	*mp = m;
	if (!m || !m->file)
		return NULL;
	return file_sym(m->file, ip - m->start + m->offset, vaddr);
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

static void resolve_kernel(struct stack_frame *f, uint64_t ip)
{
	struct sym *s;

	if (!ksyms_read)
		read_kallsyms();
	s = tab_find(&ksyms, ip);
	*f = (struct stack_frame){ .name = s ? s->name : NULL, .off = s ? ip - s->addr : 0,
				   .addr = ip, .kind = FRAME_KERNEL };
}

/* A user frame by its address: the process's mappings, then its perf map. */
static void resolve_ip(struct stack_frame *f, uint64_t ip, struct proc *p)
{
	const struct mapping *m = NULL;
	struct sym *s;
	uint64_t a = ip;

	*f = (struct stack_frame){ .addr = ip, .kind = FRAME_USER };
	s = user_sym(p, ip, &a, &m);
	if (s) {
		f->name = user_name(s);
		f->off = a - s->addr;
	}
	if (m && m->file)
		f->module = m->file->path;
	else if (!m && p && (f->name = perfmap_find(p->pid, ip, &f->off)))
		f->kind = FRAME_JIT;
}

/*
 * The address of file offset foff of sf in p, if p's mappings (read while
 * it lived) hold the file: perf mode prints it, and 0xADDR is what an
 * unknown frame prints.  Else the file offset itself.
 */
static uint64_t guess_ip(struct proc *p, struct symfile *sf, uint64_t foff)
{
	struct mapping *m;
	int i;

	for (i = 0; p && sf && i < p->nmaps; i++) {
		m = &p->maps[i];
		if (m->dev == sf->dev && m->ino == sf->ino && foff >= m->offset &&
		    foff - m->offset < m->end - m->start)
			return m->start + foff - m->offset;
	}
	return foff;
}

/* A build-id frame: file by build id, symbol by file offset. */
static void resolve_bid(struct stack_frame *f, const struct bpf_stack_build_id *b,
			struct proc *p)
{
	struct buildid_file *bf;
	struct symfile *sf;
	struct sym *s;
	uint64_t a;

	if (b->status != BPF_STACK_BUILD_ID_VALID) {
		resolve_ip(f, b->ip, p);
		return;
	}
	bf = buildid_find(b->build_id);
	if (bf && !bf->data)
		bf->data = symfile_get(bf->path);
	sf = bf ? bf->data : NULL;
	s = file_sym(sf, b->offset, &a);
	*f = (struct stack_frame){ .name = s ? user_name(s) : NULL,
				   .off = s ? a - s->addr : 0,
				   .addr = guess_ip(p, sf, b->offset),
				   .module = sf ? sf->path : NULL, .kind = FRAME_USER };
}

int stacks_frames(const struct type *t, uint64_t v, struct stack_frame *out, int max)
{
	struct bpf_stack_build_id bids[QT_STACK_MAX];
	uint64_t ips[QT_STACK_MAX], uid = v & QT_USTACK_ID_MASK;
	uint32_t id = (uint32_t)v;
	struct proc *p;
	int i, n = t->stack_depth ? t->stack_depth : QT_STACK_MAX;

	if (n > max)
		n = max;
	if (t->stack == STACK_KERNEL && (v & QT_TSTACK_FLAG)) {
		uint64_t key = v & ~QT_TSTACK_FLAG;

		if (tstacks_fd < 0 || bpf_map_lookup_elem(tstacks_fd, &key, ips) < 0)
			return 0;
		for (i = 0; i < n && ips[i]; i++)
			resolve_kernel(&out[i], ips[i]);
		return i;
	}
	if (t->stack == STACK_KERNEL) {
		if ((int32_t)id < 0 || stacks_fd < 0 ||
		    bpf_map_lookup_elem(stacks_fd, &id, ips) < 0)
			return 0;
		for (i = 0; i < n && ips[i]; i++)
			resolve_kernel(&out[i], ips[i]);
		return i;
	}
	if (!uid || ustacks_fd < 0 || bpf_map_lookup_elem(ustacks_fd, &uid, bids) < 0)
		return 0;
	p = proc_get((int)(v >> QT_USTACK_ID_BITS));
	for (i = 0; i < n && bids[i].status != BPF_STACK_BUILD_ID_EMPTY; i++)
		resolve_bid(&out[i], &bids[i], p);
	return i;
}

/*
 * One frame line, as bpftrace 0.17 prints them (BPFtrace::get_stack):
 * bpftrace mode "<indent>func+off" or "<indent>0xADDR"; perf mode
 * "\tADDR func+off", user frames followed by " (/path/of/file)", and
 * "\tADDR 0xADDR", user frames followed by " ([unknown])".  Unlike
 * bpftrace, a user frame names its file whenever it is known (a stripped
 * part of libc: "0xADDR (/usr/lib/.../libc.so.6)", as perf script does),
 * and JIT frames name the perf map.
 */
static void put_frame(FILE *out, const struct stack_frame *f, const struct type *t,
		      int pid, int indent)
{
	bool user = t->stack == STACK_USER;

	if (t->stack_mode == STACK_MODE_RAW) {
		fprintf(out, "%*s%llx\n", indent, "", (unsigned long long)f->addr);
		return;
	}
	if (t->stack_mode == STACK_MODE_PERF)
		fprintf(out, "\t%llx ", (unsigned long long)f->addr);
	else
		fprintf(out, "%*s", indent, "");
	if (f->name)
		fprintf(out, "%s+%llu", f->name, (unsigned long long)f->off);
	else
		fprintf(out, "0x%llx", (unsigned long long)f->addr);
	if (t->stack_mode == STACK_MODE_PERF && f->kind == FRAME_JIT)
		fprintf(out, " (/tmp/perf-%d.map)", pid);
	else if (t->stack_mode == STACK_MODE_PERF && user && f->module)
		fprintf(out, " (%s)", f->module);
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

void stacks_format_usym(FILE *out, uint64_t addr, int pid, uint64_t uid)
{
	struct bpf_stack_build_id bids[QT_STACK_MAX];
	struct stack_frame f = { 0 };

	if (uid && ustacks_fd >= 0 && !bpf_map_lookup_elem(ustacks_fd, &uid, bids) &&
	    bids[0].status == BPF_STACK_BUILD_ID_VALID)
		resolve_bid(&f, &bids[0], proc_get(pid));
	if (!f.name)
		resolve_ip(&f, addr, proc_get(pid));
	put_sym(out, f.name, addr);
}

void stacks_format(FILE *out, const struct type *t, uint64_t v, int indent)
{
	struct stack_frame f[QT_STACK_MAX];
	const struct sym *s;
	int i, n;

	if (t->stack == STACK_KSYM) {
		if (!ksyms_read)
			read_kallsyms();
		s = tab_find(&ksyms, v);
		put_sym(out, s ? s->name : NULL, v);
		return;
	}
	fputc('\n', out);
	n = stacks_frames(t, v, f, QT_STACK_MAX);
	for (i = 0; i < n; i++)
		put_frame(out, &f[i], t, (int)(v >> QT_USTACK_ID_BITS), indent);
}

void stacks_hint_file(const char *path)
{
	buildid_hint(path);
}

int stacks_files_read(void)
{
	return nfiles_read;
}
