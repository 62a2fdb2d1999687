/* The host code of -d out_asm disassembled by Capstone, loaded when rvx_use_capstone asks for it:
 * linking it in costs every start of rvx-dyn its relocation (80,000 pointers in its tables, a
 * few ms), and the static rvx hands -d out_asm over to rvx-dyn. */
#include <capstone/capstone.h>
#include <dlfcn.h>
#include <stdlib.h>

#include "internal.h"

struct capstone {
	cs_err (*open)(cs_arch, cs_mode, csh *);
	size_t (*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **);
	void (*free)(cs_insn *, size_t);
	cs_err (*close)(csh *);
};

static void log_host_code(struct rvx_machine *m, const uint8_t *code, size_t size)
{
	const struct capstone *c = m->host_disasm;
	cs_insn *insn = NULL;
	size_t n;
	csh cs;
	if (c->open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
		machine_log(m, RVX_LOG_OUT_ASM, "  (Capstone cannot disassemble x86-64)\n");
		return;
	}
	n = c->disasm(cs, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
	for (size_t i = 0; i < n; i++)
		machine_log(m, RVX_LOG_OUT_ASM, "  0x%012llx:  %-7s %s\n", (unsigned long long)insn[i].address,
			    insn[i].mnemonic, insn[i].op_str);
	c->free(insn, n);
	c->close(&cs);
}

int rvx_use_capstone(rvx_machine *m)
{
	void *lib = dlopen("libcapstone.so.4", RTLD_NOW | RTLD_LOCAL);
	struct capstone *c;
	if (!lib)
		lib = dlopen("libcapstone.so", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return RVX_E_INVAL; /* translated code is then shown as bytes */
	c = calloc(1, sizeof *c);
	if (!c)
		return RVX_E_NOMEM;
	*(void **)&c->open = dlsym(lib, "cs_open");
	*(void **)&c->disasm = dlsym(lib, "cs_disasm");
	*(void **)&c->free = dlsym(lib, "cs_free");
	*(void **)&c->close = dlsym(lib, "cs_close");
	if (!c->open || !c->disasm || !c->free || !c->close) {
		free(c);
		return RVX_E_INVAL;
	}
	free(m->host_disasm);
	m->host_disasm = c;
	m->log_host_code = log_host_code;
	return RVX_OK;
}
