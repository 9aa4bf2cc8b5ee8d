/* SPDX-License-Identifier: GPL-2.0 */
/* Syscall numbers and names of the machine qtrace was built for (syscall_name()). */
#ifndef QT_SYSCALLS_H
#define QT_SYSCALLS_H

#include <stdint.h>

/* The name of syscall nr, or NULL when it has none. */
const char *syscalls_name(int64_t nr);
/* The number of the syscall called name, or -1. */
int64_t syscalls_number(const char *name);

#endif
