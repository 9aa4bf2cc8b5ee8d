// SPDX-License-Identifier: GPL-2.0
/*
 * BPF maps: the BTF-described globals in .maps (libbpf 1.x rejects legacy
 * map definitions), keys in the mapinfo layout, and the lookup, update and
 * delete helpers with failures counted in qt_stats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"
#include "events.h"
#include "util/arena.h"
#include "sema/builtins.h"

#define QT_SCRATCH_MAP "qt_scratch"

/* One map attribute in libbpf's __uint() form: int (*name)[val]. */
static LLVMMetadataRef uint_member(struct cg *c, const char *name, uint64_t val, int idx)
{
	LLVMMetadataRef sub, arr, ptr;

	sub = LLVMDIBuilderGetOrCreateSubrange(c->di, 0, val);
	arr = LLVMDIBuilderCreateArrayType(c->di, val * 32, 32, c->di_int, &sub, 1);
	ptr = LLVMDIBuilderCreatePointerType(c->di, arr, 64, 64, 0, NULL, 0);
	return LLVMDIBuilderCreateMemberType(c->di, c->di_cu, name, strlen(name),
					     c->di_file, 0, 64, 64, idx * 64,
					     LLVMDIFlagZero, ptr);
}

/* One map attribute in libbpf's __type() form: T *name. */
static LLVMMetadataRef type_member(struct cg *c, const char *name, LLVMMetadataRef t, int idx)
{
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(c->di, t, 64, 64, 0, NULL, 0);

	return LLVMDIBuilderCreateMemberType(c->di, c->di_cu, name, strlen(name),
					     c->di_file, 0, 64, 64, idx * 64,
					     LLVMDIFlagZero, ptr);
}

struct mapdef {
	uint32_t type, key_size, value_size, max_entries, flags;
	LLVMMetadataRef key_type, value_type;	/* BTF instead of the sizes */
};

/* Attach the BTF of def to the map global g (a struct of pointers). */
static void describe_map(struct cg *c, LLVMValueRef g, const char *name,
			 const struct mapdef *d)
{
	LLVMMetadataRef m[5], st, expr, gve;
	int n = 0;

	m[n] = uint_member(c, "type", d->type, n), n++;
	if (d->max_entries)
		m[n] = uint_member(c, "max_entries", d->max_entries, n), n++;
	if (d->key_type)
		m[n] = type_member(c, "key", d->key_type, n), n++;
	else if (d->key_size)
		m[n] = uint_member(c, "key_size", d->key_size, n), n++;
	if (d->value_type)
		m[n] = type_member(c, "value", d->value_type, n), n++;
	else if (d->value_size)
		m[n] = uint_member(c, "value_size", d->value_size, n), n++;
	if (d->flags)
		m[n] = uint_member(c, "map_flags", d->flags, n), n++;
	st = LLVMDIBuilderCreateStructType(c->di, c->di_cu, "", 0, c->di_file, 0,
					   n * 64, 64, LLVMDIFlagZero, NULL, m, n,
					   0, NULL, "", 0);
	expr = LLVMDIBuilderCreateExpression(c->di, NULL, 0);
	gve = LLVMDIBuilderCreateGlobalVariableExpression(c->di, c->di_cu, name,
		strlen(name), name, strlen(name), c->di_file, 0, st, 0, expr,
		NULL, 64);
	LLVMGlobalSetMetadata(g, LLVMGetMDKindIDInContext(c->ctx, "dbg", 3), gve);
	LLVMSetInitializer(g, LLVMConstNull(LLVMGlobalGetValueType(g)));
}

static LLVMValueRef map_global(struct cg *c, const char *name, int nfields)
{
	LLVMTypeRef f[5] = { c->ptr, c->ptr, c->ptr, c->ptr, c->ptr };
	LLVMTypeRef st = LLVMStructTypeInContext(c->ctx, f, nfields, 0);
	LLVMValueRef g = LLVMAddGlobal(c->mod, st, name);

	LLVMSetSection(g, ".maps");
	LLVMSetAlignment(g, 8);
	return g;
}

static LLVMValueRef add_map(struct cg *c, const char *name, const struct mapdef *d)
{
	int n = 1 + !!d->max_entries + !!(d->key_size || d->key_type) +
		!!(d->value_size || d->value_type) + !!d->flags;
	LLVMValueRef g = map_global(c, name, n);

	describe_map(c, g, name, d);
	return g;
}

/*
 * Task storage needs BTF for its key and value ("btf_key_type_id" and
 * "btf_value_type_id" are checked at map creation): key int (a pidfd from
 * user space), value u64[n] (the value's bytes and the tag, program.h).
 */
static LLVMValueRef add_tstore_map(struct cg *c, const char *name, struct mapinfo *m)
{
	uint64_t n = m->bpf_value_size / 8;
	LLVMMetadataRef u64, sub;
	struct mapdef d = { .type = BPF_MAP_TYPE_TASK_STORAGE,
		.flags = BPF_F_NO_PREALLOC, .key_type = c->di_int };

	u64 = LLVMDIBuilderCreateBasicType(c->di, "unsigned long long", 18, 64,
					   0x07 /* DW_ATE_unsigned */, 0);
	sub = LLVMDIBuilderGetOrCreateSubrange(c->di, 0, n);
	d.value_type = LLVMDIBuilderCreateArrayType(c->di, n * 64, 64, u64, &sub, 1);
	return add_map(c, name, &d);
}

void cg_maps_declare(struct cg *c)
{
	struct program *p = c->p;
	struct mapdef d;
	char name[32];
	int i;

	c->maps = calloc(p->nmaps ? p->nmaps : 1, sizeof(*c->maps));
	for (i = 0; i < p->nmaps; i++) {
		struct mapinfo *m = p->maps[i];

		snprintf(name, sizeof(name), "m%d", m->id);
		if (m->task_storage) {
			c->maps[i] = add_tstore_map(c, name, m);
			continue;
		}
		if (m->bucket_array) {
			d = (struct mapdef){ .type = BPF_MAP_TYPE_PERCPU_ARRAY,
				.key_size = 4, .value_size = 8,
				.max_entries = m->max_entries };
			c->maps[i] = add_map(c, name, &d);
			continue;
		}
		if (m->dense_n) {
			char dname[32];

			snprintf(dname, sizeof(dname), "m%dd", m->id);
			d = (struct mapdef){ .type = BPF_MAP_TYPE_PERCPU_ARRAY,
				.key_size = 4, .value_size = 8,
				.max_entries = m->dense_n };
			add_map(c, dname, &d);
		}
		d = (struct mapdef){
			.type = m->lru ? (m->percpu ? BPF_MAP_TYPE_LRU_PERCPU_HASH :
					      BPF_MAP_TYPE_LRU_HASH) :
				m->percpu ? BPF_MAP_TYPE_PERCPU_HASH : BPF_MAP_TYPE_HASH,
			.key_size = m->bpf_key_size,
			.value_size = m->bpf_value_size,
			.max_entries = m->max_entries ? m->max_entries :
				(p->map_keys_max ? p->map_keys_max : 4096),
			/*
			 * Plain hashes stay preallocated: the update/delete
			 * churn of @start[tid] is cheap there.
			 */
			.flags = m->percpu && !m->lru ? BPF_F_NO_PREALLOC : 0,
		};
		c->maps[i] = add_map(c, name, &d);
	}
	d = (struct mapdef){ .type = BPF_MAP_TYPE_RINGBUF,
		.max_entries = p->ringbuf_size ? p->ringbuf_size : 1 << 18 };
	c->ringbuf = add_map(c, QT_RINGBUF_MAP, &d);
	d = (struct mapdef){ .type = BPF_MAP_TYPE_RINGBUF, .max_entries = QT_CTRL_BYTES };
	c->ctrl = add_map(c, QT_CTRL_MAP, &d);
	d = (struct mapdef){ .type = BPF_MAP_TYPE_PERCPU_ARRAY, .key_size = 4,
		.value_size = 8, .max_entries = QT_STATS_ENTRIES_K(p->nmaps) };
	c->stats = add_map(c, QT_STATS_MAP, &d);
}

/* QT_STACKS_MAP, declared by the first kstack/ustack of the program. */
LLVMValueRef cg_stacks_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_STACK_TRACE, .key_size = 4,
		.value_size = QT_STACK_MAX * 8, .max_entries = QT_STACKS_ENTRIES };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_STACKS_MAP);

	return g ? g : add_map(c, QT_STACKS_MAP, &d);
}

/* QT_TSTACKS_MAP, declared by the first task_kstack(); not preallocated. */
LLVMValueRef cg_tstacks_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = QT_STACK_MAX * 8, .max_entries = QT_TSTACKS_ENTRIES,
		.flags = BPF_F_NO_PREALLOC };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_TSTACKS_MAP);

	return g ? g : add_map(c, QT_TSTACKS_MAP, &d);
}

/* QT_SKB_MAP, declared by the first skboutput(); libbpf sizes it to the CPUs. */
LLVMValueRef cg_skb_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_PERF_EVENT_ARRAY, .key_size = 4,
		.value_size = 4 };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_SKB_MAP);

	return g ? g : add_map(c, QT_SKB_MAP, &d);
}

/* QT_ZERO_MAP, declared by the first tseries() of the program; never written. */
LLVMValueRef cg_zero_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .max_entries = 1 };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_ZERO_MAP);
	int i;

	if (g)
		return g;
	for (i = 0; i < c->p->nmaps; i++)
		if (c->p->maps[i]->agg == AGG_TSERIES &&
		    (uint32_t)c->p->maps[i]->bpf_value_size > d.value_size)
			d.value_size = c->p->maps[i]->bpf_value_size;
	return add_map(c, QT_ZERO_MAP, &d);
}

/*
 * QT_USTACKS_MAP, declared by the first ustack: 32 bytes a frame, as
 * many entries as the other maps when QTRACE_MAP_KEYS_MAX raises them.
 */
LLVMValueRef cg_ustacks_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = QT_USTACK_BYTES, .max_entries = QT_USTACKS_ENTRIES,
		.flags = BPF_F_NO_PREALLOC };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_USTACKS_MAP);

	if (c->p->map_keys_max > d.max_entries)
		d.max_entries = c->p->map_keys_max;
	return g ? g : add_map(c, QT_USTACKS_MAP, &d);
}

/* QT_PIDS_MAP, declared by the first ustack of the program. */
LLVMValueRef cg_pids_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = 8, .max_entries = QT_PIDS_ENTRIES };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_PIDS_MAP);

	return g ? g : add_map(c, QT_PIDS_MAP, &d);
}

/* QT_DWARF_SEEN_MAP, declared by the first ustack(dwarf): one entry per stack. */
LLVMValueRef cg_dwarf_seen_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = 8, .max_entries = QT_USTACKS_ENTRIES,
		.flags = BPF_F_NO_PREALLOC };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_DWARF_SEEN_MAP);

	if (c->p->map_keys_max > d.max_entries)
		d.max_entries = c->p->map_keys_max;
	return g ? g : add_map(c, QT_DWARF_SEEN_MAP, &d);
}

/* QT_DWARF_TEXT_MAP, declared by the first ustack(dwarf); user space fills it. */
LLVMValueRef cg_dwarf_text_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = sizeof(struct qt_dwarf_text), .max_entries = QT_PIDS_ENTRIES };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_DWARF_TEXT_MAP);

	return g ? g : add_map(c, QT_DWARF_TEXT_MAP, &d);
}

/* QT_FUNCS_MAP, declared by the first `func` of a kprobe.multi program. */
LLVMValueRef cg_funcs_map(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_HASH, .key_size = 8,
		.value_size = QT_FUNC_NAME };
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, QT_FUNCS_MAP);
	int i;

	if (g)
		return g;
	/* two addresses per function: see kprobe_multi.c */
	for (i = 0; i < c->p->ninsts; i++)
		d.max_entries += 2 * c->p->insts[i]->nfuncs;
	return add_map(c, QT_FUNCS_MAP, &d);
}

/* The scratch map's value size is known only once every probe is built. */
void cg_maps_finish(struct cg *c)
{
	struct mapdef d = { .type = BPF_MAP_TYPE_PERCPU_ARRAY, .key_size = 4,
		.value_size = (c->scratch_size + 7) & ~7,
		.max_entries = c->p->ninsts };

	if (c->scratch)
		describe_map(c, c->scratch, QT_SCRATCH_MAP, &d);
}

/* This probe's slot of qt_scratch, looked up once in the entry block. */
LLVMValueRef cg_scratch_lookup(struct cg *c)
{
	LLVMBasicBlockRef here;
	LLVMValueRef key;

	if (c->scratch_ptr)
		return c->scratch_ptr;
	if (!c->scratch)
		c->scratch = map_global(c, QT_SCRATCH_MAP, 4);
	key = cg_alloca(c, c->i32, "skey");
	here = LLVMGetInsertBlock(c->b);
	LLVMPositionBuilderAtEnd(c->b, c->entry);
	LLVMBuildStore(c->b, cg_i32(c, c->pi->id), key);
	c->scratch_ptr = cg_map_lookup(c, c->scratch, key);
	LLVMPositionBuilderAtEnd(c->b, here);
	return c->scratch_ptr;
}

LLVMValueRef cg_map_lookup(struct cg *c, LLVMValueRef map, LLVMValueRef key)
{
	LLVMValueRef a[2] = { map, key };

	return cg_helper(c, BPF_FUNC_map_lookup_elem, c->ptr, a, 2);
}

/*
 * Before Linux 6.4 the map ops returned int, and the verifier turns these
 * helper calls into direct calls of the ops: R0's upper half is then not
 * the sign, and -E2BIG reads as 4294967289 (6.1: a full map was never
 * reported).  The result is an errno or 0 either way: its low 32 bits,
 * sign-extended, are the truth on every kernel.
 */
static bool ops_return_int(void)
{
	static int known = -1;
	struct utsname u;
	int major = 0, minor = 0;

	if (known < 0)
		known = uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2 ||
			major < 6 || (major == 6 && minor < 4);
	return known;
}

/* Only there: the two instructions per map update count against the probe's budget. */
static LLVMValueRef int_ret(struct cg *c, LLVMValueRef r)
{
	if (!ops_return_int())
		return r;
	return LLVMBuildSExt(c->b, LLVMBuildTrunc(c->b, r, c->i32, ""), c->i64, "");
}

LLVMValueRef cg_map_update(struct cg *c, LLVMValueRef map, LLVMValueRef key,
			   LLVMValueRef val, uint64_t flags)
{
	LLVMValueRef a[4] = { map, key, val, cg_i64(c, flags) };

	return int_ret(c, cg_helper(c, BPF_FUNC_map_update_elem, c->i64, a, 4));
}

LLVMValueRef cg_map_delete(struct cg *c, LLVMValueRef map, LLVMValueRef key)
{
	LLVMValueRef a[2] = { map, key };

	return int_ret(c, cg_helper(c, BPF_FUNC_map_delete_elem, c->i64, a, 2));
}

/* qt_stats[idx] = v on this CPU. */
void cg_stat_store(struct cg *c, uint32_t idx, LLVMValueRef v)
{
	LLVMBasicBlockRef set = cg_block(c, "stat.set");
	LLVMBasicBlockRef done = cg_block(c, "stat.done");
	LLVMValueRef key = cg_buf(c, 4);
	LLVMValueRef slot;

	cg_store_int(c, key, cg_i64(c, idx), 4);
	slot = cg_map_lookup(c, c->stats, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, slot, ""), done, set);
	LLVMPositionBuilderAtEnd(c->b, set);
	cg_store_int(c, slot, v, 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_stat_inc(struct cg *c, uint32_t idx)
{
	LLVMBasicBlockRef inc = cg_block(c, "stat.inc");
	LLVMBasicBlockRef done = cg_block(c, "stat.done");
	LLVMValueRef key = cg_buf(c, 4);
	LLVMValueRef v, old;

	cg_store_int(c, key, cg_i64(c, idx), 4);
	v = cg_map_lookup(c, c->stats, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, v, ""), done, inc);
	LLVMPositionBuilderAtEnd(c->b, inc);
	old = cg_load_int(c, v, 8, false);
	cg_store_int(c, v, LLVMBuildAdd(c->b, old, cg_i64(c, 1), ""), 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/* Map updates are never silently lost: a failure is counted for the runtime to report. */
void cg_check_update(struct cg *c, LLVMValueRef ret, struct mapinfo *m)
{
	LLVMBasicBlockRef fail = cg_block(c, "upd.fail");
	LLVMBasicBlockRef done = cg_block(c, "upd.done");
	LLVMValueRef neg = LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), "");

	LLVMBuildCondBr(c->b, neg, fail, done);
	LLVMPositionBuilderAtEnd(c->b, fail);
	cg_stat_inc(c, QT_STAT_MAP_FAIL(m->id));
	/* only per-CPU hashes allocate as they go: the others fail when full */
	if (m->percpu && !m->lru)
		cg_stat_store(c, QT_STAT_MAP_ERR(c->p->nmaps, m->id), ret);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

static bool is_int(const struct type *t)
{
	return t && (t->kind == T_INT || t->kind == T_PTR);
}

/* Bytes a key element owns: up to the next element (or the end of the key). */
static int slot_size(const struct type *kt, int i, int key_size)
{
	int end = i + 1 < kt->nfields ? kt->fields[i + 1].offset : key_size;

	return end - kt->fields[i].offset;
}

/*
 * @m[$t] for a map of several keys: each element of the tuple $t into its
 * slot of the key (the tuple's layout need not be the key's: integers of
 * a key are 8 bytes, a tuple's keep their size).
 */
static void tuple_key(struct cg *c, struct mapinfo *m, struct node *k, LLVMValueRef buf)
{
	const struct type *kt = m->key_type, *tt = k->type;
	LLVMValueRef tmp;
	int i, slot;

	if (tt->kind == T_TUPLE && tt->nfields == kt->nfields && k->kind == N_TUPLE) {
		struct node *e = k->tuple.elems;

		for (i = 0; e && i < kt->nfields; i++, e = e->next) {
			slot = slot_size(kt, i, m->key_size);
			if (is_int(kt->fields[i].type))
				slot = slot >= 8 ? 8 : kt->fields[i].type->size;
			else if (kt->fields[i].type->size < slot)
				slot = kt->fields[i].type->size;
			cg_store_value(c, e, cg_gep(c, buf, kt->fields[i].offset), slot);
		}
		return;
	}
	tmp = cg_buf(c, tt->size);
	cg_store_value(c, k, tmp, tt->size);
	for (i = 0; i < kt->nfields && i < tt->nfields; i++) {
		const struct field *f = &kt->fields[i], *g = &tt->fields[i];
		LLVMValueRef src = cg_gep(c, tmp, g->offset), dst = cg_gep(c, buf, f->offset);

		slot = slot_size(kt, i, m->key_size);
		if (is_int(f->type) && is_int(g->type)) {
			slot = slot >= 8 ? 8 : f->type->size;
			cg_store_int(c, dst, cg_load_int(c, src, g->type->size, g->type->is_signed), slot);
		} else {
			cg_memcpy(c, dst, src, g->type->size < slot ? g->type->size : slot);
		}
	}
}

/*
 * The key in the mapinfo layout, zeroed first (padding and string tails
 * must be deterministic) unless integers fill it completely.
 */
LLVMValueRef cg_map_key_from(struct cg *c, struct mapinfo *m, struct node *keys, int extra)
{
	const struct type *kt = m->key_type;
	LLVMValueRef buf = cg_buf(c, m->key_size + extra);
	bool covered = true;
	struct node *k;
	int i, slot;

	if (m->nkeys == 0 || !kt) {
		cg_store_int(c, buf, cg_i64(c, 0), 8);
		return buf;
	}
	for (i = 0; i < kt->nfields; i++)
		if (!is_int(kt->fields[i].type) || slot_size(kt, i, m->key_size) != 8)
			covered = false;
	if (!covered)
		cg_memset0(c, buf, m->key_size);
	if (kt->nfields > 1 && keys && !keys->next && type_plain_tuple(keys->type)) {
		tuple_key(c, m, keys, buf);
		return buf;
	}
	for (i = 0, k = keys; k && i < kt->nfields; i++, k = k->next) {
		const struct field *f = &kt->fields[i];

		slot = slot_size(kt, i, m->key_size);
		if (is_int(f->type))
			slot = slot >= 8 ? 8 : f->type->size;
		else if (f->type->size < slot)
			slot = f->type->size;
		cg_store_value(c, k, cg_gep(c, buf, f->offset), slot);
	}
	return buf;
}

LLVMValueRef cg_map_key(struct cg *c, struct node *n, int extra)
{
	return cg_map_key_from(c, n->map.map, n->map.keys, extra);
}

LLVMValueRef cg_map_global(struct cg *c, struct mapinfo *m)
{
	return c->maps[m->id];
}

static bool pure_builtin(const struct builtin *b)
{
	return b && (b->kind == B_CTX || b->cg == cg_pid || b->cg == cg_tid ||
		     b->cg == cg_pid_var || b->cg == cg_tid_var ||
		     b->cg == cg_uid || b->cg == cg_gid || b->cg == cg_cpu ||
		     b->cg == cg_cgroup || b->cg == cg_cpid);
}

/*
 * Serialise key expressions that give the same value wherever they are
 * evaluated in one run of the probe (constants, pid, tid, args ...).
 */
static bool key_sig(struct node *k, char *buf, size_t size)
{
	size_t len = 0;
	int w;

	buf[0] = '\0';
	for (; k; k = k->next) {
		if (k->kind == N_INT)
			w = snprintf(buf + len, size - len, "i%llu,", (unsigned long long)k->num.v);
		else if (k->kind == N_STR)
			w = snprintf(buf + len, size - len, "s%d:%s,", k->str.len, k->str.s);
		else if (k->kind == N_IDENT && pure_builtin(k->ident.b))
			w = snprintf(buf + len, size - len, "b%s,", k->ident.name);
		else if (k->kind == N_FIELD && k->field.e->kind == N_IDENT &&
			 k->field.e->ident.b && k->field.e->ident.b->kind == B_CTX)
			w = snprintf(buf + len, size - len, "f%s,", k->field.name);
		else
			return false;
		if (w < 0 || (size_t)w >= size - len)
			return false;
		len += w;
	}
	return true;
}

void cg_cache_forget(struct cg *c, struct mapinfo *m)
{
	int i, j;

	for (i = j = 0; i < c->ncached; i++)
		if (c->cached[i].m != m)
			c->cached[j++] = c->cached[i];
	c->ncached = j;
}

/*
 * Look up @m[keys]; `/@start[tid]/ { ... @start[tid] ... }` looks up once:
 * a lookup made where it always runs (not under if, ?:, && or a loop) is
 * shared by later reads of the same element until the map is written.
 */
/* p: the lookup of n's element, for later reads where this code always runs. */
static void cache_put(struct cg *c, struct node *n, LLVMValueRef p)
{
	struct cg_cached *e;
	char sig[sizeof(e->sig)];

	if (!key_sig(n->map.keys, sig, sizeof(sig)) || c->cond_depth > 0 ||
	    c->ncached >= CG_MAX_CACHED)
		return;
	e = &c->cached[c->ncached++];
	e->m = n->map.map;
	strcpy(e->sig, sig);
	e->ptr = p;
}

static LLVMValueRef lookup_elem(struct cg *c, struct node *n)
{
	struct mapinfo *m = n->map.map;
	char sig[sizeof(c->cached[0].sig)];
	bool pure = key_sig(n->map.keys, sig, sizeof(sig));
	LLVMValueRef p;
	int i;

	for (i = 0; pure && i < c->ncached; i++)
		if (c->cached[i].m == m && !strcmp(c->cached[i].sig, sig))
			return c->cached[i].ptr;
	p = cg_map_lookup(c, cg_map_global(c, m), cg_map_key(c, n, 0));
	cache_put(c, n, p);
	return p;
}

/*
 * A map read's result: the element at p when control is in `found`, zero
 * (or an empty string) when it is in `absent`; ints as a value, strings and
 * tuples in dst.  Both blocks are left branching to a join.
 */
LLVMValueRef cg_elem_or_zero(struct cg *c, struct node *n, LLVMValueRef p, LLVMValueRef dst,
			     LLVMBasicBlockRef found, LLVMBasicBlockRef absent)
{
	LLVMBasicBlockRef done = cg_block(c, "map.done");
	bool mem = cg_is_agg_type(n->type);
	LLVMValueRef val = NULL, phi;
	LLVMValueRef inc[2];
	LLVMBasicBlockRef from[2];

	LLVMPositionBuilderAtEnd(c->b, found);
	if (mem)
		cg_memcpy(c, dst, p, n->type->size);
	else
		val = cg_load_int(c, p, 8, false);
	from[0] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, absent);
	if (mem)
		cg_memset0(c, dst, n->type->size);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	if (mem)
		return dst;
	phi = LLVMBuildPhi(c->b, c->i64, "");
	inc[0] = val;
	inc[1] = cg_i64(c, 0);
	from[1] = absent;
	LLVMAddIncoming(phi, inc, from, 2);
	return phi;
}

static LLVMValueRef read_elem(struct cg *c, struct node *n)
{
	LLVMBasicBlockRef found = cg_block(c, "map.found");
	LLVMBasicBlockRef absent = cg_block(c, "map.absent");
	LLVMValueRef v, dst = NULL;

	if (cg_is_agg_type(n->type))
		dst = cg_take_dst(c, n->type->size);
	v = lookup_elem(c, n);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, v, ""), absent, found);
	return cg_elem_or_zero(c, n, v, dst, found, absent);
}

/*
 * @m[k]++ and @m[k]-- of an integer in a plain map: a present element is
 * changed where it is (its lookup shared with reads of it before, as for
 * any read), an absent one inserted with the update helper as any write.
 * The update of a present element had copied it to a spare and swapped
 * it in under the bucket lock: as dear as the lookup again.  Neither way
 * is atomic between CPUs (bpftrace's neither).  *oldp: the value before.
 * Reads after it share the element's address: the one looked up, or
 * where it was inserted (a second lookup only on the insert's path),
 * except in BEGIN and END, which run once.
 */
LLVMValueRef cg_map_incdec(struct cg *c, struct node *e, bool inc, int size, bool sign,
			   LLVMValueRef *oldp)
{
	struct mapinfo *m = e->map.map;
	LLVMBasicBlockRef found, absent, done, from[2];
	LLVMValueRef p, old, nv, one = cg_i64(c, 1), olds[2], nvs[2], ptrs[2], ptr;

	if (m->task_storage || m->agg != AGG_NONE || m->bpf_value_size != 8 ||
	    cg_is_agg_type(e->type))
		return NULL;
	found = cg_block(c, "inc.found");
	absent = cg_block(c, "inc.absent");
	done = cg_block(c, "inc.done");
	p = lookup_elem(c, e);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), absent, found);

	LLVMPositionBuilderAtEnd(c->b, found);
	old = cg_load_int(c, p, 8, false);
	nv = inc ? LLVMBuildAdd(c->b, old, one, "") : LLVMBuildSub(c->b, old, one, "");
	nv = cg_normalize(c, nv, size, sign);
	cg_store_int(c, p, nv, 8);
	olds[0] = old;
	nvs[0] = nv;
	ptrs[0] = p;
	from[0] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);

	LLVMPositionBuilderAtEnd(c->b, absent);
	nv = cg_normalize(c, inc ? one : cg_i64(c, (uint64_t)-1), size, sign);
	cg_map_write(c, e, e->type, nv);
	/* not in BEGIN and END, which run once: their budget is the same */
	ptrs[1] = c->pi->special ? LLVMConstNull(c->ptr) :
		cg_map_lookup(c, cg_map_global(c, m), cg_map_key(c, e, 0));
	olds[1] = cg_i64(c, 0);
	nvs[1] = nv;
	from[1] = LLVMGetInsertBlock(c->b);
	LLVMBuildBr(c->b, done);

	LLVMPositionBuilderAtEnd(c->b, done);
	cg_cache_forget(c, m);
	ptr = LLVMBuildPhi(c->b, c->ptr, "");
	LLVMAddIncoming(ptr, ptrs, from, 2);
	if (!c->pi->special)
		cache_put(c, e, ptr);
	*oldp = LLVMBuildPhi(c->b, c->i64, "");
	LLVMAddIncoming(*oldp, olds, from, 2);
	nv = LLVMBuildPhi(c->b, c->i64, "");
	LLVMAddIncoming(nv, nvs, from, 2);
	return nv;
}

/* Bytes of the value in the BPF value (task storage adds its tag). */
static int value_bytes(const struct mapinfo *m)
{
	return m->task_storage ? QT_TSTORE_TAG_OFF(m) : m->bpf_value_size;
}

LLVMValueRef cg_map_read(struct cg *c, struct node *n)
{
	if (n->map.map->task_storage)
		return cg_tstore_read(c, n);
	if (n->map.map->agg != AGG_NONE)
		return cg_percpu_read(c, n, n->map.map, cg_map_key(c, n, 0));
	return read_elem(c, n);
}

static void write_value(struct cg *c, struct node *n, LLVMValueRef val)
{
	struct mapinfo *m = n->map.map;
	LLVMValueRef key, ret;

	if (m->task_storage) {
		cg_tstore_write(c, m, val);
		return;
	}
	key = cg_map_key(c, n, 0);
	cg_cache_forget(c, m);
	ret = cg_full_update(c, m, cg_map_global(c, m), key, val);
	cg_check_update(c, ret, m);
	/* counted per map already (QT_STAT_MAP_FAIL); -k also names the place */
	if (c->p->helper_errors)
		cg_check_helper(c, ret, "map_update_elem", n);
}

void cg_map_write(struct cg *c, struct node *n, const struct type *t, LLVMValueRef v)
{
	struct mapinfo *m = n->map.map;
	LLVMValueRef val = cg_buf(c, value_bytes(m));

	cg_store_typed(c, t, v, val, value_bytes(m));
	write_value(c, n, val);
}

void cg_map_write_expr(struct cg *c, struct node *mapnode, struct node *rhs)
{
	struct mapinfo *m = mapnode->map.map;
	LLVMValueRef val = cg_buf(c, value_bytes(m));

	cg_store_value(c, rhs, val, value_bytes(m));
	write_value(c, mapnode, val);
}

/*
 * A helper's negative result at n's place in the script is counted (and
 * its errno kept) for the runtime to report: per place with -k (or -v), in
 * one warning at exit otherwise.  Success costs the one test of ret.
 */
void cg_check_helper(struct cg *c, LLVMValueRef ret, const char *helper, struct node *n)
{
	struct program *p = c->p;
	LLVMBasicBlockRef fail, done;
	uint32_t idx;

	if (p->nsites >= QT_HELPER_SITES_MAX)
		return;
	if (!(p->nsites & (p->nsites - 1))) {
		struct helper_site *v = arena_alloc((p->nsites ? 2 * p->nsites : 1) * sizeof(*v));

		if (p->nsites)
			memcpy(v, p->sites, p->nsites * sizeof(*v));
		p->sites = v;
	}
	p->sites[p->nsites].loc = n->loc;
	p->sites[p->nsites].helper = helper;
	idx = QT_STAT_HELPER(p->nmaps, p->nsites++);
	fail = cg_block(c, "helper.fail");
	done = cg_block(c, "helper.done");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_i64(c, 0), ""), fail, done);
	LLVMPositionBuilderAtEnd(c->b, fail);
	cg_stat_inc(c, idx);
	cg_stat_store(c, idx + 1, ret);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}
