#include <stdio.h>

#include "csr.h"
#include "insn.h"

static const char *const xregs[32] = {"zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
				      "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
				      "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
static const char *const fregs[32] = {"ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1", "fa0",
				      "fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4", "fs5",
				      "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
static const char *const rms[8] = {"rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn"};

const char *rv_xreg_name(unsigned r)
{
	return xregs[r & 31];
}

const char *rv_freg_name(unsigned r)
{
	return fregs[r & 31];
}

static void fence_set(char *out, unsigned v)
{
	int n = 0;
	if (v & 8)
		out[n++] = 'i';
	if (v & 4)
		out[n++] = 'o';
	if (v & 2)
		out[n++] = 'r';
	if (v & 1)
		out[n++] = 'w';
	if (n == 0)
		out[n++] = '0';
	out[n] = 0;
}

static const char *csr_text(char *buf, size_t size, unsigned csr)
{
	const char *name = rv_csr_name(csr);
	if (name)
		return name;
	snprintf(buf, size, "0x%x", csr);
	return buf;
}

char *rv_disasm(char *buf, size_t size, const struct rv_insn *in, uint64_t pc)
{
	const char *m = rv_op_name(in->op);
	const char *xd = xregs[in->rd], *x1 = xregs[in->rs1], *x2 = xregs[in->rs2];
	const char *fd = fregs[in->rd], *f1 = fregs[in->rs1], *f2 = fregs[in->rs2], *f3 = fregs[in->rs3];
	char rm[8] = "", name[32], tmp[16];

	if (in->rm != RV_RM_DYN)
		snprintf(rm, sizeof rm, ",%s", rms[in->rm & 7]);
	switch (rv_op_format(in->op)) {
	case F_NONE: snprintf(buf, size, "%s", m); break;
	case F_R: snprintf(buf, size, "%s\t%s,%s,%s", m, xd, x1, x2); break;
	case F_R1: snprintf(buf, size, "%s\t%s,%s", m, xd, x1); break;
	case F_I: snprintf(buf, size, "%s\t%s,%s,%lld", m, xd, x1, (long long)in->imm); break;
	case F_I_MEM:
	case F_LOAD: snprintf(buf, size, "%s\t%s,%lld(%s)", m, xd, (long long)in->imm, x1); break;
	case F_SHIFT: snprintf(buf, size, "%s\t%s,%s,0x%llx", m, xd, x1, (long long)in->imm); break;
	case F_U: snprintf(buf, size, "%s\t%s,0x%llx", m, xd, (unsigned long long)((in->imm >> 12) & 0xfffff)); break;
	case F_J: snprintf(buf, size, "%s\t%s,%llx", m, xd, (unsigned long long)(pc + (uint64_t)in->imm)); break;
	case F_B: snprintf(buf, size, "%s\t%s,%s,%llx", m, x1, x2, (unsigned long long)(pc + (uint64_t)in->imm)); break;
	case F_STORE: snprintf(buf, size, "%s\t%s,%lld(%s)", m, x2, (long long)in->imm, x1); break;
	case F_FENCE: {
		char p[6], s[6];
		if ((in->imm >> 8) == 8 && (in->imm & 0xff) == 0x33) {
			snprintf(buf, size, "fence.tso");
			break;
		}
		fence_set(p, (in->imm >> 4) & 15);
		fence_set(s, in->imm & 15);
		snprintf(buf, size, "%s\t%s,%s", m, p, s);
		break;
	}
	case F_CSR: snprintf(buf, size, "%s\t%s,%s,%s", m, xd, csr_text(tmp, sizeof tmp, (unsigned)in->imm), x1); break;
	case F_CSRI:
		snprintf(buf, size, "%s\t%s,%s,%u", m, xd, csr_text(tmp, sizeof tmp, (unsigned)in->imm), in->rs1);
		break;
	case F_LR:
	case F_AMO:
		snprintf(name, sizeof name, "%s%s%s", m, (in->rm & 2) ? ".aq" : "", (in->rm & 1) ? "rl" : "");
		/* objdump spells aq+rl as ".aqrl" and rl alone as ".rl" */
		if ((in->rm & 3) == 1)
			snprintf(name, sizeof name, "%s.rl", m);
		if (rv_op_format(in->op) == F_LR)
			snprintf(buf, size, "%s\t%s,(%s)", name, xd, x1);
		else
			snprintf(buf, size, "%s\t%s,%s,(%s)", name, xd, x2, x1);
		break;
	case F_FLOAD: snprintf(buf, size, "%s\t%s,%lld(%s)", m, fd, (long long)in->imm, x1); break;
	case F_FSTORE: snprintf(buf, size, "%s\t%s,%lld(%s)", m, f2, (long long)in->imm, x1); break;
	case F_FR4: snprintf(buf, size, "%s\t%s,%s,%s,%s%s", m, fd, f1, f2, f3, rm); break;
	case F_FR: snprintf(buf, size, "%s\t%s,%s,%s", m, fd, f1, f2); break;
	case F_FR_RM: snprintf(buf, size, "%s\t%s,%s,%s%s", m, fd, f1, f2, rm); break;
	case F_FR1_RM: snprintf(buf, size, "%s\t%s,%s%s", m, fd, f1, rm); break;
	case F_XF: snprintf(buf, size, "%s\t%s,%s", m, xd, f1); break;
	case F_XF_RM: snprintf(buf, size, "%s\t%s,%s%s", m, xd, f1, rm); break;
	case F_XFF: snprintf(buf, size, "%s\t%s,%s,%s", m, xd, f1, f2); break;
	case F_FX: snprintf(buf, size, "%s\t%s,%s", m, fd, x1); break;
	case F_FX_RM: snprintf(buf, size, "%s\t%s,%s%s", m, fd, x1, rm); break;
	case F_CBO: snprintf(buf, size, "%s\t(%s)", m, x1); break;
	case F_MOP:
		if (in->op == RV_MOP_RR)
			snprintf(buf, size, "%s.%d\t%s,%s,%s", m, (int)in->imm, xd, x1, x2);
		else if (in->op == RV_MOP_R)
			snprintf(buf, size, "%s.%d\t%s,%s", m, (int)in->imm, xd, x1);
		else
			snprintf(buf, size, "%s.%d", m, (int)in->imm);
		break;
	}
	return buf;
}
