/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formatting what BPF programs send and hold: printf() records, time(),
 * print(value), and whole maps (read from the kernel, per-CPU values merged)
 * in bpftrace's layout.
 */
#ifndef QT_OUTPUT_H
#define QT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "program.h"
#include "runtime/output/format.h"

/* EV_PRINTF: format payload (len bytes) with f->fmt and its typed args. */
void out_printf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
/* EV_TIME: strftime(f->fmt) of the local time now. */
void out_time(FILE *out, const struct fmtinfo *f);
/* EV_PRINT_VALUE: the single value in payload, typed by f->arg_types[0], then "\n". */
void out_value(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);

/* EV_SYSTEM, EV_CAT, EV_JOIN (async.c): run the command, print the file, the strings. */
void out_system(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
void out_cat(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
void out_join(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
/*
 * EV_ERRORF, EV_WARNF: the printf formatting of the record as a located
 * error or warning on stderr (out flushed first, so it comes after the
 * output sent before it).
 */
void out_errorf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len,
		bool warn);

/*
 * Print map m (BPF map fd) in format fmt: entries sorted as bpftrace sorts
 * them (by value ascending), top > 0 keeps only the top largest entries;
 * div > 1 divides every value.  ncpus is libbpf_num_possible_cpus().
 * Returns 0 or a negative errno.
 */
int out_print_map(FILE *out, const struct out_format *fmt, const struct mapinfo *m,
		  int fd, int ncpus, int64_t top, int64_t div);
/*
 * The text layout of sorted entries: "@name[k1, k2]: value" lines,
 * hist/lhist blocks, stats lines; an empty map is an empty line.
 */
void out_text_map(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		  int n, int64_t div);
/* avg()/stats(): the entry's mean, as bpftrace rounds it (toward zero). */
int64_t out_average(const struct mapinfo *m, const struct out_entry *e);
/* clear(@m): delete every element. */
int out_clear_map(const struct mapinfo *m, int fd);
/* zero(@m): set every value to zero (keys stay). */
int out_zero_map(const struct mapinfo *m, int fd, int ncpus);

/*
 * A value whose type has a print kind (values.c): written to out, true;
 * false for other types.
 */
bool out_format_print(FILE *out, const struct type *t, const void *p);
/* The bytes of a buffer value at p (u64 len, then at most cap bytes) for %r, %rx, %rh. */
void out_format_buffer(FILE *out, const void *p, size_t cap, char mode);
/* gfp.c: %gr, GFP flags by their names ("GFP_KERNEL|__GFP_ZERO"). */
void out_format_gfp(FILE *out, uint64_t flags);
struct timespec;
/* strftime(3) of wall-clock time ts, with bpftrace's %f (microseconds). */
void out_strftime(FILE *out, const char *fmt, const struct timespec *ts);

/* Format a value of type t at p into out (keys, print(value), %s of tuples). */
void out_format_value(FILE *out, const struct type *t, const void *p);
/* The same for a map key: structs without blanks, {.a=1,.b=2} (bpftrace) */
void out_format_key(FILE *out, const struct type *t, const void *p);
/* A bitfield's value: f->bits bits at f->bit_off of the bytes at p (sign-extended). */
uint64_t out_field_bits(const struct field *f, const uint8_t *p);

#endif
