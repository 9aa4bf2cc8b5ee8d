// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe args.NAME: the probed function's parameters from the binary's
 * DWARF (symbols/dwarf.c), read from the argument registers at its entry.
 * The file's debug info is opened only when a script uses args.
 */
#include <string.h>
#include "util/arena.h"
#include "runtime/rt.h"
#include "runtime/probes/uprobe_args.h"
#include "runtime/symbols/dwarf.h"

/* The ELF symbol of a one-function uprobe (uprobe.c keeps it in prov_data). */
static const char *symbol(const struct probe_inst *pi)
{
	return pi->nfuncs ? NULL : pi->prov_data;
}

/* Why pi cannot have args, or NULL when it may. */
static const char *not_here(const struct probe_inst *pi, bool at_offset)
{
	if (pi->provider != &provider_uprobe)
		return "a uretprobe sees only retval: read args in a uprobe on the function";
	if (at_offset)
		return "args are read at a function's entry, not at an offset into it";
	if (pi->nfuncs || !pi->func)
		return arena_printf("args needs one function: '%s' is several", pi->name);
	if (!symbol(pi))
		return arena_printf("'%s' is not a function symbol", pi->name);
	return NULL;
}

struct type *uprobe_args_type(struct probe_inst *pi, bool at_offset)
{
	const char *why;

	if (!pi->args_type && !not_here(pi, at_offset))
		pi->args_type = dwarf_func_args(pi->target, symbol(pi), &why);
	return pi->args_type;
}

const char *uprobe_args_hint(struct probe_inst *pi, bool at_offset)
{
	const char *why = not_here(pi, at_offset);

	if (!why && !dwarf_func_args(pi->target, symbol(pi), &why))
		return arena_printf("%s: build it with -g, or read the registers with arg0...arg5",
				    why);
	return why;
}

void uprobe_list_args(const char *path, const char *sym)
{
	const char *why;

	rt_list_fields(dwarf_func_args(path, sym, &why), NULL);
}
