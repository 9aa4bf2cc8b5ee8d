/* SPDX-License-Identifier: GPL-2.0 */
/* Folded stacks ("comm;main;f;g 42"), for flamegraph.pl, speedscope, Grafana. */
#ifndef QT_FOLDED_H
#define QT_FOLDED_H

#include <stdio.h>
#include "runtime/output/profile.h"

/*
 * One line per distinct stack of p, root first, frames joined by ';',
 * then a space and the count; sorted, equal lines merged.  Kernel frames
 * end in "_[k]", JIT frames in "_[j]" (flamegraph.pl's --color=java marks).
 */
void out_folded(FILE *out, const struct profile *p);
/* print(@m, folded): the map's entries so. 0 or a negative errno. */
int out_print_folded(FILE *out, const struct mapinfo *m, int fd, int ncpus);

#endif
