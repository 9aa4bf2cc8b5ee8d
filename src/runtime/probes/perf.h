/* SPDX-License-Identifier: GPL-2.0 */
/* The timed providers' shared parts: rates and perf events (perf_event.c). */
#ifndef QT_RT_PERF_H
#define QT_RT_PERF_H

#include <stdbool.h>
#include <stdint.h>

struct node;
struct tracer;
struct probe_inst;
struct bpf_program;
struct perf_event_attr;

struct rate {
	bool hz;		/* written in hz */
	uint64_t n;		/* the number as written */
	uint64_t period_ns;	/* 0 when hz is above 1e9 */
};

/*
 * PROV:UNIT:N or PROV:NUNIT (units s, ms, us, hz) into r; reports errors at
 * the attach loc with a note showing examples ("interval:s:1 or
 * interval:1s").  0 or -1.
 */
int rt_parse_rate(struct node *a, const char *examples, struct rate *r);

/* A CPU-clock perf event: target "hz" (arg = frequency) or "ns" (arg = period). */
void rt_rate_attr(struct perf_event_attr *attr, const struct probe_inst *pi);

/*
 * Open attr on cpu and attach prog to it; the tracer owns the link and the
 * perf event fds.  Reports failures except -ENODEV (an offline CPU).
 */
int rt_perf_attach(struct tracer *t, struct probe_inst *pi,
		   struct bpf_program *prog, struct perf_event_attr *attr,
		   int cpu);
/* The same for one process (pid >= 0) or every process (-1). */
int rt_perf_attach_pid(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
		       struct perf_event_attr *attr, int pid, int cpu);
/* perf_event_open(2) with FD_CLOEXEC: an fd, or -1 and errno. */
int rt_perf_event_open(struct perf_event_attr *attr, int pid, int cpu);
/* Marks on[cpu] for each online CPU below max; how many, or a negative errno. */
int rt_online_cpus(unsigned char *on, int max);
/*
 * attr on every online CPU, or on the -p process alone (any CPU): what
 * profile, software and hardware probes do.  Reports failures.
 */
int rt_perf_attach_each(struct tracer *t, struct probe_inst *pi,
			struct bpf_program *prog, struct perf_event_attr *attr);
/* A positive count, decimal or bpftrace's 1e6 form; false if s is not one. */
bool rt_parse_count(const char *s, uint64_t *v);
/* Can this machine set a hardware watchpoint?  0 or a positive errno. */
int rt_watchpoint_probe(void);
/* The type of a dynamic PMU ("uprobe", "kprobe") and a format bit of it; -1 if none. */
int rt_pmu_type(const char *pmu);
int rt_pmu_format_bit(const char *pmu, const char *format);

#endif
