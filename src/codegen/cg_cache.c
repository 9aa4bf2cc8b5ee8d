// SPDX-License-Identifier: GPL-2.0
/*
 * The cache of compiled objects.  LLVM's optimiser and BPF backend are 10 of
 * the 13 million user-space instructions of a one-liner's start-up; a script
 * run again compiles to the same IR, so its object is kept.
 *
 * The key is the IR itself (as bitcode, before optimisation: half the cost
 * of printing it, 0.8 of the 3.9 million instructions of a hit), with this qtrace
 * binary's build id, the BPF CPU and the pass pipeline: everything the object
 * is made from.  What the script read from the kernel or from files (formats,
 * BTF, DWARF, symbols, cpid, -p) is already in the IR as constants, so a
 * changed kernel or binary gives another key, never a stale object.  A hit
 * compares the whole key, not only its hash.
 *
 * Files live in QTRACE_CACHE_DIR, else /var/cache/qtrace (root) or
 * ~/.cache/qtrace; the directory and each file must be owned by qtrace's
 * user and writable by nobody else (the object runs in the kernel as root).
 * QTRACE_NO_CACHE=1 turns it off.  Any failure just compiles.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <llvm-c/BitWriter.h>
#include "codegen/cg_internal.h"
#include "util/envflag.h"

#define CACHE_MAGIC "QTCACHE1"
#define CACHE_MAX_KEY (4 << 20)		/* larger scripts are compiled every time */
#define CACHE_MAX_FILES 1024		/* past this, the oldest files go */

struct cache_hdr {
	char magic[8];
	uint64_t key_len;
	uint64_t elf_len;
};

static char build_id[41];

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	int i;

	(void)size;
	(void)data;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			const unsigned char *desc = (const unsigned char *)(n + 1) + ((n->n_namesz + 3) & ~3u);
			unsigned j;

			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    !memcmp(n + 1, "GNU", 4) && n->n_descsz >= 8) {
				for (j = 0; j < n->n_descsz && j < 20; j++)
					sprintf(build_id + 2 * j, "%02x", desc[j]);
				return 1;
			}
			p = (const char *)desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1;	/* the first object is the executable: stop there */
}

/* The directory, made if needed; NULL when there is none we may trust. */
static const char *cache_dir(void)
{
	static char dir[512];
	const char *env = getenv("QTRACE_CACHE_DIR"), *home;
	struct stat st;

	if (env_flag("QTRACE_NO_CACHE"))
		return NULL;
	if (env && *env) {
		snprintf(dir, sizeof(dir), "%s", env);
	} else if (geteuid() == 0) {
		snprintf(dir, sizeof(dir), "/var/cache/qtrace");
	} else if ((home = getenv("HOME")) && *home) {
		snprintf(dir, sizeof(dir), "%s/.cache", home);
		mkdir(dir, 0700);
		snprintf(dir, sizeof(dir), "%s/.cache/qtrace", home);
	} else {
		return NULL;
	}
	if (mkdir(dir, 0700) && errno != EEXIST)
		return NULL;
	if (lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022))
		return NULL;
	return dir;
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

/* The key: build id, CPU, pipeline and IR; NULL when the cache is off. */
char *cg_cache_key(struct cg *c, const char *cpu, const char *passes, size_t *len)
{
	LLVMMemoryBufferRef bc;
	const char *ir;
	char *key;
	size_t n;

	if (!build_id[0])
		dl_iterate_phdr(find_build_id, NULL);
	if (!build_id[0] || !cache_dir())
		return NULL;
	bc = LLVMWriteBitcodeToMemoryBuffer(c->mod);
	if (!bc)
		return NULL;
	ir = LLVMGetBufferStart(bc);
	n = LLVMGetBufferSize(bc);
	key = n < CACHE_MAX_KEY ? malloc(n + 256 + strlen(passes)) : NULL;
	if (key)
		*len = (size_t)sprintf(key, "%s\n%s\n%s\n", build_id, cpu, passes);
	if (key) {
		memcpy(key + *len, ir, n);
		*len += n;
	}
	LLVMDisposeMemoryBuffer(bc);
	return key;
}

static void path_of(char *path, size_t size, const char *dir, const char *key, size_t len)
{
	snprintf(path, size, "%s/%016llx.o", dir, (unsigned long long)fnv1a(key, len));
}

static bool read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	ssize_t r;

	while (n) {
		r = read(fd, p, n);
		if (r <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* The object for key, malloc'd, or NULL. */
void *cg_cache_lookup(const char *key, size_t len, size_t *elf_len)
{
	const char *dir = cache_dir();
	struct cache_hdr h;
	char path[600], *buf = NULL, *elf = NULL;
	struct stat st;
	int fd;

	if (!dir)
		return NULL;
	path_of(path, sizeof(path), dir, key, len);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022) || !read_all(fd, &h, sizeof(h)) ||
	    memcmp(h.magic, CACHE_MAGIC, 8) || h.key_len != len || !h.elf_len ||
	    (uint64_t)st.st_size != sizeof(h) + h.key_len + h.elf_len)
		goto out;
	buf = malloc(len);
	elf = malloc(h.elf_len);
	if (!buf || !elf || !read_all(fd, buf, len) || memcmp(buf, key, len) ||
	    !read_all(fd, elf, h.elf_len)) {
		free(elf);
		elf = NULL;
		goto out;
	}
	*elf_len = h.elf_len;
	/* its age is its last use: the oldest files are the ones to drop */
	futimens(fd, NULL);
out:
	free(buf);
	close(fd);
	return elf;
}

struct entry {
	struct timespec used;
	char name[32];
};

static int cmp_used(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	return (x->used.tv_nsec > y->used.tv_nsec) - (x->used.tv_nsec < y->used.tv_nsec);
}

/*
 * Keep the directory small: past CACHE_MAX_FILES, the least recently used
 * quarter goes.  Looked at after one store in 16 (by the key's hash), so a
 * miss rarely pays for the scan.
 */
static void trim(const char *dir)
{
	struct entry *v = NULL, *nv;
	char path[600];
	struct dirent *d;
	struct stat st;
	int n = 0, cap = 0, i;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp))) {
		size_t l = strlen(d->d_name);

		if (l >= sizeof(v->name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (lstat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		/* left by a qtrace killed while writing */
		if (!strncmp(d->d_name, "tmp.", 4) && st.st_mtim.tv_sec + 60 < time(NULL)) {
			unlink(path);
			continue;
		}
		if (l < 3 || strcmp(d->d_name + l - 2, ".o"))
			continue;
		if (n == cap) {
			nv = realloc(v, (cap = cap ? 2 * cap : 256) * sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		v[n].used = st.st_mtim;
		memcpy(v[n++].name, d->d_name, l + 1);
	}
	closedir(dp);
	if (n > CACHE_MAX_FILES) {
		qsort(v, n, sizeof(*v), cmp_used);
		for (i = 0; i < n - CACHE_MAX_FILES * 3 / 4; i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, v[i].name);
			unlink(path);
		}
	}
	free(v);
}

static bool write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Written whole to a temporary file, then renamed: readers see all or nothing. */
void cg_cache_store(const char *key, size_t len, const void *elf, size_t elf_len)
{
	const char *dir = cache_dir();
	struct cache_hdr h = { .key_len = len, .elf_len = elf_len };
	char path[600], tmp[640];
	bool ok;
	int fd;

	if (!dir)
		return;
	memcpy(h.magic, CACHE_MAGIC, 8);
	path_of(path, sizeof(path), dir, key, len);
	snprintf(tmp, sizeof(tmp), "%s/tmp.XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0)
		return;
	ok = write_all(fd, &h, sizeof(h)) && write_all(fd, key, len) &&
	     write_all(fd, elf, elf_len);
	if (close(fd) || !ok || rename(tmp, path)) {
		unlink(tmp);
		return;
	}
	if ((fnv1a(key, len) & 15) == 0)
		trim(dir);
}
