// SPDX-License-Identifier: GPL-2.0
/*
 * C++ demangling through libstdc++'s __cxa_demangle, which qtrace already
 * links for LLVM: the same names c++filt and gdb print.
 */
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "runtime/symbols/demangle.h"

char *__cxa_demangle(const char *mangled, char *buf, size_t *len, int *status);

const char *rt_demangle(const char *name)
{
	const char *res;
	char *d;
	int status = 0;

	/* _Z... (and ___Z/_GLOBAL__ forms are not function symbols we probe) */
	if (!name || strncmp(name, "_Z", 2))
		return NULL;
	d = __cxa_demangle(name, NULL, NULL, &status);
	if (!d || status)
		return NULL;
	res = arena_strdup(d);
	free(d);
	return res;
}
