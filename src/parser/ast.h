/* SPDX-License-Identifier: GPL-2.0 */
/* The abstract syntax tree: made by the parser, annotated by the semantic pass. */
#ifndef QT_AST_H
#define QT_AST_H

#include <stdbool.h>
#include <stdint.h>
#include "util/loc.h"

struct type;
struct builtin;
struct mapinfo;
struct var;
struct provider;
struct pp_include;

enum node_kind {
	/* expressions */
	N_INT,		/* 42, 0x2a, 'c' is not in the language */
	N_STR,		/* "text" (escapes already decoded) */
	N_IDENT,	/* pid, comm, args, arg0, nsecs ...: a builtin variable */
	N_VAR,		/* $name */
	N_POSPARAM,	/* $1 ... $N */
	N_POSCOUNT,	/* $# */
	N_MAP,		/* @name or @name[k1, k2] or @ */
	N_CALL,		/* func(args) */
	N_BINOP,	/* l op r */
	N_UNOP,		/* op e; also ++/-- (pre and post) */
	N_TERNARY,	/* c ? t : f */
	N_FIELD,	/* e.name, e->name */
	N_INDEX,	/* e[i] (tuples: $t.0 is N_FIELD with a number name) */
	N_CAST,		/* (type)e */
	N_TUPLE,	/* (a, b, ...) with two or more elements; records (a = 1, ...) */
	/* statements */
	N_EXPR,		/* an expression as a statement: f(); @x++; */
	N_ASSIGN,	/* lhs = rhs, lhs op= rhs */
	N_IF,
	N_WHILE,
	N_UNROLL,
	N_FOR,		/* for ($kv : @map) and for ($i : lo..hi) */
	N_RETURN,
	N_BREAK,
	N_CONTINUE,
	N_LET,		/* let $x [: type] [= e]; */
	N_BLOCKEXPR,	/* a macro's expansion: statements, then a value (or none) */
	N_BLOCK,
	/* top level */
	N_ATTACH,	/* one attach point: tracepoint:sched:sched_switch */
	N_PROBE,	/* attach points, predicate, body */
	N_PROGRAM,
	N_CONFIG,	/* config = { name = value; ... }: N_ASSIGN items, lhs N_IDENT */
	N_MACRO,	/* macro name(x, $v, @m) { ... } */
};

/* Operators; binops map to LLVM opcodes in the operator table. ORDER OP */
enum op {
	OP_NONE,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_BAND, OP_BOR, OP_BXOR, OP_SHL, OP_SHR,
	OP_LAND, OP_LOR,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	/* unary */
	OP_NEG, OP_NOT, OP_BNOT, OP_DEREF, OP_ADDR,
	OP_PREINC, OP_PREDEC, OP_POSTINC, OP_POSTDEC,
};

/* A parsed type: (uint8), (struct sock *), (int8[4]) ... kept as written. */
struct typespec {
	const char *name;	/* "uint8", "struct sock", "union u", "enum e" */
	int ptr;		/* number of '*' */
	int dim;		/* [N]: N (-1 for [0], -2 for []), 0: not an array */
};

/*
 * struct NAME { members } written in the script (at the top level): each
 * member's declaration as written, e.g. "unsigned int x", "char b[8]",
 * "struct foo *next", "union { int a; long b; } u"; sema lays them out as
 * C does.  The same for union NAME { ... } and for enum [NAME] { A, B = 5 },
 * whose decls are the enumerators as written.
 */
struct structdef {
	const char *name;	/* "struct NAME", "union NAME", "enum NAME", "enum (anonymous)" */
	char kind;		/* 's'truct, 'u'nion, 'e'num */
	struct loc loc;
	int n;
	const char **decls;
	struct loc *locs;
	struct structdef *next;
};

/* The definition in text (the STRUCTDEF token at loc), split into members. */
struct structdef *ast_structdef(struct loc loc, const char *text);
/* The '}' that closes the '{' at open, or NULL. */
const char *ast_closing_brace(const char *open);
/* Append decl at loc to d's cap slots (0 at first): the new cap. */
int ast_structdef_add(struct structdef *d, int cap, const char *decl, struct loc loc);

/* A map declaration in the preamble: let @name = kind(max_entries); */
struct mapdecl {
	const char *name;	/* "@a" */
	const char *kind;	/* hash, lruhash, percpuhash, percpulruhash */
	uint64_t max_entries;
	struct loc loc;
	struct mapdecl *next;
};

/* import "NAME"; in the preamble (resolved by parser/import.c) */
struct import {
	const char *name;	/* as written: "lib.bt", "dir" */
	struct loc loc;
	struct import *next;
};

struct node {
	enum node_kind kind;
	struct loc loc;
	struct type *type;	/* set by sema */
	struct node *next;	/* next in a list: args, keys, statements, probes */
	union {
		struct { uint64_t v; bool is_bool; } num;	/* is_bool: true, false */
		struct { char *s; int len; } str;	/* len excludes the NUL */
		struct { char *name; const struct builtin *b; } ident;
		/* hops: macro scopes to look through (a $variable passed to a macro) */
		struct { char *name; struct var *var; int hops; } var;
		struct { int n; } pos;
		/* name includes '@' ("@", "@lat"); keys == NULL for @x */
		struct { char *name; struct node *keys; int nkeys; struct mapinfo *map; } map;
		/* fmt_id: printf/time/print(value)'s p->fmts index, set by sema (-1: none) */
		/* ts: a type as the first argument, sizeof(struct x) (else NULL) */
		struct { char *name; struct node *args; int nargs; const struct builtin *b; int fmt_id;
			 struct typespec *ts; struct loc ts_loc; } call;
		struct { enum op op; struct node *l, *r; } bin;
		struct { enum op op; struct node *e; } un;
		struct { struct node *c, *t, *f; } tern;
		/* arrow: written as e->name; field filled by sema */
		struct { struct node *e; char *name; bool arrow; const struct field *field; } field;
		struct { struct node *e, *idx; } index;
		struct { struct node *e; struct typespec to; } cast;
		/* names: a record's field names, (a = 1, b = 2); NULL for a tuple */
		struct { struct node *elems; int n; char **names; } tuple;
		/* N_EXPR, N_RETURN (e may be NULL); open: last in its block, no ';' (a value) */
		struct { struct node *e; bool open; } expr;
		struct { struct node *lhs; enum op op; struct node *rhs; } assign; /* op OP_NONE for = */
		struct { struct node *cond, *then, *els; } ifs;	/* els: N_BLOCK, N_IF or NULL */
		struct { struct node *cond, *body; } loop;	/* N_WHILE */
		struct { struct node *count, *body; } unroll;
		/* map: the N_MAP iterated (lo, hi NULL), or the range lo..hi (map NULL) */
		struct { struct node *var, *map, *lo, *hi, *body; } forl;
		struct { struct node *stmts; } block;
		/* ts.name NULL: no type given; init NULL: zero */
		struct { struct node *var; struct typespec ts; struct node *init; } let;
		/*
		 * One attach point.  spec is the text as written (quotes
		 * removed); parts/nparts split at top-level ':'.  provider and
		 * the rest are filled by sema from the provider table.
		 */
		struct {
			char *spec;
			char **parts;
			int nparts;
			const struct provider *provider;
			void *pdata;	/* provider's parsed form */
		} attach;
		struct {
			struct node *attach;	/* list of N_ATTACH */
			struct node *pred;	/* may be NULL */
			struct node *body;	/* N_BLOCK */
			int index;		/* position in the program */
			const char *name;	/* name= before the attach points, or NULL */
		} probe;
		/* config: N_CONFIG list */
		struct {
			struct node *probes, *config, *macros;
			struct structdef *structs;
			struct pp_include *includes;	/* #include lines, not read */
			struct mapdecl *mapdecls;	/* let @m = hash(N); in order */
			struct import *imports;	/* the script's own, in order */
		} program;
		struct { struct node *items; } config;
		/* params: N_IDENT (an expression), N_VAR, N_MAP; body: N_BLOCK */
		struct { char *name; struct node *params; int nparams; struct node *body; } macro;
		/* value NULL: none (void); name: the macro, for messages (NULL: a { } block) */
		struct { struct node *stmts, *value; const char *name; } bexpr;
	};
};

/* Constructors: arena-allocated, never freed one by one. */
struct node *ast_new(enum node_kind kind, struct loc loc);
struct node *ast_int(struct loc loc, uint64_t v);
struct node *ast_str(struct loc loc, const char *s, int len);
struct node *ast_binop(struct loc loc, enum op op, struct node *l, struct node *r);
struct node *ast_unop(struct loc loc, enum op op, struct node *e);
/* Append b to the list a; returns the head. */
struct node *ast_append(struct node *a, struct node *b);
int ast_count(const struct node *list);
const char *op_name(enum op op);	/* "+", "==", "++" ... */
/*
 * Call fn on each direct child of n that exists (list children -- keys,
 * arguments, statements, probes -- one by one), in source order.  The one
 * place that knows the shape of every node; walkers handle the kinds they
 * care about and hand the rest to it.
 */
void ast_children(struct node *n, void (*fn)(struct node *child, void *arg), void *arg);
/*
 * Call fn on the address of each child pointer of n that is set, in
 * source order; list is true for the head of a list (keys, arguments,
 * statements).  ast_children is built on it: a new node kind is added here.
 */
void ast_slots(struct node *n, void (*fn)(struct node **slot, bool list, void *arg), void *arg);
/* A deep copy of n (its next is NULL) / of the list at l. */
struct node *ast_copy(const struct node *n);
struct node *ast_copy_list(const struct node *l);
/* Does the subtree (a probe: its predicate and body) read builtin `name`? */
bool ast_uses_ident(const struct node *n, const char *name);

/* -d ast: an indented tree on f. */
#include <stdio.h>
void ast_dump(FILE *f, const struct node *n);

#endif
