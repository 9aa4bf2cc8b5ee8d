// SPDX-License-Identifier: GPL-2.0
/*
 * A tracepoint probe whose body reads no record field (or only fields that
 * are raw arguments too) is attached as a raw tracepoint of the same name:
 * the same event, but no perf event, no copy of the record into a perf
 * buffer, and a detach that costs no RCU grace period.  Measured with the
 * bench's reference programs, an empty raw_tp costs well under the
 * perf-event tracepoint "floor" every other tracepoint tracer pays.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "runtime/provider.h"
#include "runtime/rt.h"
#include "runtime/probes/tracepoint_raw.h"
#include "runtime/tracer.h"
#include "util/envflag.h"
#include "sema/tpformat.h"
#include "sema/types.h"
#include "program.h"

/*
 * Record fields that are a raw argument unchanged (TP_fast_assign copies
 * them), with their type in the record: sys_enter(struct pt_regs *regs,
 * long id), sys_exit(regs, long ret), both `long` in the format too.
 */
static const struct raw_field {
	const char *target;
	const char *field;
	int arg;
	int size;
	bool is_signed;
} raw_fields[] = {
	{ "raw_syscalls/sys_enter", "id", 1, 8, true },
	{ "raw_syscalls/sys_exit", "ret", 1, 8, true },
};

int tp_raw_arg_index(const char *target, const char *field)
{
	size_t i;

	for (i = 0; i < sizeof(raw_fields) / sizeof(raw_fields[0]); i++)
		if (!strcmp(raw_fields[i].target, target) && !strcmp(raw_fields[i].field, field))
			return raw_fields[i].arg;
	return -1;
}

/*
 * Whether the kernel has a raw tracepoint of this name: the syscalls:*
 * events, for one, are built on raw_syscalls and have none.  Asked without
 * registering anything: a probe that joins a tracepoint nobody else uses
 * and leaves it again makes the next 0->1 registration (our real attach)
 * wait for an RCU grace period, 10-50 ms on a busy machine
 * (tracepoint.c, TP_TRANSITION_SYNC_1_0_1).  The kernel looks the name up
 * (ENOENT when absent) before it compares the program's highest context
 * offset with the tracepoint's arguments (EINVAL): a program that reads
 * the 12th argument fails there for any tracepoint of fewer, without
 * touching it.  One of 12 arguments is attached for a moment, as before.
 */
static bool raw_tp_exists(const char *name)
{
	static const struct bpf_insn insns[] = {
		/* r0 = *(u64 *)(r1 + 88); r0 = 0; exit */
		{ .code = BPF_LDX | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_0,
		  .src_reg = BPF_REG_1, .off = 88 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	static int prog_fd = -2;
	int fd;

	if (prog_fd == -2)
		prog_fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, NULL, "GPL", insns,
					sizeof(insns) / sizeof(insns[0]), NULL);
	if (prog_fd < 0)
		return false;
	fd = bpf_raw_tracepoint_open(name, prog_fd);
	if (fd >= 0) {
		close(fd);
		return true;
	}
	return errno == EINVAL;
}

/* Whether pi can be attached as a raw tracepoint at all. */
static bool raw_possible(const struct probe_inst *pi)
{
	const char *slash = pi->target ? strchr(pi->target, '/') : NULL;

	return slash && !env_flag("QTRACE_NO_RAW_TP") && raw_tp_exists(slash + 1);
}

/*
 * args->field of a field that is a raw argument: a record of the raw
 * argument fields only, typed from raw_fields[], so that a probe that will
 * be attached raw never reads its format from tracefs.  Any other use of
 * `args` reads the whole format (tp_ctx_type), and the probe then goes
 * through the perf event unless its fields are still all raw arguments.
 */
struct type *tp_raw_field_type(struct probe_inst *pi, const char *field)
{
	size_t i, nraw = sizeof(raw_fields) / sizeof(raw_fields[0]);
	struct type *rec;
	int n = 0;

	if (pi->args_type && !pi->args_partial)
		return pi->args_type;
	if (tp_raw_arg_index(pi->target, field) < 0 || (!pi->args_type && !raw_possible(pi)))
		return NULL;
	if (pi->args_type)
		return pi->args_type;
	rec = arena_alloc(sizeof(*rec));
	rec->kind = T_RECORD;
	rec->fields = arena_alloc(nraw * sizeof(*rec->fields));
	for (i = 0; i < nraw; i++) {
		struct field *f = &rec->fields[n];
		struct type *t;

		if (strcmp(raw_fields[i].target, pi->target))
			continue;
		t = arena_alloc(sizeof(*t));
		t->kind = T_INT;
		t->size = raw_fields[i].size;
		t->is_signed = raw_fields[i].is_signed;
		f->name = raw_fields[i].field;
		f->type = t;
		f->offset = 8 * raw_fields[i].arg;	/* in the raw context */
		n++;
	}
	rec->nfields = n;
	rec->size = 8 * n;
	pi->args_type = rec;
	pi->args_partial = true;
	return rec;
}

static bool fields_are_args(const struct probe_inst *pi)
{
	int i;

	/* a bare `args`, argN or retval: not only fields */
	if (pi->ctx_uses != pi->nargs_fields)
		return false;
	for (i = 0; i < pi->nargs_fields; i++)
		if (tp_raw_arg_index(pi->target, pi->args_fields[i]) < 0)
			return false;
	return true;
}

static int raw_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	const char *name = strchr(pi->target, '/') + 1;
	struct bpf_link *l = bpf_program__attach_raw_tracepoint(prog, name);
	int err;

	if (!l) {
		err = errno;
		rt_attach_error(pi, err, NULL);
		return -err;
	}
	return tracer_own_link(t, l);
}

static const struct provider provider_tracepoint_raw = {
	.name = "tracepoint",
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = "tracepoint:CATEGORY:NAME",
	.cg_ctx = cg_ctx_tracepoint_raw,
	.attach = raw_attach,
	.pid_filter = true,
};

/*
 * The perf event reads the record at the format's offsets: a partial
 * record (tp_raw_field_type) is replaced by the format, or by an empty
 * record when it cannot be read (codegen then names the field it lacks).
 */
static void whole_record(struct probe_inst *pi)
{
	const char *slash = strchr(pi->target, '/');
	struct type *rec;

	rec = tpformat_load(arena_printf("%.*s", (int)(slash - pi->target), pi->target),
			    slash + 1);
	if (!rec) {
		rec = arena_alloc(sizeof(*rec));
		rec->kind = T_RECORD;
	}
	pi->args_type = rec;
	pi->args_partial = false;
}

void tp_raw_finalize(struct probe_inst *pi)
{
	const char *slash = pi->target ? strchr(pi->target, '/') : NULL;

	if (!slash || !fields_are_args(pi) || !raw_possible(pi)) {
		if (slash && pi->args_partial)
			whole_record(pi);
		return;
	}
	pi->provider = &provider_tracepoint_raw;
	pi->section = arena_printf("raw_tp/%s", slash + 1);
}
