/* SPDX-License-Identifier: GPL-2.0 */
/* Diagnostics: the one place that writes compiler errors, warnings and notes. */
#ifndef QT_DIAG_H
#define QT_DIAG_H

#include <stdbool.h>
#include <stdio.h>
#include "util/loc.h"

/*
 * The script being compiled: name is the file name or "<cmdline>" for -e.
 * text is the whole source (NUL-terminated); used to print the source line.
 */
void diag_set_source(const char *name, const char *text);
/* Another source (an imported file): its id for struct loc's file, or -1 (too many). */
int diag_add_source(const char *name, const char *text);
const char *diag_source_text(int id);
/* The name of the file loc is in: the script's, or an import's. */
const char *diag_loc_name(struct loc loc);
const char *diag_source_name(void);

/*
 * FILE:LINE:COL: error: MESSAGE, then the source line, then a caret under
 * loc (^~~~ for the whole range on that line).  Lower case, no final period.
 */
void diag_error(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warn(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "note: MESSAGE" after the last error or warning. */
void diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "FILE:LINE:COL: note: MESSAGE" with the source line and caret: "opened here". */
void diag_note_at(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * Runtime errors: one line, FILE:LINE:COL: error: MESSAGE, no source line
 * (attach failures, verifier rejections, permissions).  A loc with
 * first_line 0 prints "qtrace: error: MESSAGE".
 */
void diag_rt_error(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_rt_warn(struct loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Errors reported so far; a pass stops the compile when this is non-zero. */
int diag_errors(void);
/* Forget the errors so far (the fuzz targets compile many scripts in one process). */
void diag_reset(void);
/*
 * Muted, diagnostics are neither printed nor counted (sema's first, quiet
 * run over the program).  Returns the previous setting.
 */
bool diag_mute(bool on);
/* Would an error now go unshown (muted, or past DIAG_MAX_ERRORS)?  Then a did-you-mean need not be worked out. */
bool diag_unshown(void);
/* --no-warnings: warnings (and their notes) are neither printed nor counted. */
void diag_no_warnings(bool on);
/* After about 20 errors the rest are counted, not printed. */
#define DIAG_MAX_ERRORS 20

/* Where diagnostics go (stderr by default); colour only on a TTY without NO_COLOR. */
void diag_set_stream(FILE *f);

#endif
