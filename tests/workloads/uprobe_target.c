// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the uprobe tests: `uprobe_target N` calls work_add(i, 10 * i)
 * work_mul(i, 3) and work_ret(i, 100) for i in 1..N, then work_done() once.  noinline and
 * the volatile sink keep every call and its arguments in the binary.
 * work_ret(a, b) and work_xchg are written in assembly so that their offsets
 * do not depend on the compiler: work_ret+4 is the `ret`, with a + b in %rax;
 * work_xchg starts with `xchg %rax,%r8` (49 90), which must not be probed.
 * odd_bytes (never called) starts with 06, not an x86-64 instruction, so
 * the instruction boundaries of odd_bytes+OFFSET cannot be checked.
 * arith_mul carries a Go-style symbol name, main.(*Arith).Mul.
 */
#include <stdlib.h>

volatile long sink;

__attribute__((noinline)) long work_add(long a, long b)
{
	long r = a + b;

	sink += r;
	return r;
}

__attribute__((noinline)) long work_mul(long a, long b)
{
	long r = a * b;

	sink += r;
	return r;
}

__attribute__((noinline)) int work_done(void)
{
	return 42;
}

long arith_mul(long a, long b) __asm__("\"main.(*Arith).Mul\"");

__attribute__((noinline)) long arith_mul(long a, long b)
{
	return a * b;
}

long work_ret(long a, long b);

__asm__(".text\n"
	".globl work_ret\n"
	".type work_ret, @function\n"
	"work_ret:\n"
	"\tlea (%rdi,%rsi,1), %rax\n"	/* 4 bytes */
	"\tret\n"
	".size work_ret, .-work_ret\n"
	".globl work_xchg\n"
	".type work_xchg, @function\n"
	"work_xchg:\n"
	"\txchg %rax, %r8\n"
	"\tret\n"
	".size work_xchg, .-work_xchg\n"
	".globl odd_bytes\n"
	".type odd_bytes, @function\n"
	"odd_bytes:\n"
	"\t.byte 0x06, 0x06\n"
	"\tret\n"
	".size odd_bytes, .-odd_bytes\n");

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 5;

	for (i = 1; i <= n; i++) {
		work_add(i, 10 * i);
		work_mul(i, 3);
		sink += work_ret(i, 100);
		sink += arith_mul(i, 7);
	}
	return work_done() == 42 ? 0 : 1;
}
