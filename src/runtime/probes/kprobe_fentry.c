// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe:FUNC and kretprobe:FUNC where the kernel has no kprobes: compiled
 * as fentry/fexit on the same function when BTF describes it, with argN the
 * trampoline context's slot N (the register kprobes would read) and retval
 * fexit's return slot.  Decided at expand, as it changes the code.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/probes/fentry.h"
#include "runtime/probes/kprobe.h"
#include "runtime/rt.h"

extern const struct provider provider_kprobe_fentry, provider_kretprobe_fentry;

static const char *mech(const struct probe_inst *pi)
{
	return kprobe_is_ret(pi) ? "fexit" : "fentry";
}

bool kprobe_fentry_fallback(struct probe_inst *pi, bool wildcard)
{
	if (fentry_load_btf())
		return false;
	if (wildcard ? !fentry_wild_ok(pi->target) : !fentry_has_btf(pi->target))
		return false;
	if (fentry_probe_load(pi->target))
		return false;
	pi->provider = kprobe_is_ret(pi) ? &provider_kretprobe_fentry : &provider_kprobe_fentry;
	pi->section = arena_printf("%s/%s", mech(pi), pi->target);
	fentry_set_args(pi, pi->target);
	pi->args_type = NULL;	/* kprobes have argN, not args */
	return true;
}

bool kprobe_fentry_refused(const struct probe_inst *pi)
{
	return !pi->arg && !fentry_load_btf() && fentry_has_btf(pi->target) &&
	       fentry_probe_load(pi->target);
}

const char *kprobe_fentry_why_not(const struct probe_inst *pi)
{
	int err;

	if (pi->arg)
		return "an offset cannot fall back to fentry";
	if (fentry_load_btf() || !fentry_has_btf(pi->target))
		return arena_printf("'%s' has no BTF for an fentry fallback", pi->target);
	err = fentry_probe_load(pi->target);
	return arena_printf("the %s fallback was refused (%s)", mech(pi),
			    err == EPERM ? "EPERM" : strerror(err));
}

/* argN: slot N holds what register N would (a 16-byte struct takes two of each). */
static struct type *kf_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	if (!strcmp(name, "arg") && !kprobe_is_ret(pi) && n >= 0 && n < (int)pi->arg)
		return &type_u64;
	if (!strcmp(name, "retval") && kprobe_is_ret(pi) && fentry_returns_value(pi))
		return &type_i64;
	return NULL;
}

static void refused(struct probe_inst *pi, int err)
{
	diag_rt_error(pi->attach->loc,
		      "cannot attach '%s': kprobes are not available on this kernel (%s) and the %s fallback was refused (%s)",
		      pi->name, kprobe_why_none(), mech(pi),
		      err == EPERM ? "EPERM" : strerror(err));
	kprobe_suggest_tp(pi);
}

static int kf_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	return fentry_attach(t, pi, prog, refused,
			     arena_printf("%s (kprobes unavailable)", mech(pi)));
}

/* Why a builtin is missing: the probe runs as a trampoline program. */
static const char *kf_ctx_hint(struct probe_inst *pi, const char *name, int n)
{
	const char *why = arena_printf("'%s' runs as %s because this kernel has no kprobes",
				       pi->name, mech(pi));

	if (!strcmp(name, "reg"))
		return arena_printf("%s, whose context has no registers: use arg0...argN", why);
	if (!strcmp(name, "retval") && kprobe_is_ret(pi))
		return arena_printf("%s, and '%s' returns nothing", why, pi->target);
	if (strcmp(name, "arg") || kprobe_is_ret(pi) || n < (int)pi->arg)
		return NULL;
	if (!pi->arg)
		return arena_printf("%s, and '%s' takes no arguments", why, pi->target);
	return arena_printf("%s, and '%s' has %d argument slot%s: arg0 to arg%d", why,
			    pi->target, (int)pi->arg, pi->arg == 1 ? "" : "s", (int)pi->arg - 1);
}

/* The trial load passed but the real one was refused, with no verifier log. */
static bool kf_load_error(struct probe_inst *pi, int err, const char *log)
{
	if (log && log[0])
		return false;
	refused(pi, err);
	return true;
}

const struct provider provider_kprobe_fentry = {
	.name = "kprobe",
	.prog_type = BPF_PROG_TYPE_TRACING,
	.usage = "kprobe:FUNC[+OFFSET]",
	.ctx_type = kf_ctx_type,
	.ctx_hint = kf_ctx_hint,
	.cg_ctx = cg_ctx_btf,
	.attach = kf_attach,
	.load_error = kf_load_error,
	.attach_reversed = true,
	.pid_filter = true,
};

const struct provider provider_kretprobe_fentry = {
	.name = "kretprobe",
	.prog_type = BPF_PROG_TYPE_TRACING,
	.usage = "kretprobe:FUNC",
	.ctx_type = kf_ctx_type,
	.ctx_hint = kf_ctx_hint,
	.cg_ctx = cg_ctx_btf,
	.attach = kf_attach,
	.load_error = kf_load_error,
	.attach_reversed = true,
	.pid_filter = true,
};
