/* SPDX-License-Identifier: GPL-2.0 */
/* The scanner's state, shared by the flex lexer and the bison parser. */
#ifndef QT_LEXER_H
#define QT_LEXER_H

#include <stdbool.h>
#include "util/loc.h"
#include "util/strbuf.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

struct node;
struct pp_define;

/* An open '(', '[' or '{' waiting for its closer: for "to close" messages. */
struct bracket {
	char c;
	struct loc loc;
};

struct lex_state {
	const char *text;	/* the whole source */
	int line, col;		/* where the next character is */
	int file;		/* the tokens' struct loc file (an import's id) */
	struct loc last;	/* the last token returned: EOF is placed after it */
	int ret_state;		/* start condition to resume after a string/comment */
	struct loc open_loc;	/* opening quote or comment */
	struct strbuf sb;	/* string literal being decoded */
	int ntok;		/* tokens returned so far */
	int err_tok;		/* number of the token after a lexer error, or 0 */
	bool eof_error;		/* an unterminated token ran into EOF (already reported) */
	struct bracket *stack;	/* open brackets, innermost last */
	int nstack, capstack;
	bool plain_attach;	/* the last attach point was one word: maybe a statement */
	int depth;		/* open '{' on the stack: 0 is the top level */
	struct node *result;	/* the N_PROGRAM the parser built */
	struct node *config;	/* N_CONFIG blocks, in order */
	struct node *macros;	/* N_MACRO definitions, in order */
	const struct pp_define *defs;	/* #define constants, expanded in bodies */
	int define_depth;	/* scanning a #define's value (nested ones count) */
	struct loc define_loc;	/* the name it replaced: its tokens' location */
	const struct pp_define *expanding[16];	/* the #defines being scanned, outermost first */
	long define_expansions;	/* in this script: bounded, as the tokens are */
	bool define_refused;	/* an expansion was refused: said once */
	struct structdef *structs;	/* struct definitions so far, in order */
	struct mapdecl *mapdecls;	/* let @m = hash(N); so far, in order */
	struct import *imports;	/* import "NAME"; so far, in order */
	struct lex_ahead *ahead;	/* tokens scanned ahead of the parser (lexer.l) */
	int prev_tok;		/* the last token returned */
};

/* A scanner over text; 0 or -1. */
int lex_open(yyscan_t *sc, struct lex_state *ls, const char *text);
void lex_close(yyscan_t sc);
struct lex_state *lex_state(yyscan_t sc);
/* The innermost open bracket, or NULL. */
const struct bracket *lex_open_bracket(const struct lex_state *ls);

#endif
