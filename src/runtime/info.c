// SPDX-License-Identifier: GPL-2.0
/*
 * --info: what this kernel lets qtrace do, each answer asked of the kernel
 * now (a trial program load, link, map or perf event), never assumed from
 * the version: this one, for one, has tracepoints but no kprobes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <llvm-c/Core.h>
#include "runtime/probes/fentry.h"
#include "runtime/probes/kprobe.h"
#include "runtime/probes/perf.h"
#include "runtime/probes/uprobe_multi.h"
#include "runtime/rt.h"
#include "runtime/tracefs.h"
#include "util/envflag.h"

static void yes_no(FILE *out, const char *what, bool yes, const char *why)
{
	fprintf(out, "  %s: %s", what, yes ? "yes" : "no");
	if (!yes && why)
		fprintf(out, " (%s)", why);
	fputc('\n', out);
}

/* err: 0 yes, else the positive errno of the refusal. */
static void errno_line(FILE *out, const char *what, int err)
{
	if (!err)
		fprintf(out, "  %s: yes\n", what);
	else if (err == EPERM || err == EACCES)
		fprintf(out, "  %s: refused (%s)\n", what, strerror(err));
	else
		fprintf(out, "  %s: no (%s)\n", what, strerror(err));
}

static bool raw_tp_ok(void)
{
	int prog = rt_load_probe_prog(BPF_PROG_TYPE_RAW_TRACEPOINT, NULL), fd = -1;

	if (prog >= 0)
		fd = bpf_raw_tracepoint_open("sys_enter", prog);
	if (fd >= 0)
		close(fd);
	if (prog >= 0)
		close(prog);
	return fd >= 0;
}

/* A BTF-typed raw tracepoint program on sched_switch; 0 or a positive errno. */
static int tp_btf_err(struct btf *vmlinux)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_RAW_TP);
	int id, fd;

	if (!vmlinux)
		return ENOENT;
	id = btf__find_by_name_kind(vmlinux, "btf_trace_sched_switch", BTF_KIND_TYPEDEF);
	if (id <= 0)
		return ENOENT;
	o.attach_btf_id = id;
	fd = rt_load_probe_prog(BPF_PROG_TYPE_TRACING, &o);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int iter_err(struct btf *vmlinux)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_ITER);
	int id, fd;

	if (!vmlinux)
		return ENOENT;
	id = btf__find_by_name_kind(vmlinux, "bpf_iter_task", BTF_KIND_FUNC);
	if (id <= 0)
		return ENOENT;
	o.attach_btf_id = id;
	fd = rt_load_probe_prog(BPF_PROG_TYPE_TRACING, &o);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* A counting perf event on this process; 0 or a positive errno. */
static int perf_err(struct perf_event_attr *attr)
{
	int fd;

	attr->size = sizeof(*attr);
	attr->disabled = 1;
	fd = rt_perf_event_open(attr, 0, -1);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void probe_types(FILE *out)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE,
					.config = PERF_COUNT_SW_CPU_CLOCK };
	bool kp = kprobe_has_kprobes();
	int err;

	fprintf(out, "\nProbe types\n");
	yes_no(out, "tracepoint", tracefs_dir() != NULL, "no tracefs");
	yes_no(out, "rawtracepoint", raw_tp_ok(), NULL);
	errno_line(out, "rawtracepoint with BTF (tp_btf)", tp_btf_err(vmlinux));
	yes_no(out, "kprobe", kp, kprobe_why_none());
	yes_no(out, "kprobe.multi", kp && kprobe_has_multi("vfs_read"),
	       !kp ? kprobe_why_none() :
	       env_flag("QTRACE_NO_KPROBE_MULTI") ? "QTRACE_NO_KPROBE_MULTI is set" : NULL);
	errno_line(out, "fentry/fexit", vmlinux ? fentry_probe_load("vfs_read") : ENOENT);
	yes_no(out, "uprobe", rt_pmu_type("uprobe") >= 0, "no uprobe PMU");
	yes_no(out, "uprobe_multi", uprobe_has_multi(),
	       env_flag("QTRACE_NO_UPROBE_MULTI") ? "QTRACE_NO_UPROBE_MULTI is set" : NULL);
	yes_no(out, "usdt semaphores", rt_pmu_format_bit("uprobe", "ref_ctr_offset") >= 0,
	       NULL);
	errno_line(out, "software", perf_err(&attr));
	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = PERF_COUNT_HW_CPU_CYCLES;
	err = perf_err(&attr);
	if (err == ENOENT || err == EOPNOTSUPP)
		yes_no(out, "hardware", false, "no PMU: no hardware performance counters");
	else
		errno_line(out, "hardware", err);
	errno_line(out, "watchpoint", rt_watchpoint_probe());
	errno_line(out, "iter", iter_err(vmlinux));
	btf__free(vmlinux);
}

static void maps(FILE *out)
{
	static const struct { const char *name; enum bpf_map_type type; } rows[] = {
		{ "hash", BPF_MAP_TYPE_HASH },
		{ "percpu_hash", BPF_MAP_TYPE_PERCPU_HASH },
		{ "percpu_array", BPF_MAP_TYPE_PERCPU_ARRAY },
		{ "lru_hash", BPF_MAP_TYPE_LRU_HASH },
		{ "stack_trace", BPF_MAP_TYPE_STACK_TRACE },
		{ "ringbuf", BPF_MAP_TYPE_RINGBUF },
		{ "task_storage", BPF_MAP_TYPE_TASK_STORAGE },
	};
	unsigned i;

	fprintf(out, "\nMap types\n");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		yes_no(out, rows[i].name, libbpf_probe_bpf_map_type(rows[i].type, NULL) == 1,
		       NULL);
}

static void helpers(FILE *out)
{
	static const struct { const char *name; enum bpf_func_id id; } rows[] = {
		{ "probe_read_kernel", BPF_FUNC_probe_read_kernel },
		{ "probe_read_user", BPF_FUNC_probe_read_user },
		{ "probe_read_user_str", BPF_FUNC_probe_read_user_str },
		{ "get_current_task_btf", BPF_FUNC_get_current_task_btf },
		{ "get_func_ip", BPF_FUNC_get_func_ip },
		{ "get_attach_cookie", BPF_FUNC_get_attach_cookie },
		{ "loop", BPF_FUNC_loop },
		{ "for_each_map_elem", BPF_FUNC_for_each_map_elem },
		{ "ringbuf_output", BPF_FUNC_ringbuf_output },
		{ "send_signal", BPF_FUNC_send_signal },
		{ "override_return", BPF_FUNC_override_return },
		{ "get_ns_current_pid_tgid", BPF_FUNC_get_ns_current_pid_tgid },
		{ "ktime_get_boot_ns", BPF_FUNC_ktime_get_boot_ns },
		{ "ktime_get_tai_ns", BPF_FUNC_ktime_get_tai_ns },
		{ "jiffies64", BPF_FUNC_jiffies64 },
	};
	unsigned i;

	fprintf(out, "\nHelpers (in kprobe/uprobe programs)\n");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		yes_no(out, rows[i].name,
		       libbpf_probe_bpf_helper(BPF_PROG_TYPE_KPROBE, rows[i].id, NULL) == 1,
		       NULL);
}

int tracer_info(FILE *out, const char *version)
{
	struct utsname u;
	const char *tfs = tracefs_dir();
	unsigned major, minor, patch;
	int fd;

	if (uname(&u) < 0)
		memset(&u, 0, sizeof(u));
	fprintf(out, "System\n  kernel: %s %s %s\n", u.sysname, u.release, u.machine);
	LLVMGetVersion(&major, &minor, &patch);
	fprintf(out, "  qtrace: v%s, libbpf %d.%d, LLVM %u.%u.%u\n", version,
		LIBBPF_MAJOR_VERSION, LIBBPF_MINOR_VERSION, major, minor, patch);
	yes_no(out, "btf", access("/sys/kernel/btf/vmlinux", R_OK) == 0,
	       "no /sys/kernel/btf/vmlinux");
	fprintf(out, "  tracefs: %s\n", tfs ? tfs : "none");
	fd = rt_load_probe_prog(BPF_PROG_TYPE_KPROBE, NULL);
	if (fd < 0) {
		fprintf(out, "  bpf: %s (%s)\n", errno == EPERM || errno == EACCES ?
			"refused: run as root" : "unusable", strerror(errno));
		return -1;
	}
	close(fd);
	probe_types(out);
	maps(out);
	helpers(out);
	return fflush(out) ? -1 : 0;
}
