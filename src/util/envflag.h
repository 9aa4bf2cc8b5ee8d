/* SPDX-License-Identifier: GPL-2.0 */
/* The QTRACE_NO_* switches: one rule for what "set" means. */
#ifndef QT_ENVFLAG_H
#define QT_ENVFLAG_H

#include <stdbool.h>
#include <stdlib.h>

/* Is environment variable name set to something other than "" or "0"? */
static inline bool env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && !(v[0] == '0' && !v[1]);
}

#endif
