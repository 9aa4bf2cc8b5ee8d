/* SPDX-License-Identifier: GPL-2.0 */
/* Types of qtrace values, as the semantic pass assigns them to AST nodes. */
#ifndef QT_TYPES_H
#define QT_TYPES_H

#include <stdbool.h>
#include <stdint.h>

enum type_kind {
	T_NONE,		/* not yet known / error already reported */
	T_VOID,		/* statements, printf(), exit() */
	T_INT,		/* integers: held in 64-bit registers, size is the storage size */
	T_STR,		/* fixed-size NUL-padded char array of size bytes */
	T_PTR,		/* an address: elem is what it points to (may be T_NONE) */
	T_TUPLE,	/* (a, b, ...): fields at offsets, each 8-byte aligned */
	T_RECORD,	/* a tracepoint's args: fields from its format file */
	T_AGG,		/* the value of count() sum() ... hist(): only assignable to a map */
	T_MAP,		/* a bare @map passed to print/clear/zero/delete/has_key */
};

/* Aggregation kinds; also the map value kinds. ORDER AGG */
enum agg_kind {
	AGG_NONE,	/* an ordinary value map: @x = expr */
	AGG_COUNT,
	AGG_SUM,
	AGG_MIN,
	AGG_MAX,
	AGG_AVG,
	AGG_STATS,
	AGG_HIST,
	AGG_LHIST,
};

enum stack_kind {
	STACK_NONE,
	STACK_KERNEL,
	STACK_USER,
	STACK_KSYM,	/* ksym(addr): T_INT, the kernel address */
	STACK_USYM,	/* usym(addr): T_TUPLE (u64 addr, u64 pid) */
};

/* How a stack prints (bpftrace's StackMode); part of the type. ORDER STACK_MODE */
enum stack_mode {
	STACK_MODE_BPFTRACE,	/* "    func+off" lines, indented */
	STACK_MODE_PERF,	/* "\tADDR func+off (module)" lines, as perf script */
};

/* Frames a stack keeps (the kernel's default perf_event_max_stack). */
#define QT_STACK_MAX 127

struct field {
	const char *name;
	struct type *type;
	int offset;		/* byte offset in the record or tuple */
	bool data_loc;		/* __data_loc: u32 (len << 16 | offset into record) */
};

struct type {
	enum type_kind kind;
	int size;		/* bytes of storage: int 1/2/4/8, str N, tuple total */
	bool is_signed;		/* T_INT */
	bool user;		/* T_PTR: points into user memory */
	struct type *elem;	/* T_PTR target */
	int nfields;		/* T_TUPLE, T_RECORD */
	struct field *fields;
	enum agg_kind agg;	/* T_AGG */
	/*
	 * T_INT of 8 bytes holding a stack: a kstack the (u32) id in the
	 * stack-trace map; a ustack the hash of its frames (the key in
	 * qt_ustacks, low QT_USTACK_ID_BITS bits) and the pid above them.
	 * Printing resolves the frames; stack_depth (>0) limits them and
	 * stack_mode lays them out.
	 */
	enum stack_kind stack;
	int stack_depth;
	enum stack_mode stack_mode;
};

/* Shared singletons; never modify them. */
extern struct type type_none, type_void, type_u64, type_i64, type_u32,
	type_i32, type_u8, type_comm;	/* type_comm: T_STR of 16 */

struct type *type_int(int size, bool is_signed);
struct type *type_str(int size);
struct type *type_ptr(struct type *elem, bool user);
struct type *type_tuple(int n, struct type **elems);	/* lays out offsets */
struct type *type_agg(enum agg_kind agg);
/* depth 0: all frames */
struct type *type_stack(enum stack_kind kind, int depth, enum stack_mode mode);
bool type_equal(const struct type *a, const struct type *b);
/* "int64", "uint32", "string[64]", "(int64, string[16])", "hist" ... for messages */
const char *type_name(const struct type *t);
const char *agg_name(enum agg_kind agg);	/* "count", "hist", ... */
/* "bpftrace", "perf"; NULL past the last mode (to list them all) */
const char *stack_mode_name(enum stack_mode mode);

/* Default string size for str() and string literals in maps (bpftrace's 64). */
#define QT_STRLEN 64

#endif
