/* The host code of -d out_asm disassembled by Capstone. Linked only into programs that call
 * rvx_use_capstone (rvx-dyn, rvx-mpi): the static rvx stays small and hands -d out_asm over. */
#include <capstone/capstone.h>

#include "internal.h"

static void log_host_code(struct rvx_machine *m, const uint8_t *code, size_t size)
{
	cs_insn *insn = NULL;
	size_t n;
	csh cs;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
		machine_log(m, RVX_LOG_OUT_ASM, "  (Capstone cannot disassemble x86-64)\n");
		return;
	}
	n = cs_disasm(cs, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
	for (size_t i = 0; i < n; i++)
		machine_log(m, RVX_LOG_OUT_ASM, "  0x%012llx:  %-7s %s\n", (unsigned long long)insn[i].address,
			    insn[i].mnemonic, insn[i].op_str);
	cs_free(insn, n);
	cs_close(&cs);
}

int rvx_use_capstone(rvx_machine *m)
{
	m->log_host_code = log_host_code;
	return RVX_OK;
}
