// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 USDT argument specs as <sys/sdt.h> writes them, "[-]SIZE@OPERAND":
 * %reg, $imm, disp(%base,%index,scale) and sym+disp(%rip).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "util/arena.h"
#include "runtime/probes/usdt_args.h"

/* The legacy registers by every name; r8..r15 are handled by number. */
static const struct {
	const char *name, *reg;
	int shift;
} legacy[] = {
	{ "rax", "ax" }, { "eax", "ax" }, { "ax", "ax" }, { "al", "ax" }, { "ah", "ax", 8 },
	{ "rbx", "bx" }, { "ebx", "bx" }, { "bx", "bx" }, { "bl", "bx" }, { "bh", "bx", 8 },
	{ "rcx", "cx" }, { "ecx", "cx" }, { "cx", "cx" }, { "cl", "cx" }, { "ch", "cx", 8 },
	{ "rdx", "dx" }, { "edx", "dx" }, { "dx", "dx" }, { "dl", "dx" }, { "dh", "dx", 8 },
	{ "rsi", "si" }, { "esi", "si" }, { "si", "si" }, { "sil", "si" },
	{ "rdi", "di" }, { "edi", "di" }, { "di", "di" }, { "dil", "di" },
	{ "rbp", "bp" }, { "ebp", "bp" }, { "bp", "bp" }, { "bpl", "bp" },
	{ "rsp", "sp" }, { "esp", "sp" }, { "sp", "sp" }, { "spl", "sp" },
	{ "rip", "ip" },
};

static const char *const numbered[] = {
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* "%r10d" -> "r10"; NULL if not a general-purpose register. */
static const char *reg_name(const char *s, size_t len, int *shift)
{
	char *end;
	long n;
	unsigned i;

	*shift = 0;
	if (len < 2 || s[0] != '%')
		return NULL;
	s++;
	len--;
	for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++) {
		if (strlen(legacy[i].name) == len && !strncmp(legacy[i].name, s, len)) {
			*shift = legacy[i].shift;
			return legacy[i].reg;
		}
	}
	if (s[0] != 'r' || s[1] < '0' || s[1] > '9')
		return NULL;
	n = strtol(s + 1, &end, 10);
	if (n < 8 || n > 15)
		return NULL;
	if (end == s + len || (end + 1 == s + len && strchr("dwbl", *end)))
		return numbered[n - 8];
	return NULL;
}

static bool parse_num(const char *s, size_t len, int64_t *v)
{
	char buf[32], *end;

	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	errno = 0;
	*v = strtoll(buf, &end, 0);
	return !errno && !*end;
}

/*
 * DISP before '(': "", "-16", "0x10", "sym", "sym+8", "sym-8", and
 * "32768+sym" (GNU as puts a constant offset into an array first).
 */
static bool parse_disp(const char *s, size_t len, const struct usdt_site_ctx *ctx,
		       int64_t *v, bool *is_sym)
{
	const char *plus = memchr(s, '+', len);
	const char *sign = plus ? plus : memchr(s, '-', len);
	size_t n = sign ? (size_t)(sign - s) : len;
	const char *name = s;
	uint64_t addr;
	int64_t off = 0;

	*v = 0;
	*is_sym = false;
	if (!len)
		return true;
	if (parse_num(s, len, v))
		return true;
	if (n == 0 || !ctx->lookup)
		return false;
	if (plus && parse_num(s, n, &off)) {
		name = plus + 1;
		n = len - n - 1;
		if (!n || memchr(name, '+', n) || memchr(name, '-', n))
			return false;
	} else if (n < len && !parse_num(s + n, len - n, &off)) {
		return false;
	}
	if (!ctx->lookup(ctx->data, arena_strndup(name, n), &addr))
		return false;
	*is_sym = true;
	*v = (int64_t)(addr - ctx->pc) + off;
	return true;
}

/* "(%base)", "(%base,%index)", "(%base,%index,scale)", "(,%index,scale)" */
static bool parse_regs(const char *s, struct usdt_arg *a)
{
	size_t len = strlen(s), n;
	int shift;
	int64_t scale = 1;

	if (len < 2 || s[0] != '(' || s[len - 1] != ')')
		return false;
	s++;
	len -= 2;
	n = strcspn(s, ",)");
	if (n && (!(a->reg = reg_name(s, n, &shift)) || shift))
		return false;
	if (n == len)
		return a->reg != NULL;
	s += n + 1;
	len -= n + 1;
	n = strcspn(s, ",)");
	if (!(a->index = reg_name(s, n, &shift)) || shift || !strcmp(a->index, "ip"))
		return false;
	if (n < len && !parse_num(s + n + 1, len - n - 1, &scale))
		return false;
	if (scale != 1 && scale != 2 && scale != 4 && scale != 8)
		return false;
	a->scale = (int)scale;
	return true;
}

static void parse_operand(const char *op, const struct usdt_site_ctx *ctx, struct usdt_arg *a)
{
	const char *paren = strchr(op, '(');
	bool is_sym;

	a->kind = USDT_ARG_BAD;
	if (op[0] == '%') {
		a->reg = reg_name(op, strlen(op), &a->shift);
		if (a->reg && strcmp(a->reg, "ip"))
			a->kind = USDT_ARG_REG;
		return;
	}
	if (op[0] == '$') {
		if (parse_num(op + 1, strlen(op + 1), &a->val))
			a->kind = USDT_ARG_CONST;
		return;
	}
	if (!paren || !parse_disp(op, paren - op, ctx, &a->val, &is_sym) ||
	    !parse_regs(paren, a))
		return;
	/* sym(%rip) only: a number relative to %rip names no instruction here */
	if (is_sym != (a->reg && !strcmp(a->reg, "ip")))
		return;
	a->kind = USDT_ARG_MEM;
}

void usdt_arg_parse(const char *spec, const struct usdt_site_ctx *ctx, struct usdt_arg *a)
{
	const char *at = strchr(spec, '@');
	int64_t size = 8;

	memset(a, 0, sizeof(*a));
	a->spec = spec;
	a->scale = 1;
	if (at && !parse_num(spec, at - spec, &size)) {
		a->kind = USDT_ARG_BAD;
		return;
	}
	a->is_signed = size < 0;
	a->size = (int)(size < 0 ? -size : size);
	if (a->size != 1 && a->size != 2 && a->size != 4 && a->size != 8) {
		a->kind = USDT_ARG_BAD;
		return;
	}
	parse_operand(at ? at + 1 : spec, ctx, a);
}

int usdt_args_parse(const char *args, const struct usdt_site_ctx *ctx, struct usdt_arg **out)
{
	const char *s = args;
	struct usdt_arg *v;
	int n = 0, i;

	while (*(s += strspn(s, " "))) {
		n++;
		s += strcspn(s, " ");
	}
	v = arena_alloc((n ? n : 1) * sizeof(*v));
	for (s = args, i = 0; i < n; i++) {
		size_t len;

		s += strspn(s, " ");
		len = strcspn(s, " ");
		usdt_arg_parse(arena_strndup(s, len), ctx, &v[i]);
		s += len;
	}
	*out = v;
	return n;
}
