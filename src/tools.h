/* SPDX-License-Identifier: GPL-2.0 */
/* qtrace --tools: the shipped tools, each with the question it answers. */
#ifndef QT_TOOLS_H
#define QT_TOOLS_H

#include <stdio.h>

/*
 * Where the tools are: $QTRACE_STDLIB_DIR; else stdlib/ beside the running
 * qtrace when there is one (a build tree), or ../share/qtrace/stdlib from
 * it (an installed tree, wherever it was put); else the configured
 * $(pkgdatadir)/stdlib (QT_STDLIB_DIR).
 */
const char *tools_dir(void);

/*
 * One line per NAME.qt of tools_dir(), sorted: the name, then its header's
 * "// NAME.qt - QUESTION" with the comment lines that continue it.  0, or
 * -1 (said on stderr) when the directory cannot be read.
 */
int tools_list(FILE *out);

#endif
