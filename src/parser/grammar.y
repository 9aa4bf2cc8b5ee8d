/* SPDX-License-Identifier: GPL-2.0 */
/* The grammar of the qtrace language (bpftrace's), building the AST. */
%define api.pure full
%define parse.error custom
%define parse.lac full
%locations
%param {yyscan_t scanner}
%expect 0

%code requires {
#include <stdint.h>
#include "util/loc.h"
#include "parser/ast.h"
#include "lexer/lexer.h"
#define YYLTYPE struct loc
#define YYLTYPE_IS_DECLARED 1
#define YYLTYPE_IS_TRIVIAL 1
/* bison's default, keeping the file of the first symbol (an import's tokens) */
#define YYLLOC_DEFAULT(Cur, Rhs, N)						\
	do {									\
		if (N) {							\
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line;		\
			(Cur).first_column = YYRHSLOC(Rhs, 1).first_column;	\
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line;		\
			(Cur).last_column = YYRHSLOC(Rhs, N).last_column;	\
			(Cur).file = YYRHSLOC(Rhs, 1).file;			\
		} else {							\
			(Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line; \
			(Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
			(Cur).file = YYRHSLOC(Rhs, 0).file;			\
		}								\
	} while (0)

/* A list being built: the tail makes appending O(1). */
struct nlist {
	struct node *head, *tail;
	int n;
};
}

%code {
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "util/diag.h"

int yylex(YYSTYPE *v, YYLTYPE *l, yyscan_t scanner);
static void yyerror(YYLTYPE *l, yyscan_t scanner, const char *msg);
static struct nlist list_add(struct nlist l, struct node *n);
static struct mapdecl *map_decl(struct loc l, const char *s);
static struct node *assign(struct loc l, struct node *lhs, enum op op, struct node *rhs);
static struct node *let_node(struct loc l, struct loc vl, char *name,
			     const struct typespec *ts, struct node *init)
{
	struct node *n = ast_new(N_LET, l);

	n->let.var = ast_new(N_VAR, vl);
	n->let.var->var.name = name;
	if (ts)
		n->let.ts = *ts;
	n->let.init = init;
	return n;
}

static struct node *block_expr(struct loc l, struct nlist stmts)
{
	struct node *n = ast_new(N_BLOCKEXPR, l), **last;

	n->bexpr.stmts = stmts.head;
	for (last = &n->bexpr.stmts; *last && (*last)->next; last = &(*last)->next)
		;
	if (*last && (*last)->kind == N_EXPR && (*last)->expr.open) {
		n->bexpr.value = (*last)->expr.e;
		*last = NULL;
	}
	return n;
}

static struct node *macro_node(struct loc l, char *name, struct nlist params, struct node *body)
{
	struct node *n = ast_new(N_MACRO, l);

	n->macro.name = name;
	n->macro.params = params.head;
	n->macro.nparams = params.n;
	n->macro.body = body;
	return n;
}

static struct node *assign_field(struct loc l, struct loc nl, char *name, struct node *e)
{
	struct node *n = ast_new(N_ASSIGN, l);

	n->assign.lhs = ast_new(N_IDENT, nl);
	n->assign.lhs->ident.name = name;
	n->assign.rhs = e;
	return n;
}

/* (a = 1, b = "x"): an N_TUPLE whose elements have names. */
static struct node *record(struct loc l, struct nlist fields)
{
	struct node *n = ast_new(N_TUPLE, l), *f, *g, *e, *tail = NULL;
	int i = 0;

	n->tuple.n = fields.n;
	n->tuple.names = arena_alloc(fields.n * sizeof(*n->tuple.names));
	for (f = fields.head; f; f = f->next, i++) {
		n->tuple.names[i] = f->assign.lhs->ident.name;
		for (g = fields.head; g != f; g = g->next)
			if (!strcmp(g->assign.lhs->ident.name, n->tuple.names[i])) {
				diag_error(f->assign.lhs->loc, "record field '%s' is given twice", n->tuple.names[i]);
				diag_note_at(g->assign.lhs->loc, "'%s' is first given here", n->tuple.names[i]);
				break;
			}
	}
	for (f = fields.head; f; f = f->next) {
		e = f->assign.rhs;
		e->next = NULL;
		if (tail)
			tail->next = e;
		else
			n->tuple.elems = e;
		tail = e;
	}
	return n;
}

static struct node *if_node(struct loc l, struct node *c, struct node *t, struct node *f);
/* for ($v : a) body, or for ($v : a..b) body when b is given. */
static struct node *for_node(struct loc l, struct loc vl, char *var, struct node *a,
			     struct node *b, struct node *body)
{
	struct node *n = ast_new(N_FOR, l), *v = ast_new(N_VAR, vl);

	v->var.name = var;
	n->forl.var = v;
	if (b) {
		n->forl.lo = a;
		n->forl.hi = b;
	} else {
		n->forl.map = a;
	}
	n->forl.body = body;
	return n;
}

static struct node *field(struct loc l, struct node *e, char *name, bool arrow);
static struct node *call(struct loc l, char *name, struct nlist args);
static struct node *incdec(struct loc l, enum op op, struct node *e);
static struct node *assign_field(struct loc l, struct loc nl, char *name, struct node *e);
static struct node *record(struct loc l, struct nlist fields);
static struct node *block_expr(struct loc l, struct nlist stmts);
static struct node *macro_node(struct loc l, char *name, struct nlist params, struct node *body);
static struct node *let_node(struct loc l, struct loc vl, char *name,
			     const struct typespec *ts, struct node *init);
static struct node *for_node(struct loc l, struct loc vl, char *var, struct node *a,
			     struct node *b, struct node *body);
}

%union {
	uint64_t num;
	char *str;
	struct { char *s; int len; } strv;
	enum op op;
	struct node *node;
	struct nlist list;
	struct typespec ts;
	int ptr;
}

%token <node> ATTACH "attach point"
%token <num> INT "integer"
%token <strv> STRING "string"
%token <strv> STRUCTDEF "struct definition"
%token <strv> MAPDECL "map declaration"
%token <strv> IMPORT "import"
%token <str> IDENT "identifier"
%token <str> VAR "variable"
%token <str> MAP "map"
%token <num> POSPARAM "positional parameter"
%token POSCOUNT "$#"
%token <str> TYPE "type"
%token ENDPRED "end of predicate"
%token IF "if" ELSE "else" WHILE "while" UNROLL "unroll"
%token RETURN "return" BREAK "break" CONTINUE "continue" FOR "for"
%token DOTDOT ".."
%token <str> STRUCT "struct"
%token LET "let" TRUE "true" FALSE "false" MACRO "macro"
%token ARROW "->" INC "++" DEC "--" SHL "<<" SHR ">>"
%token LE "<=" GE ">=" EQ "==" NE "!=" AND "&&" OR "||"
%token <op> COMPOUND "compound assignment"

%type <node> probe action pred expr unary postfix primary map simple compound
%type <node> if_stmt block let
%type <list> probes attach_list exprs closed body rec_fields cfg_closed cfg_items
%type <node> config cfg_item macro_def mparam arg block_expr
%type <list> mparams
%type <ts> typespec
%type <ptr> stars

%precedence MAP_ALONE
%precedence '['
%right '?' ':'
%left OR
%left AND
%left '|'
%left '^'
%left '&'
%left EQ NE
%left '<' '>' LE GE
%left SHL SHR
%left '+' '-'
%left '*' '/' '%'

%%

program
	: probes
		{
			struct node *p = ast_new(N_PROGRAM, (struct loc){ 1, 1, 1, 1 });
			struct node *n;
			int i = 0;

			p->program.probes = $1.head;
			p->program.config = lex_state(scanner)->config;
			p->program.macros = lex_state(scanner)->macros;
			p->program.structs = lex_state(scanner)->structs;
			p->program.mapdecls = lex_state(scanner)->mapdecls;
			p->program.imports = lex_state(scanner)->imports;
			for (n = $1.head; n; n = n->next)
				n->probe.index = i++;
			lex_state(scanner)->result = p;
		}
	;

probes
	: %empty		{ $$ = (struct nlist){ 0 }; }
	| probes probe		{ $$ = list_add($1, $2); }
	| probes macro_def
		{
			struct lex_state *ls = lex_state(scanner);

			ls->macros = ast_append(ls->macros, $2);
			$$ = $1;
		}
	| probes config
		{
			struct lex_state *ls = lex_state(scanner);

			if ($1.n) {
				diag_error(@2, "a config block must come before the probes");
				diag_note("move config = { ... } to the top of the script");
			}
			ls->config = ast_append(ls->config, $2);
			$$ = $1;
		}
	| probes STRUCTDEF
		{
			struct lex_state *ls = lex_state(scanner);
			struct structdef *d = ast_structdef(@2, $2.s), **t = &ls->structs;

			while (*t)
				t = &(*t)->next;
			*t = d;
			$$ = $1;
		}
	| probes MAPDECL
		{
			struct lex_state *ls = lex_state(scanner);
			struct mapdecl *d = map_decl(@2, $2.s), **t = &ls->mapdecls;

			if ($1.n) {
				diag_error(@2, "a map declaration must come before the probes");
				diag_note("move let %s = ...; to the top of the script, after config", d ? d->name : "@m");
			}
			while (*t)
				t = &(*t)->next;
			*t = d;
			$$ = $1;
		}
	| probes IMPORT
		{
			struct lex_state *ls = lex_state(scanner);
			struct import *im = arena_alloc(sizeof(*im)), **t = &ls->imports;
			const char *q = strchr($2.s, '"');
			const char *e = strchr(q + 1, '"');

			im->name = arena_strndup(q + 1, e - q - 1);
			im->loc = @2;
			if ($1.n) {
				diag_error(@2, "an import must come before the probes");
				diag_note("move import \"%s\"; to the top of the script", im->name);
			} else if (!im->name[0]) {
				diag_error(@2, "an import needs a name");
				diag_note("write import \"lib.bt\"; (a file, or a directory of .bt files)");
			}
			while (*t)
				t = &(*t)->next;
			*t = im;
			$$ = $1;
		}
	| probes error '}'	{ $$ = $1; }
	;

probe
	: action
	| ATTACH '=' action
		{
			/* bpftrace's "[name=]probe": the name is reserved for its
			 * internal use, so it is checked and kept, nothing more */
			$$ = $3;
			if (strchr($1->attach.spec, ':')) {
				diag_error($1->loc, "a probe's name must be an identifier, not '%s'",
					   $1->attach.spec);
				diag_note("write NAME=PROBE, as in opens=tracepoint:syscalls:sys_enter_openat");
			} else if ($$) {
				$$->probe.name = $1->attach.spec;
				$$->loc = @$;
			}
		}
	;

action
	: attach_list pred block
		{
			$$ = ast_new(N_PROBE, @$);
			$$->probe.attach = $1.head;
			$$->probe.pred = $2;
			$$->probe.body = $3;
		}
	| attach_list block
		{
			$$ = ast_new(N_PROBE, @$);
			$$->probe.attach = $1.head;
			$$->probe.body = $2;
		}
	| attach_list error block	{ $$ = NULL; }
	| attach_list '/' error block	{ $$ = NULL; }
	;

/* config = { max_map_keys = 100; stack_mode = perf } */
config
	: ATTACH '=' '{' cfg_items '}'
		{
			if (strcmp($1->attach.spec, "config")) {
				diag_error($1->loc, "unexpected '%s ='", $1->attach.spec);
				diag_note("only a config block is assigned at the top level: config = { ... }");
			}
			$$ = ast_new(N_CONFIG, @$);
			$$->config.items = $4.head;
		}
	;

cfg_closed
	: %empty			{ $$ = (struct nlist){ 0 }; }
	| cfg_closed cfg_item ';'	{ $$ = list_add($1, $2); }
	| cfg_closed ';'		{ $$ = $1; }
	;

cfg_items
	: cfg_closed
	| cfg_closed cfg_item		{ $$ = list_add($1, $2); }
	;

cfg_item
	: IDENT '=' expr
		{
			struct node *id = ast_new(N_IDENT, @1);

			id->ident.name = $1;
			$$ = ast_new(N_ASSIGN, @$);
			$$->assign.lhs = id;
			$$->assign.rhs = $3;
		}
	;

attach_list
	: ATTACH			{ $$ = list_add((struct nlist){ 0 }, $1); }
	| attach_list ',' ATTACH	{ $$ = list_add($1, $3); }
	;

pred
	: '/' expr ENDPRED	{ $$ = $2; }
	| '/' ENDPRED
		{
			diag_error(@$, "empty predicate");
			diag_note("a predicate is an expression between slashes: /pid == 42/");
			$$ = NULL;
		}
	;

block
	: '{' body '}'
		{
			$$ = ast_new(N_BLOCK, @$);
			$$->block.stmts = $2.head;
		}
	;

/* Statements that may take another one: the last simple one needs no ';'. */
closed
	: %empty		{ $$ = (struct nlist){ 0 }; }
	| closed compound	{ $$ = list_add($1, $2); }
	| closed simple ';'	{ $$ = list_add($1, $2); }
	| closed ';'		{ $$ = $1; }
	| closed error ';'	{ $$ = $1; }
	;

body
	: closed
	| closed simple
		{
			if ($2->kind == N_EXPR)
				$2->expr.open = true;	/* a macro's value */
			$$ = list_add($1, $2);
		}
	| closed error		{ $$ = $1; }
	;

simple
	: expr
		{
			$$ = ast_new(N_EXPR, @$);
			$$->expr.e = $1;
		}
	| expr '=' expr			{ $$ = assign(@$, $1, OP_NONE, $3); }
	| expr '=' block_expr		{ $$ = assign(@$, $1, OP_NONE, $3); }
	| expr COMPOUND expr		{ $$ = assign(@$, $1, $2, $3); }
	| RETURN			{ $$ = ast_new(N_RETURN, @$); }
	| RETURN expr
		{
			$$ = ast_new(N_RETURN, @$);
			$$->expr.e = $2;
		}
	| let
	| BREAK				{ $$ = ast_new(N_BREAK, @$); }
	| CONTINUE			{ $$ = ast_new(N_CONTINUE, @$); }
	;

/* let $x;  let $x = e;  let $x: uint32;  let $x: uint32 = e; */
let
	: LET VAR			{ $$ = let_node(@$, @2, $2, NULL, NULL); }
	| LET VAR '=' expr		{ $$ = let_node(@$, @2, $2, NULL, $4); }
	| LET VAR '=' block_expr	{ $$ = let_node(@$, @2, $2, NULL, $4); }
	| LET VAR ':' typespec		{ $$ = let_node(@$, @2, $2, &$4, NULL); }
	| LET VAR ':' typespec '=' expr	{ $$ = let_node(@$, @2, $2, &$4, $6); }
	;

compound
	: if_stmt
	| WHILE expr block
		{
			$$ = ast_new(N_WHILE, @$);
			$$->loop.cond = $2;
			$$->loop.body = $3;
		}
	| FOR '(' VAR ':' unary ')' block
		{
			$$ = for_node(@$, @3, $3, $5, NULL, $7);
		}
	| FOR '(' VAR ':' unary DOTDOT unary ')' block
		{
			$$ = for_node(@$, @3, $3, $5, $7, $9);
		}
	| FOR VAR ':' unary block
		{
			$$ = for_node(@$, @2, $2, $4, NULL, $5);
		}
	| FOR VAR ':' unary DOTDOT unary block
		{
			$$ = for_node(@$, @2, $2, $4, $6, $7);
		}
	| UNROLL expr block
		{
			$$ = ast_new(N_UNROLL, @$);
			$$->unroll.count = $2;
			$$->unroll.body = $3;
		}
	| block
	;

/* 'if c {' and 'if (c) {' are one rule: (c) is an expression. */
if_stmt
	: IF expr block			{ $$ = if_node(@$, $2, $3, NULL); }
	| IF expr block ELSE block	{ $$ = if_node(@$, $2, $3, $5); }
	| IF expr block ELSE if_stmt	{ $$ = if_node(@$, $2, $3, $5); }
	;

expr
	: unary
	| expr '?' expr ':' expr
		{
			$$ = ast_new(N_TERNARY, @$);
			$$->tern.c = $1;
			$$->tern.t = $3;
			$$->tern.f = $5;
		}
	| expr OR expr		{ $$ = ast_binop(@$, OP_LOR, $1, $3); }
	| expr AND expr		{ $$ = ast_binop(@$, OP_LAND, $1, $3); }
	| expr '|' expr		{ $$ = ast_binop(@$, OP_BOR, $1, $3); }
	| expr '^' expr		{ $$ = ast_binop(@$, OP_BXOR, $1, $3); }
	| expr '&' expr		{ $$ = ast_binop(@$, OP_BAND, $1, $3); }
	| expr EQ expr		{ $$ = ast_binop(@$, OP_EQ, $1, $3); }
	| expr NE expr		{ $$ = ast_binop(@$, OP_NE, $1, $3); }
	| expr '<' expr		{ $$ = ast_binop(@$, OP_LT, $1, $3); }
	| expr '>' expr		{ $$ = ast_binop(@$, OP_GT, $1, $3); }
	| expr LE expr		{ $$ = ast_binop(@$, OP_LE, $1, $3); }
	| expr GE expr		{ $$ = ast_binop(@$, OP_GE, $1, $3); }
	| expr SHL expr		{ $$ = ast_binop(@$, OP_SHL, $1, $3); }
	| expr SHR expr		{ $$ = ast_binop(@$, OP_SHR, $1, $3); }
	| expr '+' expr		{ $$ = ast_binop(@$, OP_ADD, $1, $3); }
	| expr '-' expr		{ $$ = ast_binop(@$, OP_SUB, $1, $3); }
	| expr '*' expr		{ $$ = ast_binop(@$, OP_MUL, $1, $3); }
	| expr '/' expr		{ $$ = ast_binop(@$, OP_DIV, $1, $3); }
	| expr '%' expr		{ $$ = ast_binop(@$, OP_MOD, $1, $3); }
	;

unary
	: postfix
	| '-' unary		{ $$ = ast_unop(@$, OP_NEG, $2); }
	| '!' unary		{ $$ = ast_unop(@$, OP_NOT, $2); }
	| '~' unary		{ $$ = ast_unop(@$, OP_BNOT, $2); }
	| '*' unary		{ $$ = ast_unop(@$, OP_DEREF, $2); }
	| '&' unary		{ $$ = ast_unop(@$, OP_ADDR, $2); }
	| INC unary		{ $$ = incdec(@$, OP_PREINC, $2); }
	| DEC unary		{ $$ = incdec(@$, OP_PREDEC, $2); }
	| '(' typespec ')' unary
		{
			$$ = ast_new(N_CAST, @$);
			$$->cast.e = $4;
			$$->cast.to = $2;
		}
	;

typespec
	: TYPE stars		{ $$ = (struct typespec){ $1, $2, 0 }; }
	| STRUCT IDENT stars
		{
			$$ = (struct typespec){ arena_printf("%s %s", $1, $2), $3, 0 };
		}
	| TYPE stars '[' INT ']'
		{
			$$ = (struct typespec){ $1, $2, $4 ? (int)$4 : -1 };
		}
	| TYPE stars '[' ']'
		{
			/* (uint8[])x: the count from the size of x (bpftrace's) */
			$$ = (struct typespec){ $1, $2, -2 };
		}
	| STRUCT IDENT stars '[' INT ']'
		{
			$$ = (struct typespec){ arena_printf("%s %s", $1, $2), $3,
						$5 ? (int)$5 : -1 };
		}
	;

stars
	: %empty		{ $$ = 0; }
	| stars '*'		{ $$ = $1 + 1; }
	;

postfix
	: primary
	| postfix '[' expr ']'
		{
			$$ = ast_new(N_INDEX, @$);
			$$->index.e = $1;
			$$->index.idx = $3;
		}
	| postfix '.' IDENT	{ $$ = field(@$, $1, $3, false); }
	| postfix '.' INT
		{
			$$ = field(@$, $1, arena_printf("%llu", (unsigned long long)$3), false);
		}
	| postfix ARROW IDENT	{ $$ = field(@$, $1, $3, true); }
	| postfix INC		{ $$ = incdec(@$, OP_POSTINC, $1); }
	| postfix DEC		{ $$ = incdec(@$, OP_POSTDEC, $1); }
	;

primary
	: INT			{ $$ = ast_int(@$, $1); }
	| TRUE
		{
			$$ = ast_int(@$, 1);
			$$->num.is_bool = true;
		}
	| FALSE
		{
			$$ = ast_int(@$, 0);
			$$->num.is_bool = true;
		}
	| STRING		{ $$ = ast_str(@$, $1.s, $1.len); }
	| IDENT
		{
			$$ = ast_new(N_IDENT, @$);
			$$->ident.name = $1;
		}
	| VAR
		{
			$$ = ast_new(N_VAR, @$);
			$$->var.name = $1;
		}
	| POSPARAM
		{
			$$ = ast_new(N_POSPARAM, @$);
			$$->pos.n = (int)$1;
		}
	| POSCOUNT		{ $$ = ast_new(N_POSCOUNT, @$); }
	| map
	| IDENT '(' ')'		{ $$ = call(@$, $1, (struct nlist){ 0 }); }
	| IDENT '(' exprs ')'	{ $$ = call(@$, $1, $3); }
	| IDENT '(' typespec ')'
		{
			$$ = call(@$, $1, (struct nlist){ 0 });
			$$->call.ts = arena_alloc(sizeof(*$$->call.ts));
			*$$->call.ts = $3;
			$$->call.ts_loc = @3;
		}
	| IDENT '(' typespec ',' exprs ')'
		{
			$$ = call(@$, $1, $5);
			$$->call.ts = arena_alloc(sizeof(*$$->call.ts));
			*$$->call.ts = $3;
			$$->call.ts_loc = @3;
		}
	| '(' ')'
		{
			/* the empty tuple, as in bpftrace and Python: () */
			$$ = ast_new(N_TUPLE, @$);
			$$->tuple.n = 0;
		}
	| '(' expr ')'		{ $$ = $2; }
	| '(' rec_fields ')'	{ $$ = record(@$, $2); }
	| '(' expr ',' ')'
		{
			/* a one-element tuple, as in bpftrace and Python: (1,) */
			$$ = ast_new(N_TUPLE, @$);
			$$->tuple.elems = $2;
			$2->next = NULL;
			$$->tuple.n = 1;
		}
	| '(' expr ',' exprs ')'
		{
			$$ = ast_new(N_TUPLE, @$);
			$$->tuple.elems = $2;
			$2->next = $4.head;
			$$->tuple.n = $4.n + 1;
		}
	;

/* A record's fields: name = value, kept as N_ASSIGN of an N_IDENT until record() */
rec_fields
	: IDENT '=' expr
		{
			$$ = list_add((struct nlist){ 0 }, assign_field(@$, @1, $1, $3));
		}
	| rec_fields ',' IDENT '=' expr
		{
			$$ = list_add($1, assign_field(@3, @3, $3, $5));
		}
	;

map
	: MAP %prec MAP_ALONE
		{
			$$ = ast_new(N_MAP, @$);
			$$->map.name = $1;
		}
	| MAP '[' exprs ']'
		{
			$$ = ast_new(N_MAP, @$);
			$$->map.name = $1;
			$$->map.keys = $3.head;
			$$->map.nkeys = $3.n;
			/* @m[(k1, k2)] is @m[k1, k2], as in bpftrace */
			if ($3.n == 1 && $3.head->kind == N_TUPLE && !$3.head->tuple.names &&
			    $3.head->tuple.n > 0) {
				$$->map.keys = $3.head->tuple.elems;
				$$->map.nkeys = $3.head->tuple.n;
			}
		}
	;

exprs
	: arg			{ $$ = list_add((struct nlist){ 0 }, $1); }
	| exprs ',' arg		{ $$ = list_add($1, $3); }
	;

/* Where a block cannot be a statement, it may be an expression. */
arg
	: expr
	| block_expr
	;

/* { stmts; value }: the value is the last expression, without ';' */
block_expr
	: '{' body '}'		{ $$ = block_expr(@$, $2); }
	;

/* macro name(x, $v, @m) { ... }: expanded where it is called (parser/macro.c) */
macro_def
	: MACRO IDENT '(' ')' block		{ $$ = macro_node(@$, $2, (struct nlist){ 0 }, $5); }
	| MACRO IDENT '(' mparams ')' block	{ $$ = macro_node(@$, $2, $4, $6); }
	;

mparams
	: mparam			{ $$ = list_add((struct nlist){ 0 }, $1); }
	| mparams ',' mparam		{ $$ = list_add($1, $3); }
	;

mparam
	: IDENT
		{
			$$ = ast_new(N_IDENT, @$);
			$$->ident.name = $1;
		}
	| VAR
		{
			$$ = ast_new(N_VAR, @$);
			$$->var.name = $1;
		}
	| MAP
		{
			$$ = ast_new(N_MAP, @$);
			$$->map.name = $1;
		}
	;

%%

static struct nlist list_add(struct nlist l, struct node *n)
{
	if (!n)
		return l;
	n->next = NULL;
	if (l.tail)
		l.tail->next = n;
	else
		l.head = n;
	l.tail = n;
	l.n++;
	return l;
}

/* "let @a = lruhash(100);" as the lexer gave it: the name, kind and size */
static struct mapdecl *map_decl(struct loc l, const char *s)
{
	struct mapdecl *d = arena_alloc(sizeof(*d));
	const char *p = s + 3, *q;
	char num[32];
	size_t n = 0;
	char *end;

	memset(d, 0, sizeof(*d));
	d->loc = l;
	while (isspace((unsigned char)*p))
		p++;
	for (q = p; *q == '@' || isalnum((unsigned char)*q) || *q == '_'; q++)
		;
	d->name = arena_strndup(p, (size_t)(q - p));
	p = strchr(q, '=') + 1;
	while (isspace((unsigned char)*p))
		p++;
	for (q = p; isalnum((unsigned char)*q) || *q == '_'; q++)
		;
	d->kind = arena_strndup(p, (size_t)(q - p));
	p = strchr(q, '(') + 1;
	while (isspace((unsigned char)*p))
		p++;
	for (; *p && *p != ')' && !isspace((unsigned char)*p) && n + 1 < sizeof(num); p++)
		if (*p != '_')
			num[n++] = *p;
	num[n] = 0;
	while (isspace((unsigned char)*p))
		p++;
	d->max_entries = strtoull(num, &end, 0);
	if (!n || *end || *p != ')' || !d->max_entries || d->max_entries > UINT32_MAX) {
		diag_error(l, "map declaration '%s' needs its maximum number of elements, a positive integer",
			   d->name);
		diag_note("write let %s = %s(100);", d->name, d->kind);
		d->max_entries = 0;
	}
	if (!strchr(s, ';')) {
		diag_error(l, "expected ';' after the map declaration of '%s'", d->name);
	}
	return d;
}

static bool is_lvalue(const struct node *n)
{
	return n->kind == N_VAR || n->kind == N_MAP;
}

static struct node *assign(struct loc l, struct node *lhs, enum op op, struct node *rhs)
{
	struct node *n;

	/* bpftrace's discard: _ = e evaluates e and drops its value */
	if (lhs->kind == N_IDENT && !strcmp(lhs->ident.name, "_") && op == OP_NONE) {
		n = ast_new(N_EXPR, l);
		n->expr.e = rhs;
		return n;
	}
	n = ast_new(N_ASSIGN, l);
	if (!is_lvalue(lhs)) {
		diag_error(lhs->loc, "cannot assign to this expression");
		diag_note("only $variables and @maps can be assigned");
	}
	n->assign.lhs = lhs;
	n->assign.op = op;
	n->assign.rhs = rhs;
	return n;
}

static struct node *incdec(struct loc l, enum op op, struct node *e)
{
	if (!is_lvalue(e)) {
		diag_error(l, "'%s' needs a $variable or an @map", op_name(op));
	}
	return ast_unop(l, op, e);
}

static struct node *if_node(struct loc l, struct node *c, struct node *t, struct node *f)
{
	struct node *n = ast_new(N_IF, l);

	n->ifs.cond = c;
	n->ifs.then = t;
	n->ifs.els = f;
	return n;
}

static struct node *field(struct loc l, struct node *e, char *name, bool arrow)
{
	struct node *n = ast_new(N_FIELD, l);

	n->field.e = e;
	n->field.name = name;
	n->field.arrow = arrow;
	return n;
}

static struct node *call(struct loc l, char *name, struct nlist args)
{
	struct node *n = ast_new(N_CALL, l);

	n->call.name = name;
	n->call.args = args.head;
	n->call.nargs = args.n;
	return n;
}

static void yyerror(YYLTYPE *l, yyscan_t scanner, const char *msg)
{
	if (!strcmp(msg, "memory exhausted"))
		diag_error(*l, "the script is nested too deeply");
	else
		diag_error(*l, "%s", msg);
}

#define char_sym(c) YYTRANSLATE(c)

/* The character of a single-character token, or 0. */
static char char_of(yysymbol_kind_t k)
{
	const char *n = yysymbol_name(k);

	if (n[0] == '\'' && n[1] && n[2] == '\'' && !n[3])
		return n[1];
	return 0;
}

/* Tokens that may follow a complete expression: not worth listing. */
static bool is_operator(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_OR: case YYSYMBOL_AND: case YYSYMBOL_EQ: case YYSYMBOL_NE:
	case YYSYMBOL_LE: case YYSYMBOL_GE: case YYSYMBOL_SHL: case YYSYMBOL_SHR:
	case YYSYMBOL_ARROW: case YYSYMBOL_INC: case YYSYMBOL_DEC:
	case YYSYMBOL_COMPOUND:
		return true;
	default:
		return char_of(k) && strchr("+-*/%&|^<>?[.=(", char_of(k));
	}
}

/* Tokens that start an expression: listed as "expression". */
static bool is_starter(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_INT: case YYSYMBOL_STRING: case YYSYMBOL_IDENT:
	case YYSYMBOL_VAR: case YYSYMBOL_MAP: case YYSYMBOL_POSPARAM:
	case YYSYMBOL_POSCOUNT: case YYSYMBOL_INC: case YYSYMBOL_DEC:
	case YYSYMBOL_TYPE: case YYSYMBOL_STRUCT:
	case YYSYMBOL_TRUE: case YYSYMBOL_FALSE:
		return true;
	default:
		return char_of(k) && strchr("(-!~*&{", char_of(k));	/* {: a block expression */
	}
}

/* Tokens that start a statement other than an expression one. */
static bool is_stmt_starter(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_IF: case YYSYMBOL_WHILE: case YYSYMBOL_UNROLL: case YYSYMBOL_FOR:
	case YYSYMBOL_RETURN: case YYSYMBOL_BREAK: case YYSYMBOL_CONTINUE:
	case YYSYMBOL_LET:
		return true;
	default:
		return char_of(k) == '{';
	}
}

/* How an expected token is named in a message. */
static const char *sym_text(yysymbol_kind_t k)
{
	const char *n = yysymbol_name(k);
	char c = char_of(k);

	if (k == YYSYMBOL_ENDPRED)
		return "'/'";
	if (c)
		return arena_printf("'%c'", c);
	switch (k) {
	case YYSYMBOL_ATTACH: case YYSYMBOL_INT: case YYSYMBOL_STRING:
	case YYSYMBOL_IDENT: case YYSYMBOL_VAR: case YYSYMBOL_MAP:
	case YYSYMBOL_POSPARAM: case YYSYMBOL_TYPE: case YYSYMBOL_COMPOUND:
		return n[0] == '"' ? arena_strndup(n + 1, strlen(n) - 2) : n;
	default:
		if (n[0] == '"')
			return arena_printf("'%.*s'", (int)strlen(n) - 2, n + 1);
		return arena_printf("'%s'", n);
	}
}

/* The source text of a token, as the user wrote it, quoted. */
static const char *tok_text(struct lex_state *ls, struct loc l)
{
	const char *p = ls->text;
	int line = 1, col = 1, len;

	while (*p && line < l.first_line)
		if (*p++ == '\n')
			line++;
	for (; col < l.first_column && *p && *p != '\n'; col++)
		p++;
	if (l.last_line == l.first_line && l.last_column >= l.first_column)
		len = l.last_column - l.first_column + 1;
	else
		len = (int)strcspn(p, "\n");
	if ((int)strnlen(p, (size_t)len) < len)
		len = (int)strnlen(p, (size_t)len);
	if (len > 40)
		return arena_printf("'%.37s...'", p);
	return arena_printf("'%.*s'", len, p);
}

/* Opener and line for "(to close '{' at line 3)", when its closer is expected. */
static const struct bracket *unclosed(struct lex_state *ls, const bool *exp)
{
	const struct bracket *b = lex_open_bracket(ls);
	int i;

	if (!b)
		return NULL;
	for (i = 0; i < YYNTOKENS; i++)
		if (exp[i] && char_of(i) == (b->c == '(' ? ')' : b->c == '[' ? ']' : '}'))
			return b;
	return NULL;
}

/*
 * "expected A, B or C" from the expected tokens: operators are left out,
 * expression and statement starters summed up; NULL when too many remain.
 */
static const char *expected_list(const bool *exp)
{
	const char *item[8];
	int n = 0, i;
	bool expr = exp[YYSYMBOL_VAR] && exp[YYSYMBOL_INT], stmt = expr && exp[YYSYMBOL_IF];
	bool semi = exp[char_sym(';')];
	struct strbuf b = { 0 };
	char *r;

	if (stmt)
		item[n++] = "statement";
	else if (expr)
		item[n++] = "expression";
	else if (exp[YYSYMBOL_IDENT] && exp[YYSYMBOL_INT])
		item[n++] = "field name or tuple index";
	for (i = 0; i < YYNTOKENS && n < 8; i++) {
		/* struct definitions are rare enough not to be offered */
		if (!exp[i] || i == YYSYMBOL_YYEOF || i == YYSYMBOL_STRUCTDEF || i == YYSYMBOL_MAPDECL ||
		    i == YYSYMBOL_IMPORT ||
		    i == YYSYMBOL_MACRO || is_operator(i))
			continue;
		if ((expr || exp[YYSYMBOL_INT]) && is_starter(i))
			continue;
		if (stmt && is_stmt_starter(i))
			continue;
		if (semi && char_of(i) == '}')
			continue;
		item[n++] = sym_text(i);
	}
	if (n == 0 || n > 4)
		return NULL;
	for (i = 0; i < n; i++) {
		if (i)
			sb_puts(&b, i == n - 1 ? " or " : ", ");
		sb_puts(&b, item[i]);
	}
	r = arena_strdup(b.s);
	sb_free(&b);
	return r;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner)
{
	struct lex_state *ls = lex_state(scanner);
	yysymbol_kind_t kinds[YYNTOKENS], t = yypcontext_token(ctx);
	struct loc l = *yypcontext_location(ctx);
	bool exp[YYNTOKENS] = { false };
	const struct bracket *b;
	const char *where, *what;
	int i, n;

	n = yypcontext_expected_tokens(ctx, kinds, YYNTOKENS);
	for (i = 0; i < n; i++)
		exp[kinds[i]] = true;
	if (t == YYSYMBOL_YYEOF && ls->eof_error)
		return 0;	/* the lexer said why the input ended early */
	if (ls->err_tok && (ls->ntok == ls->err_tok || ls->ntok == ls->err_tok + 1))
		return 0;	/* at or after a token the lexer reported: a cascade */
	where = t == YYSYMBOL_YYEOF ? "at end of input" :
		arena_printf("before %s", tok_text(ls, l));
	b = unclosed(ls, exp);
	if (t == YYSYMBOL_ELSE) {
		diag_error(l, "'else' without a matching 'if'");
	} else if (exp[YYSYMBOL_ENDPRED] && char_of(t) == '{') {
		diag_error(l, "unterminated predicate: expected '/' before '{'");
	} else if (t == YYSYMBOL_YYEOF && b) {
		diag_error(l, "expected '%c' (to close '%c' at line %d)",
			   b->c == '(' ? ')' : b->c == '[' ? ']' : '}', b->c,
			   b->loc.first_line);
		diag_note_at(b->loc, "'%c' opened here", b->c);
	} else if (exp[char_sym('/')] && exp[char_sym('{')] && !ls->depth) {
		diag_error(l, "expected '{' to start the probe body %s", where);
		if (t == YYSYMBOL_ATTACH)
			diag_note("attach points of one probe are separated by ','");
		else if (t != YYSYMBOL_YYEOF && ls->plain_attach)
			diag_note("statements go inside a probe: BEGIN { ... }");
	} else if ((what = expected_list(exp))) {
		diag_error(l, "expected %s %s", what, where);
	} else if (t == YYSYMBOL_YYEOF) {
		diag_error(l, "unexpected end of input");
	} else {
		diag_error(l, "unexpected %s", tok_text(ls, l));
	}
	return 0;
}
