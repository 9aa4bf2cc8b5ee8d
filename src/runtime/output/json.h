/* SPDX-License-Identifier: GPL-2.0 */
/* JSON values for -f json (json_value.c), in bpftrace's encoding. */
#ifndef QT_OUT_JSON_H
#define QT_OUT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct type;

/* A JSON string: " \ \n \r \t escaped, other controls as \u00XX. */
void out_json_str(FILE *out, const char *s, size_t n);
/* An integer; one a double cannot hold exactly becomes a string (RFC 8259). */
void out_json_int(FILE *out, uint64_t v, bool is_signed);
/* The value of type t at p: numbers, strings, arrays (tuples), objects (records, structs). */
void out_json_value(FILE *out, const struct type *t, const void *p);

#endif
