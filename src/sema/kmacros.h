/* SPDX-License-Identifier: GPL-2.0 */
/* Constants kernel headers #define (not in BTF), as scripts use them. */
#ifndef QT_KMACROS_H
#define QT_KMACROS_H

#include <stdbool.h>
#include <stdint.h>

/* The value of a well-known kernel macro such as AF_INET or TASK_RUNNING. */
bool kmacro_value(const char *name, int64_t *v);

#endif
