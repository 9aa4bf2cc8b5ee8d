// SPDX-License-Identifier: GPL-2.0
/*
 * Aggregations: count, sum, min, max, avg, stats, hist, lhist into per-CPU
 * hash maps (value layouts in program.h).  The hot path is one lookup and
 * a plain add: the value is this CPU's own, so no atomic is needed.
 */
#include <errno.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "sema/builtins.h"

static LLVMValueRef ld(struct cg *c, LLVMValueRef p, int off)
{
	return cg_load_int(c, cg_gep(c, p, off), 8, false);
}

static void st(struct cg *c, LLVMValueRef p, int off, LLVMValueRef v)
{
	cg_store_int(c, cg_gep(c, p, off), v, 8);
}

static void add_at(struct cg *c, LLVMValueRef p, int off, LLVMValueRef v)
{
	st(c, p, off, LLVMBuildAdd(c->b, ld(c, p, off), v, ""));
}

/* Fold v into the existing value at p. */
static void update_in_place(struct cg *c, struct mapinfo *m, LLVMValueRef p, LLVMValueRef v)
{
	LLVMValueRef old, set, take;
	LLVMIntPredicate pr;

	switch (m->agg) {
	case AGG_SUM:
		add_at(c, p, 0, v);
		break;
	case AGG_MIN:
	case AGG_MAX:
		if (m->agg == AGG_MIN)
			pr = m->value_signed ? LLVMIntSLT : LLVMIntULT;
		else
			pr = m->value_signed ? LLVMIntSGT : LLVMIntUGT;
		old = ld(c, p, 0);
		set = ld(c, p, 8);
		take = LLVMBuildOr(c->b,
			LLVMBuildICmp(c->b, LLVMIntEQ, set, cg_i64(c, 0), ""),
			LLVMBuildICmp(c->b, pr, v, old, ""), "");
		st(c, p, 0, LLVMBuildSelect(c->b, take, v, old, ""));
		st(c, p, 8, cg_i64(c, 1));
		break;
	case AGG_AVG:
	case AGG_STATS:
		add_at(c, p, 0, v);
		add_at(c, p, 8, cg_i64(c, 1));
		break;
	default:	/* count, hist, lhist */
		add_at(c, p, 0, cg_i64(c, 1));
		break;
	}
}

/* The value of a key seen for the first time on this CPU. */
static LLVMValueRef initial(struct cg *c, struct mapinfo *m, LLVMValueRef v)
{
	LLVMValueRef buf = cg_buf(c, m->bpf_value_size);

	switch (m->agg) {
	case AGG_SUM:
		st(c, buf, 0, v);
		break;
	case AGG_MIN:
	case AGG_MAX:
	case AGG_AVG:
	case AGG_STATS:
		st(c, buf, 0, v);
		st(c, buf, 8, cg_i64(c, 1));
		break;
	default:
		st(c, buf, 0, cg_i64(c, 1));
		break;
	}
	return buf;
}

/*
 * Present: fold in place.  Absent: insert with BPF_NOEXIST; when another
 * program raced us to it (-EEXIST), look it up again; any other failure
 * is counted.
 */
static void upsert(struct cg *c, struct mapinfo *m, LLVMValueRef key, LLVMValueRef v)
{
	LLVMValueRef map = cg_map_global(c, m);
	LLVMBasicBlockRef hit = cg_block(c, "agg.hit"), miss = cg_block(c, "agg.miss");
	LLVMBasicBlockRef race = cg_block(c, "agg.race"), retry = cg_block(c, "agg.retry");
	LLVMBasicBlockRef hit2 = cg_block(c, "agg.hit2"), fail = cg_block(c, "agg.fail");
	LLVMBasicBlockRef done = cg_block(c, "agg.done");
	LLVMValueRef p, ret, exist;

	p = cg_map_lookup(c, map, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), miss, hit);
	LLVMPositionBuilderAtEnd(c->b, hit);
	update_in_place(c, m, p, v);
	LLVMBuildBr(c->b, done);

	LLVMPositionBuilderAtEnd(c->b, miss);
	ret = cg_map_update(c, map, key, initial(c, m, v), BPF_NOEXIST);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), ""),
			race, done);
	LLVMPositionBuilderAtEnd(c->b, race);
	exist = LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_i64(c, (uint64_t)-EEXIST), "");
	LLVMBuildCondBr(c->b, exist, retry, fail);
	LLVMPositionBuilderAtEnd(c->b, retry);
	p = cg_map_lookup(c, map, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), fail, hit2);
	LLVMPositionBuilderAtEnd(c->b, hit2);
	update_in_place(c, m, p, v);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, fail);
	cg_stat_inc(c, QT_STAT_MAP_FAIL(m->id));
	/*
	 * the insert's error (-EEXIST when the retried lookup found nothing);
	 * only per-CPU hashes allocate as they go, the others fail when full
	 */
	if (m->percpu && !m->lru)
		cg_stat_store(c, QT_STAT_MAP_ERR(c->p->nmaps, m->id), ret);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/*
 * log2 bucket (program.h): for hist(v), 65 - ctlz(v) gives 1 for 0, 2 for
 * 1 and floor(log2 v) + 2 above; negative values go to bucket 0.  The BPF
 * backend expands ctlz without branches (no loop, no verifier path
 * explosion).  hist(v, k) splits each power of two by the k bits below
 * the top one.
 */
static LLVMValueRef hist_bucket(struct cg *c, struct mapinfo *m, LLVMValueRef v)
{
	unsigned id = LLVMLookupIntrinsicID("llvm.ctlz", 9);
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->mod, id, &c->i64, 1);
	LLVMValueRef a[2] = { v, LLVMConstInt(c->i1, 0, 0) };
	LLVMValueRef lz, b, neg, small, p, bits;
	int k = m->hist_bits;
	uint64_t n = 1ull << k;

	lz = LLVMBuildCall2(c->b, LLVMGlobalGetValueType(fn), fn, a, 2, "");
	neg = LLVMBuildICmp(c->b, LLVMIntSLT, v, cg_i64(c, 0), "");
	if (k == 0) {
		b = LLVMBuildSub(c->b, cg_i64(c, 65), lz, "");
		return LLVMBuildSelect(c->b, neg, cg_i64(c, 0), b, "");
	}
	small = LLVMBuildICmp(c->b, LLVMIntULT, v, cg_i64(c, 2 * n), "");
	/* p = floor(log2 v) - k, 0 for the small values (not used for them) */
	p = LLVMBuildSub(c->b, cg_i64(c, 63 - k), lz, "");
	p = LLVMBuildSelect(c->b, small, cg_i64(c, 0), p, "");
	bits = LLVMBuildSub(c->b, LLVMBuildLShr(c->b, v, p, ""), cg_i64(c, n), "");
	b = LLVMBuildShl(c->b, LLVMBuildAdd(c->b, p, cg_i64(c, 1), ""), cg_i64(c, k), "");
	b = LLVMBuildAdd(c->b, LLVMBuildAdd(c->b, b, bits, ""), cg_i64(c, 1), "");
	b = LLVMBuildSelect(c->b, small, LLVMBuildAdd(c->b, v, cg_i64(c, 1), ""), b, "");
	return LLVMBuildSelect(c->b, neg, cg_i64(c, 0), b, "");
}

static LLVMValueRef lhist_bucket(struct cg *c, struct mapinfo *m, LLVMValueRef v)
{
	int64_t min = m->lhist_min, max = m->lhist_max;
	int64_t step = m->lhist_step > 0 ? m->lhist_step : 1;
	uint64_t n = (uint64_t)(max - min) / (uint64_t)step;
	LLVMValueRef in, b;

	in = LLVMBuildUDiv(c->b, LLVMBuildSub(c->b, v, cg_i64(c, min), ""),
			   cg_i64(c, step), "");
	b = LLVMBuildAdd(c->b, in, cg_i64(c, 1), "");
	b = LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntSGE, v, cg_i64(c, max), ""),
			    cg_i64(c, n + 1), b, "");
	return LLVMBuildSelect(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, v, cg_i64(c, min), ""),
			       cg_i64(c, 0), b, "");
}

/* A bucket array's element idx (program.h) += 1, or = 1 (set). */
static void array_update(struct cg *c, struct mapinfo *m, LLVMValueRef idx, bool set)
{
	LLVMBasicBlockRef hit = cg_block(c, "arr.hit");
	LLVMBasicBlockRef done = cg_block(c, "arr.done");
	LLVMValueRef key = cg_buf(c, 4);
	LLVMValueRef p;

	cg_store_int(c, key, idx, 4);
	p = cg_map_lookup(c, cg_map_global(c, m), key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, hit);
	LLVMPositionBuilderAtEnd(c->b, hit);
	if (set)
		st(c, p, 0, cg_i64(c, 1));
	else
		add_at(c, p, 0, cg_i64(c, 1));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/*
 * count() into a map with a dense part (program.h): a key below dense_n
 * is an index into the per-CPU array "m<id>d", any other goes to the hash.
 * The key is loaded zero-extended, so negative keys are above the bound.
 */
static void dense_count(struct cg *c, struct mapinfo *m, LLVMValueRef key)
{
	LLVMBasicBlockRef arr = cg_block(c, "dense.arr"), hash = cg_block(c, "dense.hash");
	LLVMBasicBlockRef hit = cg_block(c, "dense.hit"), done = cg_block(c, "dense.done");
	char name[32];
	LLVMValueRef k, idx, p;

	snprintf(name, sizeof(name), "m%dd", m->id);
	k = cg_load_int(c, key, m->key_size, false);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, k, cg_i64(c, m->dense_n), ""),
			arr, hash);
	LLVMPositionBuilderAtEnd(c->b, arr);
	idx = cg_buf(c, 4);
	cg_store_int(c, idx, k, 4);
	p = cg_map_lookup(c, LLVMGetNamedGlobal(c->mod, name), idx);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, hit);
	LLVMPositionBuilderAtEnd(c->b, hit);
	add_at(c, p, 0, cg_i64(c, 1));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, hash);
	upsert(c, m, key, NULL);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_agg_assign(struct cg *c, struct node *lhs, struct node *call)
{
	struct mapinfo *m = lhs->map.map;
	struct node *arg = call->call.args;
	LLVMValueRef v = NULL, key;
	bool bucket = m->agg == AGG_HIST || m->agg == AGG_LHIST;

	if (m->agg != call->call.b->agg) {
		cg_error(c, call, "'%s' mixes aggregations", m->name);
		return;
	}
	if (arg) {
		c->dst = NULL;
		v = cg_expr(c, arg);
		if (!v || cg_is_agg_type(arg->type)) {
			cg_error(c, arg, "'%s' needs an integer", call->call.name);
			return;
		}
	}
	cg_cache_forget(c, m);
	if (m->agg == AGG_TSERIES) {
		cg_tseries_update(c, m, cg_map_key(c, lhs, 0), v);
		return;
	}
	if (m->bucket_array) {
		/*
		 * The bucket; the mark that the map has its entry only when
		 * zero() can leave it without counts (program.h): a second
		 * lookup on the hot path otherwise.
		 */
		array_update(c, m, m->agg == AGG_HIST ? hist_bucket(c, m, v) :
							lhist_bucket(c, m, v), false);
		if (m->zeroed)
			array_update(c, m, cg_i64(c, m->max_entries - 1), true);
		return;
	}
	key = cg_map_key(c, lhs, bucket ? 8 : 0);
	if (m->dense_n) {
		dense_count(c, m, key);
		return;
	}
	if (bucket)
		st(c, key, m->key_size, m->agg == AGG_HIST ? hist_bucket(c, m, v) :
						       lhist_bucket(c, m, v));
	upsert(c, m, key, v);
}

/* Reached only for an aggregation outside an assignment: sema reports those. */
LLVMValueRef cg_agg(struct cg *c, struct node *n)
{
	cg_error(c, n, "'%s' must be assigned to a map", n->call.name);
	return NULL;
}
