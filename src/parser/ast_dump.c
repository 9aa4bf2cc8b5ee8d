// SPDX-License-Identifier: GPL-2.0
/* -d ast: the tree, one node per line, two spaces per level. */
#include <inttypes.h>
#include "parser/ast.h"

static void dump(FILE *f, const struct node *n, int depth);

static void dump_list(FILE *f, const struct node *n, int depth)
{
	for (; n; n = n->next)
		dump(f, n, depth);
}

/* A string literal with its escapes put back, so the line stays one line. */
static void dump_str(FILE *f, const char *s, int len)
{
	int i;

	fputc('"', f);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		case '"': fputs("\\\"", f); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* The node's own line: kind and salient data. */
static void head(FILE *f, const struct node *n)
{
	int i;

	switch (n->kind) {
	case N_INT:
		if (n->num.is_bool)
			fputs(n->num.v ? "bool true" : "bool false", f);
		else
			fprintf(f, "int %" PRIu64, n->num.v);
		break;
	case N_STR: fputs("str ", f); dump_str(f, n->str.s, n->str.len); break;
	case N_IDENT: fprintf(f, "ident %s", n->ident.name); break;
	case N_VAR: fprintf(f, "var %s", n->var.name); break;
	case N_POSPARAM: fprintf(f, "posparam $%d", n->pos.n); break;
	case N_POSCOUNT: fputs("poscount $#", f); break;
	case N_MAP: fprintf(f, "map %s", n->map.name); break;
	case N_CALL: fprintf(f, "call %s", n->call.name); break;
	case N_BINOP: fprintf(f, "binop %s", op_name(n->bin.op)); break;
	case N_UNOP:
		fprintf(f, "unop %s%s", op_name(n->un.op),
			n->un.op == OP_POSTINC || n->un.op == OP_POSTDEC ? " (post)" : "");
		break;
	case N_TERNARY: fputs("ternary", f); break;
	case N_FIELD:
		fprintf(f, "field %s%s", n->field.arrow ? "->" : ".", n->field.name);
		break;
	case N_INDEX: fputs("index", f); break;
	case N_CAST:
		fprintf(f, "cast %s", n->cast.to.name);
		if (n->cast.to.ptr)
			fputc(' ', f);
		for (i = 0; i < n->cast.to.ptr; i++)
			fputc('*', f);
		break;
	case N_TUPLE: fprintf(f, "tuple (%d)", n->tuple.n); break;
	case N_EXPR: fputs("expr", f); break;
	case N_ASSIGN:
		fprintf(f, "assign %s%s", n->assign.op ? op_name(n->assign.op) : "",
			"=");
		break;
	case N_IF: fputs("if", f); break;
	case N_WHILE: fputs("while", f); break;
	case N_UNROLL: fputs("unroll", f); break;
	case N_FOR: fputs(n->forl.map ? "for map" : "for range", f); break;
	case N_RETURN: fputs("return", f); break;
	case N_BREAK: fputs("break", f); break;
	case N_CONTINUE: fputs("continue", f); break;
	case N_BLOCK: fputs("block", f); break;
	case N_LET:
		fputs("let", f);
		if (n->let.ts.name)
			fprintf(f, " : %s", n->let.ts.name);
		break;
	case N_ATTACH:
		fprintf(f, "attach %s [", n->attach.spec);
		for (i = 0; i < n->attach.nparts; i++)
			fprintf(f, "%s'%s'", i ? ", " : "", n->attach.parts[i]);
		fputc(']', f);
		break;
	case N_PROBE:
		fprintf(f, "probe #%d", n->probe.index);
		if (n->probe.name)
			fprintf(f, " name %s", n->probe.name);
		break;
	case N_PROGRAM: fputs("program", f); break;
	case N_CONFIG: fputs("config", f); break;
	case N_MACRO: fprintf(f, "macro %s (%d)", n->macro.name, n->macro.nparams); break;
	case N_BLOCKEXPR: fprintf(f, "macro expansion %s", n->bexpr.name); break;
	}
	fprintf(f, "  <%d:%d>\n", n->loc.first_line, n->loc.first_column);
}

/* A labelled child, for the parts a reader could not tell apart. */
static void labelled(FILE *f, const char *label, const struct node *n, int depth)
{
	if (!n)
		return;
	fprintf(f, "%*s%s:\n", depth * 2, "", label);
	dump(f, n, depth + 1);
}

static void dump(FILE *f, const struct node *n, int depth)
{
	fprintf(f, "%*s", depth * 2, "");
	head(f, n);
	depth++;
	switch (n->kind) {
	case N_MAP: dump_list(f, n->map.keys, depth); break;
	case N_CALL: dump_list(f, n->call.args, depth); break;
	case N_BINOP: dump(f, n->bin.l, depth); dump(f, n->bin.r, depth); break;
	case N_UNOP: dump(f, n->un.e, depth); break;
	case N_TERNARY:
		dump(f, n->tern.c, depth);
		dump(f, n->tern.t, depth);
		dump(f, n->tern.f, depth);
		break;
	case N_FIELD: dump(f, n->field.e, depth); break;
	case N_INDEX: dump(f, n->index.e, depth); dump(f, n->index.idx, depth); break;
	case N_CAST: dump(f, n->cast.e, depth); break;
	case N_TUPLE: dump_list(f, n->tuple.elems, depth); break;
	case N_EXPR:
	case N_RETURN:
		if (n->expr.e)
			dump(f, n->expr.e, depth);
		break;
	case N_ASSIGN: dump(f, n->assign.lhs, depth); dump(f, n->assign.rhs, depth); break;
	case N_IF:
		dump(f, n->ifs.cond, depth);
		dump(f, n->ifs.then, depth);
		labelled(f, "else", n->ifs.els, depth);
		break;
	case N_WHILE: dump(f, n->loop.cond, depth); dump(f, n->loop.body, depth); break;
	case N_UNROLL: dump(f, n->unroll.count, depth); dump(f, n->unroll.body, depth); break;
	case N_FOR:
		dump(f, n->forl.var, depth);
		dump(f, n->forl.map, depth);
		dump(f, n->forl.lo, depth);
		dump(f, n->forl.hi, depth);
		dump(f, n->forl.body, depth);
		break;
	case N_BLOCK: dump_list(f, n->block.stmts, depth); break;
	case N_LET:
		dump(f, n->let.var, depth);
		if (n->let.init)
			dump(f, n->let.init, depth);
		break;
	case N_PROBE:
		dump_list(f, n->probe.attach, depth);
		labelled(f, "pred", n->probe.pred, depth);
		dump(f, n->probe.body, depth);
		break;
	case N_PROGRAM:
		dump_list(f, n->program.config, depth);
		dump_list(f, n->program.macros, depth);
		dump_list(f, n->program.probes, depth);
		break;
	case N_CONFIG: dump_list(f, n->config.items, depth); break;
	case N_MACRO:
		dump_list(f, n->macro.params, depth);
		dump(f, n->macro.body, depth);
		break;
	case N_BLOCKEXPR:
		dump_list(f, n->bexpr.stmts, depth);
		labelled(f, "value", n->bexpr.value, depth);
		break;
	default:
		break;
	}
}

void ast_dump(FILE *f, const struct node *n)
{
	if (n)
		dump(f, n, 0);
}
