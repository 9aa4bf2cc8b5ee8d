// SPDX-License-Identifier: GPL-2.0
/* The output formats -f chooses from. */
#include <stdlib.h>
#include <string.h>
#include "runtime/output/format.h"

/* ORDER FORMATS: out_format_names() lists them in this order */
static const struct out_format *const out_formats[] = {
	&out_text,
	&out_json,
	&out_csv,
	NULL,
};

const struct out_format *out_format_find(const char *name)
{
	int i;

	for (i = 0; out_formats[i]; i++)
		if (!strcmp(out_formats[i]->name, name))
			return out_formats[i];
	return NULL;
}

void out_as_text(FILE *out, const struct out_format *fmt, const char *kind, out_text_fn *fn,
		 const struct fmtinfo *f, const void *payload, size_t len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem;

	if (fmt == &out_text) {
		fn(out, f, payload, len);
		return;
	}
	mem = open_memstream(&s, &n);
	if (!mem)
		return;
	fn(mem, f, payload, len);
	if (fclose(mem) == 0 && s) {
		if (!strcmp(kind, "join") && n && s[n - 1] == '\n')
			n--;
		fmt->text(out, kind, s, n);
	}
	free(s);
}

const char *out_format_names(void)
{
	return "text, json, csv";	/* ORDER FORMATS */
}
