/* SPDX-License-Identifier: GPL-2.0 */
/* Tracepoint record layouts from tracefs events/CAT/NAME/format. */
#ifndef QT_TPFORMAT_H
#define QT_TPFORMAT_H

struct type;

/*
 * The T_RECORD type of tracepoint cat:name's record, with its fields (the
 * common_* fields included) at their offsets; NULL with errno set
 * (ENOENT: no such tracepoint).  Cached per tracepoint.
 */
struct type *tpformat_load(const char *cat, const char *name);

#endif
