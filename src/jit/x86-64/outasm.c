/* -d out_asm: each translated block's guest instructions beside the host code made from them
 * (disassembled when a disassembler is linked in: capstone.c), so that anyone can read what the
 * translator emits. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void jit_log_out_asm(struct rvx_vcpu *cpu, const struct jit_block *b)
{
	struct rvx_machine *m = cpu->m;
	const uint8_t *guest = b->guest;

	machine_log(m, RVX_LOG_OUT_ASM, "IN: block 0x%llx, %u instructions\n", (unsigned long long)b->pc, b->ninsns);
	for (unsigned s = 0; s < b->nsegs; s++) {
		for (uint64_t off = 0; off < b->segs[s].len;) {
			struct rv_insn in;
			char text[96];
			uint32_t bits = 0;
			memcpy(&bits, guest + off, b->segs[s].len - off >= 4 ? 4 : 2);
			if (rv_insn_length((uint16_t)bits) == 2)
				bits &= 0xffff;
			rv_decode(&in, bits);
			machine_log(m, RVX_LOG_OUT_ASM, "  0x%016llx:  %0*x  %s\n",
				    (unsigned long long)(b->segs[s].pc + off), in.len * 2, bits,
				    rv_disasm(text, sizeof text, &in, b->segs[s].pc + off));
			off += in.len;
		}
		guest += b->segs[s].len;
	}
	machine_log(m, RVX_LOG_OUT_ASM, "OUT: %u bytes at code cache offset 0x%zx\n", b->size,
		    (size_t)(b->code - m->jit->rx));
	if (m->log_host_code) {
		m->log_host_code(m, b->code, b->size);
	} else { /* no disassembler linked in: the bytes */
		for (uint32_t i = 0; i < b->size; i += 16) {
			char hex[64];
			size_t k = 0;
			for (uint32_t j = i; j < b->size && j < i + 16; j++)
				k += (size_t)snprintf(hex + k, sizeof hex - k, "%02x ", b->code[j]);
			machine_log(m, RVX_LOG_OUT_ASM, "  +0x%04x:  %s\n", i, hex);
		}
	}
	machine_log(m, RVX_LOG_OUT_ASM, "\n");
}
