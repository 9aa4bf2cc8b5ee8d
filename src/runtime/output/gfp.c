// SPDX-License-Identifier: GPL-2.0
/*
 * printf's %gr: GFP flags by name, as the kernel's %pGg prints them
 * (names joined by '|', compound names first, unknown bits in hex).
 * The bit values depend on the kernel's config (___GFP_*_BIT is an enum
 * with #ifdef'd members), so the names come from the running kernel's own
 * table, the __print_flags() of the kmem:kmalloc tracepoint; the built-in
 * table (6.18's layout, config-independent bits only) is the fallback.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/output/output.h"
#include "runtime/tracefs.h"
#include "util/readfile.h"

struct gfp_name {
	uint64_t mask;
	char *name;
};

#define B(n)	(1ULL << (n))
#define RECLAIM	(B(10) | B(11))
#define KERNEL	(RECLAIM | B(6) | B(7))
#define USER	(KERNEL | B(20))
#define HUMOV	(USER | B(1) | B(3))
#define THLIGHT	((HUMOV | B(18) | B(19) | B(13)) & ~RECLAIM)

/* include/trace/events/mmflags.h of 6.18, in its order */
static struct gfp_name builtin[] = {
	{ THLIGHT | B(10), "GFP_TRANSHUGE" }, { THLIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ HUMOV, "GFP_HIGHUSER_MOVABLE" }, { USER | B(1), "GFP_HIGHUSER" },
	{ USER, "GFP_USER" }, { KERNEL | B(22), "GFP_KERNEL_ACCOUNT" },
	{ KERNEL, "GFP_KERNEL" }, { RECLAIM | B(6), "GFP_NOFS" },
	{ B(5) | B(11), "GFP_ATOMIC" }, { RECLAIM, "GFP_NOIO" },
	{ B(11) | B(13), "GFP_NOWAIT" }, { B(0), "GFP_DMA" }, { B(2), "GFP_DMA32" },
	{ RECLAIM, "__GFP_RECLAIM" }, { B(0), "__GFP_DMA" }, { B(1), "__GFP_HIGHMEM" },
	{ B(2), "__GFP_DMA32" }, { B(3), "__GFP_MOVABLE" }, { B(4), "__GFP_RECLAIMABLE" },
	{ B(5), "__GFP_HIGH" }, { B(6), "__GFP_IO" }, { B(7), "__GFP_FS" },
	{ B(8), "__GFP_ZERO" }, { B(10), "__GFP_DIRECT_RECLAIM" },
	{ B(11), "__GFP_KSWAPD_RECLAIM" }, { B(12), "__GFP_WRITE" },
	{ B(13), "__GFP_NOWARN" }, { B(14), "__GFP_RETRY_MAYFAIL" },
	{ B(15), "__GFP_NOFAIL" }, { B(16), "__GFP_NORETRY" }, { B(17), "__GFP_MEMALLOC" },
	{ B(18), "__GFP_COMP" }, { B(19), "__GFP_NOMEMALLOC" }, { B(20), "__GFP_HARDWALL" },
	{ B(21), "__GFP_THISNODE" }, { B(22), "__GFP_ACCOUNT" }, { B(23), "__GFP_ZEROTAGS" },
};

static struct gfp_name *table;
static int ntable = -1;

/*
 * The tracepoint's masks are C expressions of 1UL, <<, &, ~, | and casts:
 * ( unsigned long)((( gfp_t)((((1UL))) << (5)))|(( gfp_t)0)).
 */
static uint64_t expr(const char **p, int *bad);

static void skip_ws(const char **p)
{
	while (isspace((unsigned char)**p))
		(*p)++;
}

static uint64_t primary(const char **p, int *bad)
{
	uint64_t v;
	char *end;

	skip_ws(p);
	if (**p == '~') {
		(*p)++;
		return ~primary(p, bad);
	}
	if (**p == '(') {
		(*p)++;
		skip_ws(p);
		if (isalpha((unsigned char)**p) || **p == '_') {	/* a cast */
			while (**p && **p != ')')
				(*p)++;
			if (**p == ')')
				(*p)++;
			return primary(p, bad);
		}
		v = expr(p, bad);
		skip_ws(p);
		if (**p == ')')
			(*p)++;
		else
			*bad = 1;
		return v;
	}
	if (!isdigit((unsigned char)**p)) {
		*bad = 1;
		return 0;
	}
	v = strtoull(*p, &end, 0);
	*p = end;
	while (**p == 'U' || **p == 'L' || **p == 'u' || **p == 'l')
		(*p)++;
	return v;
}

static uint64_t shift(const char **p, int *bad)
{
	uint64_t v = primary(p, bad), n;

	for (skip_ws(p); !*bad && (*p)[0] == '<' && (*p)[1] == '<'; skip_ws(p)) {
		*p += 2;
		n = primary(p, bad);
		v = n < 64 ? v << n : 0;
	}
	return v;
}

static uint64_t and(const char **p, int *bad)
{
	uint64_t v = shift(p, bad);

	for (skip_ws(p); !*bad && **p == '&' && (*p)[1] != '&'; skip_ws(p)) {
		(*p)++;
		v &= shift(p, bad);
	}
	return v;
}

static uint64_t expr(const char **p, int *bad)
{
	uint64_t v = and(p, bad);

	for (skip_ws(p); !*bad && **p == '|' && (*p)[1] != '|'; skip_ws(p)) {
		(*p)++;
		v |= and(p, bad);
	}
	return v;
}

/* The { mask, "NAME" } pairs after the gfp_flags __print_flags(); count or -1. */
static int parse_table(const char *fmt, struct gfp_name *out, int max)
{
	const char *p = strstr(fmt, "__print_flags(REC->gfp_flags, \"|\",");
	const char *q;
	int n = 0, bad = 0;
	uint64_t v;

	if (!p)
		return -1;
	p = strchr(p, ',') + 1;
	p = strchr(p, ',') + 1;
	for (;;) {
		skip_ws(&p);
		if (*p++ != '{')
			break;
		v = expr(&p, &bad);
		skip_ws(&p);
		if (bad || *p++ != ',')
			break;
		skip_ws(&p);
		if (*p++ != '"')
			break;	/* { -1, NULL }: the end */
		q = strchr(p, '"');
		if (!q || n == max)
			return -1;
		out[n].mask = v;
		out[n].name = strndup(p, q - p);
		n++;
		p = strchr(q, '}');
		if (!p)
			return -1;
		p++;
		skip_ws(&p);
		if (*p == ',')
			p++;
	}
	return n > 0 ? n : -1;
}

static void load_table(void)
{
	static struct gfp_name parsed[64];
	const char *dir = tracefs_dir();
	char path[512];
	char *fmt;
	int n = -1;

	if (dir) {
		snprintf(path, sizeof(path), "%s/events/kmem/kmalloc/format", dir);
		fmt = read_file(path);
		if (fmt)
			n = parse_table(fmt, parsed, 64);
		free(fmt);
	}
	if (n > 0) {
		table = parsed;
		ntable = n;
	} else {
		table = builtin;
		ntable = sizeof(builtin) / sizeof(builtin[0]);
	}
}

void out_format_gfp(FILE *out, uint64_t flags)
{
	bool first = true;
	int i;

	if (ntable < 0)
		load_table();
	if (!flags) {
		fputc('0', out);
		return;
	}
	for (i = 0; i < ntable && flags; i++) {
		if (!table[i].mask || (flags & table[i].mask) != table[i].mask)
			continue;
		fprintf(out, "%s%s", first ? "" : "|", table[i].name);
		flags &= ~table[i].mask;
		first = false;
	}
	if (flags)
		fprintf(out, "%s%#llx", first ? "" : "|", (unsigned long long)flags);
}
