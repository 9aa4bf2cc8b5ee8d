// SPDX-License-Identifier: GPL-2.0
/*
 * Build id -> file index for build-id stack frames (BPF_F_STACK_BUILD_ID):
 * the kernel names a frame's file by its GNU build id, and this finds the
 * file on disk.  Files are indexed as they become known (mapped by a
 * process qtrace saw, probed, run with -c); only a miss searches wider.
 * Every file (by device and inode) has its build id read at most once.
 * The first miss indexes the hints (probe targets, the -c program).
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "runtime/symbols/buildid.h"

/* Open-addressed hash tables: build id -> file, (dev, ino) -> seen. */
static struct buildid_file **ids;
static uint32_t ids_cap, ids_n;
static uint64_t *seen;		/* dev ^ ino << 20 ... mixed, 0 = empty */
static uint32_t seen_cap, seen_n;
static int nread;
static int stage;		/* the next search stage a miss runs */
static char **hints;		/* buildid_hint()s, indexed at the first miss */
static int nhints;

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x ? x : 1;
}

/* Mark (dev, ino) seen; false if it was already. */
static bool seen_add(dev_t dev, ino_t ino)
{
	uint64_t k = mix(((uint64_t)dev << 40) ^ (uint64_t)ino ^ ((uint64_t)dev >> 24));
	uint32_t i;

	if (2 * (seen_n + 1) > seen_cap) {
		uint64_t *old = seen;
		uint32_t oc = seen_cap, j;

		seen_cap = oc ? 2 * oc : 1024;
		seen = calloc(seen_cap, sizeof(*seen));
		if (!seen) {
			seen = old;
			seen_cap = oc;
			return true;
		}
		for (j = 0; j < oc; j++) {
			for (i = old[j] & (seen_cap - 1); old[j] && seen[i];)
				i = (i + 1) & (seen_cap - 1);
			if (old[j])
				seen[i] = old[j];
		}
		free(old);
	}
	for (i = k & (seen_cap - 1); seen[i]; i = (i + 1) & (seen_cap - 1))
		if (seen[i] == k)
			return false;
	seen[i] = k;
	seen_n++;
	return true;
}

static uint32_t id_hash(const uint8_t *id)
{
	uint64_t x;

	memcpy(&x, id, sizeof(x));
	return (uint32_t)mix(x);
}

static void ids_put(struct buildid_file *f)
{
	uint32_t i;

	for (i = id_hash(f->id) & (ids_cap - 1); ids[i]; i = (i + 1) & (ids_cap - 1))
		;
	ids[i] = f;
}

static void ids_add(struct buildid_file *f)
{
	if (2 * (ids_n + 1) > ids_cap) {
		struct buildid_file **old = ids;
		uint32_t oc = ids_cap, j;

		ids_cap = oc ? 2 * oc : 256;
		ids = calloc(ids_cap, sizeof(*ids));
		if (!ids) {
			ids = old;
			ids_cap = oc;
			return;
		}
		for (j = 0; j < oc; j++)
			if (old[j])
				ids_put(old[j]);
		free(old);
	}
	ids_put(f);
	ids_n++;
}

static struct buildid_file *ids_get(const uint8_t *id)
{
	uint32_t i;

	if (!ids_cap)
		return NULL;
	for (i = id_hash(id) & (ids_cap - 1); ids[i]; i = (i + 1) & (ids_cap - 1))
		if (!memcmp(ids[i]->id, id, BUILDID_SIZE))
			return ids[i];
	return NULL;
}

/* The NT_GNU_BUILD_ID descriptor among the notes in buf. */
static int note_find(const uint8_t *buf, size_t len, uint8_t id[BUILDID_SIZE])
{
	size_t off = 0;

	while (off + sizeof(Elf64_Nhdr) <= len) {
		Elf64_Nhdr nh;
		size_t name, desc;

		memcpy(&nh, buf + off, sizeof(nh));
		name = off + sizeof(nh);
		desc = name + ((nh.n_namesz + 3) & ~3u);
		if (desc + nh.n_descsz > len)
			break;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    !memcmp(buf + name, "GNU", 4) && nh.n_descsz) {
			memset(id, 0, BUILDID_SIZE);
			memcpy(id, buf + desc, nh.n_descsz < BUILDID_SIZE ?
			       nh.n_descsz : BUILDID_SIZE);
			return 0;
		}
		off = desc + ((nh.n_descsz + 3) & ~3u);
	}
	return -ENOENT;
}

int buildid_read(int fd, uint8_t id[BUILDID_SIZE])
{
	Elf64_Phdr ph[64];
	Elf64_Ehdr eh;
	uint8_t buf[1024];
	int i, n;

	nread++;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64)
		return -ENOEXEC;
	n = eh.e_phnum < 64 ? eh.e_phnum : 64;
	if (eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    pread(fd, ph, n * sizeof(*ph), eh.e_phoff) != (ssize_t)(n * sizeof(*ph)))
		return -ENOEXEC;
	for (i = 0; i < n; i++) {
		ssize_t len;

		if (ph[i].p_type != PT_NOTE)
			continue;
		len = pread(fd, buf, ph[i].p_filesz < sizeof(buf) ? ph[i].p_filesz :
			    sizeof(buf), ph[i].p_offset);
		if (len > 0 && !note_find(buf, len, id))
			return 0;
	}
	return -ENOENT;
}

/* Index path if it is a regular ELF file not seen before. */
static void add_file(const char *path)
{
	struct buildid_file *f;
	uint8_t id[BUILDID_SIZE];
	struct stat st;
	int fd;

	if (stat(path, &st) || !S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf64_Ehdr) ||
	    !seen_add(st.st_dev, st.st_ino))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return;
	if (buildid_read(fd, id) || ids_get(id)) {
		close(fd);
		return;
	}
	close(fd);
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		return;
	}
	memcpy(f->id, id, BUILDID_SIZE);
	ids_add(f);
}

void buildid_add(const char *path)
{
	if (path && path[0] == '/')
		add_file(path);
}

/*
 * A relative path (`-c ./prog`) is made absolute now: the program's own
 * frames resolve through it even when the process exited before its maps
 * were read (the guests lost every frame of a 400 ms `./hotcold` so).
 */
void buildid_hint(const char *path)
{
	char **v, *abs;

	if (!path || !(abs = path[0] == '/' ? strdup(path) : realpath(path, NULL)))
		return;
	if (!(v = realloc(hints, (nhints + 1) * sizeof(*v)))) {
		free(abs);
		return;
	}
	hints = v;
	hints[nhints++] = abs;
}

/* The executable file mappings of one /proc/PID/maps. */
static void add_maps(const char *maps)
{
	char line[4600], perms[8], path[4096];
	FILE *f = fopen(maps, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*x-%*x %7s %*x %*s %*s %4095s", perms, path) == 2 &&
		    perms[2] == 'x' && path[0] == '/')
			add_file(path);
	fclose(f);
}

static void scan_procs(void)
{
	char maps[64];
	struct dirent *d;
	DIR *dir = opendir("/proc");

	add_maps("/proc/self/maps");
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(maps, sizeof(maps), "/proc/%.20s/maps", d->d_name);
		add_maps(maps);
	}
	if (dir)
		closedir(dir);
}

static void scan_dir(const char *dir)
{
	char path[4096];
	struct dirent *d;
	DIR *dp = opendir(dir);

	while (dp && (d = readdir(dp))) {
		if (d->d_type != DT_REG && d->d_type != DT_LNK && d->d_type != DT_UNKNOWN)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, d->d_name) < (int)sizeof(path))
			add_file(path);
	}
	if (dp)
		closedir(dp);
}

/* The directories of the files indexed so far, $PATH, the library dirs. */
static void scan_dirs(void)
{
	static const char *const libdirs[] = {
		"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
		"/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib", NULL,
	};
	char **dirs, *path = getenv("PATH") ? strdup(getenv("PATH")) : NULL, *p, *s;
	uint32_t i, n = 0, cap = ids_cap;
	int k;

	dirs = calloc(cap + 1, sizeof(*dirs));
	for (i = 0; dirs && i < cap; i++) {
		if (!ids[i] || !(s = strrchr(ids[i]->path, '/')))
			continue;
		dirs[n] = strndup(ids[i]->path, s - ids[i]->path ? s - ids[i]->path : 1);
		if (dirs[n])
			n++;
	}
	for (i = 0; i < n; i++)
		scan_dir(dirs[i]);
	for (p = path ? strtok_r(path, ":", &s) : NULL; p; p = strtok_r(NULL, ":", &s))
		scan_dir(p);
	for (k = 0; libdirs[k]; k++)
		scan_dir(libdirs[k]);
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
	free(path);
}

struct buildid_file *buildid_find(const uint8_t id[BUILDID_SIZE])
{
	struct buildid_file *f = ids_get(id);

	while (!f && stage < 3) {
		switch (stage++) {
		case 0:
			while (nhints)
				add_file(hints[--nhints]);
			break;
		case 1:
			scan_procs();
			break;
		default:
			scan_dirs();
			break;
		}
		f = ids_get(id);
	}
	return f;
}

int buildid_files_read(void)
{
	return nread;
}
