// SPDX-License-Identifier: GPL-2.0
/*
 * A uprobe or uretprobe wildcard as one program on one uprobe_multi link.
 * A perf-event uprobe per function costs, when released, an RCU tasks-trace
 * grace period each, serialized under the kernel's event_mutex (117
 * functions: ~7 s, which the next qtrace waits for too); one link over all
 * the offsets is released with a single grace period and no event_mutex.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "runtime/rt.h"
#include "runtime/probes/uprobe_multi.h"
#include "util/envflag.h"

#define UPROBE_MULTI_RETURN	1	/* BPF_F_UPROBE_MULTI_RETURN */

/*
 * union bpf_attr's link_create for BPF_TRACE_UPROBE_MULTI, as in the
 * kernel's include/uapi/linux/bpf.h (6.6+).  The return flag goes in
 * uprobe_multi.flags: link_create.flags and target_fd must be 0 (kernels
 * since spring 2025 refuse anything else with EINVAL).  The kernel
 * zero-fills what a shorter attr leaves out.
 */
struct umulti_attr {
	uint32_t prog_fd;
	uint32_t target_fd;
	uint32_t attach_type;
	uint32_t link_flags;
	uint64_t path;
	uint64_t offsets;
	uint64_t ref_ctr_offsets;
	uint64_t cookies;
	uint32_t cnt;
	uint32_t flags;
	uint32_t pid;
	uint32_t pad;
};

static int link_create(int prog_fd, const char *path, const uint64_t *offs,
		       const uint64_t *cookies, uint32_t cnt, uint32_t flags, int pid)
{
	struct umulti_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_fd = prog_fd;
	a.attach_type = QT_BPF_TRACE_UPROBE_MULTI;
	a.path = (uint64_t)(uintptr_t)path;
	a.offsets = (uint64_t)(uintptr_t)offs;
	a.cookies = (uint64_t)(uintptr_t)cookies;
	a.cnt = cnt;
	a.flags = flags;
	a.pid = pid;
	return syscall(__NR_bpf, BPF_LINK_CREATE, &a, sizeof(a));
}

static bool forced_off(void)
{
	return env_flag("QTRACE_NO_UPROBE_MULTI");
}

/*
 * A link on "/", which is no regular file: a kernel with uprobe_multi
 * checks every argument, then says EBADF without registering any uprobe
 * (libbpf's own probe); one without says EINVAL for the attach type.  No
 * uprobe is placed, so no grace period is waited for, unlike a trial link.
 */
bool uprobe_has_multi(void)
{
	static int has = -1;
	LIBBPF_OPTS(bpf_prog_load_opts, po,
		    .expected_attach_type = (enum bpf_attach_type)QT_BPF_TRACE_UPROBE_MULTI);
	uint64_t off = 0;
	int fd, link;

	if (forced_off())
		return false;
	if (has >= 0)
		return has;
	has = 0;
	fd = rt_load_probe_prog(BPF_PROG_TYPE_KPROBE, &po);
	if (fd < 0)
		return false;
	link = link_create(fd, "/", &off, NULL, 1, 0, 0);
	if (link >= 0)
		close(link);
	else
		has = errno == EBADF;
	close(fd);
	return has;
}

void uprobe_multi_init(struct probe_inst *pi, const char **funcs, uint64_t *offs, int n)
{
	pi->funcs = funcs;
	pi->nfuncs = n;
	pi->prov_data = offs;
	pi->load_attach_type = QT_BPF_TRACE_UPROBE_MULTI;
	pi->func_by_cookie = true;
}

/*
 * `func` by attach cookie rather than by bpf_get_func_ip(): for uprobe_multi
 * that gives the probed user address, which moves with where the file is
 * mapped in each process; a cookie is fixed.  Each offset's cookie is
 * (instance id << 32 | index), which kprobe.multi's kernel addresses in the
 * same QT_FUNCS_MAP can never equal.
 */
static uint64_t *cookies_for(struct tracer *t, struct probe_inst *pi)
{
	struct bpf_map *m = bpf_object__find_map_by_name(t->obj, QT_FUNCS_MAP);
	uint64_t *c = calloc(pi->nfuncs, sizeof(*c));
	char val[QT_FUNC_NAME];
	int i;

	if (!c)
		return NULL;
	for (i = 0; i < pi->nfuncs; i++) {
		c[i] = (uint64_t)pi->id << 32 | (uint32_t)i;
		if (!m)
			continue;
		memset(val, 0, sizeof(val));
		memcpy(val, pi->funcs[i], strnlen(pi->funcs[i], sizeof(val) - 1));
		bpf_map__update_elem(m, &c[i], sizeof(c[i]), val, sizeof(val), BPF_ANY);
	}
	return c;
}

/*
 * -p: the link's pid runs the program only in that process (its threads
 * too, since 6.10), as the perf-event uprobe's pid does; -c, like that
 * path, does not filter.
 */
int uprobe_multi_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	bool ret = pi->provider == &provider_uretprobe && !pi->at_ret_insns;
	uint64_t *cookies = cookies_for(t, pi);
	int link, err;

	if (!cookies)
		return -ENOMEM;
	link = link_create(bpf_program__fd(prog), pi->target, pi->prov_data, cookies,
			   pi->nfuncs, ret ? UPROBE_MULTI_RETURN : 0, t->p->pid);
	err = errno;
	free(cookies);
	if (link < 0) {
		rt_attach_error(pi, err, NULL);
		return -err;
	}
	if (tracer_opts(t)->verbose)
		fprintf(stderr, "qtrace: '%s' uses uprobe_multi (%d %s)\n", pi->name,
			pi->nfuncs, pi->at_ret_insns ? "return instructions" : "functions");
	return tracer_own_fd(t, link);
}
