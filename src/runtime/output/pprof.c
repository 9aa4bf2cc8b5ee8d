// SPDX-License-Identifier: GPL-2.0
/*
 * profile.proto written by hand (github.com/google/pprof proto/profile.proto,
 * the fields used here): protobuf varints and length-delimited fields in a
 * growing buffer, then gzip through zlib.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>
#include "runtime/output/pprof.h"
#include "util/arena.h"

struct buf {
	uint8_t *b;
	size_t n, cap;
	bool fail;
};

static void put(struct buf *b, const void *p, size_t n)
{
	uint8_t *v;

	if (b->n + n > b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 4096;

		while (cap < b->n + n)
			cap *= 2;
		if (!(v = realloc(b->b, cap))) {
			b->fail = true;
			return;
		}
		b->b = v;
		b->cap = cap;
	}
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void varint(struct buf *b, uint64_t v)
{
	uint8_t t[10];
	int n = 0;

	do {
		t[n++] = (v & 0x7f) | (v > 0x7f ? 0x80 : 0);
		v >>= 7;
	} while (v);
	put(b, t, n);
}

/* Field f as a varint (wire type 0); zero values are left out, as proto3 does. */
static void fint(struct buf *b, int f, uint64_t v)
{
	if (!v)
		return;
	varint(b, (uint64_t)f << 3);
	varint(b, v);
}

/* Field f, length-delimited (wire type 2): a message, string or packed list. */
static void fbytes(struct buf *b, int f, const void *p, size_t n)
{
	varint(b, (uint64_t)f << 3 | 2);
	varint(b, n);
	put(b, p, n);
}

static void fmsg(struct buf *b, int f, struct buf *m)
{
	fbytes(b, f, m->b, m->n);
	b->fail |= m->fail;
	m->n = 0;
}

/* The string table: index 0 is "", as the format wants. */
struct strtab {
	const char **v;
	int n, cap;
	int *h;			/* open addressing, index + 1 */
	int hcap;
};

static uint32_t shash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return h;
}

static int str_rehash(struct strtab *t)
{
	int i, j, cap = t->hcap ? 2 * t->hcap : 1024, *h = calloc(cap, sizeof(*h));

	if (!h)
		return -ENOMEM;
	for (i = 0; i < t->n; i++) {
		for (j = shash(t->v[i]) & (cap - 1); h[j]; j = (j + 1) & (cap - 1))
			;
		h[j] = i + 1;
	}
	free(t->h);
	t->h = h;
	t->hcap = cap;
	return 0;
}

static int str_id(struct strtab *t, const char *s)
{
	const char **v;
	int j;

	if (2 * (t->n + 1) > t->hcap && str_rehash(t))
		return 0;
	for (j = shash(s) & (t->hcap - 1); t->h[j]; j = (j + 1) & (t->hcap - 1))
		if (!strcmp(t->v[t->h[j] - 1], s))
			return t->h[j] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		if (!(v = realloc(t->v, t->cap * sizeof(*v))))
			return 0;
		t->v = v;
	}
	t->v[t->n] = s;
	t->h[j] = t->n + 1;
	return t->n++;
}

/*
 * Ids: a function per distinct name (string id -> function id), a location
 * per distinct (name, file), a mapping per file.  All indexed by string id,
 * so the tables are arrays as long as the string table.
 */
struct ids {
	int *func, *loc, *map;	/* by string id: 0 none */
	int nfunc, nloc, nmap;
	int cap;
};

static int grow(struct ids *d, int n)
{
	int *f, *l, *m, cap = d->cap;

	if (n < cap)
		return 0;
	while (cap <= n)
		cap = cap ? 2 * cap : 1024;
	f = realloc(d->func, cap * sizeof(int));
	if (f)
		d->func = f;
	l = realloc(d->loc, cap * sizeof(int));
	if (l)
		d->loc = l;
	m = realloc(d->map, cap * sizeof(int));
	if (m)
		d->map = m;
	if (!f || !l || !m)
		return -ENOMEM;
	memset(d->func + d->cap, 0, (cap - d->cap) * sizeof(int));
	memset(d->loc + d->cap, 0, (cap - d->cap) * sizeof(int));
	memset(d->map + d->cap, 0, (cap - d->cap) * sizeof(int));
	d->cap = cap;
	return 0;
}

struct enc {
	struct buf out, tmp, line;
	struct strtab st;	/* written out */
	struct strtab lt;	/* location keys "name\tfile", not written */
	struct ids d;		/* func, map by st id; loc by lt id */
};

static int mapping_of(struct enc *e, const struct prof_frame *f)
{
	struct buf m = { 0 };
	int s;

	if (!f->module)
		return 0;
	s = str_id(&e->st, f->module);
	if (grow(&e->d, s))
		return 0;
	if (e->d.map[s])
		return e->d.map[s];
	e->d.map[s] = ++e->d.nmap;
	fint(&m, 1, e->d.nmap);		/* id */
	fint(&m, 5, s);			/* filename */
	fint(&m, 7, 1);			/* has_functions */
	fmsg(&e->out, 3, &m);
	free(m.b);
	return e->d.nmap;
}

/* The location of frame f, its function and mapping written when new. */
static uint64_t location_of(struct enc *e, const struct prof_frame *f)
{
	static const char *const kinds[] = { "[kernel]", "", "[jit]", "" };	/* ORDER FRAME_KIND */
	const char *key = f->module ? f->module : kinds[f->kind];
	int name = str_id(&e->st, f->name), k, mapping;

	if (grow(&e->d, name))
		return 0;
	if (!e->d.func[name]) {
		e->d.func[name] = ++e->d.nfunc;
		fint(&e->tmp, 1, e->d.nfunc);	/* id */
		fint(&e->tmp, 2, name);		/* name */
		fint(&e->tmp, 3, name);		/* system_name */
		fmsg(&e->out, 5, &e->tmp);
	}
	/* a location per function and file (in the arena: kept to the end) */
	k = str_id(&e->lt, arena_printf("%s\t%s", f->name, key));
	if (grow(&e->d, k))
		return 0;
	if (e->d.loc[k])
		return e->d.loc[k];
	mapping = mapping_of(e, f);
	e->d.loc[k] = ++e->d.nloc;
	fint(&e->line, 1, e->d.func[name]);	/* Line.function_id */
	fint(&e->tmp, 1, e->d.nloc);		/* id */
	fint(&e->tmp, 2, mapping);		/* mapping_id */
	fint(&e->tmp, 3, f->addr);		/* address */
	fmsg(&e->tmp, 4, &e->line);		/* line */
	fmsg(&e->out, 4, &e->tmp);
	return e->d.nloc;
}

static void value_type(struct enc *e, int field, const char *type, const char *unit)
{
	fint(&e->tmp, 1, str_id(&e->st, type));
	fint(&e->tmp, 2, str_id(&e->st, unit));
	fmsg(&e->out, field, &e->tmp);
}

static void sample(struct enc *e, const struct prof_sample *s, uint64_t period_ns)
{
	struct buf locs = { 0 }, vals = { 0 }, m = { 0 };
	int i;

	for (i = s->n - 1; i >= 0; i--)		/* leaf first */
		varint(&locs, location_of(e, &s->f[i]));
	varint(&vals, s->count);
	if (period_ns)
		varint(&vals, s->count * period_ns);
	fbytes(&m, 1, locs.b, locs.n);		/* location_id, packed */
	fbytes(&m, 2, vals.b, vals.n);		/* value, packed */
	m.fail |= locs.fail | vals.fail;
	fmsg(&e->out, 2, &m);
	free(locs.b);
	free(vals.b);
	free(m.b);
}

static int gzip_out(FILE *out, const struct buf *b)
{
	uint8_t chunk[65536];
	z_stream z = { 0 };
	int rc;

	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return -ENOMEM;
	z.next_in = b->b;
	z.avail_in = b->n;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		if (fwrite(chunk, 1, sizeof(chunk) - z.avail_out, out) !=
		    sizeof(chunk) - z.avail_out) {
			rc = Z_ERRNO;
			break;
		}
	} while (rc == Z_OK);
	deflateEnd(&z);
	return rc == Z_STREAM_END && !fflush(out) ? 0 : -EIO;
}

int out_pprof(FILE *out, const struct profile *p, uint64_t period_ns)
{
	struct enc e = { 0 };
	int i, err;

	str_id(&e.st, "");
	str_id(&e.lt, "");
	value_type(&e, 1, "samples", "count");
	if (period_ns)
		value_type(&e, 1, "cpu", "nanoseconds");
	for (i = 0; i < p->n; i++)
		sample(&e, &p->s[i], period_ns);
	for (i = 0; i < e.st.n; i++)
		fbytes(&e.out, 6, e.st.v[i], strlen(e.st.v[i]));
	fint(&e.out, 9, (uint64_t)time(NULL) * 1000000000ULL);	/* time_nanos */
	if (period_ns) {
		value_type(&e, 11, "cpu", "nanoseconds");	/* period_type */
		fint(&e.out, 12, period_ns);			/* period */
	}
	err = e.out.fail || e.tmp.fail ? -ENOMEM : gzip_out(out, &e.out);
	free(e.out.b);
	free(e.tmp.b);
	free(e.line.b);
	free(e.st.v);
	free(e.st.h);
	free(e.lt.v);
	free(e.lt.h);
	free(e.d.func);
	free(e.d.loc);
	free(e.d.map);
	return err;
}
