/* libFuzzer target: the decoder and disassembler on arbitrary instruction bits. */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "riscv/insn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[128];
	size_t i;
	for (i = 0; i + 4 <= size; i += 2) {
		uint32_t w;
		struct rv_insn in;
		memcpy(&w, data + i, 4);
		rv_decode(&in, w);
		assert(in.len == rv_insn_length((uint16_t)w));
		assert(in.op < RV_OP_COUNT && in.rd < 32 && in.rs1 < 32 && in.rs2 < 32 && in.rs3 < 32);
		rv_disasm(text, sizeof text, &in, 0x10000 + i);
		assert(text[0] != 0 && strlen(text) < sizeof text - 1);
	}
	return 0;
}
