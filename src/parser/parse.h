/* SPDX-License-Identifier: GPL-2.0 */
/* Source text to AST. */
#ifndef QT_PARSE_H
#define QT_PARSE_H

struct node;

/*
 * Parse text (already given to diag_set_source) into an N_PROGRAM, with
 * the files it imports (import_set_paths) and its macros expanded.
 * Reports every syntax error; returns NULL when there was any.
 */
struct node *parse_program(const char *text);
/*
 * One file's text (diag source file: 0 the script, else an import's id)
 * as written: imports not resolved, macros not expanded.  NULL on errors.
 */
struct node *parse_source(const char *text, int file);

#endif
