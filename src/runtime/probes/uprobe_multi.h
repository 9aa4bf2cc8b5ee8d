/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A uprobe or uretprobe wildcard over one file as one program on one
 * uprobe_multi link (Linux 6.6+), issued by hand: libbpf 1.1 and the 6.1
 * uapi headers this builds with predate it.
 */
#ifndef QT_UPROBE_MULTI_H
#define QT_UPROBE_MULTI_H

#include <stdbool.h>
#include <stdint.h>
#include "program.h"

struct tracer;
struct bpf_program;

/* enum bpf_attach_type's BPF_TRACE_UPROBE_MULTI (include/uapi/linux/bpf.h) */
#define QT_BPF_TRACE_UPROBE_MULTI	48

/*
 * Whether this kernel has uprobe_multi links, tested once; false under
 * QTRACE_NO_UPROBE_MULTI, so the per-function fallback can be tested.
 */
bool uprobe_has_multi(void);

/*
 * Make pi one program for the n functions funcs[] (`func`'s names) at file
 * offsets offs[] of pi->target; both arrays are kept (arena).
 */
void uprobe_multi_init(struct probe_inst *pi, const char **funcs, uint64_t *offs, int n);

/* Attach pi's program with one link over every offset. */
int uprobe_multi_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog);

#endif
