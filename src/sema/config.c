// SPDX-License-Identifier: GPL-2.0
/*
 * config = { ... } blocks: bpftrace's config variables mapped to qtrace's
 * settings.  A name may be written max_map_keys, MAX_MAP_KEYS or
 * BPFTRACE_MAX_MAP_KEYS; qtrace's environment variable, when set, wins (as
 * bpftrace's environment wins over its config block).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "sema/sema_int.h"
#include "sema/suggest.h"
#include "util/arena.h"

struct cfg_opt {
	const char *name;	/* bpftrace's, lower case, no BPFTRACE_ prefix */
	const char *env;	/* qtrace's variable that takes precedence, or NULL */
	/* 0, or -1 after reporting a bad value; NULL: accepted, no effect */
	int (*set)(struct program *p, struct node *v);
};

static int bad_value(struct node *v, const char *name, const char *want)
{
	diag_error(v->loc, "invalid value for config '%s'", name);
	diag_note("%s takes %s", name, want);
	return -1;
}

/* A positive integer literal up to max. */
static int positive(struct node *v, const char *name, uint64_t max, uint64_t *out)
{
	if (v->kind != N_INT || v->num.is_bool || v->num.v == 0 || v->num.v > max)
		return bad_value(v, name, arena_printf("a positive integer up to %llu", (unsigned long long)max));
	*out = v->num.v;
	return 0;
}

/* true/false, 1/0 */
static int boolean(struct node *v, const char *name, bool *out)
{
	if (v->kind != N_INT || v->num.v > 1)
		return bad_value(v, name, "true or false");
	*out = v->num.v;
	return 0;
}

static int set_max_map_keys(struct program *p, struct node *v)
{
	uint64_t n;

	if (positive(v, "max_map_keys", UINT32_MAX, &n))
		return -1;
	p->map_keys_max = (uint32_t)n;
	return 0;
}

static int set_perf_rb_pages(struct program *p, struct node *v)
{
	uint64_t n, b = 4096;

	if (positive(v, "perf_rb_pages", 1u << 18, &n))
		return -1;
	while (b < n * 4096)
		b <<= 1;
	p->ringbuf_size = (uint32_t)b;
	p->ringbuf_fixed = true;
	return 0;
}

static int set_stack_mode(struct program *p, struct node *v)
{
	const char *w = v->kind == N_IDENT ? v->ident.name :
			v->kind == N_STR ? v->str.s : NULL;
	int m;

	for (m = 0; w && stack_mode_name(m); m++)
		if (!strcmp(stack_mode_name(m), w)) {
			p->stack_mode = m;
			return 0;
		}
	return bad_value(v, "stack_mode", "bpftrace, perf, dwarf or raw");
}

static int set_print_maps(struct program *p, struct node *v)
{
	bool on;

	if (boolean(v, "print_maps_on_exit", &on))
		return -1;
	p->no_print_maps = !on;
	return 0;
}

static int set_missing_probes(struct program *p, struct node *v)
{
	static const char *const names[] = { "error", "warn", "ignore" };
	const char *w = v->kind == N_IDENT ? v->ident.name :
			v->kind == N_STR ? v->str.s : NULL;
	int m;

	for (m = 0; w && m < 3; m++)
		if (!strcmp(names[m], w)) {
			p->missing_probes = m;
			return 0;
		}
	return bad_value(v, "missing_probes", "error, warn or ignore");
}

/* The demangler reads QTRACE_NO_CPP_DEMANGLE when it first runs. */
static int set_cpp_demangle(struct program *p, struct node *v)
{
	bool on;

	(void)p;
	if (boolean(v, "cpp_demangle", &on))
		return -1;
	if (!on)
		setenv("QTRACE_NO_CPP_DEMANGLE", "1", 0);
	return 0;
}

/*
 * unstable_NAME = error|warn|enable: qtrace prints no warning for the
 * features bpftrace calls unstable, so only error (refuse it) acts.
 */
static int set_unstable(struct program *p, struct node *v, const char *name, unsigned bit)
{
	const char *w = v->kind == N_IDENT ? v->ident.name :
			v->kind == N_STR ? v->str.s : NULL;

	if (w && !strcmp(w, "error")) {
		p->unstable_error |= bit;
		return 0;
	}
	if (w && (!strcmp(w, "warn") || !strcmp(w, "enable"))) {
		p->unstable_error &= ~bit;
		return 0;
	}
	return bad_value(v, name, "error, warn or enable");
}

#define UNSTABLE(feat, bit)							\
	static int set_unstable_##feat(struct program *p, struct node *v)	\
	{									\
		return set_unstable(p, v, "unstable_" #feat, bit);		\
	}
UNSTABLE(map_decl, UNSTABLE_MAP_DECL)
UNSTABLE(tseries, UNSTABLE_TSERIES)
UNSTABLE(addr, UNSTABLE_ADDR)
UNSTABLE(macro, UNSTABLE_MACRO)
UNSTABLE(import, UNSTABLE_IMPORT)

static const struct cfg_opt opts[] = {
	{ "max_map_keys", "QTRACE_MAP_KEYS_MAX", set_max_map_keys },
	{ "perf_rb_pages", "QTRACE_BUFFER_KB", set_perf_rb_pages },
	{ "stack_mode", NULL, set_stack_mode },
	{ "print_maps_on_exit", NULL, set_print_maps },
	{ "cpp_demangle", "QTRACE_NO_CPP_DEMANGLE", set_cpp_demangle },
	{ "missing_probes", NULL, set_missing_probes },
	/* bpftrace's, with nothing to do in qtrace: accepted with a warning */
	{ "cache_user_symbols", NULL, NULL },
	{ "lazy_symbolication", NULL, NULL },
	{ "license", NULL, NULL },
	{ "log_size", NULL, NULL },
	{ "max_bpf_progs", NULL, NULL },
	{ "max_cat_bytes", NULL, NULL },
	{ "max_probes", NULL, NULL },
	{ "max_strlen", NULL, NULL },
	{ "on_stack_limit", NULL, NULL },
	{ "show_debug_info", NULL, NULL },
	{ "str_trunc_trailer", NULL, NULL },
	{ "unstable_map_decl", NULL, set_unstable_map_decl },
	{ "unstable_tseries", NULL, set_unstable_tseries },
	{ "unstable_addr", NULL, set_unstable_addr },
	{ "unstable_macro", NULL, set_unstable_macro },
	{ "unstable_import", NULL, set_unstable_import },
};

static const char *normalize(const char *name)
{
	char *s = arena_strdup(name), *c;

	for (c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return strncmp(s, "bpftrace_", 9) ? s : s + 9;
}

static int item(struct program *p, struct node *it)
{
	const char *name = normalize(it->assign.lhs->ident.name);
	struct suggest sg;
	size_t i;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		const struct cfg_opt *o = &opts[i];

		if (strcmp(o->name, name))
			continue;
		if (!o->set) {
			diag_warn(it->assign.lhs->loc, "config '%s' has no effect in qtrace", o->name);
			return 0;
		}
		if (o->env && getenv(o->env) && *getenv(o->env))
			return 0;	/* the environment wins */
		return o->set(p, it->assign.rhs);
	}
	diag_error(it->assign.lhs->loc, "unknown config variable '%s'", it->assign.lhs->ident.name);
	suggest_init(&sg, name);
	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		suggest_add(&sg, opts[i].name);
	if (suggest_result(&sg))
		diag_note("did you mean '%s'?", suggest_result(&sg));
	else
		diag_note("qtrace acts on max_map_keys, perf_rb_pages, stack_mode, print_maps_on_exit, cpp_demangle and missing_probes");
	return -1;
}

int sema_config(struct program *p)
{
	struct node *c, *it;
	int err = 0;

	for (c = p->ast->program.config; c; c = c->next)
		for (it = c->config.items; it; it = it->next)
			if (item(p, it))
				err = -1;
	return err;
}
