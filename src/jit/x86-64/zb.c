/* Zba, Zbb, Zbs inline with the host's BMI/POPCNT instructions (orc.b, which x86 lacks, and
 * the count instructions on a host without LZCNT/TZCNT/POPCNT go to the interpreter). */
#include "internal.h"

static void binop(struct tctx *t, void (*body)(struct emit *e, const struct rv_insn *in))
{
	t_get(t, RAX, t->in->rs1);
	t_get(t, RCX, t->in->rs2);
	body(&t->e, t->in);
	t_put(t, t->in->rd, RAX);
}

static void b_add_uw(struct emit *e, const struct rv_insn *in)
{
	unsigned k = in->op == RV_ADD_UW ? 0 : (unsigned)(in->op - RV_SH1ADD_UW + 1);
	e_mov_rr(e, false, RAX, RAX);
	if (k)
		e_shift_i(e, SH_SHL, true, RAX, (uint8_t)k);
	e_alu_rr(e, ALU_ADD, true, RAX, RCX);
}
static void b_shadd(struct emit *e, const struct rv_insn *in)
{
	e_shift_i(e, SH_SHL, true, RAX, (uint8_t)(in->op - RV_SH1ADD + 1));
	e_alu_rr(e, ALU_ADD, true, RAX, RCX);
}
/* rd = rs2 + (rs1 << k) (rs1 zero-extended from 32 bits for the .uw forms) as one lea, the
 * array index idiom; false for x0 operands, which the generic path handles */
static bool shadd_lea(struct tctx *t, unsigned k, bool uw)
{
	const struct rv_insn *in = t->in;
	int a = t_host_reg(t, in->rs1), b = t_host_reg(t, in->rs2), d = t_host_reg(t, in->rd);
	if (!in->rs1 || !in->rs2 || !in->rd)
		return false;
	if (!uw && t_load_of_sum(t, in->rs2, in->rs1, k, 1))
		return true;
	if (uw) {
		t_get(t, RAX, in->rs1);
		e_mov_rr(&t->e, false, RAX, RAX);
		a = RAX;
	} else if (a < 0) {
		t_get(t, RAX, in->rs1);
		a = RAX;
	}
	if (b < 0) {
		t_get(t, RCX, in->rs2);
		b = RCX;
	}
	e_lea(&t->e, d >= 0 ? d : RAX, MXS(b, a, k, 0));
	if (d < 0)
		t_put(t, in->rd, RAX);
	return true;
}

static void b_logic_not(struct emit *e, const struct rv_insn *in)
{
	if (in->op == RV_XNOR) {
		e_alu_rr(e, ALU_XOR, true, RAX, RCX);
		e_unary(e, 2, true, RAX);
		return;
	}
	e_unary(e, 2, true, RCX);
	e_alu_rr(e, in->op == RV_ANDN ? ALU_AND : ALU_OR, true, RAX, RCX);
}
static void b_minmax(struct emit *e, const struct rv_insn *in)
{
	/* rax = (rax <cc> rcx) ? rax : rcx, by moving rcx in on the opposite condition */
	static const int keep_rcx[] = {
	    [RV_MAX - RV_MAX] = CC_L, [RV_MAXU - RV_MAX] = CC_B, [RV_MIN - RV_MAX] = CC_G, [RV_MINU - RV_MAX] = CC_A};
	e_alu_rr(e, ALU_CMP, true, RAX, RCX);
	e_cmov(e, keep_rcx[in->op - RV_MAX], RAX, RCX);
}
static void b_rotate(struct emit *e, const struct rv_insn *in)
{
	bool w = in->op == RV_ROLW || in->op == RV_RORW;
	e_shift_cl(e, (in->op == RV_ROL || in->op == RV_ROLW) ? SH_ROL : SH_ROR, !w, RAX);
	if (w)
		e_movsxd(e, RAX, RAX);
}
static void b_bit(struct emit *e, const struct rv_insn *in)
{
	switch (in->op) {
	case RV_BCLR: e_bt_rr(e, 0xb3, RAX, RCX); break;
	case RV_BSET: e_bt_rr(e, 0xab, RAX, RCX); break;
	case RV_BINV: e_bt_rr(e, 0xbb, RAX, RCX); break;
	default: e_bt_rr(e, 0xa3, RAX, RCX); e_setcc(e, CC_B, RAX);
	}
}

static void unop(struct tctx *t, void (*body)(struct emit *e, const struct rv_insn *in))
{
	t_get(t, RAX, t->in->rs1);
	body(&t->e, t->in);
	t_put(t, t->in->rd, RAX);
}

static void u_count(struct emit *e, const struct rv_insn *in)
{
	static const uint8_t op[] = {0xbd, 0xbd, 0xbc, 0xbc, 0xb8, 0xb8}; /* lzcnt tzcnt popcnt */
	unsigned k = in->op - RV_CLZ;
	bool w = k & 1; /* CLZ, CLZW, CTZ, CTZW, CPOP, CPOPW */
	e_bitcount(e, op[k], !w, RAX, RAX);
}
static void u_ext(struct emit *e, const struct rv_insn *in)
{
	if (in->op == RV_SEXT_B)
		e_movsx8(e, RAX, RAX);
	else if (in->op == RV_SEXT_H)
		e_movsx16(e, RAX, RAX);
	else
		e_movzx16(e, RAX, RAX);
}
static void u_rev8(struct emit *e, const struct rv_insn *in)
{
	(void)in;
	e_bswap(e, RAX);
}
static void u_shift_imm(struct emit *e, const struct rv_insn *in)
{
	uint8_t n = (uint8_t)in->imm;
	switch (in->op) {
	case RV_SLLI_UW:
		e_mov_rr(e, false, RAX, RAX);
		if (n)
			e_shift_i(e, SH_SHL, true, RAX, n);
		break;
	case RV_RORI:
		if (n)
			e_shift_i(e, SH_ROR, true, RAX, n);
		break;
	case RV_RORIW:
		if (n)
			e_shift_i(e, SH_ROR, false, RAX, n);
		e_movsxd(e, RAX, RAX);
		break;
	case RV_BCLRI: e_bt_ri(e, 6, RAX, n); break;
	case RV_BSETI: e_bt_ri(e, 5, RAX, n); break;
	case RV_BINVI: e_bt_ri(e, 7, RAX, n); break;
	default: /* BEXTI */ e_bt_ri(e, 4, RAX, n); e_setcc(e, CC_B, RAX);
	}
}

/* andn as BMI1's (rd = ~rs2 & rs1: rs2 in a register, rs1 in one or in its home), one instruction
 * where the generic form takes five */
static bool andn_bmi(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	int d = t_host_reg(t, in->rd), n = t_host_reg(t, in->rs2), a = t_host_reg(t, in->rs1);
	if (!t->j->host_bitcount || !in->rd || !in->rs1 || !in->rs2) /* host_bitcount includes BMI1 */
		return false;
	if (n < 0) {
		t_get(t, RCX, in->rs2);
		n = RCX;
	}
	if (d < 0)
		d = RAX;
	if (a >= 0)
		e_vex_rr(&t->e, false, VEX_PP_NONE, VEX_0F38, true, 0xf2, d, n, a);
	else
		e_vex_rm(&t->e, false, VEX_PP_NONE, VEX_0F38, true, 0xf2, d, n, M(REG_CPU, OFF_X(in->rs1)));
	if (d == RAX)
		t_put(t, in->rd, RAX);
	return true;
}

/* rori/roriw as BMI2's rorx, which neither needs rd to hold rs1 first nor writes the flags */
static bool rorx_into(struct tctx *t, int h)
{
	const struct rv_insn *in = t->in;
	bool w = in->op == RV_RORIW;
	int a = t_host_reg(t, in->rs1);
	if (!t->j->host_bmi2)
		return false;
	if (a >= 0)
		e_vex_rr(&t->e, false, VEX_PP_F2, VEX_0F3A, !w, 0xf0, h, 0, a);
	else
		e_vex_rm(&t->e, false, VEX_PP_F2, VEX_0F3A, !w, 0xf0, h, 0, M(REG_CPU, OFF_X(in->rs1)));
	e_byte(&t->e, (uint8_t)in->imm);
	if (w && !t->upper_dead)
		t_extend_w(t, in->rd, h, 1);
	return true;
}

/* rori/roriw, and rol/ror/rolw/rorw by a register (its count in cl first, as rd may be rs2),
 * straight into a mapped rd, the W forms' sign extension left out where nothing after reads the
 * upper half */
static bool rotate_into(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	int h = t_host_reg(t, in->rd);
	bool imm = in->op == RV_RORI || in->op == RV_RORIW;
	bool w = in->op == RV_RORIW || in->op == RV_ROLW || in->op == RV_RORW;
	int op = in->op == RV_ROL || in->op == RV_ROLW ? SH_ROL : SH_ROR;
	if (h < 0 || !in->rd || !in->rs1 || (imm && !in->imm))
		return false;
	if (imm && rorx_into(t, h))
		return true;
	if (!imm)
		t_get(t, RCX, in->rs2);
	if (in->rd != in->rs1)
		t_get(t, h, in->rs1);
	if (imm)
		e_shift_i(&t->e, op, !w, h, (uint8_t)in->imm);
	else
		e_shift_cl(&t->e, op, !w, h);
	if (w && !t->upper_dead)
		t_extend_w(t, in->rd, h, 1);
	return true;
}

bool jit_zb(struct tctx *t)
{
	switch (t->in->op) {
	case RV_ADD_UW:
	case RV_SH1ADD_UW:
	case RV_SH2ADD_UW:
	case RV_SH3ADD_UW:
		if (!shadd_lea(t, t->in->op == RV_ADD_UW ? 0 : (unsigned)(t->in->op - RV_SH1ADD_UW + 1), true))
			binop(t, b_add_uw);
		return true;
	case RV_SH1ADD:
	case RV_SH2ADD:
	case RV_SH3ADD:
		if (!shadd_lea(t, (unsigned)(t->in->op - RV_SH1ADD + 1), false))
			binop(t, b_shadd);
		return true;
	case RV_ANDN:
		if (!andn_bmi(t))
			binop(t, b_logic_not);
		return true;
	case RV_ORN:
	case RV_XNOR: binop(t, b_logic_not); return true;
	case RV_MAX:
	case RV_MAXU:
	case RV_MIN:
	case RV_MINU: binop(t, b_minmax); return true;
	case RV_ROL:
	case RV_ROR:
	case RV_ROLW:
	case RV_RORW:
		if (!rotate_into(t))
			binop(t, b_rotate);
		return true;
	case RV_BCLR:
	case RV_BSET:
	case RV_BINV:
	case RV_BEXT: binop(t, b_bit); return true;
	case RV_CLZ:
	case RV_CLZW:
	case RV_CTZ:
	case RV_CTZW:
	case RV_CPOP:
	case RV_CPOPW:
		if (!t->j->host_bitcount)
			return false;
		unop(t, u_count);
		return true;
	case RV_SEXT_B:
	case RV_SEXT_H:
	case RV_ZEXT_H: unop(t, u_ext); return true;
	case RV_REV8: unop(t, u_rev8); return true;
	case RV_RORI:
	case RV_RORIW:
		if (!rotate_into(t))
			unop(t, u_shift_imm);
		return true;
	case RV_SLLI_UW:
	case RV_BCLRI:
	case RV_BSETI:
	case RV_BINVI:
	case RV_BEXTI: unop(t, u_shift_imm); return true;
	}
	return false;
}
