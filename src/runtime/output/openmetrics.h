/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --metrics: every map of the script in the Prometheus text exposition
 * format (version 0.0.4, which OpenMetrics parsers also read), for the
 * server in runtime/metrics.c.
 */
#ifndef QT_OPENMETRICS_H
#define QT_OPENMETRICS_H

#include <stdio.h>
#include "program.h"

struct om_maps;

/*
 * What the maps of p (BPF fds by mapinfo id, ncpus per-CPU values) are
 * served as: names, label names from the key expressions, help from the
 * script's comments.  Maps that cannot be served (stack keys, string
 * values, tseries) are named on stderr once.  NULL: no memory.
 */
struct om_maps *om_maps_new(const struct program *p, const int *fds, int ncpus);
void om_maps_free(struct om_maps *om);
/*
 * Read every map now and write it to out.  Reads only (bpf lookups from
 * user space): safe in another thread than the tracer's.
 */
void om_write(FILE *out, const struct om_maps *om);

#endif
