// SPDX-License-Identifier: GPL-2.0
/* Workload for script-defined nested structs, unions and enums: visit() gets one item. */
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
