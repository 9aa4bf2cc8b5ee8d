// SPDX-License-Identifier: GPL-2.0
/*
 * The event loop: ring buffer records dispatched to the output functions,
 * until exit(), SIGINT/SIGTERM, or the end of the -c child (or -p process).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include "util/pidfd.h"
#include "events.h"
#include "util/diag.h"
#include "runtime/output/output.h"
#include "runtime/output/folded.h"
#include "runtime/symbols/stacks.h"
#include "runtime/pcap.h"
#include "runtime/rt.h"

/*
 * Records wait at most this long when the programs send them without a
 * wake-up; while they flow, the loop comes back sooner.
 */
#define IDLE_TIMEOUT_MS 100
#define BUSY_TIMEOUT_MS 10

static volatile sig_atomic_t stop_requested;
static struct sigaction old_int, old_term, old_pipe;

static void on_signal(int sig)
{
	stop_requested = 1;
}

/*
 * No SA_RESTART: the signal interrupts epoll_wait at once (EINTR).  A reader
 * gone (qtrace | head) is an EPIPE that ends tracing cleanly, not SIGPIPE.
 */
void rt_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old_pipe);
}

void rt_signals_restore(void)
{
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
}

bool rt_stop_requested(void)
{
	return stop_requested;
}

static const struct mapinfo *map_of(struct tracer *t, uint32_t id, int *fd)
{
	if (id >= (uint32_t)t->p->nmaps || t->map_fds[id] < 0)
		return NULL;
	*fd = t->map_fds[id];
	return t->p->maps[id];
}

static const struct fmtinfo *fmt_of(struct tracer *t, uint32_t id)
{
	return id < (uint32_t)t->p->nfmts ? t->p->fmts[id] : NULL;
}

/*
 * A control record (events.h: struct qt_ctrl_hdr) read from QT_CTRL_MAP,
 * kept until the event buffer has been read up to its ev_pos.
 */
#define CTRL_EXTRA (sizeof(struct qt_ctrl_hdr) - sizeof(struct qt_event_hdr))

struct ctrl_rec {
	struct ctrl_rec *next;
	uint64_t ev_pos;
	size_t len;		/* of data: qt_event_hdr and payload */
	char data[];
};

/* One record; after exit() the rest are dropped, as bpftrace does. */
static void dispatch(struct tracer *t, void *data, size_t len)
{
	const struct qt_event_hdr *h = data;
	const char *pl = (const char *)data + sizeof(*h);
	const struct mapinfo *m;
	const struct fmtinfo *f;
	int64_t arg[2] = { 0, 1 };
	FILE *out = t->held ? t->held : t->o->out;
	size_t plen;
	int fd;

	if (len < sizeof(*h))
		return;
	plen = len - sizeof(*h);
	if (h->kind == EV_PID && plen >= sizeof(arg[0])) {
		memcpy(arg, pl, sizeof(arg[0]));
		stacks_note_pid((int)arg[0]);
		return;
	}
	if (h->kind == EV_USTACK_DWARF) {
		stacks_dwarf_record(pl, plen);
		return;
	}
	if (t->skip_events)
		return;
	switch (h->kind) {
	case EV_PRINTF:
		if ((f = fmt_of(t, h->id)))
			t->o->fmt->printf(out, f, pl, plen);
		break;
	case EV_TIME:
		if ((f = fmt_of(t, h->id)))
			t->o->fmt->time(out, f);
		break;
	case EV_PRINT_VALUE:
		if ((f = fmt_of(t, h->id)))
			t->o->fmt->value(out, f, pl, plen);
		break;
	case EV_SYSTEM:
		if ((f = fmt_of(t, h->id)))
			out_as_text(out, t->o->fmt, "syscall", out_system, f, pl, plen);
		break;
	case EV_CAT:
		if ((f = fmt_of(t, h->id)))
			out_as_text(out, t->o->fmt, "cat", out_cat, f, pl, plen);
		break;
	case EV_ERRORF:
	case EV_WARNF:
		if ((f = fmt_of(t, h->id)))
			out_errorf(out, f, pl, plen, h->kind == EV_WARNF);
		break;
	case EV_JOIN:
		if ((f = fmt_of(t, h->id)))
			out_as_text(out, t->o->fmt, "join", out_join, f, pl, plen);
		break;
	case EV_PRINT_MAP:
		memcpy(arg, pl, plen < sizeof(arg) ? plen : sizeof(arg));
		if ((m = map_of(t, h->id, &fd)))
			out_print_map(out, t->o->fmt, m, fd, t->ncpus, arg[0], arg[1]);
		break;
	case EV_PRINT_FOLDED:
		if ((m = map_of(t, h->id, &fd)))
			out_print_folded(out, m, fd, t->ncpus);
		break;
	case EV_CLEAR:
		if ((m = map_of(t, h->id, &fd)))
			out_clear_map(m, fd);
		break;
	case EV_ZERO:
		if ((m = map_of(t, h->id, &fd)))
			out_zero_map(m, fd, t->ncpus);
		break;
	case EV_UNWATCH:
		memcpy(arg, pl, plen < sizeof(arg[0]) ? plen : sizeof(arg[0]));
		rt_unwatch(t, (uint64_t)arg[0]);
		break;
	case EV_EXIT:
		memcpy(arg, pl, plen < sizeof(arg[0]) ? plen : sizeof(arg[0]));
		t->exit_code = (int)arg[0];
		t->exited = true;
		t->skip_events = true;
		break;
	}
}

/* The control records due before the event that starts at pos (all: ~0). */
static void ctrl_run(struct tracer *t, uint64_t pos)
{
	struct ctrl_rec *r;

	while ((r = t->ctrl_head) && r->ev_pos <= pos) {
		t->ctrl_head = r->next;
		if (!t->ctrl_head)
			t->ctrl_tail = NULL;
		dispatch(t, r->data, r->len);
		free(r);
	}
}

/* Control records are queued as they are read; ctrl_run acts on them. */
static int on_ctrl(void *ctx, void *data, size_t len)
{
	struct tracer *t = ctx;
	const struct qt_ctrl_hdr *h = data;
	struct ctrl_rec *r;

	if (len < sizeof(*h))
		return 0;
	r = malloc(sizeof(*r) + len - CTRL_EXTRA);
	if (!r) {
		/* no memory to keep it: act on it now, a little early */
		char buf[64];

		if (len - CTRL_EXTRA <= sizeof(buf)) {
			memcpy(buf, h, sizeof(struct qt_event_hdr));
			memcpy(buf + sizeof(struct qt_event_hdr), (const char *)data + sizeof(*h),
			       len - sizeof(*h));
			dispatch(t, buf, len - CTRL_EXTRA);
		}
		return 0;
	}
	r->next = NULL;
	r->ev_pos = h->ev_pos;
	r->len = len - CTRL_EXTRA;
	memcpy(r->data, h, sizeof(struct qt_event_hdr));
	memcpy(r->data + sizeof(struct qt_event_hdr), (const char *)data + sizeof(*h),
	       len - sizeof(*h));
	if (t->ctrl_tail)
		t->ctrl_tail->next = r;
	else
		t->ctrl_head = r;
	t->ctrl_tail = r;
	return 0;
}

/*
 * An event record.  Its position in the ring is counted here (libbpf 1.1
 * does not tell it): every record reaches this callback, in order, each
 * taking its length plus the 8-byte header, rounded up to 8.  The control
 * buffer is looked at every few events, so that a print() sent in the
 * middle of a flood of printf comes out in its place, not after the flood.
 */
#define CTRL_PEEK_EVERY 32

static int on_record(void *ctx, void *data, size_t len)
{
	struct tracer *t = ctx;

	if (t->ctrl_rb && ++t->ev_since_peek >= CTRL_PEEK_EVERY) {
		t->ev_since_peek = 0;
		ring_buffer__consume(t->ctrl_rb);
	}
	if (t->ctrl_head)
		ctrl_run(t, t->ev_pos);
	t->ev_pos += (len + BPF_RINGBUF_HDR_SZ + 7) & ~(uint64_t)7;
	rt_crash_test_consumer();
	dispatch(t, data, len);
	return 0;
}

/*
 * Control records first (queued), then events (each preceded by the
 * control records due before it), then the control records due by now.
 * final: the programs are stopped or ran synchronously (BEGIN, END, iter):
 * an event reserved before a control record but not yet committed is
 * waited for a little, then the rest of the queue is acted on anyway.
 */
static int consume(struct tracer *t, bool final)
{
	int got = 0, n, tries;

	got += rt_pcap_consume(t);
	if (t->ctrl_rb)
		ring_buffer__consume(t->ctrl_rb);
	if (t->rb && (n = ring_buffer__consume(t->rb)) > 0)
		got += n;
	if (t->ctrl_rb)
		ring_buffer__consume(t->ctrl_rb);
	for (tries = 0; final && t->rb && t->ctrl_head && t->ctrl_head->ev_pos > t->ev_pos &&
	     tries < 100; tries++) {
		ctrl_run(t, t->ev_pos);
		if ((n = ring_buffer__consume(t->rb)) > 0)
			got += n;
		else if (n == 0)
			usleep(100);
	}
	ctrl_run(t, final ? UINT64_MAX : t->ev_pos);
	return got + (t->ctrl_head != NULL);
}

int rt_events_open(struct tracer *t)
{
	struct bpf_map *m = bpf_object__find_map_by_name(t->obj, QT_RINGBUF_MAP);
	struct bpf_map *c = bpf_object__find_map_by_name(t->obj, QT_CTRL_MAP);
	struct loc noloc = { 0 };

	if (m && !(t->rb = ring_buffer__new(bpf_map__fd(m), on_record, t, NULL))) {
		diag_rt_error(noloc, "cannot read the event ring buffer: %s", strerror(errno));
		return -1;
	}
	if (c && !(t->ctrl_rb = ring_buffer__new(bpf_map__fd(c), on_ctrl, t, NULL))) {
		diag_rt_error(noloc, "cannot read the control ring buffer: %s", strerror(errno));
		return -1;
	}
	return rt_pcap_open(t);
}

/*
 * Output that cannot be written ends tracing; a closed pipe silently.  With
 * -B full only a write that failed is noticed here: nothing is flushed.
 */
static void flush(struct tracer *t)
{
	struct loc noloc = { 0 };

	if (t->out_error || t->held)
		return;
	if (t->o->buffering == RT_BUF_FULL ? !ferror(t->o->out) : fflush(t->o->out) == 0)
		return;
	t->out_error = true;
	if (errno != EPIPE)
		diag_rt_error(noloc, "cannot write the output: %s", strerror(errno));
}

/*
 * exit() also leaves its code in qt_stats (QT_STAT_EXIT), so a stop is seen
 * even when its record was lost to a full ring buffer.  Read and cleared.
 */
static void check_exit_slot(struct tracer *t)
{
	uint32_t key = QT_STAT_EXIT(t->p->nmaps);
	uint64_t *v;
	int i;

	if (t->stats_fd < 0 || !(v = calloc(t->ncpus, sizeof(*v))))
		return;
	if (!bpf_map_lookup_elem(t->stats_fd, &key, v)) {
		for (i = 0; i < t->ncpus; i++) {
			if (v[i] && !t->exited) {
				t->exited = true;
				t->exit_code = (int)(v[i] - 1);
			}
		}
		memset(v, 0, t->ncpus * sizeof(*v));
		bpf_map_update_elem(t->stats_fd, &key, v, BPF_ANY);
	}
	free(v);
}

void rt_events_drain(struct tracer *t)
{
	consume(t, true);
	rt_report_helper_errors(t, false);
	flush(t);
	check_exit_slot(t);
}

void rt_events_close(struct tracer *t)
{
	ring_buffer__free(t->rb);
	t->rb = NULL;
	ring_buffer__free(t->ctrl_rb);
	t->ctrl_rb = NULL;
	rt_pcap_close(t);
	while (t->ctrl_head) {
		struct ctrl_rec *r = t->ctrl_head;

		t->ctrl_head = r->next;
		free(r);
	}
	t->ctrl_tail = NULL;
}

/* A pidfd in the loop's epoll set; -1 if the kernel has none (before 5.3). */
static int watch_pid(int ep, int pid, bool *gone)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int fd;

	if (pid <= 0)
		return -1;
	fd = qt_pidfd_open(pid, 0);
	if (fd < 0) {
		*gone = errno == ESRCH;
		return -1;
	}
	ev.data.fd = fd;
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	return fd;
}

static bool child_exited(struct tracer *t)
{
	int pid = t->o->child_pid, r;

	if (pid <= 0 || t->child_done)
		return t->child_done;
	r = waitpid(pid, &t->child_status, WNOHANG);
	if (r == pid || (r < 0 && errno == ECHILD))
		t->child_done = true;
	return t->child_done;
}

static bool pid_gone(int pidfd, struct epoll_event *evs, int n)
{
	int i;

	for (i = 0; pidfd >= 0 && i < n; i++)
		if (evs[i].data.fd == pidfd)
			return true;
	return false;
}

int rt_events_loop(struct tracer *t)
{
	struct epoll_event ev = { .events = EPOLLIN }, evs[4];
	int ep, n, got, timeout = IDLE_TIMEOUT_MS, cfd, pfd;
	struct loc noloc = { 0 };
	bool gone = false;

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0) {
		diag_rt_error(noloc, "cannot wait for events: %s", strerror(errno));
		return -1;
	}
	if (t->rb) {
		ev.data.fd = ring_buffer__epoll_fd(t->rb);
		epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
	}
	if (t->ctrl_rb) {
		ev.data.fd = ring_buffer__epoll_fd(t->ctrl_rb);
		epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
	}
	if ((ev.data.fd = rt_pcap_epoll_fd(t)) >= 0)
		epoll_ctl(ep, EPOLL_CTL_ADD, ev.data.fd, &ev);
	cfd = watch_pid(ep, t->o->child_pid, &gone);
	pfd = watch_pid(ep, t->p->pid, &gone);
	while (!stop_requested && !t->exited && !gone && !t->out_error &&
	       !child_exited(t)) {
		n = epoll_wait(ep, evs, 4, timeout);
		if (n < 0 && errno != EINTR) {
			diag_rt_error(noloc, "cannot wait for events: %s", strerror(errno));
			break;
		}
		got = consume(t, false);
		if (rt_self_run(t) < 0)
			break;
		rt_report_helper_errors(t, false);
		flush(t);
		if (n == 0 || got > 0)
			check_exit_slot(t);
		timeout = got > 0 ? BUSY_TIMEOUT_MS : IDLE_TIMEOUT_MS;
		gone = pid_gone(pfd, evs, n);
	}
	if (cfd >= 0)
		close(cfd);
	if (pfd >= 0)
		close(pfd);
	close(ep);
	/* what the programs sent before the stop */
	rt_events_drain(t);
	return 0;
}
