// SPDX-License-Identifier: GPL-2.0
/*
 * Detaching, measured on 6.18: closing a program's link takes ~28 ms (an RCU
 * tasks-trace grace period) but these overlap when closed from parallel
 * threads (20 links: 570 ms serial, 60 ms parallel).  Closing a tracepoint's
 * perf event then waits ~35 ms more per tracepoint, serialized by the kernel's
 * event_mutex whatever the threads (perf_trace_destroy); 360 tracepoints
 * would keep qtrace alive 13 s after its output.
 *
 * So qtrace stops its probes with one write (QT_RUN_VAR: every attached
 * program returns at once) and a short-lived grandchild holding the links
 * and perf events releases them after qtrace has exited.  When the stop
 * cannot be written, parallel threads detach the links as before.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/membarrier.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "runtime/rt.h"
#include "util/sort.h"

#define MAX_THREADS 256
#define STACK_SIZE (64 * 1024)

struct detach {
	struct tracer *t;
	atomic_int next;	/* links first, then fds */
	pthread_t tids[MAX_THREADS];
	int started;
};

static void *worker(void *arg)
{
	struct detach *d = arg;
	struct tracer *t = d->t;
	int i;

	while ((i = atomic_fetch_add(&d->next, 1)) < t->nlinks + t->nfds) {
		if (i < t->nlinks)
			bpf_link__destroy(t->links[i]);
		else
			close(t->fds[i - t->nlinks]);
	}
	return NULL;
}

/*
 * Links and their fds, closed by parallel threads (each close waits for an
 * RCU grace period, ~28 ms): every program stops running here.
 */
void rt_detach_start(struct tracer *t)
{
	int n = t->nlinks + t->nfds, i;
	struct detach *d;
	pthread_attr_t attr;

	if (t->detach || !(d = calloc(1, sizeof(*d))))
		return;
	d->t = t;
	atomic_init(&d->next, 0);
	t->detach = d;
	if (n == 0 || pthread_attr_init(&attr))
		return;
	pthread_attr_setstacksize(&attr, STACK_SIZE);
	for (i = 0; i < n && i < MAX_THREADS; i++, d->started++)
		if (pthread_create(&d->tids[i], &attr, worker, d))
			break;
	pthread_attr_destroy(&attr);
}

/* This thread helps, and works alone when no thread could be had. */
void rt_detach_finish(struct tracer *t)
{
	struct detach local = { .t = t }, *d = t->detach ? t->detach : &local;
	int i;

	worker(d);
	for (i = 0; i < d->started; i++)
		pthread_join(d->tids[i], NULL);
	free(t->detach);
	t->detach = NULL;
	/* all closed: a second call (rt_teardown) has nothing left to do */
	t->nlinks = t->nfds = 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Every fd but keep[] (sorted): the releaser holds no pipe, terminal or map. */
static void close_others(const int *keep, int n)
{
	unsigned int lo = 0;
	int i;

	for (i = 0; i <= n; i++) {
		unsigned int hi = i < n ? (unsigned int)keep[i] : ~0u;

		if (hi > lo && syscall(SYS_close_range, lo, hi - 1, 0) < 0)
			for (; lo < hi && lo < 65536; lo++)
				close(lo);
		lo = hi + 1;
	}
}

/* Until qtrace has closed its end of the pipe (exited, usually). */
static void wait_eof(int go)
{
	char c;

	while (read(go, &c, 1) < 0 && errno == EINTR)
		;
}

/*
 * The grandchild of qtrace (nobody's zombie) closes the perf events once
 * qtrace has closed its copies (the pipe's EOF), so the slow last close is
 * always its own.
 */
static void releaser(int *fds, int n, int go)
{
	int i;

	if (fork() != 0)
		_exit(0);
	fds[n] = go;
	qt_sort(fds, n + 1, sizeof(*fds), cmp_int);
	close_others(fds, n + 1);
	wait_eof(go);
	for (i = 0; i < n + 1; i++)
		close(fds[i]);
	_exit(0);
}

static bool set_run(struct tracer *t, uint32_t run)
{
	struct bpf_map *m = bpf_object__find_map_by_name(t->obj, QT_RUN_SECTION);
	uint32_t key = 0;

	/* the section holds only the flag: its value is the u32 */
	return m && bpf_map__value_size(m) == sizeof(run) &&
	       !bpf_map_update_elem(bpf_map__fd(m), &key, &run, 0);
}

bool rt_start_probes(struct tracer *t)
{
	/* no .bss: nothing is attached (BEGIN/END only) */
	if (!bpf_object__find_map_by_name(t->obj, QT_RUN_SECTION))
		return true;
	return set_run(t, 1);
}

/*
 * A program that tested the flag just before it was cleared may still be
 * running (preempted, on another CPU): membarrier's global command waits
 * for an RCU grace period, which every running (non-sleepable) BPF program
 * holds off, so what the exit reports (maps, lost events, failed reads)
 * includes all it did.  15-35 ms on a busy 2-CPU box, once per run; where
 * the kernel refuses (nohz_full CPUs) the counts are as good as before.
 */
static void wait_running(void)
{
	syscall(__NR_membarrier, MEMBARRIER_CMD_GLOBAL, 0, 0);
}

bool rt_stop_probes(struct tracer *t)
{
	if (!set_run(t, 0))
		return false;
	t->stopped = true;
	wait_running();
	return true;
}

/* Every fd the grandchild needs to release what qtrace attached. */
static int *held_fds(struct tracer *t, int *n)
{
	int *v = malloc((t->nlinks + t->nfds + t->ntp_fds + 1) * sizeof(*v));
	int i, k = 0;

	if (!v)
		return NULL;
	for (i = 0; i < t->nlinks; i++)
		if (bpf_link__fd(t->links[i]) >= 0)
			v[k++] = bpf_link__fd(t->links[i]);
	for (i = 0; i < t->nfds; i++)
		v[k++] = t->fds[i];
	for (i = 0; i < t->ntp_fds; i++)
		v[k++] = t->tp_fds[i];
	*n = k;
	return v;
}

/* In the grandchild: detach everything, the way qtrace would have. */
static void release_held(struct tracer *t)
{
	int i;

	for (i = 0; i < t->nlinks; i++)
		bpf_link__destroy(t->links[i]);
	for (i = 0; i < t->nfds; i++)
		close(t->fds[i]);
	for (i = 0; i < t->ntp_fds; i++)
		close(t->tp_fds[i]);
}

/*
 * The probes are stopped: hand links and perf events to the releaser and
 * drop qtrace's references without detaching (they are not the last ones).
 */
static bool release_stopped(struct tracer *t)
{
	int i, n, pipefd[2];
	int *fds = held_fds(t, &n);
	pid_t pid;

	if (!fds || pipe2(pipefd, O_CLOEXEC)) {
		free(fds);
		return false;
	}
	pid = fork();
	if (pid == 0) {
		if (fork() != 0)
			_exit(0);
		fds[n] = pipefd[0];
		qt_sort(fds, n + 1, sizeof(*fds), cmp_int);
		close_others(fds, n + 1);
		wait_eof(pipefd[0]);
		release_held(t);
		_exit(0);
	}
	free(fds);
	close(pipefd[0]);
	if (pid < 0) {
		close(pipefd[1]);
		return false;
	}
	waitpid(pid, NULL, 0);
	for (i = 0; i < t->nlinks; i++) {
		int fd = bpf_link__fd(t->links[i]);

		bpf_link__disconnect(t->links[i]);
		bpf_link__destroy(t->links[i]);
		if (fd >= 0)
			close(fd);
	}
	for (i = 0; i < t->nfds; i++)
		close(t->fds[i]);
	for (i = 0; i < t->ntp_fds; i++)
		close(t->tp_fds[i]);
	close(pipefd[1]);
	t->nlinks = t->nfds = t->ntp_fds = 0;
	return true;
}

static void release_tp_fds(struct tracer *t)
{
	int i, n = t->ntp_fds, pipefd[2] = { -1, -1 };
	int *fds = malloc((n + 1) * sizeof(*fds));
	pid_t pid = -1;

	for (i = 0; i < n; i++)
		ioctl(t->tp_fds[i], PERF_EVENT_IOC_DISABLE, 0);
	if (fds && n > 0 && pipe2(pipefd, O_CLOEXEC) == 0) {
		memcpy(fds, t->tp_fds, n * sizeof(*fds));
		pid = fork();
		if (pid == 0)
			releaser(fds, n, pipefd[0]);
		if (pid > 0)
			waitpid(pid, NULL, 0);
		close(pipefd[0]);
	}
	/* fast when the releaser holds them; the slow way if it could not start */
	for (i = 0; i < n; i++)
		close(t->tp_fds[i]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	free(fds);
}

void rt_teardown(struct tracer *t)
{
	if (!t->stopped || !release_stopped(t)) {
		rt_detach_finish(t);
		release_tp_fds(t);
	}
	free(t->links);
	free(t->fds);
	free(t->tp_fds);
	free(t->skipped);
	free(t->helper_seen);
	t->links = NULL;
	t->fds = t->tp_fds = NULL;
	t->nlinks = t->nfds = t->ntp_fds = 0;
	bpf_object__close(t->obj);
	t->obj = NULL;
	free(t->progs);
	free(t->map_fds);
	t->progs = NULL;
	t->map_fds = NULL;
}
