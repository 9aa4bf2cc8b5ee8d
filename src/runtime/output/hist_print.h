/* SPDX-License-Identifier: GPL-2.0 */
/* The bucket rows of one hist()/lhist() entry, in bpftrace's layout. */
#ifndef QT_HIST_PRINT_H
#define QT_HIST_PRINT_H

#include <stdio.h>
#include "runtime/maps/maps_read.h"

/* Rows from the first to the last non-empty bucket; counts divided by div (> 1). */
void out_hist_rows(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		   int64_t div);

#endif
