// SPDX-License-Identifier: GPL-2.0
/*
 * A wildcard kprobe or kretprobe as one program on kprobe.multi links: one
 * attach for hundreds of functions instead of a perf event each.  Functions
 * the kernel will not trace are found by halving the list and skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "util/diag.h"
#include "runtime/probes/kprobe.h"
#include "runtime/rt.h"

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/*
 * `func` by address: bpf_get_func_ip() gives the function's address, or
 * the address past its endbr64 on kernels before the fix for IBT (6.2):
 * both are keys.  Every address of a name, as static functions repeat.
 */
static int fill_funcs(struct tracer *t, struct probe_inst *pi)
{
	struct bpf_map *m = bpf_object__find_map_by_name(t->obj, QT_FUNCS_MAP);
	char line[512], name[256], val[QT_FUNC_NAME], kind;
	unsigned long long addr, key;
	FILE *f;

	if (!m)
		return 0;
	f = fopen("/proc/kallsyms", "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &kind, name) != 3 ||
		    !strchr("tTwW", kind) ||
		    !bsearch(name, pi->funcs, pi->nfuncs, sizeof(*pi->funcs), by_name))
			continue;
		memset(val, 0, sizeof(val));
		memcpy(val, name, strnlen(name, sizeof(val) - 1));
		key = addr;
		bpf_map__update_elem(m, &key, sizeof(key), val, sizeof(val), BPF_ANY);
		key = addr + 4;
		bpf_map__update_elem(m, &key, sizeof(key), val, sizeof(val), BPF_NOEXIST);
	}
	fclose(f);
	return 0;
}

/* syms[0..n): one link, or halves until the functions that refuse are found. */
static int attach_range(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog,
			const char **syms, int n)
{
	LIBBPF_OPTS(bpf_kprobe_multi_opts, o, .syms = syms, .cnt = n,
		    .retprobe = kprobe_is_ret(pi));
	struct bpf_link *l;
	int err;

	l = bpf_program__attach_kprobe_multi_opts(prog, NULL, &o);
	if (l)
		return tracer_own_link(t, l);
	err = errno;
	if (!rt_untraceable(err)) {
		rt_attach_error(pi, err, NULL);
		return -err;
	}
	if (n == 1) {
		rt_attach_skip(t, pi, syms[0]);
		return 0;
	}
	err = attach_range(t, pi, prog, syms, n / 2);
	return err ? err : attach_range(t, pi, prog, syms + n / 2, n - n / 2);
}

int kprobe_multi_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	int err = fill_funcs(t, pi), skipped = t->nskipped;

	if (err) {
		rt_attach_error(pi, -err, "'func' needs the addresses in /proc/kallsyms");
		return err;
	}
	err = attach_range(t, pi, prog, pi->funcs, pi->nfuncs);
	if (!err && tracer_opts(t)->verbose)
		fprintf(stderr, "qtrace: '%s' uses kprobe.multi (%d functions)\n", pi->name,
			pi->nfuncs - (t->nskipped - skipped));
	return err;
}
