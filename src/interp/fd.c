#include <string.h>

#include "../riscv/fp.h"
#include "interp.h"

#define X(r) cpu->x[r]
#define F(r) cpu->f[r]

/* The rounding mode an instruction uses, or -1 when frm holds a reserved value. */
static int resolve_rm(const struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	unsigned rm = in->rm == RV_RM_DYN ? cpu->frm : in->rm;
	return rm <= 4 ? (int)rm : -1;
}

static int sgnj_s(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint32_t a = rv_unbox_s(F(in->rs1)), b = rv_unbox_s(F(in->rs2)), s;
	switch (in->op) {
	case RV_FSGNJ_S: s = b; break;
	case RV_FSGNJN_S: s = ~b; break;
	default: s = a ^ b; break;
	}
	F(in->rd) = RV_BOX_S((a & 0x7fffffffu) | (s & 0x80000000u));
	return EXEC_NEXT;
}

static int sgnj_d(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = F(in->rs1), b = F(in->rs2), s, sign = 1ull << 63;
	switch (in->op) {
	case RV_FSGNJ_D: s = b; break;
	case RV_FSGNJN_D: s = ~b; break;
	default: s = a ^ b; break;
	}
	F(in->rd) = (a & ~sign) | (s & sign);
	return EXEC_NEXT;
}

int interp_fd(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	unsigned fl = 0;
	int rm = 0;
	uint64_t a1 = X(in->rs1);
	uint32_t s1 = rv_unbox_s(F(in->rs1)), s2 = rv_unbox_s(F(in->rs2)), s3 = rv_unbox_s(F(in->rs3));
	uint64_t d1 = F(in->rs1), d2 = F(in->rs2), d3 = F(in->rs3);
	enum rv_format fmt = rv_op_format(in->op);

	if (fmt == F_FR4 || fmt == F_FR_RM || fmt == F_FR1_RM || fmt == F_XF_RM || fmt == F_FX_RM) {
		rm = resolve_rm(cpu, in);
		if (rm < 0)
			return EXEC_ILLEGAL;
	}
	switch (in->op) {
	case RV_FLW: F(in->rd) = RV_BOX_S(interp_load(cpu, a1 + (uint64_t)in->imm, 4)); return EXEC_NEXT;
	case RV_FLD: F(in->rd) = interp_load(cpu, a1 + (uint64_t)in->imm, 8); return EXEC_NEXT;
	case RV_FSW: {
		uint32_t v = (uint32_t)F(in->rs2);
		memcpy(interp_addr(cpu, a1 + (uint64_t)in->imm, 4), &v, 4);
		return EXEC_NEXT;
	}
	case RV_FSD: memcpy(interp_addr(cpu, a1 + (uint64_t)in->imm, 8), &F(in->rs2), 8); return EXEC_NEXT;
	case RV_FMADD_S:
	case RV_FMSUB_S:
	case RV_FNMSUB_S:
	case RV_FNMADD_S:
		F(in->rd) = RV_BOX_S(fp_arith_s((enum fp_arith)(FP_MADD + in->op - RV_FMADD_S), s1, s2, s3, rm, &fl));
		break;
	case RV_FMADD_D:
	case RV_FMSUB_D:
	case RV_FNMSUB_D:
	case RV_FNMADD_D:
		F(in->rd) = fp_arith_d((enum fp_arith)(FP_MADD + in->op - RV_FMADD_D), d1, d2, d3, rm, &fl);
		break;
	case RV_FADD_S:
	case RV_FSUB_S:
	case RV_FMUL_S:
	case RV_FDIV_S:
	case RV_FSQRT_S:
		F(in->rd) = RV_BOX_S(fp_arith_s((enum fp_arith)(FP_ADD + in->op - RV_FADD_S), s1, s2, 0, rm, &fl));
		break;
	case RV_FADD_D:
	case RV_FSUB_D:
	case RV_FMUL_D:
	case RV_FDIV_D:
	case RV_FSQRT_D:
		F(in->rd) = fp_arith_d((enum fp_arith)(FP_ADD + in->op - RV_FADD_D), d1, d2, 0, rm, &fl);
		break;
	case RV_FSGNJ_S:
	case RV_FSGNJN_S:
	case RV_FSGNJX_S: return sgnj_s(cpu, in);
	case RV_FSGNJ_D:
	case RV_FSGNJN_D:
	case RV_FSGNJX_D: return sgnj_d(cpu, in);
	case RV_FMIN_S:
	case RV_FMAX_S: F(in->rd) = RV_BOX_S(fp_minmax_s(s1, s2, in->op == RV_FMAX_S, &fl)); break;
	case RV_FMIN_D:
	case RV_FMAX_D: F(in->rd) = fp_minmax_d(d1, d2, in->op == RV_FMAX_D, &fl); break;
	case RV_FCVT_W_S:
	case RV_FCVT_WU_S:
	case RV_FCVT_L_S:
	case RV_FCVT_LU_S: {
		unsigned k = in->op - RV_FCVT_W_S;
		X(in->rd) = fp_to_int_s(s1, k < 2 ? 32 : 64, k & 1, rm, &fl);
		break;
	}
	case RV_FCVT_W_D:
	case RV_FCVT_WU_D:
	case RV_FCVT_L_D:
	case RV_FCVT_LU_D: {
		unsigned k = in->op - RV_FCVT_W_D;
		X(in->rd) = fp_to_int_d(d1, k < 2 ? 32 : 64, k & 1, rm, &fl);
		break;
	}
	case RV_FCVT_S_W:
	case RV_FCVT_S_WU:
	case RV_FCVT_S_L:
	case RV_FCVT_S_LU: {
		unsigned k = in->op - RV_FCVT_S_W;
		F(in->rd) = RV_BOX_S(fp_from_int_s(a1, k < 2 ? 32 : 64, k & 1, rm, &fl));
		break;
	}
	case RV_FCVT_D_W:
	case RV_FCVT_D_WU:
	case RV_FCVT_D_L:
	case RV_FCVT_D_LU: {
		unsigned k = in->op - RV_FCVT_D_W;
		F(in->rd) = fp_from_int_d(a1, k < 2 ? 32 : 64, k & 1, rm, &fl);
		break;
	}
	case RV_FMV_X_W: X(in->rd) = (uint64_t)(int64_t)(int32_t)(uint32_t)d1; break;
	case RV_FMV_W_X: F(in->rd) = RV_BOX_S(a1); break;
	case RV_FMV_X_D: X(in->rd) = d1; break;
	case RV_FMV_D_X: F(in->rd) = a1; break;
	case RV_FEQ_S:
	case RV_FLT_S:
	case RV_FLE_S: X(in->rd) = (uint64_t)fp_cmp_s((enum fp_cmp)(in->op - RV_FEQ_S), s1, s2, &fl); break;
	case RV_FEQ_D:
	case RV_FLT_D:
	case RV_FLE_D: X(in->rd) = (uint64_t)fp_cmp_d((enum fp_cmp)(in->op - RV_FEQ_D), d1, d2, &fl); break;
	case RV_FCLASS_S: X(in->rd) = fp_class_s(s1); break;
	case RV_FCLASS_D: X(in->rd) = fp_class_d(d1); break;
	case RV_FCVT_S_D: F(in->rd) = RV_BOX_S(fp_d_to_s(d1, rm, &fl)); break;
	case RV_FCVT_D_S: F(in->rd) = fp_s_to_d(s1, &fl); break;
	default: return EXEC_ILLEGAL;
	}
	cpu->fflags |= fl;
	return EXEC_NEXT;
}
