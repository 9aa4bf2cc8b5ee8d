// SPDX-License-Identifier: GPL-2.0
/*
 * Opening and loading the compiled object; a rejected program is reported at
 * its probe with the verifier's reason and the log's tail.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "codegen/cg.h"
#include "parser/ast.h"
#include "util/diag.h"
#include "util/timing.h"
#include "runtime/rt.h"
#include "runtime/maps/maps_read.h"
#include "runtime/symbols/stacks.h"

/* The kernel keeps the end of a longer log (rotating log, 6.4+). */
#define LOG_SIZE (1 << 20)
#define LOG_TAIL 8

static bool verbose;
static char last_warn[512];	/* libbpf's last warning, for errors with no log */
static int failed_id = -1;	/* from "prog 'p<id>': BPF program load failed" */
static bool log_reloaded;	/* the log is reload_stats()'s */

/* libbpf is silent unless -v; its last warning explains open/map failures. */
static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[sizeof(last_warn)];
	va_list copy;
	int id;

	if (level == LIBBPF_DEBUG)
		return 0;
	va_copy(copy, ap);
	vsnprintf(line, sizeof(line), fmt, ap);
	/* the verifier log is printed by us, once */
	if (strstr(line, "PROG LOAD LOG")) {
		va_end(copy);
		return 0;
	}
	if (verbose)
		vfprintf(stderr, fmt, copy);
	va_end(copy);
	if (level == LIBBPF_WARN) {
		/* on failure libbpf unloads every program: its message names the culprit */
		if (strstr(line, "BPF program load failed") &&
		    sscanf(line, "libbpf: prog 'p%d'", &id) == 1)
			failed_id = id;
		line[strcspn(line, "\n")] = '\0';
		snprintf(last_warn, sizeof(last_warn), "%s",
			 strncmp(line, "libbpf: ", 8) ? line : line + 8);
	}
	return 0;
}

/* Not needed since 5.11 (memcg accounting) and refused without CAP_SYS_RESOURCE. */
static void raise_memlock(void)
{
	struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

	setrlimit(RLIMIT_MEMLOCK, &r);
}

/*
 * The line that says why: not the statistics the verifier ends with, nor
 * the instruction and register-state dumps around the reason.
 */
static bool meaningful(const char *line, size_t len)
{
	static const char *const noise[] = {
		"processed ", "verification time", "stack depth", "max_states_per_insn",
		"cur state:", "old state:", "from ", "last_idx ", "regs=", "; ",
	};
	unsigned i;

	if (len == 0 || isdigit((unsigned char)line[0]))	/* "59: (bf) r2 = r10" */
		return false;
	for (i = 0; i < sizeof(noise) / sizeof(noise[0]); i++)
		if (!strncmp(line, noise[i], strlen(noise[i])))
			return false;
	return true;
}

/* What to do about the rejections a script can cause. */
static const struct {
	const char *says;
	const char *fix;
} verifier_fixes[] = {
	{ "infinite loop detected", "the verifier cannot bound this loop: loop on a $variable with a constant limit (while ($i < 100)), or use unroll(n)" },
	{ "back-edge", "the verifier cannot bound this loop: loop on a $variable with a constant limit, or use unroll(n)" },
	{ "too large", "the probe's program is too large: split the work over several probes or fewer unroll iterations" },
	{ "call stack of", "each for and while loop body is a call, and so is the walk of len(@m) and for over a map: the kernel allows 8 frames in all" },
	{ "combined stack size", "too much stack: use fewer or shorter strings and tuples in one probe" },
};

static void verifier_fix(const char *why, size_t len)
{
	unsigned i;

	for (i = 0; i < sizeof(verifier_fixes) / sizeof(verifier_fixes[0]); i++)
		if (memmem(why, len, verifier_fixes[i].says, strlen(verifier_fixes[i].says))) {
			diag_note("%s", verifier_fixes[i].fix);
			return;
		}
}

/* Start of the n-th line before end (end points at a line start or NUL). */
static const char *line_back(const char *log, const char *end, int n)
{
	const char *s = end;

	while (n-- > 0 && s > log) {
		s--;		/* the previous line's '\n' */
		while (s > log && s[-1] != '\n')
			s--;
	}
	return s;
}

static void verifier_error(struct tracer *t, struct probe_inst *pi, const char *log)
{
	const char *end = log + strlen(log), *s = end, *why = NULL, *tail;
	size_t why_len = 0;

	while (s > log && !why) {
		const char *line = line_back(log, s, 1);
		size_t len = strcspn(line, "\n");

		if (meaningful(line, len)) {
			why = line;
			why_len = len;
		}
		s = line;
	}
	diag_rt_error(pi->attach->loc, "the BPF verifier rejected probe '%s': %.*s",
		      pi->name, (int)why_len, why ? why : "");
	if (t->o->verbose) {
		fputs(log, stderr);
		if (log_reloaded)
			diag_note("the whole log overflowed its %d MiB: this is the log of loading the probe again at log level 4 (the reason and statistics)",
				  LOG_SIZE >> 20);
		return;
	}
	tail = line_back(log, why ? why : end, LOG_TAIL);
	fprintf(stderr, "%.*s\n", (int)(why ? why + why_len - tail : end - tail), tail);
	if (why)
		verifier_fix(why, why_len);
	if (log_reloaded)
		diag_note("the verifier's log overflowed its %d MiB (before Linux 6.4 the kernel keeps the start, not the reason): the reason and statistics are from loading the probe again at log level 4",
			  LOG_SIZE >> 20);
	if (kfeat_inline_loops())
		diag_note("without bpf_loop (Linux 5.17) for and while loops are inline: the verifier must bound each (a constant range, or a $variable with a constant limit)");
	diag_note("run with -v for the whole verifier log");
}

static void load_error(struct tracer *t, int err, const char *log)
{
	struct probe_inst *pi = NULL;
	struct loc noloc = { 0 };

	if (failed_id >= 0 && failed_id < t->p->ninsts)
		pi = t->p->insts[failed_id];
	/* a provider may know why its kind of program is refused */
	if (pi && pi->provider && pi->provider->load_error &&
	    pi->provider->load_error(pi, err, log))
		return;
	if (pi && log[0]) {
		verifier_error(t, pi, log);
		return;
	}
	diag_rt_error(noloc, "cannot load the BPF programs: %s", strerror(err));
	if ((err == EPERM || err == EACCES) && geteuid() != 0)
		diag_note("qtrace needs root (CAP_BPF and CAP_PERFMON)");
	else if (last_warn[0])
		diag_note("libbpf: %s", last_warn);
}

/* progs[id] is function "p<id>": the contract with codegen (program.h). */
static int find_progs(struct tracer *t)
{
	char name[32];
	int i;

	t->progs = calloc(t->p->ninsts ? t->p->ninsts : 1, sizeof(*t->progs));
	if (!t->progs)
		return -ENOMEM;
	for (i = 0; i < t->p->ninsts; i++) {
		snprintf(name, sizeof(name), "p%d", t->p->insts[i]->id);
		t->progs[i] = bpf_object__find_program_by_name(t->obj, name);
		/* e.g. uprobe_multi, which libbpf 1.1's section names do not know */
		if (t->progs[i] && t->p->insts[i]->load_attach_type)
			bpf_program__set_expected_attach_type(t->progs[i],
				(enum bpf_attach_type)t->p->insts[i]->load_attach_type);
	}
	return 0;
}

static int find_maps(struct tracer *t)
{
	struct bpf_map *m;
	char name[32];
	int i;

	t->map_fds = calloc(t->p->nmaps ? t->p->nmaps : 1, sizeof(*t->map_fds));
	if (!t->map_fds)
		return -ENOMEM;
	for (i = 0; i < t->p->nmaps; i++) {
		snprintf(name, sizeof(name), "m%d", t->p->maps[i]->id);
		m = bpf_object__find_map_by_name(t->obj, name);
		t->map_fds[i] = m ? bpf_map__fd(m) : -1;
		if (!t->p->maps[i]->dense_n)
			continue;
		snprintf(name, sizeof(name), "m%dd", t->p->maps[i]->id);
		m = bpf_object__find_map_by_name(t->obj, name);
		if (out_dense_set_fd(t->p->maps[i]->id, m ? bpf_map__fd(m) : -1))
			return -ENOMEM;
	}
	m = bpf_object__find_map_by_name(t->obj, QT_STACKS_MAP);
	stacks_set_fd(m ? bpf_map__fd(m) : -1);
	m = bpf_object__find_map_by_name(t->obj, QT_TSTACKS_MAP);
	stacks_set_tfd(m ? bpf_map__fd(m) : -1);
	m = bpf_object__find_map_by_name(t->obj, QT_USTACKS_MAP);
	stacks_set_ufd(m ? bpf_map__fd(m) : -1);
	m = bpf_object__find_map_by_name(t->obj, QT_DWARF_TEXT_MAP);
	stacks_set_dwarf_text_fd(m ? bpf_map__fd(m) : -1);
	m = bpf_object__find_map_by_name(t->obj, QT_USTACKS_MAP);
	/* user stacks may point into the probed files: index them if needed */
	for (i = 0; m && i < t->p->ninsts; i++)
		stacks_hint_file(t->p->insts[i]->target);
	m = bpf_object__find_map_by_name(t->obj, QT_STATS_MAP);
	t->stats_fd = m ? bpf_map__fd(m) : -1;
	return 0;
}

struct bpf_program *rt_prog(struct tracer *t, const struct probe_inst *pi)
{
	return pi->id >= 0 && pi->id < t->p->ninsts ? t->progs[pi->id] : NULL;
}

/*
 * 6.1 keeps the head of a log that overflows (6.4+ the end) and then fails
 * the load with ENOSPC: the reason is lost.  The failed program alone,
 * loaded again at log level 4 (BPF_LOG_STATS: the reason and the
 * statistics, no instruction trace), gives it back; *log is replaced.
 */
static int reload_stats(struct tracer *t, char *log)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "qtrace");
	struct bpf_object *obj;
	struct bpf_program *prog;
	char name[32];
	int err;

	if (failed_id < 0 || !(obj = bpf_object__open_mem(t->p->elf, t->p->elf_size, &opts)))
		return -ENOSPC;
	snprintf(name, sizeof(name), "p%d", failed_id);
	bpf_object__for_each_program(prog, obj) {
		bool it = !strcmp(bpf_program__name(prog), name);

		bpf_program__set_autoload(prog, it);
		if (it) {
			int i;

			for (i = 0; i < t->p->ninsts; i++)
				if (t->p->insts[i]->id == failed_id && t->p->insts[i]->load_attach_type)
					bpf_program__set_expected_attach_type(prog,
						(enum bpf_attach_type)t->p->insts[i]->load_attach_type);
			bpf_program__set_log_level(prog, 4);
		}
	}
	log[0] = '\0';
	bpf_object__for_each_program(prog, obj)
		bpf_program__set_log_buf(prog, log, LOG_SIZE);
	err = bpf_object__load(obj);
	bpf_object__close(obj);
	log_reloaded = log[0] != '\0';
	return err ? err : -ENOSPC;
}

/* -v: how much of each program the verifier walked (Linux 5.16+ counts it). */
static void print_verified(struct tracer *t)
{
	int i;

	for (i = 0; i < t->p->ninsts; i++) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (!t->progs[i] || bpf_obj_get_info_by_fd(bpf_program__fd(t->progs[i]), &info, &len) ||
		    !info.verified_insns)
			continue;
		fprintf(stderr, "qtrace: probe '%s': the verifier processed %u instructions (%u in the program)\n",
			t->p->insts[i]->name, info.verified_insns,
			info.xlated_prog_len / (unsigned)sizeof(struct bpf_insn));
	}
}

int rt_load(struct tracer *t)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "qtrace");
	struct loc noloc = { 0 };
	struct bpf_program *prog;
	char *log = NULL;
	int err;

	verbose = t->o->verbose;
	failed_id = -1;
	libbpf_set_print(libbpf_print);
	raise_memlock();
	t->obj = bpf_object__open_mem(t->p->elf, t->p->elf_size, &opts);
	if (!t->obj) {
		err = errno;
		diag_rt_error(noloc, "cannot open the BPF object: %s", strerror(err));
		if (last_warn[0])
			diag_note("libbpf: %s", last_warn);
		return -1;
	}
	timing_mark("open");
	err = find_progs(t);
	/* one buffer: libbpf fills it only when a load fails (log level 1 retry) */
	log = err ? NULL : calloc(1, LOG_SIZE);
	if (!log) {
		diag_rt_error(noloc, "cannot load the BPF programs: %s", strerror(ENOMEM));
		return -1;
	}
	bpf_object__for_each_program(prog, t->obj)
		bpf_program__set_log_buf(prog, log, LOG_SIZE);
	err = bpf_object__load(t->obj);
	timing_mark("load");
	if (err == -ENOSPC && log[LOG_SIZE - 2])
		err = reload_stats(t, log);
	if (err)
		load_error(t, -err, log);
	else if (find_maps(t) < 0)
		diag_rt_error(noloc, "cannot load the BPF programs: %s", strerror(ENOMEM));
	else if (t->o->verbose) {
		fprintf(stderr, "qtrace: loaded %d BPF programs\n", t->p->ninsts);
		print_verified(t);
	}
	/* libbpf reads the pointer only while loading */
	free(log);
	return err || !t->map_fds ? -1 : 0;
}

int rt_load_probe_prog(enum bpf_prog_type type, struct bpf_prog_load_opts *o)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};

	return bpf_prog_load(type, NULL, "GPL", insns, 2, o);
}
