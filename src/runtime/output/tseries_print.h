/* SPDX-License-Identifier: GPL-2.0 */
/* The graph of one tseries() entry, in bpftrace's layout. */
#ifndef QT_TSERIES_PRINT_H
#define QT_TSERIES_PRINT_H

#include <stdio.h>
#include "program.h"

/* The intervals of the ring at raw (mapinfo.ts_slots struct qt_tslot). */
void out_tseries_rows(FILE *out, const struct mapinfo *m, const uint8_t *raw);

#endif
