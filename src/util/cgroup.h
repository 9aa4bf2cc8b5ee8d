/* SPDX-License-Identifier: GPL-2.0 */
/* cgroup v2 ids, as bpf_get_current_cgroup_id() reports them. */
#ifndef QT_CGROUP_H
#define QT_CGROUP_H

#include <stdbool.h>
#include <stdint.h>

/* The id of the cgroup directory at path: 0, or a negative errno. */
int cgroup_id(const char *path, uint64_t *id);

/* Whether path is the root of a cgroup2 mount. */
bool cgroup_is_v2_root(const char *path);

#endif
