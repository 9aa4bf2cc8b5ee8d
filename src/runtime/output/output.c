// SPDX-License-Identifier: GPL-2.0
/* Formatting of printf(), time() and print(value) records, in bpftrace's layout. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "runtime/output/output.h"
#include "runtime/symbols/stacks.h"

/* An integer of storage size `size` at p, sign-extended when is_signed. */
static uint64_t read_int(const void *p, int size, bool is_signed)
{
	uint64_t v = 0;

	if (size <= 0 || size > 8)
		size = 8;
	memcpy(&v, p, size);	/* little-endian: the low bytes come first */
	if (size < 8 && is_signed && (v >> (size * 8 - 1)) & 1)
		v |= ~0ULL << (size * 8);
	return v;
}

static void format(FILE *out, const struct type *t, const void *p, bool compact);

/* A bitfield's value: bits at bit_off of the little-endian bytes at p. */
uint64_t out_field_bits(const struct field *f, const uint8_t *p)
{
	uint64_t v = 0;
	int n = (f->bit_off + f->bits + 7) / 8;

	memcpy(&v, p, n > 8 ? 8 : n);
	v <<= 64 - f->bits - f->bit_off;
	if (f->type->kind == T_INT && f->type->is_signed)
		return (uint64_t)((int64_t)v >> (64 - f->bits));
	return v >> (64 - f->bits);
}

/* The fields of a struct; anonymous members' fields inline, as C reads them. */
static void struct_fields(FILE *out, struct type *t, const uint8_t *p, bool compact,
			  int *n)
{
	const struct field *f;
	const char *name;
	uint64_t v;
	int i;

	type_complete(t);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (!f->name[0] && f->type->kind == T_STRUCT) {
			struct_fields(out, f->type, p + f->offset, compact, n);
			continue;
		}
		fputs(*n ? (compact ? "," : ", ") : "", out);
		fprintf(out, compact ? ".%s=" : ".%s = ", f->name);
		(*n)++;
		if (!f->bits) {
			format(out, f->type, p + f->offset, compact);
			continue;
		}
		v = out_field_bits(f, p + f->offset);
		if ((name = type_enum_name(f->type, (int64_t)v)))
			fputs(name, out);
		else
			fprintf(out, f->type->is_signed ? "%lld" : "%llu", (long long)v);
	}
}

/* "{ .a = 1, .b = { .c = 2 } }"; keys compact, "{.a=1,.b={.c=2}}" (bpftrace) */
static void format_struct(FILE *out, const struct type *t, const uint8_t *p, bool compact)
{
	int n = 0;

	fputs(compact ? "{" : "{ ", out);
	struct_fields(out, (struct type *)t, p, compact, &n);
	fputs(compact || !n ? "}" : " }", out);
}

static void format_array(FILE *out, const struct type *t, const uint8_t *p, bool compact)
{
	int i;

	fputc('[', out);
	for (i = 0; i < t->count; i++) {
		if (i)
			fputc(',', out);
		format(out, t->elem, p + i * t->elem->size, compact);
	}
	fputc(']', out);
}

void out_format_value(FILE *out, const struct type *t, const void *p)
{
	format(out, t, p, false);
}

void out_format_key(FILE *out, const struct type *t, const void *p)
{
	format(out, t, p, true);
}

static void format(FILE *out, const struct type *t, const void *p, bool compact)
{
	const char *s = p, *name;
	int i;

	if (t->print && out_format_print(out, t, p))
		return;
	switch (t->kind) {
	case T_INT:
		if (t->enums && (name = type_enum_name(t, (int64_t)read_int(p, t->size,
									   t->is_signed))))
			fputs(name, out);
		else if (t->stack)
			stacks_format(out, t, read_int(p, 8, false), 8);
		else if (t->is_bool)
			fputs(read_int(p, t->size, false) ? "true" : "false", out);
		else if (t->is_signed)
			fprintf(out, "%lld", (long long)read_int(p, t->size, true));
		else
			fprintf(out, "%llu", (unsigned long long)read_int(p, t->size, false));
		break;
	case T_STR:
		fwrite(s, 1, strnlen(s, t->size), out);
		break;
	case T_TUPLE:
		if (t->stack == STACK_USYM) {
			stacks_format_usym(out, read_int(p, 8, false),
					   (int)read_int(s + 8, 8, false),
					   read_int(s + 16, 8, false));
			break;
		}
		/* a record: "{ .a = 1, .b = x }", in keys too (bpftrace) */
		fputs(t->named ? "{ " : "(", out);
		for (i = 0; i < t->nfields; i++) {
			if (i)
				fputs(", ", out);
			if (t->named)
				fprintf(out, ".%s = ", t->fields[i].name);
			format(out, t->fields[i].type, s + t->fields[i].offset, compact);
		}
		fputs(t->named ? " }" : ")", out);
		break;
	case T_STRUCT:
		format_struct(out, t, p, compact);
		break;
	case T_ARRAY:
		format_array(out, t, p, compact);
		break;
	case T_PTR:
		fprintf(out, "0x%llx", (unsigned long long)read_int(p, 8, false));
		break;
	default:
		/* pointers and anything else: the 8-byte value, as bpftrace prints them */
		fprintf(out, "%llu", (unsigned long long)read_int(p, 8, false));
		break;
	}
}

/* One parsed conversion: %[flags][width][.prec][len]conv */
struct spec {
	char flags[8];
	int width;		/* -1: none */
	int prec;		/* -1: none */
	int len;		/* -2 hh, -1 h, 0 none, 1 l/ll/z/j/t; %r: 'x', 'h' or 0 */
	char conv;
	int end;		/* index just past the conversion in fmt */
};

/* Parse the conversion starting at fmt[i] == '%'; false if it is not one. */
static bool parse_spec(const char *fmt, int i, struct spec *sp)
{
	int nf = 0;

	i++;
	memset(sp, 0, sizeof(*sp));
	while (fmt[i] && strchr("-0+ #", fmt[i])) {
		if (nf < (int)sizeof(sp->flags) - 1 && !strchr(sp->flags, fmt[i]))
			sp->flags[nf++] = fmt[i];
		i++;
	}
	sp->width = -1;
	sp->prec = -1;
	/* past 4096 (refused below) stop growing: a long digit run must not overflow */
	for (; fmt[i] >= '0' && fmt[i] <= '9'; i++)
		if (sp->width <= 4096)
			sp->width = (sp->width < 0 ? 0 : sp->width) * 10 + (fmt[i] - '0');
	if (fmt[i] == '.') {
		sp->prec = 0;
		for (i++; fmt[i] >= '0' && fmt[i] <= '9'; i++)
			if (sp->prec <= 4096)
				sp->prec = sp->prec * 10 + (fmt[i] - '0');
	}
	if (sp->width > 4096 || sp->prec > 4096)
		return false;
	if (fmt[i] == 'h') {
		sp->len = fmt[i + 1] == 'h' ? -2 : -1;
		i += fmt[i + 1] == 'h' ? 2 : 1;
	} else if (fmt[i] == 'l') {
		sp->len = 1;
		i += fmt[i + 1] == 'l' ? 2 : 1;
	} else if (fmt[i] == 'z' || fmt[i] == 'j' || fmt[i] == 't') {
		sp->len = 1;
		i++;
	}
	if (fmt[i] == 'g' && fmt[i + 1] == 'r') {	/* %gr: GFP flags */
		sp->conv = 'g';
		sp->end = i + 2;
		return true;
	}
	if (!fmt[i] || !strchr("diuxXocspr", fmt[i]))
		return false;
	sp->conv = fmt[i];
	sp->end = i + 1;
	/* %r %rx %rh: a buffer; the mode letter is kept in len */
	if (sp->conv == 'r' && (fmt[i + 1] == 'x' || fmt[i + 1] == 'h')) {
		sp->len = fmt[i + 1];
		sp->end++;
	}
	return true;
}

/*
 * A C format for one conversion, built from parsed parts only (never the
 * user's text): flags limited to allowed, then width, precision, the length
 * modifier `mod` and `conv`.
 */
static void build_fmt(char *buf, size_t n, const struct spec *sp,
		      const char *allowed, const char *mod, char conv)
{
	char flags[8];
	char prec[16] = "";
	int j = 0, k;

	for (k = 0; sp->flags[k]; k++)
		if (strchr(allowed, sp->flags[k]))
			flags[j++] = sp->flags[k];
	flags[j] = '\0';
	if (sp->prec >= 0)
		snprintf(prec, sizeof(prec), ".%d", sp->prec);
	if (sp->width >= 0)
		snprintf(buf, n, "%%%s%d%s%s%c", flags, sp->width, prec, mod, conv);
	else
		snprintf(buf, n, "%%%s%s%s%c", flags, prec, mod, conv);
}

/*
 * A conversion with no flag, width or precision: its digits written here.
 * A C format built for each one and vfprintf were most of the reader's
 * time at a million printf lines a second.
 */
static bool plain(const struct spec *sp)
{
	return !sp->flags[0] && sp->width < 0 && sp->prec < 0;
}

static void put_digits(FILE *out, unsigned long long x, unsigned int base, bool upper,
		       bool neg)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = dig[x % base];
		x /= base;
	} while (x);
	if (neg)
		*--p = '-';
	fwrite(p, 1, buf + sizeof(buf) - p, out);
}

/* %d %i: the 64-bit value narrowed as C would for the length modifier. */
static void put_signed(FILE *out, const struct spec *sp, uint64_t v)
{
	char f[48];
	long long x;

	if (sp->len == -2)
		x = (signed char)v;
	else if (sp->len == -1)
		x = (short)v;
	else if (sp->len == 0)
		x = (int)v;
	else
		x = (long long)v;
	if (plain(sp)) {
		put_digits(out, x < 0 ? -(unsigned long long)x : (unsigned long long)x, 10,
			   false, x < 0);
		return;
	}
	build_fmt(f, sizeof(f), sp, "-0+ ", "ll", 'd');
	fprintf(out, f, x);
}

/* %u %x %X %o */
static void put_unsigned(FILE *out, const struct spec *sp, uint64_t v)
{
	char f[48];
	unsigned long long x;

	if (sp->len == -2)
		x = (unsigned char)v;
	else if (sp->len == -1)
		x = (unsigned short)v;
	else if (sp->len == 0)
		x = (unsigned int)v;
	else
		x = v;
	if (plain(sp)) {
		put_digits(out, x, sp->conv == 'u' ? 10 : sp->conv == 'o' ? 8 : 16,
			   sp->conv == 'X', false);
		return;
	}
	build_fmt(f, sizeof(f), sp, "-0#", "ll", sp->conv);
	fprintf(out, f, x);
}

/* What format() writes for (t, p), padded as %s pads (width, '-'). */
static void put_padded(FILE *out, const struct spec *sp,
		       void (*format)(FILE *, const struct type *, const void *),
		       const struct type *t, const void *p)
{
	char f[48];
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);

	if (!mem)
		return;
	format(mem, t, p);
	if (fclose(mem) != 0 || !s) {
		free(s);
		return;
	}
	build_fmt(f, sizeof(f), sp, "-", "", 's');
	fprintf(out, f, s);
	free(s);
}

/* %s of any value: strings up to their NUL, others as print() shows them. */
static void put_string(FILE *out, const struct spec *sp, const struct type *t,
		       const void *p)
{
	put_padded(out, sp, out_format_value, t, p);
}

/* %gr: the GFP flag names of the u64 at p. */
static void format_gfp(FILE *out, const struct type *t, const void *p)
{
	(void)t;
	out_format_gfp(out, *(const uint64_t *)p);
}

static void put_gfp(FILE *out, const struct spec *sp, uint64_t v)
{
	put_padded(out, sp, format_gfp, NULL, &v);
}

/* Format one conversion with its argument (t, p); p is NULL if missing. */
static void put_conv(FILE *out, const struct spec *sp, const struct type *t,
		     const void *p)
{
	char f[48];
	uint64_t v = 0;

	if (sp->conv == 's') {
		if (p)
			put_string(out, sp, t, p);
		return;
	}
	if (sp->conv == 'r') {
		if (p && t->print == PK_BUFFER)
			out_format_buffer(out, p, t->fields[1].type->size, (char)sp->len);
		else if (p)
			put_string(out, sp, t, p);
		return;
	}
	if (p && (t->kind == T_INT || t->kind == T_PTR))
		v = read_int(p, t->kind == T_INT ? t->size : 8,
			     t->kind == T_INT && t->is_signed);
	switch (sp->conv) {
	case 'd':
	case 'i':
		put_signed(out, sp, v);
		break;
	case 'g':
		put_gfp(out, sp, v);
		break;
	case 'c':
		build_fmt(f, sizeof(f), sp, "-", "", 'c');
		fprintf(out, f, (int)(unsigned char)v);
		break;
	case 'p':
		build_fmt(f, sizeof(f), sp, "-", "", 'p');
		fprintf(out, f, (void *)(uintptr_t)v);
		break;
	default:
		put_unsigned(out, sp, v);
		break;
	}
}

/* The address of argument i in the payload, or NULL when it does not fit. */
static const void *arg_ptr(const struct fmtinfo *f, int i, const void *payload,
			   size_t len)
{
	const struct type *t = f->arg_types[i];
	size_t size = t->kind == T_INT || t->kind == T_PTR ? 8 : (size_t)t->size;

	if (f->arg_offsets[i] < 0 || (size_t)f->arg_offsets[i] + size > len)
		return NULL;
	return (const char *)payload + f->arg_offsets[i];
}

void out_printf(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	const char *fmt = f->fmt ? f->fmt : "";
	struct spec sp;
	int i = 0, arg = 0;

	while (fmt[i]) {
		if (fmt[i] != '%') {
			size_t n = strcspn(fmt + i, "%");

			fwrite(fmt + i, 1, n, out);	/* the text up to the next conversion */
			i += n;
			continue;
		}
		if (fmt[i + 1] == '%') {
			fputc('%', out);
			i += 2;
			continue;
		}
		if (!parse_spec(fmt, i, &sp) || arg >= f->nargs) {
			fputc(fmt[i++], out);
			continue;
		}
		put_conv(out, &sp, f->arg_types[arg],
			 arg_ptr(f, arg, payload, len));
		arg++;
		i = sp.end;
	}
}

void out_time(FILE *out, const struct fmtinfo *f)
{
	const char *fmt = f && f->fmt ? f->fmt : "%H:%M:%S\n";
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	out_strftime(out, fmt, &now);
}

void out_value(FILE *out, const struct fmtinfo *f, const void *payload, size_t len)
{
	if (f->nargs >= 1 && arg_ptr(f, 0, payload, len))
		out_format_value(out, f->arg_types[0], arg_ptr(f, 0, payload, len));
	fputc('\n', out);
}
