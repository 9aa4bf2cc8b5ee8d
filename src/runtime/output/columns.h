/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fields of a column printf (fmtinfo.cols, sema/columns.c) one by one,
 * for the formats that write them as columns: -f csv and -f json.
 */
#ifndef QT_OUT_COLUMNS_H
#define QT_OUT_COLUMNS_H

#include <stddef.h>
#include <stdio.h>
#include "program.h"

/*
 * Field i of the record as text (*n bytes, NUL-terminated), by its own
 * conversion; time_ of nsecs as wall-clock ns.  The text stays until the
 * next call (one buffer, the tracer's thread only).  NULL: no memory.
 */
const char *out_column_text(const struct fmtinfo *f, int i, const void *payload, size_t len,
		      size_t *n);

#endif
