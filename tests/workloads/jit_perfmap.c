// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the JIT perf-map test: copies a small x86-64 function into
 * anonymous executable memory, names it in /tmp/perf-PID.map as JIT
 * compilers do, calls it (it calls jit_callee(), which calls leaf()), and
 * exits at once.  `jit_perfmap PIDFILE` also writes its pid to PIDFILE so
 * the test can remove the map afterwards.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) void leaf(void)
{
	sink++;
}

__attribute__((noinline)) void jit_callee(void)
{
	leaf();
	sink++;
}

int main(int argc, char **argv)
{
	/* push rbp; mov rbp,rsp; movabs rax,imm64; call rax; pop rbp; ret */
	uint8_t code[] = { 0x55, 0x48, 0x89, 0xe5, 0x48, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
			   0xff, 0xd0, 0x5d, 0xc3 };
	uintptr_t callee = (uintptr_t)jit_callee;
	char path[64];
	void *jit;
	FILE *f;

	memcpy(code + 6, &callee, sizeof(callee));
	jit = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (jit == MAP_FAILED)
		return 1;
	memcpy(jit, code, sizeof(code));
	snprintf(path, sizeof(path), "/tmp/perf-%d.map", getpid());
	f = fopen(path, "w");
	if (!f)
		return 1;
	fprintf(f, "%lx %zx LazyCompiled:jitted_hot_fn\n", (unsigned long)jit, sizeof(code));
	fclose(f);
	if (argc > 1 && (f = fopen(argv[1], "w"))) {
		fprintf(f, "%s\n", path);
		fclose(f);
	}
	((void (*)(void))jit)();
	return 0;
}
