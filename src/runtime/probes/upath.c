// SPDX-License-Identifier: GPL-2.0
/*
 * The PATH of uprobe:PATH:... and usdt:PATH:...: from what the user wrote to
 * a file, and that file's symbols, read once per run.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "util/arena.h"
#include "runtime/symbols/elfsym.h"
#include "runtime/probes/upath.h"

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

/* Does the mapped file (absolute) answer to name: a relative path or a bare name? */
static bool maps_match(const char *file, const char *name)
{
	const char *base = strrchr(file, '/') + 1, *lib;
	size_t len, flen = strlen(file);

	if (strchr(name, '/')) {
		while (!strncmp(name, "./", 2))
			name += 2;
		len = strlen(name);
		return flen > len && file[flen - len - 1] == '/' && !strcmp(file + flen - len, name);
	}
	if (!strcmp(base, name))
		return true;
	/* "libc" or "c": libc.so.6, libc-2.31.so */
	lib = strncmp(name, "lib", 3) ? arena_printf("lib%s", name) : name;
	len = strlen(lib);
	return !strncmp(base, lib, len) &&
	       (!strncmp(base + len, ".so", 3) || (base[len] == '-' && isdigit((unsigned char)base[len + 1])));
}

static bool same_mount_ns(int pid)
{
	struct stat a, b;
	char p[64];

	snprintf(p, sizeof(p), "/proc/%d/ns/mnt", pid);
	return !stat("/proc/self/ns/mnt", &a) && !stat(p, &b) &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/*
 * -p PID: the file the process mapped under that name.  Reached through
 * /proc/PID/root when the process lives in another mount namespace (a
 * container), where its /usr/lib is not ours.
 */
static char *search_maps(const char *name, int pid)
{
	char line[PATH_MAX + 128], p[64], *res = NULL;
	FILE *f;

	snprintf(p, sizeof(p), "/proc/%d/maps", pid);
	f = fopen(p, "re");
	if (!f)
		return NULL;
	while (!res && fgets(line, sizeof(line), f)) {
		char *file = strchr(line, '/');
		size_t len;

		if (!file)
			continue;
		len = strcspn(file, "\n");
		file[len] = '\0';
		if (len > 10 && !strcmp(file + len - 10, " (deleted)"))
			continue;
		if (maps_match(file, name))
			res = arena_strdup(file);
	}
	fclose(f);
	if (!res)
		return NULL;
	if (same_mount_ns(pid) && is_file(res))
		return res;
	return arena_printf("/proc/%d/root%s", pid, res);
}

int upath_mapped(int pid, char ***out)
{
	char line[PATH_MAX + 128], p[64], **v = NULL;
	bool other_ns = !same_mount_ns(pid);
	int n = 0, cap = 0, i;
	FILE *f;

	snprintf(p, sizeof(p), "/proc/%d/maps", pid);
	f = fopen(p, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char perms[8], *file = strchr(line, '/');
		size_t len;

		if (!file || sscanf(line, "%*s %7s", perms) != 1 || perms[2] != 'x')
			continue;
		len = strcspn(file, "\n");
		file[len] = '\0';
		if (len > 10 && !strcmp(file + len - 10, " (deleted)"))
			continue;
		for (i = 0; i < n && strcmp(v[i], file); i++)
			;
		if (i < n)
			continue;
		if (n == cap) {
			char **nv = arena_alloc((cap = cap ? 2 * cap : 16) * sizeof(*nv));

			if (n)
				memcpy(nv, v, n * sizeof(*nv));
			v = nv;
		}
		v[n++] = arena_strdup(file);
	}
	fclose(f);
	for (i = 0; other_ns && i < n; i++)
		v[i] = arena_printf("/proc/%d/root%s", pid, v[i]);
	*out = v;
	return n;
}

char *upath_resolve(const char *path, int pid)
{
	char buf[PATH_MAX], *res;

	if (pid && path[0] != '/' && (res = search_maps(path, pid)))
		return res;
	if (strchr(path, '/')) {
		if (!is_file(path))
			return NULL;
		if (path[0] == '/' || !realpath(path, buf))
			return arena_strdup(path);
		return arena_strdup(buf);
	}
	return search_path(path) ? search_path(path) : search_libs(path);
}

static bool is_elf(const char *path)
{
	unsigned char m[4];
	struct stat st;
	bool elf;
	int fd;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return false;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	elf = read(fd, m, 4) == 4 && !memcmp(m, "\177ELF", 4);
	close(fd);
	return elf;
}

int upath_glob(const char *pattern, char ***out)
{
	char buf[PATH_MAX], **v;
	glob_t g;
	size_t i;
	int n = 0;

	*out = NULL;
	if (glob(pattern, 0, NULL, &g))
		return 0;
	v = arena_alloc((g.gl_pathc + 1) * sizeof(*v));
	for (i = 0; i < g.gl_pathc; i++) {
		const char *f = g.gl_pathv[i];

		if (!is_elf(f))
			continue;
		v[n++] = arena_strdup(f[0] == '/' || !realpath(f, buf) ? f : buf);
	}
	globfree(&g);
	*out = v;
	return n;
}
