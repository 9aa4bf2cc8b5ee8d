// SPDX-License-Identifier: GPL-2.0
/*
 * Maps: one mapinfo per @name for the whole program.  The first use with
 * keys fixes the key count, the first assignment the value kind; every
 * other use must agree (strings grow to the largest).
 */
#include <string.h>
#include "sema/check_builtins.h"
#include "sema/sema_int.h"
#include "util/arena.h"

static struct type type_map = { .kind = T_MAP };

#define DEFAULT_MAX_ENTRIES 4096

static struct mapinfo *map_new(struct sema *s, struct node *n)
{
	struct program *p = s->p;
	struct mapinfo *m = arena_alloc(sizeof(*m));
	int id = p->nmaps;

	/* capacity doubles at powers of two, as with probe instances */
	if (id == 0 || (id >= 8 && !(id & (id - 1)))) {
		int cap = id ? 2 * id : 8;
		struct mapinfo **v = arena_alloc(cap * sizeof(*v));
		struct mapstate *ms = arena_alloc(cap * sizeof(*ms));

		if (id) {
			memcpy(v, p->maps, id * sizeof(*v));
			memcpy(ms, s->ms, id * sizeof(*ms));
		}
		p->maps = v;
		s->ms = ms;
	}
	m->id = id;
	m->name = n->map.name;
	m->loc = n->loc;
	m->key_size = 8;
	p->maps[id] = m;
	p->nmaps = id + 1;
	return m;
}

struct mapinfo *sema_map_get(struct sema *s, struct node *n)
{
	struct program *p = s->p;
	int i;

	for (i = 0; i < p->nmaps; i++) {
		if (!strcmp(p->maps[i]->name, n->map.name)) {
			n->map.map = p->maps[i];
			return p->maps[i];
		}
	}
	n->map.map = map_new(s, n);
	return n->map.map;
}

static void key_count_error(struct sema *s, struct node *n, struct mapinfo *m,
			    int given)
{
	if (m->nkeys == 0)
		sema_error(s, n->loc, "map '%s' takes no keys, %d given", m->name, given);
	else
		sema_error(s, n->loc, "map '%s' takes %d key%s, %d given", m->name,
			   m->nkeys, m->nkeys == 1 ? "" : "s", given);
	sema_note_at(s, s->ms[m->id].key_loc, "'%s' is first used here", m->name);
}

/* Key types kt[0..nk) against the map's; false on a mismatch (reported). */
static bool key_types(struct sema *s, struct node *n, struct mapinfo *m,
		      struct type **kt, int nk, struct loc *locs)
{
	struct type **el = arena_alloc((nk + 1) * sizeof(*el));
	bool changed = false;
	int i;

	if (!m->key_type) {
		m->key_type = type_tuple(nk, kt);
		return true;
	}
	for (i = 0; i < nk; i++) {
		struct type *have = m->key_type->fields[i].type;

		el[i] = sema_unify(have, kt[i]);
		if (!el[i] || el[i]->kind != have->kind) {
			if (nk == 1)
				sema_error(s, locs[i], "type mismatch for the key of '%s': '%s' given, '%s' expected",
					   m->name, type_name(kt[i]), type_name(have));
			else
				sema_error(s, locs[i], "type mismatch for key %d of '%s': '%s' given, '%s' expected",
					   i + 1, m->name, type_name(kt[i]), type_name(have));
			sema_note_at(s, s->ms[m->id].key_loc, "'%s' is first used here",
				     m->name);
			return false;
		}
		changed |= !type_equal(el[i], have);
	}
	if (changed)
		m->key_type = type_tuple(nk, el);
	return true;
}

/*
 * A use of m with the nk keys of types kt.  bare_fixes: a use without keys
 * says the map has none (a read or an assignment; not print(@m)).
 */
static bool use_keys(struct sema *s, struct node *n, struct mapinfo *m,
		     struct type **kt, int nk, struct loc *locs, bool bare_fixes)
{
	struct mapstate *st = &s->ms[m->id];
	int i;

	if (!nk && !bare_fixes)
		return true;
	if (!st->keyed) {
		st->keyed = true;
		st->key_loc = n->loc;
		m->nkeys = nk;
	} else if (nk != m->nkeys) {
		key_count_error(s, n, m, nk);
		return false;
	}
	for (i = 0; i < nk; i++)
		if (kt[i]->kind == T_NONE)
			return false;
	return !nk || key_types(s, n, m, kt, nk, locs);
}

/*
 * @m[$t] with $t a tuple is @m[$t.0, $t.1, ...], as in bpftrace (a map's
 * keys are a tuple): `$key = (dev, sector); @ts[$key]` and
 * `@ts[dev, sector]` are the same element.
 */
static bool tuple_key(struct sema *s, struct node *n, struct mapinfo *m, struct type *t,
		      bool bare_fixes)
{
	struct type **kt = arena_alloc(t->nfields * sizeof(*kt));
	struct loc *locs = arena_alloc(t->nfields * sizeof(*locs));
	int i;

	for (i = 0; i < t->nfields; i++) {
		kt[i] = sema_stored(t->fields[i].type);
		locs[i] = n->map.keys->loc;
	}
	return use_keys(s, n, m, kt, t->nfields, locs, bare_fixes);
}

/* @m[k1, k2]: check the keys as values, then against the map. */
static bool keys(struct sema *s, struct node *n, struct mapinfo *m, bool bare_fixes)
{
	int nk = n->map.nkeys, i = 0;
	struct type **kt = arena_alloc((nk + 1) * sizeof(*kt));
	struct loc *locs = arena_alloc((nk + 1) * sizeof(*locs));
	struct node *k;

	for (k = n->map.keys; k && i < nk; k = k->next) {
		locs[i] = k->loc;
		kt[i] = sema_stored(sema_value(s, k));
		/* a BPF map's key_size must be > 0 (htab_map_alloc_check: -EINVAL) */
		if (kt[i]->kind == T_TUPLE && kt[i]->size == 0) {
			sema_error(s, k->loc, "an empty tuple cannot be a map key");
			if (nk == 1)
				sema_note(s, "a map without keys is written %s", m->name);
			return false;
		}
		i++;
	}
	if (i == 1 && type_plain_tuple(kt[0]) && (!s->ms[m->id].keyed || m->nkeys > 1))
		return tuple_key(s, n, m, kt[0], bare_fixes);
	return use_keys(s, n, m, kt, i, locs, bare_fixes);
}

/*
 * count(), sum(), min(), max() and avg() values are readable in the kernel
 * (`if (@c > 10)`), as in bpftrace: the read sums (or compares) the
 * per-CPU parts, which costs a lookup per CPU.  hist(), lhist() and
 * stats() are only printed.
 */
struct type *sema_map_read(struct sema *s, struct node *n)
{
	struct mapinfo *m = sema_map_get(s, n);
	struct mapstate *st = &s->ms[m->id];

	if (!keys(s, n, m, true) || !st->valued)
		return &type_none;	/* never assigned: reported at the end */
	if (!sema_agg_readable(m->agg)) {
		sema_error(s, n->loc, "the value of '%s' cannot be used in an expression: it is a %s() aggregation",
			   m->name, agg_name(m->agg));
		sema_note(s, "print(%s) prints it", m->name);
		return &type_none;
	}
	return sema_map_value_type(m);
}

struct type *sema_map_ref(struct sema *s, struct node *n)
{
	struct mapinfo *m = sema_map_get(s, n);

	if (!keys(s, n, m, false))
		return &type_none;
	n->type = &type_map;
	return &type_map;
}

static void value_mismatch(struct sema *s, struct node *lhs, struct mapinfo *m,
			   const char *given)
{
	const char *have = m->agg != AGG_NONE ? agg_name(m->agg) : type_name(m->value_type);

	sema_error(s, lhs->loc, "type mismatch for '%s': assigning '%s' to a map of '%s'",
		   m->name, given, have);
	sema_note_at(s, s->ms[m->id].val_loc, "'%s' is first assigned here", m->name);
}

void sema_map_assign(struct sema *s, struct node *lhs, struct type *t)
{
	struct mapinfo *m = sema_map_get(s, lhs);
	struct mapstate *st = &s->ms[m->id];
	struct type *u;

	st->tried = true;
	keys(s, lhs, m, true);
	lhs->type = t;
	if (t->kind == T_NONE)
		return;
	/* nothing to store: a value_size of 0 is -EINVAL (htab_map_alloc_check) */
	if (t->kind == T_TUPLE && t->size == 0) {
		sema_error(s, lhs->loc, "an empty tuple cannot be stored in a map");
		sema_note(s, "print(()) or a $variable can hold it");
		return;
	}
	if (!st->valued) {
		st->valued = true;
		st->val_loc = lhs->loc;
		m->agg = AGG_NONE;
		m->value_type = sema_stored(t);
		return;
	}
	u = m->agg == AGG_NONE ? sema_unify(m->value_type, t) : NULL;
	if (!u || u->kind != m->value_type->kind) {
		value_mismatch(s, lhs, m, type_name(t));
		return;
	}
	m->value_type = sema_stored(u);
}

void sema_map_update(struct sema *s, struct node *lhs, const char *op)
{
	struct mapinfo *m = sema_map_get(s, lhs);
	struct mapstate *st = &s->ms[m->id];

	if (st->valued && m->agg != AGG_NONE) {
		st->tried = true;
		keys(s, lhs, m, true);
		sema_error(s, lhs->loc, "cannot apply '%s' to '%s': it is a %s() aggregation",
			   op, m->name, agg_name(m->agg));
		sema_note_at(s, st->val_loc, "'%s' is first assigned here", m->name);
		lhs->type = &type_none;
		return;
	}
	if (st->valued && !sema_is_int(m->value_type)) {
		st->tried = true;
		keys(s, lhs, m, true);
		sema_error(s, lhs->loc, "cannot apply '%s' to '%s' of type '%s'", op,
			   m->name, type_name(m->value_type));
		sema_note_at(s, st->val_loc, "'%s' is first assigned here", m->name);
		lhs->type = &type_none;
		return;
	}
	sema_map_assign(s, lhs, &type_i64);
}

static bool lhist_params(struct sema *s, struct node *call, int64_t *v)
{
	struct node *a = call->call.args->next;
	int i;

	for (i = 0; i < 3 && a; i++, a = a->next)
		if (!sema_const_int(s, a, &v[i]))
			return false;
	return i == 3;
}

/* k of hist(v, k); 0 for hist(v) */
static int hist_bits(struct sema *s, struct node *call)
{
	struct node *a = call->call.args->next;
	int64_t k = 0;

	if (a && sema_const_int(s, a, &k) && k >= 0 && k <= QT_HIST_BITS_MAX)
		return (int)k;
	return 0;
}

static void tseries_params(struct sema *s, struct mapinfo *m, struct node *call)
{
	struct node *iv = call->call.args->next, *num = iv ? iv->next : NULL;
	int64_t v;

	if (iv && sema_const_int(s, iv, &v) && v > 0)
		m->ts_interval = (uint64_t)v;
	if (num && sema_const_int(s, num, &v) && v > 0 && v <= 1024)
		m->ts_num = (int)v;
	for (m->ts_slots = 1; m->ts_slots < m->ts_num; m->ts_slots *= 2)
		;
	v = num ? sema_ts_agg(num->next) : 0;
	m->ts_agg = v < 0 ? TS_LAST : (enum ts_agg)v;
}

static void first_agg(struct sema *s, struct node *lhs, struct mapinfo *m,
		      struct node *rhs)
{
	struct node *arg = rhs->call.args;
	struct mapstate *st = &s->ms[m->id];
	int64_t v[3];

	st->valued = true;
	st->val_loc = lhs->loc;
	m->agg = rhs->type->agg;
	m->value_type = rhs->type;
	/* count() is a signed i64; the others take their argument's sign */
	m->value_signed = !arg || arg->type->kind != T_INT || arg->type->is_signed;
	if (m->agg == AGG_HIST || m->agg == AGG_LHIST)
		m->value_signed = false;
	if (m->agg == AGG_LHIST && lhist_params(s, rhs, v)) {
		m->lhist_min = v[0];
		m->lhist_max = v[1];
		m->lhist_step = v[2];
	}
	if (m->agg == AGG_HIST)
		m->hist_bits = hist_bits(s, rhs);
	if (m->agg == AGG_TSERIES)
		tseries_params(s, m, rhs);
}

void sema_map_agg(struct sema *s, struct node *lhs, struct node *rhs)
{
	struct mapinfo *m = sema_map_get(s, lhs);
	struct mapstate *st = &s->ms[m->id];
	int64_t v[3];

	st->tried = true;
	keys(s, lhs, m, true);
	lhs->type = rhs->type;
	if (!st->valued) {
		first_agg(s, lhs, m, rhs);
		return;
	}
	if (m->agg != rhs->type->agg) {
		value_mismatch(s, lhs, m, type_name(rhs->type));
		return;
	}
	if (m->agg == AGG_LHIST && lhist_params(s, rhs, v) &&
	    (v[0] != m->lhist_min || v[1] != m->lhist_max || v[2] != m->lhist_step)) {
		sema_error(s, rhs->loc, "lhist() of '%s' must keep the min, max and step of its first use (%lld, %lld, %lld)",
			   m->name, (long long)m->lhist_min, (long long)m->lhist_max,
			   (long long)m->lhist_step);
		sema_note_at(s, st->val_loc, "'%s' is first assigned here", m->name);
	}
	if (m->agg == AGG_TSERIES) {
		struct mapinfo t = *m;

		tseries_params(s, &t, rhs);
		if (t.ts_interval != m->ts_interval || t.ts_num != m->ts_num ||
		    t.ts_agg != m->ts_agg) {
			sema_error(s, rhs->loc, "tseries() of '%s' must keep the interval, count and aggregation of its first use",
				   m->name);
			sema_note_at(s, st->val_loc, "'%s' is first assigned here", m->name);
		}
	}
	if (m->agg == AGG_HIST && hist_bits(s, rhs) != m->hist_bits) {
		sema_error(s, rhs->loc, "hist() of '%s' must keep the k of its first use (%d)",
			   m->name, m->hist_bits);
		sema_note_at(s, st->val_loc, "'%s' is first assigned here", m->name);
	}
}

/* delete(@m, k) and has_key(@m, k): k is the key, a tuple for several. */
void sema_map_key_arg(struct sema *s, struct node *map, struct node *k)
{
	struct mapinfo *m = map->map.map;
	struct mapstate *st;
	struct type *t = k->type;

	if (!m || t->kind == T_NONE)
		return;
	st = &s->ms[m->id];
	if (st->keyed && m->nkeys == 0) {
		sema_error(s, k->loc, "map '%s' has no keys", m->name);
		sema_note_at(s, st->key_loc, "'%s' is first used here", m->name);
		return;
	}
	if (t->kind == T_TUPLE && (!st->keyed || m->nkeys > 1)) {
		struct type **kt = arena_alloc(t->nfields * sizeof(*kt));
		struct loc *locs = arena_alloc(t->nfields * sizeof(*locs));
		int i;

		for (i = 0; i < t->nfields; i++) {
			kt[i] = t->fields[i].type;
			locs[i] = k->loc;
		}
		use_keys(s, k, m, kt, t->nfields, locs, true);
		return;
	}
	t = sema_stored(t);
	use_keys(s, k, m, &t, 1, &k->loc, true);
}

static int value_size(const struct mapinfo *m)
{
	switch (m->agg) {
	case AGG_NONE:
		return m->value_type ? m->value_type->size : 8;
	case AGG_MIN:
	case AGG_MAX:
	case AGG_AVG:
	case AGG_STATS:
		return 16;
	case AGG_TSERIES:
		return m->ts_slots * (int)sizeof(struct qt_tslot);
	default:
		return 8;
	}
}

/* Beyond this many buckets an lhist stays a hash: an array is all allocated. */
#define BUCKET_ARRAY_MAX 1024

static void bucket_array(struct mapinfo *m)
{
	uint64_t n = mapinfo_nbuckets(m);

	if (m->nkeys || (m->agg != AGG_HIST && m->agg != AGG_LHIST) ||
	    n > BUCKET_ARRAY_MAX)
		return;
	m->bucket_array = true;
	m->bpf_key_size = 4;
	m->max_entries = n + 1;
}

void sema_maps_default(struct sema *s)
{
	int i;

	for (i = 0; i < s->p->nmaps; i++) {
		struct mapstate *st = &s->ms[i];

		if (!st->tried || st->valued || st->agg_tried)
			continue;
		st->valued = true;
		st->val_loc = s->p->maps[i]->loc;
		s->p->maps[i]->agg = AGG_NONE;
		s->p->maps[i]->value_type = &type_i64;
	}
}

/* let @m = kind(N); : the map's kind and size, checked against its use */
static void apply_decls(struct sema *s)
{
	struct program *p = s->p;
	struct mapdecl *d;
	int i;

	if (p->unstable_error & UNSTABLE_MAP_DECL && p->ast->program.mapdecls) {
		sema_error(s, p->ast->program.mapdecls->loc,
			   "map declarations are disabled by config unstable_map_decl=error");
		return;
	}
	for (d = p->ast->program.mapdecls; d; d = d->next) {
		struct mapinfo *m = NULL;
		bool percpu = !strncmp(d->kind, "percpu", 6);
		const char *k = d->kind + (percpu ? 6 : 0);

		for (i = 0; i < p->nmaps; i++)
			if (!strcmp(p->maps[i]->name, d->name))
				m = p->maps[i];
		if (strcmp(k, "hash") && strcmp(k, "lruhash")) {
			sema_error(s, d->loc, "unknown map kind '%s'", d->kind);
			sema_note(s, "map kinds are hash, lruhash, percpuhash and percpulruhash");
			continue;
		}
		if (!m) {
			diag_warn(d->loc, "map '%s' is declared but never used", d->name);
			continue;
		}
		if (m->declared) {
			sema_error(s, d->loc, "map '%s' is declared twice", d->name);
			continue;
		}
		if (percpu && !m->percpu) {
			sema_error(s, d->loc, "map '%s' is declared %s but holds '%s', not an aggregation",
				   d->name, d->kind, type_name(m->value_type));
			sema_note(s, "qtrace keeps per-CPU values for count(), sum() and the other aggregations only: declare it %s",
				  strcmp(k, "hash") ? "lruhash" : "hash");
			continue;
		}
		m->declared = true;
		m->lru = k[0] == 'l';
		if (d->max_entries)
			m->max_entries = (uint32_t)d->max_entries;
	}
}

void sema_maps_finish(struct sema *s)
{
	struct program *p = s->p;
	int i;

	for (i = 0; i < p->nmaps; i++) {
		struct mapinfo *m = p->maps[i];
		struct mapstate *st = &s->ms[i];

		if (!st->valued && !st->tried) {
			sema_error(s, m->loc, "map '%s' is used but never assigned", m->name);
			sema_note(s, "a map is made by assigning to it: %s = ...", m->name);
		}
		if (!m->value_type)
			m->value_type = &type_i64;
		if (!st->keyed || !m->key_type)
			m->nkeys = 0;
		m->key_size = m->nkeys ? m->key_type->size : 8;
		if (!m->nkeys)
			m->key_type = NULL;
		m->bpf_key_size = m->key_size;
		if (m->agg == AGG_HIST || m->agg == AGG_LHIST)
			m->bpf_key_size += 8;
		m->bpf_value_size = value_size(m);
		/* a tseries keeps the intervals of all CPUs together: their order matters */
		m->percpu = m->agg != AGG_NONE && m->agg != AGG_TSERIES;
		m->max_entries = p->map_keys_max ? p->map_keys_max : DEFAULT_MAX_ENTRIES;
	}
	apply_decls(s);
	for (i = 0; i < p->nmaps; i++)
		if (!p->maps[i]->declared)
			bucket_array(p->maps[i]);
}
