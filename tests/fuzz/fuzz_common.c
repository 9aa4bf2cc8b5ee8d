// SPDX-License-Identifier: GPL-2.0
/* The fuzz targets' shared harness: one script through the whole front end, nothing loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen/cg.h"
#include "fuzz_common.h"
#include "parser/parse.h"
#include "sema/sema.h"
#include "util/arena.h"
#include "util/diag.h"

static char *params[] = { "1", "str" };

void fuzz_compile(char *text, bool codegen, void (*after)(struct program *p))
{
	static FILE *devnull;
	struct program p = { 0 };

	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		diag_set_stream(devnull);
		/* millions of inputs: none of them for the object cache (cg_cache.c) */
		setenv("QTRACE_NO_CACHE", "1", 1);
	}
	diag_reset();
	diag_set_source("<fuzz>", text);
	p.source_name = "<fuzz>";
	p.source = text;
	p.params = params;
	p.nparams = 2;
	p.cpid = 1;
	p.map_keys_max = 1024;
	p.ringbuf_size = 4096;
	p.ast = parse_program(text);
	if (p.ast && !sema_run(&p)) {
		if (after)
			after(&p);
		if (codegen)
			cg_compile(&p, 0);
	}
	free(p.elf);
	arena_free_all();
}
