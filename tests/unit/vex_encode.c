/* The translator's VEX encodings (jit/x86-64/emit.c) against Capstone's decoder: each form the
 * vector translator emits, with low and high registers, a base of rbp (which needs a
 * displacement byte), r12 (a SIB byte), r13 and r15, an index, the GS segment. */
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>

#include "jit/x86-64/emit.h"

struct want {
	const char *text;
	void (*emit)(struct emit *e);
};

static void load_rbp(struct emit *e)
{
	e_vex_rm(e, true, 2, 1, false, 0x6f, 0, 0, M(RBP, 0x5960));
}
static void store_r15(struct emit *e)
{
	e_vex_rm(e, true, 2, 1, false, 0x7f, 0, 0, M(R15, 0x20));
}
static void load_r12(struct emit *e)
{
	e_vex_rm(e, true, 2, 1, false, 0x6f, 2, 0, M(R12, 0));
}
static void load_r13(struct emit *e)
{
	e_vex_rm(e, true, 2, 1, false, 0x6f, 1, 0, M(R13, 0));
}
static void load_index(struct emit *e)
{
	e_vex_rm(e, true, 2, 1, false, 0x6f, 0, 0, MX(RBX, R9, 16));
}
static void load_gs(struct emit *e)
{
	struct mem m = M(R10, 0x40);
	m.gs = true;
	e_vex_rm(e, true, 2, 1, false, 0x6f, 0, 0, m);
}
static void paddd_mem(struct emit *e)
{
	e_vex_rm(e, true, 1, 1, false, 0xfe, 0, 0, M(RBP, 0x100));
}
static void pmulld_reg(struct emit *e)
{
	e_vex_rr(e, true, 1, 2, false, 0x40, 0, 0, 1);
}
static void broadcastq(struct emit *e)
{
	e_vex_rr(e, true, 1, 2, false, 0x59, 1, 0, 1);
}
static void psrld_imm(struct emit *e)
{
	e_vex_rr(e, true, 1, 1, false, 0x72, 2, 0, 0);
	e_byte(e, 15);
}
static void psrlq_reg(struct emit *e)
{
	e_vex_rr(e, true, 1, 1, false, 0xd3, 0, 0, 1);
}
static void fmadd_pd(struct emit *e)
{
	e_vex_rm(e, true, 1, 2, true, 0xb8, 0, 1, M(R8, 0x60));
}
static void fmadd_ps_high(struct emit *e)
{
	e_vex_rr(e, true, 1, 2, false, 0xb8, 9, 14, 3);
}
static void cmpunordps(struct emit *e)
{
	e_vex_rr(e, true, 0, 1, false, 0xc2, 2, 0, 0);
	e_byte(e, 3);
}
static void andnpd_mem(struct emit *e)
{
	e_vex_rm(e, true, 1, 1, false, 0x55, 2, 2, M(RBP, 0x5e0));
}
static void movmskps(struct emit *e)
{
	e_vex_rr(e, true, 0, 1, false, 0x50, RAX, 0, 2);
}
static void pmovmskb(struct emit *e)
{
	e_vex_rr(e, true, 1, 1, false, 0xd7, RAX, 0, 0);
}
static void packsswb(struct emit *e)
{
	e_vex_rr(e, true, 1, 1, false, 0x63, 0, 0, 0);
}
static void pcmpeqq(struct emit *e)
{
	e_vex_rm(e, true, 1, 2, false, 0x29, 0, 0, M(RBP, 8));
}
static void movdqa(struct emit *e)
{
	e_vex_rr(e, true, 1, 1, false, 0x6f, 0, 0, 1);
}
static void zeroupper(struct emit *e)
{
	e_vzeroupper(e);
}

static const struct want wants[] = {
    {"vmovdqu ymm0, ymmword ptr [rbp + 0x5960]", load_rbp},
    {"vmovdqu ymmword ptr [r15 + 0x20], ymm0", store_r15},
    {"vmovdqu ymm2, ymmword ptr [r12]", load_r12},
    {"vmovdqu ymm1, ymmword ptr [r13]", load_r13},
    {"vmovdqu ymm0, ymmword ptr [rbx + r9 + 0x10]", load_index},
    {"vmovdqu ymm0, ymmword ptr gs:[r10 + 0x40]", load_gs},
    {"vpaddd ymm0, ymm0, ymmword ptr [rbp + 0x100]", paddd_mem},
    {"vpmulld ymm0, ymm0, ymm1", pmulld_reg},
    {"vpbroadcastq ymm1, xmm1", broadcastq},
    {"vpsrld ymm0, ymm0, 0xf", psrld_imm},
    {"vpsrlq ymm0, ymm0, xmm1", psrlq_reg},
    {"vfmadd231pd ymm0, ymm1, ymmword ptr [r8 + 0x60]", fmadd_pd},
    {"vfmadd231ps ymm9, ymm14, ymm3", fmadd_ps_high},
    {"vcmpunordps ymm2, ymm0, ymm0", cmpunordps},
    {"vandnpd ymm2, ymm2, ymmword ptr [rbp + 0x5e0]", andnpd_mem},
    {"vmovmskps eax, ymm2", movmskps},
    {"vpmovmskb eax, ymm0", pmovmskb},
    {"vpacksswb ymm0, ymm0, ymm0", packsswb},
    {"vpcmpeqq ymm0, ymm0, ymmword ptr [rbp + 8]", pcmpeqq},
    {"vmovdqa ymm0, ymm1", movdqa},
    {"vzeroupper ", zeroupper},
};

int main(void)
{
	csh cs;
	int bad = 0;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
		printf("FAIL vex-encode: Capstone cannot disassemble x86-64\n");
		return 0;
	}
	for (size_t i = 0; i < sizeof wants / sizeof wants[0]; i++) {
		uint8_t buf[32];
		struct emit e = {buf, buf + sizeof buf, false};
		cs_insn *insn = NULL;
		char text[512] = "(nothing)";
		wants[i].emit(&e);
		size_t n = cs_disasm(cs, buf, (size_t)(e.p - buf), 0, 0, &insn);
		if (n == 1 && insn[0].size == (size_t)(e.p - buf))
			snprintf(text, sizeof text, "%s %s", insn[0].mnemonic, insn[0].op_str);
		else if (n)
			snprintf(text, sizeof text, "%zu instructions, the first %s %s", n, insn[0].mnemonic,
				 insn[0].op_str);
		if (strcmp(text, wants[i].text) != 0) {
			printf("FAIL vex-encode: %s encoded as %s\n", wants[i].text, text);
			bad++;
		}
		cs_free(insn, n);
	}
	cs_close(&cs);
	if (!bad)
		printf("PASS vex-encode: %zu VEX forms decode as meant\n", sizeof wants / sizeof wants[0]);
	return 0;
}
