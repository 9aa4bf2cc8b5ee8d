// SPDX-License-Identifier: GPL-2.0
/*
 * C++ workload for the demangling tests: `cxx_stack N` calls
 * measure<shapes::Square>(sq, i) for i in 1..N, which calls the const member
 * shapes::Square::area(int), which calls getppid().  Every symbol on the way
 * is mangled (_ZNK6shapes6Square4areaEi ...) so stacks and usym() show
 * whether names are demangled.  It then lives 200 ms more, so that the
 * tracer can read its /proc/PID/maps after the first stack.  Build with
 * -O0 -fno-omit-frame-pointer.
 */
#include <cstdlib>
#include <ctime>
#include <unistd.h>

volatile long sink;

namespace shapes {

struct Square {
	long side;
	long area(int scale) const;
};

__attribute__((noinline)) long Square::area(int scale) const
{
	sink += getppid();
	return side * side * scale;
}

} // namespace shapes

template <typename T>
__attribute__((noinline)) long measure(const T &shape, int scale)
{
	return shape.area(scale);
}

int main(int argc, char **argv)
{
	struct timespec rest = { 0, 200 * 1000 * 1000 };
	shapes::Square sq = { 3 };
	int i, n = argc > 1 ? atoi(argv[1]) : 1;

	for (i = 1; i <= n; i++)
		sink += measure(sq, i);
	nanosleep(&rest, NULL);
	return 0;
}
