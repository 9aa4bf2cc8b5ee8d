// SPDX-License-Identifier: GPL-2.0
/*
 * Which maps hold transient per-thread state and can live in task storage:
 * `@start[tid] = nsecs; ... delete(@start[tid])` costs a hash insert and a
 * delete per event (~480 ns measured with kernel BPF stats), a task
 * storage get ~10 ns.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* syscall, gettid */
#endif
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "util/pidfd.h"
#include "codegen/cg_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"
#include "util/envflag.h"


/* What the walk learnt of one map. */
struct tsuse {
	bool other;	/* a key other than `tid` */
	bool deleted;	/* delete(@m[tid]) somewhere */
};

/* The initial pid namespace's inode number (PROC_PID_INIT_INO). */
#define PID_NS_INIT "pid:[4026531836]"

/*
 * User space reads a thread's storage through a pidfd of that thread:
 * PIDFD_THREAD came with Linux 6.9 (task storage itself with 5.11).  It
 * prints the /proc tid as the key: only in the initial pid namespace is
 * that the tid the programs see.
 */
static bool kernel_ok(void)
{
	static int ok = -1;
	char ns[32];
	ssize_t n;
	int fd;

	if (ok >= 0)
		return ok;
	n = readlink("/proc/self/ns/pid", ns, sizeof(ns) - 1);
	ok = n == (ssize_t)strlen(PID_NS_INIT) && !memcmp(ns, PID_NS_INIT, n);
	fd = ok ? qt_pidfd_open(gettid(), PIDFD_THREAD) : -1;
	ok = fd >= 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static bool is_tid(const struct node *k)
{
	return k && !k->next && k->kind == N_IDENT && k->ident.b &&
	       (k->ident.b->cg == cg_tid_var || k->ident.b->cg == cg_tid);
}

static void walk(struct tsuse *u, struct node *n);

static void walk_list(struct tsuse *u, struct node *n)
{
	for (; n; n = n->next)
		walk(u, n);
}

static void map_use(struct tsuse *u, struct node *n, struct node *key, bool del)
{
	struct mapinfo *m = n->map.map;

	if (!m)
		return;
	if (n->map.keys)
		key = n->map.keys;
	else if (!key)
		return;		/* the whole map: print, clear, zero */
	if (!is_tid(key))
		u[m->id].other = true;
	else if (del)
		u[m->id].deleted = true;
}

/* delete(@m[k]), delete(@m, k) and has_key(@m, k) name an element. */
static void walk_call(struct tsuse *u, struct node *n)
{
	const struct builtin *b = n->call.b;
	struct node *a = n->call.args;
	bool del = b && b->cg == cg_delete;

	/* len() visits the elements: task storage cannot be iterated */
	if (a && a->kind == N_MAP && a->map.map && b && b->cg == cg_len)
		u[a->map.map->id].other = true;

	if (a && a->kind == N_MAP && (del || (b && b->cg == cg_has_key))) {
		map_use(u, a, a->next, del);
		walk_list(u, a->map.keys);
		walk_list(u, a->next);
		return;
	}
	walk_list(u, a);
}

static void walk_cb(struct node *n, void *u)
{
	walk(u, n);
}

static void walk(struct tsuse *u, struct node *n)
{
	if (!n)
		return;
	switch (n->kind) {
	case N_MAP:
		map_use(u, n, NULL, false);
		walk_list(u, n->map.keys);
		break;
	case N_CALL:
		walk_call(u, n);
		break;
	case N_FOR:
		/* bpf_for_each_map_elem does not take task storage */
		if (n->forl.map && n->forl.map->map.map)
			u[n->forl.map->map.map->id].other = true;
		ast_children(n, walk_cb, u);
		break;
	case N_PROBE:
	case N_PROGRAM:
		break;
	default:
		ast_children(n, walk_cb, u);
		break;
	}
}

/*
 * Maps that only accumulate keep hash semantics (entries of exited threads
 * must still print), so only deleted ones qualify.  QTRACE_NO_TASK_STORAGE
 * keeps every map a hash (tests use it to cover both).
 */
void sema_task_storage(struct program *p)
{
	struct tsuse *u;
	struct node *probe;
	int i;

	if (!p->nmaps || env_flag("QTRACE_NO_TASK_STORAGE") || !kernel_ok())
		return;
	u = arena_alloc(p->nmaps * sizeof(*u));
	for (probe = p->ast->program.probes; probe; probe = probe->next) {
		walk(u, probe->probe.pred);
		walk(u, probe->probe.body);
	}
	for (i = 0; i < p->nmaps; i++) {
		struct mapinfo *m = p->maps[i];

		if (m->agg != AGG_NONE || m->nkeys != 1 || u[i].other || !u[i].deleted ||
		    m->declared)
			continue;
		m->task_storage = true;
		m->bpf_key_size = 4;	/* a pidfd */
		m->bpf_value_size = QT_TSTORE_TAG_OFF(m) + 8;
		m->max_entries = 0;
	}
}
