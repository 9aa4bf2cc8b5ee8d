// SPDX-License-Identifier: GPL-2.0
/*
 * attach-time: how long a tracer takes from launch to "probes live".
 *
 *   attach-time [-n RUNS] [-p PROBES] [-i POLL_US] [-g GAP_MS] [-t TIMEOUT_S] -- CMD ARGS...
 *
 * Each run forks and execs CMD (stdout and stderr to /dev/null), then polls
 * the child's /proc/PID/fd every POLL_US microseconds (default 100) until it
 * holds PROBES (default 1) live attachments: a BPF link (anon_inode:bpf_link,
 * whose existence means attached: libbpf creates it with the attach) or a
 * perf event that carries a BPF program (BPF_TASK_FD_QUERY answers for it:
 * the PERF_EVENT_IOC_SET_BPF way bpftrace and older libbpf attach
 * tracepoints).  It prints the launch-to-live time of each run in ms, then
 * the median and the min..max, stops the tracer with SIGINT (SIGKILL after
 * 5 s) and waits for it, then GAP_MS (default 300) before the next run.
 *
 * The gap matters: a tracepoint whose last probe went away less than an RCU
 * grace period ago makes the next attach wait for one (synchronize_rcu() in
 * the kernel's tracepoint_add_func() on a 1->0->1 transition, 10-20 ms
 * here), which back-to-back runs would charge to the tracer.  -g 0 measures
 * that case.
 *
 * The bench's `attach` figure polls with bpftool every ~30 ms, too coarse
 * for a tracer that is live in ~10 ms; this resolves to the poll interval
 * plus one scan of the fd table (tens of microseconds).  Runs as root (BPF
 * and other processes' fds).  Build: cc -O2 -o attach-time attach-time.c -lbpf
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <bpf/bpf.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Attachments live in pid's fd table now; -1 when pid is gone. */
static int live(pid_t pid)
{
	char dir[64], path[320], target[64];
	struct dirent *d;
	int n = 0;
	DIR *fds;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	fds = opendir(dir);
	if (!fds)
		return -1;
	while ((d = readdir(fds))) {
		char name[256];
		__u32 len = sizeof(name), prog_id = 0, type;
		__u64 off, addr;
		ssize_t r;

		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		r = readlink(path, target, sizeof(target) - 1);
		if (r <= 0)
			continue;
		target[r] = '\0';
		if (!strcmp(target, "anon_inode:bpf_link"))
			n++;
		else if (!strcmp(target, "anon_inode:[perf_event]") &&
			 !bpf_task_fd_query(pid, atoi(d->d_name), 0, name, &len,
					    &prog_id, &type, &off, &addr) &&
			 prog_id)
			n++;
	}
	closedir(fds);
	return n;
}

static void stop(pid_t pid)
{
	int i;

	kill(pid, SIGINT);
	for (i = 0; i < 500; i++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* One run: launch-to-live in ms, or a negative value on failure. */
static double run_once(char **cmd, int probes, int poll_us, double timeout_ms)
{
	double t0 = now_ms(), t;
	pid_t pid;
	int n;

	pid = fork();
	if (pid < 0) {
		perror("attach-time: fork");
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		dup2(fd, 1);
		dup2(fd, 2);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	for (;;) {
		n = live(pid);
		t = now_ms() - t0;
		if (n >= probes)
			break;
		if (n < 0 || waitpid(pid, NULL, WNOHANG) == pid) {
			fprintf(stderr, "attach-time: %s exited before %d probe(s) were live\n",
				cmd[0], probes);
			return -1;
		}
		if (t > timeout_ms) {
			fprintf(stderr, "attach-time: %s: %d of %d probe(s) live after %.0f ms\n",
				cmd[0], n, probes, t);
			stop(pid);
			return -1;
		}
		usleep(poll_us);
	}
	stop(pid);
	return t;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int runs = 10, probes = 1, poll_us = 100, gap_ms = 300, opt, i;
	double timeout_s = 30, *ms, med;

	while ((opt = getopt(argc, argv, "+n:p:i:g:t:")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'p': probes = atoi(optarg); break;
		case 'i': poll_us = atoi(optarg); break;
		case 'g': gap_ms = atoi(optarg); break;
		case 't': timeout_s = atof(optarg); break;
		default: goto usage;
		}
	}
	if (optind >= argc || runs < 1 || probes < 1 || poll_us < 0 || gap_ms < 0)
		goto usage;
	ms = calloc(runs, sizeof(*ms));
	if (!ms)
		return 1;
	for (i = 0; i < runs; i++) {
		if (i)
			usleep(gap_ms * 1000);
		ms[i] = run_once(argv + optind, probes, poll_us, timeout_s * 1e3);
		if (ms[i] < 0)
			return 1;
		printf("run %d: %.2f ms\n", i + 1, ms[i]);
		fflush(stdout);
	}
	qsort(ms, runs, sizeof(*ms), cmp);
	med = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("%s: launch to %d probe(s) live: median %.2f ms, min %.2f, max %.2f (%d runs)\n",
	       argv[optind], probes, med, ms[0], ms[runs - 1], runs);
	free(ms);
	return 0;
usage:
	fprintf(stderr, "usage: attach-time [-n RUNS] [-p PROBES] [-i POLL_US] [-g GAP_MS] [-t TIMEOUT_S] -- CMD ARGS...\n");
	return 2;
}
