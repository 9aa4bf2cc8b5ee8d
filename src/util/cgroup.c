// SPDX-License-Identifier: GPL-2.0
/* cgroup v2 ids: the kernfs inode id is the directory's file handle. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include "util/cgroup.h"

int cgroup_id(const char *path, uint64_t *id)
{
	/* kernfs encodes its 64-bit node id as an 8-byte handle (fh type 0xfe) */
	union {
		struct file_handle fh;
		char buf[sizeof(struct file_handle) + 128];
	} h;
	int mount_id;

	memset(&h, 0, sizeof(h));
	h.fh.handle_bytes = 128;
	if (name_to_handle_at(AT_FDCWD, path, &h.fh, &mount_id, 0) < 0)
		return -errno;
	if (h.fh.handle_bytes != sizeof(*id))
		return -EINVAL;
	memcpy(id, h.fh.f_handle, sizeof(*id));
	return 0;
}

bool cgroup_is_v2_root(const char *path)
{
	struct statfs st;

	return statfs(path, &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;
}
