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
 * Print map m (BPF map fd) as bpftrace does: entries sorted by value
 * ascending, "@name[k1, k2]: value" lines, hist/lhist blocks, stats lines;
 * then an empty line.  top > 0 prints only the top largest entries; div > 1
 * divides every value.  Prints nothing for an empty map.  ncpus is
 * libbpf_num_possible_cpus().  Returns 0 or a negative errno.
 */
int out_print_map(FILE *out, const struct mapinfo *m, int fd, int ncpus,
		  int64_t top, int64_t div);
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
struct timespec;
/* strftime(3) of wall-clock time ts, with bpftrace's %f (microseconds). */
void out_strftime(FILE *out, const char *fmt, const struct timespec *ts);

/* Format a value of type t at p into out (keys, print(value), %s of tuples). */
void out_format_value(FILE *out, const struct type *t, const void *p);
/* The same for a map key: structs without blanks, {.a=1,.b=2} (bpftrace) */
void out_format_key(FILE *out, const struct type *t, const void *p);

#endif
