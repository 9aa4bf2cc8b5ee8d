/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --metrics [ADDR:]PORT: the maps served on http://ADDR:PORT/metrics while
 * tracing (runtime/output/openmetrics.c writes them), by libmicrohttpd.
 */
#ifndef QT_METRICS_H
#define QT_METRICS_H

#include "program.h"

struct metrics;

/*
 * Parse spec ("9100", "0.0.0.0:9100", "[::1]:9100"; 127.0.0.1 without an
 * address; port 0 picks a free one) and listen there, before anything is
 * loaded, so that a bad spec or a port in use fails at once.  NULL after
 * a message on stderr; *usage is set when the spec itself is wrong.
 */
struct metrics *metrics_listen(const char *spec, bool *usage);
/*
 * Serve the maps of p (BPF fds by mapinfo id): one internal thread of
 * libmicrohttpd, a few connections.  0, or -1 after a message.
 */
int metrics_start(struct metrics *mt, const struct program *p, const int *fds, int ncpus);
/* Stop serving (joins the thread; the socket closes): before the maps close. */
void metrics_stop(struct metrics *mt);
/* Stop if serving, close the socket, free mt (NULL: nothing). */
void metrics_close(struct metrics *mt);

#endif
