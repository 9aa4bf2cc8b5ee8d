/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 USDT argument specs ("-4@%edi 8@-16(%rbp)") into struct usdt_arg. */
#ifndef QT_USDT_ARGS_H
#define QT_USDT_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include "runtime/probes/usdt_notes.h"

/* What a spec may refer to: the site's pc and the file's symbols (sym(%rip)). */
struct usdt_site_ctx {
	uint64_t pc;
	bool (*lookup)(void *data, const char *sym, uint64_t *addr);
	void *data;
};

/* One spec; a form qtrace cannot read gives kind USDT_ARG_BAD. */
void usdt_arg_parse(const char *spec, const struct usdt_site_ctx *ctx, struct usdt_arg *a);
/* Every spec of a note's argument string (arena); returns the count. */
int usdt_args_parse(const char *args, const struct usdt_site_ctx *ctx, struct usdt_arg **out);

#endif
