/* SPDX-License-Identifier: GPL-2.0 */
/* The bucket rows of one hist()/lhist() entry, in bpftrace's layout. */
#ifndef QT_HIST_PRINT_H
#define QT_HIST_PRINT_H

#include <stdbool.h>
#include <stdio.h>
#include "runtime/maps/maps_read.h"

/* Rows from the first to the last non-empty bucket; counts divided by div (> 1). */
void out_hist_rows(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		   int64_t div);

/*
 * The values bucket idx of m holds, both ends included: *lo and *hi, unless
 * the bucket is open below (has_lo false: "(..., 0)") or above (has_hi
 * false: "[max, ...)").  Keep in step with the labels of out_hist_rows.
 */
struct out_bounds {
	bool has_lo, has_hi;
	bool is_signed;		/* lo/hi as int64 (lhist, hist's first buckets) */
	uint64_t lo, hi;
};
void out_bucket_bounds(const struct mapinfo *m, uint64_t idx, struct out_bounds *b);

#endif
