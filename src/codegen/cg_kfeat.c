// SPDX-License-Identifier: GPL-2.0
/*
 * The BPF helpers codegen may use only when the kernel has them: asked of
 * the kernel once (libbpf_probe_bpf_helper loads a trial program), never
 * assumed from the version.  QTRACE_NO_FEATURES=bpf_loop,for_each,percpu_lookup
 * (or --no-feature) makes qtrace act as if they were missing, so that the
 * fallbacks run on a kernel that has them.
 */
#include <string.h>
#include <bpf/libbpf.h>
#include "codegen/cg_internal.h"
#include "util/envflag.h"

static const struct {
	const char *name;	/* in QTRACE_NO_FEATURES and --no-feature */
	enum bpf_func_id id;
	const char *helper, *since;
} feats[] = {
	[KF_LOOP] = { "bpf_loop", BPF_FUNC_loop, "bpf_loop", "5.17" },
	[KF_FOR_EACH] = { "for_each", BPF_FUNC_for_each_map_elem, "bpf_for_each_map_elem", "5.13" },
	[KF_PERCPU_LOOKUP] = { "percpu_lookup", BPF_FUNC_map_lookup_percpu_elem,
			       "bpf_map_lookup_percpu_elem", "5.19" },
};

/* Is name in the comma-separated list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

bool kfeat_forced_off(enum kfeat f)
{
	return listed(getenv("QTRACE_NO_FEATURES"), feats[f].name);
}

bool kfeat_has(enum kfeat f)
{
	static signed char known[KF_COUNT];	/* 0 not asked, 1 yes, -1 no */
	int r;

	if (kfeat_forced_off(f))
		return false;
	if (!known[f]) {
		/*
		 * The three are base helpers, offered to every tracing program
		 * type alike.  When the kernel will not say (no BPF for this
		 * user, as in the fuzz targets), assume yes: the load then
		 * fails on its own, with its own reason.
		 */
		r = libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, feats[f].id, NULL);
		known[f] = r == 0 ? -1 : 1;
	}
	return known[f] > 0;
}

const char *kfeat_helper(enum kfeat f)
{
	return feats[f].helper;
}

const char *kfeat_since(enum kfeat f)
{
	return feats[f].since;
}

/* Why the kernel "lacks" it: for errors and notes. */
const char *kfeat_why(enum kfeat f)
{
	return kfeat_forced_off(f) ? "QTRACE_NO_FEATURES turns it off" : "this kernel lacks it";
}

void kfeat_error(struct cg *c, struct node *at, enum kfeat f, const char *what)
{
	cg_error(c, at, "%s needs the BPF helper %s (Linux %s), and %s", what,
		 feats[f].helper, feats[f].since, kfeat_why(f));
}

static bool inline_loops;

void kfeat_note_inline(void)
{
	inline_loops = true;
}

bool kfeat_inline_loops(void)
{
	return inline_loops;
}
