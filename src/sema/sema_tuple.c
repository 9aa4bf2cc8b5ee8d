// SPDX-License-Identifier: GPL-2.0
/*
 * Tuple comparison, as bpftrace's manual allows it (== and != on strings,
 * integer arrays and tuples): element by element, so tuples of the same
 * shape compare whatever the sizes of their strings and integers.
 */
#include <string.h>
#include "sema/sema_int.h"
#include "util/arena.h"

/*
 * Why a and b cannot be compared element by element (NULL when they can);
 * path names the element ("1", "1.0") for the note.
 */
static const char *mismatch(const struct type *a, const struct type *b,
			    const char *path)
{
	const char *why, *p;
	int i;

	if (sema_is_int(a) && sema_is_int(b))
		return NULL;
	if (a->kind == T_STR && b->kind == T_STR)
		return NULL;
	if ((a->kind == T_STRUCT || a->kind == T_ARRAY) && type_equal(a, b))
		return NULL;
	/* ntop(), buf(), macaddr(), usym() values are tuples only underneath */
	if ((a->kind == T_TUPLE && (a->print || a->stack)) ||
	    (b->kind == T_TUPLE && (b->print || b->stack)))
		return arena_printf("%s%s%s'%s' and '%s' do not compare",
				    *path ? "element " : "", path, *path ? ": " : "",
				    type_name(a), type_name(b));
	if (a->kind != T_TUPLE || b->kind != T_TUPLE) {
		if (!*path)
			return "";
		return arena_printf("element %s is '%s' on the left and '%s' on the right",
				    path, type_name(a), type_name(b));
	}
	if (a->nfields != b->nfields && !*path)
		return arena_printf("the left has %d element%s, the right %d",
				    a->nfields, a->nfields == 1 ? "" : "s", b->nfields);
	if (a->nfields != b->nfields)
		return arena_printf("element %s has %d element%s on the left and %d on the right",
				    path, a->nfields, a->nfields == 1 ? "" : "s", b->nfields);
	if (a->named != b->named && !*path)
		return "one side is a record, the other a tuple";
	if (a->named != b->named)
		return arena_printf("element %s is a record on one side and a tuple on the other",
				    path);
	for (i = 0; i < a->nfields; i++) {
		p = *path ? arena_printf("%s.%d", path, i) : arena_printf("%d", i);
		if (a->named && strcmp(a->fields[i].name, b->fields[i].name))
			return arena_printf("element %s is named '%s' on the left and '%s' on the right",
					    p, a->fields[i].name, b->fields[i].name);
		why = mismatch(a->fields[i].type, b->fields[i].type, p);
		if (why)
			return why;
	}
	return NULL;
}

/*
 * l op r where either side is a tuple: true when they compare (the result
 * is a bool), else the error is reported at n.
 */
bool sema_tuple_compare(struct sema *s, struct node *n, struct type *l,
			struct type *r)
{
	const char *why;

	if (n->bin.op != OP_EQ && n->bin.op != OP_NE) {
		sema_error(s, n->loc, "cannot apply '%s' to a tuple", op_name(n->bin.op));
		sema_note(s, "tuples can only be compared with == and !=");
		return false;
	}
	if (l->print || l->stack || r->print || r->stack) {
		sema_error(s, n->loc, "cannot apply '%s' to '%s'", op_name(n->bin.op),
			   type_name(l->print || l->stack ? l : r));
		sema_note(s, "ntop(), buf(), macaddr() and usym() values are only printed");
		return false;
	}
	why = mismatch(l, r, "");
	if (!why)
		return true;
	sema_error(s, n->loc, "type mismatch for '%s': '%s' and '%s'",
		   op_name(n->bin.op), type_name(l), type_name(r));
	if (*why)
		sema_note(s, "tuples compare element by element: %s", why);
	return false;
}
