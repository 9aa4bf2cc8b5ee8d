// SPDX-License-Identifier: GPL-2.0
/*
 * Check hooks of the functions of issue 8 (see builtins.c): values printed
 * by kind (syscall_name, strftime, ntop ...), string helpers, clocks, and
 * the --unsafe ones (signal, system, override).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include "runtime/provider.h"
#include "sema/bpf_kfuncs.h"
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"
#include "util/syscalls.h"

/* Bytes buf() reads at most, and str() reads at most (per-CPU scratch). */
#define BUF_MAX 1024

static struct node *arg(struct node *n, int i)
{
	struct node *a = n->call.args;

	while (a && i--)
		a = a->next;
	return a;
}

static bool int_arg(struct sema *s, struct node *n, struct node *a, const char *what)
{
	if (a->type->kind == T_NONE)
		return false;
	if (sema_is_int(a->type))
		return true;
	sema_error(s, a->loc, "%s() %s must be an integer, not '%s'", n->call.name,
		   what, type_name(a->type));
	return false;
}

static bool str_arg(struct sema *s, struct node *n, struct node *a, const char *what)
{
	if (a->type->kind == T_NONE)
		return false;
	if (a->type->kind == T_STR)
		return true;
	sema_error(s, a->loc, "%s() %s must be a string, not '%s'", n->call.name,
		   what, type_name(a->type));
	if (sema_is_int(a->type))
		sema_note(s, "read a string from an address with str(ptr)");
	return false;
}

static bool lit_arg(struct sema *s, struct node *n, struct node *a, const char *what)
{
	if (a->kind == N_STR)
		return true;
	if (a->type->kind != T_NONE)
		sema_error(s, a->loc, "%s() %s must be a string literal", n->call.name, what);
	return false;
}

/* Bytes of a char or u8 array (T_STR, or T_ARRAY of 1-byte ints), else -1. */
static int byte_array_size(const struct type *t)
{
	if (t->kind == T_STR)
		return t->size;
	if (t->kind == T_ARRAY && t->elem && t->elem->kind == T_INT &&
	    t->elem->size == 1 && t->count > 0)
		return t->count;
	return -1;
}

/* A name argument (nsecs(boot), pid(init)): its index in names, or -1 (reported). */
static int name_arg(struct sema *s, struct node *n, const char *const *names,
		    const char *list)
{
	struct node *a = n->call.args;
	int i;

	if (a->kind == N_IDENT)
		for (i = 0; names[i]; i++)
			if (!strcmp(names[i], a->ident.name))
				return i;
	if (a->kind == N_IDENT)
		sema_error(s, a->loc, "unknown %s() mode '%s'", n->call.name, a->ident.name);
	else
		sema_error(s, a->loc, "%s() takes a mode name, not an expression",
			   n->call.name);
	sema_note(s, "modes are %s", list);
	return -1;
}

/* --unsafe functions: a located error naming the flag. */
static bool unsafe_ok(struct sema *s, struct node *n, const char *why)
{
	if (s->p->unsafe)
		return true;
	sema_error(s, n->loc, "%s() is unsafe: it %s", n->call.name, why);
	sema_note(s, "pass --unsafe to allow it");
	return false;
}

/* syscall_name(nr), strerror(err), cgroup_path(id): an integer printed by kind. */
static struct type *printed_int(struct sema *s, struct node *n, enum print_kind pk)
{
	if (!int_arg(s, n, n->call.args, "argument"))
		return &type_none;
	return type_print(pk, 0, NULL);
}

struct type *check_syscall_name(struct sema *s, struct node *n)
{
	return printed_int(s, n, PK_SYSCALL);
}

struct type *check_strerror(struct sema *s, struct node *n)
{
	return printed_int(s, n, PK_ERRNO);
}

struct type *check_errname(struct sema *s, struct node *n)
{
	return printed_int(s, n, PK_ERRNAME);
}

struct type *check_signame(struct sema *s, struct node *n)
{
	return printed_int(s, n, PK_SIGNAME);
}

struct type *check_cgroup_path(struct sema *s, struct node *n)
{
	struct node *f = arg(n, 1);
	struct type *t;

	if (f && !lit_arg(s, n, f, "filter"))
		return &type_none;
	t = printed_int(s, n, PK_CGROUP_PATH);
	if (f && t->kind != T_NONE)
		t->print_fmt = f->str.s;
	return t;
}

struct type *check_username(struct sema *s, struct node *n)
{
	return type_print(PK_USERNAME, 0, NULL);
}

/*
 * A syscall_name() compared with a string literal: the literal becomes the
 * syscall's number now, so the comparison is of integers.  false: not this case.
 */
bool sema_syscall_compare(struct sema *s, struct node *n, struct type *l,
			  struct type *r)
{
	struct node *lit = l->print == PK_SYSCALL ? n->bin.r : n->bin.l;
	int64_t nr;

	/* with a number (also the literal made one in the quiet run) */
	if ((l->print == PK_SYSCALL && r->kind == T_INT && !r->print) ||
	    (r->print == PK_SYSCALL && l->kind == T_INT && !l->print) ||
	    (l->print == PK_SYSCALL && type_equal(l, r)))
		return true;
	if ((l->print != PK_SYSCALL || r->kind != T_STR) &&
	    (r->print != PK_SYSCALL || l->kind != T_STR))
		return false;
	if (lit->kind != N_STR) {
		sema_error(s, lit->loc, "a syscall_name() compares only with a string literal");
		return true;
	}
	nr = syscalls_number(lit->str.s);
	if (nr < 0) {
		sema_error(s, lit->loc, "unknown syscall '%s'", lit->str.s);
		return true;
	}
	lit->kind = N_INT;
	lit->num.is_bool = false;	/* the node's union held other fields */
	lit->num.v = nr;
	lit->type = &type_u64;
	return true;
}

/* strftime("fmt", ns): boot-time ns, printed as wall-clock time. */
struct type *check_strftime(struct sema *s, struct node *n)
{
	struct node *f = n->call.args;
	struct type *t;

	if (!lit_arg(s, n, f, "format") || !int_arg(s, n, f->next, "timestamp"))
		return &type_none;
	t = type_print(PK_TIMESTAMP, 0, NULL);
	t->print_fmt = f->str.s;
	return t;
}

/* An address family: AF_INET or AF_INET6 (-1: not a constant, 0: bad, reported). */
static int family_arg(struct sema *s, struct node *n, struct node *a)
{
	int64_t af;

	if (!int_arg(s, n, a, "address family"))
		return 0;
	if (!sema_const_int(s, a, &af))
		return -1;
	if (af == AF_INET || af == AF_INET6)
		return (int)af;
	sema_error(s, a->loc, "ntop() address family must be AF_INET (%d) or AF_INET6 (%d), got %lld",
		   AF_INET, AF_INET6, (long long)af);
	return 0;
}

/*
 * ntop([af,] addr): an integer (IPv4), a char[4] or char[16] (v4 or v6 by
 * size), or a pointer to the address (v4 unless af says AF_INET6).
 */
struct type *check_ntop(struct sema *s, struct node *n)
{
	struct node *a = arg(n, n->call.nargs - 1);
	struct type *el[2] = { &type_u64, type_str(16) };
	int af = -2, bytes;	/* af -2: not given */

	if (n->call.nargs == 2 && !(af = family_arg(s, n, n->call.args)))
		return &type_none;
	if (a->type->kind == T_NONE)
		return &type_none;
	bytes = byte_array_size(a->type);
	if (bytes >= 0 && bytes != 4 && bytes != 16) {
		sema_error(s, a->loc, "ntop() needs a 4- or 16-byte address, not '%s'",
			   type_name(a->type));
		return &type_none;
	}
	if (bytes >= 0) {
		if (af > 0 && (bytes == 16) != (af == AF_INET6)) {
			sema_error(s, a->loc, "ntop() address family does not match the %d-byte address",
				   bytes);
			return &type_none;
		}
	} else if (!sema_is_int(a->type)) {
		sema_error(s, a->loc, "ntop() needs an integer, an address array or a pointer, not '%s'",
			   type_name(a->type));
		return &type_none;
	} else if (a->type->kind == T_INT && af == AF_INET6) {
		sema_error(s, a->loc, "ntop() of an IPv6 address needs a char[16] or a pointer, not an integer");
		return &type_none;
	} else if (a->type->kind == T_PTR && af == -1) {
		sema_error(s, n->call.args->loc, "ntop() of a pointer needs a constant address family");
		return &type_none;
	}
	return type_print(PK_INET, 2, el);
}

/* pton("1.2.3.4"), pton("::1"): the address bytes, now (char[4] or char[16]). */
struct type *check_pton(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	unsigned char b[16];
	bool v6;

	if (!lit_arg(s, n, a, "address"))
		return &type_none;
	v6 = strchr(a->str.s, ':') != NULL;
	if (inet_pton(v6 ? AF_INET6 : AF_INET, a->str.s, b) != 1) {
		sema_error(s, a->loc, "pton() cannot parse '%s' as an IPv%d address",
			   a->str.s, v6 ? 6 : 4);
		return &type_none;
	}
	return type_array(&type_u8, v6 ? 16 : 4);
}

/* macaddr(mac): a char[6] (or longer) array or a pointer to the 6 bytes. */
struct type *check_macaddr(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	struct type *el[1] = { type_str(6) };

	if (a->type->kind == T_NONE)
		return &type_none;
	if (byte_array_size(a->type) < 6 && a->type->kind != T_PTR &&
	    !(a->type->kind == T_INT && a->type->size == 8 && !a->type->print)) {
		sema_error(s, a->loc, "macaddr() needs a 6-byte array or a pointer, not '%s'",
			   type_name(a->type));
		return &type_none;
	}
	return type_print(PK_MACADDR, 1, el);
}

/* buf(p, n) or buf(array [, n]): n bytes, printed with %r. */
struct type *check_buf(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *l = a->next;
	struct type *el[2] = { &type_u64, NULL };
	int64_t len = byte_array_size(a->type);

	if (a->type->kind == T_NONE || (l && l->type->kind == T_NONE))
		return &type_none;
	if (len < 0 && !sema_is_int(a->type)) {
		sema_error(s, a->loc, "buf() needs a pointer or a byte array, not '%s'",
			   type_name(a->type));
		return &type_none;
	}
	if (l && !int_arg(s, n, l, "length"))
		return &type_none;
	if (!l && len < 0) {
		sema_error(s, n->loc, "buf() of a pointer needs a length");
		sema_note(s, "write buf(ptr, LEN)");
		return &type_none;
	}
	if (l && !sema_const_int(s, l, &len)) {
		/* a run-time length reads at most BUF_MAX bytes */
		len = BUF_MAX;
	} else if (len < 1 || len > BUF_MAX) {
		sema_error(s, l ? l->loc : a->loc, "buf() length must be from 1 to %d, got %lld",
			   BUF_MAX, (long long)len);
		return &type_none;
	}
	if (byte_array_size(a->type) >= 0 && len > byte_array_size(a->type))
		len = byte_array_size(a->type);
	el[1] = type_str(len);
	return type_print(PK_BUFFER, 2, el);
}

/* strncmp(a, b, n): 0 when the first n bytes (up to a NUL) are equal. */
struct type *check_strncmp(struct sema *s, struct node *n)
{
	struct node *l = arg(n, 2);
	int64_t v;

	if (!str_arg(s, n, arg(n, 0), "first argument") ||
	    !str_arg(s, n, arg(n, 1), "second argument") ||
	    !int_arg(s, n, l, "length"))
		return &type_none;
	if (!sema_const_int(s, l, &v) || v < 0) {
		sema_error(s, l->loc, "strncmp() length must be a non-negative integer constant");
		return &type_none;
	}
	return &type_i64;
}

/* strcontains() loops: the verifier walks haystack x needle bytes' compares. */
#define CONTAINS_MAX 16384

struct type *check_strcontains(struct sema *s, struct node *n)
{
	struct node *h = arg(n, 0), *k = arg(n, 1);
	int hs, ks;

	if (!str_arg(s, n, h, "haystack") || !str_arg(s, n, k, "needle"))
		return &type_none;
	hs = h->type->size;
	ks = k->type->size;
	if (hs * ks > CONTAINS_MAX) {
		sema_error(s, n->loc, "strcontains() of a %d-byte string and a %d-byte needle is too large (at most %d byte pairs)",
			   hs, ks, CONTAINS_MAX);
		sema_note(s, "read a shorter string with str(ptr, len)");
		return &type_none;
	}
	return &type_bool;
}

/* strstr(h, needle): as strcontains, the index (int64, -1: none) */
struct type *check_strstr(struct sema *s, struct node *n)
{
	return check_strcontains(s, n)->kind == T_NONE ? &type_none : &type_i64;
}

/* strlen(s): a string's length, counted within its size */
struct type *check_strlen(struct sema *s, struct node *n)
{
	if (!str_arg(s, n, arg(n, 0), "argument"))
		return &type_none;
	return &type_u64;
}

/* bswap(n): the bytes reversed, unsigned, of n's width. */
struct type *check_bswap(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;

	if (!int_arg(s, n, a, "argument"))
		return &type_none;
	if (a->type->kind == T_PTR)
		return &type_u64;
	return type_int(a->type->size, false);
}

/* kptr(p), uptr(p): p, marked as a kernel or a user address. */
static struct type *addrspace(struct sema *s, struct node *n, bool user)
{
	struct node *a = n->call.args;

	if (!int_arg(s, n, a, "argument"))
		return &type_none;
	return type_ptr(a->type->kind == T_PTR ? a->type->elem : NULL, user);
}

struct type *check_kptr(struct sema *s, struct node *n)
{
	return addrspace(s, n, false);
}

struct type *check_uptr(struct sema *s, struct node *n)
{
	return addrspace(s, n, true);
}

static const char *const clock_names[] = { "monotonic", "boot", "tai", "sw_tai", NULL };

/* nsecs(monotonic|boot|tai|sw_tai); the mode is left in call.fmt_id. */
struct type *check_nsecs_call(struct sema *s, struct node *n)
{
	int m = name_arg(s, n, clock_names, "monotonic, boot, tai and sw_tai");

	if (m < 0)
		return &type_none;
	n->call.fmt_id = m;
	return &type_u64;
}

static const char *const ns_names[] = { "curr_ns", "init", NULL };

/* pid(curr_ns|init), tid(curr_ns|init); the mode is left in call.fmt_id. */
struct type *check_pid_call(struct sema *s, struct node *n)
{
	int m = name_arg(s, n, ns_names, "curr_ns and init");

	if (m < 0)
		return &type_none;
	n->call.fmt_id = m;
	return &type_u64;
}

/* A signal by name ("SIGUSR1", "KILL") or number, as a constant; 0: reported. */
static int signal_number(struct sema *s, struct node *n, struct node *a)
{
	static const struct { const char *name; int nr; } sigs[] = {
		{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
		{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
		{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
		{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
		{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
		{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
		{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
		{ "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
		{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
		{ "IO", SIGIO }, { "PWR", SIGPWR }, { "SYS", SIGSYS },
	};
	const char *name;
	int64_t v;
	size_t i;

	if (a->kind == N_STR) {
		name = !strncmp(a->str.s, "SIG", 3) ? a->str.s + 3 : a->str.s;
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (!strcmp(sigs[i].name, name))
				return sigs[i].nr;
		sema_error(s, a->loc, "unknown signal '%s'", a->str.s);
		sema_note(s, "use a name such as \"SIGUSR1\" or a number from 1 to 64");
		return 0;
	}
	if (a->type->kind == T_NONE)
		return 0;
	if (sema_const_int(s, a, &v) && v >= 1 && v <= 64)
		return (int)v;
	sema_error(s, a->loc, "%s() needs a signal name or a number from 1 to 64", n->call.name);
	return 0;
}

/* unwatch(addr): an address the script's watchpoints may watch. */
struct type *check_unwatch(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	int i;

	if (a->type->kind != T_INT && a->type->kind != T_PTR) {
		sema_error(s, a->loc, "unwatch() takes an address, not %s", type_name(a->type));
		sema_note(s, "pass the address a watchpoint watches: unwatch(0x10000000)");
		return &type_none;
	}
	for (i = 0; i < s->p->ninsts; i++)
		if (!strcmp(s->p->insts[i]->provider->name, "watchpoint") ||
		    !strcmp(s->p->insts[i]->provider->name, "asyncwatchpoint"))
			return &type_void;
	sema_error(s, n->loc, "unwatch() without a watchpoint to remove");
	sema_note(s, "unwatch(addr) closes the script's watchpoint:ADDR:LEN:MODE probes on addr");
	return &type_none;
}

/* signal(sig): bpf_send_signal to the current process (--unsafe). */
struct type *check_signal(struct sema *s, struct node *n)
{
	struct node *a = n->call.args;
	int nr, i;

	if (!unsafe_ok(s, n, "sends a signal to the traced program"))
		return &type_none;
	nr = signal_number(s, n, a);
	if (!nr)
		return &type_none;
	for (i = 0; i < s->ninsts; i++)
		if (s->insts[i]->special) {
			bool self = !strcmp(s->insts[i]->provider->name, "self");

			sema_error(s, n->loc, "%s() is not available in %s probes", n->call.name,
				   self ? "self" : "BEGIN and END");
			sema_note(s, "they run in qtrace itself, not in a traced process");
			return &type_none;
		}
	a->kind = N_INT;
	a->num.is_bool = false;	/* the node's union held other fields */
	a->num.v = nr;
	a->type = &type_u64;
	return &type_void;
}

/* override(rc): the probed kernel function returns rc instead (kprobes, --unsafe). */
struct type *check_override(struct sema *s, struct node *n)
{
	int i;

	if (!unsafe_ok(s, n, "makes a kernel function fail"))
		return &type_none;
	if (!int_arg(s, n, n->call.args, "return value"))
		return &type_none;
	for (i = 0; i < s->ninsts; i++)
		if (!s->insts[i]->provider->error_injection) {
			sema_error(s, n->loc, "override() is only available in kprobe probes, not in '%s'",
				   s->insts[i]->provider->name);
			return &type_none;
		}
	return &type_void;
}

/* system(fmt, ...): runs the command (--unsafe); cat(fmt, ...): prints a file. */
struct type *check_system(struct sema *s, struct node *n)
{
	if (!unsafe_ok(s, n, "runs a command"))
		return &type_none;
	return check_printf(s, n);
}

struct type *check_cat(struct sema *s, struct node *n)
{
	return check_printf(s, n);
}

/* join(argv [, sep]): prints the strings of a NULL-terminated char * array. */
struct type *check_join(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *sep = a->next;

	if (a->type->kind == T_NONE)
		return &type_none;
	if (!sema_is_int(a->type)) {
		sema_error(s, a->loc, "join() needs the address of a char * array, not '%s'",
			   type_name(a->type));
		return &type_none;
	}
	if (sep && !lit_arg(s, n, sep, "separator"))
		return &type_none;
	n->call.fmt_id = sema_fmt_add(s, n->loc, sep ? sep->str.s : " ", 0, NULL);
	return &type_void;
}

/*
 * path(p [, size]): bpf_d_path(), which the kernel allows only in
 * trampoline and iterator programs (fentry, fexit, iter) on its allowlist.
 */
struct type *check_path(struct sema *s, struct node *n)
{
	struct node *a = n->call.args, *l = a->next;
	int64_t len = QT_STRLEN;
	int i;

	if (a->type->kind == T_NONE)
		return &type_none;
	/* a struct path place (ctx->file->f_path) stands for its address */
	if (!sema_is_int(a->type) && !(a->type->kind == T_STRUCT && a->kind == N_FIELD &&
				       a->type->name && !strcmp(a->type->name, "struct path"))) {
		sema_error(s, a->loc, "path() needs a struct path or a pointer to one, not '%s'",
			   type_name(a->type));
		return &type_none;
	}
	if (l && (!int_arg(s, n, l, "size") || !sema_const_int(s, l, &len) ||
		  len < 1 || len > BUF_MAX)) {
		if (l->type->kind != T_NONE)
			sema_error(s, l->loc, "path() size must be an integer constant from 1 to %d",
				   BUF_MAX);
		return &type_none;
	}
	for (i = 0; i < s->ninsts; i++)
		if (s->insts[i]->provider->prog_type != BPF_PROG_TYPE_TRACING) {
			sema_error(s, n->loc, "path() is not available in '%s' probes",
				   s->insts[i]->provider->name);
			sema_note(s, "the kernel allows bpf_d_path() only in fentry, fexit and iter probes of the functions it lists");
			return &type_none;
		}
	return type_str(len);
}

/*
 * assert(cond, msg): bpftrace's stdlib macro.  A false cond ends the
 * script with exit code 1; the message is an error at the call on stderr
 * (errorf's record), where bpftrace's macro printf()s it to stdout.
 */
struct type *check_assert(struct sema *s, struct node *n)
{
	struct node *c = arg(n, 0), *m = arg(n, 1);

	if (c->type->kind == T_NONE || m->type->kind == T_NONE)
		return &type_none;
	if (!sema_is_int(c->type)) {
		sema_error(s, c->loc, "assert() condition must be a bool or an integer, not '%s'",
			   type_name(c->type));
		sema_note(s, "compare it: assert($s == \"x\", \"msg\")");
		return &type_none;
	}
	if (!str_arg(s, n, m, "message"))
		return &type_none;
	n->call.fmt_id = sema_fmt_add(s, n->loc, "assertion failed: %s", 1, m);
	return &type_void;
}

/* assert_str(v): compile time, v must be string-like (a string, char array or pointer). */
struct type *check_assert_str(struct sema *s, struct node *n)
{
	struct node *a = arg(n, 0);
	const struct type *t = a->type;

	if (t->kind == T_NONE)
		return &type_none;
	if (t->kind == T_STR || byte_array_size(t) >= 0 ||
	    (t->kind == T_PTR && t->elem && t->elem->kind == T_INT && t->elem->size == 1))
		return &type_void;
	sema_error(s, a->loc, "assert_str(): expected a string, got '%s'", type_name(t));
	if (sema_is_int(t))
		sema_note(s, "read a string from an address with str(ptr)");
	return &type_none;
}

/*
 * comm(pid): the comm of another task, a string[16] like comm's.  The
 * kernel lets tracepoint, perf-event (interval, profile, software,
 * hardware) and tracing (fentry, iter) programs call bpf_task_from_pid;
 * elsewhere the load would fail with the verifier's words.
 */
struct type *check_comm_pid(struct sema *s, struct node *n)
{
	enum bpf_prog_type t;
	int i;

	if (!int_arg(s, n, arg(n, 0), "pid"))
		return &type_none;
	for (i = 0; i < s->ninsts; i++) {
		t = s->insts[i]->provider->prog_type;
		if (t == BPF_PROG_TYPE_TRACEPOINT || t == BPF_PROG_TYPE_PERF_EVENT ||
		    t == BPF_PROG_TYPE_TRACING)
			continue;
		sema_error(s, n->loc, "comm(pid) is not available in %s probes",
			   s->insts[i]->special ? "BEGIN and END" :
			   arena_printf("'%s'", s->insts[i]->provider->name));
		sema_note(s, "the kernel allows bpf_task_from_pid() in tracepoint, interval, profile, software, hardware, fentry and iter probes");
		return &type_none;
	}
	if (!kfunc_exists("bpf_task_from_pid")) {
		/* 6.1's BTF has no such function: the load would fail with EINVAL */
		sema_error(s, n->loc, "comm(pid) needs the kernel's bpf_task_from_pid kfunc, which this kernel does not have");
		sema_note(s, "it came with Linux 6.2; comm of the current task is 'comm'");
		return &type_none;
	}
	return &type_comm;
}

/* Values memcmp() and strcap() read as bytes: strings, arrays, structs, tuples, records. */
static bool in_memory(const struct type *t)
{
	return t->kind == T_STR || t->kind == T_ARRAY || t->kind == T_STRUCT ||
	       t->kind == T_TUPLE || t->kind == T_RECORD;
}

static bool mem_arg(struct sema *s, struct node *n, struct node *a, const char *what)
{
	if (a->type->kind == T_NONE)
		return false;
	if (in_memory(a->type) && a->type->size > 0)
		return true;
	sema_error(s, a->loc, "%s() %s must be a string, array or struct, not '%s'",
		   n->call.name, what, type_name(a->type));
	if (a->type->kind == T_PTR)
		sema_note(s, "compare what it points to: *p, or str(p, n)");
	return false;
}

/*
 * memcmp(a, b, n) (bpftrace's): 0 when the first n bytes are equal, else
 * the first differing byte of a minus b's (unsigned bytes), past NULs.  A
 * constant n must fit both; a run-time n is clamped to the smaller size.
 */
struct type *check_memcmp(struct sema *s, struct node *n)
{
	struct node *l = arg(n, 0), *r = arg(n, 1), *k = arg(n, 2);
	int64_t v;
	int min;

	if (!mem_arg(s, n, l, "first argument") || !mem_arg(s, n, r, "second argument") ||
	    !int_arg(s, n, k, "count"))
		return &type_none;
	min = l->type->size < r->type->size ? l->type->size : r->type->size;
	if (sema_const_int(s, k, &v) && (v < 0 || v > min)) {
		sema_error(s, k->loc, "memcmp() count %lld is outside the arguments: %s has %d bytes",
			   (long long)v, l->type->size == min ? "the first" : "the second", min);
		sema_note(s, "compare at most %d bytes", min);
		return &type_none;
	}
	return &type_i64;
}

/*
 * strcap(s) (bpftrace's): the capacity of a string or char array, its
 * size in bytes, a constant.
 */
struct type *check_strcap(struct sema *s, struct node *n)
{
	struct node *a = arg(n, 0);
	const struct type *t = a->type;

	if (t->kind == T_NONE)
		return &type_none;
	if (byte_array_size(t) < 0) {
		sema_error(s, a->loc, "strcap() takes a string or a char array, not '%s'",
			   type_name(t));
		if (t->kind == T_PTR)
			sema_note(s, "a pointer has no capacity: read the string with str(p, n)");
		return &type_none;
	}
	return &type_i64;
}

/* globmatch(s, "pattern"): the pattern is a literal, cut into matchers when compiling. */
struct type *check_globmatch(struct sema *s, struct node *n)
{
	struct node *a = arg(n, 0), *p = arg(n, 1);

	if (!str_arg(s, n, a, "string"))
		return &type_none;
	if (p->type->kind != T_NONE && p->kind != N_STR) {
		sema_error(s, p->loc, "globmatch() pattern must be a string literal");
		sema_note(s, "the pattern is compiled with the script: globmatch(comm, \"kworker/*\")");
		return &type_none;
	}
	if (p->kind != N_STR)
		return &type_none;
	if (memchr(p->str.s, '\0', p->str.len)) {
		sema_error(s, p->loc, "globmatch() pattern cannot hold a NUL byte");
		return &type_none;
	}
	return &type_bool;
}
