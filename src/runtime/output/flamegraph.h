/* SPDX-License-Identifier: GPL-2.0 */
/* --flamegraph FILE.svg: a self-contained interactive flame graph. */
#ifndef QT_FLAMEGRAPH_H
#define QT_FLAMEGRAPH_H

#include <stdio.h>
#include "runtime/output/profile.h"

/*
 * Write p as an SVG flame graph: root at the bottom, a frame's width its
 * samples; each frame's <title> says "name (N samples, P%)"; click zooms,
 * the search box highlights matches, colours tell kernel, user, JIT and
 * key fields apart.  Script and style are inline: nothing is fetched.
 * 0 or a negative errno.
 */
int out_flamegraph(FILE *out, const struct profile *p, const char *title);

#endif
