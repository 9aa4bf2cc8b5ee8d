// SPDX-License-Identifier: GPL-2.0
/*
 * test:NAME and bench:NAME, bpftrace's unit tests and micro benchmarks of
 * a script's own code.  They run only with --test (or --bench): BEGIN,
 * each of them once (or many times) in script order with BPF_PROG_TEST_RUN,
 * END; nothing is attached.  Without the flag they are compiled and
 * ignored, so that tests live in the script they test.
 *
 * A test fails when its program returns non-zero (`return 1;`), calls
 * exit() with a non-zero code, or cannot run; its output is shown only
 * then.  A benchmark is an XDP program (raw_tp programs cannot be run
 * repeatedly), run enough times for about 200 ms; the kernel's average
 * time per run is reported in bpftrace's table.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "parser/ast.h"
#include "util/arena.h"
#include "util/diag.h"
#include "runtime/rt.h"

#define BENCH_NS_TARGET 200000000ull	/* per benchmark */
#define BENCH_CALIBRATE 1000u
#define BENCH_MAX_RUNS 1000000u	/* bpftrace's count of runs */

static int named_expand(struct program *p, struct node *probe, struct node *a,
			const struct provider *prov)
{
	const char *name = a->attach.nparts == 2 ? a->attach.parts[1] : NULL;
	struct probe_inst *pi;
	char *full;
	int i;

	if (!name || !name[0] || rt_has_glob(name)) {
		diag_error(a->loc, "'%s': a %s probe takes one name, without wildcards",
			   a->attach.spec, prov->name);
		diag_note("write %s:NAME, e.g. %s:my_macro", prov->name, prov->name);
		return -1;
	}
	full = arena_alloc(strlen(prov->name) + strlen(name) + 2);
	sprintf(full, "%s:%s", prov->name, name);
	for (i = 0; i < p->ninsts; i++) {
		if (p->insts[i]->provider == prov && !strcmp(p->insts[i]->name, full)) {
			diag_error(a->loc, "'%s' is defined twice", full);
			diag_note("the first is at line %d: give each %s its own name",
				  p->insts[i]->attach->loc.first_line, prov->name);
			return -1;
		}
	}
	pi = prog_add_inst(p, probe, a, prov, full);
	pi->target = arena_strdup(name);
	pi->special = true;
	/* only a run benchmark must be XDP: in other modes it may use any helper */
	pi->section = prov == &provider_bench && p->run_mode == RUN_BENCH ? "xdp" : "raw_tp";
	return 0;
}

static int test_expand(struct program *p, struct node *probe, struct node *a)
{
	return named_expand(p, probe, a, &provider_test);
}

static int bench_expand(struct program *p, struct node *probe, struct node *a)
{
	return named_expand(p, probe, a, &provider_bench);
}

static int count_of(const struct program *p, const struct provider *prov)
{
	int i, n = 0;

	for (i = 0; i < p->ninsts; i++)
		n += p->insts[i]->provider == prov;
	return n;
}

int rt_count_mode_probes(const struct program *p)
{
	return p->run_mode == RUN_TEST ? count_of(p, &provider_test) :
	       p->run_mode == RUN_BENCH ? count_of(p, &provider_bench) : 0;
}

static void show_captured(FILE *out, const char *buf, size_t len)
{
	const char *s = buf, *e = buf + len, *nl;

	/* indented, so that a test's output cannot pass for a report line */
	while (s < e) {
		nl = memchr(s, '\n', e - s);
		fprintf(out, "    %.*s\n", (int)((nl ? nl : e) - s), s);
		s = nl ? nl + 1 : e;
	}
}

/* One test: its output is held in memory, shown only if it fails.  true: passed. */
static bool run_test(struct tracer *t, struct probe_inst *pi, FILE *out)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	struct bpf_program *prog = rt_prog(t, pi);
	char *buf = NULL, why[64] = "";
	size_t len = 0;
	int err;

	t->held = open_memstream(&buf, &len);
	err = prog ? bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) : -ENOENT;
	rt_events_drain(t);
	if (t->held)
		fclose(t->held);
	t->held = NULL;
	if (err < 0)
		snprintf(why, sizeof(why), " (cannot run: %s)", strerror(-err));
	else if (t->exited && t->exit_code)
		snprintf(why, sizeof(why), " (exit(%d))", t->exit_code);
	else if (opts.retval)
		snprintf(why, sizeof(why), " (returned %d)", (int)opts.retval);
	fprintf(out, "%s %s%s\n", why[0] ? "FAIL" : "PASS", pi->name, why);
	if (why[0] && buf)
		show_captured(out, buf, len);
	free(buf);
	return !why[0];
}

int rt_run_tests(struct tracer *t)
{
	FILE *out = t->o->out;
	int i, run = 0, failed = 0, total = count_of(t->p, &provider_test);

	for (i = 0; i < t->p->ninsts && !t->exited && !rt_stop_requested(); i++) {
		struct probe_inst *pi = t->p->insts[i];

		if (pi->provider != &provider_test)
			continue;
		run++;
		failed += !run_test(t, pi, out);
	}
	fprintf(out, "%d test%s: %d passed, %d failed", total, total == 1 ? "" : "s",
		run - failed, failed);
	if (run < total)
		fprintf(out, ", %d not run (exit() or Ctrl-C ended the tests)", total - run);
	fprintf(out, "\n");
	fflush(out);
	return failed || run < total ? 1 : 0;
}

struct bench_result {
	const char *name;
	uint32_t ns;
};

/* XDP wants a packet of at least an Ethernet header to run. */
static int bench_run(int fd, uint32_t repeat, uint32_t *ns)
{
	char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt, .data_size_in = sizeof(pkt),
		    .repeat = repeat);
	int err = bpf_prog_test_run_opts(fd, &opts);

	*ns = opts.duration;
	return err;
}

static int cmp_result(const void *a, const void *b)
{
	return strcmp(((const struct bench_result *)a)->name,
		      ((const struct bench_result *)b)->name);
}

static void dashes(FILE *out, int n)
{
	while (n-- > 0)
		fputc('-', out);
}

static void rule(FILE *out, int w1, int w2)
{
	fputs("+-", out);
	dashes(out, w1);
	fputs("-+-", out);
	dashes(out, w2);
	fputs("-+\n", out);
}

/* bpftrace's table, by name. */
static void print_table(FILE *out, struct bench_result *r, int n)
{
	int i, w1 = 9, w2 = 11;	/* the headings' widths */
	char num[16];

	qsort(r, n, sizeof(*r), cmp_result);
	for (i = 0; i < n; i++) {
		int l = (int)strlen(r[i].name);

		if (l > w1)
			w1 = l;
		l = snprintf(num, sizeof(num), "%u", r[i].ns);
		if (l > w2)
			w2 = l;
	}
	fprintf(out, "\n\n");
	rule(out, w1, w2);
	fprintf(out, "| %-*s | %-*s |\n", w1, "BENCHMARK", w2, "NANOSECONDS");
	rule(out, w1, w2);
	for (i = 0; i < n; i++)
		fprintf(out, "| %-*s | %-*u |\n", w1, r[i].name, w2, r[i].ns);
	rule(out, w1, w2);
	fflush(out);
}

/*
 * Each benchmark's output is dropped (a million printf would flood the
 * terminal); its map updates stay.  A short calibration run picks how many
 * runs fill BENCH_NS_TARGET, between BENCH_CALIBRATE and BENCH_MAX_RUNS.
 */
int rt_run_benches(struct tracer *t)
{
	int i, n = 0, total = count_of(t->p, &provider_bench), err;
	struct bench_result *r = calloc(total + 1, sizeof(*r));
	uint32_t ns, runs;

	if (!r)
		return -1;
	for (i = 0; i < t->p->ninsts && !t->exited && !rt_stop_requested(); i++) {
		struct probe_inst *pi = t->p->insts[i];
		struct bpf_program *prog;

		if (pi->provider != &provider_bench)
			continue;
		prog = rt_prog(t, pi);
		t->skip_events = true;
		err = prog ? bench_run(bpf_program__fd(prog), BENCH_CALIBRATE, &ns) : -ENOENT;
		if (!err) {
			runs = ns ? (uint32_t)(BENCH_NS_TARGET / ns) : BENCH_MAX_RUNS;
			runs = runs < BENCH_CALIBRATE ? BENCH_CALIBRATE :
			       runs > BENCH_MAX_RUNS ? BENCH_MAX_RUNS : runs;
			err = bench_run(bpf_program__fd(prog), runs, &ns);
		}
		rt_events_drain(t);
		t->skip_events = t->exited;
		if (err < 0) {
			diag_rt_error(pi->attach->loc, "cannot run '%s': %s", pi->name,
				      strerror(-err));
			free(r);
			return -1;
		}
		r[n].name = pi->target;
		r[n++].ns = ns;
	}
	print_table(t->o->out, r, n);
	free(r);
	return 0;
}

/*
 * The verifier refused a benchmark: usually a helper XDP programs may not
 * call (pid, comm, reading kernel memory).
 */
static bool bench_load_error(struct probe_inst *pi, int err, const char *log)
{
	const char *h = log ? strstr(log, "program of this type cannot use helper") : NULL;

	if (!h || strcmp(pi->section, "xdp"))
		return false;
	diag_rt_error(pi->attach->loc, "'%s' cannot be benchmarked: %.*s", pi->name,
		      (int)strcspn(h, "\n"), h);
	diag_note("benchmarks run as XDP programs (the kind the kernel can run repeatedly), "
		  "where that helper is not allowed: benchmark code without it");
	return true;
}

const struct provider provider_test = {
	.name = "test",
	.prog_type = BPF_PROG_TYPE_RAW_TRACEPOINT,
	.usage = "test:NAME",
	.expand = test_expand,
};

const struct provider provider_bench = {
	.name = "bench",
	.prog_type = BPF_PROG_TYPE_XDP,
	.usage = "bench:NAME",
	.expand = bench_expand,
	.load_error = bench_load_error,
};
