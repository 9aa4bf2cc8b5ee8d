/* SPDX-License-Identifier: GPL-2.0 */
/* A growable string (heap, not arena): for output formatting and messages. */
#ifndef QT_STRBUF_H
#define QT_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sb_putc(struct strbuf *b, char c);
void sb_puts(struct strbuf *b, const char *s);
void sb_putn(struct strbuf *b, const char *s, size_t n);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *b);
void sb_free(struct strbuf *b);

#endif
