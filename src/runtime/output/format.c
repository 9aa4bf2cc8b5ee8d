// SPDX-License-Identifier: GPL-2.0
/* The output formats -f chooses from. */
#include <string.h>
#include "runtime/output/format.h"

/* ORDER FORMATS: out_format_names() lists them in this order */
static const struct out_format *const out_formats[] = {
	&out_text,
	&out_json,
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

const char *out_format_names(void)
{
	return "text, json";	/* ORDER FORMATS */
}
