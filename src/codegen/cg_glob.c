// SPDX-License-Identifier: GPL-2.0
/*
 * globmatch(s, "pattern") (bpftrace's): the whole of s against a glob of
 * literal bytes, ? (any byte), [abc], [a-z], [!abc] and *.  The pattern is
 * a literal: it is cut at its stars into segments of one-byte matchers.
 * The first segment must match at the start, the last at the end, and
 * each one between at its leftmost place after the one before: for globs
 * whose only variable-length part is *, that choice never loses a match.
 */
#include <stdlib.h>
#include <string.h>
#include "codegen/cg_builtins.h"
#include "codegen/cg_internal.h"

/* One byte of the pattern: the bytes it takes, as a 256-bit set. */
struct gbyte {
	uint8_t set[32];
};

struct gseg {
	struct gbyte *b;
	int n;
};

static void set_add(struct gbyte *g, int lo, int hi)
{
	int i;

	for (i = lo; i <= hi; i++)
		g->set[i / 8] |= 1u << (i % 8);
}

/* [...] at pat[i] (i at the '['): its set in g, the index after it; -1: no ']' */
static int parse_class(const char *pat, int len, int i, struct gbyte *g)
{
	bool neg = false;
	int j = i + 1, k;

	if (j < len && pat[j] == '!') {
		neg = true;
		j++;
	}
	/* a ']' first is a member, as in fnmatch(3) */
	for (k = j; k < len && (k == j || pat[k] != ']'); k++)
		;
	if (k >= len)
		return -1;
	for (; j < k; j++) {
		if (j + 2 < k && pat[j + 1] == '-') {
			set_add(g, (unsigned char)pat[j], (unsigned char)pat[j + 2]);
			j += 2;
		} else {
			set_add(g, (unsigned char)pat[j], (unsigned char)pat[j]);
		}
	}
	if (neg)
		for (j = 0; j < 32; j++)
			g->set[j] = ~g->set[j];
	g->set[0] &= ~1u;	/* never the NUL that ends s */
	return k + 1;
}

/* The pattern's segments (nstars + 1 of them) into segs; their count. */
static int parse(const char *pat, int len, struct gseg *segs)
{
	int i = 0, ns = 0, next;
	struct gbyte *g;

	segs[0].b = calloc(len + 1, sizeof(struct gbyte));
	segs[0].n = 0;
	while (i < len) {
		if (pat[i] == '*') {
			while (i < len && pat[i] == '*')
				i++;
			ns++;
			segs[ns].b = calloc(len + 1, sizeof(struct gbyte));
			segs[ns].n = 0;
			continue;
		}
		g = &segs[ns].b[segs[ns].n++];
		if (pat[i] == '?') {
			set_add(g, 1, 255);
			i++;
		} else if (pat[i] == '[' && (next = parse_class(pat, len, i, g)) > 0) {
			i = next;
		} else {
			set_add(g, (unsigned char)pat[i], (unsigned char)pat[i]);
			i++;
		}
	}
	return ns + 1;
}

static int pow2_at_least(int n)
{
	int p = 8;

	while (p < n)
		p *= 2;
	return p;
}

/* b (an i64 byte) is in g: a test per run of consecutive members. */
static LLVMValueRef in_set(struct cg *c, const struct gbyte *g, LLVMValueRef b)
{
	LLVMValueRef r = LLVMConstInt(c->i1, 0, 0), t;
	int lo, hi;

	for (lo = 0; lo < 256; lo = hi + 1) {
		while (lo < 256 && !(g->set[lo / 8] & (1u << (lo % 8))))
			lo++;
		if (lo >= 256)
			break;
		for (hi = lo; hi + 1 < 256 && (g->set[(hi + 1) / 8] & (1u << ((hi + 1) % 8))); hi++)
			;
		if (lo == hi)
			t = LLVMBuildICmp(c->b, LLVMIntEQ, b, cg_i64(c, lo), "");
		else
			t = LLVMBuildICmp(c->b, LLVMIntULE, LLVMBuildSub(c->b, b, cg_i64(c, lo), ""),
					  cg_i64(c, hi - lo), "");
		r = LLVMBuildOr(c->b, r, t, "");
	}
	return r;
}

/* The byte of buf (size a power of two) at idx, masked into it for the verifier. */
static LLVMValueRef byte_at(struct cg *c, LLVMValueRef buf, LLVMValueRef idx, int size)
{
	LLVMValueRef k = LLVMBuildAnd(c->b, idx, cg_i64(c, size - 1), "");
	LLVMValueRef p = LLVMBuildGEP2(c->b, c->i8, buf, &k, 1, "");

	return LLVMBuildZExt(c->b, LLVMBuildLoad2(c->b, c->i8, p, ""), c->i64, "");
}

/* Segment g matches the bytes of buf at off. */
static LLVMValueRef seg_at(struct cg *c, const struct gseg *g, LLVMValueRef buf,
			   LLVMValueRef off, int size)
{
	LLVMValueRef r = LLVMConstInt(c->i1, 1, 0);
	int i;

	for (i = 0; i < g->n; i++)
		r = LLVMBuildAnd(c->b, r, in_set(c, &g->b[i], byte_at(c, buf,
				 LLVMBuildAdd(c->b, off, cg_i64(c, i), ""), size)), "");
	return r;
}

/* The bytes of buf before its first NUL, at most max. */
static LLVMValueRef length(struct cg *c, LLVMValueRef buf, int max, int size)
{
	LLVMBasicBlockRef head = cg_block(c, "glob.len"), step = cg_block(c, "glob.lstep");
	LLVMBasicBlockRef done = cg_block(c, "glob.ldone");
	LLVMValueRef iv = cg_alloca(c, c->i64, "glob.i"), i, go;

	LLVMBuildStore(c->b, cg_i64(c, 0), iv);
	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, head);
	i = LLVMBuildLoad2(c->b, c->i64, iv, "");
	go = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntULT, i, cg_i64(c, max), ""),
			  LLVMBuildICmp(c->b, LLVMIntNE, byte_at(c, buf, i, size), cg_i64(c, 0), ""),
			  "");
	LLVMBuildCondBr(c->b, go, step, done);
	LLVMPositionBuilderAtEnd(c->b, step);
	LLVMBuildStore(c->b, LLVMBuildAdd(c->b, i, cg_i64(c, 1), ""), iv);
	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, done);
	return LLVMBuildLoad2(c->b, c->i64, iv, "");
}

/*
 * Middle segment g: the leftmost p >= *pos with p + g.n + tail <= len where
 * it matches; *pos becomes p + g.n.  False when there is none.  The loop
 * also stops at the buffer's size, a bound the verifier sees.
 */
static LLVMValueRef find_seg(struct cg *c, const struct gseg *g, LLVMValueRef buf, int size,
			     LLVMValueRef len, int tail, LLVMValueRef pos)
{
	LLVMBasicBlockRef head = cg_block(c, "glob.find"), test = cg_block(c, "glob.test");
	LLVMBasicBlockRef step = cg_block(c, "glob.step"), done = cg_block(c, "glob.found");
	LLVMValueRef ok = cg_alloca(c, c->i64, "glob.ok"), p, room, hit;

	LLVMBuildStore(c->b, cg_i64(c, 0), ok);
	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, head);
	p = LLVMBuildLoad2(c->b, c->i64, pos, "");
	room = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntULE,
				LLVMBuildAdd(c->b, p, cg_i64(c, g->n + tail), ""), len, ""),
			    LLVMBuildICmp(c->b, LLVMIntULT, p, cg_i64(c, size), ""), "");
	LLVMBuildCondBr(c->b, room, test, done);
	LLVMPositionBuilderAtEnd(c->b, test);
	hit = seg_at(c, g, buf, p, size);
	LLVMBuildStore(c->b, LLVMBuildZExt(c->b, hit, c->i64, ""), ok);
	LLVMBuildCondBr(c->b, hit, done, step);
	LLVMPositionBuilderAtEnd(c->b, step);
	LLVMBuildStore(c->b, LLVMBuildAdd(c->b, p, cg_i64(c, 1), ""), pos);
	LLVMBuildBr(c->b, head);
	LLVMPositionBuilderAtEnd(c->b, done);
	p = LLVMBuildLoad2(c->b, c->i64, pos, "");
	LLVMBuildStore(c->b, LLVMBuildAdd(c->b, p, cg_i64(c, g->n), ""), pos);
	return LLVMBuildICmp(c->b, LLVMIntNE, LLVMBuildLoad2(c->b, c->i64, ok, ""),
			     cg_i64(c, 0), "");
}

LLVMValueRef cg_globmatch(struct cg *c, struct node *n)
{
	struct node *sn = n->call.args, *pn = sn->next;
	int ss = sn->type->size, size = pow2_at_least(ss + 1), nseg, i, last;
	struct gseg *segs = calloc(pn->str.len + 2, sizeof(*segs));
	LLVMValueRef buf = cg_buf(c, size), len, ok, pos, end;

	cg_memset0(c, buf, size);
	cg_memcpy(c, buf, cg_expr(c, sn), ss);
	len = length(c, buf, ss, size);
	nseg = parse(pn->str.s, pn->str.len, segs);
	last = nseg - 1;
	if (nseg == 1) {
		ok = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, len,
						      cg_i64(c, segs[0].n), ""),
				  seg_at(c, &segs[0], buf, cg_i64(c, 0), size), "");
	} else {
		ok = LLVMBuildAnd(c->b, LLVMBuildICmp(c->b, LLVMIntUGE, len,
						      cg_i64(c, segs[0].n + segs[last].n), ""),
				  seg_at(c, &segs[0], buf, cg_i64(c, 0), size), "");
		pos = cg_alloca(c, c->i64, "glob.pos");
		LLVMBuildStore(c->b, cg_i64(c, segs[0].n), pos);
		for (i = 1; i < last; i++)
			ok = LLVMBuildAnd(c->b, ok, find_seg(c, &segs[i], buf, size, len,
							     segs[last].n, pos), "");
		end = LLVMBuildSub(c->b, len, cg_i64(c, segs[last].n), "");
		ok = LLVMBuildAnd(c->b, ok, LLVMBuildICmp(c->b, LLVMIntUGE, end,
					LLVMBuildLoad2(c->b, c->i64, pos, ""), ""), "");
		ok = LLVMBuildAnd(c->b, ok, seg_at(c, &segs[last], buf, end, size), "");
	}
	for (i = 0; i < nseg; i++)
		free(segs[i].b);
	free(segs);
	c->dst = NULL;
	return LLVMBuildZExt(c->b, ok, c->i64, "");
}
