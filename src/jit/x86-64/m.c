/* M extension: multiplications inline; division and remainder inline with the RISC-V
 * results for a zero divisor and for overflow (x86 would trap). */
#include "internal.h"

static void mulh(struct tctx *t, int digit)
{
	const struct rv_insn *in = t->in;
	t_get(t, RAX, in->rs1);
	t_get(t, RCX, in->rs2);
	e_unary(&t->e, digit, true, RCX); /* rdx:rax = rax * rcx */
	t_put(t, in->rd, RDX);
}

/* mulhsu: signed rs1 times unsigned rs2 = mulhu(rs1, rs2) - (rs1 < 0 ? rs2 : 0) */
static void mulhsu(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	t_get(t, RAX, in->rs1);
	t_get(t, RCX, in->rs2);
	e_unary(&t->e, 4, true, RCX);
	t_get(t, RAX, in->rs1);
	e_shift_i(&t->e, SH_SAR, true, RAX, 63);
	e_alu_rr(&t->e, ALU_AND, true, RAX, RCX);
	e_alu_rr(&t->e, ALU_SUB, true, RDX, RAX);
	t_put(t, in->rd, RDX);
}

/* rax = rs1, rcx = rs2; quotient or remainder into rd with RISC-V's special cases. */
static void divide(struct tctx *t, bool sign, bool rem, bool word)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *zero, *ovf = NULL, *done1, *normal = NULL;
	t_get(t, RAX, in->rs1);
	t_get(t, RCX, in->rs2);
	if (word) {
		if (sign) {
			e_movsxd(e, RAX, RAX);
			e_movsxd(e, RCX, RCX);
		} else {
			e_mov_rr(e, false, RAX, RAX);
			e_mov_rr(e, false, RCX, RCX);
		}
	}
	e_test_rr(e, !word, RCX, RCX);
	zero = e_jcc(e, CC_E);
	if (sign) {
		/* rs2 == -1: quotient is -rs1 (wrapping), remainder 0; avoids the x86 overflow trap */
		e_alu_ri(e, ALU_CMP, !word, RCX, -1);
		normal = e_jcc(e, CC_NE);
		if (rem)
			e_mov_ri(e, RAX, 0);
		else
			e_unary(e, 3, !word, RAX);
		ovf = e_jmp(e);
		e_patch(normal, e->p);
		if (word) {
			e_byte(e, 0x99); /* cdq */
		} else {
			e_cqo(e);
		}
		e_unary(e, 7, !word, RCX);
	} else {
		e_mov_ri(e, RDX, 0);
		e_unary(e, 6, !word, RCX);
	}
	if (rem)
		e_mov_rr(e, true, RAX, RDX);
	done1 = e_jmp(e);
	/* divisor zero: quotient all ones, remainder the dividend */
	e_patch(zero, e->p);
	if (!rem)
		e_mov_ri(e, RAX, ~0ull);
	if (ovf)
		e_patch(ovf, e->p);
	e_patch(done1, e->p);
	if (word)
		e_movsxd(e, RAX, RAX);
	t_put(t, in->rd, RAX);
}

bool jit_m(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	switch (in->op) {
	case RV_MUL:
	case RV_MULW:
		t_get(t, RAX, in->rs1);
		t_get(t, RCX, in->rs2);
		e_imul_rr(&t->e, in->op == RV_MUL, RAX, RCX);
		if (in->op == RV_MULW)
			e_movsxd(&t->e, RAX, RAX);
		t_put(t, in->rd, RAX);
		return true;
	case RV_MULH: mulh(t, 5); return true;
	case RV_MULHU: mulh(t, 4); return true;
	case RV_MULHSU: mulhsu(t); return true;
	case RV_DIV: divide(t, true, false, false); return true;
	case RV_DIVU: divide(t, false, false, false); return true;
	case RV_REM: divide(t, true, true, false); return true;
	case RV_REMU: divide(t, false, true, false); return true;
	case RV_DIVW: divide(t, true, false, true); return true;
	case RV_DIVUW: divide(t, false, false, true); return true;
	case RV_REMW: divide(t, true, true, true); return true;
	case RV_REMUW: divide(t, false, true, true); return true;
	}
	return false;
}
