// SPDX-License-Identifier: GPL-2.0
/* Diagnostics: the one renderer for compiler errors, warnings and notes. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/diag.h"

/* [0]: the script; then each imported file, by struct loc's file */
#define DIAG_MAX_SOURCES 256
static struct {
	const char *name, *text;
} src[DIAG_MAX_SOURCES];
static int nsrc = 1;
static FILE *stream;
static int nerrors;
static bool last_shown = true;	/* a note follows only a message that was printed */

enum colour { C_NONE, C_BOLD, C_ERROR, C_WARN, C_NOTE, C_CARET };

static const char *const sgr[] = {
	[C_NONE] = "\033[0m",
	[C_BOLD] = "\033[1m",
	[C_ERROR] = "\033[1;31m",
	[C_WARN] = "\033[1;35m",
	[C_NOTE] = "\033[1;36m",
	[C_CARET] = "\033[1;32m",
};

static FILE *out(void)
{
	return stream ? stream : stderr;
}

static bool use_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	if (nc && nc[0])
		return false;
	return isatty(fileno(out()));
}

static void colour(enum colour c)
{
	if (use_colour())
		fputs(sgr[c], out());
}

void diag_set_source(const char *name, const char *text)
{
	src[0].name = name;
	src[0].text = text;
	nsrc = 1;
}

int diag_add_source(const char *name, const char *text)
{
	if (nsrc == DIAG_MAX_SOURCES)
		return -1;
	src[nsrc].name = name;
	src[nsrc].text = text;
	return nsrc++;
}

const char *diag_source_text(int id)
{
	return id >= 0 && id < nsrc ? src[id].text : NULL;
}

const char *diag_source_name(void)
{
	return src[0].name ? src[0].name : "qtrace";
}

const char *diag_loc_name(struct loc loc)
{
	return loc.file > 0 && loc.file < nsrc ? src[loc.file].name : diag_source_name();
}

void diag_set_stream(FILE *f)
{
	stream = f;
}

int diag_errors(void)
{
	return nerrors;
}

void diag_reset(void)
{
	nerrors = 0;
	last_shown = true;
}

/* Start of line 'line' (1-based) in source file, or NULL. */
static const char *line_start(int file, int line)
{
	const char *p = file >= 0 && file < nsrc ? src[file].text : NULL;
	int l;

	if (!p || line < 1)
		return NULL;
	for (l = 1; l < line; l++) {
		p = strchr(p, '\n');
		if (!p)
			return NULL;
		p++;
	}
	return p;
}

/* UTF-8 continuation bytes take no column on the terminal. */
static bool is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Longest source line shown whole; longer ones are cut around the caret. */
#define LINE_SHOWN 120

/*
 * The source line, then '^' under first_column and '~' over the rest of the
 * range on that line; tabs are copied so the caret lines up.  A line longer
 * than LINE_SHOWN (a generated script) shows LINE_SHOWN bytes from a little
 * before the caret, "..." marking what is cut.
 */
static void show_source(struct loc loc)
{
	const char *s = line_start(loc.file, loc.first_line);
	const char *cut = "";
	size_t len;
	int col, last, i;

	if (!s)
		return;
	len = strcspn(s, "\n");
	if (len && s[len - 1] == '\r')
		len--;
	col = loc.first_column < 1 ? 1 : loc.first_column;
	last = loc.last_line == loc.first_line ? loc.last_column : (int)len;
	if (len > LINE_SHOWN) {
		int from = col > 40 ? col - 40 : 0;

		if (from < 3)	/* the "..." below stands on 3 bytes of the line */
			from = 0;
		if (from > (int)len)
			from = (int)len;
		while (from > 0 && from < (int)len && is_cont(s[from]))
			from--;
		if (from) {
			cut = "...";
			col = col - from + 3;
			last = last - from + 3;
		}
		s += from;
		len -= from;
		if (len > LINE_SHOWN)
			len = LINE_SHOWN;
		if (last > (int)len + (int)strlen(cut))
			last = (int)len + (int)strlen(cut);
		fprintf(out(), "%s%.*s%s\n", cut, (int)len, s, len == LINE_SHOWN ? "..." : "");
		s -= strlen(cut);	/* columns count the "..." */
		len += strlen(cut);
	} else {
		fprintf(out(), "%.*s\n", (int)len, s);
	}
	if (last < col)
		last = col;
	if (last > (int)len && col <= (int)len)
		last = (int)len;
	for (i = 1; i < col; i++) {
		if (i <= (int)len && i > (int)strlen(cut) && s[i - 1] == '\t')
			fputc('\t', out());
		else if (i > (int)len || i <= (int)strlen(cut) || !is_cont(s[i - 1]))
			fputc(' ', out());
	}
	colour(C_CARET);
	fputc('^', out());
	for (i = col + 1; i <= last; i++) {
		if (i > (int)len)
			fputc('~', out());
		else if (!is_cont(s[i - 1]))
			fputc(s[i - 1] == '\t' ? '\t' : '~', out());
	}
	colour(C_NONE);
	fputc('\n', out());
}

static void header(struct loc loc, enum colour c, const char *what)
{
	colour(C_BOLD);
	if (loc.first_line > 0)
		fprintf(out(), "%s:%d:%d: ", diag_loc_name(loc), loc.first_line,
			loc.first_column);
	else
		fprintf(out(), "qtrace: ");
	colour(c);
	fprintf(out(), "%s: ", what);
	colour(C_NONE);
}

static bool muted;
static bool no_warnings;

void diag_no_warnings(bool on)
{
	no_warnings = on;
}

bool diag_unshown(void)
{
	return muted || nerrors >= DIAG_MAX_ERRORS;
}

bool diag_mute(bool on)
{
	bool was = muted;

	muted = on;
	return was;
}

static void vreport(struct loc loc, enum colour c, const char *what,
		    bool source, const char *fmt, va_list ap)
{
	header(loc, c, what);
	vfprintf(out(), fmt, ap);
	fputc('\n', out());
	if (source && loc.first_line > 0)
		show_source(loc);
	fflush(out());
}

/* Count an error; false once DIAG_MAX_ERRORS have been printed. */
static bool count_error(void)
{
	if (muted)
		return last_shown = false;
	nerrors++;
	last_shown = nerrors <= DIAG_MAX_ERRORS;
	return last_shown;
}

void diag_error(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!count_error())
		return;
	va_start(ap, fmt);
	vreport(loc, C_ERROR, "error", true, fmt, ap);
	va_end(ap);
}

void diag_warn(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!(last_shown = !muted && !no_warnings))
		return;
	va_start(ap, fmt);
	vreport(loc, C_WARN, "warning", true, fmt, ap);
	va_end(ap);
}

void diag_note(const char *fmt, ...)
{
	va_list ap;

	if (!last_shown)
		return;
	colour(C_NOTE);
	fputs("note: ", out());
	colour(C_NONE);
	va_start(ap, fmt);
	vfprintf(out(), fmt, ap);
	va_end(ap);
	fputc('\n', out());
	fflush(out());
}

void diag_note_at(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!last_shown)
		return;
	va_start(ap, fmt);
	vreport(loc, C_NOTE, "note", true, fmt, ap);
	va_end(ap);
}

void diag_rt_error(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!count_error())
		return;
	va_start(ap, fmt);
	vreport(loc, C_ERROR, "error", false, fmt, ap);
	va_end(ap);
}

void diag_rt_warn(struct loc loc, const char *fmt, ...)
{
	va_list ap;

	if (!(last_shown = !muted && !no_warnings))
		return;
	va_start(ap, fmt);
	vreport(loc, C_WARN, "warning", false, fmt, ap);
	va_end(ap);
}
