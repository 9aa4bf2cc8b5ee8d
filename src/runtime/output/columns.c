// SPDX-License-Identifier: GPL-2.0
/* One field of a column printf, formatted by its own conversion. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "runtime/output/columns.h"
#include "runtime/output/output.h"

/* Boot-time ns (nsecs) as wall-clock ns: the clocks' offset now. */
static unsigned long long wall_ns(uint64_t boot_ns)
{
	struct timespec rt, bt;
	int64_t off;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	off = (rt.tv_sec - bt.tv_sec) * 1000000000LL + (rt.tv_nsec - bt.tv_nsec);
	return (unsigned long long)((int64_t)boot_ns + off);
}

/*
 * One memory stream for every field, rewound each time: a stream opened
 * and closed per field was most of -f csv's cost per event.  Records are
 * printed by the tracer's thread only.
 */
static FILE *mem;
static char *mem_buf;
static size_t mem_len;

const char *out_column_text(const struct fmtinfo *f, int i, const void *payload, size_t len,
			    size_t *n)
{
	const struct colfield *c = &f->cols[i];
	struct fmtinfo one = {
		.id = f->id, .loc = f->loc, .fmt = c->conv, .nargs = 1,
		.arg_types = &f->arg_types[i], .arg_offsets = &f->arg_offsets[i],
		.size = f->size,
	};
	uint64_t v;

	*n = 0;
	if (!mem && !(mem = open_memstream(&mem_buf, &mem_len)))
		return NULL;
	if (fseeko(mem, 0, SEEK_SET))
		return NULL;
	if (c->wall_ns && f->arg_offsets[i] >= 0 && (size_t)f->arg_offsets[i] + 8 <= len) {
		memcpy(&v, (const char *)payload + f->arg_offsets[i], sizeof(v));
		fprintf(mem, "%llu", wall_ns(v));
	} else {
		out_printf(mem, &one, payload, len);
	}
	/* the size is the position after a flush (glibc): the rest is last field's */
	if (fflush(mem) || !mem_buf)
		return NULL;
	*n = mem_len;
	return mem_buf;
}
