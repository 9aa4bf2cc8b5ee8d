// SPDX-License-Identifier: GPL-2.0
/* Reading @maps from the kernel and merging their per-CPU values. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* qsort_r */
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include "runtime/maps/maps_read.h"
#include "runtime/symbols/stacks.h"
#include "util/sort.h"

static int ncpu_values(const struct mapinfo *m, int ncpus)
{
	return m->percpu && ncpus > 0 ? ncpus : 1;
}

static size_t stride(const struct mapinfo *m)
{
	return m->percpu ? ((size_t)m->bpf_value_size + 7) / 8 * 8 :
			   (size_t)m->bpf_value_size;
}

size_t out_value_bytes(const struct mapinfo *m, int ncpus)
{
	return stride(m) * ncpu_values(m, ncpus);
}

static int cmp_bytes(const void *a, const void *b, void *size)
{
	return memcmp(a, b, *(int *)size);
}

/*
 * Walk the keys with BPF_MAP_GET_NEXT_KEY.  A hash map restarts from its
 * first key when the current one was deleted meanwhile, so the walk is
 * bounded and the result deduplicated.
 */
int out_map_keys(const struct mapinfo *m, int fd, uint8_t **keys, int *n)
{
	int ks = m->bpf_key_size, cnt = 0, cap = 64, i, j;
	long limit = ((long)m->max_entries + 1) * 4 + 64;
	uint8_t *buf, *tmp;

	*keys = NULL;
	*n = 0;
	buf = malloc((size_t)cap * ks);
	if (!buf)
		return -ENOMEM;
	while (limit-- > 0) {
		if (cnt == cap) {
			cap *= 2;
			tmp = realloc(buf, (size_t)cap * ks);
			if (!tmp) {
				free(buf);
				return -ENOMEM;
			}
			buf = tmp;
		}
		if (bpf_map_get_next_key(fd, cnt ? buf + (size_t)(cnt - 1) * ks : NULL,
					 buf + (size_t)cnt * ks))
			break;
		cnt++;
	}
	qsort_r(buf, cnt, ks, cmp_bytes, &ks);
	for (i = j = 0; i < cnt; i++) {
		if (j && !memcmp(buf + (size_t)(j - 1) * ks, buf + (size_t)i * ks, ks))
			continue;
		memmove(buf + (size_t)j * ks, buf + (size_t)i * ks, ks);
		j++;
	}
	*keys = buf;
	*n = j;
	return 0;
}

/* The value of CPU c of one looked-up element. */
static const uint8_t *cpu_val(const struct mapinfo *m, const uint8_t *v, int c)
{
	return v + stride(m) * c;
}

static int64_t get64(const uint8_t *p)
{
	int64_t x;

	memcpy(&x, p, 8);
	return x;
}

static bool better(const struct mapinfo *m, int64_t x, int64_t cur)
{
	bool lt = m->value_signed ? x < cur : (uint64_t)x < (uint64_t)cur;

	return m->agg == AGG_MIN ? lt : !lt && x != cur;
}

/* Merge the per-CPU values v of one element into e (not hist/lhist). */
static void merge(const struct mapinfo *m, const uint8_t *v, int ncpus,
		  struct out_entry *e)
{
	bool set = e->has_v;
	int c;

	for (c = 0; c < ncpu_values(m, ncpus); c++) {
		const uint8_t *p = cpu_val(m, v, c);

		switch (m->agg) {
		case AGG_COUNT:
		case AGG_SUM:
			e->v = (int64_t)((uint64_t)e->v + (uint64_t)get64(p));
			break;
		case AGG_MIN:
		case AGG_MAX:
			if (!get64(p + 8))
				break;
			if (!set || better(m, get64(p), e->v))
				e->v = get64(p);
			set = e->has_v = true;
			break;
		case AGG_AVG:
		case AGG_STATS:
			e->sum = (int64_t)((uint64_t)e->sum + (uint64_t)get64(p));
			e->count += (uint64_t)get64(p + 8);
			break;
		default:
			e->raw = p;
			if (m->value_type && m->value_type->kind == T_INT)
				e->v = get64(p);
			break;
		}
	}
}

static int cmp_bucket(const void *a, const void *b)
{
	const struct out_bucket *x = a, *y = b;

	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * hist/lhist: elements are (user key + u64 bucket) -> count, sorted by
 * their bytes, so the buckets of one user key are adjacent.
 */
static int group_hist(struct out_map *om, const uint8_t *keys,
		      const uint8_t *vals, int n, int ncpus)
{
	const struct mapinfo *m = om->m;
	size_t vsz = out_value_bytes(m, ncpus);
	uint64_t nb = mapinfo_nbuckets(m), idx;
	struct out_entry *e = NULL;
	int i, c, ks = m->key_size;

	om->buckets = calloc(n ? n : 1, sizeof(*om->buckets));
	om->e = calloc(n ? n : 1, sizeof(*om->e));
	if (!om->buckets || !om->e)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const uint8_t *k = keys + (size_t)i * m->bpf_key_size;
		struct out_bucket *b;

		memcpy(&idx, k + ks, 8);
		if (idx >= nb)
			continue;
		if (!e || memcmp(e->key, k, ks)) {
			e = &om->e[om->n++];
			e->key = k;
			e->b = &om->buckets[i];
		}
		/* a bucket twice: keys merged by canon_keys() */
		if (e->nb && e->b[e->nb - 1].idx == idx)
			b = &e->b[e->nb - 1];
		else
			b = &e->b[e->nb++];
		b->idx = idx;
		for (c = 0; c < ncpu_values(m, ncpus); c++)
			b->count += (uint64_t)get64(cpu_val(m, vals + vsz * i, c));
		e->total += b->count;
	}
	for (i = 0; i < om->n; i++)
		qt_sort(om->e[i].b, om->e[i].nb, sizeof(struct out_bucket), cmp_bucket);
	return 0;
}

/* Rewrite the ustack(dwarf) values in key of type t (at off) canonically. */
static bool canon_type(const struct type *t, uint8_t *key, int off)
{
	bool changed = false;
	uint64_t v, c;
	int i;

	if (!t)
		return false;
	if (t->kind == T_TUPLE) {
		for (i = 0; i < t->nfields; i++)
			changed |= canon_type(t->fields[i].type, key, off + t->fields[i].offset);
		return changed;
	}
	if (t->kind != T_INT || t->stack != STACK_USER || t->stack_mode != STACK_MODE_DWARF)
		return false;
	memcpy(&v, key + off, 8);
	c = stacks_dwarf_canon(v);
	memcpy(key + off, &c, 8);
	return c != v;
}

static int cmp_pair(const void *a, const void *b, void *size)
{
	return memcmp(a, b, *(int *)size);
}

/*
 * ustack(dwarf) keys: one call path has many ids (the kernel hashes the
 * copied stack, locals and all), so each key's ids become the first id
 * with the same frames, and the n (key, value) pairs are sorted again:
 * equal keys are adjacent, and merged by the caller.
 */
static int canon_keys(const struct mapinfo *m, uint8_t *keys, uint8_t *vals, int n,
		      int ncpus)
{
	size_t vsz = out_value_bytes(m, ncpus), ks = (size_t)m->bpf_key_size;
	bool changed = false;
	uint8_t *pairs;
	int i, cs = (int)ks;

	for (i = 0; i < n; i++)
		changed |= canon_type(m->key_type, keys + ks * i, 0);
	if (!changed)
		return 0;
	pairs = malloc((ks + vsz) * n);
	if (!pairs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		memcpy(pairs + (ks + vsz) * i, keys + ks * i, ks);
		memcpy(pairs + (ks + vsz) * i + ks, vals + vsz * i, vsz);
	}
	/* the bytes of the key first: sorted by key; hist buckets stay adjacent */
	qsort_r(pairs, n, ks + vsz, cmp_pair, &cs);
	for (i = 0; i < n; i++) {
		memcpy(keys + ks * i, pairs + (ks + vsz) * i, ks);
		memcpy(vals + vsz * i, pairs + (ks + vsz) * i + ks, vsz);
	}
	free(pairs);
	return 0;
}

/* Look every key up; keys that vanished meanwhile are dropped.  Returns the count kept. */
static int lookup_all(const struct mapinfo *m, int fd, int ncpus, uint8_t *keys,
		      uint8_t *vals, int n)
{
	size_t vsz = out_value_bytes(m, ncpus);
	int ks = m->bpf_key_size, i, j;

	for (i = j = 0; i < n; i++) {
		if (bpf_map_lookup_elem(fd, keys + (size_t)i * ks, vals + vsz * j)) {
			if (errno == ENOENT)
				continue;
			return -errno;
		}
		memmove(keys + (size_t)j * ks, keys + (size_t)i * ks, ks);
		j++;
	}
	return j;
}

/* The sum over the CPUs of a bucket array's element idx; 0 when unreadable. */
static uint64_t array_sum(const struct mapinfo *m, int fd, int ncpus, uint32_t idx,
			  uint8_t *vals)
{
	uint64_t sum = 0;
	int c;

	if (bpf_map_lookup_elem(fd, &idx, vals))
		return 0;
	for (c = 0; c < ncpu_values(m, ncpus); c++)
		sum += (uint64_t)get64(cpu_val(m, vals, c));
	return sum;
}

/*
 * A bucket array (program.h) reads as the hash would: an entry when a
 * bucket counts or the mark is set (zero() leaves all buckets at zero),
 * with only the buckets counted.
 */
static int read_bucket_array(struct out_map *om, const struct mapinfo *m, int fd,
			     int ncpus)
{
	uint32_t nb = m->max_entries - 1, i;
	struct out_entry *e;
	uint64_t cnt, mark;

	om->vals = malloc(out_value_bytes(m, ncpus));
	om->keys = calloc(1, m->key_size);
	om->buckets = calloc(nb ? nb : 1, sizeof(*om->buckets));
	om->e = calloc(1, sizeof(*om->e));
	if (!om->vals || !om->keys || !om->buckets || !om->e)
		return -ENOMEM;
	mark = array_sum(m, fd, ncpus, nb, om->vals);
	e = &om->e[0];
	e->key = om->keys;
	e->b = om->buckets;
	for (i = 0; i < nb; i++) {
		cnt = array_sum(m, fd, ncpus, i, om->vals);
		if (!cnt)
			continue;
		e->b[e->nb].idx = i;
		e->b[e->nb++].count = cnt;
		e->total += cnt;
	}
	om->n = mark || e->nb;
	return 0;
}

int out_map_read(struct out_map *om, const struct mapinfo *m, int fd, int ncpus)
{
	size_t vsz = out_value_bytes(m, ncpus);
	int n, i, err;

	memset(om, 0, sizeof(*om));
	om->m = m;
	if (m->task_storage)
		return out_tstore_read(om, m, fd);
	if (m->bucket_array)
		return read_bucket_array(om, m, fd, ncpus);
	err = out_map_keys(m, fd, &om->keys, &n);
	if (err)
		return err;
	om->vals = malloc(vsz * (n ? n : 1));
	if (!om->vals)
		return -ENOMEM;
	n = lookup_all(m, fd, ncpus, om->keys, om->vals, n);
	if (n < 0)
		return n;
	err = m->dense_n ? out_dense_append(m, ncpus, &om->keys, &om->vals, &n) : 0;
	if (err)
		return err;
	err = m->nkeys ? canon_keys(m, om->keys, om->vals, n, ncpus) : 0;
	if (err)
		return err;
	if (m->agg == AGG_HIST || m->agg == AGG_LHIST)
		return group_hist(om, om->keys, om->vals, n, ncpus);
	om->e = calloc(n ? n : 1, sizeof(*om->e));
	if (!om->e)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const uint8_t *k = om->keys + (size_t)i * m->bpf_key_size;

		/* equal keys (canon_keys()) are one entry */
		if (!om->n || memcmp(om->e[om->n - 1].key, k, m->bpf_key_size))
			om->e[om->n++].key = k;
		merge(m, om->vals + vsz * i, ncpus, &om->e[om->n - 1]);
	}
	return 0;
}

void out_map_release(struct out_map *om)
{
	free(om->keys);
	free(om->vals);
	free(om->e);
	free(om->buckets);
	memset(om, 0, sizeof(*om));
}
