// SPDX-License-Identifier: GPL-2.0
/* -f json's values: strings, numbers, tuples, records, structs, arrays, buffers. */
#include <stdlib.h>
#include <string.h>
#include "runtime/output/json.h"
#include "runtime/output/output.h"

/* A JSON string: bpftrace escapes " \ \n \r \t and the other controls as \u00XX. */
void out_json_str(FILE *out, const char *s, size_t n)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/*
 * Integers a double cannot hold exactly (beyond 2^53) become strings, as in
 * bpftrace: JSON readers parse numbers as doubles (RFC 8259).
 */
void out_json_int(FILE *out, uint64_t v, bool is_signed)
{
	char buf[32];
	bool exact;

	if (is_signed) {
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
		exact = (double)(int64_t)v >= -9223372036854775808.0 &&
			(double)(int64_t)v < 9223372036854775808.0 &&
			(int64_t)(double)(int64_t)v == (int64_t)v;
	} else {
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
		exact = (double)v < 18446744073709551616.0 && (uint64_t)(double)v == v;
	}
	if (exact)
		fputs(buf, out);
	else
		out_json_str(out, buf, strlen(buf));
}

/* What text output would print, as a JSON string: stacks, symbols, new kinds. */
static void json_as_text(FILE *out, const struct type *t, const void *p)
{
	char *s = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&s, &n);

	if (!mem)
		return;
	out_format_value(mem, t, p);
	if (fclose(mem) == 0 && s)
		out_json_str(out, s, n);
	free(s);
}

static uint64_t read_u64(const void *p, int size)
{
	uint64_t v = 0;

	memcpy(&v, p, size > 0 && size < 8 ? size : 8);
	return v;
}

/* Records: every field has a name (tuples' fields are named "0", "1", ...). */
static bool all_named(const struct type *t)
{
	int i;

	for (i = 0; i < t->nfields; i++)
		if (!t->fields[i].name || (t->fields[i].name[0] >= '0' &&
					   t->fields[i].name[0] <= '9'))
			return false;
	return t->nfields > 0;
}

/* Records and named tuples: objects; plain tuples: arrays (unspaced, as bpftrace). */
static void json_fields(FILE *out, const struct type *t, const char *p)
{
	bool obj = t->kind == T_RECORD || all_named(t);
	int i;

	fputc(obj ? '{' : '[', out);
	for (i = 0; i < t->nfields; i++) {
		if (i)
			fputs(obj ? ", " : ",", out);
		if (obj) {
			out_json_str(out, t->fields[i].name, strlen(t->fields[i].name));
			fputs(": ", out);
		}
		out_json_value(out, t->fields[i].type, p + t->fields[i].offset);
	}
	fputc(obj ? '}' : ']', out);
}

/* A C struct: an object of its fields, anonymous members' fields inline. */
static void json_struct_fields(FILE *out, struct type *t, const uint8_t *p, int *n)
{
	const struct field *f;
	int i;

	type_complete(t);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (!f->name[0] && f->type->kind == T_STRUCT) {
			json_struct_fields(out, f->type, p + f->offset, n);
			continue;
		}
		fputs((*n)++ ? ", " : "", out);
		out_json_str(out, f->name, strlen(f->name));
		fputs(": ", out);
		if (f->bits)
			out_json_int(out, out_field_bits(f, p + f->offset),
				 f->type->kind == T_INT && f->type->is_signed);
		else
			out_json_value(out, f->type, p + f->offset);
	}
}

static void json_array(FILE *out, const struct type *t, const uint8_t *p)
{
	int i;

	fputc('[', out);
	for (i = 0; i < t->count; i++) {
		if (i)
			fputc(',', out);
		out_json_value(out, t->elem, p + i * t->elem->size);
	}
	fputc(']', out);
}

/* buf(): the bytes as an array of numbers, as bpftrace writes a buffer. */
static void json_buffer(FILE *out, const struct type *t, const uint8_t *p)
{
	uint64_t len = read_u64(p + t->fields[0].offset, 8), i;
	uint64_t cap = (uint64_t)t->fields[1].type->size;

	fputc('[', out);
	for (i = 0; i < len && i < cap; i++)
		fprintf(out, i ? ",%u" : "%u", p[t->fields[1].offset + i]);
	fputc(']', out);
}

void out_json_value(FILE *out, const struct type *t, const void *p)
{
	uint64_t v;
	int n = 0;

	/* values with a print kind (syscall_name, ntop, strftime ...): their text */
	if (t->print == PK_BUFFER && t->nfields == 2) {
		json_buffer(out, t, p);
		return;
	}
	if (t->print) {
		json_as_text(out, t, p);
		return;
	}

	switch (t->kind) {
	case T_INT:
		if (t->stack || t->print) {
			json_as_text(out, t, p);
			break;
		}
		v = read_u64(p, t->size);
		if (t->is_bool) {
			fputs(v ? "true" : "false", out);
			break;
		}
		if (t->is_signed && t->size < 8 && (v >> (t->size * 8 - 1)) & 1)
			v |= ~0ULL << (t->size * 8);
		out_json_int(out, v, t->is_signed);
		break;
	case T_STR:
		out_json_str(out, p, strnlen(p, t->size));
		break;
	case T_TUPLE:
	case T_RECORD:
		if (t->stack || t->print) {
			json_as_text(out, t, p);
			break;
		}
		json_fields(out, t, p);
		break;
	case T_STRUCT:
		fputc('{', out);
		json_struct_fields(out, (struct type *)t, p, &n);
		fputc('}', out);
		break;
	case T_ARRAY:
		json_array(out, t, p);
		break;
	case T_PTR:
		out_json_int(out, read_u64(p, 8), false);
		break;
	default:
		json_as_text(out, t, p);
		break;
	}
}
