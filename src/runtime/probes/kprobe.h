/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kprobe files share: which mechanisms this kernel has
 * (kprobe_mech.c), kprobe.multi (kprobe_multi.c) and the fentry/fexit
 * fallback (kprobe_fentry.c).  The order: kprobe.multi for wildcards where
 * it works, else kprobes (perf PMU or kprobe_events), else fentry/fexit,
 * else an error naming the tracepoints that cover the same ground.
 */
#ifndef QT_KPROBE_H
#define QT_KPROBE_H

#include <stdbool.h>
#include "program.h"

struct tracer;
struct bpf_program;

/* The perf kprobe PMU, which libbpf 1.1 prefers to tracefs kprobe_events. */
bool kprobe_has_pmu(void);
/* The PMU or kprobe_events, unless QTRACE_NO_KPROBES is set. */
bool kprobe_has_kprobes(void);
/* Why kprobe_has_kprobes() is false, for messages. */
const char *kprobe_why_none(void);
/* kprobe.multi links (CONFIG_FPROBE; 6.1's Debian kernel lacks it): tried once, on func. */
bool kprobe_has_multi(const char *func);

/* kprobe.c */
bool kprobe_is_ret(const struct probe_inst *pi);
/* Notes naming the tracepoints that cover the same ground as pi. */
void kprobe_suggest_tp(const struct probe_inst *pi);

/* kprobe_fentry.c: make pi (no offset) an fentry/fexit probe; false if it cannot be. */
bool kprobe_fentry_fallback(struct probe_inst *pi, bool wildcard);
/* Did the kernel refuse the fallback pi could have used (EPERM here)? */
bool kprobe_fentry_refused(const struct probe_inst *pi);
/* Why pi could not fall back, after kprobe_fentry_fallback() said false. */
const char *kprobe_fentry_why_not(const struct probe_inst *pi);

/* kprobe_multi.c: attach pi's functions with kprobe.multi links. */
int kprobe_multi_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog);

#endif
