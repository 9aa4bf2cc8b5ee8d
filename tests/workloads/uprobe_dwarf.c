// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for uprobe args.NAME from DWARF (built with -g, and without for
 * the error): `uprobe_dwarf N` calls dw_record(&req, name, i, -i, level,
 * 2.5, 100 * i) for i in 1..N, then dw_done().  The double takes an SSE
 * register, not an integer one, so total arrives in r8.  Then
 * dw_many(1, 2, ..., 6, 70, -80): the last two are on the stack.  noinline
 * and the volatile sink keep every call and its arguments.
 */
#include <stdio.h>
#include <stdlib.h>

enum dw_level { DW_LOW = 1, DW_HIGH = 7 };

struct dw_req {
	int id;
	short port;
	char tag[8];
	struct dw_req *next;
	const char *owner;
};

volatile long sink;

__attribute__((noinline)) long dw_record(struct dw_req *req, const char *name,
					 unsigned char small, int neg, enum dw_level level,
					 double ratio, long total)
{
	sink += req->id + small + neg + level + (long)ratio + total + name[0];
	return sink;
}

__attribute__((noinline)) long dw_many(long a1, long a2, long a3, long a4, long a5,
				       long a6, long a7, int a8)
{
	sink += a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8;
	return sink;
}

__attribute__((noinline)) int dw_done(void)
{
	return 42;
}

int main(int argc, char **argv)
{
	struct dw_req head = { .id = 99, .port = 8080, .tag = "head", .owner = "root" };
	struct dw_req req = { .id = 7, .port = 443, .tag = "tls", .next = &head, .owner = "www" };
	int i, n = argc > 1 ? atoi(argv[1]) : 1;

	for (i = 1; i <= n; i++) {
		req.id = i;
		dw_record(&req, i % 2 ? "odd" : "even", (unsigned char)(200 + i), -i,
			  i % 2 ? DW_HIGH : DW_LOW, 2.5, 100L * i);
	}
	dw_many(1, 2, 3, 4, 5, 6, 70, -80);
	return dw_done() != 42;
}
