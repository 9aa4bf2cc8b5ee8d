// SPDX-License-Identifier: GPL-2.0
/*
 * execve("/qtrace-bad-argv", ...) twice, with argvs a probe cannot read
 * in full: first argv itself in a page mapped PROT_NONE, then an argv
 * whose second string is there.  No such file: both calls fail and the
 * program exits 0.  join(args->argv) at sys_enter_execve meets one failed
 * read in each.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* on the stack, so resident: a probe reads what was never touched in
	 * .rodata as a failure too (probes cannot fault pages in) */
	char path[] = "/qtrace-bad-argv", arg0[] = "qtrace-bad-argv";
	char *argv[] = { arg0, page, NULL };
	char *envp[] = { NULL };

	if (page == MAP_FAILED)
		return 1;
	/* the raw syscall: libc may check the arguments itself */
	syscall(SYS_execve, path, (char **)page, envp);
	syscall(SYS_execve, path, argv, envp);
	return 0;
}
