/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 instruction boundaries (LLVM's disassembler) for uprobe +OFFSET, and
 * the return instructions of a function for Go's return probes.
 */
#ifndef QT_INSN_H
#define QT_INSN_H

#include <stddef.h>
#include <stdint.h>

/*
 * code holds a function's first len bytes.  Decoding from its start: 0 when
 * off is the start of an instruction, 1 when it falls inside one (*before
 * and *after: that instruction's start and end), -1 when the bytes before
 * off + 1 do not decode.
 */
int insn_boundary(const uint8_t *code, size_t len, uint64_t off,
		  uint64_t *before, uint64_t *after);

/*
 * The offsets of the near return instructions (ret, ret imm16) among a
 * function's len bytes, decoded from its start: how many (at most max
 * written to offs), or -1 when the bytes do not all decode or there are
 * more than max.
 */
int insn_rets(const uint8_t *code, size_t len, uint64_t *offs, int max);

#endif
