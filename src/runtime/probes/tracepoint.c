// SPDX-License-Identifier: GPL-2.0
/* tracepoint:CATEGORY:NAME (alias t), globs in both parts, from tracefs. */
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "sema/suggest.h"
#include "sema/tpformat.h"
#include "codegen/cg_builtins.h"
#include "util/arena.h"
#include "util/readfile.h"
#include "util/diag.h"
#include "runtime/rt.h"
#include "runtime/probes/tracepoint_raw.h"
#include "runtime/tracefs.h"
#include "runtime/probes/perf.h"
#include "util/sort.h"

struct tpev {
	const char *cat;
	const char *name;
};

/* available_events, sorted: exactly the events perf can attach to (no ftrace:*). */
static struct tpev *events;
static int nevents;

/* By "cat:name" as one string, as bpftrace -l sorts ("fib6:" before "fib:"). */
static int cmp_tpev(const void *a, const void *b)
{
	const struct tpev *x = a, *y = b;
	size_t lx = strlen(x->cat), ly = strlen(y->cat);
	int c = strncmp(x->cat, y->cat, lx < ly ? lx : ly);

	if (c || lx == ly)
		return c ? c : strcmp(x->name, y->name);
	/* one category is a prefix of the other: ':' against its next char */
	return lx < ly ? ':' - (unsigned char)y->cat[lx] : (unsigned char)x->cat[ly] - ':';
}

/* 0, or -1 with errno set. */
static int load_events(void)
{
	static char *text;
	const char *dir = tracefs_dir();
	char path[256], *line, *save = NULL;
	int cap = 0;

	if (text)
		return 0;
	if (!dir)
		return -1;
	snprintf(path, sizeof(path), "%s/available_events", dir);
	text = read_file(path);
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		if (nevents == cap) {
			struct tpev *v = realloc(events, (cap = cap ? 2 * cap : 1024) * sizeof(*v));

			if (!v) {
				errno = ENOMEM;
				return -1;
			}
			events = v;
		}
		*colon = '\0';
		events[nevents].cat = line;
		events[nevents++].name = colon + 1;
	}
	qt_sort(events, nevents, sizeof(*events), cmp_tpev);
	return 0;
}

static bool cat_exists(const char *cat)
{
	int i;

	for (i = 0; i < nevents; i++)
		if (!strcmp(events[i].cat, cat))
			return true;
	return false;
}

static void no_category(struct node *a, const char *cat, const char *name)
{
	const char *prev = NULL, *best;
	struct suggest sg;
	int i;

	suggest_init(&sg, cat);
	for (i = 0; i < nevents; i++) {
		if (prev && !strcmp(prev, events[i].cat))
			continue;
		suggest_add(&sg, prev = events[i].cat);
	}
	diag_error(a->loc, "tracepoint category '%s' does not exist", cat);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean 'tracepoint:%s:%s'?", best, name);
	else
		diag_note("list the categories with: qtrace -l 'tracepoint:*'");
}

/* Nothing matched: say which part is wrong and offer the closest name. */
static void not_found(struct node *a, const char *cat, const char *name)
{
	const char *best;
	struct suggest sg;
	int i;

	if (!rt_has_glob(cat) && !cat_exists(cat)) {
		no_category(a, cat, name);
		return;
	}
	if (rt_has_glob(cat) || rt_has_glob(name)) {
		diag_error(a->loc, "no tracepoint matches '%s:%s'", cat, name);
		diag_note("list them with: qtrace -l 'tracepoint:%s:*'",
			  rt_has_glob(cat) ? "*" : cat);
		return;
	}
	suggest_init(&sg, name);
	for (i = 0; i < nevents; i++)
		if (!strcmp(events[i].cat, cat))
			suggest_add(&sg, events[i].name);
	diag_error(a->loc, "tracepoint '%s:%s' does not exist", cat, name);
	if ((best = suggest_result(&sg)))
		diag_note("did you mean 'tracepoint:%s:%s'?", cat, best);
	else
		diag_note("list them with: qtrace -l 'tracepoint:%s:*'", cat);
}

/* tracepoint:NAME: name the categories that have it. */
static void missing_category(struct node *a)
{
	const char *name = a->attach.nparts == 2 ? a->attach.parts[1] : "";
	int i;

	diag_error(a->loc, "'%s' needs a category and a name", a->attach.spec);
	for (i = 0; name[0] && i < nevents; i++) {
		if (!strcmp(events[i].name, name)) {
			diag_note("did you mean 'tracepoint:%s:%s'?", events[i].cat, name);
			return;
		}
	}
	diag_note("write tracepoint:CATEGORY:NAME, e.g. tracepoint:sched:sched_switch");
}

static void add(struct program *p, struct node *probe, struct node *a,
		const struct tpev *e)
{
	struct probe_inst *pi;
	char *name = arena_printf("tracepoint:%s:%s", e->cat, e->name);

	pi = prog_add_inst(p, probe, a, &provider_tracepoint, name);
	pi->target = arena_printf("%s/%s", e->cat, e->name);
	pi->section = arena_printf("tracepoint/%s/%s", e->cat, e->name);
	/*
	 * The format is read when `args` is first typed (tp_ctx_type): a body
	 * that reads no field, or only raw arguments, never waits for tracefs,
	 * whose event_mutex other tracers hold for a grace period per
	 * perf-event tracepoint they detach (200 ms seen on a busy machine).
	 */
}

/*
 * A name without wildcards is looked up in tracefs's events/ directory at
 * once: reading and sorting available_events (2,000 lines) took 4 of the
 * 20 million instructions of the count one-liner's start-up.  ftrace:*
 * events have directories there but are not in available_events (perf
 * cannot attach to them): they take the slow path and its error.
 */
static bool exact_exists(const char *cat, const char *name)
{
	const char *dir = tracefs_dir();
	char path[512];

	if (!dir || rt_has_glob(cat) || rt_has_glob(name) || !strcmp(cat, "ftrace") ||
	    strchr(cat, '/') || strchr(name, '/') || !strcmp(cat, "..") || !strcmp(name, ".."))
		return false;
	if (snprintf(path, sizeof(path), "%s/events/%s/%s/id", dir, cat, name) >= (int)sizeof(path))
		return false;
	return access(path, F_OK) == 0;
}

static int tp_expand(struct program *p, struct node *probe, struct node *a)
{
	const char *cat, *name;
	int i, found = 0;

	if (a->attach.nparts == 3 && a->attach.parts[1][0] && a->attach.parts[2][0] &&
	    exact_exists(a->attach.parts[1], a->attach.parts[2])) {
		struct tpev e = { a->attach.parts[1], a->attach.parts[2] };

		add(p, probe, a, &e);
		return 0;
	}
	if (load_events() < 0) {
		int err = errno;

		diag_error(a->loc, "cannot read the list of tracepoints: %s", strerror(err));
		if (err == EACCES || err == EPERM)
			diag_note("tracefs (/sys/kernel/tracing) is readable by root only: run qtrace as root, or give it CAP_DAC_READ_SEARCH too");
		else
			diag_note("qtrace needs tracefs: mount -t tracefs nodev /sys/kernel/tracing");
		return -1;
	}
	if (a->attach.nparts != 3 || !a->attach.parts[1][0] || !a->attach.parts[2][0]) {
		missing_category(a);
		return -1;
	}
	cat = a->attach.parts[1];
	name = a->attach.parts[2];
	for (i = 0; i < nevents; i++) {
		if (fnmatch(cat, events[i].cat, 0) || fnmatch(name, events[i].name, 0))
			continue;
		add(p, probe, a, &events[i]);
		found++;
	}
	if (!found) {
		not_found(a, cat, name);
		return -1;
	}
	return 0;
}

static struct type *tp_ctx_type(struct probe_inst *pi, const char *name, int n)
{
	char cat[256];
	const char *slash;

	if (strcmp(name, "args"))
		return NULL;
	if ((!pi->args_type || pi->args_partial) && (slash = strchr(pi->target, '/')) &&
	    slash - pi->target < (long)sizeof(cat)) {
		snprintf(cat, sizeof(cat), "%.*s", (int)(slash - pi->target), pi->target);
		pi->args_type = tpformat_load(cat, slash + 1);
		pi->args_partial = false;
	}
	return pi->args_type;
}

/* As libbpf does: one perf event on CPU 0, the program runs on every CPU. */
static int tp_attach(struct tracer *t, struct probe_inst *pi, struct bpf_program *prog)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_TRACEPOINT, .size = sizeof(attr) };
	char path[512];
	FILE *f;
	int id = -1, err;

	snprintf(path, sizeof(path), "%s/events/%s/id", tracefs_dir(), pi->target);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%d", &id) != 1) {
		rt_attach_error(pi, f ? EINVAL : errno, NULL);
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	attr.config = id;
	attr.sample_period = 1;
	attr.wakeup_events = 1;
	err = rt_perf_attach(t, pi, prog, &attr, 0);
	if (err == -ENODEV)
		rt_attach_error(pi, ENODEV, "CPU 0 is offline");
	return err;
}

static int tp_list(const char *glob)
{
	char name[512];
	int i;

	if (load_events() < 0)
		return -errno;
	for (i = 0; i < nevents; i++) {
		snprintf(name, sizeof(name), "tracepoint:%s:%s", events[i].cat,
			 events[i].name);
		if (!rt_list_match(glob, name))
			continue;
		puts(name);
		if (rt_list_verbose())	/* bpftrace -lv: the fields after the common ones */
			rt_list_fields(tpformat_load(events[i].cat, events[i].name), "common_");
	}
	return 0;
}

static const char *const tp_aliases[] = { "t", NULL };

const struct provider provider_tracepoint = {
	.name = "tracepoint",
	.aliases = tp_aliases,
	.prog_type = BPF_PROG_TYPE_TRACEPOINT,
	.usage = "tracepoint:CATEGORY:NAME",
	.expand = tp_expand,
	.ctx_type = tp_ctx_type,
	.ctx_field_type = tp_raw_field_type,
	.cg_ctx = cg_ctx_tracepoint,
	.finalize = tp_raw_finalize,
	.attach = tp_attach,
	.list = tp_list,
	.pid_filter = true,
};
