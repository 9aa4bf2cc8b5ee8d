// SPDX-License-Identifier: GPL-2.0
/*
 * The flame graph: samples merged into a tree of frames (equal names under
 * the same parent are one frame), laid out as SVG rectangles sized by
 * samples, with a small inline script for zoom and search.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/output/flamegraph.h"
#include "util/sort.h"

#define FG_WIDTH	1200
#define FG_FRAME	16
#define FG_TOP		56	/* title, search box */
#define FG_BOTTOM	28	/* the matched line */
#define FG_MIN_PX	0.3	/* narrower frames are left out */

struct fnode {
	const char *name;
	int kind;
	uint64_t count;
	struct fnode **kids;
	int nkids, cap;
};

static struct fnode *child(struct fnode *n, const struct prof_frame *f)
{
	struct fnode *c, **v;
	int i;

	for (i = n->nkids - 1; i >= 0; i--)
		if (n->kids[i]->kind == f->kind && !strcmp(n->kids[i]->name, f->name))
			return n->kids[i];
	if (n->nkids == n->cap) {
		n->cap = n->cap ? 2 * n->cap : 4;
		if (!(v = realloc(n->kids, n->cap * sizeof(*v))))
			return NULL;
		n->kids = v;
	}
	if (!(c = calloc(1, sizeof(*c))))
		return NULL;
	c->name = f->name;
	c->kind = f->kind;
	n->kids[n->nkids++] = c;
	return c;
}

static void tree_free(struct fnode *n)
{
	int i;

	for (i = 0; i < n->nkids; i++) {
		tree_free(n->kids[i]);
		free(n->kids[i]);
	}
	free(n->kids);
}

static int cmp_node(const void *a, const void *b)
{
	const struct fnode *x = *(struct fnode *const *)a, *y = *(struct fnode *const *)b;

	return strcmp(x->name, y->name);
}

static int depth_of(struct fnode *n)
{
	int i, d, max = 0;

	qt_sort(n->kids, n->nkids, sizeof(*n->kids), cmp_node);	/* alphabetical, as flamegraph.pl */
	for (i = 0; i < n->nkids; i++)
		if ((d = depth_of(n->kids[i])) > max)
			max = d;
	return max + 1;
}

static void put_esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default:
			if ((unsigned char)*s >= 0x20)
				fputc(*s, out);
		}
	}
}

/* A colour per kind, varied by the name so neighbours differ. ORDER FRAME_KIND */
static void put_fill(FILE *out, const struct fnode *n)
{
	unsigned h = 0;
	const char *s;

	for (s = n->name; *s; s++)
		h = h * 31 + (unsigned char)*s;
	switch (n->kind) {
	case FRAME_KERNEL:	/* orange */
		fprintf(out, "hsl(%u,85%%,%u%%)", 25 + h % 15, 55 + h % 10);
		break;
	case FRAME_USER:	/* red to yellow */
		fprintf(out, "hsl(%u,80%%,%u%%)", h % 50, 58 + (h >> 8) % 10);
		break;
	case FRAME_JIT:		/* green */
		fprintf(out, "hsl(%u,55%%,%u%%)", 100 + h % 30, 50 + (h >> 8) % 10);
		break;
	default:		/* the key's comm, pid; the root */
		fprintf(out, "hsl(210,%u%%,%u%%)", 20 + h % 15, 70 + (h >> 8) % 8);
		break;
	}
}

struct layout {
	FILE *out;
	uint64_t total;
	int height;
};

static void put_node(struct layout *l, const struct fnode *n, uint64_t x, int d)
{
	double fx = (double)x / l->total, fw = (double)n->count / l->total;
	double px = fx * FG_WIDTH, pw = fw * FG_WIDTH;
	int y = l->height - FG_BOTTOM - (d + 1) * FG_FRAME, i;
	const char *kind[] = { "kernel", "user", "jit", "other" };	/* ORDER FRAME_KIND */

	if (pw < FG_MIN_PX)
		return;
	fprintf(l->out, "<g class=\"f\" data-x=\"%.9f\" data-w=\"%.9f\" data-d=\"%d\" data-k=\"%s\">"
		"<title>", fx, fw, d, kind[n->kind]);
	put_esc(l->out, n->name);
	fprintf(l->out, " (%llu samples, %.2f%%)</title><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" "
		"height=\"%d\" rx=\"2\" fill=\"", (unsigned long long)n->count, 100.0 * fw,
		px, y, pw, FG_FRAME - 1);
	put_fill(l->out, n);
	fprintf(l->out, "\"/><text x=\"%.2f\" y=\"%d\"></text><desc>", px + 3, y + 11);
	put_esc(l->out, n->name);
	fputs("</desc></g>\n", l->out);
	for (i = 0; i < n->nkids; i++) {
		put_node(l, n->kids[i], x, d + 1);
		x += n->kids[i]->count;
	}
}

static const char script[] =
"var W=1200,fr=[].slice.call(document.querySelectorAll('g.f'));\n"
"function label(g,w){var t=g.querySelector('text'),n=g.querySelector('desc').textContent,c=Math.floor((w-6)/7);\n"
" t.textContent=c<3?'':(n.length<=c?n:n.slice(0,c-2)+'..');}\n"
"function place(g,x,w){var r=g.querySelector('rect');r.setAttribute('x',x);r.setAttribute('width',w);\n"
" g.querySelector('text').setAttribute('x',x+3);label(g,w);g.style.display='';}\n"
"function zoom(z){var x0=+z.dataset.x,w0=+z.dataset.w,d0=+z.dataset.d,e=1e-9;\n"
" fr.forEach(function(g){var x=+g.dataset.x,w=+g.dataset.w,d=+g.dataset.d;\n"
"  if(d>=d0&&x>=x0-e&&x+w<=x0+w0+e)place(g,(x-x0)/w0*W,w/w0*W);\n"
"  else if(d<d0&&x<=x0+e&&x+w>=x0+w0-e)place(g,0,W);else g.style.display='none';});\n"
" document.getElementById('reset').style.display=d0>0?'':'none';}\n"
"function reset(){zoom(fr[0]);}\n"
"function search(q){var re=null,iv=[];try{re=q?new RegExp(q,'i'):null}catch(x){re=new RegExp(q.replace(/[.*+?^${}()|[\\]\\\\]/g,'\\\\$&'),'i')}\n"
" fr.forEach(function(g){var r=g.querySelector('rect'),n=g.querySelector('desc').textContent;\n"
"  if(!r.dataset.fill)r.dataset.fill=r.getAttribute('fill');\n"
"  if(re&&re.test(n)){r.setAttribute('fill','rgb(230,0,230)');iv.push([+g.dataset.x,+g.dataset.x+ +g.dataset.w]);}\n"
"  else r.setAttribute('fill',r.dataset.fill);});\n"
" iv.sort(function(a,b){return a[0]-b[0]});var s=0,e=-1;iv.forEach(function(v){if(v[0]>e){s+=v[1]-v[0];e=v[1]}else if(v[1]>e){s+=v[1]-e;e=v[1]}});\n"
" document.getElementById('matched').textContent=re?'Matched: '+(100*s).toFixed(2)+'%':'';}\n"
"fr.forEach(function(g){g.addEventListener('click',function(){zoom(g)});label(g,+g.querySelector('rect').getAttribute('width'));});\n"
"document.getElementById('reset').addEventListener('click',reset);\n"
"document.getElementById('q').addEventListener('input',function(){search(this.value)});\n"
"var h=decodeURIComponent(location.hash.slice(1));\n"
"if(h.indexOf('zoom=')==0){var z=fr.filter(function(g){return g.querySelector('desc').textContent==h.slice(5)})[0];if(z)zoom(z);}\n"
"else if(h.indexOf('q=')==0){document.getElementById('q').value=h.slice(2);search(h.slice(2));}\n";

static void put_head(FILE *out, int height, const char *title, uint64_t total)
{
	fprintf(out, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
		"<svg version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"xmlns=\"http://www.w3.org/2000/svg\">\n"
		"<style>text{font:12px Verdana,sans-serif;fill:#000}g.f{cursor:pointer}"
		"g.f:hover rect{stroke:#000;stroke-width:0.5}#reset{cursor:pointer;fill:#0645ad}"
		"input{font:12px Verdana,sans-serif;width:180px}</style>\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"#f8f8f0\"/>\n"
		"<text x=\"%d\" y=\"22\" text-anchor=\"middle\" style=\"font-size:17px\">",
		FG_WIDTH, height, FG_WIDTH, height, FG_WIDTH / 2);
	put_esc(out, title);
	fprintf(out, "</text>\n<text x=\"10\" y=\"44\">%llu samples; click a frame to zoom</text>\n"
		"<text id=\"reset\" x=\"300\" y=\"44\" style=\"display:none\">Reset zoom</text>\n"
		"<foreignObject x=\"%d\" y=\"28\" width=\"200\" height=\"24\">"
		"<input xmlns=\"http://www.w3.org/1999/xhtml\" id=\"q\" placeholder=\"Search (regex)\"/>"
		"</foreignObject>\n<text id=\"matched\" x=\"%d\" y=\"%d\" text-anchor=\"end\"></text>\n",
		(unsigned long long)total, FG_WIDTH - 210, FG_WIDTH - 10, height - 8);
}

int out_flamegraph(FILE *out, const struct profile *p, const char *title)
{
	struct fnode root = { .name = "all", .kind = PROF_OTHER };
	struct layout l = { out, p->total ? p->total : 1, 0 };
	int i, j;

	for (i = 0; i < p->n; i++) {
		struct fnode *n = &root;

		root.count += p->s[i].count;
		for (j = 0; j < p->s[i].n && n; j++)
			if ((n = child(n, &p->s[i].f[j])))
				n->count += p->s[i].count;
	}
	l.height = FG_TOP + FG_BOTTOM + depth_of(&root) * FG_FRAME;
	put_head(out, l.height, title, root.count);
	put_node(&l, &root, 0, 0);
	fprintf(out, "<script><![CDATA[\n%s]]></script>\n</svg>\n", script);
	tree_free(&root);
	return fflush(out) || ferror(out) ? -EIO : 0;
}
