// SPDX-License-Identifier: GPL-2.0
/*
 * Privileges, checked once before anything touches the kernel: without them
 * the first failure would be an unrelated one (tracefs unreadable, BTF, a
 * bare EPERM from libbpf) and the user would not learn what is missing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include "runtime/tracer.h"
#include "util/diag.h"

static bool has_cap(const struct __user_cap_data_struct *d, int cap)
{
	return d[cap / 32].effective & (1u << (cap % 32));
}

/* Whether this process may do what only CAP_SYS_ADMIN allows (a kernel watchpoint). */
bool rt_has_sys_admin(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	return syscall(SYS_capget, &h, d) == 0 && has_cap(d, CAP_SYS_ADMIN);
}

/*
 * Loading tracing programs needs CAP_BPF and CAP_PERFMON (Linux 5.8+), or
 * CAP_SYS_ADMIN alone; attaching perf events (tracepoints, uprobes,
 * profile) needs CAP_PERFMON or CAP_SYS_ADMIN too.
 */
int rt_check_privileges(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	char missing[64] = "";
	bool bpf, perfmon;

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return 0;	/* unknown: let the kernel say */
	if (has_cap(d, CAP_SYS_ADMIN))
		return 0;
	bpf = has_cap(d, CAP_BPF);
	perfmon = has_cap(d, CAP_PERFMON);
	if (bpf && perfmon)
		return 0;
	snprintf(missing, sizeof(missing), "%s%s%s", bpf ? "" : "CAP_BPF",
		 !bpf && !perfmon ? " and " : "", perfmon ? "" : "CAP_PERFMON");
	diag_rt_error((struct loc){ 0 }, "loading and attaching BPF programs needs CAP_BPF and CAP_PERFMON (or CAP_SYS_ADMIN); this process lacks %s%s",
		      missing, geteuid() ? " (it is not root)" : "");
	diag_note("run qtrace as root: sudo qtrace ...");
	return -1;
}
