/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output formats (-f text|json|csv): every record the runtime prints goes through
 * one struct out_format, so a new format (csv, an exporter) is one file and
 * one row in out_formats[] (format.c), not a branch in the printing code.
 */
#ifndef QT_OUT_FORMAT_H
#define QT_OUT_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "program.h"
#include "runtime/maps/maps_read.h"

struct out_format {
	const char *name;		/* as -f takes it: "text", "json", "csv" */
	/*
	 * Column printfs (fmtinfo.cols) are written as columns: sema checks
	 * their rules (program.columns).
	 */
	bool columns;
	/* Before BEGIN runs (optional): csv's header. */
	void (*start)(FILE *out, const struct program *p);
	/* EV_PRINTF: the formatted printf() record. */
	void (*printf)(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
	/* EV_TIME: time(fmt) of the local time now. */
	void (*time)(FILE *out, const struct fmtinfo *f);
	/* EV_PRINT_VALUE: print(value). */
	void (*value)(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
	/*
	 * Text the runtime produced for a kind of record bpftrace names:
	 * "cat" (cat()), "join" (join()), "syscall" (system()'s output).
	 * text writes s as it is; json a {"type": KIND, "data": S} record.
	 */
	void (*text)(FILE *out, const char *kind, const char *s, size_t n);
	/*
	 * One map: entries already sorted as bpftrace sorts them and cut to
	 * print()'s top; div > 1 divides the values.  n may be 0.
	 */
	void (*map)(FILE *out, const struct mapinfo *m, const struct out_entry *e,
		    int n, int64_t div);
	/* After the probes stopped, before the maps printed at exit. */
	void (*maps_begin)(FILE *out);
	/*
	 * The attached record comes first in the stream: output of BEGIN
	 * (which runs before attaching) is held until it is written.
	 */
	bool attached_first;
	/* "Attached N probes" (not called with -q). */
	void (*attached)(FILE *out, int n);
	/* Events the ring buffer had no room for (n > 0). */
	void (*lost)(FILE *out, uint64_t n);
	/*
	 * -k: a helper failed n times at loc (err: the negative errno it
	 * returned, helper: its name as bpftrace's -k names it).
	 */
	void (*helper_error)(FILE *out, struct loc loc, const char *helper, int err,
			     uint64_t n);
};

extern const struct out_format out_text, out_json, out_csv;

/*
 * A record whose text fn writes (system(), cat(), join()), in format fmt:
 * text streams it straight to out; others get the text as one record of
 * kind (see text above), with join's closing newline dropped.
 */
typedef void out_text_fn(FILE *out, const struct fmtinfo *f, const void *payload, size_t len);
void out_as_text(FILE *out, const struct out_format *fmt, const char *kind, out_text_fn *fn,
		 const struct fmtinfo *f, const void *payload, size_t len);

/* The format named name (exact), or NULL. */
const struct out_format *out_format_find(const char *name);
/* "text, json, csv" for messages and -h. */
const char *out_format_names(void);

#endif
