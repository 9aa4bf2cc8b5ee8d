// SPDX-License-Identifier: GPL-2.0
/*
 * The dense part of a count() map (program.h: mapinfo.dense_n): a
 * PERCPU_ARRAY of counts for keys 0..dense_n-1, read here as if its
 * nonzero slots were elements of the hash, so that every reader of
 * out_map_read() (print, json, csv, metrics) sees one map.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include "runtime/maps/maps_read.h"

/* By map id; -1 or unset: no dense part. */
static int *dense_fds;
static int ndense_fds;

int out_dense_set_fd(int id, int fd)
{
	int *tmp, i;

	if (id < 0)
		return 0;
	if (id >= ndense_fds) {
		tmp = realloc(dense_fds, (size_t)(id + 1) * sizeof(*tmp));
		if (!tmp)
			return -ENOMEM;
		for (i = ndense_fds; i <= id; i++)
			tmp[i] = -1;
		dense_fds = tmp;
		ndense_fds = id + 1;
	}
	dense_fds[id] = fd;
	return 0;
}

int out_dense_fd(const struct mapinfo *m)
{
	if (!m->dense_n || m->id < 0 || m->id >= ndense_fds)
		return -1;
	return dense_fds[m->id];
}

/* Key idx in the user key's layout: an integer of key_size bytes. */
static void put_key(uint8_t *k, int size, uint32_t idx)
{
	uint8_t u8 = (uint8_t)idx;
	uint16_t u16 = (uint16_t)idx;
	uint32_t u32 = idx;
	uint64_t u64 = idx;

	switch (size) {
	case 1:
		memcpy(k, &u8, 1);
		break;
	case 2:
		memcpy(k, &u16, 2);
		break;
	case 4:
		memcpy(k, &u32, 4);
		break;
	default:
		memset(k, 0, size);
		memcpy(k, &u64, size < 8 ? size : 8);
		break;
	}
}

/*
 * Append the slots that count to the n (key, per-CPU values) pairs in
 * *keys and *vals, in the layout of the hash's (count: 8 bytes a CPU).
 * The hash never holds those keys, so no key is there twice.
 */
int out_dense_append(const struct mapinfo *m, int ncpus, uint8_t **keys, uint8_t **vals,
		     int *n)
{
	size_t vsz = out_value_bytes(m, ncpus), ks = (size_t)m->bpf_key_size;
	int fd = out_dense_fd(m), cap = *n, c;
	uint8_t *v, *tmp;
	uint32_t i;
	uint64_t sum;

	if (fd < 0)
		return 0;
	v = malloc(vsz);
	if (!v)
		return -ENOMEM;
	for (i = 0; i < m->dense_n; i++) {
		if (bpf_map_lookup_elem(fd, &i, v))
			continue;
		for (sum = 0, c = 0; c < (int)(vsz / 8); c++)
			sum += ((uint64_t *)v)[c];
		if (!sum)
			continue;
		if (*n == cap) {
			cap = cap * 2 + 16;
			tmp = realloc(*keys, cap * ks);
			if (!tmp)
				goto nomem;
			*keys = tmp;
			tmp = realloc(*vals, cap * vsz);
			if (!tmp)
				goto nomem;
			*vals = tmp;
		}
		put_key(*keys + ks * *n, (int)ks, i);
		memcpy(*vals + vsz * *n, v, vsz);
		(*n)++;
	}
	free(v);
	return 0;
nomem:
	free(v);
	return -ENOMEM;
}

/* clear(): every slot of every CPU to zero (an array has no delete). */
int out_dense_clear(const struct mapinfo *m, int ncpus)
{
	int fd = out_dense_fd(m), err = 0;
	uint8_t *zeros;
	uint32_t i;

	if (fd < 0)
		return 0;
	zeros = calloc(1, out_value_bytes(m, ncpus));
	if (!zeros)
		return -ENOMEM;
	for (i = 0; i < m->dense_n && !err; i++)
		if (bpf_map_update_elem(fd, &i, zeros, BPF_ANY))
			err = -errno;
	free(zeros);
	return err;
}
