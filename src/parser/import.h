/* SPDX-License-Identifier: GPL-2.0 */
/* import "NAME"; of other scripts (import.c says how they are found). */
#ifndef QT_IMPORT_H
#define QT_IMPORT_H

struct node;

/* Where imports are looked for: script's directory (NULL: -e), then dirs (-I). */
void import_set_paths(const char *script, const char *const *dirs, int ndirs);
/*
 * Parse every file prog (the script's N_PROGRAM) imports, recursively, and
 * put what they define before prog's own.  0, or -1 (reported).
 */
int import_resolve(struct node *prog);

#endif
