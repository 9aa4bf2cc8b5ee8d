/* SPDX-License-Identifier: GPL-2.0 */
/* A source range, 1-based; the layout bison's %locations expects (YYLTYPE). */
#ifndef QT_LOC_H
#define QT_LOC_H

struct loc {
	int first_line;
	int first_column;
	int last_line;
	int last_column;	/* inclusive: the column of the range's last character */
	int file;		/* 0: the script; else an imported file (diag_add_source) */
};

#endif
