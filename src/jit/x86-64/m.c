/* M extension: multiplications inline; division and remainder inline with the RISC-V
 * results for a zero divisor and for overflow (x86 would trap), one x86 division for a
 * quotient and remainder of the same operands. */
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

/* The division's partner: the same operation's other half (rem for div, div for rem, same
 * signedness and width) on the same operands later in the block, with nothing between that
 * writes them or leaves the block; C's `q = a / b; r = a % b` and number formatting give such
 * pairs. One x86 division then serves both. Returns its index in the block, or -1. */
static int find_partner(struct tctx *t, uint16_t partner_op)
{
	const struct rv_insn *in = t->in;
	int n;
	if (in->rd == in->rs1 || in->rd == in->rs2)
		return -1;
	for (n = 1; n <= 8; n++) {
		const struct rv_insn *x = t_peek(t, n);
		enum rv_format f;
		if (!x)
			return -1;
		if (x->op == partner_op && x->rs1 == in->rs1 && x->rs2 == in->rs2)
			return t->idx + n;
		f = rv_op_format(x->op);
		if (f != F_R && f != F_I && f != F_SHIFT && f != F_U && f != F_LOAD && f != F_STORE)
			return -1;
		if (f != F_STORE && x->rd && (x->rd == in->rs1 || x->rd == in->rs2))
			return -1;
	}
	return -1;
}

#define SLOT(k, f)                                                                                                     \
	M(REG_CPU, OFF(div_magic) + (int32_t)((k) * sizeof(struct div_magic) + offsetof(struct div_magic, f)))

/* Unsigned 64-bit division of rax by rcx (not zero) into rax and rdx, by the site's cached
 * reciprocal when rcx is its divisor (Granlund and Montgomery's round-up method: with
 * l = ceil(log2 d), m = floor(2^64 (2^l - d) / d) + 1 and t = mulhi(m, n),
 * n / d = (t + ((n - t) >> 1)) >> (l - 1)); otherwise a division, and a divisor met twice in
 * a row gets its reciprocal made (one more division, in the same slow path). */
static void divide_unsigned(struct tctx *t, uint8_t **done)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned k = t->j->div_sites++ % DIV_MAGIC_SLOTS;
	uint8_t *miss, *skip[3];
	e_alu_rm(e, ALU_CMP, true, RCX, SLOT(k, d));
	miss = e_jcc(e, CC_NE);
	e_load(e, RDX, SLOT(k, m), 8, false);
	e_unary(e, 4, true, RDX); /* rdx = mulhi(n, m) */
	t_get(t, RAX, in->rs1);
	e_alu_rr(e, ALU_SUB, true, RAX, RDX);
	e_shift_i(e, SH_SHR, true, RAX, 1);
	e_alu_rr(e, ALU_ADD, true, RAX, RDX);
	e_load(e, RCX, SLOT(k, sh), 1, false);
	e_shift_cl(e, SH_SHR, true, RAX); /* quotient */
	t_get(t, RCX, in->rs2);
	e_imul_rr(e, true, RCX, RAX);
	t_get(t, RDX, in->rs1);
	e_alu_rr(e, ALU_SUB, true, RDX, RCX); /* remainder */
	*done = e_jmp(e);
	e_patch(miss, e->p);
	e_mov_ri(e, RDX, 0);
	e_unary(e, 6, true, RCX);
	e_alu_rm(e, ALU_CMP, true, RCX, SLOT(k, last));
	e_store(e, SLOT(k, last), RCX, 8);
	skip[0] = e_jcc(e, CC_NE);
	if (!t->j->host_bitcount) { /* no lzcnt: no reciprocals */
		e_patch(skip[0], e->p);
		return;
	}
	e_alu_ri(e, ALU_CMP, true, RCX, 1);
	skip[1] = e_jcc(e, CC_E);
	e_test_rr(e, true, RCX, RCX);
	skip[2] = e_jcc(e, CC_S); /* above 2^63: 2^l - d needs 65 bits */
	e_store(e, M(REG_CPU, OFF(div_tmp)), RAX, 8);
	e_store(e, M(REG_CPU, OFF(div_tmp) + 8), RDX, 8);
	e_lea(e, RAX, M(RCX, -1));
	e_bitcount(e, 0xbd, true, RAX, RAX); /* lzcnt(d - 1) = 64 - l */
	e_unary(e, 3, true, RAX);
	e_alu_ri(e, ALU_ADD, true, RAX, 63);
	e_store(e, SLOT(k, sh), RAX, 8); /* l - 1 */
	e_alu_ri(e, ALU_ADD, true, RAX, 1);
	e_mov_ri(e, RDX, 0);
	e_bt_rr(e, 0xab, RDX, RAX); /* bts: rdx = 2^l */
	e_alu_rr(e, ALU_SUB, true, RDX, RCX);
	e_mov_ri(e, RAX, 0);
	e_unary(e, 6, true, RCX); /* rdx:rax / d, with rdx < d */
	e_alu_ri(e, ALU_ADD, true, RAX, 1);
	e_store(e, SLOT(k, m), RAX, 8);
	e_store(e, SLOT(k, d), RCX, 8);
	e_load(e, RAX, M(REG_CPU, OFF(div_tmp)), 8, false);
	e_load(e, RDX, M(REG_CPU, OFF(div_tmp) + 8), 8, false);
	for (int i = 0; i < 3; i++)
		e_patch(skip[i], e->p);
}

/* rax = rs1, rcx = rs2; quotient into rax and remainder into rdx with RISC-V's special
 * cases; rd gets the one asked for, and the other goes to the vCPU for the partner, if any. */
static void divide(struct tctx *t, bool sign, bool rem, bool word, uint16_t partner_op)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *zero, *ovf = NULL, *done1, *normal = NULL, *fast = NULL;
	int partner;
	if (t->idx == t->div_partner) { /* computed with the first half */
		e_load(e, RAX, M(REG_CPU, OFF(div_other)), 8, false);
		t_put(t, in->rd, RAX);
		t->div_partner = -1;
		return;
	}
	partner = find_partner(t, partner_op);
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
		e_mov_ri(e, RDX, 0);
		e_unary(e, 3, !word, RAX);
		ovf = e_jmp(e);
		e_patch(normal, e->p);
		if (word) {
			e_byte(e, 0x99); /* cdq */
		} else {
			e_cqo(e);
		}
		e_unary(e, 7, !word, RCX);
	} else if (!word) {
		divide_unsigned(t, &fast);
	} else {
		e_mov_ri(e, RDX, 0);
		e_unary(e, 6, !word, RCX);
	}
	done1 = e_jmp(e);
	/* divisor zero: quotient all ones, remainder the dividend */
	e_patch(zero, e->p);
	e_mov_rr(e, true, RDX, RAX);
	e_mov_ri(e, RAX, ~0ull);
	if (ovf)
		e_patch(ovf, e->p);
	e_patch(done1, e->p);
	if (fast)
		e_patch(fast, e->p);
	if (word) {
		e_movsxd(e, RAX, RAX);
		e_movsxd(e, RDX, RDX);
	}
	if (partner >= 0) {
		e_store(e, M(REG_CPU, OFF(div_other)), rem ? RAX : RDX, 8);
		t->div_partner = partner;
	}
	t_put(t, in->rd, rem ? RDX : RAX);
}

bool jit_m(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	switch (in->op) {
	case RV_MUL:
	case RV_MULW:
		if (t_host_reg(t, in->rd) >= 0 && in->rs1 && in->rs2) { /* straight into rd */
			int h = t_host_reg(t, in->rd);
			unsigned a = in->rd == in->rs2 ? in->rs2 : in->rs1, b = a == in->rs1 ? in->rs2 : in->rs1;
			if (in->rd != a)
				t_get(t, h, a);
			if (t_host_reg(t, b) >= 0)
				e_imul_rr(&t->e, in->op == RV_MUL, h, t_host_reg(t, b));
			else
				e_imul_rm(&t->e, in->op == RV_MUL, h, M(REG_CPU, OFF_X(b)));
			if (in->op == RV_MULW && !t->upper_dead)
				t_extend_w(t, in->rd, h, 1);
			return true;
		}
		t_get(t, RAX, in->rs1);
		t_get(t, RCX, in->rs2);
		e_imul_rr(&t->e, in->op == RV_MUL, RAX, RCX);
		if (in->op == RV_MULW && !t->upper_dead)
			e_movsxd(&t->e, RAX, RAX);
		t_put(t, in->rd, RAX);
		return true;
	case RV_MULH: mulh(t, 5); return true;
	case RV_MULHU: mulh(t, 4); return true;
	case RV_MULHSU: mulhsu(t); return true;
	case RV_DIV: divide(t, true, false, false, RV_REM); return true;
	case RV_DIVU: divide(t, false, false, false, RV_REMU); return true;
	case RV_REM: divide(t, true, true, false, RV_DIV); return true;
	case RV_REMU: divide(t, false, true, false, RV_DIVU); return true;
	case RV_DIVW: divide(t, true, false, true, RV_REMW); return true;
	case RV_DIVUW: divide(t, false, false, true, RV_REMUW); return true;
	case RV_REMW: divide(t, true, true, true, RV_DIVW); return true;
	case RV_REMUW: divide(t, false, true, true, RV_DIVUW); return true;
	}
	return false;
}
