// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over attach points and printf formats.  Input: an
 * attach point, a newline, a printf format, a newline, payload bytes.  The
 * script "ATTACH { printf("FORMAT", args...); }" gets one argument per
 * conversion (a string for %s, an integer otherwise) so formats reach past
 * sema; each accepted format is then rendered by the runtime's printf from
 * the payload bytes, as if an event had brought them.  The payload is also
 * read as a USDT note's argument string ("-4@%edi 8@sym+8(%rip) ...": the
 * bytes of binaries qtrace is pointed at).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "runtime/output/output.h"
#include "runtime/probes/usdt_args.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t *payload;
static size_t payload_len;

/* Arguments for fmt's conversions, at most 16: ", str" for %s, ", pid" else. */
static void add_args(char *out, const char *fmt, size_t flen)
{
	size_t i;
	int n = 0;

	for (i = 0; i < flen && n < 16; i++) {
		if (fmt[i] != '%')
			continue;
		if (i + 1 < flen && fmt[i + 1] == '%') {
			i++;
			continue;
		}
		while (i + 1 < flen && strchr("-+ #0123456789.lhz", fmt[i + 1]))
			i++;
		strcat(out, i + 1 < flen && fmt[i + 1] == 's' ? ", \"str\"" : ", pid");
		n++;
	}
}

static void render(struct program *p)
{
	static FILE *devnull;
	uint8_t *buf;
	int i;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	for (i = 0; i < p->nfmts; i++) {
		const struct fmtinfo *f = p->fmts[i];
		size_t n = f->size > 0 ? (size_t)f->size : 0;

		if (!f->fmt || !(buf = calloc(1, n + 1)))
			continue;
		memcpy(buf, payload, payload_len < n ? payload_len : n);
		out_printf(devnull, f, buf, n);
		free(buf);
	}
}

/* Every symbol short enough resolves, so sym(%rip) forms get past lookup. */
static bool any_sym(void *data, const char *sym, uint64_t *addr)
{
	(void)data;
	*addr = 0x401000 + strlen(sym);
	return strlen(sym) < 64;
}

static void usdt_specs(void)
{
	struct usdt_site_ctx ctx = { .pc = 0x401234, .lookup = any_sym };
	struct usdt_arg *args;
	char *s = malloc(payload_len + 1);

	if (!s)
		return;
	memcpy(s, payload, payload_len);
	s[payload_len] = '\0';
	usdt_args_parse(s, &ctx, &args);
	arena_free_all();
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl1 = memchr(data, '\n', size), *nl2;
	size_t alen, flen;
	char *text;

	if (!nl1)
		return 0;
	alen = (size_t)(nl1 - data);
	nl2 = memchr(nl1 + 1, '\n', size - alen - 1);
	flen = nl2 ? (size_t)(nl2 - nl1 - 1) : size - alen - 1;
	payload = nl2 ? nl2 + 1 : data + size;
	payload_len = (size_t)(data + size - payload);
	usdt_specs();
	text = malloc(alen + flen + 16 * 8 + 32);
	if (!text)
		return 0;
	/* a NUL in the input ends the script early: the lexer sees a C string */
	memcpy(text, data, alen);
	memcpy(text + alen, " { printf(\"", 11);
	memcpy(text + alen + 11, nl1 + 1, flen);
	text[alen + 11 + flen] = '\0';
	strcat(text, "\"");
	add_args(text, (const char *)nl1 + 1, flen);
	strcat(text, "); }");
	fuzz_compile(text, false, render);
	free(text);
	return 0;
}
