/* SPDX-License-Identifier: GPL-2.0 */
/* BPF kfuncs: kernel functions callable from BPF (kfuncs): known from BTF, allowed per program type by the verifier. */
#ifndef QT_BPF_KFUNCS_H
#define QT_BPF_KFUNCS_H

#include <stdbool.h>
#include <linux/bpf.h>

/*
 * Whether the kernel's BTF (vmlinux or a loaded module) has kfunc name: a
 * function tagged bpf_kfunc (any function, in BTF built without the tags).
 */
bool kfunc_exists(const char *name);
/*
 * Whether programs of type may call kfunc name: the verifier is asked
 * with a program that calls it (answers are cached).  False when it
 * does not exist.
 */
bool kfunc_allowed(const char *name, enum bpf_prog_type type);

#endif
