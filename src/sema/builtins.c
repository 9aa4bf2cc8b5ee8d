/* SPDX-License-Identifier: GPL-2.0 */
/* The builtin table (see builtins.h): one row per builtin. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sema/builtins.h"
#include "sema/suggest.h"
#include "util/arena.h"
#include "sema/check_builtins.h"
#include "codegen/cg_builtins.h"

/* ORDER BUILTINS */
const struct builtin builtins[] = {
	{ .name = "pid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_pid_var, .agg = AGG_NONE,
	  .summary = "process id (tgid) of the current task, in qtrace's pid namespace" },
	{ .name = "tid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_tid_var, .agg = AGG_NONE,
	  .summary = "thread id of the current task, in qtrace's pid namespace" },
	{ .name = "uid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_uid, .agg = AGG_NONE,
	  .summary = "user id of the current task" },
	{ .name = "gid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_gid, .agg = AGG_NONE,
	  .summary = "group id of the current task" },
	{ .name = "comm", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_comm, .cg = cg_comm, .agg = AGG_NONE,
	  .summary = "name of the current task (16 bytes)" },
	{ .name = "nsecs", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_nsecs, .agg = AGG_NONE,
	  .summary = "nanoseconds since boot, suspend included (CLOCK_BOOTTIME)" },
	{ .name = "elapsed", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_elapsed, .agg = AGG_NONE,
	  .summary = "nanoseconds since qtrace started" },
	{ .name = "cpu", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_cpu, .agg = AGG_NONE,
	  .summary = "the CPU the probe runs on" },
	{ .name = "numaid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_numaid, .agg = AGG_NONE,
	  .summary = "the NUMA node of the CPU the probe runs on" },
	{ .name = "cgroup", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_cgroup, .agg = AGG_NONE,
	  .summary = "cgroup v2 id of the current task" },
	{ .name = "rand", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_rand, .agg = AGG_NONE,
	  .summary = "a pseudo-random 32-bit number" },
	{ .name = "cpid", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_cpid, .ret = &type_u64, .cg = cg_cpid, .agg = AGG_NONE,
	  .summary = "pid of the -c child" },
	{ .name = "probe", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_probe, .ret = NULL, .cg = cg_probe, .agg = AGG_NONE,
	  .summary = "full name of the probe that fired" },
	{ .name = "probetype", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_probetype, .ret = NULL, .cg = cg_probetype, .agg = AGG_NONE,
	  .summary = "type of the probe that fired: tracepoint, uprobe ... (special: BEGIN, END)" },
	{ .name = "func", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_func, .ret = NULL, .cg = cg_func, .agg = AGG_NONE,
	  .summary = "name of the probed function (kprobe, uprobe, fentry ...)" },
	{ .name = "kstack", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_stack, .ret = NULL, .cg = cg_stack, .agg = AGG_NONE,
	  .summary = "the kernel stack, printed as symbol+offset frames" },
	{ .name = "ustack", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_stack, .ret = NULL, .cg = cg_stack, .agg = AGG_NONE,
	  .summary = "the user stack of the current process" },
	{ .name = "username", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_username, .ret = NULL, .cg = cg_username, .agg = AGG_NONE,
	  .summary = "the current user's name (the uid, resolved when printed)" },
	{ .name = "ncpus", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_ncpus, .agg = AGG_NONE,
	  .summary = "number of possible CPUs" },
	{ .name = "jiffies", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = NULL, .ret = &type_u64, .cg = cg_jiffies, .agg = AGG_NONE,
	  .summary = "the kernel's jiffies counter" },
	{ .name = "curtask", .kind = B_VAR, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_curtask, .ret = NULL, .cg = cg_curtask, .agg = AGG_NONE,
	  .summary = "the current task: a struct task_struct * (kernel BTF)" },
	{ .name = "args", .kind = B_CTX, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_ctx, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "the tracepoint's arguments (args->field, args.field)" },
	{ .name = "arg", .kind = B_CTX, .numbered = true, .min_args = 0, .max_args = 0,
	  .check = check_ctx, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "argument N of the probe (raw tracepoints, later kprobe/uprobe)" },
	{ .name = "ctx", .kind = B_CTX, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_ctx, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "the probe's context (iter: ctx->task, ctx->file, ctx->vma)" },
	{ .name = "retval", .kind = B_CTX, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_ctx, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "the return value (return probes)" },
	{ .name = "goarg", .kind = B_CTX, .numbered = true, .min_args = 0, .max_args = 0,
	  .check = check_ctx, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "argument N (0-8) of a Go function by its register ABI: ax bx cx di si r8 r9 r10 r11 (uprobe)" },
	{ .name = "printf", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_printf, .ret = &type_void, .cg = cg_printf, .agg = AGG_NONE,
	  .summary = "printf(fmt, ...): formatted output" },
	{ .name = "errorf", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_printf, .ret = &type_void, .cg = cg_errorf, .agg = AGG_NONE,
	  .summary = "errorf(fmt, ...): an error message with the call's place, on stderr" },
	{ .name = "fail", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_fail, .ret = &type_void, .cg = cg_fail, .agg = AGG_NONE,
	  .summary = "fail(fmt, ...): stop compiling with this error where it is reached (literal arguments)" },
	{ .name = "warnf", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_printf, .ret = &type_void, .cg = cg_warnf, .agg = AGG_NONE,
	  .summary = "warnf(fmt, ...): a warning with the call's place, on stderr" },
	{ .name = "assert", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_assert, .ret = &type_void, .cg = cg_assert, .agg = AGG_NONE,
	  .summary = "assert(cond, \"msg\"): when cond is false, an error at the call and exit(1)" },
	{ .name = "assert_str", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_assert_str, .ret = &type_void, .cg = cg_nothing, .agg = AGG_NONE,
	  .summary = "assert_str(v): a compile error unless v is a string, char array or char *" },
	{ .name = "print", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 3,
	  .check = check_print, .ret = &type_void, .cg = cg_print, .agg = AGG_NONE,
	  .summary = "print(@m [, top [, div]]) or print(value)" },
	{ .name = "time", .kind = B_FUNC, .numbered = false, .min_args = 0, .max_args = 1,
	  .check = check_time, .ret = &type_void, .cg = cg_time, .agg = AGG_NONE,
	  .summary = "time([fmt]): print the current time (strftime)" },
	{ .name = "str", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_str, .ret = NULL, .cg = cg_str, .agg = AGG_NONE,
	  .summary = "str(ptr [, len]): read a NUL-terminated string" },
	{ .name = "sizeof", .kind = B_FUNC, .numbered = false, .min_args = 0, .max_args = 1,
	  .check = check_sizeof, .ret = NULL, .cg = NULL, .agg = AGG_NONE, .type_arg = true,
	  .summary = "sizeof(TYPE) or sizeof(expr): the size in bytes, a constant" },
	{ .name = "offsetof", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_offsetof, .ret = NULL, .cg = NULL, .agg = AGG_NONE, .type_arg = true,
	  .summary = "offsetof(struct NAME, a.b): the byte offset of a field, a constant" },
	{ .name = "kaddr", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_kaddr, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "kaddr(\"name\"): address of a kernel symbol" },
	{ .name = "ksym", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_sym, .ret = NULL, .cg = cg_ksym, .agg = AGG_NONE,
	  .summary = "ksym(addr): a kernel address, printed as its symbol" },
	{ .name = "usym", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_sym, .ret = NULL, .cg = cg_usym, .agg = AGG_NONE,
	  .summary = "usym(addr): a user address, printed as its symbol" },
	{ .name = "reg", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_reg, .ret = NULL, .cg = cg_reg, .agg = AGG_NONE,
	  .summary = "reg(\"name\"): a register (kprobe, uprobe)" },
	{ .name = "cgroupid", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_cgroupid, .ret = &type_u64, .cg = cg_cgroupid, .agg = AGG_NONE,
	  .summary = "cgroupid(path): the id of a cgroup v2 directory" },
	{ .name = "getopt", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 3,
	  .check = check_getopt, .ret = NULL, .cg = NULL, .agg = AGG_NONE,
	  .summary = "getopt(\"name\" [, default [, \"help\"]]): option --name=value given after '--'" },
	{ .name = "exit", .kind = B_FUNC, .numbered = false, .min_args = 0, .max_args = 1,
	  .check = check_exit, .ret = &type_void, .cg = cg_exit, .agg = AGG_NONE,
	  .summary = "exit([code]): stop tracing" },
	{ .name = "clear", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_map_arg, .ret = &type_void, .cg = cg_clear, .agg = AGG_NONE,
	  .summary = "clear(@m): delete every element" },
	{ .name = "unwatch", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_unwatch, .ret = NULL, .cg = cg_unwatch, .agg = AGG_NONE,
	  .summary = "unwatch(addr): remove the watchpoints on addr (async)" },
	{ .name = "zero", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_zero, .ret = &type_void, .cg = cg_zero, .agg = AGG_NONE,
	  .summary = "zero(@m): set every value to zero" },
	{ .name = "delete", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_delete, .ret = &type_bool, .cg = cg_delete, .agg = AGG_NONE,
	  .summary = "delete(@m[k]) or delete(@m, k): remove an element; true if it was there" },
	{ .name = "len", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_len, .ret = &type_i64, .cg = cg_len, .agg = AGG_NONE,
	  .summary = "len(@m): the number of elements of a map" },
	{ .name = "has_key", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_has_key, .ret = &type_u64, .cg = cg_has_key, .agg = AGG_NONE,
	  .summary = "has_key(@m, k): 1 if k is in @m" },
	{ .name = "comm", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_comm_pid, .ret = NULL, .cg = cg_comm_pid, .agg = AGG_NONE,
	  .summary = "comm(pid): the name of the task with that pid, \"[Unknown]\" if none (Linux 6.1)" },
	{ .name = "find", .kind = B_FUNC, .numbered = false, .min_args = 3, .max_args = 3,
	  .check = check_find, .ret = &type_bool, .cg = cg_find, .agg = AGG_NONE,
	  .summary = "find(@m, k, $v): true and $v = @m[k] if k is in @m, else false" },
	{ .name = "kstack", .kind = B_FUNC, .numbered = false, .min_args = 0, .max_args = 2,
	  .check = check_stack_call, .ret = NULL, .cg = cg_stack, .agg = AGG_NONE,
	  .summary = "kstack([mode, ][n]): the kernel stack, at most n frames (mode bpftrace or perf)" },
	{ .name = "task_kstack", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_task_kstack, .ret = NULL, .cg = cg_task_kstack, .agg = AGG_NONE,
	  .summary = "task_kstack(task): the kernel stack of a task the kernel trusts (ctx->task in iter:task)" },
	{ .name = "ustack", .kind = B_FUNC, .numbered = false, .min_args = 0, .max_args = 2,
	  .check = check_stack_call, .ret = NULL, .cg = cg_stack, .agg = AGG_NONE,
	  .summary = "ustack([mode, ][n]): the user stack, at most n frames (mode bpftrace or perf)" },
	{ .name = "syscall_name", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_syscall_name, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "syscall_name(nr): the syscall's name (printed; compares with \"name\")" },
	{ .name = "strerror", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_strerror, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "strerror(err): the text of an errno value" },
	{ .name = "errname", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_errname, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "errname(err): the name of an errno value (EPERM)" },
	{ .name = "signame", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_signame, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "signame(sig): the name of a signal number (SIGKILL)" },
	{ .name = "cgroup_path", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_cgroup_path, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "cgroup_path(id [, \"filter\"]): the cgroup's path, resolved when printed" },
	{ .name = "strftime", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_strftime, .ret = NULL, .cg = cg_second_arg, .agg = AGG_NONE,
	  .summary = "strftime(\"fmt\", ns): boot-time ns printed as wall-clock time (%f: microseconds)" },
	{ .name = "ntop", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_ntop, .ret = NULL, .cg = cg_ntop, .agg = AGG_NONE,
	  .summary = "ntop([af, ] addr): an IPv4 or IPv6 address, printed in text" },
	{ .name = "pton", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_pton, .ret = NULL, .cg = cg_pton, .agg = AGG_NONE,
	  .summary = "pton(\"addr\"): the bytes of an IPv4 or IPv6 address" },
	{ .name = "macaddr", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_macaddr, .ret = NULL, .cg = cg_macaddr, .agg = AGG_NONE,
	  .summary = "macaddr(mac): 6 bytes printed as a MAC address" },
	{ .name = "buf", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_buf, .ret = NULL, .cg = cg_buf_call, .agg = AGG_NONE,
	  .summary = "buf(ptr, n): n raw bytes, printed with %r, %rx or %rh" },
	{ .name = "strncmp", .kind = B_FUNC, .numbered = false, .min_args = 3, .max_args = 3,
	  .check = check_strncmp, .ret = NULL, .cg = cg_strncmp, .agg = AGG_NONE,
	  .summary = "strncmp(a, b, n): 0 when the first n characters are equal" },
	{ .name = "memcmp", .kind = B_FUNC, .numbered = false, .min_args = 3, .max_args = 3,
	  .check = check_memcmp, .ret = NULL, .cg = cg_memcmp, .agg = AGG_NONE,
	  .summary = "memcmp(a, b, n): 0 when the first n bytes are equal, else the first difference" },
	{ .name = "strcap", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_strcap, .ret = NULL, .cg = cg_strcap, .agg = AGG_NONE,
	  .summary = "strcap(s): the capacity in bytes of a string or char array" },
	{ .name = "globmatch", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_globmatch, .ret = NULL, .cg = cg_globmatch, .agg = AGG_NONE,
	  .summary = "globmatch(s, \"pat\"): true when all of s matches the glob (? * [a-z] [!abc])" },
	{ .name = "strcontains", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_strcontains, .ret = NULL, .cg = cg_strcontains, .agg = AGG_NONE,
	  .summary = "strcontains(s, sub): 1 when s contains sub" },
	{ .name = "strstr", .kind = B_FUNC, .numbered = false, .min_args = 2, .max_args = 2,
	  .check = check_strstr, .ret = NULL, .cg = cg_strstr, .agg = AGG_NONE,
	  .summary = "strstr(s, sub): the index of the first sub in s, or -1" },
	{ .name = "strlen", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_strlen, .ret = NULL, .cg = cg_strlen, .agg = AGG_NONE,
	  .summary = "strlen(s): the length of a string" },
	{ .name = "bswap", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_bswap, .ret = NULL, .cg = cg_bswap, .agg = AGG_NONE,
	  .summary = "bswap(n): n with its bytes reversed" },
	{ .name = "kptr", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_kptr, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "kptr(p): p as a kernel address" },
	{ .name = "uptr", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_uptr, .ret = NULL, .cg = cg_first_arg, .agg = AGG_NONE,
	  .summary = "uptr(p): p as a user address" },
	{ .name = "percpu_kaddr", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_percpu_kaddr, .ret = NULL, .cg = cg_percpu_kaddr, .agg = AGG_NONE,
	  .summary = "percpu_kaddr(\"name\" [, cpu]): a per-CPU kernel variable's address" },
	{ .name = "nsecs", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_nsecs_call, .ret = NULL, .cg = cg_nsecs_call, .agg = AGG_NONE, .name_args = true,
	  .summary = "nsecs(monotonic|boot|tai|sw_tai): that clock, in ns" },
	{ .name = "pid", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_pid_call, .ret = NULL, .cg = cg_pid_call, .agg = AGG_NONE, .name_args = true,
	  .summary = "pid(curr_ns|init): the process id in that pid namespace" },
	{ .name = "tid", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_pid_call, .ret = NULL, .cg = cg_tid_call, .agg = AGG_NONE, .name_args = true,
	  .summary = "tid(curr_ns|init): the thread id in that pid namespace" },
	{ .name = "signal", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_signal, .ret = NULL, .cg = cg_signal, .agg = AGG_NONE,
	  .summary = "signal(sig): send sig (\"SIGUSR1\" or a number) to the current process (--unsafe)" },
	{ .name = "signal_thread", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_signal, .ret = NULL, .cg = cg_signal_thread, .agg = AGG_NONE,
	  .summary = "signal_thread(sig): send sig to the current thread only (--unsafe)" },
	{ .name = "override", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_override, .ret = NULL, .cg = cg_override, .agg = AGG_NONE,
	  .summary = "override(rc): the probed kernel function returns rc (kprobe, --unsafe)" },
	{ .name = "system", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_system, .ret = NULL, .cg = cg_system, .agg = AGG_NONE,
	  .summary = "system(fmt, ...): run a command, as printf formats it (--unsafe)" },
	{ .name = "cat", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = -1,
	  .check = check_cat, .ret = NULL, .cg = cg_cat, .agg = AGG_NONE,
	  .summary = "cat(fmt, ...): print the file that printf's format names" },
	{ .name = "join", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_join, .ret = NULL, .cg = cg_join, .agg = AGG_NONE,
	  .summary = "join(argv [, \"sep\"]): print a NULL-terminated string array, joined" },
	{ .name = "path", .kind = B_FUNC, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_path, .ret = NULL, .cg = cg_path, .agg = AGG_NONE,
	  .summary = "path(p [, size]): the path of a struct path (fentry, fexit, iter)" },
	{ .name = "count", .kind = B_AGG, .numbered = false, .min_args = 0, .max_args = 0,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_COUNT,
	  .summary = "count(): number of times run" },
	{ .name = "sum", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_SUM,
	  .summary = "sum(n): total" },
	{ .name = "avg", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_AVG,
	  .summary = "avg(n): integer average" },
	{ .name = "min", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_MIN,
	  .summary = "min(n): smallest value" },
	{ .name = "max", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_MAX,
	  .summary = "max(n): largest value" },
	{ .name = "stats", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 1,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_STATS,
	  .summary = "stats(n): count, average and total" },
	{ .name = "hist", .kind = B_AGG, .numbered = false, .min_args = 1, .max_args = 2,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_HIST,
	  .summary = "hist(n [, k]): power-of-two histogram, 2^k buckets per power (k 0..5)" },
	{ .name = "lhist", .kind = B_AGG, .numbered = false, .min_args = 4, .max_args = 4,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_LHIST,
	  .summary = "lhist(n, min, max, step): linear histogram" },
	{ .name = "tseries", .kind = B_AGG, .numbered = false, .min_args = 3, .max_args = 4,
	  .check = check_agg, .ret = NULL, .cg = cg_agg, .agg = AGG_TSERIES,
	  .summary = "tseries(n, interval_ns, intervals [, \"avg\"|\"max\"|\"min\"|\"sum\"]): a time series" },
};
/* ORDER BUILTINS */
const int nbuiltins = sizeof(builtins) / sizeof(builtins[0]);

static bool is_call_kind(enum builtin_kind k)
{
	return k == B_FUNC || k == B_AGG;
}

/* "arg3" for the numbered row "arg": one or two digits, no leading zero. */
static bool numbered_match(const char *row, const char *name)
{
	size_t n = strlen(row);
	const char *d = name + n;

	if (strncmp(row, name, n) != 0 || !isdigit((unsigned char)d[0]))
		return false;
	if (d[1] == '\0')
		return true;
	return d[0] != '0' && isdigit((unsigned char)d[1]) && d[2] == '\0';
}

const struct builtin *builtin_find(const char *name, bool is_call)
{
	int i;

	for (i = 0; i < nbuiltins; i++) {
		const struct builtin *b = &builtins[i];

		if (is_call_kind(b->kind) != is_call)
			continue;
		if (b->numbered ? numbered_match(b->name, name) :
		    !strcmp(b->name, name))
			return b;
	}
	return NULL;
}

const char *builtin_suggest(const char *name, bool is_call)
{
	struct suggest sg;
	int i;

	suggest_init(&sg, name);
	for (i = 0; i < nbuiltins; i++) {
		const struct builtin *b = &builtins[i];

		if (is_call_kind(b->kind) != is_call)
			continue;
		/* a numbered row is offered by its first name: arg0 */
		suggest_add(&sg, b->numbered ? arena_printf("%s0", b->name) :
			    b->name);
	}
	return suggest_result(&sg);
}

int builtin_number(const char *name)
{
	while (*name && !isdigit((unsigned char)*name))
		name++;
	return atoi(name);
}
