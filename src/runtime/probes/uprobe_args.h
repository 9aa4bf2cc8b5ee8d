/* SPDX-License-Identifier: GPL-2.0 */
/* uprobe args.NAME typed from the binary's DWARF (uprobe_args.c). */
#ifndef QT_UPROBE_ARGS_H
#define QT_UPROBE_ARGS_H

#include <stdbool.h>
#include "program.h"

/* The args record of pi (kept in pi->args_type), or NULL. */
struct type *uprobe_args_type(struct probe_inst *pi, bool at_offset);
/* When uprobe_args_type gave NULL: why, with the fix (arena). */
const char *uprobe_args_hint(struct probe_inst *pi, bool at_offset);
/* -lv: the parameters of sym in path, one per line, as TYPE NAME. */
void uprobe_list_args(const char *path, const char *sym);

#endif
