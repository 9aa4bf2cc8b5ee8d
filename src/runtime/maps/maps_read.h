/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole @map from the kernel into merged entries: per-CPU values
 * combined, hist/lhist bucket keys grouped by user key.  Used by the map
 * printer; layouts are those of struct mapinfo in program.h.
 */
#ifndef QT_MAPS_READ_H
#define QT_MAPS_READ_H

#include <stdbool.h>
#include <stdint.h>
#include "program.h"

/* One bucket of a hist/lhist entry. */
struct out_bucket {
	uint64_t idx;
	uint64_t count;
};

/* One user key of the map with its merged value. */
struct out_entry {
	const uint8_t *key;	/* user key, mapinfo.key_size bytes */
	int64_t v;		/* COUNT SUM MIN MAX, and AGG_NONE integers */
	bool has_v;		/* MIN MAX: v was set */
	int64_t sum;		/* AVG STATS */
	uint64_t count;		/* AVG STATS */
	struct out_bucket *b;	/* HIST LHIST: sorted by idx */
	int nb;
	uint64_t total;		/* HIST LHIST: sum of the counts */
	const uint8_t *raw;	/* AGG_NONE: the value bytes */
};

struct out_map {
	const struct mapinfo *m;
	struct out_entry *e;
	int n;
	uint8_t *keys;		/* storage the entries point into */
	uint8_t *vals;
	struct out_bucket *buckets;
};

/*
 * The dense part of map id (program.h: mapinfo.dense_n), set by the
 * loader; out_map_read() and the clear/zero of maps_print.c use it.
 */
int out_dense_set_fd(int id, int fd);
int out_dense_fd(const struct mapinfo *m);
/* Append its counting slots to the n (key, values) pairs read from the hash. */
int out_dense_append(const struct mapinfo *m, int ncpus, uint8_t **keys, uint8_t **vals,
		     int *n);
/* clear(): zero every slot on every CPU. */
int out_dense_clear(const struct mapinfo *m, int ncpus);

/* Read and merge every element of m (fd).  0 or a negative errno. */
int out_map_read(struct out_map *om, const struct mapinfo *m, int fd, int ncpus);
void out_map_release(struct out_map *om);
/* Every BPF key of the map, deduplicated, in *keys (malloc'd). */
int out_map_keys(const struct mapinfo *m, int fd, uint8_t **keys, int *n);
/* Bytes one lookup fills: per-CPU maps hold ncpus values of 8-byte multiples. */
size_t out_value_bytes(const struct mapinfo *m, int ncpus);

/* maps_task.c: maps in task storage; entries keyed by tid (u64). */
int out_tstore_read(struct out_map *om, const struct mapinfo *m, int fd);
/* clear(): delete every element; zero: set every value to 0 instead. */
int out_tstore_clear(const struct mapinfo *m, int fd, bool zero);

#endif
