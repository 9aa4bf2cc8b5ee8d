// SPDX-License-Identifier: GPL-2.0
/* Workload for user-memory struct reads: visit() gets a list of two points. */
struct point {
	int x, y;
	char name[8];
	struct point *next;
};

__attribute__((noinline)) int visit(struct point *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
	return p->x + p->y;
}

int main(void)
{
	struct point b = { 3, 4, "bee", 0 };
	struct point a = { 1, 2, "ay", &b };

	return visit(&a) == 3 ? 0 : 1;
}
