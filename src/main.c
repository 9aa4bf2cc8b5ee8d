// SPDX-License-Identifier: GPL-2.0
/* qtrace's entry point: parse the command line, then compile and run. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "codegen/cg.h"
#include "parser/ast.h"
#include "parser/parse.h"
#include "parser/import.h"
#include "program.h"
#include "runtime/output/format.h"
#include "runtime/metrics.h"
#include "runtime/tracer.h"
#include "sema/sema.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/readfile.h"
#include "tools.h"
#include "util/timing.h"

#define QT_VERSION "0.1.0"
#define DEFAULT_MAP_KEYS 65536
#define DEFAULT_RINGBUF_KB 1024
#define QUIET_RINGBUF_KB 64	/* events only from BEGIN/END/exit/print(@m) */

/* Exit statuses: the script's exit(n) passes through tracer_run. */
enum { EXIT_SCRIPT_ERROR = 1, EXIT_USAGE = 2 };

struct options {
	const char *prog_text;	/* -e */
	const char *file;
	const char *cmd;	/* -c */
	const char *output;	/* -o */
	const char *pprof;	/* --pprof FILE */
	const char *flamegraph;	/* --flamegraph FILE */
	const char *metrics;	/* --metrics [ADDR:]PORT */
	const char *list;	/* -l PATTERN ("" for all) */
	int pid;		/* -p */
	const struct out_format *fmt;	/* -f */
	enum rt_buffering buffering;	/* -B */
	const char **include_dirs;	/* -I, in order */
	int ninclude_dirs;
	const char **includes;		/* --include, in order */
	int nincludes;
	bool quiet, verbose, dry_run, unsafe, info, no_warnings, helper_errors;
	bool tools;		/* --tools */
	bool test, bench;	/* --test, --bench */
	bool dump_ast;
	unsigned dump_cg;
	char **params;
	int nparams;
	bool dashdash;		/* getopt_long took a "--" before params */
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: qtrace [options] -e PROGRAM [args...]\n"
"       qtrace [options] FILE [args...]\n"
"       qtrace -l [PATTERN]\n"
"\n"
"options:\n"
"  -e PROGRAM     trace with PROGRAM (named <cmdline> in messages)\n"
"  -c CMD         run CMD, trace until it exits; its pid is `cpid`\n"
"  -p PID         the process of interest: uprobes, usdt and perf events\n"
"                 attach to it, other probes only fire in it\n"
"  -o FILE        write the output to FILE\n"
"  -f FORMAT      output format: text (default), json (one object a line)\n"
"                 or csv (columns of the printf of name:%%fmt fields)\n"
"  -B MODE        output buffering: none, line or full (default: flushed\n"
"                 after each batch of events)\n"
"  -k             warn where a probe read or map assignment fails, per site\n"
"  -I DIR         look for #include headers and imports in DIR too\n"
"                 (repeatable)\n"
"  --include FILE include FILE before the program (repeatable)\n"
"  -q             quiet: no \"Attached N probes\" line\n"
"  -v             verbose: the whole verifier log on rejection\n"
"  -d ast|ir|asm  dump the syntax tree, the LLVM IR or the BPF assembly\n"
"  --dry-run      compile and load into the kernel, attach nothing\n"
"  --test         run the script's test:NAME probes (between BEGIN and\n"
"                 END), attach nothing, report which failed\n"
"  --bench        run its bench:NAME probes, report each one's time\n"
"  --unsafe       allow probes that may crash the traced program\n"
"                 (uretprobe on Go, unchecked uprobe offsets)\n"
"  --flamegraph FILE  at exit, write the maps keyed by stacks as an\n"
"                 interactive SVG flame graph\n"
"  --pprof FILE   at exit, write them as a gzipped pprof profile\n"
"  --metrics [ADDR:]PORT  serve the maps to Prometheus on\n"
"                 http://ADDR:PORT/metrics while tracing (ADDR 127.0.0.1)\n"
"  -l [PATTERN]   list probes matching PATTERN (wildcards * and ?)\n"
"  -l -e PROGRAM, -l FILE.qt  list the probes that program attaches to\n"
"  --info         what this kernel supports (probe types, maps, helpers)\n"
"  --tools        list the shipped tools, with the question each answers\n"
"  --no-warnings  do not print warnings\n"
"  --no-feature F[,F]  do not use uprobe_multi or kprobe_multi links\n"
"  -h, --help     this help\n"
"  -V, --version  print the version\n"
"\n"
"environment:\n"
"  QTRACE_MAP_KEYS_MAX   elements per map (default %d)\n"
"  QTRACE_BUFFER_KB      event ring buffer size in KiB (default %d)\n"
"\n"
"See qtrace(8) for the language.\n", DEFAULT_MAP_KEYS, DEFAULT_RINGBUF_KB);
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "qtrace: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'qtrace -h' for more information.\n");
	return -1;
}

static int parse_dump(struct options *o, const char *what)
{
	if (!strcmp(what, "ast"))
		o->dump_ast = true;
	else if (!strcmp(what, "ir"))
		o->dump_cg |= CG_DUMP_IR;
	else if (!strcmp(what, "asm"))
		o->dump_cg |= CG_DUMP_ASM;
	else
		return bad_usage("-d takes ast, ir or asm, not '%s'", what);
	return 0;
}

/* Append name to the comma-separated list in environment variable env. */
static void add_listed(const char *env, const char *name)
{
	const char *old = getenv(env);
	char buf[512];

	snprintf(buf, sizeof(buf), "%s%s%s", old && *old ? old : "", old && *old ? "," : "", name);
	setenv(env, buf, 1);
}

/*
 * --no-feature a,b: bpftrace's names for the mechanisms qtrace may pick,
 * each turned off through its QTRACE_NO_* switch (the one rule for them).
 */
static int parse_no_feature(const char *list)
{
	static const struct { const char *name, *env; } features[] = {
		{ "uprobe_multi", "QTRACE_NO_UPROBE_MULTI" },
		{ "kprobe_multi", "QTRACE_NO_KPROBE_MULTI" },
		{ "kprobe_session", NULL },	/* qtrace never makes kprobe sessions */
		{ "bpf_loop", "QTRACE_NO_FEATURES" },	/* these three: a list (cg_kfeat.c) */
		{ "for_each", "QTRACE_NO_FEATURES" },
		{ "percpu_lookup", "QTRACE_NO_FEATURES" },
	};
	char buf[256], *tok, *save = NULL;
	unsigned i;

	if (strlen(list) >= sizeof(buf))
		return bad_usage("--no-feature list too long: '%s'", list);
	strcpy(buf, list);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(features) / sizeof(features[0]); i++)
			if (!strcmp(tok, features[i].name))
				break;
		if (i == sizeof(features) / sizeof(features[0]))
			return bad_usage("--no-feature takes uprobe_multi, kprobe_multi, kprobe_session, bpf_loop, for_each or percpu_lookup, not '%s'",
					 tok);
		if (features[i].env && !strcmp(features[i].env, "QTRACE_NO_FEATURES"))
			add_listed("QTRACE_NO_FEATURES", tok);
		else if (features[i].env)
			setenv(features[i].env, "1", 1);
	}
	return 0;
}

static int parse_buffering(struct options *o, const char *mode)
{
	if (!strcmp(mode, "none"))
		o->buffering = RT_BUF_NONE;
	else if (!strcmp(mode, "line"))
		o->buffering = RT_BUF_LINE;
	else if (!strcmp(mode, "full"))
		o->buffering = RT_BUF_FULL;
	else
		return bad_usage("-B takes none, line or full, not '%s'", mode);
	return 0;
}

/* -I and --include may repeat: kept in order, in argv's storage. */
static int push_arg(const char ***v, int *n, const char *arg)
{
	const char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return bad_usage("%s", "out of memory");
	nv[(*n)++] = arg;
	*v = nv;
	return 0;
}

/* The options up to the first other argument: 0, 1 (-h, -V: exit 0) or -1. */
static int parse_opts(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "dry-run", no_argument, NULL, 'D' },
		{ "unsafe", no_argument, NULL, 'U' },
		{ "info", no_argument, NULL, 'N' },
		{ "no-warnings", no_argument, NULL, 'W' },
		{ "include", required_argument, NULL, 'X' },
		{ "no-feature", required_argument, NULL, 'F' },
		{ "pprof", required_argument, NULL, 'P' },
		{ "flamegraph", required_argument, NULL, 'G' },
		{ "metrics", required_argument, NULL, 'M' },
		{ "tools", no_argument, NULL, 'T' },
		{ "test", no_argument, NULL, 't' },
		{ "bench", no_argument, NULL, 'b' },
		{ 0 }
	};
	char *end;
	int c;

	/* '+': options stop at the script file, whose args are $1...; ':': we report */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:e:c:p:o:qvd:lhVf:B:kI:", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': o->prog_text = optarg; break;
		case 'c': o->cmd = optarg; break;
		case 'o': o->output = optarg; break;
		case 'q': o->quiet = true; break;
		case 'v': o->verbose = true; break;
		case 'D': o->dry_run = true; break;
		case 'U': o->unsafe = true; break;
		case 'P': o->pprof = optarg; break;
		case 'G': o->flamegraph = optarg; break;
		case 'M': o->metrics = optarg; break;
		case 'l': o->list = ""; break;
		case 'N': o->info = true; break;
		case 'T': o->tools = true; break;
		case 't': o->test = true; break;
		case 'b': o->bench = true; break;
		case 'W': o->no_warnings = true; break;
		case 'k': o->helper_errors = true; break;
		case 'f':
			o->fmt = out_format_find(optarg);
			if (!o->fmt)
				return bad_usage("-f takes text, json or csv, not '%s'", optarg);
			break;
		case 'B':
			if (parse_buffering(o, optarg))
				return -1;
			break;
		case 'F':
			if (parse_no_feature(optarg))
				return -1;
			break;
		case 'I':
			if (push_arg(&o->include_dirs, &o->ninclude_dirs, optarg))
				return -1;
			break;
		case 'X':
			if (push_arg(&o->includes, &o->nincludes, optarg))
				return -1;
			break;
		case 'h': usage(stdout); return 1;
		case 'V': printf("qtrace v%s\n", QT_VERSION); return 1;
		case 'd':
			if (parse_dump(o, optarg))
				return -1;
			break;
		case 'p':
			errno = 0;
			o->pid = (int)strtol(optarg, &end, 10);
			if (errno || *end || o->pid <= 0)
				return bad_usage("-p takes a process id, not '%s'", optarg);
			break;
		case ':':
			return bad_usage("option '%s' needs an argument", argv[optind - 1]);
		default:
			return bad_usage("unknown option '%s'", argv[optind - 1]);
		}
	}
	return 0;
}

/*
 * A -l argument that names a script rather than a probe pattern: no probe
 * name ends so, and a missing file is then an error, not an empty list.
 */
static bool is_script_name(const char *s)
{
	size_t n = strlen(s);

	return n > 3 && (!strcmp(s + n - 3, ".qt") || !strcmp(s + n - 3, ".bt")) &&
	       !strpbrk(s, "*?[");
}

/* Returns 0, 1 when the program should exit 0 at once (-h, -V), or -1. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int rc = parse_opts(argc, argv, o);

	if (rc)
		return rc;
	if (o->list) {
		/* options may follow the pattern, as in bpftrace: -l 'usdt:*' -p PID */
		if (optind < argc && argv[optind][0] != '-')
			o->list = argv[optind++];
		if (optind < argc && (rc = parse_opts(argc, argv, o)))
			return rc;
		if (optind < argc)
			return bad_usage("-l takes one pattern; unexpected '%s'", argv[optind]);
		/* -l script.qt: the script's probes, as -l -e lists the program's */
		if (*o->list && is_script_name(o->list)) {
			if (o->prog_text)
				return bad_usage("-l lists one program: give -e or '%s', not both",
						 o->list);
			o->file = o->list;
			o->list = "";
		} else if (*o->list && o->prog_text) {
			return bad_usage("-l -e lists the program's probes; unexpected pattern '%s'",
					 o->list);
		}
		return 0;
	}
	if (o->tools) {
		if (o->prog_text || optind < argc)
			return bad_usage("--tools takes no program; unexpected '%s'",
					 o->prog_text ? o->prog_text : argv[optind]);
		return 0;
	}
	if (o->info) {
		if (o->prog_text || optind < argc)
			return bad_usage("--info takes no program; unexpected '%s'",
					 o->prog_text ? o->prog_text : argv[optind]);
		return 0;
	}
	if (o->test && o->bench)
		return bad_usage("%s", "--test and --bench are two modes: give one of them");
	if (!o->prog_text) {
		if (optind >= argc)
			return bad_usage("%s", "no program given: use -e PROGRAM or a script FILE");
		o->file = argv[optind++];
	}
	o->params = argv + optind;
	o->nparams = argc - optind;
	o->dashdash = optind > 1 && !strcmp(argv[optind - 1], "--") && o->prog_text;
	return 0;
}

/* A file --pprof or --flamegraph writes, opened before anything runs. */
static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		fprintf(stderr, "qtrace: error: cannot write '%s': %s\n", path, strerror(errno));
	return f;
}

/* A "#!" first line becomes a comment, so scripts can be executables. */
static void neutralize_shebang(char *text)
{
	if (text[0] == '#' && text[1] == '!') {
		text[0] = '/';
		text[1] = '/';
	}
}

static uint32_t env_u32(const char *name, uint32_t dflt)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (!v || !*v)
		return dflt;
	n = strtoul(v, &end, 0);
	if (*end || n == 0 || n > UINT32_MAX) {
		diag_rt_warn((struct loc){ 0 }, "ignoring %s='%s' (not a positive number)", name, v);
		return dflt;
	}
	return (uint32_t)n;
}

/* The ring buffer must be a power of two pages. */
static uint32_t ringbuf_bytes(uint32_t dflt_kb)
{
	uint32_t kb = env_u32("QTRACE_BUFFER_KB", dflt_kb), b = 4096;

	while (b < kb * 1024u && b < (1u << 30))
		b <<= 1;
	return b;
}

static int setup_program(struct program *p, const struct options *o, char *text)
{
	struct timespec ts;

	p->source_name = o->file ? o->file : "<cmdline>";
	p->source = text;
	p->params = o->params;
	p->nparams = o->nparams;
	sema_getopt_split(p, o->dashdash);
	p->pid = o->pid;
	p->unsafe = o->unsafe;
	p->run_mode = o->test ? RUN_TEST : o->bench ? RUN_BENCH : RUN_TRACE;
	p->include_dirs = o->include_dirs;
	p->ninclude_dirs = o->ninclude_dirs;
	p->includes = o->includes;
	p->nincludes = o->nincludes;
	p->helper_errors = o->helper_errors;
	p->columns = o->fmt && o->fmt->columns;
	p->map_keys_max = env_u32("QTRACE_MAP_KEYS_MAX", DEFAULT_MAP_KEYS);
	p->ringbuf_size = ringbuf_bytes(DEFAULT_RINGBUF_KB);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	p->start_ns = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	diag_set_source(p->source_name, text);
	import_set_paths(o->file && strcmp(o->file, "-") ? o->file : NULL, o->include_dirs,
			 o->ninclude_dirs);
	return 0;
}

/* Parse, check and lower; the -c child is already waiting (for cpid). */
static int compile(struct program *p, const struct options *o)
{
	int err;

	p->ast = parse_program(p->source);
	timing_mark("parse");
	if (!p->ast)
		return -1;
	if (o->dump_ast) {
		ast_dump(stdout, p->ast);
		return 1;
	}
	err = sema_run(p);
	timing_mark("sema");
	if (err)
		return -1;
	if (p->script_help) {
		sema_getopt_help(stdout, p);
		return 1;
	}
	if (!p->hot_events && !p->ringbuf_fixed)
		p->ringbuf_size = ringbuf_bytes(QUIET_RINGBUF_KB);
	return cg_compile(p, o->dump_cg);
}

/*
 * -l -e PROGRAM, -l FILE: what the program attaches to, wildcards expanded
 * (bpftrace: "list all the probes attached in the program"), one a line.
 */
static int list_script_probes(struct program *p)
{
	int i;

	p->ast = parse_program(p->source);
	if (!p->ast || sema_run(p))
		return EXIT_SCRIPT_ERROR;
	for (i = 0; i < p->ninsts; i++)
		printf("%s\n", p->insts[i]->name);
	return 0;
}

/* The scanner sees the text up to its first NUL: a script with one is refused, not cut. */
static void nul_byte(const char *text)
{
	const char *end = text + strlen(text), *p, *bol = text;
	struct loc l = { 1, 1, 1, 1 };

	for (p = text; p < end; p++)
		if (*p == '\n') {
			l.first_line++;
			bol = p + 1;
		}
	l.last_line = l.first_line;
	l.first_column = l.last_column = (int)(end - bol) + 1;
	diag_error(l, "the script contains a NUL byte");
	diag_note("a script is text: is this the right file?");
}

/* -p of a process that is not there (any more) is an error, as in bpftrace. */
static bool pid_exists(int pid)
{
	if (kill(pid, 0) == 0 || errno != ESRCH)
		return true;
	fprintf(stderr, "qtrace: error: -p %d: no such process\n", pid);
	return false;
}

/*
 * The default (flushed after each batch) into a pipe or file: a 64 KiB
 * buffer, not the pipe's 4 KiB, so that a flood of printf takes a write
 * per 64 KiB instead of per 4 KiB; a terminal keeps its line buffering.
 */
static void set_buffering(FILE *f, enum rt_buffering b)
{
	if (b == RT_BUF_BATCH && !isatty(fileno(f)))
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	else if (b == RT_BUF_NONE)
		setvbuf(f, NULL, _IONBF, 0);
	else if (b == RT_BUF_LINE)
		setvbuf(f, NULL, _IOLBF, BUFSIZ);
	else if (b == RT_BUF_FULL)
		setvbuf(f, NULL, _IOFBF, BUFSIZ);
}

/* The child never ran CMD: closing the pipe makes it exit; reap it. */
static void abandon_child(int pid, int release_fd)
{
	if (release_fd >= 0)
		close(release_fd);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct program p = { 0 };
	struct rt_opts rt = { .child_fd = -1 };
	char *text = NULL;
	size_t len = 0;
	int rc, err;

	timing_start();
	rc = parse_args(argc, argv, &o);
	if (rc)
		return rc > 0 ? 0 : EXIT_USAGE;
	diag_no_warnings(o.no_warnings);
	if (o.info)
		return tracer_info(stdout, QT_VERSION) ? EXIT_SCRIPT_ERROR : 0;
	if (o.tools)
		return tools_list(stdout) ? EXIT_SCRIPT_ERROR : 0;
	if (o.pid && !pid_exists(o.pid))
		return EXIT_SCRIPT_ERROR;
	if (o.list && !o.prog_text && !o.file)
		return tracer_list(o.list, o.pid, o.verbose) ? EXIT_SCRIPT_ERROR : 0;

	if (o.prog_text) {
		text = strdup(o.prog_text);
		len = text ? strlen(text) : 0;
	} else if (!(text = strcmp(o.file, "-") ? read_file_n(o.file, &len) : read_stream_n(stdin, &len))) {
		fprintf(stderr, "qtrace: error: cannot read '%s': %s\n", o.file, strerror(errno));
		return EXIT_SCRIPT_ERROR;
	}
	if (!text)
		return EXIT_SCRIPT_ERROR;
	neutralize_shebang(text);
	setup_program(&p, &o, text);
	if (strlen(text) < len) {
		nul_byte(text);
		free(text);
		return EXIT_SCRIPT_ERROR;
	}

	if (o.list) {
		rc = list_script_probes(&p);
		goto out;
	}
	/* before tracefs, BTF or libbpf can fail for want of them */
	if (!o.dump_ast && !o.dump_cg && rt_check_privileges()) {
		free(text);
		return EXIT_SCRIPT_ERROR;
	}
	rt.out = stdout;
	if (o.output && !(rt.out = fopen(o.output, "w"))) {
		fprintf(stderr, "qtrace: error: cannot write '%s': %s\n", o.output, strerror(errno));
		return EXIT_SCRIPT_ERROR;
	}
	rt.fmt = o.fmt ? o.fmt : &out_text;
	rt.buffering = o.buffering;
	set_buffering(rt.out, o.buffering);
	if ((o.pprof && !(rt.pprof = open_out(o.pprof))) ||
	    (o.flamegraph && !(rt.flamegraph = open_out(o.flamegraph))))
		return EXIT_SCRIPT_ERROR;
	if (o.metrics && !o.dump_ast && !o.dump_cg && !o.dry_run) {
		bool usage;

		rt.metrics = metrics_listen(o.metrics, &usage);
		if (!rt.metrics)
			return usage ? EXIT_USAGE : EXIT_SCRIPT_ERROR;
	}
	rt.title = o.file ? o.file : "qtrace -e";
	rt.quiet = o.quiet;
	rt.verbose = o.verbose;
	rt.dry_run = o.dry_run;
	if (o.cmd && !o.dump_ast && !o.dump_cg && !o.dry_run) {
		rt.child_pid = child_spawn(o.cmd, &rt.child_fd);
		if (rt.child_pid < 0)
			return EXIT_SCRIPT_ERROR;
		p.cpid = rt.child_pid;
	} else if (o.cmd) {
		p.cpid = 1;	/* compile as if there were a child; none runs */
	}

	err = compile(&p, &o);
	if (err || o.dump_cg) {
		abandon_child(rt.child_pid, rt.child_fd);
		rc = err < 0 ? EXIT_SCRIPT_ERROR : 0;
		goto out;
	}
	rc = tracer_run(&p, &rt);
out:
	if (rt.out && rt.out != stdout)
		fclose(rt.out);
	if (rt.pprof)
		fclose(rt.pprof);
	if (rt.flamegraph)
		fclose(rt.flamegraph);
	metrics_close(rt.metrics);
	free(p.elf);
	free(text);
	free(o.include_dirs);
	free(o.includes);
	arena_free_all();
	return rc;
}
