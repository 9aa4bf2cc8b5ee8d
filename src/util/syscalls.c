// SPDX-License-Identifier: GPL-2.0
/* Syscall numbers and names, from tables generated at build time (gen-syscalls.sh). */
#include <string.h>
#include "util/syscalls.h"
#include "util/syscall_table.h"

#if defined(__aarch64__)
#define TABLE syscalls_arm64
#else
#define TABLE syscalls_x86_64
#endif
#define NTABLE ((int64_t)(sizeof(TABLE) / sizeof(TABLE[0])))

const char *syscalls_name(int64_t nr)
{
	if (nr < 0 || nr >= NTABLE)
		return NULL;
	return TABLE[nr];
}

int64_t syscalls_number(const char *name)
{
	int64_t i;

	for (i = 0; i < NTABLE; i++)
		if (TABLE[i] && !strcmp(TABLE[i], name))
			return i;
	return -1;
}
