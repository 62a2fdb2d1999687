/* Decodes instruction words (hex, one per line on stdin; 4 hex digits = 16-bit) at pc = the
 * line's byte offset and prints "illegal" or the disassembly, one line each. Compared with
 * objdump by tests/check/decoder.sh. */
#include <stdio.h>
#include <string.h>

#include "riscv/insn.h"

int main(void)
{
	char line[64], text[128];
	unsigned long long pc = 0;
	while (fgets(line, sizeof line, stdin)) {
		unsigned w;
		struct rv_insn in;
		size_t digits = strspn(line, "0123456789abcdefABCDEF");
		if (sscanf(line, "%x", &w) != 1)
			continue;
		rv_decode(&in, w);
		if (in.op == RV_ILLEGAL)
			printf("illegal\n");
		else
			printf("%s\n", rv_disasm(text, sizeof text, &in, pc));
		pc += digits <= 4 ? 2 : 4;
	}
	return 0;
}
