// SPDX-License-Identifier: GPL-2.0
/* Source text to AST: runs the flex scanner and the bison parser. */
#include "parser/parse.h"
#include "parser/ast.h"
#include "parser/grammar.h"
#include "parser/preproc.h"
#include "parser/import.h"
#include "parser/macro.h"
#include "lexer/lexer.h"
#include "sema/budget.h"
#include "util/diag.h"

int yyparse(yyscan_t scanner);

struct node *parse_source(const char *text, int file)
{
	struct lex_state ls;
	struct pp_define *defs;
	struct pp_include *incs;
	yyscan_t sc;
	int before = diag_errors(), rc;

	text = pp_run(text, file, &defs, &incs);
	if (!text)
		return NULL;
	if (lex_open(&sc, &ls, text)) {
		diag_rt_error((struct loc){ 0 }, "cannot start the scanner: out of memory");
		return NULL;
	}
	ls.defs = defs;
	ls.file = file;
	ls.last.file = file;
	rc = yyparse(sc);
	lex_close(sc);
	if (rc && diag_errors() == before)
		diag_error(ls.last, "syntax error");
	if (rc || diag_errors() > before || !ls.result)
		return NULL;
	ls.result->program.includes = incs;
	return ls.result;
}

struct node *parse_program(const char *text)
{
	struct node *prog = parse_source(text, 0), *n;
	int i = 0;

	if (!prog || import_resolve(prog))
		return NULL;
	/* imports put probes before the script's: number them again */
	for (n = prog->program.probes; n; n = n->next)
		n->probe.index = i++;
	if (macro_expand(prog) || budget_depth(prog))
		return NULL;
	if (!prog->program.probes) {
		diag_rt_error((struct loc){ 1, 1, 1, 1 }, "the script has no probes");
		diag_note("a probe is an attach point and a block: BEGIN { printf(\"hello\\n\"); }");
		return NULL;
	}
	return prog;
}
