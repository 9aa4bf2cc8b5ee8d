/* SPDX-License-Identifier: GPL-2.0 */
/* tracepoint: probes attached as raw tracepoints when the body allows it. */
#ifndef QT_TRACEPOINT_RAW_H
#define QT_TRACEPOINT_RAW_H

struct probe_inst;
struct type;

/* tracepoint's finalize hook: switch pi to raw attachment if it can be. */
void tp_raw_finalize(struct probe_inst *pi);

/*
 * Which raw argument (ctx[N]) holds record field `field` of the tracepoint
 * target "cat/name", or -1.
 */
int tp_raw_arg_index(const char *target, const char *field);

/* tracepoint's ctx_field_type hook: see tracepoint_raw.c. */
struct type *tp_raw_field_type(struct probe_inst *pi, const char *field);

#endif
