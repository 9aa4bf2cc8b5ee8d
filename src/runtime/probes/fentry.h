/* SPDX-License-Identifier: GPL-2.0 */
/* fentry.c's view of kernel functions through BTF, shared with the kprobe fallback. */
#ifndef QT_FENTRY_H
#define QT_FENTRY_H

#include <stdbool.h>
#include "program.h"

/* vmlinux BTF and the kernel's functions, read once: 0 or a negative errno. */
int fentry_load_btf(void);
/* Does BTF describe func (after fentry_load_btf)? */
bool fentry_has_btf(const char *func);
/* Would an fentry wildcard take func (traceable, at most 6 argument slots)? */
bool fentry_wild_ok(const char *func);
/* pi->args_type from func's prototype and pi->arg = its slots (retval's slot). */
void fentry_set_args(struct probe_inst *pi, const char *func);
/* Does pi's function return a value (fexit's retval)? */
bool fentry_returns_value(const struct probe_inst *pi);
/*
 * Does this kernel load fentry programs?  Tried once, on func: 0 or the
 * positive errno of the refusal (EPERM: the kernel refuses them all).
 */
int fentry_probe_load(const char *func);

struct tracer;
struct bpf_program;
/*
 * Attach pi's trampoline program; a wildcard's untraceable function is
 * skipped, another refusal goes to refused().  -v says "uses <how>".
 */
int fentry_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
		  void (*refused)(struct probe_inst *pi, int err), const char *how);

#endif
