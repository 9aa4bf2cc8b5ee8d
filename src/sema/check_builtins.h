/* SPDX-License-Identifier: GPL-2.0 */
/* Check hooks of the builtin table (sema side). */
#ifndef QT_CHECK_BUILTINS_H
#define QT_CHECK_BUILTINS_H

#include <stdbool.h>

struct sema;
struct node;
struct type;
struct builtin;

struct type *check_agg(struct sema *s, struct node *n);
/* sema_ctypes.c */
struct type *check_curtask(struct sema *s, struct node *n);
struct type *check_sizeof(struct sema *s, struct node *n);
struct type *check_offsetof(struct sema *s, struct node *n);
struct type *check_cgroupid(struct sema *s, struct node *n);
struct type *check_cpid(struct sema *s, struct node *n);
struct type *check_ctx(struct sema *s, struct node *n);
struct type *check_delete(struct sema *s, struct node *n);
struct type *check_exit(struct sema *s, struct node *n);
/* tseries' fold from its 4th argument (NULL: the last value); -1 if unknown */
int sema_ts_agg(const struct node *a);
struct type *check_getopt(struct sema *s, struct node *n);
struct type *check_len(struct sema *s, struct node *n);
struct type *check_has_key(struct sema *s, struct node *n);
struct type *check_map_arg(struct sema *s, struct node *n);
struct type *check_zero(struct sema *s, struct node *n);
struct type *check_print(struct sema *s, struct node *n);
/* print(@m, folded): is a a format name rather than a value? */
bool sema_print_mode_arg(const struct builtin *b, const struct node *a);
struct type *check_printf(struct sema *s, struct node *n);
struct type *check_fail(struct sema *s, struct node *n);	/* check_fail.c */
struct type *check_probe(struct sema *s, struct node *n);
struct type *check_probetype(struct sema *s, struct node *n);
struct type *check_stack(struct sema *s, struct node *n);
struct type *check_stack_call(struct sema *s, struct node *n);
struct type *check_task_kstack(struct sema *s, struct node *n);
/* a is a stack mode name given to kstack()/ustack(), left unresolved */
bool sema_stack_mode_arg(const struct builtin *b, const struct node *a);
struct type *check_func(struct sema *s, struct node *n);
/* check_comptime.c: is_ptr() ... is_literal(), kfunc_exist(), kfunc_allowed(), usermode */
struct type *check_is_type(struct sema *s, struct node *n);
struct type *check_kfunc_exist(struct sema *s, struct node *n);
struct type *check_kfunc_allowed(struct sema *s, struct node *n);
struct type *check_usermode(struct sema *s, struct node *n);
struct type *check_kaddr(struct sema *s, struct node *n);
struct type *check_uaddr(struct sema *s, struct node *n);
struct type *check_reg(struct sema *s, struct node *n);
struct type *check_sym(struct sema *s, struct node *n);
struct type *check_str(struct sema *s, struct node *n);
struct type *check_time(struct sema *s, struct node *n);

/* check_sym.c */
struct type *check_percpu_kaddr(struct sema *s, struct node *n);

/* check_funcs.c */
struct type *check_syscall_name(struct sema *s, struct node *n);
struct type *check_strerror(struct sema *s, struct node *n);
struct type *check_errname(struct sema *s, struct node *n);
struct type *check_signame(struct sema *s, struct node *n);
struct type *check_cgroup_path(struct sema *s, struct node *n);
struct type *check_username(struct sema *s, struct node *n);
struct type *check_strftime(struct sema *s, struct node *n);
struct type *check_ntop(struct sema *s, struct node *n);
struct type *check_pton(struct sema *s, struct node *n);
struct type *check_macaddr(struct sema *s, struct node *n);
struct type *check_buf(struct sema *s, struct node *n);
struct type *check_strncmp(struct sema *s, struct node *n);
struct type *check_strcontains(struct sema *s, struct node *n);
struct type *check_strstr(struct sema *s, struct node *n);
struct type *check_strlen(struct sema *s, struct node *n);
struct type *check_bswap(struct sema *s, struct node *n);
struct type *check_kptr(struct sema *s, struct node *n);
struct type *check_uptr(struct sema *s, struct node *n);
struct type *check_nsecs_call(struct sema *s, struct node *n);
struct type *check_pid_call(struct sema *s, struct node *n);
struct type *check_signal(struct sema *s, struct node *n);
struct type *check_unwatch(struct sema *s, struct node *n);
struct type *check_override(struct sema *s, struct node *n);
struct type *check_system(struct sema *s, struct node *n);
struct type *check_assert(struct sema *s, struct node *n);
struct type *check_find(struct sema *s, struct node *n);
struct type *check_comm_pid(struct sema *s, struct node *n);
struct type *check_memcmp(struct sema *s, struct node *n);
struct type *check_strcap(struct sema *s, struct node *n);
struct type *check_globmatch(struct sema *s, struct node *n);
struct type *check_assert_str(struct sema *s, struct node *n);
struct type *check_cat(struct sema *s, struct node *n);
struct type *check_join(struct sema *s, struct node *n);
struct type *check_path(struct sema *s, struct node *n);
/* check_net.c */
struct type *check_socket_cookie(struct sema *s, struct node *n);
struct type *check_skboutput(struct sema *s, struct node *n);
/* n compares a syscall_name() with a string: handled (the literal made a number), true */
bool sema_syscall_compare(struct sema *s, struct node *n, struct type *l, struct type *r);

#endif
