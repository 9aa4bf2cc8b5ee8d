// SPDX-License-Identifier: GPL-2.0
/*
 * Context builtins (args, argN, retval), lowered per probe instance by its
 * provider's cg_ctx hook: with wildcards one body is compiled for several
 * tracepoints whose records differ, so fields are found by name each time.
 */
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "runtime/provider.h"
#include "runtime/probes/tracepoint_raw.h"

LLVMValueRef cg_ctx_node(struct cg *c, struct node *n, const char *name, int num,
			 const struct field *f)
{
	const struct provider *prov = c->pi->provider;
	bool mem = cg_is_agg_type(n->type);
	LLVMValueRef dst = NULL, v;

	if (!prov || !prov->cg_ctx) {
		cg_error(c, n, "'%s' is not available in '%s'", name, c->pi->name);
		return cg_i64(c, 0);
	}
	if (mem)
		dst = cg_take_dst(c, n->type->size);
	c->dst = dst;
	c->want_size = mem ? n->type->size : 0;
	c->ctx_node = n;
	v = prov->cg_ctx(c, c->pi, name, num, f);
	c->ctx_node = NULL;
	c->dst = NULL;
	c->want_size = 0;
	if (!v) {
		cg_error(c, n, "cannot read '%s' in '%s'", f ? f->name : name, c->pi->name);
		return mem ? dst : cg_i64(c, 0);
	}
	return v;
}

static const struct field *find_field(const struct type *rec, const char *name)
{
	int i;

	if (!rec || !name)
		return NULL;
	for (i = 0; i < rec->nfields; i++)
		if (!strcmp(rec->fields[i].name, name))
			return &rec->fields[i];
	return NULL;
}

static int chunk2(int a, int b, int left)
{
	int w = 8;

	while (w > 1 && (w > left || a % w || b % w))
		w /= 2;
	return w;
}

/*
 * A char array of the record, copied by direct context loads: tracepoint
 * programs may read their record, and this is cheaper than a helper call.
 * Stack stores must be aligned too ("misaligned stack access").
 */
static LLVMValueRef ctx_chars(struct cg *c, const struct field *f)
{
	int want = c->want_size > 0 ? c->want_size : f->type->size;
	int n = f->type->size < want ? f->type->size : want;
	LLVMValueRef dst = c->dst ? c->dst : cg_buf(c, want);
	LLVMValueRef v;
	int i, w;

	c->dst = NULL;
	for (i = 0; i < n; i += w) {
		w = chunk2(f->offset + i, i, n - i);
		v = cg_load_int(c, cg_gep(c, c->ctxarg, f->offset + i), w, false);
		cg_store_int(c, cg_gep(c, dst, i), v, w);
	}
	if (n < want)
		cg_zero_range(c, dst, n, want);
	return dst;
}

/* __data_loc: u32 (len << 16 | offset of the data in the record); the value is its address. */
static LLVMValueRef ctx_data_loc(struct cg *c, const struct field *f)
{
	LLVMValueRef loc = cg_load_int(c, cg_gep(c, c->ctxarg, f->offset), 4, false);
	LLVMValueRef base = LLVMBuildPtrToInt(c->b, c->ctxarg, c->i64, "");

	loc = LLVMBuildAnd(c->b, loc, cg_i64(c, 0xffff), "");
	return LLVMBuildAdd(c->b, base, loc, "");
}

/*
 * The __data_loc strings of the record's value (sema_record_value placed
 * them after the record's bytes): each read from where its u32 points.
 */
static void record_strings(struct cg *c, struct probe_inst *pi, LLVMValueRef dst)
{
	const struct type *st = pi->args_type->elem;
	const struct field *f, *loc;
	LLVMValueRef a[3];
	int i;

	for (i = 0; st && i < st->nfields; i++) {
		f = &st->fields[i];
		loc = f->data_loc ? find_field(pi->args_type, f->name) : NULL;
		if (!loc || f->offset + f->type->size > c->want_size)
			continue;
		cg_zero_range(c, dst, f->offset, f->offset + f->type->size);
		a[0] = cg_gep(c, dst, f->offset);
		a[1] = cg_i32(c, f->type->size);
		a[2] = LLVMBuildIntToPtr(c->b, ctx_data_loc(c, loc), c->ptr, "");
		cg_helper(c, BPF_FUNC_probe_read_kernel_str, c->i64, a, 3);
	}
}

/*
 * print(args), $a = args: the context from byte `from` on as the record's
 * struct value (its fields sit where the record has them; bytes before
 * `from` stay zero).
 */
LLVMValueRef cg_ctx_record(struct cg *c, struct probe_inst *pi, int from)
{
	struct field all = { .name = "args", .offset = from };
	struct type t = { .kind = T_STRUCT };
	LLVMValueRef dst;
	int size;

	if (!pi->args_type || !c->want_size)
		return NULL;
	size = pi->args_type->size < c->want_size ? pi->args_type->size : c->want_size;
	dst = c->dst ? c->dst : cg_buf(c, c->want_size);
	c->dst = NULL;
	if (size <= from) {
		cg_zero_range(c, dst, 0, c->want_size);
		return dst;
	}
	if (from)
		cg_zero_range(c, dst, 0, from);
	t.size = size - from;
	all.type = &t;
	c->dst = cg_gep(c, dst, from);
	c->want_size -= from;
	ctx_chars(c, &all);
	c->want_size += from;
	record_strings(c, pi, dst);
	return dst;
}

LLVMValueRef cg_ctx_tracepoint(struct cg *c, struct probe_inst *pi, const char *name,
			       int n, const struct field *want)
{
	const struct field *f = find_field(pi->args_type, want ? want->name : NULL);
	const struct type *t;

	/* tracepoint programs may not read the common fields: "invalid bpf_context access off=0" */
	if (!want && !strcmp(name, "args"))
		return cg_ctx_record(c, pi, 8);
	if (!f || strcmp(name, "args"))
		return NULL;
	t = f->type;
	if (f->data_loc)
		return ctx_data_loc(c, f);
	if (t->kind == T_STR || t->kind == T_ARRAY || t->kind == T_STRUCT)
		return ctx_chars(c, f);
	if (t->kind == T_INT)
		return cg_load_int(c, cg_gep(c, c->ctxarg, f->offset), t->size, t->is_signed);
	if (t->kind == T_PTR)
		return cg_load_int(c, cg_gep(c, c->ctxarg, f->offset), 8, false);
	return NULL;
}

/*
 * tracepoint: attached as raw_tp (tracepoint_raw.c): the fields the body
 * reads are raw arguments, ctx[N].
 */
LLVMValueRef cg_ctx_tracepoint_raw(struct cg *c, struct probe_inst *pi, const char *name,
				   int n, const struct field *want)
{
	const struct field *f = find_field(pi->args_type, want ? want->name : NULL);
	int arg = f ? tp_raw_arg_index(pi->target, f->name) : -1;

	if (arg < 0 || strcmp(name, "args") || f->type->kind != T_INT)
		return NULL;
	return cg_load_int(c, cg_gep(c, c->ctxarg, 8 * arg), f->type->size, f->type->is_signed);
}

/* raw_tp: the context is the tracepoint's arguments as an array of u64. */
LLVMValueRef cg_ctx_rawtracepoint(struct cg *c, struct probe_inst *pi, const char *name,
				  int n, const struct field *f)
{
	const struct field *a = find_field(pi->args_type, f ? f->name : NULL);

	if (!f && !strcmp(name, "args"))
		return cg_ctx_record(c, pi, 0);
	if (!strcmp(name, "args") && a && (a->type->kind == T_INT || a->type->kind == T_PTR)) {
		LLVMValueRef v = cg_load_int(c, cg_gep(c, c->ctxarg, a->offset), 8, false);

		if (a->type->kind == T_INT && a->type->size < 8)
			v = cg_normalize(c, v, a->type->size, a->type->is_signed);
		return v;
	}
	if (strcmp(name, "arg") || n < 0 || n >= 12)
		return NULL;
	return cg_load_int(c, cg_gep(c, c->ctxarg, 8 * n), 8, false);
}

void cg_check_ctx_read(struct cg *c, LLVMValueRef ret)
{
	if (c->ctx_node)
		cg_check_helper(c, ret, "probe_read_user", c->ctx_node);
}
