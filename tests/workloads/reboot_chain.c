// SPDX-License-Identifier: GPL-2.0
/*
 * Three generations, rb-grandpa -> rb-parent -> rb-caller: the youngest
 * drops to uid 65534 and calls reboot(2) with an invalid command, which
 * fails with EPERM (and as root would fail with EINVAL): never a reboot.
 * Exits 0 when the call failed with EPERM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/reboot.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int generation(int n)
{
	static const char *const names[] = { "rb-grandpa", "rb-parent", "rb-caller" };
	int status;
	pid_t p;

	prctl(PR_SET_NAME, names[n]);
	if (n == 2) {
		if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
			return 2;
		if (syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			    0xdeadbeef, 0) == 0 || errno != EPERM)
			return 1;
		return 0;
	}
	p = fork();
	if (p == 0)
		_exit(generation(n + 1));
	if (p < 0 || waitpid(p, &status, 0) != p)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(void)
{
	return generation(0);
}
