// SPDX-License-Identifier: GPL-2.0
/*
 * qtrace --tools.  The question a tool answers is its header's first line,
 * "// NAME.qt - QUESTION", read from the script itself, so the list cannot
 * drift from what is shipped.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tools.h"
#include "util/readfile.h"

#ifndef QT_STDLIB_DIR
#define QT_STDLIB_DIR "/usr/local/share/qtrace/stdlib"
#endif

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

const char *tools_dir(void)
{
	static char beside[PATH_MAX];
	const char *env = getenv("QTRACE_STDLIB_DIR");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", beside, sizeof(beside) - sizeof("/../share/qtrace/stdlib"));
	if (n > 0) {
		beside[n] = 0;
		slash = strrchr(beside, '/');
		if (slash) {
			strcpy(slash, "/stdlib");
			if (is_dir(beside))
				return beside;
			/* installed under another root (DESTDIR, a moved tree) */
			strcpy(slash, "/../share/qtrace/stdlib");
			if (is_dir(beside))
				return beside;
		}
	}
	return QT_STDLIB_DIR;
}

static int is_tool(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && !strcmp(d->d_name + n - 3, ".qt");
}

/*
 * The QUESTION of "// NAME - QUESTION" and the "// ..." lines after it up
 * to an empty "//", joined by single spaces; NULL when there is none.
 */
static char *question(const char *text, const char *name)
{
	size_t nlen = strlen(name), len = 0;
	const char *p = text, *eol;
	char *q = NULL, *nq;
	bool found = false;

	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchrnul(p, '\n');
		if (!found) {
			if (strncmp(p, "// ", 3) || strncmp(p + 3, name, nlen) ||
			    strncmp(p + 3 + nlen, " - ", 3))
				continue;
			found = true;
			p += 3 + nlen + 3;
		} else {
			if (strncmp(p, "//", 2))
				break;
			p += 2;
			while (p < eol && (*p == ' ' || *p == '\t'))
				p++;
			if (p == eol)
				break;
		}
		nq = realloc(q, len + (eol - p) + 2);
		if (!nq)
			break;
		q = nq;
		if (len)
			q[len++] = ' ';
		memcpy(q + len, p, eol - p);
		len += eol - p;
		q[len] = 0;
	}
	return q;
}

int tools_list(FILE *out)
{
	const char *dir = tools_dir();
	struct dirent **v;
	char path[PATH_MAX];
	int i, n;

	n = scandir(dir, &v, is_tool, alphasort);
	if (n < 0) {
		fprintf(stderr, "qtrace: error: cannot list the tools in '%s': %s\n", dir,
			strerror(errno));
		fprintf(stderr, "qtrace: set QTRACE_STDLIB_DIR to the directory of the NAME.qt tools\n");
		return -1;
	}
	for (i = 0; i < n; i++) {
		char *text, *q = NULL;

		snprintf(path, sizeof(path), "%s/%s", dir, v[i]->d_name);
		text = read_file(path);
		if (text)
			q = question(text, v[i]->d_name);
		fprintf(out, "%-15s %s\n", v[i]->d_name, q ? q : "(no \"// NAME.qt - QUESTION\" header)");
		free(q);
		free(text);
		free(v[i]);
	}
	free(v);
	return 0;
}
