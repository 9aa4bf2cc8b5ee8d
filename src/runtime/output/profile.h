/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Maps keyed by stacks as profiles: samples of root-first frames with a
 * count, the input of folded stacks, flame graphs and pprof.
 */
#ifndef QT_PROFILE_H
#define QT_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include "program.h"
#include "runtime/symbols/stacks.h"

/* FRAME_* of stacks.h, and the key's other fields (comm, pid). */
#define PROF_OTHER (FRAME_JIT + 1)

struct prof_frame {
	const char *name;	/* function, or "[file]" / "[unknown]"; never NULL */
	const char *module;	/* user frames: the file, or NULL */
	uint64_t addr;
	int kind;		/* enum frame_kind or PROF_OTHER */
};

struct prof_sample {
	struct prof_frame *f;	/* root first */
	int n;
	uint64_t count;
};

struct profile {
	struct prof_sample *s;
	int n;
	uint64_t total;
};

/* Can m be a profile: a key holding a kstack or ustack, a count/sum/integer value. */
bool prof_map_ok(const struct mapinfo *m);
/*
 * Add the entries of map m (fd) to p: per key its other fields in key
 * order (strings, integers), then its user stacks, then its kernel stacks
 * (the kernel runs on top of user code), each root first; with map_root,
 * the map's name below all.  0 or a negative errno.
 */
int prof_add_map(struct profile *p, const struct mapinfo *m, int fd, int ncpus,
		 bool map_root);
void prof_free(struct profile *p);
/*
 * The sampling period in nanoseconds of the program's profile:hz:N or
 * profile:s/ms/us:N probe (the first one), 0 if none.
 */
uint64_t prof_period_ns(const struct program *prog);

#endif
