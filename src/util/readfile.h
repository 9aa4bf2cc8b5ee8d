/* SPDX-License-Identifier: GPL-2.0 */
/* A whole file into one NUL-terminated heap buffer. */
#ifndef QT_READFILE_H
#define QT_READFILE_H

#include <stddef.h>
#include <stdio.h>

#include <stdio.h>

/* The rest of f (not closed), malloc'd; NULL with errno set. */
char *read_stream(FILE *f);
/* The file at path; NULL with errno set. */
char *read_file(const char *path);
/* The same, with the bytes read in *len (a NUL inside makes it more than strlen). */
char *read_stream_n(FILE *f, size_t *len);
char *read_file_n(const char *path, size_t *len);

#endif
