// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for script-defined nested structs, unions and enums: visit() gets
 * one item; and for uaddr(): its globals.
 */
enum shape { SQUARE, CIRCLE = 5, TRIANGLE };

struct item {
	int id;
	union {
		int i;
		long l;
	} u;
	struct {
		short lo, hi;
	} r;
	enum shape kind;
	struct {
		char tag[4];
	};
};

/* globals for uaddr(): sizes 2 and 8, and an array of neither */
short level = -3;
long counter = 0x1122334455L;
char banner[7] = "nested";

__attribute__((noinline)) int visit(struct item *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
	return p->id;
}

int main(void)
{
	struct item it = { .id = 7, .u.l = 0x100000002L, .r = { -3, 9 }, .kind = CIRCLE,
			   .tag = "abc" };

	return visit(&it) == 7 ? 0 : 1;
}
