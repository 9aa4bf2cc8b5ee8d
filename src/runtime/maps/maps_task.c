// SPDX-License-Identifier: GPL-2.0
/*
 * Reading, clearing and zeroing maps kept in task storage
 * (mapinfo.task_storage).  Such a map has no keys to walk: its elements
 * are found through the threads, /proc/PID/task/TID, each looked up with
 * a pidfd of the thread (PIDFD_THREAD, Linux 6.9); TID is the key (sema
 * made sure that /proc shows the tids the programs see).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* syscall */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "util/pidfd.h"
#include "runtime/maps/maps_read.h"


/* Called with a thread, a pidfd of it and a buffer of the map's value size. */
typedef int (*thread_fn)(const struct mapinfo *m, int fd, int tid, int pidfd,
			 uint8_t *val, void *arg);

static int num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *s >= '0' && *s <= '9' && !*end && v > 0 && v <= 0x7fffffff ? (int)v : 0;
}

/* fn for every thread of the process whose /proc directory is pid. */
static int each_task(const struct mapinfo *m, int fd, int pid, uint8_t *val,
		     thread_fn fn, void *arg)
{
	char path[32];
	struct dirent *d;
	DIR *dir;
	int tid, pidfd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return 0;	/* gone meanwhile */
	while (!err && (d = readdir(dir))) {
		tid = num(d->d_name);
		if (!tid)
			continue;
		pidfd = qt_pidfd_open(tid, PIDFD_THREAD);
		if (pidfd < 0)
			continue;	/* exited meanwhile */
		err = fn(m, fd, tid, pidfd, val, arg);
		close(pidfd);
	}
	closedir(dir);
	return err;
}

static int each_thread(const struct mapinfo *m, int fd, thread_fn fn, void *arg)
{
	uint8_t *val = malloc(m->bpf_value_size);
	struct dirent *d;
	DIR *proc;
	int pid, err = 0;

	proc = opendir("/proc");
	if (!val || !proc) {
		err = val ? -errno : -ENOMEM;
		goto out;
	}
	while (!err && (d = readdir(proc)))
		if ((pid = num(d->d_name)))
			err = each_task(m, fd, pid, val, fn, arg);
out:
	if (proc)
		closedir(proc);
	free(val);
	return err;
}

static uint64_t tag_of(const struct mapinfo *m, const uint8_t *val)
{
	uint64_t tag;

	memcpy(&tag, val + QT_TSTORE_TAG_OFF(m), 8);
	return tag;
}

/* The thread's element into val; 1 if present, 0 if not, or a negative errno. */
static int lookup(const struct mapinfo *m, int fd, int pidfd, uint8_t *val)
{
	if (bpf_map_lookup_elem(fd, &pidfd, val))
		return errno == ENOENT || errno == ESRCH ? 0 : -errno;
	return tag_of(m, val) != 0;
}

/* Growing arrays of the present elements: keys (u64 tid) and values. */
struct collect {
	uint8_t *keys, *vals;
	int n, cap;
};

static int add(const struct mapinfo *m, int fd, int tid, int pidfd, uint8_t *val,
	       void *arg)
{
	struct collect *col = arg;
	size_t vs = m->bpf_value_size;
	uint64_t key = (uint64_t)tid;
	uint8_t *k, *v;
	int r = lookup(m, fd, pidfd, val);

	if (r <= 0)
		return r;
	if (col->n == col->cap) {
		col->cap = col->cap ? 2 * col->cap : 64;
		k = realloc(col->keys, (size_t)col->cap * 8);
		if (k)
			col->keys = k;
		v = realloc(col->vals, (size_t)col->cap * vs);
		if (v)
			col->vals = v;
		if (!k || !v)
			return -ENOMEM;
	}
	memcpy(col->keys + (size_t)col->n * 8, &key, 8);
	memcpy(col->vals + (size_t)col->n * vs, val, vs);
	col->n++;
	return 0;
}

int out_tstore_read(struct out_map *om, const struct mapinfo *m, int fd)
{
	struct collect col = { 0 };
	size_t vs = m->bpf_value_size;
	int i, err;

	err = each_thread(m, fd, add, &col);
	om->keys = col.keys;
	om->vals = col.vals;
	if (err)
		return err;
	om->e = calloc(col.n ? col.n : 1, sizeof(*om->e));
	if (!om->e)
		return -ENOMEM;
	for (i = 0; i < col.n; i++) {
		struct out_entry *e = &om->e[i];

		e->key = col.keys + (size_t)i * 8;
		e->raw = col.vals + (size_t)i * vs;
		if (m->value_type && m->value_type->kind == T_INT)
			memcpy(&e->v, e->raw, 8);
	}
	om->n = col.n;
	return 0;
}

/* clear(): the element goes (the program makes a new one when needed). */
static int clear_one(const struct mapinfo *m, int fd, int tid, int pidfd,
		     uint8_t *val, void *arg)
{
	if (bpf_map_delete_elem(fd, &pidfd) && errno != ENOENT && errno != ESRCH)
		return -errno;
	return 0;
}

/* zero(): the value becomes 0 and the element stays. */
static int zero_one(const struct mapinfo *m, int fd, int tid, int pidfd,
		    uint8_t *val, void *arg)
{
	int r = lookup(m, fd, pidfd, val);

	if (r <= 0)
		return r;
	memset(val, 0, QT_TSTORE_TAG_OFF(m));
	if (bpf_map_update_elem(fd, &pidfd, val, BPF_EXIST) &&
	    errno != ENOENT && errno != ESRCH)
		return -errno;
	return 0;
}

int out_tstore_clear(const struct mapinfo *m, int fd, bool zero)
{
	return each_thread(m, fd, zero ? zero_one : clear_one, NULL);
}
