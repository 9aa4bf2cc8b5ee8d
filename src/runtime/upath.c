// SPDX-License-Identifier: GPL-2.0
/*
 * The PATH of uprobe:PATH:... and usdt:PATH:...: from what the user wrote to
 * a file, and that file's symbols, read once per run.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/arena.h"
#include "runtime/elfsym.h"
#include "runtime/upath.h"

/* Files already read, kept for the whole run: one binary often has many probes. */
static struct elfsyms **cache;
static int ncache;

int upath_syms(const char *path, struct elfsyms **out)
{
	struct elfsyms **v;
	int i, err;

	for (i = 0; i < ncache; i++) {
		if (!strcmp(cache[i]->path, path)) {
			*out = cache[i];
			return 0;
		}
	}
	err = elfsym_open(path, out);
	if (err)
		return err;
	v = realloc(cache, (ncache + 1) * sizeof(*v));
	if (!v) {
		elfsym_free(*out);
		return -ENOMEM;
	}
	cache = v;
	cache[ncache++] = *out;
	return 0;
}

static bool is_file(const char *path)
{
	return access(path, F_OK) == 0;
}

/* A bare name: a program in $PATH. */
static char *search_path(const char *name)
{
	const char *env = getenv("PATH");
	char *dirs, *d, *save = NULL, *res = NULL;

	if (!env || !(dirs = strdup(env)))
		return NULL;
	for (d = strtok_r(dirs, ":", &save); d && !res; d = strtok_r(NULL, ":", &save)) {
		char *p = arena_printf("%s/%s", d[0] ? d : ".", name);

		if (access(p, X_OK) == 0)
			res = p;
	}
	free(dirs);
	return res;
}

/* "libc" or "libc.so.6" -> the loader's file, from `ldconfig -p`. */
static char *search_libs(const char *name)
{
	const char *base = strncmp(name, "lib", 3) ? arena_printf("lib%s", name) : name;
	size_t len = strlen(base);
	char line[1024], *res = NULL;
	FILE *f;

	f = popen("PATH=$PATH:/sbin:/usr/sbin ldconfig -p 2>/dev/null", "r");
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		char *so = line + strspn(line, " \t"), *arrow = strstr(line, " => ");

		if (!arrow || strncmp(so, base, len))
			continue;
		if (so[len] != ' ' && strncmp(so + len, ".so", 3))
			continue;
		/* an entry of the machine's own ABI wins over the first one */
		if (!res || (!strstr(res, "x86-64") && strstr(line, "x86-64"))) {
			arrow[strcspn(arrow, "\n")] = '\0';
			res = arena_strdup(line);
		}
	}
	pclose(f);
	return res ? arena_strdup(strstr(res, " => ") + 4) : NULL;
}

char *upath_resolve(const char *path, int pid)
{
	char buf[PATH_MAX];

	if (strchr(path, '/')) {
		if (!is_file(path))
			return NULL;
		if (path[0] == '/' || !realpath(path, buf))
			return arena_strdup(path);
		return arena_strdup(buf);
	}
	(void)pid;
	return search_path(path) ? search_path(path) : search_libs(path);
}
