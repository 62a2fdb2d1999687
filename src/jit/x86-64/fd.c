/* F and D: arithmetic, square root, fused multiply-add, comparisons and conversions inline in
 * SSE2/FMA3, with the host's MXCSR holding the guest's rounding mode and collecting its
 * exception flags (x86 flags are sticky and detect tininess after rounding, as RISC-V's). Inline
 * code serves the dynamic rounding mode when frm is one the host has (RNE, RTZ, RDN, RUP); RMM,
 * reserved frm values, static rounding modes and the saturating float-to-integer conversions go
 * to the interpreter. A single-precision operand must be NaN-boxed (the upper 32 bits all ones):
 * one that is not is a NaN to RISC-V, and its instruction goes to the interpreter too. The host's
 * scalar single-precision instructions write only the low 32 bits, so a result in a register
 * whose upper half came from a boxed operand is boxed already. */
#include "../../riscv/fp.h"
#include "internal.h"

enum { XMM0, XMM1, XMM2 };

/* xmm0 NaN -> the canonical NaN; a quiet compare of a result raises nothing. */
static void canonicalize_d(struct tctx *t)
{
	e_sse_rr(&t->e, 0x66, false, 0x2e, XMM0, XMM0); /* ucomisd */
	t_cold_value(t, e_jcc(&t->e, CC_P), COLD_XMM, RV_NAN_D);
}

/* Runs body inline when frm is a host rounding mode, the interpreter otherwise. Only the first
 * such instruction of a block checks: where frm is another mode, the interpreter runs it and
 * the block ends there, so that the rest of it never runs with the check skipped. */
static void guarded(struct tctx *t, void (*body)(struct tctx *t))
{
	struct emit *e = &t->e;
	uint8_t *slow;
	if (t->frm_checked) {
		body(t);
		return;
	}
	e_alu_mi(e, ALU_CMP, false, M(REG_CPU, OFF(frm)), RM_RUP);
	slow = e_jcc(e, CC_A);
	body(t);
	t_cold_helper_leave(t, slow, interp_fd, "frm is RMM or reserved: no host rounding mode");
	t->frm_checked = true;
}

/* xmm = 0: the scalar conversions write only the low lanes, and without this would wait for
 * whatever last wrote the register (in a loop, often the previous iteration's result) */
static void clear_xmm(struct emit *e, int xmm)
{
	e_sse_rr(e, 0, false, 0x57, xmm, xmm); /* xorps */
}

/* reg |= the NaN box of a single (its upper half must be zero) */
static void box_single(struct emit *e, int reg)
{
	e_mov_ri(e, RCX, 0xffffffff00000000ull);
	e_alu_rr(e, ALU_OR, true, reg, RCX);
}

/* Whether the single-precision sources (up to three, NONE: fewer) are all NaN-boxed: one test
 * of their upper halves together; the jump it returns is taken when one is not, and goes to
 * unboxed(), after the instruction's inline code. */
#define NONE (-1)
static uint8_t *boxed_test(struct tctx *t, int a, int b, int c)
{
	struct emit *e = &t->e;
	int src[3] = {a, b, c}, n = 0;
	for (int i = 0; i < 3; i++) /* those a single's result in this block wrote are boxed */
		if (src[i] != NONE && !(t->f_boxed >> src[i] & 1)) {
			t_fget_gpr(t, n ? RDX : RCX, (unsigned)src[i]);
			if (n++)
				e_alu_rr(e, ALU_AND, true, RCX, RDX);
		}
	if (!n)
		return NULL;
	e_shift_i(e, SH_SHR, true, RCX, 32);
	e_alu_ri(e, ALU_CMP, false, RCX, -1);
	return e_jcc(e, CC_NE);
}

static void unboxed(struct tctx *t, uint8_t *site)
{
	if (site)
		t_cold_helper(t, site, interp_fd, "a single-precision source that is not NaN-boxed: a NaN to RISC-V");
}

/* xmm0 NaN -> the canonical single NaN, boxed. */
static void canonicalize_s(struct tctx *t)
{
	e_sse_rr(&t->e, 0, false, 0x2e, XMM0, XMM0); /* ucomiss */
	t_cold_value(t, e_jcc(&t->e, CC_P), COLD_XMM, 0xffffffff00000000ull | RV_NAN_S);
}

/* An operation of arith_sd straight into rd's host register: VEX's three operands (rs1 from
 * xmm0 when it lives in the vCPU), or SSE's two when rd is rs1, without the copies in and out of
 * xmm0 (nbody 5% faster). A NaN result is made canonical there; the upper bits come from rs1,
 * so a boxed single stays so. */
static bool arith_in_place(struct tctx *t, bool d, uint8_t op, bool sqrt)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	int rd = jit_xmm_reg(in->rd), a = jit_xmm_reg(in->rs1), b = sqrt ? a : jit_xmm_reg(in->rs2);
	uint64_t nan = d ? RV_NAN_D : 0xffffffff00000000ull | RV_NAN_S;
	if (rd < 0)
		return false;
	if (t->j->host_fma) {
		if (a < 0) {
			a = XMM0;
			t_fget(t, XMM0, in->rs1);
		}
		if (sqrt)
			e_vex_rr(e, false, d ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, false, op, rd, a, a);
		else if (b >= 0)
			e_vex_rr(e, false, d ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, false, op, rd, a, b);
		else
			e_vex_rm(e, false, d ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, false, op, rd, a,
				 M(REG_CPU, OFF_F(in->rs2)));
	} else if (in->rd == in->rs1 && !sqrt) {
		t_sse_f(t, d ? 0xf2 : 0xf3, false, op, rd, in->rs2);
	} else {
		return false;
	}
	if (t->nan_defer) { /* checked with others before anything could see it */
		t->nan_pending |= 1u << in->rd;
		t->nan_single = (t->nan_single & ~(1u << in->rd)) | (uint32_t)!d << in->rd;
		return true;
	}
	e_sse_rr(e, d ? 0x66 : 0, false, 0x2e, rd, rd); /* ucomisd, ucomiss: NaN? */
	t_cold_xmm(t, e_jcc(e, CC_P), rd, nan);
	return true;
}

/* The operations whose result may wait for its NaN check, and that may read such a result: a
 * NaN operand gives a NaN (made canonical in turn) with the same flags whatever its bits, and
 * with frm checked and a dynamic rounding mode nothing in them leaves the block. */
static bool nan_transparent(const struct tctx *t, const struct rv_insn *in)
{
	unsigned op = in->op;
	bool fma_s = op >= RV_FMADD_S && op <= RV_FNMADD_S, single = fma_s || (op >= RV_FADD_S && op <= RV_FSQRT_S);
	if (in->rm != RV_RM_DYN || !t->frm_checked)
		return false;
	/* a single-precision source whose double result waits: the host's NaN may look boxed
	 * (an operand's payload kept), the canonical one is not */
	if (single && t->nan_pending & ~t->nan_single & (1u << in->rs1 | 1u << in->rs2 | (uint32_t)fma_s << in->rs3))
		return false;
	if (single || (op >= RV_FADD_D && op <= RV_FSQRT_D))
		return true;
	return (fma_s || (op >= RV_FMADD_D && op <= RV_FNMADD_D)) && t->j->host_fma;
}

void jit_nan_flush(struct tctx *t)
{
	struct emit *e = &t->e;
	for (int single = 0; single < 2 && t->nan_pending; single++) {
		uint32_t regs = t->nan_pending & (single ? t->nan_single : ~t->nan_single);
		uint64_t nan = single ? 0xffffffff00000000ull | RV_NAN_S : RV_NAN_D;
		while (regs) {
			int a = jit_xmm_reg((unsigned)__builtin_ctz(regs)), b;
			regs &= regs - 1;
			b = regs ? jit_xmm_reg((unsigned)__builtin_ctz(regs)) : a;
			regs &= regs ? regs - 1 : 0;
			e_sse_rr(e, single ? 0 : 0x66, false, 0x2e, a, b); /* ucomisd, ucomiss: either NaN? */
			t_cold_nan(t, e_jcc(e, CC_P), a | (b == a ? 0xff : b) << 8 | single << 16, nan);
		}
	}
	t->nan_pending = t->nan_single = 0;
}

/* An integer operation with an FP operation next: no pattern that takes in a load, a store or
 * a branch starts there */
static bool int_between(struct tctx *t, const struct rv_insn *in)
{
	enum rv_format f = rv_op_format(in->op);
	const struct rv_insn *next;
	if (in->op >= RV_FIRST_M || !in->rd || (f != F_R && f != F_I && f != F_SHIFT && f != F_U))
		return false;
	next = t_peek(t, 1);
	return next && nan_transparent(t, next);
}

void jit_nan_before(struct tctx *t, const struct rv_insn *in)
{
	if (t->nan_pending && !nan_transparent(t, in) && !int_between(t, in))
		jit_nan_flush(t);
}

/* add, sub, mul, div, sqrt, double or single */
static void arith_sd(struct tctx *t, bool d)
{
	static const uint8_t op[] = {
	    [FP_ADD] = 0x58, [FP_SUB] = 0x5c, [FP_MUL] = 0x59, [FP_DIV] = 0x5e, [FP_SQRT] = 0x51};
	const struct rv_insn *in = t->in;
	unsigned k = in->op - (d ? RV_FADD_D : RV_FADD_S);
	uint8_t *bad = d ? NULL : boxed_test(t, in->rs1, k == FP_SQRT ? NONE : in->rs2, NONE);
	if (!arith_in_place(t, d, op[k], k == FP_SQRT)) {
		t_fget(t, XMM0, in->rs1);
		if (k == FP_SQRT)
			e_sse_rr(&t->e, d ? 0xf2 : 0xf3, false, op[k], XMM0, XMM0);
		else
			t_sse_f(t, d ? 0xf2 : 0xf3, false, op[k], XMM0, in->rs2);
		if (d)
			canonicalize_d(t);
		else
			canonicalize_s(t);
		t_fput(t, in->rd, XMM0);
		t->nan_pending &= ~(1u << in->rd);
	}
	if (bad)
		unboxed(t, bad);
}

static void arith_d(struct tctx *t)
{
	arith_sd(t, true);
}

static void arith_s(struct tctx *t)
{
	arith_sd(t, false);
}

static const char fma_nan[] = "a NaN result: canonical NaN, and NV for inf * 0 + qNaN";

/* The four multiply-adds, double or single (whose sources must be NaN-boxed). Where all four
 * registers live in xmm registers, the result goes straight into rd's: the 213 form when rd is a
 * factor, else the 231 one on rd (a copy of the addend first unless rd is it); a source it
 * overwrites is kept in xmm0 for the NaN path, which puts it back before the interpreter redoes
 * the instruction. Else in xmm0 from copies of the sources. */
static void fma_sd(struct tctx *t, bool d)
{
	/* x86 names by the sign of the product and of the addend: 231 form, reg = vvvv*rm + reg; the
	 * 213 form (0x10 below), reg = reg*vvvv + rm */
	static const uint8_t op[] = {0xb9 /* a*b+c */, 0xbb /* a*b-c */, 0xbd /* -(a*b)+c */, 0xbf /* -(a*b)-c */};
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *nan, *bad = d ? NULL : boxed_test(t, in->rs1, in->rs2, in->rs3);
	uint8_t code = op[in->op - (d ? RV_FMADD_D : RV_FMADD_S)];
	int a = jit_xmm_reg(in->rs1), b = jit_xmm_reg(in->rs2), c = jit_xmm_reg(in->rs3), rd = jit_xmm_reg(in->rd);
	int out = XMM0;    /* where the result is made */
	bool kept = false; /* a source it overwrites is in xmm0 */
	/* VEX.LIG.66.0F38.W: W1 sd, W0 ss */
	if (rd >= 0 && a >= 0 && b >= 0 && c >= 0) {
		out = rd;
		kept = rd == a || rd == b || rd == c;
		if (kept)
			e_sse_rr(e, 0, false, 0x28, XMM0, rd); /* movaps */
		if (rd == a || rd == b) {
			e_vex_rr(e, false, VEX_PP_66, VEX_0F38, d, code - 0x10, rd, rd == a ? b : a, c);
		} else {
			if (rd != c)
				e_sse_rr(e, 0, false, 0x28, rd, c);
			e_vex_rr(e, false, VEX_PP_66, VEX_0F38, d, code, rd, a, b);
		}
	} else {
		t_fget(t, XMM0, in->rs3);
		if (a < 0) {
			a = XMM1;
			t_fget(t, a, in->rs1);
		}
		if (b < 0) {
			b = XMM2;
			t_fget(t, b, in->rs2);
		}
		e_vex_rr(e, false, VEX_PP_66, VEX_0F38, d, code, XMM0, a, b);
	}
	e_sse_rr(e, d ? 0x66 : 0, false, 0x2e, out, out); /* ucomisd, ucomiss: NaN? */
	nan = e_jcc(e, CC_P);
	if (out == XMM0)
		t_fput(t, in->rd, XMM0);
	/* the interpreter redoes it from the sources; the host's flags so far are a subset of
	 * RISC-V's, which also raises NV for inf * 0 plus a quiet NaN */
	if (kept)
		t_cold_helper_xmm(t, nan, interp_fd, fma_nan, rd);
	else
		t_cold_helper(t, nan, interp_fd, fma_nan);
	if (bad)
		unboxed(t, bad);
	t->nan_pending &= ~(1u << in->rd); /* checked here */
}

static void fma_d(struct tctx *t)
{
	fma_sd(t, true);
}

static void fma_s(struct tctx *t)
{
	fma_sd(t, false);
}

/* feq, flt, fle: double, or single on NaN-boxed sources */
static void compare_sd(struct tctx *t, bool d)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t prefix = d ? 0x66 : 0;
	if (in->op == (d ? RV_FEQ_D : RV_FEQ_S)) {
		t_fget(t, XMM0, in->rs1);
		t_sse_f(t, prefix, false, 0x2e, XMM0, in->rs2); /* ucomisd/ss: quiet */
		e_setcc(e, CC_E, RAX);
		e_setcc(e, CC_NP, RCX);
		e_alu_rr(e, ALU_AND, false, RAX, RCX);
	} else {
		/* comisd/ss b, a (signaling): a < b is "above", a <= b "above or equal", both false unordered */
		t_fget(t, XMM0, in->rs2);
		t_sse_f(t, prefix, false, 0x2f, XMM0, in->rs1);
		e_setcc(e, in->op == (d ? RV_FLT_D : RV_FLT_S) ? CC_A : CC_AE, RAX);
	}
	t_put(t, in->rd, RAX);
}

static void compare_s(struct tctx *t)
{
	uint8_t *bad = boxed_test(t, t->in->rs1, t->in->rs2, NONE);
	compare_sd(t, false);
	unboxed(t, bad);
}

/* fsgnj.s and the like on boxed sources: the low 32 bits as fsgnj.d does 64, boxed again. */
static void sign_inject_s(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *bad = boxed_test(t, in->rs1, in->rs2, NONE);
	t_fget_gpr(t, RAX, in->rs1);
	if (in->rs1 == in->rs2 && in->op != RV_FSGNJ_S) {
		e_bt_ri(e, in->op == RV_FSGNJN_S ? 7 : 6, RAX, 31); /* btc, btr: fneg.s, fabs.s */
	} else if (in->rs1 != in->rs2) {
		t_fget_gpr(t, RCX, in->rs2);
		if (in->op == RV_FSGNJN_S)
			e_unary(e, 2, false, RCX);
		else if (in->op == RV_FSGNJX_S)
			e_alu_rr(e, ALU_XOR, false, RCX, RAX);
		e_alu_ri(e, ALU_AND, false, RCX, (int32_t)0x80000000u);
		e_bt_ri(e, 6, RAX, 31); /* btr: the box above stays */
		e_alu_rr(e, ALU_OR, true, RAX, RCX);
	}
	t_fput_gpr(t, in->rd, RAX);
	unboxed(t, bad);
}

static void cvt_d_s(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	uint8_t *bad = boxed_test(t, in->rs1, NONE, NONE);
	clear_xmm(&t->e, XMM0);
	t_sse_f(t, 0xf3, false, 0x5a, XMM0, in->rs1); /* cvtss2sd: exact */
	canonicalize_d(t);
	t_fput(t, in->rd, XMM0);
	unboxed(t, bad);
}

static void cvt_s_d(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	clear_xmm(e, XMM0);
	t_sse_f(t, 0xf2, false, 0x5a, XMM0, in->rs1); /* cvtsd2ss */
	e_sse_rr(e, 0x66, false, 0x7e, XMM0, RAX);    /* movd eax, xmm0 */
	e_sse_rr(e, 0, false, 0x2e, XMM0, XMM0);      /* ucomiss */
	t_cold_value(t, e_jcc(e, CC_P), COLD_RAX, RV_NAN_S);
	box_single(e, RAX);
	t_fput_gpr(t, in->rd, RAX);
}

static void cvt_d_int(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	int src = in->rs1 ? t_host_reg(t, in->rs1) : -1, dst = jit_xmm_reg(in->rd);
	if (src < 0) {
		t_get(t, RAX, in->rs1);
		src = RAX;
	}
	if (dst < 0)
		dst = XMM0;
	clear_xmm(e, dst);
	e_sse_rr(e, 0xf2, in->op == RV_FCVT_D_L, 0x2a, dst, src); /* cvtsi2sd */
	if (dst == XMM0)
		t_fput(t, in->rd, XMM0);
}

/* fcvt.s.w, fcvt.s.wu, fcvt.s.l: one rounding of the (sign- or zero-extended) integer, boxed */
static void cvt_s_int(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	t_get(t, RAX, in->rs1);
	if (in->op == RV_FCVT_S_WU)
		e_mov_rr(e, false, RAX, RAX);
	clear_xmm(e, XMM0);
	e_sse_rr(e, 0xf3, in->op != RV_FCVT_S_W, 0x2a, XMM0, RAX); /* cvtsi2ss xmm0, eax/rax */
	e_sse_rr(e, 0x66, false, 0x7e, XMM0, RAX);                 /* movd eax, xmm0 */
	box_single(e, RAX);
	t_fput_gpr(t, in->rd, RAX);
}

static void sign_inject_d(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	if (in->rs1 == in->rs2 && in->op == RV_FSGNJ_D) { /* fmv.d: one move where either has a register */
		if (jit_xmm_reg(in->rd) >= 0) {
			t_fget(t, jit_xmm_reg(in->rd), in->rs1);
		} else if (jit_xmm_reg(in->rs1) >= 0) {
			t_fput(t, in->rd, jit_xmm_reg(in->rs1));
		} else {
			t_fget(t, XMM0, in->rs1);
			t_fput(t, in->rd, XMM0);
		}
		return;
	}
	if (in->rs1 == in->rs2) { /* fneg.d, fabs.d */
		t_fget_gpr(t, RAX, in->rs1);
		e_bt_ri(e, in->op == RV_FSGNJN_D ? 7 : 6, RAX, 63); /* btc, btr */
		t_fput_gpr(t, in->rd, RAX);
		return;
	}
	t_fget_gpr(t, RAX, in->rs1);
	t_fget_gpr(t, RCX, in->rs2);
	if (in->op == RV_FSGNJN_D)
		e_unary(e, 2, true, RCX);
	else if (in->op == RV_FSGNJX_D)
		e_alu_rr(e, ALU_XOR, true, RCX, RAX);
	e_shift_i(e, SH_SHR, true, RCX, 63);
	e_shift_i(e, SH_SHL, true, RCX, 63);
	e_shift_i(e, SH_SHL, true, RAX, 1);
	e_shift_i(e, SH_SHR, true, RAX, 1);
	e_alu_rr(e, ALU_OR, true, RAX, RCX);
	t_fput_gpr(t, in->rd, RAX);
}

static void fload(struct tctx *t, int size)
{
	const struct rv_insn *in = t->in;
	struct mem m = t_address(t, in->rs1, in->imm);
	if (size == 8 && jit_xmm_reg(in->rd) >= 0) { /* straight into its XMM register: movq */
		t_fault_site(t);
		e_sse_rm(&t->e, 0xf3, false, 0x7e, jit_xmm_reg(in->rd), m);
		return;
	}
	t_fault_site(t);
	e_load(&t->e, RDX, m, size, false);
	if (size == 4)
		box_single(&t->e, RDX);
	t_fput_gpr(t, in->rd, RDX);
}

static void fstore(struct tctx *t, int size)
{
	const struct rv_insn *in = t->in;
	struct mem m = t_address(t, in->rs1, in->imm);
	if (jit_xmm_reg(in->rs2) >= 0) { /* straight from its XMM register: movsd, movd */
		t_fault_site(t);
		e_sse_rm(&t->e, size == 8 ? 0xf2 : 0x66, false, size == 8 ? 0x11 : 0x7e, jit_xmm_reg(in->rs2), m);
		return;
	}
	t_fget_gpr(t, RDX, in->rs2);
	t_fault_site(t);
	e_store(&t->e, m, RDX, size);
}

/* Double to integer where the host instruction gives the RISC-V result: inputs strictly
 * inside the target's range (and not negative for the unsigned targets); others, whose
 * results saturate, go to the interpreter before the host could raise a wrong flag. */
static void cvt_int_d(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned k = in->op - RV_FCVT_W_D; /* W, WU, L, LU */
	static const uint64_t limit[] = {0x41e0000000000000ull, 0x41f0000000000000ull, 0x43e0000000000000ull,
					 0x43e0000000000000ull}; /* 2^31, 2^32, 2^63, 2^63 */
	static const uint64_t limit_rounded[] = {0x41dfffffffc00000ull, 0x41efffffffe00000ull}; /* 2^31-1, 2^32-1 */
	uint8_t *slow;
	t_fget_gpr(t, RAX, in->rs1);
	if (!(k & 1)) { /* signed: drop the sign; unsigned keeps it, so negatives (and -0.0)
			   compare above every limit below and go the slow way */
		e_shift_i(e, SH_SHL, true, RAX, 1);
		e_shift_i(e, SH_SHR, true, RAX, 1);
	}
	/* rounding up may reach the 32-bit limits from inside: allow one less there */
	e_mov_ri(e, RCX, in->rm == RM_RTZ || k >= 2 ? limit[k] : limit_rounded[k]);
	e_alu_rr(e, ALU_CMP, true, RAX, RCX);
	slow = e_jcc(e, CC_AE);
	/* cvttsd2si truncates (rtz); cvtsd2si rounds by MXCSR, which holds frm */
	t_sse_f(t, 0xf2, true, in->rm == RM_RTZ ? 0x2c : 0x2d, RAX, in->rs1);
	if (k < 2)
		e_movsxd(e, RAX, RAX);
	t_put(t, in->rd, RAX);
	t_cold_helper(t, slow, interp_fd, "conversion that saturates or is negative for an unsigned target");
}

static void cvt_d_lu(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	uint8_t *slow;
	t_get(t, RAX, in->rs1);
	e_test_rr(e, true, RAX, RAX);
	slow = e_jcc(e, CC_S);
	clear_xmm(e, XMM0);
	e_sse_rr(e, 0xf2, true, 0x2a, XMM0, RAX);
	t_fput(t, in->rd, XMM0);
	t_cold_helper(t, slow, interp_fd, "unsigned 64-bit source with the top bit set");
}

static const uint8_t flags_of_host[64] = {
#define F(m)                                                                                                           \
	(uint8_t)((((m)&1) ? FFLAG_NV : 0) | (((m)&4) ? FFLAG_DZ : 0) | (((m)&8) ? FFLAG_OF : 0) |                     \
		  (((m)&16) ? FFLAG_UF : 0) | (((m)&32) ? FFLAG_NX : 0))
#define F4(m)  F(m), F(m + 1), F(m + 2), F(m + 3)
#define F16(m) F4(m), F4(m + 4), F4(m + 8), F4(m + 12)
    F16(0), F16(16), F16(32), F16(48)
#undef F16
#undef F4
#undef F
};
static const uint8_t host_of_flags[32] = {
#define H(f)                                                                                                           \
	(uint8_t)((((f)&FFLAG_NV) ? 1 : 0) | (((f)&FFLAG_DZ) ? 4 : 0) | (((f)&FFLAG_OF) ? 8 : 0) |                     \
		  (((f)&FFLAG_UF) ? 16 : 0) | (((f)&FFLAG_NX) ? 32 : 0))
#define H4(f) H(f), H(f + 1), H(f + 2), H(f + 3)
    H4(0),  H4(4),  H4(8), H4(12), H4(16),
    H4(20), H4(24), H4(28)
#undef H4
#undef H
};

/* mxcsr_tmp = MXCSR */
static void save_mxcsr(struct emit *e)
{
	e_sse_rm(e, 0, false, 0xae, 3, M(REG_CPU, OFF(mxcsr_tmp))); /* stmxcsr */
}

/* eax = fflags as the MXCSR copy in mxcsr_tmp has them (rcx clobbered) */
static void saved_fflags(struct emit *e)
{
	e_load(e, RAX, M(REG_CPU, OFF(mxcsr_tmp)), 4, false);
	e_alu_ri(e, ALU_AND, false, RAX, 0x3f);
	e_mov_ri(e, RCX, (uint64_t)(uintptr_t)flags_of_host);
	e_load(e, RAX, MX(RCX, RAX, 0), 1, false);
}

/* eax = fflags, from the MXCSR flags */
static void read_fflags(struct emit *e)
{
	save_mxcsr(e);
	saved_fflags(e);
}

/* fflags = rdx & 31 */
static void write_fflags(struct emit *e)
{
	e_alu_ri(e, ALU_AND, false, RDX, 31);
	e_mov_ri(e, RCX, (uint64_t)(uintptr_t)host_of_flags);
	e_load(e, RDX, MX(RCX, RDX, 0), 1, false);
	e_load(e, RCX, M(REG_CPU, OFF(mxcsr_tmp)), 4, false);
	e_alu_ri(e, ALU_AND, false, RCX, ~0x3f);
	e_alu_rr(e, ALU_OR, false, RCX, RDX);
	e_store(e, M(REG_CPU, OFF(mxcsr_tmp)), RCX, 4);
	e_ldmxcsr(e, M(REG_CPU, OFF(mxcsr_tmp)));
}

/* The offset from t->in of the first instruction on the not-taken way of the branch at offset b
 * that writes x (an ALU operation or a load), when none before it reads x, jumps or touches the
 * FP CSRs (mxcsr_tmp keeps the flags of the quiet compare until then); 0 when there is none
 * within 16 instructions. */
static int written_before_read(struct tctx *t, int b, unsigned x)
{
	for (int n = b + 1; n <= b + 16; n++) {
		const struct rv_insn *p = t_peek(t, n);
		enum rv_format f;
		if (!p || rv_ends_block(p))
			return 0;
		f = rv_op_format(p->op);
		if (p->rs1 == x || p->rs2 == x || p->rs3 == x || f == F_CSR || f == F_CSRI || f >= F_VSET)
			return 0;
		if (p->rd == x)
			return f == F_R || f == F_R1 || f == F_I || f == F_SHIFT || f == F_U || f == F_LOAD ? n : 0;
	}
	return 0;
}

/* After the first instruction of a live window that raises a flag (live_window): one with no
 * exit after its raise. A double add, subtract, multiply, divide or square root in the dynamic
 * rounding mode tests frm before it and makes a NaN canonical in line; sign injections and
 * integer operations have no exit at all. */
static bool silent_after_raise(const struct rv_insn *p)
{
	enum rv_format f = rv_op_format(p->op);
	if (p->op >= RV_FADD_D && p->op <= RV_FSQRT_D)
		return p->rm == RV_RM_DYN;
	if (p->op >= RV_FSGNJ_D && p->op <= RV_FSGNJX_D)
		return true;
	return p->rd != 0 && !jit_uses_sse(p) && (f == F_R || f == F_R1 || f == F_I || f == F_SHIFT || f == F_U);
}

/* Whether the deferred value may stay in the MXCSR itself, with no stmxcsr at the compare: that
 * waits for every FP operation in flight, and so ran nbody's pairs of bodies one after another.
 * The window's instructions (offsets 4 to w) may be anything up to the first that raises a flag;
 * from there on, each must be silent_after_raise or a load whose base register the window has not
 * written before it. Those loads are probed at the window's start (jit_fflags_probe), so that
 * where they are they cannot fault. */
static bool live_window(struct tctx *t, int w)
{
	uint32_t written = 0;
	int raise = -1;
	t->fflags_probes = 0;
	if (!t->nan_defer || !t->probes_ok || t->split_any)
		return false;
	for (int n = 4; n <= w; n++) {
		const struct rv_insn *p = t_peek(t, n);
		enum rv_format f = rv_op_format(p->op);
		bool load = f == F_LOAD || f == F_FLOAD;
		if (raise < 0 && jit_uses_sse(p) && !load && f != F_FSTORE)
			raise = n;
		if (raise >= 0 && load) {
			if (written >> p->rs1 & 1)
				return false;
			t->fflags_probes |= 1u << (n - 4);
		} else if (raise >= 0 && !silent_after_raise(p)) {
			return false;
		}
		written |= 1u << p->rd; /* an FP destination too: only ever more careful */
	}
	t->fflags_raise = t->idx + (raise < 0 ? w + 1 : raise);
	return true;
}

/* How a quiet compare's frflags value is written: at once, or left to the exits before its
 * register's next write, from the MXCSR copy made at the compare or from the MXCSR itself. */
enum fflags_way { FFLAGS_NOW, FFLAGS_SAVED, FFLAGS_LIVE };

/* FFLAGS_SAVED or FFLAGS_LIVE (one per block) when the value x is followed by a forward branch
 * that does not read it, and its not-taken way overwrites it before any read: the block then goes
 * on along that way, and its exits there write the value. Not in a block whose registers are
 * reallocated (their write-back follows the block's own scan) or that counts a loop in a register.
 * With plugins, only their inline sums' passes get here (actions between instructions fuse
 * nothing), and a summed pass that comes out longer or shorter than its probe is translated
 * exactly instead. */
static enum fflags_way defer_frflags(struct tctx *t, unsigned x)
{
	const struct rv_insn *br = t_peek(t, 3);
	int w;
	if (t->fflags_rd || !br || rv_op_format(br->op) != F_B || br->imm <= 0 || br->rs1 == x || br->rs2 == x ||
	    t->nswaps || t->count_reg >= 0 || t->self_loop)
		return FFLAGS_NOW;
	w = written_before_read(t, 3, x);
	if (!w)
		return FFLAGS_NOW;
	t->fflags_from = t->idx + 4;
	t->fflags_to = t->idx + w;
	t->fflags_rd = x;
	t->fflags_live = live_window(t, w);
	return t->fflags_live ? FFLAGS_LIVE : FFLAGS_SAVED;
}

void jit_fflags_check(struct tctx *t, int insn)
{
	if (insn > t->fflags_raise && !(t->fflags_probes >> (insn - t->fflags_from) & 1))
		t->refused = t->e.full = true;
}

bool jit_fflags_deferred(const struct tctx *t, int insn)
{
	return t->fflags_rd && insn >= t->fflags_from && insn <= t->fflags_to;
}

void jit_fflags_settle(struct tctx *t, int insn)
{
	if (!jit_fflags_deferred(t, insn))
		return;
	if (t->fflags_live) {
		jit_fflags_check(t, insn);
		read_fflags(&t->e);
	} else {
		saved_fflags(&t->e);
	}
	t_put(t, t->fflags_rd, RAX);
}

/* At a live window's start, where the MXCSR still holds the frflags value, whatever would leave
 * the block after a raise: frm's test, whose helper would run the instruction first, and each load
 * after the first raise, read once here (its base tested against the space first). A load that
 * would fault leaves the block here, and the interpreter runs up to it, to fault there. Where
 * the load is, it can then fault only if another thread unmaps its page in between, and its
 * frflags value has the flags raised since. */
void jit_fflags_probe(struct tctx *t)
{
	struct emit *e = &t->e;
	jit_nan_flush(t);
	if (!t->frm_checked) {
		e_alu_mi(e, ALU_CMP, false, M(REG_CPU, OFF(frm)), RM_RUP);
		t_cold_exit_here(t, e_jcc(e, CC_A));
		t->frm_checked = true;
	}
	for (uint32_t probes = t->fflags_probes; probes; probes &= probes - 1) {
		int k = t->fflags_from + __builtin_ctz(probes);
		const struct rv_insn *p = &t->insns[k];
		int a = p->rs1 ? t_host_reg(t, p->rs1) : NOREG;
		if (p->rs1 && a < 0) {
			t_get(t, RAX, p->rs1);
			a = RAX;
		}
		if (!(t->base_checked >> p->rs1 & 1)) {
			e_test_rm(e, true, a, M(REG_CPU, OFF(addr_mask)));
			t_cold_exit_here(t, e_jcc(e, CC_NE));
			t->base_checked |= 1u << p->rs1;
			t->base_drift[p->rs1] = 0;
		}
		t_fault_site_replay(t, k - t->idx + 1);
		e_load(e, RCX, t_guest(t, a, (int32_t)p->imm), 1 << rv_access_shift(p->op), false);
	}
}

/* Leaves the block before frflags, which the interpreter runs, when either source of the compare
 * is a NaN: tested on their bits, which raises nothing (bits doubled, the sign out: a NaN is above
 * infinity's). The blocks from the compare on then run it as an ordinary flt and fsflags. */
static void nan_sources_leave(struct tctx *t, const struct rv_insn *cmp, bool single)
{
	struct emit *e = &t->e;
	t_fget_gpr(t, RCX, cmp->rs1);
	t_fget_gpr(t, RDX, cmp->rs2);
	e_alu_rr(e, ALU_ADD, !single, RCX, RCX);
	e_alu_rr(e, ALU_ADD, !single, RDX, RDX);
	e_alu_rr(e, ALU_CMP, true, RCX, RDX);
	e_cmov(e, CC_B, RCX, RDX);
	if (single) {
		e_alu_ri(e, ALU_CMP, false, RCX, (int32_t)0xff000000u);
	} else {
		e_mov_ri(e, RAX, 0xffe0000000000000ull);
		e_alu_rr(e, ALU_CMP, true, RCX, RAX);
	}
	t_cold_helper_leave(t, e_jcc(e, CC_A), interp_rv64i, "a quiet compare of a NaN: one instruction at a time");
}

/* frflags x; flt/fle y, a, b; fsflags x (y != x): a comparison that must leave the flags as
 * they were (C's isless, the domain test before a sqrt that sets errno). Only a NaN operand
 * raises a flag: the MXCSR that frflags saved is put back then, or, where the value stays in the
 * MXCSR, such a compare is not made here. */
static bool quiet_compare(struct tctx *t)
{
	const struct rv_insn *frflags = t->in, *cmp = t_peek(t, 1), *fsflags = t_peek(t, 2);
	bool single = cmp && (cmp->op == RV_FLT_S || cmp->op == RV_FLE_S);
	enum fflags_way way;
	uint8_t *bad;
	if (!cmp || (!single && cmp->op != RV_FLT_D && cmp->op != RV_FLE_D) || cmp->rd == frflags->rd)
		return false;
	if (!fsflags || fsflags->op != RV_CSRRW || fsflags->imm != 1 || fsflags->rd != 0 || fsflags->rs1 != frflags->rd)
		return false;
	if (single && (bad = boxed_test(t, cmp->rs1, cmp->rs2, NONE)) != NULL)
		/* a source not NaN-boxed: frflags alone, and the block ends after it */
		t_cold_helper_leave(t, bad, interp_rv64i,
				    "a quiet single-precision compare of a source that is not NaN-boxed");
	way = defer_frflags(t, frflags->rd);
	if (way == FFLAGS_LIVE)
		nan_sources_leave(t, cmp, single);
	else
		save_mxcsr(&t->e);
	t->in = cmp;
	compare_sd(t, !single);
	if (way != FFLAGS_LIVE)
		t_cold_value(t, e_jcc(&t->e, CC_P), COLD_MXCSR, 0);
	if (way == FFLAGS_NOW) {
		saved_fflags(&t->e);
		t_put(t, frflags->rd, RAX);
	}
	t->consumed = 3;
	return true;
}

/* frflags, fsflags, fsflagsi: the accrued flags are the MXCSR flags */
bool jit_fflags_csr(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	if (in->imm != 1 /* fflags */)
		return false;
	switch (in->op) {
	case RV_CSRRS:
		if (in->rs1 != 0)
			return false;
		if (in->rd != 0 && quiet_compare(t))
			return true;
		read_fflags(e);
		t_put(t, in->rd, RAX);
		return true;
	case RV_CSRRW:
	case RV_CSRRWI:
		read_fflags(e); /* also leaves the current MXCSR in mxcsr_tmp */
		if (in->op == RV_CSRRW)
			t_get(t, RDX, in->rs1);
		else
			e_mov_ri(e, RDX, in->rs1);
		t_put(t, in->rd, RAX);
		write_fflags(e);
		return true;
	}
	return false;
}

bool jit_fd(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	bool dyn = in->rm == RV_RM_DYN;
	switch (in->op) {
	case RV_FLD: fload(t, 8); return true;
	case RV_FLW: fload(t, 4); return true;
	case RV_FSD: fstore(t, 8); return true;
	case RV_FSW: fstore(t, 4); return true;
	case RV_FMV_X_D:
		t_fget_gpr(t, RAX, in->rs1);
		t_put(t, in->rd, RAX);
		return true;
	case RV_FMV_X_W:
		t_fget_gpr(t, RAX, in->rs1);
		e_movsxd(e, RAX, RAX);
		t_put(t, in->rd, RAX);
		return true;
	case RV_FMV_D_X:
		t_get(t, RAX, in->rs1);
		t_fput_gpr(t, in->rd, RAX);
		return true;
	case RV_FMV_W_X:
		t_get(t, RAX, in->rs1);
		e_mov_rr(e, false, RAX, RAX);
		box_single(e, RAX);
		t_fput_gpr(t, in->rd, RAX);
		return true;
	case RV_FSGNJ_D:
	case RV_FSGNJN_D:
	case RV_FSGNJX_D: sign_inject_d(t); return true;
	case RV_FSGNJ_S:
	case RV_FSGNJN_S:
	case RV_FSGNJX_S: sign_inject_s(t); return true;
	case RV_FEQ_S:
	case RV_FLT_S:
	case RV_FLE_S: compare_s(t); return true;
	case RV_FCVT_D_S: cvt_d_s(t); return true; /* exact */
	case RV_FEQ_D:
	case RV_FLT_D:
	case RV_FLE_D: compare_sd(t, true); return true;
	case RV_FCVT_D_W: cvt_d_int(t); return true; /* exact: no rounding mode involved */
	case RV_FCVT_D_WU:
		t_get(t, RAX, in->rs1);
		e_mov_rr(e, false, RAX, RAX);
		clear_xmm(e, XMM0);
		e_sse_rr(e, 0xf2, true, 0x2a, XMM0, RAX); /* exact from 64-bit */
		t_fput(t, in->rd, XMM0);
		return true;
	case RV_FCVT_W_D:
	case RV_FCVT_WU_D:
	case RV_FCVT_L_D:
	case RV_FCVT_LU_D:
		if (in->rm == RM_RTZ) {
			cvt_int_d(t);
			return true;
		}
		break;
	}
	if (!dyn)
		return false;
	switch (in->op) {
	case RV_FADD_D:
	case RV_FSUB_D:
	case RV_FMUL_D:
	case RV_FDIV_D:
	case RV_FSQRT_D: guarded(t, arith_d); return true;
	case RV_FMADD_D:
	case RV_FMSUB_D:
	case RV_FNMSUB_D:
	case RV_FNMADD_D:
		if (!t->j->host_fma)
			return false;
		guarded(t, fma_d);
		return true;
	case RV_FADD_S:
	case RV_FSUB_S:
	case RV_FMUL_S:
	case RV_FDIV_S:
	case RV_FSQRT_S: guarded(t, arith_s); return true;
	case RV_FMADD_S:
	case RV_FMSUB_S:
	case RV_FNMSUB_S:
	case RV_FNMADD_S:
		if (!t->j->host_fma)
			return false;
		guarded(t, fma_s);
		return true;
	case RV_FCVT_S_D: guarded(t, cvt_s_d); return true;
	case RV_FCVT_S_W:
	case RV_FCVT_S_WU:
	case RV_FCVT_S_L: guarded(t, cvt_s_int); return true;
	case RV_FCVT_D_L: guarded(t, cvt_d_int); return true;
	case RV_FCVT_D_LU: guarded(t, cvt_d_lu); return true;
	case RV_FCVT_W_D:
	case RV_FCVT_WU_D:
	case RV_FCVT_L_D:
	case RV_FCVT_LU_D: guarded(t, cvt_int_d); return true;
	}
	return false;
}
