/* SPDX-License-Identifier: GPL-2.0 */
/* Finding the file behind a uprobe/usdt PATH, and its symbols (cached). */
#ifndef QT_UPATH_H
#define QT_UPATH_H

struct elfsyms;

/*
 * PATH as written (a path, a program in $PATH, a library name such as
 * "libc") -> a file name (arena), or NULL when nothing matches.  pid (-p,
 * 0: none) is the process whose libraries are meant: a bare name or a
 * relative path is first looked up among the files it mapped
 * (/proc/PID/maps; through /proc/PID/root across mount namespaces).
 */
char *upath_resolve(const char *path, int pid);
/*
 * PATH with wildcards (glob(3)) -> the ELF files it matches, in glob's
 * order; other files are skipped.  The count (0: none); *out in the arena.
 */
int upath_glob(const char *pattern, char ***out);
/*
 * The files pid has mapped executable (its program and libraries), each
 * once, reached through /proc/PID/root when it lives in another mount
 * namespace.  The count (0: none or no such process); *out in the arena.
 */
int upath_mapped(int pid, char ***out);
/* path's function symbols, read on first use and kept for the run; 0 or -errno. */
int upath_syms(const char *path, struct elfsyms **out);

#endif
