/* SPDX-License-Identifier: GPL-2.0 */
/* qsort that takes an empty array: qsort(NULL, 0, ...) is undefined (UBSan). */
#ifndef QT_SORT_H
#define QT_SORT_H

#include <stdlib.h>

static inline void qt_sort(void *base, size_t n, size_t size,
			   int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

#endif
