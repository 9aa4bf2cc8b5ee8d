// SPDX-License-Identifier: GPL-2.0
/* -f text (the default): bpftrace's human-readable layout. */
#include <stdio.h>
#include <string.h>
#include "runtime/output/output.h"
#include "util/diag.h"

static void text_text(FILE *out, const char *kind, const char *s, size_t n)
{
	fwrite(s, 1, n, out);
}

static void text_maps_begin(FILE *out)
{
	/* bpftrace ends the probes' output so, maps or not */
	fputs("\n\n", out);
}

/* Messages, not data: on stderr, so that stdout holds only the script's output. */
static void text_attached(FILE *out, int n)
{
	fprintf(stderr, "Attached %d probe%s\n", n, n == 1 ? "" : "s");
}

static void text_lost(FILE *out, uint64_t n)
{
	fprintf(stderr, "Lost %llu events\n", (unsigned long long)n);
}

static void text_helper_error(FILE *out, struct loc loc, const char *helper, int err,
			      uint64_t n)
{
	fflush(out);
	if (n > 1)
		diag_warn(loc, "%s failed: %s (%d), %llu times", helper, strerror(-err),
			  err, (unsigned long long)n);
	else
		diag_warn(loc, "%s failed: %s (%d)", helper, strerror(-err), err);
}

const struct out_format out_text = {
	.name = "text",
	.printf = out_printf,
	.time = out_time,
	.value = out_value,
	.text = text_text,
	.map = out_text_map,
	.maps_begin = text_maps_begin,
	.attached = text_attached,
	.lost = text_lost,
	.helper_error = text_helper_error,
};
