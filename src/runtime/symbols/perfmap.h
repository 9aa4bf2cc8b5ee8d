/* SPDX-License-Identifier: GPL-2.0 */
/* JIT symbols from /tmp/perf-PID.map (Java, Node, .NET, LuaJIT write them). */
#ifndef QT_PERFMAP_H
#define QT_PERFMAP_H

#include <stdint.h>

/*
 * The name of the JIT'd code holding ip in process pid's perf map and ip's
 * offset from its start (*off), or NULL.  The file is read once per pid,
 * the first time a frame of pid needs it: it stays on disk after the
 * process exits, so this works at exit too.
 */
const char *perfmap_find(int pid, uint64_t ip, uint64_t *off);

#endif
