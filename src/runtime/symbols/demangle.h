/* SPDX-License-Identifier: GPL-2.0 */
/* C++ symbol names as people write them ("ns::Foo::bar(int)"). */
#ifndef QT_DEMANGLE_H
#define QT_DEMANGLE_H

/*
 * The demangled form of an Itanium C++ ABI name ("_ZN2ns3FooEv"), in the
 * arena; NULL when name is not a mangled C++ name (C and Go names).
 */
const char *rt_demangle(const char *name);

#endif
