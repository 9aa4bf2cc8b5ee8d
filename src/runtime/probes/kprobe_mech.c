// SPDX-License-Identifier: GPL-2.0
/*
 * Which kprobe mechanisms this kernel has: the perf kprobe PMU, tracefs
 * kprobe_events and kprobe.multi links.  QTRACE_NO_KPROBES hides them all,
 * so the fentry fallback can be tested on kernels that have kprobes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "runtime/probes/kprobe.h"
#include "runtime/rt.h"
#include "runtime/tracefs.h"
#include "util/envflag.h"

#define KPROBE_PMU "/sys/bus/event_source/devices/kprobe/type"

static bool forced_off(void)
{
	return env_flag("QTRACE_NO_KPROBES");
}

bool kprobe_has_pmu(void)
{
	return !forced_off() && access(KPROBE_PMU, F_OK) == 0;
}

/* Neither the perf kprobe PMU nor tracefs kprobe_events: CONFIG_KPROBES=n. */
bool kprobe_has_kprobes(void)
{
	const char *dir = tracefs_dir();
	char path[256];

	if (forced_off())
		return false;
	if (kprobe_has_pmu())
		return true;
	snprintf(path, sizeof(path), "%s/kprobe_events", dir ? dir : "");
	return access(path, F_OK) == 0;
}

const char *kprobe_why_none(void)
{
	return forced_off() ? "QTRACE_NO_KPROBES is set" : "CONFIG_KPROBES is off";
}

/*
 * A kprobe.multi link on func with a two-instruction program, as the only
 * reliable test: 6.1 without CONFIG_FPROBE says EOPNOTSUPP, kernels before
 * 5.18 EINVAL.  Once per run (an attach and detach: about a millisecond).
 */
bool kprobe_has_multi(const char *func)
{
	static int has = -1;
	LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = BPF_TRACE_KPROBE_MULTI);
	LIBBPF_OPTS(bpf_link_create_opts, lo, .kprobe_multi.syms = &func,
		    .kprobe_multi.cnt = 1);
	int fd, link;

	/* QTRACE_NO_KPROBE_MULTI (--no-feature kprobe_multi): one kprobe each */
	if (forced_off() || env_flag("QTRACE_NO_KPROBE_MULTI"))
		return false;
	if (has >= 0)
		return has;
	has = 0;
	fd = rt_load_probe_prog(BPF_PROG_TYPE_KPROBE, &po);
	if (fd < 0)
		return false;
	link = bpf_link_create(fd, 0, BPF_TRACE_KPROBE_MULTI, &lo);
	if (link >= 0) {
		has = 1;
		close(link);
	}
	close(fd);
	return has;
}
