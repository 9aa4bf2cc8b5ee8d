/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C types of the running kernel, from its BTF: one loader of vmlinux
 * BTF for all of qtrace (sema, fentry, raw tracepoints), and qtrace types
 * (types.h) made from BTF types on demand.
 *
 * Nothing is read until a script names a kernel type (a cast, curtask,
 * sizeof, an enum constant, typed args): vmlinux BTF then takes ~10 ms
 * and ~6 MB.  Only the types reached are converted: a struct's fields are
 * read when a field is first looked up (type_complete), and the struct a
 * pointer points to stays an empty shell until then, so curtask->pid
 * converts task_struct's members but none of the structs they point to.
 * Typedefs, const/volatile/restrict and type tags (__rcu, __user) are seen
 * through.  A name missing from vmlinux is looked up in the loaded
 * modules' BTF (/sys/kernel/btf/<module>), split on vmlinux.
 *
 * QTRACE_BTF=FILE reads vmlinux BTF from FILE instead (tests: a missing
 * file is a kernel without BTF).
 */
#ifndef QT_BTF_TYPES_H
#define QT_BTF_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include "sema/types.h"

struct btf;

/* vmlinux BTF, loaded on the first call; NULL with errno set if absent. */
struct btf *btf_vmlinux(void);
/*
 * Whether btf_vmlinux() can find BTF, without loading it: QTRACE_BTF's
 * file or /sys/kernel/btf/vmlinux is readable (the preprocessor's
 * BPFTRACE_HAVE_BTF).
 */
bool btf_available(void);
/* The note for a missing BTF: which kernel option gives it. */
const char *btf_missing_hint(void);

/*
 * "struct NAME", "union NAME" or "enum NAME" (kw "struct", "union",
 * "enum"); NULL if not found: errno ENOENT, or why BTF could not be read.
 */
struct type *btf_named_type(const char *kw, const char *name);
/* The closest struct/union name for a did-you-mean, or NULL. */
const char *btf_suggest_type(const char *kw, const char *name);
/* The qtrace type of type id of b (vmlinux or a module). */
struct type *btf_type_of(const struct btf *b, uint32_t id);
/* An enumerator of any kernel enum: its value and the enum's type. */
bool btf_enum_const(const char *name, int64_t *v, struct type **t);
/*
 * The arguments of raw tracepoint name, from btf_trace_<name>: a T_RECORD
 * of fields at 8 * i (the context is an array of u64), or NULL.
 */
struct type *btf_rawtp_args(const char *name);
/* The id of function name in vmlinux's BTF, else a module's (*bp is which); 0 if none. */
int btf_func_id(const char *name, const struct btf **bp);
/* 1 if decl tag `tag` marks type id of b, 0 if not, -1 if b has no such tag at all. */
int btf_decl_tagged(const struct btf *b, int id, const char *tag);
/* The module whose BTF b is (from btf_func_id), NULL for vmlinux. */
const char *btf_module_name(const struct btf *b);

#endif
