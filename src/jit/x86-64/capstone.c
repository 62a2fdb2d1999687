/* The host code of -d out_asm disassembled by Capstone, loaded when rvx_use_capstone asks for it:
 * linking it in costs every start of rvx-dyn its relocation (80,000 pointers in its tables, a
 * few ms), and the static rvx hands -d out_asm over to rvx-dyn. */
#include <capstone/capstone.h>
#include <dlfcn.h>
#include <stdlib.h>

#include "internal.h"

struct capstone {
	cs_err (*open)(cs_arch, cs_mode, csh *);
	cs_err (*option)(csh, cs_opt_type, size_t);
	size_t (*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **);
	void (*free)(cs_insn *, size_t);
	cs_err (*close)(csh *);
};

/* The length of an instruction Capstone 4 cannot decode (AVX-512 forms such as vptestnmb into
 * k1, the translator's VEX and EVEX encodings only), so that it is shown as bytes and the code
 * after it is still decoded: an optional GS prefix, VEX or EVEX, opcode, ModRM, SIB,
 * displacement, an immediate byte for the forms that have one. 1 for anything else. */
static size_t CAPSTONE_API undecoded_length(const uint8_t *code, size_t size, size_t at, void *unused)
{
	const uint8_t *p = code + at, *end = code + size;
	unsigned map, op, modrm, mod, rm;
	(void)unused;
	if (p < end && *p == 0x65)
		p++;
	if (end - p >= 6 && *p == 0x62) {
		map = p[1] & 3;
		p += 4;
	} else if (end - p >= 5 && *p == 0xc4) {
		map = p[1] & 31;
		p += 3;
	} else if (end - p >= 4 && *p == 0xc5) {
		map = 1;
		p += 2;
	} else {
		return 1;
	}
	op = *p++;
	modrm = *p++;
	mod = modrm >> 6, rm = modrm & 7;
	if (mod != 3 && rm == 4 && p < end)
		p += 1 + (mod == 0 && (*p & 7) == 5 ? 4 : 0); /* SIB; no base: disp32 */
	p += mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 5) ? 4 : 0;
	if (map == 3 || (map == 1 && ((op >= 0x70 && op <= 0x73) || op == 0xc2 || (op >= 0xc4 && op <= 0xc6))))
		p++;
	return p <= end ? (size_t)(p - (code + at)) : 1;
}

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
	cs_opt_skipdata skip = {"(bytes)", undecoded_length, NULL};
	c->option(cs, CS_OPT_SKIPDATA, CS_OPT_ON);
	c->option(cs, CS_OPT_SKIPDATA_SETUP, (size_t)&skip);
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
	*(void **)&c->option = dlsym(lib, "cs_option");
	*(void **)&c->disasm = dlsym(lib, "cs_disasm");
	*(void **)&c->free = dlsym(lib, "cs_free");
	*(void **)&c->close = dlsym(lib, "cs_close");
	if (!c->open || !c->option || !c->disasm || !c->free || !c->close) {
		free(c);
		return RVX_E_INVAL;
	}
	free(m->host_disasm);
	m->host_disasm = c;
	m->log_host_code = log_host_code;
	return RVX_OK;
}
