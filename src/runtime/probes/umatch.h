/* SPDX-License-Identifier: GPL-2.0 */
/* Which function symbols a uprobe's SYMBOL names: as written, or C++ (cpp:). */
#ifndef QT_UMATCH_H
#define QT_UMATCH_H

#include <stdbool.h>

struct elfsym;

/* "cpp" or "c++": bpftrace's language part, uprobe:PATH:cpp:SYMBOL. */
bool umatch_is_cpp(const char *lang);
/*
 * The name SYMBOL is matched against: the symbol's own, or with cpp its
 * demangled form ("ns::f(int)") when it is a mangled C++ name.
 */
const char *umatch_name(const struct elfsym *s, bool cpp);
/* "ns::f(int) const" -> "ns::f" (arena): up to the parameter list's '('. */
const char *umatch_without_params(const char *demangled);
/*
 * Does pat (a glob) name the symbol?  With cpp, a pattern without a
 * parameter list names every overload: "ns::f" matches "ns::f(int)" and
 * "ns::f() const", not "ns::fg()".
 */
bool umatch(const char *pat, const struct elfsym *s, bool cpp);

#endif
