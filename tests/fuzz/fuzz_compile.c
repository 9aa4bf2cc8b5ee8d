// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes as a script through lexer, parser, budgets,
 * sema and codegen to a BPF ELF in memory (never loaded).  Seeds:
 * tests/scripts and stdlib (make fuzz-corpus).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_compile(text, true, NULL);
	free(text);
	return 0;
}
