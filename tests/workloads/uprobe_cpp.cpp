// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for the uprobe cpp: tests: `uprobe_cpp N` calls, N times each,
 * the two overloads of ns::Counter::add, ns::twice, ns::twice_more (which
 * "ns::twice" must not match) and the C function c_plain, then done().
 * noinline and the volatile sink keep every call in the binary.
 */
#include <cstdlib>

volatile long sink;

namespace ns {
struct Counter {
	long total = 0;
	long add(long v);
	long add(long a, long b);
};

__attribute__((noinline)) long Counter::add(long v)
{
	total += v;
	return total;
}

__attribute__((noinline)) long Counter::add(long a, long b)
{
	total += a * b;
	return total;
}

__attribute__((noinline)) long twice(long v)
{
	return 2 * v;
}

__attribute__((noinline)) long twice_more(long v)
{
	return 4 * v;
}
}

extern "C" __attribute__((noinline)) long c_plain(long v)
{
	return v + 1;
}

extern "C" __attribute__((noinline)) int done(void)
{
	return 0;
}

int main(int argc, char **argv)
{
	long i, n = argc > 1 ? atol(argv[1]) : 3;
	ns::Counter c;

	for (i = 1; i <= n; i++) {
		sink += c.add(i);
		sink += c.add(i, 3);
		sink += ns::twice(i) + ns::twice_more(i) + c_plain(i);
	}
	return done();
}
