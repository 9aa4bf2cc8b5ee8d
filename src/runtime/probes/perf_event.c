// SPDX-License-Identifier: GPL-2.0
/*
 * What the timed providers (interval, profile) share: their rate syntax,
 * opening a perf event and attaching a program to it; and the one wording of
 * attach failures for every provider.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/perf.h"

static const struct {
	const char *name;
	uint64_t ns;		/* 0: hz */
} units[] = {
	{ "s", 1000000000ull },
	{ "ms", 1000000ull },
	{ "us", 1000ull },
	{ "ns", 1ull },
	{ "hz", 0 },
};

static bool is_unit(const char *s)
{
	unsigned i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(s, units[i].name))
			return true;
	return false;
}

static void usage_note(const char *examples)
{
	diag_note("write %s (units s, ms, us, ns, hz)", examples);
}

static int bad_number(struct node *a, const char *examples, const char *num)
{
	size_t digits = strspn(num, "0123456789");

	if (num[0] == '-' || (num[0] == '0' && strspn(num, "0") == strlen(num)))
		diag_error(a->loc, "the rate of '%s' must be positive", a->attach.spec);
	else if (digits && !num[digits])
		diag_error(a->loc, "the rate of '%s' is too large", a->attach.spec);
	else
		diag_error(a->loc, "'%s' is not a rate in '%s'", num, a->attach.spec);
	usage_note(examples);
	return -1;
}

/* unit and number as written; fills r or reports. */
static int set_rate(struct node *a, const char *examples, const char *unit,
		    const char *num, struct rate *r)
{
	unsigned i;
	uint64_t n;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(unit, units[i].name))
			break;
	if (i == sizeof(units) / sizeof(units[0])) {
		diag_error(a->loc, "unknown unit '%s' in '%s'", unit, a->attach.spec);
		usage_note(examples);
		return -1;
	}
	if (!rt_parse_u64(num, &n) || n == 0)
		return bad_number(a, examples, num);
	r->hz = units[i].ns == 0;
	r->n = n;
	if (r->hz) {
		r->period_ns = n <= 1000000000ull ? 1000000000ull / n : 0;
		return 0;
	}
	if (n > UINT64_MAX / units[i].ns) {
		diag_error(a->loc, "the rate of '%s' is too large", a->attach.spec);
		usage_note(examples);
		return -1;
	}
	r->period_ns = n * units[i].ns;
	return 0;
}

int rt_parse_rate(struct node *a, const char *examples, struct rate *r)
{
	char num[32];
	const char *s;
	size_t len;

	if (a->attach.nparts == 3)
		return set_rate(a, examples, a->attach.parts[1], a->attach.parts[2], r);
	if (a->attach.nparts < 2 || !a->attach.parts[1][0]) {
		diag_error(a->loc, "'%s' needs a rate", a->attach.spec);
		usage_note(examples);
		return -1;
	}
	if (a->attach.nparts > 3) {
		diag_error(a->loc, "too many parts in '%s'", a->attach.spec);
		usage_note(examples);
		return -1;
	}
	/* the short form: 1s, 100ms, 99hz */
	s = a->attach.parts[1];
	len = strspn(s, "0123456789");
	/*
	 * A bare number is nanoseconds (bpftrace's interval:1000000000); one
	 * under a microsecond is taken for a forgotten unit (profile:99).
	 */
	if (len && !s[len] && len < sizeof(num) && (len > 4 || strtoull(s, NULL, 10) >= 1000))
		return set_rate(a, examples, "ns", s, r);
	if (len == 0 || !s[len]) {
		if (!len && is_unit(s))
			diag_error(a->loc, "missing the number in '%s'", a->attach.spec);
		else if (!len)
			diag_error(a->loc, "'%s' is not a rate in '%s'", s, a->attach.spec);
		else
			diag_error(a->loc, "missing the unit in '%s'", a->attach.spec);
		usage_note(examples);
		return -1;
	}
	if (len >= sizeof(num)) {
		diag_error(a->loc, "the rate of '%s' is too large", a->attach.spec);
		usage_note(examples);
		return -1;
	}
	memcpy(num, s, len);
	num[len] = '\0';
	return set_rate(a, examples, s + len, num, r);
}

void rt_attach_error(struct probe_inst *pi, int err, const char *fix)
{
	diag_rt_error(pi->attach->loc, "cannot attach '%s': %s", pi->name, strerror(err));
	if (fix)
		diag_note("%s", fix);
	else if (err == EPERM || err == EACCES)
		diag_note("qtrace needs root (CAP_BPF and CAP_PERFMON)");
	else if (err == ENOENT)
		diag_note("the kernel has no such attach point; list them with: qtrace -l");
	else if (err == EMFILE || err == ENFILE)
		diag_note("too many open files: raise the limit (ulimit -n) or probe fewer points");
}

static int max_sample_rate(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_max_sample_rate", "r");
	int v = 0;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/*
 * A BPF link (5.15+) detaches the program as soon as its fd is closed, apart
 * from the perf event; older kernels get the ioctl, where closing the perf
 * event is the only way to detach.
 */
static int attach_prog(int pfd, int prog_fd, int *link_fd)
{
	*link_fd = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, NULL);
	if (*link_fd < 0 && errno != EINVAL)
		return -errno;
	if (*link_fd < 0 && ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog_fd) < 0)
		return -errno;
	if (ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) < 0)
		return -errno;
	return 0;
}

int rt_perf_attach(struct tracer *t, struct probe_inst *pi,
		   struct bpf_program *prog, struct perf_event_attr *attr, int cpu)
{
	return rt_perf_attach_pid(t, pi, prog, attr, -1, cpu);
}

int rt_perf_event_open(struct perf_event_attr *attr, int pid, int cpu)
{
	return syscall(__NR_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

/* thread: pid is one of several threads, which may have ended (ESRCH, not reported). */
static int attach_one(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
		      struct perf_event_attr *attr, int pid, int cpu, bool thread)
{
	char fix[160];
	int fd, lfd, err;

	fd = rt_perf_event_open(attr, pid, cpu);
	if (fd < 0) {
		err = errno;
		if (err == ENODEV || (thread && err == ESRCH))
			return -err;	/* offline CPU, ended thread: the caller skips it */
		if (err == EINVAL && attr->freq && max_sample_rate() > 0 &&
		    attr->sample_freq > (uint64_t)max_sample_rate()) {
			snprintf(fix, sizeof(fix),
				 "the rate is above kernel.perf_event_max_sample_rate (%d)",
				 max_sample_rate());
			rt_attach_error(pi, err, fix);
		} else {
			rt_attach_error(pi, err, NULL);
		}
		return -err;
	}
	err = attach_prog(fd, bpf_program__fd(prog), &lfd);
	if (err) {
		if (lfd >= 0)
			close(lfd);
		close(fd);
		rt_attach_error(pi, -err, NULL);
		return err;
	}
	if (lfd >= 0 && (err = tracer_own_fd(t, lfd))) {
		close(fd);
		return err;
	}
	/*
	 * Closing a tracepoint's or a uprobe's perf event waits for the kernel
	 * (an RCU grace period; ~100 ms for a uprobe here): deferred when a
	 * link detaches the program.  Software events close at once.
	 */
	if (lfd >= 0 && attr->type != PERF_TYPE_SOFTWARE && attr->type != PERF_TYPE_HARDWARE)
		return rt_own_tp_fd(t, fd);
	return tracer_own_fd(t, fd);
}

int rt_perf_attach_pid(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
		       struct perf_event_attr *attr, int pid, int cpu)
{
	return attach_one(t, pi, prog, attr, pid, cpu, false);
}

void rt_rate_attr(struct perf_event_attr *attr, const struct probe_inst *pi)
{
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->type = PERF_TYPE_SOFTWARE;
	attr->config = PERF_COUNT_SW_CPU_CLOCK;
	if (!strcmp(pi->target, "hz")) {
		attr->freq = 1;
		attr->sample_freq = pi->arg;
	} else {
		attr->sample_period = pi->arg;
	}
}

static int read_sysfs(const char *path, const char *fmt, int *v)
{
	FILE *f = fopen(path, "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, fmt, v);
	fclose(f);
	return n == 1 ? 0 : -1;
}

int rt_pmu_type(const char *pmu)
{
	char path[128];
	int v;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	return read_sysfs(path, "%d", &v) ? -1 : v;
}

int rt_pmu_format_bit(const char *pmu, const char *format)
{
	char path[160];
	int v;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/format/%s", pmu, format);
	return read_sysfs(path, "config:%d", &v) ? -1 : v;
}

/* Marks on[cpu] for the CPUs of /sys/devices/system/cpu/online ("0-3,5"). */
int rt_online_cpus(unsigned char *on, int max)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	int a, b, n = 0, c;

	if (!f)
		return -errno;
	while (fscanf(f, "%d", &a) == 1) {
		b = a;
		c = fgetc(f);
		if (c == '-') {
			if (fscanf(f, "%d", &b) != 1)
				break;
			c = fgetc(f);
		}
		for (; a <= b && a < max; a++, n++)
			on[a] = 1;
		if (c != ',')
			break;
	}
	fclose(f);
	return n;
}

/*
 * A perf event follows one thread: each thread -p's process has now gets
 * one (threads it starts later are not followed).
 */
static int attach_threads(struct tracer *t, struct probe_inst *pi,
			  struct bpf_program *prog, struct perf_event_attr *attr, int pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int tid, err = 0, n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	dir = opendir(path);
	if (!dir)
		return rt_perf_attach_pid(t, pi, prog, attr, pid, -1);
	while (!err && (d = readdir(dir))) {
		if ((tid = atoi(d->d_name)) <= 0)
			continue;
		err = attach_one(t, pi, prog, attr, tid, -1, true);
		if (err == -ESRCH)
			err = 0;	/* the thread ended meanwhile */
		else if (!err)
			n++;
	}
	closedir(dir);
	if (!err && !n) {
		rt_attach_error(pi, ESRCH, "the process has no threads left");
		err = -ESRCH;
	}
	return err;
}

int rt_perf_attach_each(struct tracer *t, struct probe_inst *pi,
			struct bpf_program *prog, struct perf_event_attr *attr)
{
	unsigned char on[4096] = { 0 };
	int ncpus = t->ncpus, cpu, err, n = 0;

	if (t->p->pid > 0)
		return attach_threads(t, pi, prog, attr, t->p->pid);
	if (ncpus > (int)sizeof(on))
		ncpus = sizeof(on);
	if (rt_online_cpus(on, ncpus) <= 0)
		for (cpu = 0; cpu < ncpus; cpu++)
			on[cpu] = 1;
	for (cpu = 0; cpu < ncpus; cpu++) {
		if (!on[cpu])
			continue;
		err = rt_perf_attach(t, pi, prog, attr, cpu);
		if (err == -ENODEV)
			continue;	/* went offline meanwhile */
		if (err)
			return err;
		n++;
	}
	if (!n) {
		rt_attach_error(pi, ENODEV, "no CPU is online");
		return -ENODEV;
	}
	return 0;
}

bool rt_parse_count(const char *s, uint64_t *v)
{
	uint64_t m, e;
	const char *x;
	char num[24];

	if (rt_parse_u64(s, v))
		return *v > 0;
	/* bpftrace's 1e6 */
	x = strchr(s, 'e');
	if (!x || x == s || (size_t)(x - s) >= sizeof(num))
		return false;
	memcpy(num, s, x - s);
	num[x - s] = '\0';
	if (!rt_parse_u64(num, &m) || !rt_parse_u64(x + 1, &e) || e > 19)
		return false;
	for (*v = m; e > 0; e--) {
		if (*v > UINT64_MAX / 10)
			return false;
		*v *= 10;
	}
	return *v > 0;
}

int rt_watchpoint_probe(void)
{
	static uint64_t target;
	struct perf_event_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_BREAKPOINT;
	attr.bp_type = HW_BREAKPOINT_W;
	attr.bp_addr = (uintptr_t)&target;
	attr.bp_len = HW_BREAKPOINT_LEN_8;
	attr.sample_period = 1;
	attr.disabled = 1;
	fd = rt_perf_event_open(&attr, 0, -1);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}
