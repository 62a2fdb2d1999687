#include <stdio.h>

#include "csr.h"
#include "fp.h"
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

static const char *const vregs[32] = {"v0",  "v1",  "v2",  "v3",  "v4",  "v5",  "v6",  "v7",  "v8",  "v9",  "v10",
				      "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21",
				      "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31"};

/* vtype as an assembler writes it (e32,m2,ta,ma), or the number when it is a reserved one */
static const char *vtype_text(char *buf, size_t size, unsigned v)
{
	static const char *const lmul[8] = {"m1", "m2", "m4", "m8", "", "mf8", "mf4", "mf2"};
	if ((v >> 8) || ((v >> 3) & 7) > 3 || (v & 7) == 4)
		snprintf(buf, size, "%u", v);
	else
		snprintf(buf, size, "e%u,%s,%s,%s", 8u << ((v >> 3) & 7), lmul[v & 7], v & 0x40 ? "ta" : "tu",
			 v & 0x80 ? "ma" : "mu");
	return buf;
}

static void vmem_text(char *buf, size_t size, const struct rv_insn *in)
{
	const char *m = rv_op_name(in->op), *vd = vregs[in->rd], *x1 = xregs[in->rs1], *mask = in->rm ? "" : ",v0.t";
	char seg[8] = "", name[32];
	unsigned eew = (unsigned)in->imm;
	if (in->rs3 > 1)
		snprintf(seg, sizeof seg, "seg%u", in->rs3);
	switch (in->op) {
	case RV_VLRE: snprintf(name, sizeof name, "vl%ure%u.v", in->rs3, eew); break;
	case RV_VSR: snprintf(name, sizeof name, "vs%ur.v", in->rs3); break;
	case RV_VLM:
	case RV_VSM: snprintf(name, sizeof name, "%s.v", m); break;
	case RV_VLUXEI:
	case RV_VLOXEI:
	case RV_VSUXEI:
	case RV_VSOXEI: snprintf(name, sizeof name, "%.4s%sei%u.v", m, seg, eew); break;
	case RV_VLSE:
	case RV_VSSE: snprintf(name, sizeof name, "%.3s%se%u.v", m, seg, eew); break;
	default: snprintf(name, sizeof name, "%.2s%se%u%s.v", m, seg, eew, in->op == RV_VLEFF ? "ff" : ""); break;
	}
	if (in->op == RV_VLSE || in->op == RV_VSSE)
		snprintf(buf, size, "%s\t%s,(%s),%s%s", name, vd, x1, xregs[in->rs2], mask);
	else if (in->op == RV_VLUXEI || in->op == RV_VLOXEI || in->op == RV_VSUXEI || in->op == RV_VSOXEI)
		snprintf(buf, size, "%s\t%s,(%s),%s%s", name, vd, x1, vregs[in->rs2], mask);
	else
		snprintf(buf, size, "%s\t%s,(%s)%s", name, vd, x1, mask);
}

/* The multiply-adds name their multiplier before the addend's register: vd, vs1/rs1, vs2. */
static bool vector_madd(unsigned op)
{
	return (op >= RV_VMADD && op <= RV_VNMSAC) || (op >= RV_VWMACCU && op <= RV_VWMACCSU) ||
	       (op >= RV_VFMADD && op <= RV_VFNMSAC) || (op >= RV_VFWMACC && op <= RV_VFWNMSAC);
}

static void varith_text(char *buf, size_t size, const struct rv_insn *in)
{
	static const char *const suffix[] = {
	    [VF_VV] = ".vv",   [VF_VX] = ".vx",   [VF_VI] = ".vi", [VF_VF] = ".vf",   [VF_WV] = ".wv",
	    [VF_WX] = ".wx",   [VF_WI] = ".wi",   [VF_WF] = ".wf", [VF_VVM] = ".vvm", [VF_VXM] = ".vxm",
	    [VF_VIM] = ".vim", [VF_VFM] = ".vfm", [VF_MM] = ".mm", [VF_VS] = ".vs",   [VF_VM] = ".vm"};
	const char *m = rv_op_name(in->op), *vd = vregs[in->rd], *v2 = vregs[in->rs2], *mask = in->rm ? "" : ",v0.t";
	unsigned form = in->rs3;
	char src[16], name[32];
	switch (form) {
	case VF_VX:
	case VF_WX:
	case VF_VXM: snprintf(src, sizeof src, "%s", xregs[in->rs1]); break;
	case VF_VI:
	case VF_WI:
	case VF_VIM: snprintf(src, sizeof src, "%lld", (long long)in->imm); break;
	case VF_VF:
	case VF_WF:
	case VF_VFM: snprintf(src, sizeof src, "%s", fregs[in->rs1]); break;
	default: snprintf(src, sizeof src, "%s", vregs[in->rs1]); break;
	}
	if (form == VF_NR) {
		snprintf(buf, size, "vmv%lldr.v\t%s,%s", (long long)in->imm, vd, v2);
		return;
	}
	if (in->op == RV_VMV_V || in->op == RV_VFMV_V) {
		static const char *const kind[] = {[VF_VV] = "v", [VF_VX] = "x", [VF_VI] = "i", [VF_VF] = "f"};
		snprintf(buf, size, "%s.%s\t%s,%s", m, kind[form], vd, src);
		return;
	}
	if (form == VF_V) {
		switch (in->op) {
		case RV_VCPOP_M:
		case RV_VFIRST_M:
		case RV_VMV_X_S: snprintf(buf, size, "%s\t%s,%s%s", m, xregs[in->rd], v2, mask); break;
		case RV_VFMV_F_S: snprintf(buf, size, "%s\t%s,%s", m, fregs[in->rd], v2); break;
		case RV_VMV_S_X: snprintf(buf, size, "%s\t%s,%s", m, vd, xregs[in->rs1]); break;
		case RV_VFMV_S_F: snprintf(buf, size, "%s\t%s,%s", m, vd, fregs[in->rs1]); break;
		case RV_VID: snprintf(buf, size, "%s\t%s%s", m, vd, mask); break;
		default: snprintf(buf, size, "%s\t%s,%s%s", m, vd, v2, mask); break;
		}
		return;
	}
	snprintf(name, sizeof name, "%s%s", m, suffix[form]);
	if (form == VF_VVM || form == VF_VXM || form == VF_VIM || form == VF_VFM)
		snprintf(buf, size, "%s\t%s,%s,%s,v0", name, vd, v2, src);
	else if (vector_madd(in->op))
		snprintf(buf, size, "%s\t%s,%s,%s%s", name, vd, src, v2, mask);
	else
		snprintf(buf, size, "%s\t%s,%s,%s%s", name, vd, v2, src, mask);
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
	case F_FLI:
		if (in->rs1 == 1 || in->rs1 >= 30)
			snprintf(buf, size, "%s\t%s,%s", m, fd, in->rs1 == 1 ? "min" : in->rs1 == 30 ? "inf" : "nan");
		else
			snprintf(buf, size, "%s\t%s,%.12g", m, fd, fp_fli_value(in->rs1));
		break;
	case F_VSET:
		if (in->op == RV_VSETVL)
			snprintf(buf, size, "%s\t%s,%s,%s", m, xd, x1, x2);
		else if (in->op == RV_VSETIVLI)
			snprintf(buf, size, "%s\t%s,%u,%s", m, xd, in->rs1,
				 vtype_text(name, sizeof name, (unsigned)in->imm));
		else
			snprintf(buf, size, "%s\t%s,%s,%s", m, xd, x1,
				 vtype_text(name, sizeof name, (unsigned)in->imm));
		break;
	case F_VMEM: vmem_text(buf, size, in); break;
	case F_V: varith_text(buf, size, in); break;
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
