/* SPDX-License-Identifier: GPL-2.0 */
/* Finding the file behind a uprobe/usdt PATH, and its symbols (cached). */
#ifndef QT_UPATH_H
#define QT_UPATH_H

struct elfsyms;

/*
 * PATH as written (a path, a program in $PATH, a library name such as
 * "libc") -> a file name (arena), or NULL when nothing matches.  pid (-p,
 * 0: none) is the process whose libraries are meant.
 */
char *upath_resolve(const char *path, int pid);
/* path's function symbols, read on first use and kept for the run; 0 or -errno. */
int upath_syms(const char *path, struct elfsyms **out);

#endif
