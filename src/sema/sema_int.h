/* SPDX-License-Identifier: GPL-2.0 */
/* The semantic pass's state, shared by its files and the builtins' check hooks. */
#ifndef QT_SEMA_INT_H
#define QT_SEMA_INT_H

#include <stdbool.h>
#include <stdint.h>
#include "parser/ast.h"
#include "program.h"
#include "util/diag.h"
#include "sema/builtins.h"
#include "sema/sema.h"
#include "sema/types.h"

/* What the pass knows of one map beyond its mapinfo. */
struct mapstate {
	bool keyed;		/* the key count is known */
	struct loc key_loc;	/* first use with keys (or bare read) */
	bool valued;		/* the value kind is known */
	struct loc val_loc;	/* first assignment */
	bool tried;		/* assigned somewhere (maybe with an error) */
	bool agg_tried;		/* assigned an aggregation whose arguments failed */
};

/*
 * The pass runs twice over the whole program.  The first run is quiet: it
 * only learns every map's keys and value, so that a map read in a probe
 * before the one that assigns it has its type.  The second run reports.
 */
struct script_enumerator {
	const char *name;
	int64_t value;
	struct type *type;	/* its enum */
};

struct sema {
	struct program *p;
	bool quiet;

	/* the probe being checked */
	struct node *probe;
	struct probe_inst **insts;
	int ninsts;
	bool ctx_unknown;	/* an attach point failed: no context errors */
	struct var *vars;
	int nvars;
	int loops;		/* while loops around the current statement */
	/* untaken branches of constant if ()s around it: fail() is not reached */
	int dead;
	int depth;		/* blocks open around the current statement */
	struct var *ended;	/* variables whose block has ended: for notes */
	/* depths where macro expansions begin: their bodies see no variable below */
	int barriers[32];
	const char *barrier_macro[32];
	int nbarriers;
	bool flex_ok;		/* typing the base of e[i]: flexible arrays allowed */
	struct node *field_base;	/* typing e of e->name: e and name */
	const char *field_name;

	struct mapstate *ms;	/* by mapinfo id */
	int ms_cap;

	/* struct, union and enum definitions of the script, in order */
	struct type **structs;
	int nstructs, structs_cap;
	/* the enumerators of the script's enums (constants by name) */
	struct script_enumerator *enumerators;
	int nenumerators, enumerators_cap;
};

/*
 * Diagnostics of the pass: diag's, muted during the quiet run (sema_run).
 * s stays in the calls so every check reads the same.
 */
#define sema_error(s, ...)	((void)(s), diag_error(__VA_ARGS__))
#define sema_note(s, ...)	((void)(s), diag_note(__VA_ARGS__))
#define sema_note_at(s, ...)	((void)(s), diag_note_at(__VA_ARGS__))

/* sema_expr.c: type an expression; T_AGG and T_VOID are allowed here. */
struct type *sema_expr(struct sema *s, struct node *n);
/* An expression used as a value: aggregations, void and records rejected. */
struct type *sema_value(struct sema *s, struct node *n);
/* "count() must be assigned directly to a map" for call. */
void sema_agg_misplaced(struct sema *s, struct node *call);
/* A condition: an integer or a pointer. */
void sema_cond(struct sema *s, struct node *n);
/* The value's integer constant (literal, -literal, numeric $N). */
bool sema_const_int(struct sema *s, struct node *n, int64_t *v);
bool sema_is_int(const struct type *t);	/* T_INT or T_PTR */
/* How a value is stored in a variable, map or event: ints as 8 bytes. */
struct type *sema_stored(struct type *t);
/* The common type of a and b (NULL if none): ints, larger strings, tuples. */
struct type *sema_unify(struct type *a, struct type *b);
/* "a string", "a tuple" or the quoted type name, for "cannot apply" messages. */
const char *sema_what(const struct type *t);
/* The quoted-style name of a variable: "$x". */
const char *sema_var_name(const struct node *n);

/* sema_tuple.c: l == r, l != r of tuples, element by element; else reports at n. */
bool sema_tuple_compare(struct sema *s, struct node *n, struct type *l,
			struct type *r);

/* sema_ctx.c: e.name and e->name (tracepoint args, tuples) */
struct type *sema_field(struct sema *s, struct node *n);

/* sema_ctypes.c: C types (BTF, script structs) in expressions */
/* The type ts names, or NULL after reporting at loc. */
struct type *sema_typespec(struct sema *s, const struct typespec *ts, struct loc loc);
/* "int32", "uint8" ...: that integer type, or NULL. */
struct type *sema_int_name(const char *name);
/* "struct sock", "enum Color": the script's definition, else BTF's; NULL after reporting. */
struct type *sema_named_type(struct sema *s, const char *name, struct loc loc);

/* sema_cdefs.c: the preamble's struct, union and enum definitions */
/* A struct, union or enum the script defines ("struct foo", "enum c"), or NULL. */
struct type *sema_script_struct(struct sema *s, const char *name);
/* An enumerator of the script's enums: its value and enum type. */
bool sema_script_enumerator(struct sema *s, const char *name, int64_t *v, struct type **t);
/* Lay out the script's definitions (before the probes are checked). */
void sema_structs(struct sema *s);
struct type *sema_cast(struct sema *s, struct node *n);
/* e->f, e.f where e (of type t) is a struct or a pointer to one. */
struct type *sema_struct_field(struct sema *s, struct node *n, struct type *t);
/* A tracepoint field declared `enum NAME`: its BTF enum, else t. */
struct type *sema_tp_enum(struct type *t);
struct type *sema_deref(struct sema *s, struct node *n, struct type *t);
/* e[i] where e (of type t) is a pointer or an array. */
struct type *sema_index_ctype(struct sema *s, struct node *n, struct type *t);
/* false (reported) when t is a flexible array, which has no value. */
bool sema_check_flex(struct sema *s, struct node *n, struct type *t);
/*
 * args used as a value (print(args)): a struct of the record's fields
 * (without the common_ ones), or NULL when the probe's records differ.
 */
struct type *sema_record_value(struct sema *s, struct node *n, struct type *rec);
/* An unknown identifier that names an enumerator: n becomes its N_INT. */
bool sema_enum_const(struct sema *s, struct node *n);
/* Would name be an enum constant if BTF could be read (it cannot)? */
bool sema_enum_hint(const char *name);
void sema_enum_missing_note(struct sema *s, const char *name);

/* sema_vars.c */
struct var *sema_var_find(struct sema *s, const char *name);
/* The variable $x names, seen through n->var.hops macro barriers, or NULL. */
struct var *sema_var_lookup(struct sema *s, const struct node *n);
/* A macro expansion: its statements and value, in a scope of its own. */
struct type *sema_block_expr(struct sema *s, struct node *n);
void sema_var_assign(struct sema *s, struct node *lhs, struct type *t);
/* let $x [: type] [= e]; */
void sema_var_let(struct sema *s, struct node *n);
/* A block's variables end with it: enter returns what leave restores. */
struct var *sema_scope_enter(struct sema *s);
void sema_scope_leave(struct sema *s, struct var *saved);
/* A note when name was a variable of a block that has ended. */
void sema_var_ended_note(struct sema *s, const char *name);
/* A note when n names a variable a macro's body cannot see. */
void sema_var_hidden_note(struct sema *s, const struct node *n);
/* v goes out of scope (a for loop's variable after its body). */
void sema_var_forget(struct sema *s, struct var *v);

/* sema_loop.c */
void sema_for(struct sema *s, struct node *n);
void sema_while(struct sema *s, struct node *n);
/* count, sum, min, max, avg and plain values: readable in the kernel */
bool sema_agg_readable(enum agg_kind agg);
/* the value of @m in an expression: the plain value, or the summed aggregation */
struct type *sema_map_value_type(const struct mapinfo *m);

/* sema_maps.c */
struct mapinfo *sema_map_get(struct sema *s, struct node *n);
/* delete(@m, k), has_key(@m, k): k (checked) as the key of map. */
void sema_map_key_arg(struct sema *s, struct node *map, struct node *k);
/* @m or @m[k] read as a value. */
struct type *sema_map_read(struct sema *s, struct node *n);
/* @m or @m[k] as the argument of print/clear/zero/delete: T_MAP. */
struct type *sema_map_ref(struct sema *s, struct node *n);
/* @m[k] = value (t) and @m[k] op= / ++ (t: the int result). */
void sema_map_assign(struct sema *s, struct node *lhs, struct type *t);
/* @m[k]++, @m[k] += e ...: op is "++", "+=" ... */
void sema_map_update(struct sema *s, struct node *lhs, const char *op);
/* @m[k] = agg(...): rhs is the checked call. */
void sema_map_agg(struct sema *s, struct node *lhs, struct node *rhs);
/*
 * After the quiet run: a map only ever assigned from itself (@c = @c + 1)
 * has no type yet; as in bpftrace it reads 0 and holds an int64.
 */
void sema_maps_default(struct sema *s);
/* After both runs: sizes, defaults, never-assigned maps. */
void sema_maps_finish(struct sema *s);

/* sema_tstore.c: mark the maps that live in task storage (mapinfo.task_storage). */
void sema_task_storage(struct program *p);
/* sema_dense.c: give the count() maps that qualify a dense part (mapinfo.dense_n). */
void sema_dense(struct program *p);

/* A new fmtinfo in p->fmts (its id), or -1 in the quiet run. */
int sema_fmt_add(struct sema *s, struct loc loc, const char *fmt, int nargs,
		 struct node *args);
/*
 * Where decoded characters [from, to] of string literal lit are in the
 * source (a caret into the literal); the literal's loc when unknown.
 */
struct loc sema_literal_loc(struct sema *s, struct node *lit, int from, int to);
/*
 * columns.c: printf call n (format literal lit) recorded as f: with
 * -f csv|json, a column printf gets f->cols after Pixie's rules are checked.
 */
void sema_columns(struct sema *s, struct node *n, struct node *lit, struct fmtinfo *f);

/* config.c: the config blocks applied to p; 0 or -1 (reported) */
int sema_config(struct program *p);

/* check_getopt.c: after the pass, --names no getopt() reads; 0 or -1 */
int sema_getopt_finish(struct program *p);

/* sema.c */
void sema_stmt(struct sema *s, struct node *n);
/* "syscalls:sys_enter_openat" of "tracepoint:syscalls:sys_enter_openat" */
const char *sema_inst_target(const struct probe_inst *pi);

#endif
