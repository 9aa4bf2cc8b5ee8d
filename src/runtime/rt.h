/* SPDX-License-Identifier: GPL-2.0 */
/* Runtime internals shared by the tracer's files and the providers. */
#ifndef QT_RT_H
#define QT_RT_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include "program.h"
#include "runtime/provider.h"
#include "runtime/tracer.h"

struct bpf_object;
struct ring_buffer;
struct detach;

/* The providers of providers[] (one file each). */
extern const struct provider provider_begin, provider_end;
extern const struct provider provider_tracepoint, provider_rawtracepoint;
extern const struct provider provider_interval, provider_profile;
extern const struct provider provider_software, provider_hardware;
extern const struct provider provider_watchpoint, provider_asyncwatchpoint;
extern const struct provider provider_uprobe, provider_uretprobe;
extern const struct provider provider_usdt;
extern const struct provider provider_kprobe, provider_kretprobe;
extern const struct provider provider_fentry, provider_fexit;
extern const struct provider provider_iter;
extern const struct provider provider_self;
extern const struct provider provider_test, provider_bench;

struct tracer {
	struct program *p;
	const struct rt_opts *o;
	struct bpf_object *obj;
	struct bpf_program **progs;	/* by probe_inst id */
	int *map_fds;		/* by mapinfo id */
	int stats_fd;		/* QT_STATS_MAP, -1 if absent */
	int ncpus;		/* possible CPUs: per-CPU value count */

	struct bpf_link **links;
	int nlinks, links_cap;
	int *fds;
	int nfds, fds_cap;
	int *tp_fds;		/* tracepoint perf events detached by a link: closed last */
	int ntp_fds, tp_fds_cap;
	struct detach *detach;	/* teardown.c's threads, once started */
	bool stopped;		/* QT_RUN_VAR cleared: no attached program runs */
	int nattached;		/* probe instances attached or run */
	/* functions of wildcards skipped because they cannot be traced */
	const char **skipped;
	int nskipped, skipped_cap;
	struct loc skipped_loc;	/* the first one's attach point */

	/*
	 * Where records are written until attached_probes is (a format with
	 * attached_first): BEGIN's output, held in memory.  NULL: o->out.
	 */
	FILE *held;
	char *held_buf;
	size_t held_len;

	uint64_t *helper_seen;	/* -k: failures reported so far, by site */

	struct ring_buffer *rb;
	struct ring_buffer *ctrl_rb;	/* QT_CTRL_MAP */
	struct perf_buffer *skb_pb;	/* QT_SKB_MAP: skboutput()'s packets (pcap.c) */
	FILE **pcap;		/* by fmt id: skboutput()'s files, one per path */
	uint64_t pcap_lost;	/* packets the perf buffer dropped */
	uint64_t ev_pos;	/* the event buffer's consumer position */
	struct ctrl_rec *ctrl_head, *ctrl_tail;	/* read, waiting for ev_pos */
	unsigned ev_since_peek;	/* events read since the control buffer was */
	bool exited;		/* an EV_EXIT record was read */
	bool skip_events;	/* after exit(): drop records until END runs */
	int exit_code;
	bool out_error;		/* the output cannot be written: stop */
	bool child_done;
	int child_status;
};

/*
 * load.c: a program that returns 0, to ask the kernel what it supports
 * (attach types, raw tracepoints); o may be NULL.  An fd, or -1 and errno.
 */
struct bpf_prog_load_opts;
int rt_load_probe_prog(enum bpf_prog_type type, struct bpf_prog_load_opts *o);

/* list.c: the -p PID given with -l (0: none), for providers that list per process. */
int rt_list_pid(void);
/* list.c: -l with -v: list each probe's fields (args, ctx) too. */
bool rt_list_verbose(void);
/* list.c: -lv: a record's fields, "    TYPE NAME", but those starting with skip. */
void rt_list_fields(const struct type *rec, const char *skip);

/* load.c: open and load p->elf; errors reported.  0 or -1. */
int rt_load(struct tracer *t);
/* The BPF program of instance pi (function "p<id>"), or NULL. */
struct bpf_program *rt_prog(struct tracer *t, const struct probe_inst *pi);

/* begin_end.c: run every BEGIN (or END) program once; 0 or -1. */
int rt_run_provider(struct tracer *t, const struct provider *prov);
int rt_run_begin(struct tracer *t);
int rt_run_end(struct tracer *t);
int rt_count_special(const struct program *p);
/*
 * Is pi BEGIN, END, or a test or bench probe (run, if at all, between
 * them)?  Not a self probe, which waits for its signal.
 */
bool rt_is_oneshot(const struct probe_inst *pi);

/*
 * self.c: self:signal:SIGUSR1.  install/restore its SIGUSR1 handler (only
 * when the script has such a probe); run: the probes due to a SIGUSR1
 * received since the last call, 0 or -1 (reported).
 */
void rt_self_install(struct tracer *t);
/*
 * test_bench.c: --test runs every test probe (report on o->out; 1 if one
 * failed or did not run, else 0); --bench every bench probe (the table;
 * 0 or -1, reported).  count: the probes the run mode runs.
 */
int rt_run_tests(struct tracer *t);
int rt_run_benches(struct tracer *t);
int rt_count_mode_probes(const struct program *p);
void rt_self_restore(void);
int rt_self_run(struct tracer *t);

/* events.c: the ring buffer and the event loop; SIGINT/SIGTERM set a flag. */
void rt_signals_install(void);
void rt_signals_restore(void);
bool rt_stop_requested(void);
/* crash.c: fatal signals stop the probes and name themselves, then kill qtrace */
void rt_crash_install(struct tracer *t);
void rt_crash_forget(void);
void rt_crash_test_consumer(void);
int rt_events_open(struct tracer *t);
void rt_events_drain(struct tracer *t);
int rt_events_loop(struct tracer *t);
void rt_events_close(struct tracer *t);

/*
 * helper_errors.c: helper failures not yet reported, per call site: with
 * -k while tracing, and at_end with -k or -v; at_end without them, one
 * warning with the total.
 */
void rt_report_helper_errors(struct tracer *t, bool at_end);

/* finish.c: print every map at exit, then the losses. */
void rt_print_maps(struct tracer *t);
/* --pprof, --flamegraph: the stack-keyed maps written as profiles. */
void rt_write_profiles(struct tracer *t);
void rt_report_losses(struct tracer *t);

/*
 * teardown.c: rt_detach_start() begins destroying links and closing fds in
 * parallel threads; rt_teardown() finishes that (or does it all), releases
 * the tracepoints' perf events and closes the object.
 */
void rt_detach_start(struct tracer *t);
/* Waits until every link is gone: no probe runs after this returns. */
void rt_detach_finish(struct tracer *t);
void rt_teardown(struct tracer *t);
/*
 * Start (after attaching) or stop (before END) every attached program at
 * once through QT_RUN_VAR; false if it cannot be written.
 */
bool rt_start_probes(struct tracer *t);
bool rt_stop_probes(struct tracer *t);
/* Own a tracepoint perf event fd whose program is attached by a link fd. */
int rt_own_tp_fd(struct tracer *t, int fd);

/* watchpoint.c: unwatch(addr): close the watchpoints on addr; how many. */
int rt_unwatch(struct tracer *t, uint64_t addr);

/* perf_event.c */
/* Report an attach failure of pi at its attach loc, with a note on the fix. */
void rt_attach_error(struct probe_inst *pi, int err, const char *what);

/*
 * tracer.c: a wildcard's function that cannot be traced is skipped, not
 * fatal: the attach hook records it here and returns 0; one warning lists
 * them all after attaching.
 */
void rt_attach_skip(struct tracer *t, const struct probe_inst *pi, const char *func);
/* Errors that mean "this function cannot be traced" (EINVAL, ENOENT, EBUSY ...). */
bool rt_untraceable(int err);

/* provider.c helpers for the providers' hooks. */
bool rt_has_glob(const char *s);
/* "PROVIDER:PART1:PART2" with the provider's canonical name (arena). */
char *rt_join_name(const struct provider *prov, struct node *attach);
/* Does full probe name match the -l glob (NULL matches everything)? */
bool rt_list_match(const char *glob, const char *name);
/* Parse a positive decimal; false if s is not one (or overflows). */
bool rt_parse_u64(const char *s, uint64_t *v);

#endif
