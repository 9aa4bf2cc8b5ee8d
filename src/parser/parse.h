/* SPDX-License-Identifier: GPL-2.0 */
/* Source text to AST. */
#ifndef QT_PARSE_H
#define QT_PARSE_H

struct node;

/*
 * Parse text (already given to diag_set_source) into an N_PROGRAM.
 * Reports every syntax error; returns NULL when there was any.
 */
struct node *parse_program(const char *text);

#endif
