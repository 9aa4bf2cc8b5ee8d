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
	T_STRUCT,	/* a C struct or union (BTF, or defined in the script) */
	T_ARRAY,	/* elem[count] of a non-char elem (char arrays are T_STR) */
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
	AGG_TSERIES,	/* tseries(v, interval_ns, n [, agg]) */
};

enum stack_kind {
	STACK_NONE,
	STACK_KERNEL,
	STACK_USER,
	STACK_KSYM,	/* ksym(addr): T_INT, the kernel address */
	STACK_USYM,	/* usym(addr): T_TUPLE (u64 addr, u64 pid, u64 frame id) */
};

/* How a stack prints (bpftrace's StackMode); part of the type. ORDER STACK_MODE */
enum stack_mode {
	STACK_MODE_BPFTRACE,	/* "    func+off" lines, indented */
	STACK_MODE_PERF,	/* "\tADDR func+off (module)" lines, as perf script */
	STACK_MODE_DWARF,	/* ustack: unwound through CFI (unwind.c), bpftrace's layout */
	STACK_MODE_RAW,		/* "    addr" lines in hex, no symbols (bpftrace's raw) */
};

/*
 * Values whose bytes are resolved when printed (bpftrace's syscall_name,
 * inet, buffer, timestamp ...): the storage is an ordinary T_INT or T_TUPLE,
 * out_format_value() turns it into text.  Part of the type.  ORDER PRINT_KIND
 */
enum print_kind {
	PK_NONE,
	PK_SYSCALL,	/* T_INT: syscall number, printed as its name */
	PK_ERRNO,	/* T_INT: errno value, printed as strerror() */
	PK_USERNAME,	/* T_INT: uid, printed as the user's name */
	PK_CGROUP_PATH,	/* T_INT: cgroup id, printed as its path */
	PK_TIMESTAMP,	/* T_INT: boot-time ns, printed by strftime(print_fmt) */
	PK_INET,	/* T_TUPLE (u64 af, string[16] addr): an IP address */
	PK_MACADDR,	/* T_TUPLE (string[6]): a MAC address */
	PK_BUFFER,	/* T_TUPLE (u64 len, string[N] bytes): raw bytes for %r */
	PK_ERRNAME,	/* T_INT: errno value, printed as its name (EPERM) */
	PK_SIGNAME,	/* T_INT: signal number, printed as its name (SIGKILL) */
};

/* Frames a stack keeps (the kernel's default perf_event_max_stack). */
#define QT_STACK_MAX 127

struct field {
	const char *name;	/* T_STRUCT: "" for an anonymous struct/union member */
	struct type *type;
	int offset;		/* byte offset in the record, tuple or struct */
	bool data_loc;		/* __data_loc: u32 (len << 16 | offset into record) */
	/*
	 * Bitfields: bits > 0 bits at bit_off (0..63) counted from the
	 * little-endian bytes at offset; type is the declared integer.
	 */
	int bit_off, bits;
};

/* One enumerator of an enum type. */
struct enumval {
	const char *name;
	int64_t value;
};

struct type {
	enum type_kind kind;
	int size;		/* bytes of storage: int 1/2/4/8, str N, tuple total */
	bool is_signed;		/* T_INT */
	bool user;		/* T_PTR: points into user memory */
	bool named;		/* T_TUPLE: a record, (a = 1, b = 2): fields by name */
	bool is_bool;		/* T_INT: bool (true/false), 8 bytes, prints as bpftrace's */
	struct type *elem;	/* T_PTR target; T_RECORD: its value type (sema_record_value) */
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
	enum print_kind print;	/* how the value prints (PK_NONE: as its kind) */
	const char *print_fmt;	/* PK_TIMESTAMP: the strftime format */

	/*
	 * C types (kernel BTF, script struct definitions), see btf_types.h:
	 *  - T_STRUCT: name "struct task_struct" / "union u", size, fields at
	 *    byte offsets (anonymous members have the name "", type_field
	 *    looks through them).  From BTF the fields are read on first
	 *    use: until then complete is set and nfields is 0, so code
	 *    calls type_complete() (type_field does) before it reads fields.
	 *    One BTF type is one struct type: compare them by pointer.
	 *  - T_ARRAY: count elements of elem (count 0: a flexible array).
	 *  - T_PTR: elem may be any type; T_NONE for void and functions, or
	 *    for a tracepoint field's struct not yet read from BTF: then name
	 *    is the declared "struct NAME" (sema_ctypes.c types it on use).
	 *  - T_INT of an enum: name "enum sock_state", enums its enumerators.
	 * Typedefs and qualifiers are seen through and never appear.
	 */
	const char *name;
	int count;			/* T_ARRAY */
	const struct enumval *enums;	/* T_INT of an enum type */
	int nenums;
	void (*complete)(struct type *t);
	const void *src;		/* where complete() reads from (BTF) */
	unsigned int src_id;
};

/* Shared singletons; never modify them. */
extern struct type type_none, type_void, type_u64, type_i64, type_u32,
	type_i32, type_u8, type_comm,	/* type_comm: T_STR of 16 */
	type_bool;

struct type *type_int(int size, bool is_signed);
/* A tuple written (a, b): not a record, nor a value that is a tuple inside (ntop, buf, usym). */
bool type_plain_tuple(const struct type *t);
struct type *type_str(int size);
struct type *type_ptr(struct type *elem, bool user);
struct type *type_tuple(int n, struct type **elems);	/* lays out offsets */
/* A record: a tuple whose fields have names. */
struct type *type_record(int n, struct type **elems, char **names);
struct type *type_agg(enum agg_kind agg);
/* depth 0: all frames */
struct type *type_stack(enum stack_kind kind, int depth, enum stack_mode mode);
/* A T_INT (u64) or the tuple of elems that prints as kind pk. */
struct type *type_print(enum print_kind pk, int n, struct type **elems);
/* elem[count] (count 0: flexible) */
struct type *type_array(struct type *elem, int count);
/* An empty struct/union to be filled (script definitions, BTF). */
struct type *type_struct(const char *name, int size);
/* Read a lazily built struct's fields now (no-op when complete). */
void type_complete(struct type *t);
/*
 * Field name of struct t, found also inside anonymous members: a copy
 * whose offset is from the start of t.  NULL if t has none.
 */
const struct field *type_field(struct type *t, const char *name);
/* The enumerator name of value v in enum type t, or NULL. */
const char *type_enum_name(const struct type *t, int64_t v);
bool type_equal(const struct type *a, const struct type *b);
/* "int64", "uint32", "string[64]", "(int64, string[16])", "hist" ... for messages */
const char *type_name(const struct type *t);
const char *agg_name(enum agg_kind agg);	/* "count", "hist", ... */
/* "bpftrace", "perf"; NULL past the last mode (to list them all) */
const char *stack_mode_name(enum stack_mode mode);

/* Default string size for str() and string literals in maps (bpftrace's 64). */
#define QT_STRLEN 64

#endif
