/* SPDX-License-Identifier: GPL-2.0 */
/* A whole file into one NUL-terminated heap buffer. */
#ifndef QT_READFILE_H
#define QT_READFILE_H

#include <stdio.h>

/* The rest of f (not closed), malloc'd; NULL with errno set. */
char *read_stream(FILE *f);
/* The file at path; NULL with errno set. */
char *read_file(const char *path);

#endif
