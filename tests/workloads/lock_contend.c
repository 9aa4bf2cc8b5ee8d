// SPDX-License-Identifier: GPL-2.0
/*
 * Lock waits whose number and length the workload sets, for lockstat.qt.
 *
 * Kernel: 3 times, thread lk-holder write()s to a pipe from a page that
 * userfaultfd has not filled yet: pipe_write takes pipe->mutex, the copy
 * faults and the fault waits for our handler thread.  The handler, once it
 * sees the fault (so lk-holder holds the mutex), lets thread lk-waiter
 * write() to the same pipe, waits until lk-waiter sleeps in it (state D in
 * write, read from /proc), 20 ms more, and fills the page.  So lk-waiter
 * waits about 20 ms for a sleeping mutex (flags MUTEX) in pipe_write, 3 times.
 *
 * User: 5 times, lk-holder locks the pthread mutex qt_user_lock, lets
 * lk-waiter lock it too (which blocks in futex(FUTEX_WAIT_PRIVATE) on its
 * address), waits until it sleeps there and unlocks 10 ms later: 5 waits of about 10 ms on
 * qt_user_lock by lk-waiter.
 *
 * Prints qt_user_lock's address first ("qt_user_lock 0x...").
 * The threads hand over through pipes (no futex), and wait for each other
 * with them, so nothing else waits.  Exits 0 when all went as planned.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS_KERNEL 3
#define ROUNDS_USER 5

pthread_mutex_t qt_user_lock = PTHREAD_MUTEX_INITIALIZER;

static int data[2];		/* the contended pipe */
static int go_waiter[2];	/* "start your write/lock now" */
static int waiter_done[2];	/* "my write/lock is done" */
static int uffd;
static char *pages;
static long pagesz;
static volatile pid_t waiter_tid;

static void sleep_ms(int ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

static void token_put(int fd)
{
	if (write(fd, "t", 1) != 1)
		exit(3);
}

static void token_get(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		exit(3);
}

/*
 * Until thread tid sleeps (state ch) in syscall nr: then its wait has
 * begun, however late the scheduler ran it.
 */
static void wait_blocked(long nr, char ch)
{
	char path[64], buf[256], *p;
	int i;

	for (i = 0; i < 50000; i++) {
		FILE *f;
		long n = -1;
		char st = 0;

		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", waiter_tid);
		f = fopen(path, "r");
		if (f) {
			if (fscanf(f, "%ld", &n) != 1)
				n = -1;
			fclose(f);
		}
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", waiter_tid);
		f = fopen(path, "r");
		if (f) {
			if (fgets(buf, sizeof(buf), f) && (p = strrchr(buf, ')')))
				st = p[2];
			fclose(f);
		}
		if (n == nr && st == ch)
			return;
		sleep_ms(1);
	}
	exit(9);
}

/* Fill each page the holder faults on, 20 ms after letting the waiter go. */
static void *handler(void *arg)
{
	int i;

	(void)arg;
	prctl(PR_SET_NAME, "lk-handler");
	for (i = 0; i < ROUNDS_KERNEL; i++) {
		struct uffd_msg msg;
		struct uffdio_copy copy;
		static char src[65536];
		struct pollfd p = { .fd = uffd, .events = POLLIN };

		if (poll(&p, 1, 5000) != 1 || read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
		    msg.event != UFFD_EVENT_PAGEFAULT)
			exit(4);
		token_put(go_waiter[1]);
		wait_blocked(SYS_write, 'D');	/* in mutex_lock */
		sleep_ms(20);
		memset(src, 'k', pagesz);
		copy.dst = msg.arg.pagefault.address & ~(pagesz - 1);
		copy.src = (uintptr_t)src;
		copy.len = pagesz;
		copy.mode = 0;
		copy.copy = 0;
		if (ioctl(uffd, UFFDIO_COPY, &copy))
			exit(5);
	}
	return NULL;
}

static void *waiter(void *arg)
{
	char buf[100];
	int i;

	(void)arg;
	prctl(PR_SET_NAME, "lk-waiter");
	waiter_tid = gettid();
	memset(buf, 'w', sizeof(buf));
	for (i = 0; i < ROUNDS_KERNEL; i++) {
		token_get(go_waiter[0]);
		if (write(data[1], buf, sizeof(buf)) != sizeof(buf))
			exit(6);
		token_put(waiter_done[1]);
	}
	for (i = 0; i < ROUNDS_USER; i++) {
		token_get(go_waiter[0]);
		pthread_mutex_lock(&qt_user_lock);
		pthread_mutex_unlock(&qt_user_lock);
		token_put(waiter_done[1]);
	}
	return NULL;
}

int main(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	pthread_t th, tw;
	char sink[65536];
	int i;

	pagesz = sysconf(_SC_PAGESIZE);
	if (pipe(data) || pipe(go_waiter) || pipe(waiter_done))
		return 2;
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		return 2;
	pages = mmap(NULL, ROUNDS_KERNEL * pagesz, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED)
		return 2;
	reg.range.start = (uintptr_t)pages;
	reg.range.len = ROUNDS_KERNEL * pagesz;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		return 2;
	prctl(PR_SET_NAME, "lk-holder");
	printf("qt_user_lock %p\n", (void *)&qt_user_lock);
	fflush(stdout);
	if (pthread_create(&tw, NULL, waiter, NULL))
		return 2;
	while (!waiter_tid)
		sleep_ms(1);
	if (pthread_create(&th, NULL, handler, NULL))
		return 2;
	for (i = 0; i < ROUNDS_KERNEL; i++) {
		/* faults inside pipe_write, holding pipe->mutex */
		if (write(data[1], pages + i * pagesz, 100) != 100)
			return 7;
		token_get(waiter_done[0]);
		if (read(data[0], sink, sizeof(sink)) != 200)
			return 8;
	}
	for (i = 0; i < ROUNDS_USER; i++) {
		pthread_mutex_lock(&qt_user_lock);
		token_put(go_waiter[1]);
		wait_blocked(SYS_futex, 'S');
		sleep_ms(10);
		pthread_mutex_unlock(&qt_user_lock);
		token_get(waiter_done[0]);
	}
	pthread_join(th, NULL);
	pthread_join(tw, NULL);
	return 0;
}
