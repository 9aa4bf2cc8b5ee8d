/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A compiled program: what the front end and the semantic pass learned, what
 * code generation needs, and what the runtime needs to load, attach and print.
 * This is the contract between sema, codegen and runtime.
 */
#ifndef QT_PROGRAM_H
#define QT_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/loc.h"
#include "sema/types.h"

struct node;
struct provider;

/* How a tseries folds the values of one interval. ORDER TS_AGG */
enum ts_agg { TS_LAST, TS_AVG, TS_MAX, TS_MIN, TS_SUM };

/*
 * A BPF map for one @name.  BPF layout (the runtime decodes with it):
 *  - key: the user key laid out as a tuple (key_size bytes, each element
 *    8-byte aligned; integers as 8 bytes); a map with no key (@x) has
 *    key_size 8 and the key is always u64 0.
 *  - AGG_HIST / AGG_LHIST: the BPF key is user key + u64 bucket index
 *    (bpf_key_size = key_size + 8), the value a u64 count.
 *  - value per agg (all per-CPU, merged by the runtime):
 *      COUNT, SUM        i64 (sum: u64 when the summed expr is unsigned)
 *      MIN, MAX          { i64 value; u64 set; } (set=1 once written on that CPU)
 *      AVG, STATS        { i64 sum; u64 count; }
 *      HIST, LHIST       u64 count
 *      NONE              the value type (int: 8 bytes; str: size; tuple: size)
 */
/* bpftrace's unstable features, which config unstable_NAME = error refuses */
enum {
	UNSTABLE_MAP_DECL = 1 << 0,
	UNSTABLE_TSERIES = 1 << 1,
	UNSTABLE_ADDR = 1 << 2,
	UNSTABLE_MACRO = 1 << 3,
	UNSTABLE_IMPORT = 1 << 4,
};

struct mapinfo {
	int id;			/* index in program.maps; BPF map name "m<id>" */
	const char *name;	/* "@", "@lat" */
	struct loc loc;		/* first use */
	int nkeys;		/* 0 for @x */
	struct type *key_type;	/* T_TUPLE of the keys (NULL when nkeys == 0) */
	int key_size;		/* bytes of the user key (8 when nkeys == 0) */
	enum agg_kind agg;
	struct type *value_type;	/* AGG_NONE: the stored type */
	bool value_signed;	/* COUNT..STATS: print as signed */
	int64_t lhist_min, lhist_max, lhist_step;	/* AGG_LHIST */
	int hist_bits;		/* AGG_HIST: k of hist(v, k), 2^k buckets per power of 2 */
	/*
	 * AGG_TSERIES, tseries(v, interval, n [, agg]): a plain hash whose
	 * value is ts_slots (n rounded up to a power of two) slots of
	 * struct qt_tslot, slot epoch & (ts_slots - 1), epoch = nsecs / interval.
	 */
	uint64_t ts_interval;
	int ts_num, ts_slots;
	enum ts_agg ts_agg;
	int bpf_key_size;
	int bpf_value_size;
	bool percpu;		/* every agg != AGG_NONE */
	uint32_t max_entries;
	/*
	 * Set by sema (sema_tstore.c): transient per-thread state, @m[tid]
	 * only and deleted somewhere, kept in a BPF_MAP_TYPE_TASK_STORAGE
	 * map instead of a hash (no insert/delete churn per event).  BPF
	 * value: the value's bytes rounded up to 8, then a u64 tag, nonzero
	 * when present.  The BPF key is the current task (programs) or a
	 * pidfd of the thread (user space, which prints the tid as the key).
	 */
	bool task_storage;
	/*
	 * Set by sema: a hist/lhist without keys is a PERCPU_ARRAY of u64
	 * counters indexed by bucket (bpf_key_size 4), whose lookup the
	 * verifier inlines, instead of a PERCPU_HASH.  max_entries is the
	 * bucket count + 1: the map has its entry when a bucket counts or
	 * the last element is set, which updates do only when the script
	 * zero()es the map (zeroed): zero() keeps the entry with no counts,
	 * clear() resets the mark too.
	 */
	bool bucket_array;
	bool zeroed;
	/*
	 * Set by sema (sema_dense.c): a count() map keyed by one integer
	 * that the programs only count into.  Keys 0..dense_n-1 are kept in
	 * a second map, BPF "m<id>d", a PERCPU_ARRAY of dense_n u64 counts
	 * indexed by the key (a zero count is no entry); all other keys in
	 * the hash "m<id>" as usual.  The runtime reads both as one map.
	 */
	uint32_t dense_n;
	/*
	 * Declared in the preamble (let @m = lruhash(N);): max_entries is N,
	 * and lru makes it an LRU hash; such a map stays a hash.
	 */
	bool declared, lru;
};

/*
 * Keys of a dense part: every syscall number of x86-64 and arm64 (< 512),
 * CPU numbers, small sizes and errnos.  8 KiB per CPU.
 */
#define QT_DENSE_KEYS 1024

/* One interval of a tseries: epoch + 1 (0: never written), value, values folded in. */
struct qt_tslot {
	uint64_t epoch;
	int64_t value;
	uint64_t count;
};

/* Offset of the tag in a task-storage value. */
#define QT_TSTORE_TAG_OFF(m)	(((m)->value_type ? (m)->value_type->size + 7 : 7) / 8 * 8)

/*
 * hist(v, k) buckets (bpftrace's log2 layout), N = 2^k:
 *   v < 0 -> 0 "(..., 0)";  0 <= v < 2N -> v + 1 "[v]";
 *   else, with l = floor(log2(v)), p = l - k and b = (v >> p) - N (the k
 *   bits below the top one): ((p + 1) << k) + b + 1, printed as
 *   [2^p * (N + b), the next bucket's start) with K/M/G/... suffixes.
 *   k = 0 is hist(v): floor(log2(v)) + 2 for v >= 2.
 * lhist(v, min, max, step), n = (max - min) / step:
 *   v < min -> 0 "(..., min)";  v >= max -> n + 1 "[max, ...)";
 *   else (v - min) / step + 1, printed as [lo, hi).
 */
#define QT_HIST_BUCKETS 66
#define QT_HIST_BITS_MAX 5

/* Buckets of a hist (QT_HIST_BUCKETS for k = 0) or an lhist (n + 2) map. */
static inline uint64_t mapinfo_nbuckets(const struct mapinfo *m)
{
	uint64_t n = 0;

	if (m->agg == AGG_HIST)
		return ((uint64_t)(65 - m->hist_bits) << m->hist_bits) + 1;
	if (m->lhist_step > 0 && m->lhist_max > m->lhist_min)
		n = (uint64_t)(m->lhist_max - m->lhist_min) / m->lhist_step;
	return n + 2;
}

/*
 * A format string with typed arguments: printf(), time(), print(value) and
 * any other event whose payload the runtime formats.  Arguments are laid out
 * in the event payload at offsets: integers as 8 bytes (sign- or
 * zero-extended by codegen), strings as their size rounded up to 8, tuples as
 * their tuple layout.
 */
struct fmtinfo {
	int id;			/* index in program.fmts */
	struct loc loc;
	const char *fmt;	/* as written, escapes decoded; NULL for print(value) */
	int nargs;
	struct type **arg_types;
	int *arg_offsets;
	int size;		/* payload bytes */
	/*
	 * A column printf (sema/columns.c: "name:%fmt name:%fmt"): its fields,
	 * one per argument, that -f csv and -f json write as columns; NULL
	 * for other formats.
	 */
	const struct colfield *cols;
	bool pcap;		/* skboutput()'s: fmt is the pcap file's path */
};

/* One column of a column printf. */
struct colfield {
	const char *name;
	const char *conv;	/* the field's conversion without width and padding */
	bool number;		/* an integer by %d %i %u: a JSON number */
	bool wall_ns;		/* time_ holding nsecs: boot-time ns made wall-clock ns */
};

/*
 * One attach point after wildcard expansion: one BPF program each.
 * The provider's expand hook makes these from an N_ATTACH.
 */
struct probe_inst {
	int id;			/* index in program.insts; BPF function "p<id>" */
	struct node *probe;	/* the N_PROBE whose body runs */
	struct node *attach;	/* the N_ATTACH it came from (loc for errors) */
	const struct provider *provider;
	const char *name;	/* full, expanded: "tracepoint:sched:sched_switch" */
	const char *target;	/* provider-specific: "sched/sched_switch", "99" ... */
	const char *func;	/* the probed function (`func`), NULL: none */
	/*
	 * One program for several functions (kprobe.multi, uprobe_multi): their names;
	 * func is NULL and `func` is looked up by bpf_get_func_ip() in
	 * QT_FUNCS_MAP.  NULL and 0 otherwise.
	 */
	const char **funcs;
	int nfuncs;
	/*
	 * uprobe_multi: `func` is looked up in QT_FUNCS_MAP by
	 * bpf_get_attach_cookie() instead (uprobe_multi.c says why).
	 */
	bool func_by_cookie;
	/* expected_attach_type to load the program with; 0: libbpf's, by section */
	uint32_t load_attach_type;
	uint64_t arg;		/* provider-specific number (period, freq, ...) */
	/*
	 * A uretprobe placed as plain uprobes on the function's return
	 * instructions (Go: uprobe.c says why); the script sees a uretprobe.
	 */
	bool at_ret_insns;
	void *prov_data;	/* provider-specific, e.g. a usdt site's argument specs */
	struct type *args_type;	/* T_RECORD for `args` (tracepoint), else NULL */
	bool args_partial;	/* args_type holds only raw arguments (tracepoint_raw.c) */
	const char *section;	/* ELF section: "tracepoint/sched/sched_switch" */
	bool special;		/* BEGIN/END: run by bpf_prog_test_run, not attached */
	/*
	 * Set by sema: how the body uses the context.  ctx_uses counts every
	 * args/argN/retval; the args->f fields are listed by name.  A provider's
	 * finalize hook may pick a cheaper attach method from this.
	 */
	int ctx_uses;
	const char **args_fields;
	int nargs_fields;
};

/* Names of the maps every program has (libbpf names them after the globals). */
#define QT_RINGBUF_MAP	"qt_events"	/* BPF_MAP_TYPE_RINGBUF */
#define QT_STATS_MAP	"qt_stats"	/* PERCPU_ARRAY of u64, see QT_STAT_* */
/*
 * BPF_MAP_TYPE_RINGBUF of the control records (print/clear/zero of a map,
 * exit): apart from qt_events, so that a flood of printf cannot crowd them
 * out.  Each carries the position qt_events' producer had reached when it
 * was sent (events.h), and the runtime acts on it after exactly the events
 * sent before it.
 */
#define QT_CTRL_MAP	"qt_ctrl"
#define QT_CTRL_BYTES	(64 * 1024)
/* STACK_TRACE map of kstack/ustack (QT_STACK_MAX frames); absent if unused. */
#define QT_STACKS_MAP	"qt_stacks"
#define QT_STACKS_ENTRIES	4096
/*
 * HASH of ustack frames: key the frames' hash (QT_USTACK_ID_BITS), value
 * QT_STACK_MAX struct bpf_stack_build_id (build id and file offset per
 * frame, taken at sample time: a process that has exited, exec'd or
 * unmapped the library still symbolizes; frames in anonymous memory keep
 * their ip).  Not preallocated: a stack costs its 4 KB when first seen.
 */
#define QT_USTACKS_MAP	"qt_ustacks"
#define QT_USTACKS_ENTRIES	65536
#define QT_USTACK_BYTES	(QT_STACK_MAX * 32)
#define QT_USTACK_ID_BITS	40
#define QT_USTACK_ID_MASK	((1ULL << QT_USTACK_ID_BITS) - 1)
/*
 * HASH of task_kstack() frames: key the frames' hash, value QT_STACK_MAX
 * kernel addresses (zero after the last).  A kstack value with
 * QT_TSTACK_FLAG set is that key; without it, an id in QT_STACKS_MAP.
 */
#define QT_TSTACKS_MAP	"qt_tstacks"
#define QT_TSTACKS_ENTRIES	4096
#define QT_TSTACK_FLAG	(1ULL << 62)
/* HASH u64 id -> u64: the ustack(dwarf) ids already sent (EV_USTACK_DWARF). */
#define QT_DWARF_SEEN_MAP	"qt_dwarf_seen"
/* HASH u64 pid -> struct qt_dwarf_text (events.h), written by user space. */
#define QT_DWARF_TEXT_MAP	"qt_dwarf_text"
/* HASH u64 pid -> u64: the pids already announced with EV_PID. */
#define QT_PIDS_MAP	"qt_pids"
/* ARRAY of one all-zero value: the first value of a tseries key. */
#define QT_ZERO_MAP	"qt_zero"
/* PERF_EVENT_ARRAY (one per CPU) of skboutput()'s packets: struct qt_skb_meta, then the bytes. */
#define QT_SKB_MAP	"qt_skb"
#define QT_PIDS_ENTRIES	4096
/*
 * HASH u64 function address -> char[QT_FUNC_NAME]: `func` in kprobe.multi
 * programs, filled by the runtime before attaching; absent if unused.  In
 * uprobe_multi programs the key is the attach cookie (uprobe_multi.c).
 */
#define QT_FUNCS_MAP	"qt_funcs"
#define QT_FUNC_NAME	128
#define QT_STAT_LOST_EVENTS	0	/* ring buffer output failed */
#define QT_STAT_MAP_FAIL(id)	(1 + (id))	/* map update failed for map id */
/*
 * exit(code) also stores code + 1 here, on its CPU: the exit record can be
 * lost like any other when the ring buffer is full, the request cannot.
 */
#define QT_STAT_EXIT(nmaps)	(1 + (nmaps))
/*
 * Call site i of a helper whose failure is counted (struct helper_site:
 * reads through pointers, str(), map updates; -k reports them as they
 * happen, -v at the end, and otherwise one warning at the end sums them up)
 * counts its failures at QT_STAT_HELPER(nmaps, i) and keeps the last
 * negative errno at QT_STAT_HELPER(nmaps, i) + 1.  At most
 * QT_HELPER_SITES_MAX sites are watched; the rest are not checked.
 */
#define QT_HELPER_SITES_MAX	256
#define QT_STAT_HELPER(nmaps, i)	(5 + 2 * (nmaps) + 2 * (i))
/* control records (QT_CTRL_MAP) that did not fit: reported at exit */
#define QT_STAT_LOST_CTRL(nmaps)	(2 + (nmaps))
/*
 * while loops stopped at QT_MAX_LOOPS rounds with their condition still
 * true (an unbounded loop would have gone on): how many times, and the
 * source line << 16 | column of the last such loop.  Reported at exit.
 */
#define QT_STAT_LOOP_CUT(nmaps)	(3 + (nmaps))
/* bpf_loop's limit (the kernel's BPF_MAX_LOOPS): rounds of one loop, at most */
#define QT_MAX_LOOPS (1u << 23)
#define QT_STAT_LOOP_CUT_AT(nmaps)	(4 + (nmaps))
/*
 * The last negative errno of map id's failed updates: -E2BIG is a full map,
 * -ENOMEM an element the kernel could not allocate where the probe ran
 * (per-CPU hashes take theirs from a per-CPU cache that an interrupt can
 * find empty), so the warning at exit says which.
 */
#define QT_STAT_MAP_ERR(nmaps, id)	(5 + (nmaps) + (id))
#define QT_STATS_ENTRIES(nmaps)	(5 + 2 * (nmaps))
#define QT_STATS_ENTRIES_K(nmaps)	(5 + 2 * (nmaps) + 2 * QT_HELPER_SITES_MAX)
/*
 * A u32 in .bss (libbpf's internal map of that name) that every attached
 * program tests first: zero, it returns at once.  It is set once every
 * probe is attached, so all start together (attaching one uprobe can take
 * 15-100 ms; a uprobe+uretprobe pair attached in turn would otherwise count
 * calls the other never sees), and cleared to stop them all in one syscall,
 * where closing their links waits ~28 ms each (an RCU tasks-trace grace
 * period, 6.18): the links are released after qtrace exits.
 */
#define QT_RUN_VAR	"qt_run"
#define QT_RUN_SECTION	".bss"

/* -k: one checked helper call: where it is in the script, and what it calls. */
struct helper_site {
	struct loc loc;
	const char *helper;	/* "probe_read_user", as bpftrace's -k names it */
};

struct program {
	const char *source_name;	/* file or "<cmdline>" */
	const char *source;
	struct node *ast;	/* N_PROGRAM */

	struct mapinfo **maps;
	int nmaps;
	struct fmtinfo **fmts;
	int nfmts;
	struct probe_inst **insts;
	int ninsts;

	/* From the command line, known before code generation. */
	char **params;		/* positional parameters $1..$N */
	int nparams;
	char **named;		/* --name[=value] after "--": getopt()'s */
	int nnamed;
	struct script_opt *opts;	/* the getopt() options the script reads */
	bool script_help;	/* "-- --help": list them and exit */
	int cpid;		/* -c child pid, set before sema_run: non-zero iff -c given */
	bool has_cpid_used;	/* the script asks has_cpid: cpid without -c is 0 */
	int pid;		/* -p PID, 0 if none */
	/*
	 * --unsafe: do what may harm the traced programs (uretprobes on Go
	 * binaries, uprobe offsets whose instruction boundary cannot be checked).
	 */
	bool unsafe;
	/*
	 * --test, --bench: run only BEGIN, the test (or bench) probes and END,
	 * attach nothing.  Otherwise those probes are compiled but never run.
	 */
	enum { RUN_TRACE, RUN_TEST, RUN_BENCH } run_mode;
	/*
	 * config missing_probes: what an attach point that cannot be
	 * resolved (a function the kernel or binary lacks) does: fail the
	 * script (MISSING_ERROR, bpftrace's default), or skip it with a
	 * warning or silently.
	 */
	enum { MISSING_ERROR, MISSING_WARN, MISSING_IGNORE } missing_probes;
	/*
	 * -I DIR and --include FILE, in the order given: where #include
	 * looks for headers, and headers included before the program's own.
	 */
	const char **include_dirs;
	int ninclude_dirs;
	const char **includes;
	int nincludes;
	/*
	 * Codegen checks the result of probe reads and map updates and counts
	 * each failure by call site (QT_STAT_HELPER); the runtime reports them
	 * as they grow with -k (helper_errors), at the end with -v, and as one
	 * total at the end without either.
	 */
	bool helper_errors;
	struct helper_site *sites;	/* filled by codegen (arena) */
	int nsites;
	uint32_t map_keys_max;	/* max_entries of every map (QTRACE_MAP_KEYS_MAX) */
	int stack_mode;		/* enum stack_mode of kstack/ustack without one (config) */
	bool no_print_maps;	/* config print_maps_on_exit = false */
	/* config unstable_* = error: the UNSTABLE_* features refused */
	unsigned unstable_error;
	bool ringbuf_fixed;	/* ringbuf_size set by the config: keep it */
	uint32_t ringbuf_size;	/* bytes, power of two */
	/*
	 * Set by sema: printf/time/print(value) run in probes other than
	 * BEGIN/END, so events can flood and the ring buffer needs its full
	 * size; otherwise a small one does (its pages all count in RSS).
	 */
	bool hot_events;
	/* ustack(dwarf): bytes of user stack copied (QTRACE_DWARF_STACK_BYTES) */
	uint32_t dwarf_window;
	/*
	 * -f csv and -f json write column printfs as columns: sema checks
	 * Pixie's rules for them (sema/columns.c) only then.
	 */
	bool columns;
	uint64_t start_ns;	/* CLOCK_MONOTONIC at start, for `elapsed` */

	/* Produced by codegen. */
	void *elf;
	size_t elf_size;
};

#endif
