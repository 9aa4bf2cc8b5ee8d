// SPDX-License-Identifier: GPL-2.0
/*
 * Constants that kernel headers #define, so BTF does not have them, and
 * that tracing scripts use after `#include <linux/socket.h>` or
 * `<linux/sched.h>`: qtrace reads no headers, so it knows these by name.
 * Only macros: a kernel enum of the same name would come from BTF.  The
 * values are the same on x86-64 and arm64 (UAPI, and task states stable
 * since Linux 4.14).
 */
#include <string.h>
#include "sema/kmacros.h"
#include "util/syscalls.h"

static const struct {
	const char *name;
	int64_t v;
} kmacros[] = {
	/* <linux/socket.h> */
	{ "AF_UNSPEC", 0 }, { "AF_UNIX", 1 }, { "AF_LOCAL", 1 }, { "AF_INET", 2 },
	{ "AF_INET6", 10 }, { "AF_NETLINK", 16 }, { "AF_PACKET", 17 },
	{ "PF_UNSPEC", 0 }, { "PF_UNIX", 1 }, { "PF_LOCAL", 1 }, { "PF_INET", 2 },
	{ "PF_INET6", 10 }, { "PF_NETLINK", 16 }, { "PF_PACKET", 17 },
	/* <linux/sched.h>: task states (task_struct.__state) */
	{ "TASK_RUNNING", 0x0 }, { "TASK_INTERRUPTIBLE", 0x1 },
	{ "TASK_UNINTERRUPTIBLE", 0x2 }, { "__TASK_STOPPED", 0x4 },
	{ "__TASK_TRACED", 0x8 }, { "EXIT_DEAD", 0x10 }, { "EXIT_ZOMBIE", 0x20 },
	{ "TASK_PARKED", 0x40 }, { "TASK_DEAD", 0x80 }, { "TASK_WAKEKILL", 0x100 },
	{ "TASK_WAKING", 0x200 }, { "TASK_NOLOAD", 0x400 }, { "TASK_NEW", 0x800 },
	{ "TASK_KILLABLE", 0x102 }, { "TASK_STOPPED", 0x104 }, { "TASK_IDLE", 0x402 },
	/* <linux/sched.h>: task flags (task_struct.flags) */
	{ "PF_EXITING", 0x4 }, { "PF_KTHREAD", 0x00200000 },
	/* <fcntl.h> flags both architectures share */
	{ "O_RDONLY", 0 }, { "O_WRONLY", 1 }, { "O_RDWR", 2 }, { "O_CREAT", 0100 },
	{ "O_EXCL", 0200 }, { "O_TRUNC", 01000 }, { "O_APPEND", 02000 },
	{ "O_NONBLOCK", 04000 }, { "O_CLOEXEC", 02000000 },
	/* <errno.h> aliases (the other names come from strerrorname_np) */
	{ "EWOULDBLOCK", 11 }, { "EDEADLOCK", 35 }, { "ENOTSUP", 95 },
};

bool kmacro_value(const char *name, int64_t *v)
{
	size_t i;

	int e;

	for (i = 0; i < sizeof(kmacros) / sizeof(kmacros[0]); i++)
		if (!strcmp(kmacros[i].name, name)) {
			*v = kmacros[i].v;
			return true;
		}
	/* <errno.h>: EPERM ... (asm-generic numbers, shared by both) */
	if (name[0] == 'E')
		for (e = 1; e < 4096; e++) {
			const char *en = strerrorname_np(e);

			if (en && !strcmp(en, name)) {
				*v = e;
				return true;
			}
		}
	/* <syscall.h>: __NR_read and SYS_read, this machine's numbers */
	if (!strncmp(name, "__NR_", 5) || !strncmp(name, "SYS_", 4)) {
		int64_t nr = syscalls_number(name + (name[0] == '_' ? 5 : 4));

		if (nr >= 0) {
			*v = nr;
			return true;
		}
	}
	return false;
}
