// SPDX-License-Identifier: GPL-2.0
/*
 * ustack(dwarf): the kernel copied a thread's user registers and a window
 * of its stack at sample time (events.h, struct qt_dwarf_stack); this
 * walks them with elfutils' unwinder, which reads each file's .eh_frame
 * (or .debug_frame) CFI, as perf record --call-graph dwarf does.  The
 * process may be gone: the files are the mappings read while it lived,
 * and memory reads are served from the copy alone.  One Dwfl a process,
 * kept while it is among the last used (stacks.c), so a file's CFI is
 * parsed once per process.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <elfutils/libdwfl.h>
#include "events.h"
#include "runtime/symbols/unwind.h"
#include "util/envflag.h"

struct unwinder {
	Dwfl *dwfl;
	bool attached;
	int pid;
	/* the sample being unwound */
	int tid;
	const uint64_t *regs;
	const uint8_t *stack;
	uint64_t sp, len;
	uint64_t *pcs;
	int n, max;
};

/* QTRACE_DWARF_STATS=1: how many stacks and their time, at exit (measuring). */
static uint64_t stat_n, stat_ns, stat_frames;

static void print_stats(void)
{
	fprintf(stderr, "qtrace: ustack(dwarf): %llu stacks unwound, %llu frames, %llu ns each\n",
		(unsigned long long)stat_n, (unsigned long long)stat_frames,
		(unsigned long long)(stat_n ? stat_ns / stat_n : 0));
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000 + (uint64_t)t.tv_nsec;
}

static char *debuginfo_path;
static const Dwfl_Callbacks dwfl_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

/*
 * The load bias of mapping m of fd's ELF file: m maps file offset
 * m->offset at m->start, and the PT_LOAD holding that offset links file
 * offset p_offset at p_vaddr.  0 for ET_EXEC; -1 if no segment holds it.
 */
static int64_t load_bias(int fd, const struct unwind_map *m)
{
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	int64_t bias = -1;
	GElf_Ehdr eh;
	GElf_Phdr ph;
	size_t i, n;

	if (!e || !gelf_getehdr(e, &eh) || elf_getphdrnum(e, &n))
		goto out;
	if (eh.e_type == ET_EXEC) {
		bias = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (m->offset + 4096 <= ph.p_offset || m->offset >= ph.p_offset + ph.p_filesz)
			continue;
		bias = (int64_t)(m->start - m->offset - (ph.p_vaddr - ph.p_offset));
		if (ph.p_flags & PF_X)
			break;
	}
out:
	if (e)
		elf_end(e);
	return bias;
}

static void report(Dwfl *d, const struct unwind_map *m)
{
	const char *base = strrchr(m->path, '/');
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);
	int64_t bias;

	if (fd < 0)
		return;
	bias = load_bias(fd, m);
	/* dwfl_report_elf() takes fd when it succeeds */
	if (bias == -1 || !dwfl_report_elf(d, base ? base + 1 : m->path, m->path, fd,
					   (GElf_Addr)bias, true))
		close(fd);
}

struct unwinder *unwind_open(int pid, const struct unwind_map *maps, int nmaps)
{
	struct unwinder *u;
	int i, j;

	if (nmaps <= 0)
		return NULL;
	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	elf_version(EV_CURRENT);
	u->pid = pid;
	u->dwfl = dwfl_begin(&dwfl_callbacks);
	if (!u->dwfl) {
		free(u);
		return NULL;
	}
	dwfl_report_begin(u->dwfl);
	for (i = 0; i < nmaps; i++) {
		/* a file mapped twice is one module */
		for (j = 0; j < i && strcmp(maps[j].path, maps[i].path); j++)
			;
		if (j == i)
			report(u->dwfl, &maps[i]);
	}
	dwfl_report_end(u->dwfl, NULL, NULL);
	return u;
}

void unwind_close(struct unwinder *u)
{
	if (!u)
		return;
	dwfl_end(u->dwfl);
	free(u);
}

static pid_t next_thread(Dwfl *d, void *arg, void **thread_arg)
{
	struct unwinder *u = arg;

	(void)d;
	if (*thread_arg)
		return 0;
	*thread_arg = u;
	return u->tid;
}

static bool get_thread(Dwfl *d, pid_t tid, void *arg, void **thread_arg)
{
	(void)d;
	(void)tid;
	*thread_arg = arg;
	return true;
}

/* Stack memory: the copied window only. */
static bool memory_read(Dwfl *d, Dwarf_Addr addr, Dwarf_Word *out, void *arg)
{
	struct unwinder *u = arg;

	(void)d;
	if (addr < u->sp || addr - u->sp > u->len || u->len - (addr - u->sp) < 8)
		return false;
	memcpy(out, u->stack + (addr - u->sp), 8);
	return true;
}

/*
 * The registers the kernel's id hashed (events.h): sp, ip and the
 * callee-saved ones, in DWARF numbering (rbx 3, rbp 6, rsp 7, r12-r15
 * 12-15).  The others stay undefined: the CFI of ordinary code does not
 * restore a caller's frame from them.
 */
static bool set_initial_registers(Dwfl_Thread *t, void *arg)
{
	struct unwinder *u = arg;
	const uint64_t *r = u->regs;
	Dwarf_Word bx = r[QT_PTREG_BX];
	Dwarf_Word bp_sp[2] = { r[QT_PTREG_BP], r[QT_PTREG_SP] };
	Dwarf_Word r12_15[4] = { r[QT_PTREG_R12], r[QT_PTREG_R13], r[QT_PTREG_R14],
				 r[QT_PTREG_R15] };

	if (!dwfl_thread_state_registers(t, 3, 1, &bx) ||
	    !dwfl_thread_state_registers(t, 6, 2, bp_sp) ||
	    !dwfl_thread_state_registers(t, 12, 4, r12_15))
		return false;
	dwfl_thread_state_register_pc(t, r[QT_PTREG_IP]);
	return true;
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
	.next_thread = next_thread,
	.get_thread = get_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
};

static int on_frame(Dwfl_Frame *f, void *arg)
{
	struct unwinder *u = arg;
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(f, &pc, &activation) || !pc)
		return DWARF_CB_ABORT;
	u->pcs[u->n++] = pc;
	return u->n < u->max ? DWARF_CB_OK : DWARF_CB_ABORT;
}

int unwind_run(struct unwinder *u, int tid, const uint64_t *regs, const void *stack,
	       uint64_t len, uint64_t *pcs, int max)
{
	static int stats = -1;
	uint64_t t0 = 0;

	if (stats < 0) {
		stats = env_flag("QTRACE_DWARF_STATS");
		if (stats)
			atexit(print_stats);
	}
	if (!u || max <= 0)
		return 0;
	if (stats)
		t0 = now_ns();
	if (!u->attached) {
		/* the architecture comes from the first module's ELF */
		if (!dwfl_attach_state(u->dwfl, NULL, u->pid, &thread_callbacks, u))
			return 0;
		u->attached = true;
	}
	u->tid = tid;
	u->regs = regs;
	u->stack = stack;
	u->sp = regs[QT_PTREG_SP];
	u->len = len;
	u->pcs = pcs;
	u->n = 0;
	u->max = max;
	/* -1 at the end of the copy or of the CFI: the frames so far stand */
	dwfl_getthread_frames(u->dwfl, tid, on_frame, u);
	if (stats) {
		stat_ns += now_ns() - t0;
		stat_n++;
		stat_frames += (uint64_t)u->n;
	}
	return u->n;
}
