// SPDX-License-Identifier: GPL-2.0
/* The records user space acts on: system(), cat(), join(), errorf() and warnf(). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "events.h"
#include "runtime/output/output.h"
#include "util/diag.h"

/* printf's formatting of the record, as a string (NULL on no memory). */
static char *format(const struct fmtinfo *f, const void *payload, size_t len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);

	if (!mem)
		return NULL;
	out_printf(mem, f, payload, len);
	if (fclose(mem) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

static void copy(FILE *out, FILE *in)
{
	char buf[4096];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, out);
}

/* system(): the command runs through /bin/sh, as bpftrace's does; its stdout goes to out. */
void out_system(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	char *cmd = format(f, payload, len);
	FILE *p;

	if (!cmd)
		return;
	fflush(out);
	p = popen(cmd, "r");
	if (!p) {
		diag_error(f->loc, "system(): cannot run '%s': %s", cmd, strerror(errno));
	} else {
		copy(out, p);
		pclose(p);
	}
	free(cmd);
}

void out_cat(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	char *path = format(f, payload, len);
	FILE *in;

	if (!path)
		return;
	in = fopen(path, "r");
	if (!in) {
		diag_error(f->loc, "cat(): cannot open '%s': %s", path, strerror(errno));
	} else {
		copy(out, in);
		fclose(in);
	}
	free(path);
}

/* join(): the strings with the separator between, then a newline. */
void out_join(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	struct qt_join j;
	uint64_t i;

	memset(&j, 0, sizeof(j));
	memcpy(&j, payload, len < sizeof(j) ? len : sizeof(j));
	for (i = 0; i < j.n && i < QT_JOIN_ARGS; i++) {
		if (i)
			fputs(f->fmt, out);
		fwrite(j.s[i], 1, strnlen(j.s[i], QT_JOIN_STR), out);
	}
	fputc('\n', out);
}

/*
 * errorf()/warnf(): bpftrace prints the message with the call's source
 * place, as its compile errors; so does qtrace (diag).  A newline ending
 * the format is dropped: the message is one diagnostic line.
 */
void out_errorf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len,
		bool warn)
{
	char *msg = format(f, payload, len);
	size_t n;

	if (!msg)
		return;
	n = strlen(msg);
	if (n && msg[n - 1] == '\n')
		msg[n - 1] = '\0';
	fflush(out);
	if (warn)
		diag_warn(f->loc, "%s", msg);
	else
		diag_error(f->loc, "%s", msg);
	free(msg);
}
