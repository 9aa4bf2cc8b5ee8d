/* SPDX-License-Identifier: GPL-2.0 */
/* The preprocessor lines scripts carry: #include, #define, #ifdef/#ifndef/#else/#endif. */
#ifndef QT_PREPROC_H
#define QT_PREPROC_H

#include <stdbool.h>
#include "util/loc.h"

/* #define NAME value: an object-like macro, expanded by the lexer. */
struct pp_define {
	const char *name;
	const char *value;	/* the rest of the line, trimmed; may be "" */
	struct loc loc;		/* the NAME in its #define (line 0: predefined) */
	int until;		/* line of the #undef or #define that ends it; 0: none */
	struct pp_define *next;
};

/* #include <FILE> or "FILE": not read, remembered for the unknown-type error. */
struct pp_include {
	const char *line;	/* "#include <net/sock.h>" as written */
	struct pp_include *next;	/* in script order */
};

/*
 * Copy of text with every directive line and every line a false #ifdef
 * skips turned into blanks (newlines kept, so lines and columns do not
 * move), and the #defines made (*defs, newest first).  NULL when a
 * directive was wrong (reported, located).  *incs gets the #include lines
 * of kept lines.  BPFTRACE_HAVE_BTF and QTRACE_HAVE_BTF are defined when
 * the kernel has BTF.  file: the text's struct loc file (0: the script).
 */
char *pp_run(const char *text, int file, struct pp_define **defs, struct pp_include **incs);
/* The #define of name in force now (at the end of pp_run: at the end). */
const struct pp_define *pp_find(const struct pp_define *defs, const char *name, int len);
/* The #define of name a use on line sees: defined above it, not yet ended. */
const struct pp_define *pp_find_at(const struct pp_define *defs, const char *name, int len,
				   int line);

#endif
