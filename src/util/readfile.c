// SPDX-License-Identifier: GPL-2.0
/* A whole file into one NUL-terminated heap buffer (scripts, tracefs lists). */
#include <errno.h>
#include <stdlib.h>
#include "util/readfile.h"

char *read_stream_n(FILE *f, size_t *lenp)
{
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, n;

	errno = 0;
	do {
		if (cap - len < 4096) {
			nb = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!nb) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		free(buf);
		if (!errno)	/* fread's read error: EISDIR for a directory */
			errno = EIO;
		return NULL;
	}
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

char *read_stream(FILE *f)
{
	return read_stream_n(f, NULL);
}

char *read_file(const char *path)
{
	return read_file_n(path, NULL);
}

char *read_file_n(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	char *buf;
	int err;

	if (!f)
		return NULL;
	buf = read_stream_n(f, len);
	err = errno;
	fclose(f);
	errno = err;
	return buf;
}
