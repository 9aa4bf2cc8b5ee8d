// SPDX-License-Identifier: GPL-2.0
/*
 * The instruction budget: every probe's IR is counted before LLVM optimises
 * and emits it, so a script too large for BPF fails at once with a located
 * error instead of spinning in LLVM for seconds or aborting in its backend
 * ("LLVM ERROR: Branch target out of insn range", signal 6).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <llvm-c/ErrorHandling.h>
#include "codegen/cg_internal.h"
#include "util/diag.h"

/*
 * Measured with LLVM 19 (static, this pipeline): about 16 us of compile
 * per IR instruction and as much per function as 16 instructions, but
 * superlinear in one function's size: 1,000 @x++ (27,000 instructions,
 * 8,000 blocks) take 0.6 s, 2,000 take 1.6 s.  So a probe may have 32768
 * and a script 49152: at most about a second of CPU.
 */
#define BUDGET_SCRIPT 49152
#define BUDGET_PROBE 32768
#define BUDGET_FN_COST 16
/*
 * BPF jumps before cpu v4 have 16-bit offsets: a probe of 2,000 map
 * assignments (32,000 IR instructions) aborts LLVM's backend, one of
 * 1,500 is refused by the kernel ("insn 6979 cannot be patched due to
 * 16-bit range"), one of 1,000 (16,000) loads.  Longer probes are emitted
 * for cpu v4, whose gotol (Linux 6.6) spans 32 bits, where the kernel has it.
 */
#define BUDGET_SHORT_JUMPS 12000

/* For the fatal-error handler: the largest probe, the likely culprit. */
static struct probe_inst *largest;

static long count_insns(LLVMValueRef fn)
{
	LLVMBasicBlockRef bb;
	LLVMValueRef i;
	long n = 0;

	for (bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
		for (i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i))
			n++;
	return n;
}

/* Does the kernel take gotol (BPF_JMP32 | BPF_JA, cpu v4)?  Asked once, only for a long probe. */
static bool kernel_has_gotol(void)
{
	static int known = -1;
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP32 | BPF_JA, .imm = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int fd;

	if (known < 0) {
		fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, NULL, "GPL", insns, 3, NULL);
		known = fd >= 0;
		if (fd >= 0)
			close(fd);
	}
	return known;
}

static struct probe_inst *inst_of(struct cg *c, LLVMValueRef fn, struct probe_inst *prev)
{
	size_t len;
	const char *name = LLVMGetValueName2(fn, &len);
	int id;

	if (len > 1 && name[0] == 'p' && sscanf(name + 1, "%d", &id) == 1 &&
	    id >= 0 && id < c->p->ninsts)
		return c->p->insts[id];
	return prev;	/* a helper function of the probe before it */
}

static void too_long(struct probe_inst *pi, long n)
{
	diag_rt_error(pi->attach->loc, "probe '%s' compiles to %ld instructions, too long for the 16-bit jumps of BPF before Linux 6.6 (at most about %d)",
		      pi->name, n, BUDGET_SHORT_JUMPS);
	diag_note("split the work over several probes; kernels from 6.6 have long jumps (gotol)");
}

static void too_much(struct probe_inst *pi, long total, long n)
{
	if (n > BUDGET_PROBE)
		diag_rt_error(pi->attach->loc, "probe '%s' compiles to %ld instructions, more than the %d qtrace compiles per probe",
			      pi->name, n, BUDGET_PROBE);
	else
		diag_rt_error(pi->attach->loc, "the probes up to '%s' compile to %ld instructions, more than the %d qtrace compiles per script",
			      pi->name, total, BUDGET_SCRIPT);
	diag_note("the verifier takes at most 1,000,000 instructions and 512 bytes of stack per program: use fewer probes, unroll fewer times, or loop with while");
}

/*
 * Strings and tuples too big for the 512-byte stack live in a per-CPU
 * array, whose values the kernel caps at PCPU_MIN_UNIT_SIZE (32 KiB):
 * past that the load fails with E2BIG and no location.
 */
#define BUDGET_SCRATCH 32768

void cg_budget_scratch(struct cg *c)
{
	if (c->scratch_used <= BUDGET_SCRATCH || c->errors)
		return;
	diag_rt_error(c->pi->attach->loc, "probe '%s' needs %d bytes for its strings and tuples, more than the %d of a per-CPU map value (the BPF stack has 512)",
		      c->pi->name, c->scratch_used, BUDGET_SCRATCH);
	diag_note("use shorter strings");
	c->errors++;
}

int cg_budget_check(struct cg *c)
{
	struct probe_inst *pi = NULL, *longest = NULL;
	LLVMValueRef fn;
	long total = 0, n, most = 0;

	for (fn = LLVMGetFirstFunction(c->mod); fn; fn = LLVMGetNextFunction(fn)) {
		if (!LLVMGetFirstBasicBlock(fn))
			continue;
		pi = inst_of(c, fn, pi);
		n = count_insns(fn);
		total += n + BUDGET_FN_COST;
		if (n > most && pi) {
			most = n;
			longest = pi;
		}
		if ((n > BUDGET_PROBE || total > BUDGET_SCRIPT) && pi) {
			too_much(pi, total, n);
			return -1;
		}
	}
	largest = longest;
	if (most > BUDGET_SHORT_JUMPS) {
		if (!kernel_has_gotol()) {
			too_long(longest, most);
			return -1;
		}
		c->cpu = "v4";	/* emitted with long jumps */
	}
	return 0;
}

/*
 * The last guard: an LLVM fatal error (its backend's report_fatal_error)
 * would print "LLVM ERROR" and abort; say what failed and exit 1 instead.
 * LLVM's state is broken by then: nothing but printing and _exit.
 */
static void on_fatal(const char *reason)
{
	if (largest)
		diag_rt_error(largest->attach->loc, "cannot compile probe '%s': the BPF backend failed: %s",
			      largest->name, reason);
	else
		diag_rt_error((struct loc){ 0 }, "the BPF backend failed: %s", reason);
	diag_note("split the work over several probes");
	fflush(stdout);
	fflush(stderr);
	_exit(1);
}

void cg_budget_guard(void)
{
	LLVMInstallFatalErrorHandler(on_fatal);
}
