// SPDX-License-Identifier: GPL-2.0
/*
 * A fatal signal in qtrace itself (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
 * SIGABRT).  Nothing qtrace attaches outlives its fds: links, perf events
 * and the uprobes made through the perf PMU are released by the kernel as
 * the process dies, and the -c child gets SIGTERM from its parent-death
 * signal (child.c).  The handler does only what is async-signal-safe and
 * cannot wait: it stops every probe at once (the run flag, one bpf(2)
 * call), says so on stderr, and lets the signal kill qtrace.
 *
 * QTRACE_TEST_CRASH=consumer raises SIGSEGV in the consumer, at the first
 * event record it reads, for the teardown tests.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "runtime/rt.h"

static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static volatile int run_fd = -1;
static volatile pid_t child_pid;
static bool crash_consumer;

static void say(const char *s)
{
	ssize_t r = write(2, s, strlen(s));

	(void)r;
}

static void on_fatal(int sig)
{
	char num[4] = { (char)('0' + sig / 10 % 10), (char)('0' + sig % 10), 0, 0 };
	uint32_t key = 0, off = 0;

	if (run_fd >= 0)
		bpf_map_update_elem(run_fd, &key, &off, 0);
	if (child_pid > 0)
		kill(child_pid, SIGTERM);
	say("qtrace: fatal signal ");
	say(num[0] == '0' ? num + 1 : num);
	say(": probes stopped; the kernel detaches them as qtrace exits\n");
	/* SA_RESETHAND: the default action now, when the handler returns */
	raise(sig);
}

void rt_crash_install(struct tracer *t)
{
	static char alt[64 * 1024];
	struct bpf_map *m = t->obj ? bpf_object__find_map_by_name(t->obj, QT_RUN_SECTION) : NULL;
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	struct sigaction sa;
	const char *e = getenv("QTRACE_TEST_CRASH");
	size_t i;

	crash_consumer = e && !strcmp(e, "consumer");
	run_fd = m && bpf_map__value_size(m) == sizeof(uint32_t) ? bpf_map__fd(m) : -1;
	child_pid = t->o->child_pid;
	sigaltstack(&ss, NULL);	/* a stack overflow still runs the handler */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		sigaction(fatal[i], &sa, NULL);
}

/* Once the run flag is no longer needed (teardown), the handler leaves it. */
void rt_crash_forget(void)
{
	run_fd = -1;
	child_pid = 0;
}

void rt_crash_test_consumer(void)
{
	if (crash_consumer)
		raise(SIGSEGV);
}
