/* Vectors in SSE/AVX2/AVX-512: vsetvli/vsetivli and reads of vl, vtype and vlenb inline, and
 * after a vsetvli in the same block (so that SEW and LMUL are known here), or in a block whose
 * vector instructions come before any vset* (jit_v_speculate: the vtype it was translated under,
 * tested at entry), unit-stride loads (also fault-only-first) and stores, whole-register loads,
 * stores and moves, element-wise integer and F/D arithmetic (multiply-adds with FMA3), integer
 * reductions, compares into a mask and vfirst.m, vmv.x.s, vmv.s.x, vfmv.s.f; with AVX-512 also the
 * widening and narrowing integer forms, extensions, merges, slides, vid, vcpop, vmsbf/vmsif/vmsof,
 * the mask logic,
 * the F/D compares, vlm/vsm, loads and stores of another EEW than SEW, the FP sums, 64-bit
 * multiplies (AVX-512DQ), widening FP add, subtract and multiply, same-width F/D-integer
 * conversions and the exact widening ones,
 * vfncvt.f.f.w, vrgather within two ymm, vcompress, vaadd[u] (e8/e16, vxrm rnu), the saturating
 * adds and subtracts (e8/e16), the widening sums, Zvbb's element-wise
 * forms, FP minimum, maximum (and their
 * reductions) and sign injection, and indexed, strided and segment
 * accesses as gathers and scatters; 16
 * bytes at a time (32 with AVX2, for groups of two registers or more). The
 * registers are in the vCPU, or, with AVX-512VL at VLEN 128, in ymm16-31 while translated code
 * runs (two to a ymm register; helpers and exits spill them, a fault takes them from the signal
 * frame), where EVEX forms work on them in place and compares go through k1/k2; with AVX2 alone,
 * a vector loop keeps the register pairs it names most in ymm3-15 (choose_homes).
 * With AVX-512BW (v_masks), a form with v0.t, a vl that may be below VLMAX or a fractional LMUL
 * runs under write masks (tail masks in k4-k7, v0's bits in k3): tails and inactive elements
 * stay. A run of element-wise forms after a vsetvli whose vl is not known is translated twice,
 * unmasked after one test of vl and masked after it (element_wise_run). Without the masks, the
 * first of these after the vsetvli checks vl == VLMAX at run time and otherwise calls the
 * interpreter and ends the block, as every other vector instruction runs there, except where the
 * host has AVX2 (v_blend): there unit-stride loads and stores (not byte or halfword ones masked),
 * integer and F/D arithmetic, multiply-adds, shifts and extensions, under a short vl or v0.t,
 * integer reductions and the integer and FP compares (pcmpeq, pcmpgt, vcmpps/pd) under a short vl
 * or v0.t, FP minimum and maximum reductions over a whole group,
 * compute whole chunks and blend the old elements past vl or masked off back in (blend_masks,
 * blend_elements), and indexed, strided and segment accesses run as scalar code (without
 * AVX-512, gather_scatter_scalar). A fault in a
 * load or store is replayed in the interpreter, which sets vstart at the faulting element (or,
 * fault-only-first, trims vl). A block that loops on itself with one vtype is a vector loop
 * (jit_v_loop): what its passes share is done once before the loop head. */
#include "../../riscv/csr.h"
#include "../../riscv/fp.h"
#include "internal.h"

enum { XMM0, XMM1, XMM2 };

/* The host's shifts of words, dwords and qwords by sew (no bytes, no arithmetic qwords), by kind
 * (shift_kind): 66 0F 71/72/73 /digit ib by an immediate, 66 0F op by an xmm register's or m128's
 * low quadword */
static const uint8_t shift_by_imm[9] = {[2] = 0x71, [4] = 0x72, [8] = 0x73};
static const uint8_t shift_digit[3] = {6, 2, 4};
static const uint8_t shift_by_count[3][9] = {
    {[2] = 0xf1, [4] = 0xf2, [8] = 0xf3}, {[2] = 0xd1, [4] = 0xd2, [8] = 0xd3}, {[2] = 0xe1, [4] = 0xe2}};

/* 0 vsll, 1 vsrl, 2 vsra */
static int shift_kind(unsigned op)
{
	return op == RV_VSLL ? 0 : op == RV_VSRL ? 1 : 2;
}

/* a vector register's bytes in the vCPU, 16 at chunk k */
static struct mem vcpu_reg(const struct tctx *t, unsigned reg, unsigned k)
{
	return M(REG_CPU, OFF(v) + (int32_t)(reg * t->cpu->vlenb + 16 * k));
}

/* The xmm (ymm) register that holds vector register r in a vector loop with homes on an AVX2 host
 * (choose_homes: VLEN 128, registers 2p and 2p + 1 in one ymm), or -1 where it is in the vCPU */
static int vhome(const struct tctx *t, unsigned r)
{
	return t->nxswaps ? t->v_home[(r / 2) & 15] : -1;
}

/* vhome where the chunk at register r (32 bytes with step 2, else 16) is the whole home or its low
 * half, which a form can take as a register operand; else -1 */
static int home_chunk(const struct tctx *t, unsigned r, unsigned step)
{
	return step == 2 || r % 2 == 0 ? vhome(t, r) : -1;
}

/* vcpu_reg for a form that reads or writes the register there: a homed one is not there, and
 * the block is translated again without homes (tctx's v_home_miss) */
static struct mem vreg(struct tctx *t, unsigned reg, unsigned k)
{
	if (vhome(t, reg + k) >= 0)
		t->v_home_miss = true;
	return vcpu_reg(t, reg, k);
}

/* word w of register r in the vCPU */
static struct mem vcpu_word(const struct tctx *t, unsigned r, unsigned w)
{
	return M(REG_CPU, OFF(v) + (int32_t)(r * t->cpu->vlenb + 8 * w));
}

/* vcpu_word for a form that reads or writes it there (vreg's check) */
static struct mem vword(struct tctx *t, unsigned r, unsigned w)
{
	if (vhome(t, r) >= 0)
		t->v_home_miss = true;
	return vcpu_word(t, r, w);
}

/* vtype, vstart = 0 and v_used, as a vsetvli sets them */
static void store_vtype(struct tctx *t, int64_t vtype)
{
	e_store_i32(&t->e, M(REG_CPU, OFF(vtype)), (int32_t)vtype);
	e_store_i32(&t->e, M(REG_CPU, OFF(vstart)), 0);
	e_store_i8(&t->e, M(REG_CPU, OFF(v_used)), 1);
}

static bool vsetvli(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	struct rv_vtype vt;
	uint64_t vlmax, known = UINT64_MAX; /* vl where the instruction alone gives it */
	int rd = in->rd ? t_host_reg(t, in->rd) : -1, dst = rd >= 0 && in->rd != in->rs1 ? rd : RAX;
	if (!rv_vtype_decode((uint64_t)in->imm, t->cpu->vlenb, &vt)) {
		t->v_known = false; /* vill: the interpreter's, and so are the instructions after it */
		return false;
	}
	vlmax = vt.vlmax;
	if (in->op == RV_VSETIVLI) {
		known = in->rs1 < vlmax ? in->rs1 : vlmax;
	} else if (in->rd && !in->rs1) {
		known = vlmax;
	} else { /* vl = min(AVL, VLMAX), AVL x[rs1] or (rs1 = rd = 0) vl */
		int avl = in->rs1 ? t_host_reg(t, in->rs1) : -1;
		if (avl < 0) {
			avl = RCX;
			if (in->rs1)
				t_get(t, RCX, in->rs1);
			else
				e_load(e, RCX, M(REG_CPU, OFF(vl)), 8, false);
		}
		e_alu_ri(e, ALU_CMP, true, avl, (int32_t)vlmax); /* the flags say vl < VLMAX up to v_below_at */
		e_mov_ri(e, dst, vlmax);
		e_cmov(e, CC_B, dst, avl);
	}
	if (known != UINT64_MAX)
		e_mov_ri(e, dst, known);
	e_store(e, M(REG_CPU, OFF(vl)), dst, 8);
	if (!t->v_loop) /* a loop's are stored before its head */
		store_vtype(t, in->imm);
	else if (t->v_vtypes) /* vstart and v_used are */
		e_store_i32(e, M(REG_CPU, OFF(vtype)), (int32_t)in->imm);
	if (dst == RAX)
		t_put(t, in->rd, RAX);
	t->v_below_at = known == UINT64_MAX ? e->p : NULL;
	t->v_vl_in = rd >= 0 && !t->ptb ? in->rd : 0; /* a plugin may write registers */
	t->v_vl_at = t->idx;
	t->v_known = true;
	t->v_whole = known == vlmax; /* no test needed */
	t->v_masked = false;
	t->v_vl_const = known;
	t->v_sew = vt.sew;
	t->v_lmul8 = (unsigned)vt.lmul8;
	t->v_vlmax = vlmax;
	return true;
}

static void slow_path(struct tctx *t, uint8_t *site, const char *why)
{
	if (site)
		t_cold_helper(t, site, interp_v, why); /* comes back past the fast path */
}

/* enter_whole_group's: the block ends after the interpreter's instruction (the next ones take
 * vl == VLMAX for granted) */
static void short_vl_path(struct tctx *t, uint8_t *site, const char *why)
{
	if (site)
		t_cold_helper_leave(t, site, interp_v, why);
}

/* Chunks at a time: 2 (32 bytes in a ymm register) where the host has AVX2 and the group an
 * even number of 16-byte chunks; the code that used ymm ends with vzeroupper (finish_wide, or
 * clean_ymm at the end of a run of vector code). */
static unsigned step_of(const struct tctx *t, unsigned chunks)
{
	return t->j->host_avx2 && chunks % 2 == 0 ? 2 : 1;
}

static void finish_wide(struct tctx *t, unsigned step)
{
	if (t->nxswaps) /* the homes' upper halves live until the loop's exits (swap_out) */
		return;
	if (step == 2 && t->j->v_resident)
		t->ymm_dirty = true; /* cleared once the run of vector code ends */
	else if (step == 2)
		e_vzeroupper(&t->e);
}

/* movdqu x, [m] and back, 16 or 32 bytes */
static void vec_load(struct tctx *t, int x, struct mem m, unsigned step)
{
	if (step == 2)
		e_vex_rm(&t->e, true, VEX_PP_F3, VEX_0F, false, 0x6f, x, 0, m);
	else
		e_sse_rm(&t->e, 0xf3, false, 0x6f, x, m);
}

static void vec_store(struct tctx *t, struct mem m, int x, unsigned step)
{
	if (step == 2)
		e_vex_rm(&t->e, true, VEX_PP_F3, VEX_0F, false, 0x7f, x, 0, m);
	else
		e_sse_rm(&t->e, 0xf3, false, 0x7f, x, m);
}

/* The home of register r (and of the other register of its pair) copied to the vCPU; the home
 * stays the register */
static void home_to_vcpu(struct tctx *t, unsigned r)
{
	vec_store(t, vcpu_reg(t, r & ~1u, 0), vhome(t, r), 2);
}

/* x op= [m] or x op= y: prefix 0x66 or none (packed singles), in 0F, or in 66 0F38 when map38 */
static void vec_op_m(struct tctx *t, uint8_t prefix, bool map38, uint8_t op, int x, struct mem m, unsigned step)
{
	if (step == 2)
		e_vex_rm(&t->e, true, prefix ? VEX_PP_66 : 0, map38 ? VEX_0F38 : VEX_0F, false, op, x, x, m);
	else if (map38)
		e_sse38_rm(&t->e, op, x, m);
	else
		e_sse_rm(&t->e, prefix, false, op, x, m);
}

static void vec_op_r(struct tctx *t, uint8_t prefix, bool map38, uint8_t op, int x, int y, unsigned step)
{
	if (step == 2)
		e_vex_rr(&t->e, true, prefix ? VEX_PP_66 : 0, map38 ? VEX_0F38 : VEX_0F, false, op, x, x, y);
	else if (map38)
		e_sse38_rr(&t->e, op, x, y);
	else
		e_sse_rr(&t->e, prefix, false, op, x, y);
}

/* reg = op(y) with no second source (movdqa, movmskps/pd, pmovmskb), 16 or 32 bytes of y */
static void vec_unary(struct tctx *t, uint8_t prefix, uint8_t op, int reg, int y, unsigned step)
{
	if (step == 2)
		e_vex_rr(&t->e, true, prefix ? VEX_PP_66 : 0, VEX_0F, false, op, reg, 0, y);
	else
		e_sse_rr(&t->e, prefix, false, op, reg, y);
}

/* With jit_cache's v_resident, register r lives in ymm16 + r / 2 (its low or high half) while
 * translated code runs, and chunk k of a group is register reg + k (VLEN 128); else in the vCPU. */
static int home(unsigned r)
{
	return 16 + (int)(r / 2);
}

/* The first use in a block loads the registers unless they are live already. */
static void make_live(struct tctx *t)
{
	uint8_t *live;
	if (!t->j->v_resident || t->v_live)
		return;
	e_alu_mi(&t->e, ALU_CMP, false, M(REG_CPU, OFF(v_live)), 0);
	live = e_jcc(&t->e, CC_NE);
	e_call_to(&t->e, rw_of(t->j, t->j->v_load));
	e_patch(live, t->e.p);
	t->v_live = true;
}

/* The jump taken where vl is not VLMAX */
static uint8_t *vl_test(struct tctx *t)
{
	if (t->v_below_at == t->e.p) /* right after the vsetvli: its compare of AVL and VLMAX */
		return e_jcc(&t->e, CC_B);
	if (t->v_vl_in) /* vl in the register the vsetvli wrote */
		e_alu_ri(&t->e, ALU_CMP, true, t_host_reg(t, t->v_vl_in), (int32_t)t->v_vlmax);
	else
		e_alu_mi(&t->e, ALU_CMP, true, M(REG_CPU, OFF(vl)), (int32_t)t->v_vlmax);
	return e_jcc(&t->e, CC_NE);
}

/* The jump taken where vl is 0, or NULL where it cannot be */
static uint8_t *vl_zero_test(struct tctx *t)
{
	struct emit *e = &t->e;
	if (t->v_vl_const != UINT64_MAX || t->v_whole)
		return NULL;
	if (t->v_vl_in)
		e_test_rr(e, true, t_host_reg(t, t->v_vl_in), t_host_reg(t, t->v_vl_in));
	else
		e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vl)), 0);
	return e_jcc(e, CC_E);
}

/* Every whole-group form begins here: the jump to the interpreter for this instruction unless
 * vl is VLMAX (the fast path's condition), given to short_vl_path once the fast path is emitted,
 * and the vector registers made live in ymm16-31 (make_live). Only the first vector instruction
 * after a vsetvli tests vl: where it is short, that instruction runs in the interpreter and the
 * block ends, so the rest of the block runs only with vl == VLMAX (and the dispatcher's block
 * from the next instruction on, made without the vsetvli, runs every vector instruction in the
 * interpreter). The jump is NULL when vl is known to be VLMAX here. Other slow paths come after
 * it, so that they come back with vl tested. */
static uint8_t *enter_whole_group(struct tctx *t)
{
	uint8_t *short_vl = NULL;
	if (!t->v_whole) {
		t->v_whole = true;
		short_vl = vl_test(t);
	}
	make_live(t);
	return short_vl;
}

/* k = k << n and k = k >> n (kshiftlq, kshiftrq) */
static void kshift(struct tctx *t, bool left, int k, int from, unsigned n)
{
	e_vex_rr(&t->e, false, VEX_PP_66, VEX_0F3A, true, left ? 0x33 : 0x31, k, 0, from);
	e_byte(&t->e, (uint8_t)n);
}

/* kmovq k, gpr */
static void kmov_from(struct tctx *t, int k, int gpr)
{
	e_vex_rr(&t->e, false, VEX_PP_F2, VEX_0F, true, 0x92, k, 0, gpr);
}

/* A group's registers at LMUL lmul8 / 8 (one for a fractional LMUL) */
static unsigned lmul_regs(unsigned lmul8)
{
	return lmul8 < 8 ? 1 : lmul8 / 8;
}

/* The vtype's group's registers and 16-byte chunks */
static unsigned group_regs(const struct tctx *t)
{
	return lmul_regs(t->v_lmul8);
}

static unsigned group_chunks(const struct tctx *t)
{
	return group_regs(t) * t->cpu->vlenb / 16;
}

/* Whether the register groups a (na registers) and b (nb) share a register */
static bool groups_overlap(unsigned a, unsigned na, unsigned b, unsigned nb)
{
	return a < b + nb && b < a + na;
}

/* Whether vd, vs2 and (.vv) vs1 start at multiples of the group's registers */
static bool groups_aligned(const struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned regs = group_regs(t);
	return !(in->rd % regs) && !(in->rs2 % regs) && !(in->rs3 == VF_VV && in->rs1 % regs);
}

/* Whether the element-wise forms can take this group: a whole register or more, or with masks
 * (a fractional LMUL's register has elements past VLMAX, which are tail) */
static bool group_ok(const struct tctx *t)
{
	return t->v_lmul8 >= 8 || t->j->v_masks;
}

/* Whether the tail past vl is masked: the host has the masks and vl may be below VLMAX, or the
 * LMUL is fractional (its register has elements past VLMAX) */
static bool tail_masked(const struct tctx *t)
{
	return t->j->v_masks && (!t->v_whole || t->v_lmul8 < 8);
}

/* tail_masked, or masked by v0: the forms that build their own masks (compares, vfirst, vcpop,
 * reductions) go that way */
static bool masks_needed(const struct tctx *t)
{
	return tail_masked(t) || (t->j->v_masks && !t->in->rm);
}

/* dst &= the bits of elements first to first + 63 that lie below vl (through tmp) */
static void and_below_vl(struct tctx *t, int dst, int tmp, unsigned first)
{
	struct emit *e = &t->e;
	uint8_t *all = NULL;
	if (t->v_vl_const != UINT64_MAX) {
		uint64_t n = t->v_vl_const > first ? t->v_vl_const - first : 0;
		if (n < 64) {
			e_mov_ri(e, tmp, ~(~0ull << n));
			e_alu_rr(e, ALU_AND, true, dst, tmp);
		}
		return;
	}
	if (t->v_vl_in)
		e_mov_rr(e, true, tmp, t_host_reg(t, t->v_vl_in));
	else
		e_load(e, tmp, M(REG_CPU, OFF(vl)), 8, false);
	if (first) { /* vl - first, or 0 below it */
		uint8_t *above;
		e_alu_ri(e, ALU_SUB, true, tmp, (int32_t)first);
		above = e_jcc(e, CC_AE);
		e_alu_rr(e, ALU_XOR, false, tmp, tmp);
		e_patch(above, e->p);
	}
	if (t->v_vlmax - first >= 256) { /* bzhi takes the count's low byte: from 64 on, all bits stay */
		e_alu_ri(e, ALU_CMP, true, tmp, 64);
		all = e_jcc(e, CC_AE);
	}
	e_vex_rr(e, false, VEX_PP_NONE, VEX_0F38, true, 0xf5, dst, tmp, dst); /* bzhi dst, dst, tmp */
	if (all)
		e_patch(all, e->p);
}

/* gpr = v0's bits from element first on (vmovq or vpextrq gpr, xmm16) */
static void vword_get(struct tctx *t, int gpr, unsigned r, unsigned w);

static void v0_bits(struct tctx *t, int gpr, unsigned first)
{
	struct emit *e = &t->e;
	if (!t->j->v_resident) /* v0 in the vCPU, or homed (through xmm2) */
		vword_get(t, gpr, 0, first / 64);
	else if (first < 64) {
		e_evex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x7e, 16, 0, gpr);
	} else {
		e_evex_rr(e, false, VEX_PP_66, VEX_0F3A, true, 0x16, 16, 0, gpr);
		e_byte(e, 1);
	}
	if (first % 64)
		e_shift_i(e, SH_SHR, true, gpr, (uint8_t)(first % 64));
}

/* Whether the forms that take a mask a word at a time (active_word) can: BMI2's bzhi (which the
 * host's masks come with) */
static bool words_ok(const struct tctx *t)
{
	return t->j->v_masks || t->j->host_bmi2;
}

/* Whether such a form masks its words (vl may be below VLMAX, or masked by v0) and can */
static bool words_masked(const struct tctx *t)
{
	return (!t->v_whole || !t->in->rm) && words_ok(t);
}

/* rcx = the bits of mask word w (elements 64w to 64w + 63) that an instruction writing a mask
 * sets: below VLMAX, below vl where it may be short, under v0 where it is masked (through
 * rax) */
static void active_word(struct tctx *t, unsigned w)
{
	struct emit *e = &t->e;
	unsigned n = (unsigned)t->v_vlmax - 64 * w;
	e_mov_ri(e, RCX, n >= 64 ? UINT64_MAX : ~(~0ull << n));
	if (!t->v_whole)
		and_below_vl(t, RCX, RAX, 64 * w);
	if (!t->in->rm) {
		v0_bits(t, RAX, 64 * w);
		e_alu_rr(e, ALU_AND, true, RCX, RAX);
	}
}

/* gpr's low n bits (n at most 32), zero above */
static void keep_low(struct tctx *t, int gpr, unsigned n)
{
	if (n < 32)
		e_alu_ri(&t->e, ALU_AND, false, gpr, (int32_t)((1u << n) - 1));
	else
		e_mov_rr(&t->e, false, gpr, gpr);
}

/* k = gpr's low n bits (n at most 32: a chunk's elements), zero above (kmovd zero-extends);
 * gpr changed */
static void kmov_low(struct tctx *t, int k, int gpr, unsigned n)
{
	if (n < 32)
		keep_low(t, gpr, n);
	e_vex_rr(&t->e, false, VEX_PP_F2, VEX_0F, false, 0x92, k, 0, gpr);
}

/* kandq dst, a, b */
static void kand(struct tctx *t, int dst, int a, int b)
{
	e_vex_rr(&t->e, true, VEX_PP_NONE, VEX_0F, true, 0x41, dst, a, b);
}

/* k4 + u = the elements below vl of the group's unit u: 32 bytes, or a one-register group's 16
 * (step_of's): for each 64 elements, those below VLMAX and vl, shifted for the units of a word */
static void tail_masks(struct tctx *t)
{
	struct emit *e = &t->e;
	unsigned chunks = group_chunks(t), step = step_of(t, chunks), units = chunks / step;
	unsigned per = 16 * step / t->v_sew, per_word = 64 / per;
	for (unsigned u = 0; u < units; u += per_word) {
		unsigned n = (unsigned)t->v_vlmax - u * per;
		e_mov_ri(e, RCX, n >= 64 ? UINT64_MAX : ~(~0ull << n));
		and_below_vl(t, RCX, RAX, u * per);
		kmov_from(t, 4 + (int)u, RCX);
		for (unsigned v = 1; v < per_word && u + v < units; v++)
			kshift(t, false, 4 + (int)(u + v), 4 + (int)u, v * per);
	}
}

/* The element-wise forms that mask their tail begin here: where vl may be below VLMAX (or the
 * LMUL is fractional) and the host has v_masks, the registers made live and the tail masks in
 * k4-k7 (once after a vsetvli: tail_k gives a chunk's); else enter_whole_group's jump. */
static uint8_t *enter_group(struct tctx *t)
{
	if (!t->j->v_masks || (t->v_whole && t->v_lmul8 >= 8))
		return enter_whole_group(t);
	make_live(t);
	if (!t->v_masked)
		tail_masks(t);
	t->v_masked = true;
	return NULL;
}

/* The tail mask of chunk k (of step chunks at a time) after enter_group, or 0 for none */
static int tail_k(const struct tctx *t, unsigned k, unsigned step)
{
	return tail_masked(t) ? 4 + (int)(k / step) : 0;
}

/* What blend_masks copies from: 256 bytes of 0xff then 256 of 0 (a group's active bytes begin
 * 256 - vl * SEW into them), 256 of 0 then 256 of 0xff (its kept bytes), and 1.0 in singles and
 * doubles. */
static const struct {
	uint8_t active[512], keep[512];
	uint32_t one_s[8];
	uint64_t one_d[4];
	/* each element's bit of v0 by SEW (blend_elements; bytes: their dword's byte j / 8 first) */
	uint8_t bit_b[32], spread_b[32];
	uint16_t bit_w[16];
	uint32_t bit_d[8];
	uint64_t bit_q[4];
} blend_bytes
    __attribute__((aligned(32))) = {{[0 ... 255] = 0xff},
				    {[256 ... 511] = 0xff},
				    {[0 ... 7] = 0x3f800000u},
				    {[0 ... 3] = 0x3ff0000000000000ull},
				    {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
				     1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128},
				    {[0 ... 7] = 0, [8 ... 15] = 1, [16 ... 23] = 2, [24 ... 31] = 3},
				    {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768},
				    {1, 2, 4, 8, 16, 32, 64, 128},
				    {1, 2, 4, 8}};

/* Where blend_bytes has 1.0 in elements of sew bytes */
static int32_t one_of(unsigned sew)
{
	return sew == 8 ? (int32_t)offsetof(__typeof__(blend_bytes), one_d)
			: (int32_t)offsetof(__typeof__(blend_bytes), one_s);
}

/* reg = vl * SEW, the bytes of the group below vl (VLMAX's where vl was tested to be it) */
static void vl_bytes(struct tctx *t, int reg)
{
	struct emit *e = &t->e;
	if (t->v_whole || t->v_vl_const != UINT64_MAX) {
		e_mov_ri(e, reg, (t->v_whole ? t->v_vlmax : t->v_vl_const) * t->v_sew);
		return;
	}
	if (t->v_vl_in)
		e_mov_rr(e, true, reg, t_host_reg(t, t->v_vl_in));
	else
		e_load(e, reg, M(REG_CPU, OFF(vl)), 8, false);
	e_shift_i(e, SH_SHL, true, reg, (uint8_t)__builtin_ctz(t->v_sew));
}

/* v_blend's masks for vl (group_chunks of 16 bytes, at most 16): the vCPU's v_active and v_keep
 * (0xff for each byte of an element below vl, and past it) and v_one (1.0 in the elements past
 * vl, for 32- and 64-bit elements); through rax, rcx, rdx and xmm0 */
static void blend_masks(struct tctx *t)
{
	struct emit *e = &t->e;
	unsigned chunks = group_chunks(t), step = step_of(t, chunks);
	vl_bytes(t, RCX);
	e_mov_ri(e, RAX, 256);
	e_alu_rr(e, ALU_SUB, true, RAX, RCX);
	e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&blend_bytes);
	for (unsigned k = 0; k < chunks; k += step) {
		int32_t at = 16 * (int32_t)k;
		vec_load(t, XMM0, MX(RDX, RAX, at), step);
		vec_store(t, M(REG_CPU, OFF(v_active) + at), XMM0, step);
		vec_load(t, XMM0, MX(RDX, RAX, (int32_t)offsetof(__typeof__(blend_bytes), keep) + at), step);
		vec_store(t, M(REG_CPU, OFF(v_keep) + at), XMM0, step);
		if (t->v_sew >= 4) {
			vec_op_m(t, 0x66, false, 0xdb, XMM0, M(RDX, one_of(t->v_sew)), step); /* pand */
			vec_store(t, M(REG_CPU, OFF(v_one) + at), XMM0, step);
		}
	}
}

/* blend_m's keep masks of a group whose first `bytes` bytes (a register, not rcx) are written:
 * chunk k's at [rdx + rcx + 16 * k] */
static void keep_masks_for(struct tctx *t, int bytes)
{
	e_mov_ri(&t->e, RCX, (uint64_t)offsetof(__typeof__(blend_bytes), keep) + 256);
	e_alu_rr(&t->e, ALU_SUB, true, RCX, bytes);
	e_mov_ri(&t->e, RDX, (uint64_t)(uintptr_t)&blend_bytes);
}

/* Whether the group can blend (v_blend): at most 256 bytes (a fractional LMUL's register always
 * blends: its elements past VLMAX are tail) */
static bool blends(const struct tctx *t)
{
	return t->j->v_blend && group_chunks(t) <= 16;
}

/* group_ok, or blending */
static bool group_ok_blend(const struct tctx *t)
{
	return group_ok(t) || blends(t);
}

/* enter_group for a form that can blend: where it blends (vl may be below VLMAX, the LMUL is
 * fractional, or masked by v0), the tail's masks made (once after a vsetvli), v_blending set and
 * no jump; else enter_group's */
static uint8_t *enter_group_blend(struct tctx *t)
{
	if (!blends(t) || (t->v_whole && t->v_lmul8 >= 8 && t->in->rm))
		return enter_group(t);
	if (!t->v_masked)
		blend_masks(t);
	t->v_masked = true;
	t->v_blending = true;
	return NULL;
}

/* Blending and masked by v0: the vCPU's v_elem = blend_masks' three for chunk k's elements that
 * are also active in v0 (through rdx, xmm0 and xmm2) */
static void blend_elements(struct tctx *t, unsigned k, unsigned step)
{
	static const uint8_t bcast[9] = {[1] = 0x58, [2] = 0x79, [4] = 0x58, [8] = 0x59}; /* vpbroadcastd/w/d/q */
	static const int32_t bit[9] = {[1] = offsetof(__typeof__(blend_bytes), bit_b),
				       [2] = offsetof(__typeof__(blend_bytes), bit_w),
				       [4] = offsetof(__typeof__(blend_bytes), bit_d),
				       [8] = offsetof(__typeof__(blend_bytes), bit_q)};
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, first = 16 * k / sew;
	bool l = step == 2;
	if (vhome(t, 0) >= 0)
		t->v_home_miss = true;
	e_load(e, RDX, M(REG_CPU, OFF(v) + (int32_t)(first / 8)), 8, false);
	if (first % 8)
		e_shift_i(e, SH_SHR, true, RDX, (uint8_t)(first % 8));
	e_sse_rr(e, 0x66, true, 0x6e, XMM2, RDX); /* movq */
	e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, bcast[sew], XMM2, 0, XMM2);
	e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&blend_bytes);
	if (sew == 1) /* vpshufb: byte j takes the bits of elements j / 8 * 8 on */
		e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x00, XMM2, XMM2,
			 M(RDX, (int32_t)offsetof(__typeof__(blend_bytes), spread_b)));
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM2, M(RDX, bit[sew])); /* vpand */
	if (sew == 8)                                                                 /* vpcmpeqq */
		e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x29, XMM2, XMM2, M(RDX, bit[sew]));
	else /* vpcmpeqb/w/d */
		e_vex_rm(e, l, VEX_PP_66, VEX_0F, false,
			 sew == 1   ? 0x74
			 : sew == 2 ? 0x75
				    : 0x76,
			 XMM2, XMM2, M(RDX, bit[sew]));
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM2, M(REG_CPU, OFF(v_active) + 16 * (int32_t)k));
	vec_store(t, M(REG_CPU, OFF(v_elem)), XMM2, step);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x76, XMM0, XMM0, XMM0); /* vpcmpeqd: all ones */
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM2); /* vpxor */
	vec_store(t, M(REG_CPU, OFF(v_elem) + 32), XMM0, step);
	if (sew >= 4) {
		e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM0, XMM0, M(RDX, one_of(sew)));
		vec_store(t, M(REG_CPU, OFF(v_elem) + 64), XMM0, step);
	}
}

enum { BLEND_ACTIVE, BLEND_KEEP, BLEND_ONE };

/* Where a blending form finds chunk k's mask of this kind: blend_masks' (the tail), or masked by
 * v0, v_elem (blend_elements) */
static struct mem blend_at(const struct tctx *t, int which, unsigned k)
{
	static const int32_t tail[] = {OFF(v_active), OFF(v_keep), OFF(v_one)};
	if (t->in->rm)
		return M(REG_CPU, tail[which] + 16 * (int32_t)k);
	return M(REG_CPU, OFF(v_elem) + 32 * which);
}

/* vpblendvb dst, a, [m], mask: dst = m's bytes where mask's are set, a's elsewhere */
static void blend_m(struct tctx *t, int dst, int a, struct mem m, int mask, unsigned step)
{
	e_vex_rm(&t->e, step == 2, VEX_PP_66, VEX_0F3A, false, 0x4c, dst, a, m);
	e_byte(&t->e, (uint8_t)(mask << 4));
}

/* The same from a register: dst = b's bytes where mask's are set, a's elsewhere */
static void blend_r(struct tctx *t, int dst, int a, int b, int mask, unsigned step)
{
	e_vex_rr(&t->e, step == 2, VEX_PP_66, VEX_0F3A, false, 0x4c, dst, a, b);
	e_byte(&t->e, (uint8_t)(mask << 4));
}

/* x's elements past vl = 1.0 (blending: an FP operand that raises no flag there) */
static void blend_one(struct tctx *t, int x, unsigned k, unsigned step)
{
	vec_op_m(t, 0x66, false, 0xdb, x, blend_at(t, BLEND_ACTIVE, k), step); /* pand */
	vec_op_m(t, 0x66, false, 0xeb, x, blend_at(t, BLEND_ONE, k), step);    /* por */
}

/* Blending an FP form whose .vf scalar (xmm1) each chunk's blend_one changes: kept in the vCPU
 * (v_elem's last) and taken again per chunk, unless only the tail blends (once an element is
 * past vl, those after it are too: the scalar blended for one chunk serves the next) */
static void keep_scalar(struct tctx *t, unsigned step)
{
	if (t->v_blending && !t->in->rm && t->in->rs3 == VF_VF)
		vec_store(t, M(REG_CPU, OFF(v_elem) + 96), XMM1, step);
}

static void scalar_again(struct tctx *t, unsigned step)
{
	if (!t->in->rm)
		vec_load(t, XMM1, M(REG_CPU, OFF(v_elem) + 96), step);
}

/* Whether the instruction's mask can be taken: unmasked, or masked by v0 (vm = 0) with the host's
 * masks, where neither the destination nor a vector source is v0 (reserved: the interpreter
 * raises it) */
static bool mask_ok(const struct tctx *t)
{
	const struct rv_insn *in = t->in;
	if (in->rm)
		return true;
	if (!t->j->v_masks || in->rd == 0)
		return false;
	return rv_op_format(in->op) == F_VMEM || (in->rs2 != 0 && !(in->rs3 == VF_VV && in->rs1 == 0));
}

/* mask_ok for a form that can blend: also masked by v0 where it blends */
static bool mask_ok_blend(const struct tctx *t)
{
	const struct rv_insn *in = t->in;
	if (in->rm || t->j->v_masks || !blends(t))
		return mask_ok(t);
	return in->rd != 0 && (rv_op_format(in->op) == F_VMEM || (in->rs2 != 0 && !(in->rs3 == VF_VV && in->rs1 == 0)));
}

/* The mask of the elements of chunk k (step_of's) that the instruction writes: the tail's
 * (tail_k), and where it is masked (vm = 0) v0's bits for them with it, in k3 (through gpr);
 * 0 for all */
static int elem_k_via(struct tctx *t, unsigned k, unsigned step, int gpr)
{
	int kt = tail_k(t, k, step);
	unsigned per = 16 * step / t->v_sew;
	if (t->in->rm)
		return kt;
	if (t->v_blending) {
		blend_elements(t, k, step);
		return 0;
	}
	v0_bits(t, gpr, k / step * per);
	kmov_low(t, 3, gpr, per);
	if (kt)
		kand(t, 3, 3, kt);
	return 3;
}

/* elem_k_via rdx, which no address uses */
static int elem_k(struct tctx *t, unsigned k, unsigned step)
{
	return elem_k_via(t, k, step, RDX);
}

/* vmovdqu8/16/32/64 by the element size: x = [m], or [m] = x, under mask kr (z: zeroing) */
static void vmovdqu_mem(struct tctx *t, bool store, unsigned step, int x, struct mem m, int kr, bool z)
{
	unsigned sew = t->v_sew;
	e_evex_rmk(&t->e, step == 2, sew <= 2 ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, sew == 2 || sew == 8,
		   store ? 0x7f : 0x6f, x, 0, m, kr, z);
}

/* ymm dst's elements (of sew bytes) in kr = ymm src's */
static void vmovdqu_merge(struct tctx *t, unsigned sew, int dst, int src, int kr)
{
	e_evex_rrk(&t->e, true, sew <= 2 ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, sew == 2 || sew == 8, 0x6f, dst, 0, src, kr,
		   false);
}

/* With the registers resident, 32 bytes at a time: an EVEX form reads and writes their homes
 * directly, with no copy through ymm0 (AVX-512BW for byte and word elements) */
static bool in_place(const struct tctx *t, unsigned step, unsigned sew)
{
	return t->j->v_resident && step == 2 && (sew >= 4 || t->j->v_bw);
}

/* dst = a op b in EVEX, 32 bytes: prefix and map38 as vec_op_r's, w for 64-bit elements; any
 * of the three may be a home (16-31) */
static void evex_op(struct tctx *t, uint8_t prefix, bool map38, bool w, uint8_t op, int dst, int a, int b)
{
	e_evex_rr(&t->e, true, prefix ? VEX_PP_66 : 0, map38 ? VEX_0F38 : VEX_0F, w, op, dst, a, b);
}

/* evex_op over 16 or 32 bytes (step) under mask kr, merging or (z) zeroing */
static void evex_opk(struct tctx *t, unsigned step, uint8_t prefix, bool map38, bool w, uint8_t op, int dst, int a,
		     int b, int kr, bool z)
{
	e_evex_rrk(&t->e, step == 2, prefix ? VEX_PP_66 : 0, map38 ? VEX_0F38 : VEX_0F, w, op, dst, a, b, kr, z);
}

/* x = chunk k of the group at reg (16 or 32 bytes) */
static void vget(struct tctx *t, int x, unsigned reg, unsigned k, unsigned step)
{
	unsigned r = reg + k;
	int h = vhome(t, r);
	if (home_chunk(t, r, step) >= 0) { /* movdqa (the low half for one register) */
		vec_unary(t, 0x66, 0x6f, x, h, step);
	} else if (h >= 0) { /* vextracti128 x, home, 1 */
		e_vex_rr(&t->e, true, VEX_PP_66, VEX_0F3A, false, 0x39, h, 0, x);
		e_byte(&t->e, 1);
	} else if (!t->j->v_resident) {
		vec_load(t, x, vreg(t, reg, k), step);
	} else if (step == 2 || r % 2 == 0) { /* vmovdqu64 */
		e_evex_rr(&t->e, step == 2, VEX_PP_F3, VEX_0F, true, 0x6f, x, 0, home(r));
	} else { /* vextracti32x4 x, home, 1 */
		e_evex_rr(&t->e, true, VEX_PP_66, VEX_0F3A, false, 0x39, home(r), 0, x);
		e_byte(&t->e, 1);
	}
}

/* chunk k of the group at reg = x */
static void vput(struct tctx *t, unsigned reg, unsigned k, int x, unsigned step)
{
	unsigned r = reg + k;
	int h = vhome(t, r);
	if (h >= 0 && step == 2) { /* movdqa */
		vec_unary(t, 0x66, 0x6f, h, x, step);
	} else if (h >= 0) { /* vpblendd home, home, x, 0x0f (the low half), or vinserti128 home, home, x, 1 */
		e_vex_rr(&t->e, true, VEX_PP_66, VEX_0F3A, false, r % 2 ? 0x38 : 0x02, h, h, x);
		e_byte(&t->e, r % 2 ? 1 : 0x0f);
	} else if (!t->j->v_resident) {
		vec_store(t, vreg(t, reg, k), x, step);
	} else if (step == 2) {
		e_evex_rr(&t->e, true, VEX_PP_F3, VEX_0F, true, 0x6f, home(r), 0, x);
	} else { /* vinserti32x4 home, home, x, half */
		e_evex_rr(&t->e, true, VEX_PP_66, VEX_0F3A, false, 0x38, home(r), home(r), x);
		e_byte(&t->e, (uint8_t)(r % 2));
	}
}

/* vput of elements of sew bytes under the mask kr (0: vput): a one-register chunk goes to its
 * half of the home with the mask moved there (k3) */
static void vput_masked(struct tctx *t, unsigned sew, unsigned reg, unsigned k, int x, unsigned step, int kr)
{
	unsigned r = reg + k;
	if (!kr) {
		vput(t, reg, k, x, step);
		return;
	}
	if (step == 1 && r % 2) {
		kshift(t, true, 3, kr, 16 / sew);
		e_vex_rr(&t->e, true, VEX_PP_66, VEX_0F3A, false, 0x38, x, x, x); /* vinserti128 x, x, x, 1 */
		e_byte(&t->e, 1);
		kr = 3;
	}
	vmovdqu_merge(t, sew, home(r), x, kr);
}

/* x = chunk k of the group at reg where xmm2's bytes are set, x's elsewhere (vpblendvb) */
static void blend_old(struct tctx *t, int x, unsigned reg, unsigned k, unsigned step)
{
	unsigned r = reg + k;
	if (home_chunk(t, r, step) >= 0) {
		blend_r(t, x, x, vhome(t, r), XMM2, step);
		return;
	}
	if (vhome(t, r) >=
	    0) /* the upper half of its home: the home to the vCPU first (a short pass's, no scratch left) */
		home_to_vcpu(t, r);
	blend_m(t, x, x, vcpu_reg(t, reg, k), XMM2, step);
}

/* vput_masked at the vtype's SEW (kr: elem_k's) */
static void vput_tail(struct tctx *t, unsigned reg, unsigned k, int x, unsigned step, int kr)
{
	if (t->v_blending) { /* the old elements past vl back into x (through xmm2) */
		vec_load(t, XMM2, blend_at(t, BLEND_KEEP, k), step);
		blend_old(t, x, reg, k, step);
	}
	vput_masked(t, t->v_sew, reg, k, x, step, kr);
}

/* x op= chunk k of the group at reg, through the free scratch register y when resident */
static void vec_op_v(struct tctx *t, uint8_t prefix, bool map38, uint8_t op, int x, unsigned reg, unsigned k,
		     unsigned step, int y)
{
	int h = home_chunk(t, reg + k, step);
	if (h >= 0) {
		vec_op_r(t, prefix, map38, op, x, h, step);
	} else if (t->j->v_resident || vhome(t, reg + k) >= 0) {
		vget(t, y, reg, k, step);
		vec_op_r(t, prefix, map38, op, x, y, step);
	} else {
		vec_op_m(t, prefix, map38, op, x, vreg(t, reg, k), step);
	}
}

/* gpr = the 64-bit word w of register r (vmovq, vpextrq of its chunk, through xmm2, where it is
 * resident; from its home's low half, or else the vCPU, where it is homed; a load where it is in the vCPU, whose words
 * other forms store as words: a wider load of them would wait for the stores to retire) */
static void vword_get(struct tctx *t, int gpr, unsigned r, unsigned w)
{
	int h = vhome(t, r + w / 2);
	if (h >= 0 && (r + w / 2) % 2 == 0) { /* vmovq, vpextrq from its home's low half */
		e_vex_rr(&t->e, false, VEX_PP_66, w % 2 ? VEX_0F3A : VEX_0F, true, w % 2 ? 0x16 : 0x7e, h, 0, gpr);
		if (w % 2)
			e_byte(&t->e, 1);
		return;
	}
	if (h >= 0) /* the upper half: through the vCPU, as callers may hold xmm0-2 */
		home_to_vcpu(t, r + w / 2);
	if (!t->j->v_resident) {
		e_load(&t->e, gpr, vcpu_word(t, r, w), 8, false);
		return;
	}
	vget(t, XMM2, r, w / 2, 1);
	if (w % 2) {
		e_vex_rr(&t->e, false, VEX_PP_66, VEX_0F3A, true, 0x16, XMM2, 0, gpr);
		e_byte(&t->e, 1);
	} else {
		e_vex_rr(&t->e, false, VEX_PP_66, VEX_0F, true, 0x7e, XMM2, 0, gpr);
	}
}

/* word w of register r = gpr (vpinsrq where it is resident, a store where it is in the vCPU) */
static void vword_put(struct tctx *t, unsigned r, unsigned w, int gpr)
{
	int h = vhome(t, r + w / 2);
	if (h >= 0) { /* through the vCPU, as callers may hold xmm0-2: the home there, the word, back */
		home_to_vcpu(t, r + w / 2);
		e_store(&t->e, vcpu_word(t, r, w), gpr, 8);
		vec_load(t, h, vcpu_reg(t, (r + w / 2) & ~1u, 0), 2);
		return;
	}
	if (!t->j->v_resident) {
		e_store(&t->e, vword(t, r, w), gpr, 8);
		return;
	}
	vget(t, XMM2, r, w / 2, 1);
	e_vex_rr(&t->e, false, VEX_PP_66, VEX_0F3A, true, 0x22, XMM2, XMM2, gpr);
	e_byte(&t->e, (uint8_t)(w % 2));
	vput(t, r, w / 2, XMM2, 1);
}

/* For the forms that read registers' bytes in the vCPU: register r there, through xmm2 */
static void sync_out(struct tctx *t, unsigned r)
{
	if (t->j->v_resident) {
		vget(t, XMM2, r, 0, 1);
		e_sse_rm(&t->e, 0xf3, false, 0x7f, XMM2, vreg(t, r, 0)); /* movdqu */
	}
}

/* xmm2 = each element of xmm0 (ymm0) compared with itself by cmpps/pd's predicate: 3 unordered
 * (a NaN), 7 ordered */
static void nan_mask(struct tctx *t, unsigned sew, uint8_t predicate, unsigned step)
{
	uint8_t p = sew == 8 ? 0x66 : 0;
	if (step == 2) {
		e_vex_rr(&t->e, true, p ? VEX_PP_66 : 0, VEX_0F, false, 0xc2, XMM2, XMM0, XMM0);
	} else {
		e_sse_rr(&t->e, p, false, 0x28, XMM2, XMM0); /* movaps */
		e_sse_rr(&t->e, p, false, 0xc2, XMM2, XMM2);
	}
	e_byte(&t->e, predicate);
}

/* rax's low sew bytes repeated over xmm1 (ymm1 for 32-byte steps) */
static void broadcast(struct tctx *t, unsigned sew, unsigned step)
{
	struct emit *e = &t->e;
	if (step == 2) { /* vpbroadcastb/w/d/q ymm1, xmm1 */
		static const uint8_t op[9] = {[1] = 0x78, [2] = 0x79, [4] = 0x58, [8] = 0x59};
		e_sse_rr(e, 0x66, true, 0x6e, XMM1, RAX); /* movq xmm1, rax */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F38, false, op[sew], XMM1, 0, XMM1);
		return;
	}
	if (sew < 8) {
		static const uint64_t ones[8] = {
		    [1] = 0x0101010101010101ull, [2] = 0x0001000100010001ull, [4] = 0x0000000100000001ull};
		if (sew == 1)
			e_movzx8(e, RAX, RAX);
		else if (sew == 2)
			e_movzx16(e, RAX, RAX);
		else
			e_mov_rr(e, false, RAX, RAX);
		e_mov_ri(e, RCX, ones[sew]);
		e_imul_rr(e, true, RAX, RCX);
	}
	e_sse_rr(e, 0x66, true, 0x6e, XMM1, RAX);   /* movq xmm1, rax */
	e_sse_rr(e, 0x66, false, 0x6c, XMM1, XMM1); /* punpcklqdq */
}

/* x (16, 32 or 64 bytes) = rax's low 32 or (w) 64 bits in every element (vpbroadcastd/q, EVEX) */
static void broadcast_rax(struct tctx *t, int x, unsigned bytes, bool w)
{
	e_evex_len_rr(&t->e, bytes, VEX_PP_66, VEX_0F38, w, 0x7c, x, 0, RAX, 0);
}

/* rax = the scalar operand of a .vx or .vi form */
static void scalar_rax(struct tctx *t, const struct rv_insn *in)
{
	if (in->rs3 == VF_VX)
		t_get(t, RAX, in->rs1);
	else
		e_mov_ri(&t->e, RAX, (uint64_t)in->imm);
}

/* The scalar operand of a .vx or .vi form over xmm1 (ymm1) */
static void scalar_operand(struct tctx *t, unsigned sew, unsigned step)
{
	scalar_rax(t, t->in);
	broadcast(t, sew, step);
}

static bool stores_pair(const struct tctx *t);

/* Whether a vmv.v.x or vmv.v.i of a whole group (at least 64 bytes) has a unit-stride store of
 * the same group and element size right after it that store_pair takes (a memset's pass): the
 * store is then of zmm1, the broadcast, with no vinserti64x4 (port 5 on Intel) to make it */
static bool splat_stored(struct tctx *t, unsigned chunks, unsigned step)
{
	const struct rv_insn *in = t->in, *next = t_peek(t, 1);
	return in->op == RV_VMV_V && (in->rs3 == VF_VX || in->rs3 == VF_VI) && !t->no_fuse && t->j->v_resident &&
	       step == 2 && chunks % 4 == 0 && t->v_whole && next && next->op == RV_VSE && next->rd == in->rd &&
	       next->rs3 == 1 && next->rm && (unsigned)next->imm / 8 == t->v_sew && stores_pair(t);
}

/* zmm1 = the scalar operand in every element (vpbroadcastb/w/d/q from rax, EVEX) */
static void splat_operand(struct tctx *t, unsigned sew)
{
	static const uint8_t op[9] = {[1] = 0x7a, [2] = 0x7b, [4] = 0x7c, [8] = 0x7c};
	int from = t->in->rs3 == VF_VX && t->in->rs1 ? t_host_reg(t, t->in->rs1) : -1;
	if (from < 0) {
		from = RAX;
		scalar_rax(t, t->in);
	}
	e_evex_len_rr(&t->e, 64, VEX_PP_66, VEX_0F38, sew == 8, op[sew], XMM1, 0, from, 0);
}

/* rax = f[r] as a .vf form on sew-byte elements reads it: a single must be NaN-boxed, else it
 * reads as the canonical NaN */
static void fp_scalar(struct tctx *t, unsigned r, unsigned sew)
{
	struct emit *e = &t->e;
	t_fget_gpr(t, RAX, r);
	if (sew == 4 && !(t->f_boxed >> r & 1)) {
		uint8_t *boxed;
		e_mov_rr(e, true, RCX, RAX);
		e_shift_i(e, SH_SHR, true, RCX, 32);
		e_alu_ri(e, ALU_CMP, false, RCX, -1);
		boxed = e_jcc(e, CC_E);
		e_mov_ri(e, RAX, RV_NAN_S);
		e_patch(boxed, e->p);
	}
}

/* f[r] over xmm1 (ymm1): from its register where no NaN box is to be checked (doubles, and singles
 * known boxed: an flw's in the block, or tested at a vector loop's entry) */
static void fp_scalar_broadcast(struct tctx *t, unsigned r, unsigned sew, unsigned step)
{
	uint8_t op = sew == 8 ? 0x59 : 0x58; /* vpbroadcastq/d ymm1, its xmm register or the vCPU's */
	if (step == 2 && (sew == 8 || t->f_boxed >> r & 1)) {
		if (jit_xmm_reg(r) >= 0)
			e_vex_rr(&t->e, true, VEX_PP_66, VEX_0F38, false, op, XMM1, 0, jit_xmm_reg(r));
		else
			e_vex_rm(&t->e, true, VEX_PP_66, VEX_0F38, false, op, XMM1, 0, M(REG_CPU, OFF_F(r)));
		return;
	}
	fp_scalar(t, r, sew);
	broadcast(t, sew, step);
}

/* Chunk k of the group at reg loaded from, or stored to, g whole (a fault replays the instruction
 * in the interpreter): a whole ymm home with vmovdqu64, else through xmm0 (ymm0) */
static void move_chunk(struct tctx *t, struct mem g, unsigned reg, unsigned k, unsigned step, bool store)
{
	bool direct = t->j->v_resident && step == 2;
	int h = home_chunk(t, reg + k, step);
	if (h >= 0 && (step == 2 || store)) { /* movdqu, a home's or its low half */
		t_fault_site_replay(t, 1);
		if (store)
			vec_store(t, g, h, step);
		else
			vec_load(t, h, g, step);
		return;
	}
	if (store && !direct)
		vget(t, XMM0, reg, k, step);
	t_fault_site_replay(t, 1);
	if (direct)
		e_evex_rm(&t->e, true, VEX_PP_F3, VEX_0F, true, store ? 0x7f : 0x6f, home(reg + k), 0, g);
	else if (store)
		vec_store(t, g, XMM0, step);
	else
		vec_load(t, XMM0, g, step);
	if (!store && !direct)
		vput(t, reg, k, XMM0, step);
}

/* A blended store of bytes or halfwords, after its dwords below vl: the up to 3 bytes below vl
 * in the dword that vl ends in, one by one (vl * SEW kept in v_elem; offset rdx, byte rcx) */
static void store_bytes_left(struct tctx *t, struct mem g)
{
	struct emit *e = &t->e;
	uint8_t *done[3];
	for (unsigned r = t->in->rd; r < t->in->rd + group_regs(t); r += 2) /* homed registers read below */
		if (vhome(t, r) >= 0)
			home_to_vcpu(t, r);
	vl_bytes(t, RDX);
	e_store(e, M(REG_CPU, OFF(v_elem)), RDX, 8);
	e_alu_ri(e, ALU_AND, true, RDX, ~3);
	g.index = RDX;
	for (int i = 0; i < 3; i++) {
		e_alu_rm(e, ALU_CMP, true, RDX, M(REG_CPU, OFF(v_elem)));
		done[i] = e_jcc(e, CC_AE);
		e_load(e, RCX, MX(REG_CPU, RDX, OFF(v) + (int32_t)(t->in->rd * t->cpu->vlenb)), 1, false);
		t_fault_site_replay(t, 1);
		e_store(e, g, RCX, 1);
		e_alu_ri(e, ALU_ADD, true, RDX, 1);
	}
	for (int i = 0; i < 3; i++)
		e_patch(done[i], e->p);
}

/* Chunks k and k + 2 (two ymm homes) stored to g as one 64-byte store through zmm1: where a
 * guest array is 8-byte aligned, half of the 32-byte stores cross a cache line, and one 64-byte
 * store that crosses costs less than the two 32-byte ones (a 16 KiB loop at an offset of 8:
 * 57-61 ms against 79-89 ms on an Emerald Rapids host); vzeroupper at the end of the run of
 * vector code clears zmm1's upper half. */
static void store_pair(struct tctx *t, struct mem g, unsigned reg, unsigned k)
{
	/* vinserti64x4 zmm1, zmm(low), ymm(high), 1; vmovdqu64 [g], zmm1 */
	e_evex_len_rr(&t->e, 64, VEX_PP_66, VEX_0F3A, true, 0x3a, XMM1, home(reg + k), home(reg + k + 2), 0);
	e_byte(&t->e, 1);
	t_fault_site_replay(t, 1);
	e_evex_len_rm(&t->e, 64, VEX_PP_F3, VEX_0F, true, 0x7f, XMM1, 0, g, 0, false);
}

/* Whether the block's stores may be paired (store_pair): while a 512-bit instruction is in flight,
 * Intel's cores give up port 1's vector unit, so that a loop of arithmetic lost more than the
 * pairs gained (a hash of five operations a store: 128 against 136 ms); copies, fills and
 * loops of an operation or so a store gain (memset 68 to 51 ms, e32 additions 99 to 87). */
static bool stores_pair(const struct tctx *t)
{
	int ops = 0, stores = 0;
	for (int k = 0; k < t->npeeked; k++) {
		const struct rv_insn *in = &t->insns[k];
		if (rv_op_format(in->op) == F_VMEM)
			stores += in->op == RV_VSE;
		else if (rv_op_format(in->op) == F_V && in->op != RV_VMV_V)
			ops++;
	}
	return ops <= stores;
}

static bool store_prefix(struct tctx *t);

/* pair: a whole group's store in 64-byte stores (store_pair) */
static bool load_store_as(struct tctx *t, bool pair)
{
	const struct rv_insn *in = t->in;
	bool store = in->op == RV_VSE; /* vleff: as vle, as no element faults; one that does is replayed */
	unsigned regs = group_regs(t), chunks = group_chunks(t), step = step_of(t, chunks);
	struct mem m;
	uint8_t *short_vl;
	/* blending, a load reads the whole chunk (an element past vl or masked off that faults is
	 * replayed in the interpreter) and keeps the old elements there; a store writes under a mask
	 * (vpmaskmovd/q), bytes and halfwords (unmasked) by the dwords below vl, then the rest */
	bool can_blend = !store || t->v_sew >= 4 || in->rm;
	bool splat = store && t->v_splat == (unsigned)in->rd + 1 && t->v_splat_at + 1 == t->idx;
	t->v_splat = 0;
	if (!can_blend && in->rs3 == 1 && store_prefix(t))
		return true;
	if ((unsigned)in->imm / 8 != t->v_sew || !(can_blend ? mask_ok_blend(t) : mask_ok(t)) || in->rs3 != 1 ||
	    !(can_blend ? group_ok_blend(t) : group_ok(t)) || in->rd % regs)
		return false;
	short_vl = can_blend ? enter_group_blend(t) : enter_group(t);
	m = t_address(t, in->rs1, 0);
	for (unsigned k = 0; k < chunks; k += step) {
		struct mem g = m;
		int kr = elem_k(t, k, step);
		g.disp += (int32_t)(16 * k);
		bool direct = t->j->v_resident && step == 2; /* a whole ymm home: vmovdqu64 */
		if (t->v_blending) {
			vget(t, XMM0, in->rd, k, step);
			vec_load(t, XMM2, blend_at(t, BLEND_ACTIVE, k), step);
			t_fault_site_replay(t, 1);
			if (store) { /* a dword's mask is its top byte's: a dword wholly below vl */
				e_vex_rm(&t->e, step == 2, VEX_PP_66, VEX_0F38, t->v_sew == 8, 0x8e, XMM0, XMM2, g);
			} else {
				blend_m(t, XMM0, XMM0, g, XMM2, step);
				vput(t, in->rd, k, XMM0, step);
			}
			continue;
		}
		if (pair && store && direct && !kr && k + step < chunks && !tail_k(t, k + step, step) && in->rm) {
			if (splat && k % 4 == 0) { /* vmovdqu64 [g], zmm1 */
				t_fault_site_replay(t, 1);
				e_evex_len_rm(&t->e, 64, VEX_PP_F3, VEX_0F, true, 0x7f, XMM1, 0, g, 0, false);
			} else {
				store_pair(t, g, in->rd, k);
			}
			k += step;
			continue;
		}
		if (kr && step == 1 && chunks == 1 && t->j->v_resident) {
			/* a register of one chunk in its home, 32 bytes under kr (its bits the chunk's
			 * elements): the upper half's from 16 bytes below, kr's bits moved up to it (the
			 * elements under the bits clear are neither read nor written, nor fault) */
			int half = (int)((in->rd + k) % 2);
			if (half) {
				kshift(t, true, 3, kr, 16 / t->v_sew);
				kr = 3;
				g.disp -= 16;
			}
			t_fault_site_replay(t, 1);
			vmovdqu_mem(t, store, 2, home(in->rd + k), g, kr, false);
			continue;
		}
		if (kr) { /* the elements past vl neither read (nor faulting) nor written */
			if (store && !direct)
				vget(t, XMM0, in->rd, k, step);
			t_fault_site_replay(t, 1);
			vmovdqu_mem(t, store, step, direct ? home(in->rd + k) : XMM0, g, kr, !store && !direct);
			if (!store && !direct)
				vput_tail(t, in->rd, k, XMM0, step, kr);
			continue;
		}
		move_chunk(t, g, in->rd, k, step, store);
	}
	finish_wide(t, step);
	if (t->v_blending && store && t->v_sew < 4)
		store_bytes_left(t, m);
	short_vl_path(t, short_vl, "vl below VLMAX: the elements past vl are not touched");
	return true;
}

static bool load_store(struct tctx *t)
{
	return load_store_as(t, t->in->op == RV_VSE && stores_pair(t));
}

/* A unit-stride load or store whose EEW is not SEW (vle8.v under e32): load_store under the vtype
 * of its own element size, SEW = EEW and the LMUL that gives the same VLMAX; tail masks made for
 * it are not the vtype's, so the next form that needs them makes them again */
static bool load_store_eew(struct tctx *t)
{
	unsigned sew = t->v_sew, lmul8 = t->v_lmul8, eew = (unsigned)t->in->imm / 8, emul8 = lmul8 * eew / sew;
	bool masked = t->v_masked, ok;
	if (lmul8 * eew % sew || emul8 > 64)
		return false; /* the interpreter raises SIGILL */
	t->v_sew = eew;
	t->v_lmul8 = emul8;
	t->v_masked = false;
	ok = load_store(t);
	t->v_masked = t->v_masked ? false : masked;
	t->v_sew = sew;
	t->v_lmul8 = lmul8;
	return ok;
}

/* k3 = the elements first to first + count - 1 (count at most 32) that the instruction writes:
 * below vl where the tail is masked (as for tail_k), and v0's bits where it is masked; 0 where it
 * writes them all. For the forms whose destination has another element size than SEW (through
 * rax, rcx and rdx). */
static int elems_k(struct tctx *t, unsigned first, unsigned count)
{
	struct emit *e = &t->e;
	bool tail = tail_masked(t);
	if (!tail && t->in->rm)
		return 0;
	e_mov_ri(e, RDX, ~(~0ull << count));
	if (tail)
		and_below_vl(t, RDX, RCX, first);
	if (!t->in->rm) {
		v0_bits(t, RAX, first);
		e_alu_rr(e, ALU_AND, true, RDX, RAX);
	}
	kmov_from(t, 3, RDX);
	return 3;
}

/* elems_k for a widening form's chunk: with a fractional LMUL, the vtype's tail mask k4 (bits
 * below vl, VLMAX of them at most) where the chunk is vd's first and holds all of VLMAX (gcc's
 * e16 mf2 vwmacc into e32 m1: 4 elements a pass, for which the mask was made twice) */
static int widened_k(struct tctx *t, unsigned first, unsigned count)
{
	if (!first && t->in->rm && t->v_masked && t->v_lmul8 < 8 && t->v_vlmax <= count && tail_masked(t))
		return 4;
	return elems_k(t, first, count);
}

/* x = x's bytes from n on, zeros above them (vpsrldq x, x, n) */
static void bytes_down(struct tctx *t, int x, unsigned n)
{
	if (t->j->host_avx2)
		e_vex_rr(&t->e, false, VEX_PP_66, VEX_0F, false, 0x73, 3, x, x);
	else /* psrldq: a host without AVX (the SSE forms' own) */
		e_sse_rr(&t->e, 0x66, false, 0x73, 3, x);
	e_byte(&t->e, (uint8_t)n);
}

/* addresses x1 = the unit's indexes at byte off of vs2's group (ibytes of eew each, as many as the
 * group's size bytes hold: a fractional LMUL's lanes past them are tail), zero-extended to abytes
 * of qwords, plus x2 (x[rs1] in each) */
static void indexed_addresses(struct tctx *t, unsigned eew, unsigned off, unsigned ibytes, unsigned abytes,
			      unsigned size)
{
	struct emit *e = &t->e;
	if (ibytes > size)
		ibytes = size;
	vget(t, XMM1, t->in->rs2, off / 16, ibytes > 16 ? 2 : 1);
	if (ibytes == 64) { /* vinserti64x4 zmm1, zmm1, ymm0, 1: the next 32 bytes above */
		vget(t, XMM0, t->in->rs2, off / 16 + 2, 2);
		e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F3A, true, 0x3a, XMM1, XMM1, XMM0, 0);
		e_byte(e, 1);
	} else if (off % 16) {
		bytes_down(t, XMM1, off % 16);
	}
	if (eew < 8) /* vpmovzxbq, wq, dq */
		e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F38, false,
			      eew == 1   ? 0x32
			      : eew == 2 ? 0x34
					 : 0x35,
			      XMM1, 0, XMM1, 0);
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xd4, XMM1, XMM1, XMM2, 0); /* vpaddq */
}

/* rax = the stride: x[rs2], or (segments) the fields' bytes */
static void stride_rax(struct tctx *t, unsigned bytes)
{
	if (t->in->op == RV_VLSE || t->in->op == RV_VSSE)
		t_get(t, RAX, t->in->rs2);
	else
		e_mov_ri(&t->e, RAX, bytes);
}

/* x2 = x[rs1] + j * stride for the n = abytes / 8 elements j of the first unit (qwords; the
 * product's high half from the stride's, so that a negative stride works) */
static void strided_addresses(struct tctx *t, unsigned bytes, unsigned abytes)
{
	struct emit *e = &t->e;
	e_mov_ri(e, RAX, 0x0706050403020100ull);
	e_vex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x6e, XMM2, 0, RAX);              /* vmovq xmm2, rax */
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F38, false, 0x32, XMM2, 0, XMM2, 0); /* vpmovzxbq: 0, 1, ... */
	stride_rax(t, bytes);
	broadcast_rax(t, XMM1, abytes, true);
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0x73, 2, XMM0, XMM1, 0); /* vpsrlq x0, x1, 32 */
	e_byte(e, 32);
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xf4, XMM1, XMM1, XMM2, 0); /* vpmuludq: j * low */
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xf4, XMM0, XMM0, XMM2, 0); /* j * high */
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0x73, 6, XMM0, XMM0, 0);    /* vpsllq x0, x0, 32 */
	e_byte(e, 32);
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xd4, XMM1, XMM1, XMM0, 0);
	t_get(t, RAX, t->in->rs1);
	broadcast_rax(t, XMM2, abytes, true);
	e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xd4, XMM2, XMM2, XMM1, 0);
}

/* reg = ceil(vl / 8): the bytes of a mask load or store */
static void mask_bytes(struct tctx *t, int reg)
{
	if (t->v_vl_in)
		e_mov_rr(&t->e, true, reg, t_host_reg(t, t->v_vl_in));
	else
		e_load(&t->e, reg, M(REG_CPU, OFF(vl)), 8, false);
	e_alu_ri(&t->e, ALU_ADD, true, reg, 7);
	e_shift_i(&t->e, SH_SHR, true, reg, 3);
}

/* vlm.v where the host blends (v_blend): each 16 bytes of vd loaded whole (a fault past the
 * ceil(vl / 8) bytes it needs is replayed in the interpreter), its bytes from there on blended
 * back from vd; the masks through rcx and rdx, which no address uses */
static bool mask_load_blend(struct tctx *t, uint64_t bytes)
{
	struct emit *e = &t->e;
	const struct rv_insn *in = t->in;
	struct mem m = t_address(t, in->rs1, 0);
	if (bytes != UINT64_MAX)
		e_mov_ri(e, RDX, bytes);
	else
		mask_bytes(t, RDX);
	keep_masks_for(t, RDX);
	for (unsigned c = 0; c < t->cpu->vlenb / 16 && bytes > 16 * c; c++) {
		struct mem g = m;
		g.disp += (int32_t)(16 * c);
		t_fault_site_replay(t, 1);
		vec_load(t, XMM0, g, 1);
		vec_load(t, XMM2, MX(RDX, RCX, 16 * (int32_t)c), 1);
		blend_m(t, XMM0, XMM0, vreg(t, in->rd, c), XMM2, 1);
		vput(t, in->rd, c, XMM0, 1);
	}
	return true;
}

/* The first rcx bytes of the group of chunks at reg stored exactly at g: the whole group 32 at a
 * time where the host has AVX2, else 16 at a time while that many are left, then the rest from
 * xmm0 by pieces of 8, 4, 2 and 1 (movq, movd, vpextrw, vpextrb), xmm0 moved down after each;
 * the offset in rdx, as the address may be in rax. A fault replays the instruction in the
 * interpreter. */
static void store_exact(struct tctx *t, struct mem g, unsigned reg, unsigned chunks)
{
	struct emit *e = &t->e;
	uint8_t *part[8 * RVX_VLENB_MAX / 16], *done, *whole_done = NULL;
	e_alu_rr(e, ALU_XOR, false, RDX, RDX);
	g.index = RDX;
	if (step_of(t, chunks) == 2) { /* the whole group (all a strcpy's passes but its last): 32 at a time */
		uint8_t *partial;
		e_alu_ri(e, ALU_CMP, false, RCX, (int32_t)(16 * chunks));
		partial = e_jcc(e, CC_NE);
		for (unsigned c = 0; c < chunks; c += 2) {
			struct mem at = g;
			at.disp += (int32_t)(16 * c);
			vget(t, XMM0, reg, c, 2);
			t_fault_site_replay(t, 1);
			vec_store(t, at, XMM0, 2);
		}
		finish_wide(t, 2);
		whole_done = e_jmp(e);
		e_patch(partial, e->p);
	}
	for (unsigned c = 0; c < chunks; c++) {
		vget(t, XMM0, reg, c, 1);
		e_alu_ri(e, ALU_CMP, false, RCX, 16);
		part[c] = e_jcc(e, CC_B);
		t_fault_site_replay(t, 1);
		vec_store(t, g, XMM0, 1);
		e_alu_ri(e, ALU_ADD, false, RDX, 16);
		e_alu_ri(e, ALU_SUB, false, RCX, 16);
	}
	done = e_jmp(e);
	for (unsigned c = 0; c < chunks; c++)
		e_patch(part[c], e->p);
	for (unsigned size = 8; size; size /= 2) {
		uint8_t *skip;
		e_bt_ri(e, 4, RCX, (uint8_t)__builtin_ctz(size));
		skip = e_jcc(e, CC_AE);
		t_fault_site_replay(t, 1);
		if (size >= 4) {
			e_sse_rm(e, 0x66, false, size == 8 ? 0xd6 : 0x7e, XMM0, g);
		} else {
			e_vex_rm(e, false, VEX_PP_66, VEX_0F3A, false, size == 2 ? 0x15 : 0x14, XMM0, 0, g);
			e_byte(e, 0);
		}
		if (size > 1) {
			bytes_down(t, XMM0, size);
			e_alu_ri(e, ALU_ADD, false, RDX, (int32_t)size);
		}
		e_patch(skip, e->p);
	}
	e_patch(done, e->p);
	if (whole_done)
		e_patch(whole_done, e->p);
}

/* vsm.v where the host blends (v_blend): the ceil(vl / 8) bytes of vd stored exactly */
static bool mask_store_blend(struct tctx *t, uint64_t bytes)
{
	if (bytes != UINT64_MAX)
		e_mov_ri(&t->e, RCX, bytes);
	else
		mask_bytes(t, RCX);
	store_exact(t, t_address(t, t->in->rs1, 0), t->in->rd, t->cpu->vlenb / 16);
	return true;
}

/* A unit-stride byte or halfword store under v0.t where the host blends (AVX2 has no byte or
 * halfword masked store): its active elements (v0's below vl) are most often a prefix of the
 * group, as vmsif and vmsbf make them (a vector strcpy's last store), and then exactly those
 * bytes are stored; another mask sends the instruction to the interpreter. A word's active bits
 * are a prefix of it where bits & (bits + 1) is 0, and the group's where each word is and any
 * word with some follows only full ones; their count in rdx. VLMAX 256 or less (four words). */
static bool store_prefix(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned words = (unsigned)(t->v_vlmax + 63) / 64, regs = group_regs(t);
	uint8_t *bad[8];
	int nbad = 0;
	if (!t->j->v_blend || !words_ok(t) || !t->j->host_bitcount || words > 4 || in->rd == 0 || in->rd % regs ||
	    (unsigned)in->imm / 8 != t->v_sew)
		return false;
	for (unsigned q = 0; q < words; q++) {
		active_word(t, q);
		e_lea(e, RAX, M(RCX, 1));
		e_test_rr(e, true, RAX, RCX);
		bad[nbad++] = e_jcc(e, CC_NE);
		if (q) { /* some active here: all 64q before */
			uint8_t *none;
			e_test_rr(e, true, RCX, RCX);
			none = e_jcc(e, CC_E);
			e_alu_ri(e, ALU_CMP, true, RDX, (int32_t)(64 * q));
			bad[nbad++] = e_jcc(e, CC_NE);
			e_patch(none, e->p);
		}
		e_bitcount(e, 0xb8, true, q ? RAX : RDX, RCX); /* popcnt */
		if (q)
			e_alu_rr(e, ALU_ADD, true, RDX, RAX);
	}
	e_mov_rr(e, true, RCX, RDX);
	if (t->v_sew == 2)
		e_alu_rr(e, ALU_ADD, true, RCX, RCX);
	store_exact(t, t_address(t, in->rs1, 0), in->rd, regs * t->cpu->vlenb / 16);
	for (int k = 0; k < nbad; k++)
		slow_path(t, bad[k], "active elements that are not a prefix of the group");
	return true;
}

/* vlm.v and vsm.v: ceil(vl / 8) bytes, under byte masks (AVX-512BW) where vl is not known to
 * cover a chunk, the rest of vd kept (as QEMU keeps a tail it may write with ones); rcx and rdx
 * only, as the address may be in rax */
static bool mask_memory(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	bool store = in->op == RV_VSM;
	uint64_t known = t->v_vl_const != UINT64_MAX ? t->v_vl_const : t->v_whole ? t->v_vlmax : UINT64_MAX;
	uint64_t bytes = known != UINT64_MAX ? (known + 7) / 8 : UINT64_MAX;
	struct mem m;
	if (!t->j->v_masks)
		return t->j->v_blend && (store ? mask_store_blend(t, bytes) : mask_load_blend(t, bytes));
	make_live(t);
	m = t_address(t, in->rs1, 0);
	for (unsigned c = 0; c < t->cpu->vlenb / 16 && bytes > 16 * c; c++) {
		struct mem g = m;
		bool whole = bytes != UINT64_MAX && bytes >= 16 * (c + 1);
		g.disp += (int32_t)(16 * c);
		if (!whole) { /* k3 = the chunk's bytes below ceil(vl / 8): bzhi of all ones */
			if (bytes != UINT64_MAX) {
				e_mov_ri(e, RCX, bytes - 16 * c);
			} else {
				uint8_t *above;
				mask_bytes(t, RCX);
				if (c) {
					e_alu_ri(e, ALU_SUB, true, RCX, (int32_t)(16 * c));
					above = e_jcc(e, CC_AE);
					e_alu_rr(e, ALU_XOR, false, RCX, RCX);
					e_patch(above, e->p);
				}
			}
			e_mov_ri(e, RDX, UINT64_MAX);
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F38, true, 0xf5, RDX, RCX, RDX); /* bzhi rdx, rdx, rcx */
			kmov_from(t, 3, RDX);
		}
		if (store)
			vget(t, XMM0, in->rd, c, 1);
		t_fault_site_replay(t, 1);
		/* vmovdqu8 under k3 (loads zeroing), or whole */
		e_evex_rmk(e, false, VEX_PP_F2, VEX_0F, false, store ? 0x7f : 0x6f, XMM0, 0, g, whole ? 0 : 3,
			   !store && !whole);
		if (!store)
			vput_masked(t, 1, in->rd, c, XMM0, 1, whole ? 0 : 3);
	}
	return true;
}

/* vlse with stride x0, unmasked: one element loaded (where vl is not 0) and broadcast to every
 * element below vl; any SEW */
static bool broadcast_load(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), step = step_of(t, chunks);
	static const uint8_t op[9] = {[1] = 0x78, [2] = 0x79, [4] = 0x58, [8] = 0x59}; /* vpbroadcastb/w/d/q */
	uint32_t checked = t->base_checked;
	uint8_t *none, *short_vl;
	struct mem m;
	if (!t->j->host_avx2 || !in->rm || in->rs3 != 1 || (unsigned)in->imm / 8 != sew || !group_ok(t) ||
	    in->rd % regs)
		return false; /* emitting nothing */
	short_vl = enter_group(t);
	none = vl_zero_test(t);
	m = t_address(t, in->rs1, 0);
	t->base_checked = checked; /* not where vl is 0 */
	t_fault_site_replay(t, 1);
	e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F38, false, op[sew], XMM0, 0, m);
	for (unsigned k = 0; k < chunks; k += step)
		vput_tail(t, in->rd, k, XMM0, step, tail_k(t, k, step));
	finish_wide(t, step);
	if (none)
		e_patch(none, e->p);
	short_vl_path(t, short_vl, "vl below VLMAX: the elements past vl are not written");
	return true;
}

/* kd = the elements of x (F/D, bytes of them) under mask k that are NaNs: vcmpunordps/pd, quiet, so
 * that only a signaling NaN raises invalid, as on RISC-V */
static void unordered(struct tctx *t, unsigned bytes, bool w, int kd, int x, int k)
{
	e_evex_len_rr(&t->e, bytes, w ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, w, 0xc2, kd, x, x, k);
	e_byte(&t->e, 3);
}

/* x = max(x, y) (min) over bytes, elementwise under mask k (0: all), with max(+0, -0) = +0 and
 * min = -0: where they compare equal y becomes x AND y (OR for min) first, so that x86's "the
 * second operand for equal ones" gives that (neither is a NaN here); k1 taken, y changed */
static void min_max_fixed(struct tctx *t, bool max, bool w, unsigned bytes, int x, int y, int k)
{
	struct emit *e = &t->e;
	uint8_t pp = w ? VEX_PP_66 : VEX_PP_NONE;
	e_evex_len_rr(e, bytes, pp, VEX_0F, w, 0xc2, 1, x, y, k); /* vcmpeqps/pd k1{k}, x, y */
	e_byte(e, 0);
	e_evex_len_rr(e, bytes, VEX_PP_66, VEX_0F, w, max ? 0xdb : 0xeb, y, x, y, 1); /* vpand/vpor y{k1} */
	e_evex_len_rr(e, bytes, pp, VEX_0F, w, max ? 0x5f : 0x5d, x, x, y, k);        /* vmax/vmin */
}

/* The jumps in sites[i] (NULL: none) to the interpreter from element i * per on, coming back past
 * the instruction (what came before i is written already) */
static void from_element(struct tctx *t, uint8_t *const *sites, unsigned n, unsigned per, const char *why)
{
	for (unsigned i = 0; i < n; i++)
		if (sites[i])
			t_cold_helper_vstart(t, sites[i], interp_v, why, i * per);
}

/* k1 = kr, or all ones for none (a gather or scatter clears k1 as it goes) */
static void k1_from(struct tctx *t, int kr)
{
	if (kr)
		e_vex_rr(&t->e, false, VEX_PP_NONE, VEX_0F, false, 0x90, 1, 0, kr); /* kmovw k1, kr */
	else
		e_vex_rr(&t->e, true, VEX_PP_NONE, VEX_0F, false, 0x46, 1, 1, 1); /* kxnorw k1, k1, k1 */
}

/* gather_scatter without AVX-512 (no scatters, and AVX2's gathers cannot take RISC-V's unsigned
 * 64-bit offsets): one access per element and field in scalar code, at most 64, each address
 * tested against the guest space (outside it, the interpreter from that element raises the
 * fault). Elements past vl (a suffix: the first ends them) and masked off by v0 are skipped, so
 * that vd's stay. Index in rax, the address in rax (indexed) or rdx (strided: the running
 * address), the base in rcx unless x[rs1] has a host register, data through the other. */
#define SCALAR_ACCESSES 64

/* x = index j of an indexed access (zero-extended), from the vCPU */
static void load_index(struct tctx *t, int x, unsigned j)
{
	unsigned eew = (unsigned)t->in->imm / 8;
	e_load(&t->e, x, M(REG_CPU, OFF(v) + (int32_t)(t->in->rs2 * t->cpu->vlenb + j * eew)), (int)eew, false);
}

/* gather_scatter_scalar's accesses of element j's fields at the address in rax (indexed) or rdx,
 * data through the other */
static void element_fields(struct tctx *t, bool store, unsigned dregs, unsigned j)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	bool indexed = in->op == RV_VLUXEI || in->op == RV_VSUXEI;
	int addr = indexed ? RAX : RDX, data = indexed ? RDX : RAX;
	unsigned sew = t->v_sew;
	for (unsigned f = 0; f < in->rs3; f++) {
		struct mem v = M(REG_CPU, OFF(v) + (int32_t)((in->rd + f * dregs) * t->cpu->vlenb + j * sew));
		struct mem g = t_guest(t, addr, (int32_t)(f * sew));
		if (store)
			e_load(e, data, v, (int)sew, false);
		t_fault_site_replay(t, 1);
		if (store) {
			e_store(e, g, data, (int)sew);
		} else {
			e_load(e, data, g, (int)sew, false);
			e_store(e, v, data, (int)sew);
		}
	}
}

static bool gather_scatter_scalar(struct tctx *t, bool store, bool indexed, unsigned dregs, unsigned iregs)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, eew = (unsigned)in->imm / 8, nf = in->rs3;
	unsigned n = (unsigned)t->v_vlmax;
	int base = t_host_reg(t, in->rs1), addr = indexed ? RAX : RDX, data = indexed ? RDX : RAX;
	uint8_t *out[SCALAR_ACCESSES] = {NULL}, *end[SCALAR_ACCESSES], *skip;
	unsigned nend = 0;
	/* a load into its own indexes would read the ones it wrote when replayed */
	if (n * nf > SCALAR_ACCESSES || in->rs1 == 0 ||
	    (indexed && !store && groups_overlap(in->rd, nf * dregs, in->rs2, iregs)))
		return false;
	if (base < 0) {
		t_get(t, RCX, in->rs1);
		base = RCX;
	}
	if (!indexed)
		e_mov_rr(e, true, RDX, base);
	if (t->v_vl_const != UINT64_MAX && !t->v_whole && t->v_vl_const < n)
		n = (unsigned)t->v_vl_const;
	/* every element active, its index below 2^32; with homes, vl is tested to be VLMAX (else the
	 * interpreter, and the block ends) */
	bool every = indexed && in->rm && eew <= 4;
	uint8_t *short_vl =
	    every && t->nxswaps && !t->v_whole && t->v_vl_const == UINT64_MAX ? enter_whole_group(t) : NULL;
	bool fast = every && n > 1 && (t->v_whole || t->v_vl_const != UINT64_MAX);
	bool gather = fast && !store && nf == 1 && sew == 4 && t->j->host_avx2 && n % 4 == 0;
	/* in a loop with homes (reads_vcpu lets in the accesses of every element): the indexes and a
	 * store's data go to the vCPU, where the accesses read them; a load gathers into its homes,
	 * and where an address test fails the interpreter runs it whole */
	bool homed_vd = false;
	for (unsigned r = in->rs2 & ~1u; t->nxswaps && indexed && r < in->rs2 + iregs; r += 2)
		if (vhome(t, r) >= 0)
			home_to_vcpu(t, r);
	for (unsigned r = in->rd & ~1u; t->nxswaps && r < in->rd + nf * dregs; r += 2)
		if (vhome(t, r) >= 0 && store)
			home_to_vcpu(t, r);
		else if (vhome(t, r) >= 0)
			homed_vd = true;
	if ((homed_vd && !gather) || (t->nxswaps && !fast))
		t->v_home_miss = true; /* translated again without homes */
	if (fast) {
		/* every element active: one test of x[rs1] and of it plus the OR of the indexes (no
		 * smaller than any of them, below 2^32) for all, the test of each where that fails; 32-bit
		 * elements with AVX2 loaded into a vector register, four or eight at a time (vmovd,
		 * vpinsrd), and written whole: a vector read of elements written one at a time would
		 * wait for their stores to retire, and AVX2's gathers wait for a scatter's before */
		unsigned per = n % 8 == 0 ? 8 : 4;
		uint8_t *each, *done;
		if (eew == 4 && n % 4 == 0 && t->j->host_avx2) { /* vpor of their chunks, then of the halves */
			unsigned step = n % 8 == 0 ? 2 : 1;
			vget(t, XMM1, in->rs2, 0, step); /* from the homes where they are */
			for (unsigned k = step; k < n / 4; k += step)
				vec_op_v(t, 0x66, false, 0xeb, XMM1, in->rs2, k, step, XMM2); /* vpor */
			if (step == 2) {
				e_vex_rr(e, true, VEX_PP_66, VEX_0F3A, false, 0x39, XMM1, 0, XMM2); /* vextracti128 */
				e_byte(e, 1);
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xeb, XMM1, XMM1, XMM2);
			}
			for (uint8_t order = 0x4e; order; order = order == 0x4e ? 0xb1 : 0) {
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x70, XMM2, 0, XMM1); /* vpshufd */
				e_byte(e, order);
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xeb, XMM1, XMM1, XMM2);
			}
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x7e, XMM1, 0, RAX); /* vmovd eax */
			finish_wide(t, step);
		} else {
			for (unsigned j = 0; j < n; j++) {
				load_index(t, j ? RDX : RAX, j);
				if (j)
					e_alu_rr(e, ALU_OR, false, RAX, RDX);
			}
		}
		e_alu_rr(e, ALU_ADD, true, RAX, base);
		e_alu_rr(e, ALU_OR, true, RAX, base);
		e_test_rm(e, true, RAX, M(REG_CPU, OFF(addr_mask)));
		each = e_jcc(e, CC_NE);
		for (unsigned j = 0; j < n && gather; j++) {
			struct mem g = t_guest(t, base, 0);
			int x = j % 8 < 4 ? XMM0 : XMM2;
			g.index = RAX;
			load_index(t, RAX, j);
			t_fault_site_replay(t, 1);
			if (j % 4 == 0) {
				e_sse_rm(e, 0x66, false, 0x6e, x, g); /* movd */
			} else {
				e_vex_rm(e, false, VEX_PP_66, VEX_0F3A, false, 0x22, x, x, g); /* vpinsrd */
				e_byte(e, (uint8_t)(j % 4));
			}
			if (j % per != per - 1)
				continue;
			if (per == 8) {
				e_vex_rr(e, true, VEX_PP_66, VEX_0F3A, false, 0x38, XMM0, XMM0, XMM2); /* vinserti128 */
				e_byte(e, 1);
			}
			vput(t, in->rd, (j + 1 - per) / 4, XMM0, per / 4);
		}
		if (gather)
			finish_wide(t, per / 4);
		if (homed_vd) {
			t_cold_helper_vstart(t, each, interp_v, "an address past the guest space", 0);
			short_vl_path(t, short_vl, "vl below VLMAX in a loop with homes");
			return true;
		}
		for (unsigned j = 0; j < n && !gather; j++) {
			load_index(t, RAX, j);
			e_alu_rr(e, ALU_ADD, true, RAX, base);
			element_fields(t, store, dregs, j);
		}
		done = e_jmp(e);
		e_patch(each, e->p);
		end[nend++] = done;
	}
	for (unsigned j = 0; j < n; j++) {
		if (!indexed && j) { /* the next element's address: + stride, or the fields' bytes */
			if ((in->op == RV_VLSE || in->op == RV_VSSE) && t_host_reg(t, in->rs2) >= 0)
				e_alu_rr(e, ALU_ADD, true, RDX, t_host_reg(t, in->rs2));
			else if (in->op == RV_VLSE || in->op == RV_VSSE)
				e_alu_rm(e, ALU_ADD, true, RDX, M(REG_CPU, OFF_X(in->rs2)));
			else
				e_alu_ri(e, ALU_ADD, true, RDX, (int32_t)(nf * sew));
		}
		if (!t->v_whole && t->v_vl_const == UINT64_MAX) { /* vl <= j: this one and the rest are past it */
			if (t->v_vl_in)
				e_alu_ri(e, ALU_CMP, true, t_host_reg(t, t->v_vl_in), (int32_t)j);
			else
				e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vl)), (int32_t)j);
			end[nend++] = e_jcc(e, CC_BE);
		}
		skip = NULL;
		if (!in->rm) {
			e_load(e, data, M(REG_CPU, OFF(v) + (int32_t)(j / 8)), 1, false);
			e_alu_ri(e, ALU_AND, false, data, 1 << (j % 8));
			skip = e_jcc(e, CC_E);
		}
		if (indexed) {
			load_index(t, RAX, j);
			e_alu_rr(e, ALU_ADD, true, RAX, base);
		}
		e_test_rm(e, true, addr, M(REG_CPU, OFF(addr_mask)));
		out[j] = e_jcc(e, CC_NE);
		element_fields(t, store, dregs, j);
		if (skip)
			e_patch(skip, e->p);
	}
	for (unsigned i = 0; i < nend; i++)
		e_patch(end[i], e->p);
	from_element(t, out, n, 1, "an address past the guest space");
	short_vl_path(t, short_vl, "vl below VLMAX in a loop with homes");
	return true;
}

/* Loads and stores element by element through AVX-512 gathers and scatters, for 32- and 64-bit
 * elements with the masks: unordered indexed (vluxei, vsuxei: data of SEW, indexes of 8 to 64
 * bits), strided (vlse, vsse) and segments (vlseg/vsseg, vluxseg/vsuxseg: field f of an element
 * at f * EEW past its address). 16 or 32 bytes of each field's data at a time (step_of's, under
 * elem_k's mask), their 2 to 8 elements' addresses in xmm1, ymm1 or zmm1 (x[rs1] plus the index
 * zero-extended, or plus the element's multiple of the stride), tested against the space's
 * addr_mask (one out of it: the interpreter from that element on), then one vpgatherqd/qq or
 * vpscatterqd/qq per field under a copy of the mask in k1 (a field's offset, below 64 bytes, lies
 * in the guard past the space). A fault replays the instruction (a load's registers never
 * overlap its indexes, so it can start again). */
static bool gather_scatter(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	bool store = in->op == RV_VSUXEI || in->op == RV_VSSE || in->op == RV_VSE;
	bool indexed = in->op == RV_VLUXEI || in->op == RV_VSUXEI;
	unsigned sew = t->v_sew, eew = (unsigned)in->imm / 8, nf = in->rs3, emul8 = t->v_lmul8 * eew / sew;
	unsigned dregs = group_regs(t), iregs = emul8 < 8 ? 1 : emul8 / 8, chunks = group_chunks(t);
	unsigned step = step_of(t, chunks), n = 16 * step / sew, abytes = 8 * n, ibytes = n * eew;
	uint8_t *out[64], *short_vl;
	struct mem vsib = t_guest(t, NOREG, 0);
	/* what the interpreter refuses (misaligned or overlapping groups, an EMUL out of range, v0 as
	 * vd or as the indexes under v0.t, more than 8 registers of fields) stays there, as does data
	 * of another width than SEW */
	if (in->rd % dregs || nf * dregs > 8 || in->rd + nf * dregs > 32 || (!in->rm && in->rd == 0) ||
	    (!indexed && eew != sew) ||
	    (indexed && ((!in->rm && in->rs2 == 0) || t->v_lmul8 * eew % sew || emul8 > 64 || in->rs2 % iregs)))
		return false;
	if (!t->j->v_masks && !t->j->v_resident)
		return gather_scatter_scalar(t, store, indexed, dregs, iregs);
	/* a load's registers may overlap its indexes only as vd == vs2 with one unit (all indexes read
	 * before anything is written), of a narrower data width (the overlap in their lowest part) */
	if (!t->j->v_masks || sew < 4 ||
	    (indexed && !store && groups_overlap(in->rd, nf * dregs, in->rs2, iregs) &&
	     (in->rd != in->rs2 || nf > 1 || sew >= eew || chunks / step > 1)))
		return false;
	short_vl = enter_group(t);
	if (indexed) {
		t_get(t, RAX, in->rs1);
		broadcast_rax(t, XMM2, abytes, true);
	} else {
		strided_addresses(t, nf * eew, abytes);
	}
	for (unsigned u = 0; u < chunks / step; u++) {
		unsigned k = u * step;
		int kr = elem_k(t, k, step);
		k1_from(t, kr);
		vsib.index = XMM1;
		if (indexed) {
			indexed_addresses(t, eew, u * ibytes, ibytes, abytes, iregs * t->cpu->vlenb);
		} else if (u) { /* x1 = x2 + u * n * stride */
			stride_rax(t, nf * eew);
			e_mov_ri(e, RCX, u * n);
			e_imul_rr(e, true, RAX, RCX);
			broadcast_rax(t, XMM1, abytes, true);
			e_evex_len_rr(e, abytes, VEX_PP_66, VEX_0F, true, 0xd4, XMM1, XMM1, XMM2, 0);
		} else {
			vsib.index = XMM2;
		}
		/* vptestmq k2{k1}, x, [addr_mask]{1toN}; kortestw k2, k2 */
		e_evex_len_rm(e, abytes, VEX_PP_66, VEX_0F38, true, 0x27, 2, vsib.index, M(REG_CPU, OFF(addr_mask)), 1,
			      true);
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x98, 2, 0, 2);
		out[u] = e_jcc(e, CC_NE);
		if (kr == 3 && nf > 1) { /* kmovw k2, k3: vput_tail of an odd register shifts k3 */
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x90, 2, 0, 3);
			kr = 2;
		}
		for (unsigned f = 0; f < nf; f++) {
			unsigned reg = in->rd + f * dregs;
			if (f) /* the last field's gather or scatter took k1 */
				k1_from(t, kr);
			vsib.disp = (int32_t)(f * sew);
			if (store)
				vget(t, XMM0, reg, k, step);
			t_fault_site_replay(t, 1);
			/* vpgatherqd/qq x0{k1}, [x], or vpscatterqd/qq [x]{k1}, x0 */
			e_evex_len_rm(e, abytes, VEX_PP_66, VEX_0F38, sew == 8, store ? 0xa1 : 0x91, XMM0, 0, vsib, 1,
				      false);
			if (!store)
				vput_tail(t, reg, k, XMM0, step, kr);
		}
	}
	finish_wide(t, 2);
	from_element(t, out, chunks / step, n, "an address past the guest space");
	short_vl_path(t, short_vl, "vl below VLMAX: the elements past vl are not touched");
	return true;
}

/* x's low 8 bytes = the 8 bytes of the group at reg under chunk u of a group twice its size */
static void narrow_half(struct tctx *t, int x, unsigned reg, unsigned u)
{
	vget(t, x, reg, u / 2, 1);
	if (u % 2)
		bytes_down(t, x, 8);
}

/* vpmovzx and vpmovsx bw, wd, dq by [sign][sew] */
static const uint8_t extend_op[2][5] = {{[1] = 0x30, [2] = 0x33, [4] = 0x35}, {[1] = 0x20, [2] = 0x23, [4] = 0x25}};

/* x = x's low 8 (or 16, step 2) bytes of elements of sew bytes extended to twice that many */
static void extend(struct tctx *t, int x, unsigned sew, bool sign, unsigned step)
{
	if (step == 1 && !t->j->host_avx2) /* SSE4.1's pmovzx/pmovsx: a host without AVX */
		e_sse38_rr(&t->e, extend_op[sign][sew], x, x);
	else
		e_vex_rr(&t->e, step == 2, VEX_PP_66, VEX_0F38, false, extend_op[sign][sew], x, 0, x);
}

/* x = narrow_half's bytes extended: in EVEX straight from the home where they are its low
 * half, without the copy out (the widening forms' sources) */
static void narrow_extend(struct tctx *t, int x, unsigned reg, unsigned u, unsigned sew, bool sign, unsigned step)
{
	if (t->j->v_masks && u % 2 == 0 && (reg + u / 2) % 2 == 0) {
		e_evex_rr(&t->e, step == 2, VEX_PP_66, VEX_0F38, false, extend_op[sign][sew], x, 0, home(reg + u / 2));
		return;
	}
	if (vhome(t, reg + u / 2) >= 0 && u % 2 == 0 && (reg + u / 2) % 2 == 0 && t->j->host_avx2) {
		e_vex_rr(&t->e, step == 2, VEX_PP_66, VEX_0F38, false, extend_op[sign][sew], x, 0,
			 vhome(t, reg + u / 2));
		return;
	}
	narrow_half(t, x, reg, u);
	extend(t, x, sew, sign, step);
}

/* The widening forms' blends (v_blend) are vd's, at twice SEW: the vtype's SEW doubled until
 * widen_masks_done; under v0.t blend_masks' for a group twice as large (blend_elements per chunk
 * then), else the tail's keep masks (keep_masks_for's, at [rdx + rcx + 16 * chunk]) */
static void widen_masks(struct tctx *t, bool by_v0, bool blend)
{
	t->v_sew *= 2;
	if (by_v0) {
		t->v_lmul8 *= 2;
		blend_masks(t);
	} else if (blend) {
		vl_bytes(t, RAX);
		keep_masks_for(t, RAX);
	}
}

static void widen_masks_done(struct tctx *t, unsigned sew, unsigned lmul8, bool by_v0)
{
	t->v_sew = sew;
	t->v_lmul8 = lmul8;
	if (by_v0)
		t->v_masked = false; /* the masks made are vd's, not the vtype's */
}

/* Whether a signed widening product of words (vwmul, vwmacc to e32) is vpmaddwd's (one uop, where
 * vpmulld is two): of vs2 zero-extended and vs1 sign-extended, each dword's high word pair adds
 * vs1's sign word times zero to the low words' exact product */
static bool pmaddwd_ok(const struct tctx *t, bool sign, bool product, unsigned dsew)
{
	return sign && product && dsew == 4 && t->j->host_avx2;
}

/* vpadd and vpsub by element bytes (w, d, q) */
static const uint8_t add_op[9] = {[2] = 0xfd, [4] = 0xfe, [8] = 0xd4}, sub_op[9] = {[2] = 0xf9, [4] = 0xfa, [8] = 0xfb};

/* widening's .vv forms to e16 and e32 with the registers resident: a source home's 32 bytes
 * extended at once into a zmm register, the 64 bytes of vd under them computed there, and their
 * upper half taken out once (vextracti64x4), where each home's upper half would be taken out for
 * each source (vextracti32x4) and extended by itself: all of these run on port 5 on Intel. */
static void widening_zmm(struct tctx *t, bool sign, bool sub, bool mul, bool macc, unsigned dchunks)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew / 2, dsew = t->v_sew, per = 32 / dsew;    /* widen_masks doubled v_sew */
	bool madd = pmaddwd_ok(t, sign, mul || macc, dsew) && t->j->v_bw; /* its EVEX form: AVX-512BW */
	for (unsigned u = 0; u < dchunks; u += 4) {
		e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F38, false, extend_op[sign && !madd][sew], XMM0, 0,
			      home(in->rs2 + u / 2), 0);
		e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F38, false, extend_op[sign][sew], XMM2, 0, home(in->rs1 + u / 2),
			      0);
		if (madd) /* vpmaddwd */
			e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F, false, 0xf5, XMM0, XMM0, XMM2, 0);
		else if (mul || macc) /* vpmullw, vpmulld */
			e_evex_len_rr(e, 64, VEX_PP_66, dsew == 4 ? VEX_0F38 : VEX_0F, false, dsew == 4 ? 0x40 : 0xd5,
				      XMM0, XMM0, XMM2, 0);
		else
			e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F, false, sub ? sub_op[dsew] : add_op[dsew], XMM0, XMM0,
				      XMM2, 0);
		for (unsigned h = 0; h < 4; h += 2) {
			int kr = elems_k(t, (u + h) * 16 / dsew, per);
			if (h) { /* vextracti64x4 ymm0, zmm0, 1 */
				e_evex_len_rr(e, 64, VEX_PP_66, VEX_0F3A, true, 0x3b, XMM0, 0, XMM0, 0);
				e_byte(e, 1);
			}
			if (macc)
				evex_opk(t, 2, 0x66, false, false, add_op[dsew], home(in->rd + u + h),
					 home(in->rd + u + h), XMM0, kr, false);
			else
				vput_masked(t, dsew, in->rd, u + h, XMM0, 2, kr);
		}
	}
}

/* The widening integer forms (vwadd[u], vwsub[u] .vv/.vx and their .wv/.wx, vwmul[u], vwmacc[u])
 * on e8-e32 with LMUL up to 4, where the host has the masks (v_masks), or where it blends
 * (v_blend: vd's old bytes from vl * 2 * SEW on blended back, unless vl is VLMAX of a whole group;
 * under v0.t, those of its inactive elements too, by blend_elements at 2 * SEW): each 16 or 32
 * bytes of vd from the 8 or 16 bytes of the sources under it, extended, then the operation at
 * 2 * SEW */
static bool widening(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, dsew = 2 * sew, form = in->rs3;
	unsigned sregs = group_regs(t), dregs = t->v_lmul8 < 4 ? 1 : t->v_lmul8 / 4;
	unsigned dchunks = dregs * t->cpu->vlenb / 16, step, per;
	bool wide = op == RV_VWADDU_W || op == RV_VWADD_W || op == RV_VWSUBU_W || op == RV_VWSUB_W;
	if (wide && (form == VF_WV || form == VF_WX)) /* the .wv and .wx forms: vs2 at 2 * SEW */
		form -= VF_WV - VF_VV;
	bool sign = op == RV_VWADD || op == RV_VWSUB || op == RV_VWADD_W || op == RV_VWSUB_W || op == RV_VWMUL ||
		    op == RV_VWMACC;
	bool sub = op == RV_VWSUBU || op == RV_VWSUB || op == RV_VWSUBU_W || op == RV_VWSUB_W;
	bool mul = op == RV_VWMULU || op == RV_VWMUL, macc = op == RV_VWMACCU || op == RV_VWMACC, madd;
	unsigned lmul8 = t->v_lmul8;
	bool by_v0 = !t->j->v_masks && !in->rm, blend = !t->j->v_masks && (by_v0 || !(t->v_whole && lmul8 >= 4));
	if (!(t->j->v_masks || (t->j->v_blend && dchunks <= 16)) || sew > 4 || lmul8 > 32 ||
	    !(t->j->v_masks ? mask_ok(t) : mask_ok_blend(t)) || (form != VF_VV && form != VF_VX) || in->rd % dregs ||
	    in->rs2 % (wide ? dregs : sregs) || (form == VF_VV && in->rs1 % sregs))
		return false;
	/* a narrow source overlapping vd (reserved, or allowed in its highest part): the interpreter's */
	if ((!wide && groups_overlap(in->rs2, sregs, in->rd, dregs)) ||
	    (form == VF_VV && groups_overlap(in->rs1, sregs, in->rd, dregs)))
		return false;
	if (wide && form == VF_VV && groups_overlap(in->rs1, sregs, in->rs2, dregs))
		return false; /* one register read with two element sizes: reserved */
	if (t->j->v_masks)
		enter_group(t);
	step = step_of(t, dchunks);
	per = 16 * step / dsew;
	if (form == VF_VX) { /* x[rs1] extended to 2 * SEW (vwmacc's rs1 is vs1's place) */
		t_get(t, RAX, in->rs1);
		if (sew == 1)
			sign ? e_movsx8(e, RAX, RAX) : e_movzx8(e, RAX, RAX);
		else if (sew == 2)
			sign ? e_movsx16(e, RAX, RAX) : e_movzx16(e, RAX, RAX);
		else
			sign ? e_movsxd(e, RAX, RAX) : e_mov_rr(e, false, RAX, RAX);
		broadcast(t, dsew, step);
	}
	widen_masks(t, by_v0, blend); /* after the scalar's broadcast, which takes rcx */
	madd = !wide && pmaddwd_ok(t, sign, mul || macc, dsew);
	if (t->j->v_resident && t->j->v_masks && step == 2 && !wide && form == VF_VV && (dsew == 4 || t->j->v_bw) &&
	    dsew <= 4 && dchunks % 4 == 0 && in->rs2 % 2 == 0 && in->rs1 % 2 == 0) {
		widening_zmm(t, sign, sub, mul, macc, dchunks);
		widen_masks_done(t, sew, lmul8, by_v0);
		finish_wide(t, step);
		return true;
	}
	for (unsigned u = 0; u < dchunks; u += step) {
		int kr = t->j->v_masks ? widened_k(t, u * 16 / dsew, per) : 0, b = form == VF_VV ? XMM2 : XMM1;
		if (by_v0) /* first: it takes xmm0 and xmm2 */
			blend_elements(t, u, step);
		if (wide) /* else the source's 8 bytes under chunk u, or 16 under a pair */
			vget(t, XMM0, in->rs2, u, step);
		else
			narrow_extend(t, XMM0, in->rs2, u, sew, sign && !madd, step);
		if (form == VF_VV)
			narrow_extend(t, XMM2, in->rs1, u, sew, sign, step);
		if (madd) { /* vpmaddwd */
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xf5, XMM0, XMM0, b);
		} else if (mul || macc) { /* pmullw, pmulld, pmuldq or pmuludq */
			bool m38 = dsew == 4 || (dsew == 8 && sign);
			uint8_t mop = dsew == 2 ? 0xd5 : dsew == 4 ? 0x40 : sign ? 0x28 : 0xf4;
			e_vex_rr(e, step == 2, VEX_PP_66, m38 ? VEX_0F38 : VEX_0F, false, mop, XMM0, XMM0, b);
		} else {
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, sub ? sub_op[dsew] : add_op[dsew], XMM0, XMM0,
				 b);
		}
		if (macc && !blend &&
		    (in_place(t, step, dsew) || (in_place(t, 2, dsew) && kr && (in->rd + u) % 2 == 0))) {
			/* vd += it in vd's home, under kr; where the chunk is its home's low half, the
			 * 32-byte add under kr, whose bits are the chunk's elements alone */
			evex_opk(t, 2, 0x66, false, dsew == 8, add_op[dsew], home(in->rd + u), home(in->rd + u), XMM0,
				 kr, false);
			continue;
		}
		if (macc && !blend && !kr && step == 2 && vhome(t, in->rd + u) >= 0) { /* vd += it in vd's home */
			e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, add_op[dsew], vhome(t, in->rd + u),
				 vhome(t, in->rd + u), XMM0);
			continue;
		}
		if (macc) { /* + vd */
			vget(t, XMM2, in->rd, u, step);
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, add_op[dsew], XMM0, XMM0, XMM2);
		}
		if (blend) {
			vec_load(t, XMM2, by_v0 ? M(REG_CPU, OFF(v_elem) + 32) : MX(RDX, RCX, 16 * (int32_t)u), step);
			blend_old(t, XMM0, in->rd, u, step);
		}
		vput_masked(t, dsew, in->rd, u, XMM0, step, kr);
	}
	widen_masks_done(t, sew, lmul8, by_v0);
	finish_wide(t, step);
	return true;
}

/* vmerge (.vvm, .vxm, .vim), where the host has the masks: vs2's elements, and under v0
 * vs1's (or the scalar), blended in xmm0 (ymm0) by v0's bits (k3), then put under the tail mask;
 * where it blends (v_blend), by v0's bits below vl as vpblendvb masks (blend_elements) */
static bool merge(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), form = in->rs3, step;
	bool masks = t->j->v_masks;
	if (!(masks ? group_ok(t) : blends(t)) || in->rm || in->rd == 0 || in->rs2 == 0 || in->rd % regs ||
	    in->rs2 % regs || (form == VF_VVM && (in->rs1 == 0 || in->rs1 % regs)) ||
	    (form != VF_VVM && form != VF_VXM && form != VF_VIM))
		return false; /* a source or vd that is v0: reserved */
	if (masks)
		enter_group(t);
	else
		enter_group_blend(t); /* masked by v0: it blends */
	step = step_of(t, chunks);
	if (form != VF_VVM) {
		if (form == VF_VXM)
			t_get(t, RAX, in->rs1);
		else
			e_mov_ri(&t->e, RAX, (uint64_t)in->imm);
		broadcast(t, sew, step);
	}
	for (unsigned k = 0; k < chunks && !masks; k += step) {
		/* blending: vs1 (or the scalar) where v0 is set below vl, vs2 elsewhere below vl, vd's
		 * old elements past it (v_keep: the tail alone, as v0 picks a source, not vd) */
		blend_elements(t, k, step);
		vec_load(t, XMM2, M(REG_CPU, OFF(v_elem)), step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VVM) {
			blend_m(t, XMM0, XMM0, vreg(t, in->rs1, k), XMM2, step);
		} else {
			blend_r(t, XMM0, XMM0, XMM1, XMM2, step);
		}
		vec_load(t, XMM2, M(REG_CPU, OFF(v_keep) + 16 * (int32_t)k), step);
		blend_m(t, XMM0, XMM0, vreg(t, in->rd, k), XMM2, step);
		vput(t, in->rd, k, XMM0, step);
	}
	for (unsigned k = 0; k < chunks && masks; k += step) {
		int kt = tail_k(t, k, step), kv = elem_k(t, k, step); /* kv: v0's bits, and the tail's */
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VVM)
			vget(t, XMM2, in->rs1, k, step);
		vmovdqu_merge(t, sew, XMM0, form == VF_VVM ? XMM2 : XMM1, kv);
		vput_tail(t, in->rd, k, XMM0, step, kt);
	}
	finish_wide(t, step);
	return true;
}

/* vslidedown/vslideup (.vx, .vi), vslide1down/vslide1up (.vx), vfslide1down/vfslide1up (.vf),
 * where the host has the masks (so VLEN 128) or blends (v_blend, a group of at most 128 bytes):
 * vs2's group goes to the vCPU's v_slide (at 0 for the downs, with zeros from VLMAX on; at 128
 * for the ups), the scalar of a slide1 beside it, and each chunk of vd is loaded back from the
 * offset; a vslideup's elements below the offset stay (blending: vd's bytes below offset * SEW
 * blended back, their masks from blend_bytes through rax). */
static bool slide(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), form = in->rs3, step;
	unsigned lg = (unsigned)__builtin_ctz(sew), per, vlmax = (unsigned)t->v_vlmax;
	bool up = op == RV_VSLIDEUP || op == RV_VSLIDE1UP || op == RV_VFSLIDE1UP;
	bool one = op != RV_VSLIDEUP && op != RV_VSLIDEDOWN, fone = op == RV_VFSLIDE1UP || op == RV_VFSLIDE1DOWN;
	int32_t at = OFF(v_slide) + (up ? 128 : 0);
	bool masks = t->j->v_masks;
	if (!(masks ? mask_ok(t) : blends(t) && mask_ok_blend(t) && regs * t->cpu->vlenb <= 128) || in->rd % regs ||
	    in->rs2 % regs || (fone && sew != 4 && sew != 8) ||
	    (fone  ? form != VF_VF
	     : one ? form != VF_VX
		   : form != VF_VX && form != VF_VI) ||
	    (up && groups_overlap(in->rd, regs, in->rs2, regs)))
		return false; /* a slide up onto its source: reserved */
	if (masks)
		enter_group(t);
	else
		enter_group_blend(t); /* vl is VLMAX where it does not blend */
	step = step_of(t, chunks);
	per = 16 * step / sew;
	for (unsigned k = 0; k < chunks; k += step) {
		vget(t, XMM0, in->rs2, k, step);
		vec_store(t, M(REG_CPU, at + 16 * (int32_t)k), XMM0, step);
	}
	if (!up && !one) { /* zeros past VLMAX: what a slide down brings in */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM0); /* vpxor ymm0 */
		for (unsigned b = 0; b < 128; b += 32)
			vec_store(t, M(REG_CPU, at + (int32_t)(vlmax * sew + b)), XMM0, 2);
	}
	if (one) { /* the scalar beside the group: before it (up), or at vl (down: vd's element vl - 1) */
		if (fone) {
			fp_scalar(t, in->rs1, sew);
			e_mov_rr(e, true, RCX, RAX);
		} else {
			t_get(t, RCX, in->rs1);
		}
		if (up) {
			e_store(e, M(REG_CPU, at - (int32_t)sew), RCX, (int)sew);
		} else {
			struct mem m = M(REG_CPU, at);
			if (t->v_vl_const != UINT64_MAX) {
				m.disp += (int32_t)(t->v_vl_const << lg);
			} else {
				if (t->v_vl_in)
					e_mov_rr(e, true, RAX, t_host_reg(t, t->v_vl_in));
				else
					e_load(e, RAX, M(REG_CPU, OFF(vl)), 8, false);
				m.index = RAX;
				m.scale = lg;
			}
			e_store(e, m, RCX, (int)sew);
		}
	} else { /* rcx = the offset, at most VLMAX (an up's: VLMAX - it) */
		if (form == VF_VI)
			e_mov_ri(e, RCX, (uint64_t)in->imm);
		else
			t_get(t, RCX, in->rs1);
		e_mov_ri(e, RAX, vlmax);
		e_alu_rr(e, ALU_CMP, true, RCX, RAX);
		e_cmov(e, CC_A, RCX, RAX);
		if (up) {
			e_alu_rr(e, ALU_SUB, true, RAX, RCX);
			e_mov_rr(e, true, RCX, RAX);
			if (!masks) /* rax = 256 - offset * sew: blend_bytes' active bytes below it */
				e_lea(e, RAX, MXS(NOREG, RCX, lg, (int32_t)(256 - vlmax * sew)));
		}
	}
	for (unsigned k = 0; k < chunks; k += step) {
		struct mem m = M(REG_CPU, at + 16 * (int32_t)k + (one ? (up ? -(int32_t)sew : (int32_t)sew) : 0));
		int kr = elem_k(t, k, step);
		if (!one) { /* from the offset: at + offset * sew (an up: at - VLMAX * sew + rcx * sew) */
			m.index = RCX;
			m.scale = lg;
			if (up)
				m.disp -= (int32_t)(vlmax * sew);
		}
		if (up && !one && masks) { /* and only the elements from the offset on (VLMAX - rcx): k2 */
			uint8_t *above;
			unsigned first = k / step * per;
			e_mov_ri(e, RDX, vlmax - first);
			e_alu_rr(e, ALU_SUB, true, RDX, RCX);
			above = e_jcc(e, CC_AE);
			e_alu_rr(e, ALU_XOR, false, RDX, RDX);
			e_patch(above, e->p);
			e_mov_ri(e, RAX, UINT64_MAX);
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F38, true, 0xf5, RDX, RDX, RAX); /* bzhi rdx, rax, rdx */
			e_unary(e, 2, true, RDX);                                             /* not */
			kmov_low(t, 2, RDX, per);
			if (kr)
				kand(t, 2, 2, kr);
			kr = 2;
		}
		vec_load(t, XMM0, m, step);
		if (up && !one && !masks) {
			e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&blend_bytes);
			vec_load(t, XMM1, MX(RDX, RAX, 16 * (int32_t)k), step);
			blend_m(t, XMM0, XMM0, vreg(t, in->rd, k), XMM1, step);
		}
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	return true;
}

/* Each element's top bit (the sign), in 32 bytes, by element size */
static const struct {
	uint8_t b[32];
	uint16_t h[16];
	uint32_t s[8];
	uint64_t d[4];
} top_bits __attribute__((aligned(32))) = {
    {[0 ... 31] = 0x80}, {[0 ... 15] = 0x8000}, {[0 ... 7] = 0x80000000u}, {[0 ... 3] = 1ull << 63}};

/* The address of top_bits' elements of sew bytes */
static uint64_t top_bits_of(unsigned sew)
{
	return sew == 1   ? (uint64_t)(uintptr_t)top_bits.b
	       : sew == 2 ? (uint64_t)(uintptr_t)top_bits.h
	       : sew == 4 ? (uint64_t)(uintptr_t)top_bits.s
			  : (uint64_t)(uintptr_t)top_bits.d;
}

/* narrowing's where the host blends (v_blend): 16 bytes of vd at a time from the two chunks of
 * vs2 under them, each shifted at 2 * SEW, their low halves packed (vshufps for dwords; for words
 * and bytes sign-extended in place first, so that vpackssdw/wb keep them whole), and the old
 * elements past vl (always for a fractional LMUL) and where v0.t is clear blended back. vnsra of
 * 64-bit elements (AVX2 has no vpsraq) by an immediate (below 32) as a logical shift, which
 * gives the same low half; by a register, logically then with the sign bit moved as far (in v_slide)
 * XORed and subtracted, which extends it. */
static bool narrowing_blend(struct tctx *t, unsigned sregs, unsigned dchunks)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, wsew = 2 * sew, form = in->rs3, schunks = sregs * t->cpu->vlenb / 16;
	unsigned amount = (unsigned)in->imm & (8 * wsew - 1);
	bool sra = in->op == RV_VNSRA, blend = !(t->v_whole && t->v_lmul8 >= 8 && in->rm);
	bool sign64 = sra && wsew == 8 && form == VF_WX; /* the sign bit shifted, in v_slide */
	if (dchunks > 16)
		return false;
	if (form == VF_WX) {
		t_get(t, RAX, in->rs1);
		e_alu_ri(e, ALU_AND, false, RAX, (int32_t)(8 * wsew - 1));
		e_sse_rr(e, 0x66, true, 0x6e, XMM1, RAX); /* movq xmm1, rax */
	}
	if (sign64) { /* v_slide = 1 << 63 in both words, shifted right by xmm1 (vpsrlq) */
		e_mov_ri(e, RAX, top_bits_of(8));
		vec_load(t, XMM0, M(RAX, 0), 1);
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xd3, XMM0, XMM0, XMM1);
		vec_store(t, M(REG_CPU, OFF(v_slide)), XMM0, 1);
	}
	if (blend && !t->v_masked)
		blend_masks(t);
	t->v_masked = t->v_masked || blend;
	sra = sra && wsew < 8;
	for (unsigned d = 0; d < dchunks; d++) {
		int x[2] = {XMM0, XMM2};
		if (!in->rm) /* first: it takes xmm0 and xmm2 */
			blend_elements(t, d, 1);
		vget(t, XMM0, in->rs2, 2 * d, 1);
		vget(t, XMM2, in->rs2, 2 * d + 1 < schunks ? 2 * d + 1 : 2 * d, 1); /* past the group: tail */
		for (int h = 0; h < 2; h++) {
			if (form == VF_WI) { /* vpsrlw/d/q or vpsraw/d x, x, imm */
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, shift_by_imm[wsew], sra ? 4 : 2, x[h],
					 x[h]);
				e_byte(e, (uint8_t)amount);
			} else {
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, shift_by_count[sra ? 2 : 1][wsew], x[h],
					 x[h], XMM1);
			}
			if (sign64) { /* vpxor, vpsubq with the shifted sign bit */
				e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xef, x[h], x[h],
					 M(REG_CPU, OFF(v_slide)));
				e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xfb, x[h], x[h],
					 M(REG_CPU, OFF(v_slide)));
			}
			if (wsew < 8) { /* the low half sign-extended in place: vpsllw/d, then vpsraw/d */
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, shift_by_imm[wsew], 6, x[h], x[h]);
				e_byte(e, (uint8_t)(4 * wsew));
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, shift_by_imm[wsew], 4, x[h], x[h]);
				e_byte(e, (uint8_t)(4 * wsew));
			}
		}
		if (wsew == 8) { /* vshufps xmm0, xmm0, xmm2, 0x88: dwords 0 and 2 of each */
			e_vex_rr(e, false, 0, VEX_0F, false, 0xc6, XMM0, XMM0, XMM2);
			e_byte(e, 0x88);
		} else { /* vpackssdw, vpacksswb */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, wsew == 4 ? 0x6b : 0x63, XMM0, XMM0, XMM2);
		}
		if (blend) {
			vec_load(t, XMM2, blend_at(t, BLEND_KEEP, d), 1);
			blend_m(t, XMM0, XMM0, vreg(t, in->rd, d), XMM2, 1);
		}
		vput(t, in->rd, d, XMM0, 1);
	}
	return true;
}

/* vnsrl, vnsra (.wx, .wi) on e8-e32 results, LMUL up to 4, where the host has the masks: each 16
 * bytes of vd from the 32 of vs2 under them (16 for a fractional LMUL), shifted at 2 * SEW, then
 * truncated (vpmovwb, vpmovdw, vpmovqd); or narrowing_blend's. vd may be vs2's lowest register. */
static bool narrowing(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, wsew = 2 * sew, form = in->rs3, dregs = group_regs(t);
	unsigned sregs = t->v_lmul8 < 4 ? 1 : t->v_lmul8 / 4, dchunks = dregs * t->cpu->vlenb / 16;
	bool sra = in->op == RV_VNSRA;
	unsigned step = sregs >= 2 ? 2 : 1; /* vs2's bytes under a chunk of vd: a ymm or an xmm */
	static const uint8_t srl[9] = {[2] = 0xd1, [4] = 0xd2, [8] = 0xd3},
			     sra_reg[9] = {[2] = 0xe1, [4] = 0xe2, [8] = 0xe2},
			     trunc[9] = {[2] = 0x30, [4] = 0x33, [8] = 0x35};
	if (!(t->j->v_masks || t->j->v_blend) || sew > 4 || t->v_lmul8 > 32 ||
	    !(t->j->v_masks ? mask_ok(t) : mask_ok_blend(t)) || (form != VF_WX && form != VF_WI) || in->rd % dregs ||
	    in->rs2 % sregs || (in->rd != in->rs2 && groups_overlap(in->rd, dregs, in->rs2, sregs)))
		return false;
	if (!t->j->v_masks)
		return narrowing_blend(t, sregs, dchunks);
	enter_group(t);
	if (form == VF_WX) {
		t_get(t, RAX, in->rs1);
		e_alu_ri(e, ALU_AND, false, RAX, (int32_t)(8 * wsew - 1));
		e_sse_rr(e, 0x66, true, 0x6e, XMM1, RAX); /* movq xmm1, rax */
	}
	for (unsigned d = 0; d < dchunks; d++) {
		int kr = elems_k(t, d * 16 / sew, 16 / sew);
		vget(t, XMM0, in->rs2, 2 * d, step);
		if (form == VF_WI) { /* vpsrlw/d/q or vpsraw/d/q xmm0, xmm0, imm */
			e_evex_rr(e, step == 2, VEX_PP_66, VEX_0F, wsew == 8,
				  sra && wsew == 8 ? 0x72 : shift_by_imm[wsew], sra ? 4 : 2, XMM0, XMM0);
			e_byte(e, (uint8_t)(in->imm & (8 * wsew - 1)));
		} else {
			evex_op(t, 0x66, false, wsew == 8, (sra ? sra_reg : srl)[wsew], XMM0, XMM0, XMM1);
		}
		/* vpmov{wb,dw,qd} xmm0, xmm0 (ymm0) */
		e_evex_rr(e, step == 2, VEX_PP_F3, VEX_0F38, false, trunc[wsew], XMM0, 0, XMM0);
		vput_masked(t, sew, in->rd, d, XMM0, 1, kr);
	}
	finish_wide(t, step);
	return true;
}

/* vl<n>re<eew>.v, vs<n>r.v: n whole registers, whatever vtype and vl are. Without a vsetvli in
 * the block vstart may not be 0 (a trap in the middle of a vector instruction): the interpreter
 * goes on from it then. */
static bool whole_registers(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned nf = in->rs3, chunks = nf * t->cpu->vlenb / 16, step = step_of(t, chunks);
	bool store = in->op == RV_VSR;
	uint8_t *odd = NULL;
	struct mem m;
	if (in->rd % nf)
		return false;
	make_live(t);
	if (!t->v_known) {
		e_alu_mi(&t->e, ALU_CMP, true, M(REG_CPU, OFF(vstart)), 0);
		odd = e_jcc(&t->e, CC_NE);
		e_store_i8(&t->e, M(REG_CPU, OFF(v_used)), 1);
	}
	m = t_address(t, in->rs1, 0);
	for (unsigned k = 0; k < chunks; k += step) {
		struct mem g = m;
		g.disp += (int32_t)(16 * k);
		move_chunk(t, g, in->rd, k, step, store);
	}
	finish_wide(t, step);
	slow_path(t, odd, "vstart is not 0: the interpreter goes on from it");
	return true;
}

/* vmv<n>r.v: n whole registers (vtype valid: after a vsetvli of the block, vstart 0) */
static bool move_registers(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned n = (unsigned)in->imm, chunks = n * t->cpu->vlenb / 16, step = step_of(t, chunks);
	if (in->rd % n || in->rs2 % n)
		return false;
	make_live(t);
	for (unsigned k = 0; k < chunks; k += step) {
		if (t->j->v_resident && step == 2) { /* vmovdqu64 */
			e_evex_rr(&t->e, true, VEX_PP_F3, VEX_0F, true, 0x6f, home(in->rd + k), 0, home(in->rs2 + k));
			continue;
		}
		vget(t, XMM0, in->rs2, k, step);
		vput(t, in->rd, k, XMM0, step);
	}
	finish_wide(t, step);
	return true;
}

/* The packed opcode (66 0F op, or 66 0F38 op where map38) of an integer operation on elements
 * of sew bytes, or 0; the 64-bit minimum and maximum are EVEX's alone. */
static uint8_t int_opcode(unsigned op, unsigned sew, bool *map38)
{
	static const uint8_t add[9] = {[1] = 0xfc, [2] = 0xfd, [4] = 0xfe, [8] = 0xd4};
	static const uint8_t sub[9] = {[1] = 0xf8, [2] = 0xf9, [4] = 0xfa, [8] = 0xfb};
	/* vminu, vmin, vmaxu, vmax by sew: pminub/sb/uw/sw/..., bit 8 for 0F38 */
	static const uint16_t minmax[4][9] = {{[1] = 0xda, [2] = 0x13a, [4] = 0x13b, [8] = 0x13b},
					      {[1] = 0x138, [2] = 0xea, [4] = 0x139, [8] = 0x139},
					      {[1] = 0xde, [2] = 0x13e, [4] = 0x13f, [8] = 0x13f},
					      {[1] = 0x13c, [2] = 0xee, [4] = 0x13d, [8] = 0x13d}};
	*map38 = false;
	switch (op) {
	case RV_VADD: return add[sew];
	case RV_VSUB:
	case RV_VRSUB: return sub[sew];
	case RV_VAND: return 0xdb;
	case RV_VOR: return 0xeb;
	case RV_VXOR: return 0xef;
	case RV_VMUL: return sew == 2 ? 0xd5 : 0; /* pmullw; e32's pmulld is arith's */
	case RV_VMINU:
	case RV_VMIN:
	case RV_VMAXU:
	case RV_VMAX: {
		unsigned code = minmax[op == RV_VMINU ? 0 : op == RV_VMIN ? 1 : op == RV_VMAXU ? 2 : 3][sew];
		*map38 = code >> 8;
		return (uint8_t)code;
	}
	default: return 0;
	}
}

/* The packed add (66 0F op) for sew-byte elements */
static uint8_t int_opcode_add(unsigned sew)
{
	bool map38;
	return int_opcode(RV_VADD, sew, &map38);
}

/* vzext/vsext .vf2/.vf4/.vf8, where the host has the masks: each 16 or 32 bytes of vd from the
 * vs2 bytes under them (moved to the chunk's low bytes), extended by pmovzx/sx */
static bool extension(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, dregs = group_regs(t), chunks = group_chunks(t), step, f, from, sregs;
	bool sign = op == RV_VSEXT_VF2 || op == RV_VSEXT_VF4 || op == RV_VSEXT_VF8;
	/* pmovsx/zx from (1, 2, 4 bytes) to (2, 4, 8): 66 0F38 20 + row[from] + column[to] */
	static const uint8_t base[5][9] = {
	    [1] = {[2] = 0, [4] = 1, [8] = 2}, [2] = {[4] = 3, [8] = 4}, [4] = {[8] = 5}};
	f = op == RV_VZEXT_VF8 || op == RV_VSEXT_VF8 ? 8 : op == RV_VZEXT_VF4 || op == RV_VSEXT_VF4 ? 4 : 2;
	from = sew / f;
	sregs = t->v_lmul8 / f < 8 ? 1 : t->v_lmul8 / f / 8;
	uint8_t *short_vl;
	if (!(t->j->v_masks || blends(t)) || !mask_ok_blend(t) || !from || t->v_lmul8 < f || in->rd % dregs ||
	    in->rs2 % sregs || groups_overlap(in->rs2, sregs, in->rd, dregs))
		return false; /* vs2 overlapping vd (allowed in its highest part): the interpreter's */
	short_vl = enter_group_blend(t);
	step = step_of(t, chunks);
	for (unsigned u = 0; u < chunks; u += step) {
		unsigned off = u * 16 / f; /* vs2's bytes under chunk u, from this offset in its group */
		int kr = elem_k(t, u, step);
		vget(t, XMM0, in->rs2, off / 16, 1);
		if (off % 16)
			bytes_down(t, XMM0, off % 16);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F38, false, (uint8_t)((sign ? 0x20 : 0x30) + base[from][sew]),
			 XMM0, 0, XMM0);
		vput_tail(t, in->rd, u, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vid.v: each element its index: the first chunk's from two 64-bit words of 0, 1, 2, ... (once),
 * the others' plus their first index; blending (v_blend), the first chunk's kept in v_slide, as
 * v0's masks take xmm0 and xmm2 */
static bool index_sequence(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), step, per;
	uint64_t lo = 0, hi = 0;
	bool masks = t->j->v_masks;
	/* masked by v0 where the host can (vid has no vector source for mask_ok to look at) */
	if (!(masks || blends(t)) || (!in->rm && in->rd == 0) || in->rd % regs)
		return false;
	if (masks)
		enter_group(t);
	else
		enter_group_blend(t); /* vl is VLMAX where it does not blend */
	step = step_of(t, chunks);
	per = 16 / sew;
	for (unsigned i = 0; i < per; i++) { /* the first 16 bytes' indexes */
		uint64_t v = i;
		if (i * sew < 8)
			lo |= v << (8 * sew * i);
		else
			hi |= v << (8 * (sew * i - 8));
	}
	e_mov_ri(e, RAX, lo);                                            /* xmm2 (ymm2) = the first chunk's indexes */
	e_vex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x6e, XMM2, 0, RAX); /* vmovq xmm2, rax */
	e_mov_ri(e, RAX, hi);
	e_vex_rr(e, false, VEX_PP_66, VEX_0F3A, true, 0x22, XMM2, XMM2, RAX); /* vpinsrq xmm2, xmm2, rax, 1 */
	e_byte(e, 1);
	if (step == 2) { /* the high lane: + per, then vinserti128 ymm2, ymm2, xmm1, 1 */
		e_mov_ri(e, RAX, per);
		broadcast(t, sew, 1);
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, int_opcode_add(sew), XMM1, XMM1, XMM2);
		e_vex_rr(e, true, VEX_PP_66, VEX_0F3A, false, 0x38, XMM2, XMM2, XMM1);
		e_byte(e, 1);
	}
	if (!masks)
		vec_store(t, M(REG_CPU, OFF(v_slide)), XMM2, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step), x = XMM2;
		if (!masks)
			vec_load(t, XMM2, M(REG_CPU, OFF(v_slide)), step);
		if (k) { /* + the chunk's first index */
			e_mov_ri(e, RAX, k * 16 / sew);
			broadcast(t, sew, step);
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, int_opcode_add(sew), XMM0, XMM2, XMM1);
			x = XMM0;
		} else if (!masks) { /* vput_tail blends through xmm2: vpor xmm0, xmm2, xmm2 */
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM2, XMM2);
			x = XMM0;
		}
		vput_tail(t, in->rd, k, x, step, kr);
	}
	finish_wide(t, step);
	return true;
}

/* xmm0's (ymm0's) NaN elements (sew 4 or 8) become the canonical NaN: kept where ordered, the
 * vCPU's canonical NaNs where not */
static void canonicalize(struct tctx *t, unsigned sew, unsigned step)
{
	uint8_t p = sew == 8 ? 0x66 : 0;
	nan_mask(t, sew, 7, step);
	vec_op_r(t, p, false, 0x54, XMM0, XMM2, step);                                         /* andps */
	vec_op_m(t, p, false, 0x55, XMM2, M(REG_CPU, OFF(v_nan) + (sew == 8 ? 32 : 0)), step); /* andnps */
	vec_op_r(t, p, false, 0x56, XMM0, XMM2, step);                                         /* orps */
}

/* The jump to the interpreter unless the dynamic rounding mode is one the host has (RMM and the
 * reserved ones are not), or NULL where frm was checked already (a vector loop's, before its
 * head) */
static uint8_t *check_frm(struct tctx *t)
{
	if (t->frm_checked)
		return NULL;
	e_alu_mi(&t->e, ALU_CMP, false, M(REG_CPU, OFF(frm)), RM_RUP);
	return e_jcc(&t->e, CC_A);
}

/* xmm0 = the low 64 bits of xmm0 * xmm1 in each element without AVX-512DQ's vpmullq (VEX):
 * lo(a) lo(b) + (hi(a) lo(b) + lo(a) hi(b)) << 32, the first cross term in v_slide; xmm1 kept,
 * xmm2 changed */
static void multiply64(struct tctx *t, unsigned step)
{
	struct emit *e = &t->e;
	bool l = step == 2;
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x73, 2, XMM2, XMM0); /* vpsrlq xmm2, xmm0, 32 */
	e_byte(e, 32);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xf4, XMM2, XMM2, XMM1); /* vpmuludq */
	vec_store(t, M(REG_CPU, OFF(v_slide)), XMM2, step);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x73, 2, XMM2, XMM1); /* vpsrlq xmm2, xmm1, 32 */
	e_byte(e, 32);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xf4, XMM2, XMM2, XMM0);
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xd4, XMM2, XMM2, M(REG_CPU, OFF(v_slide))); /* vpaddq */
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x73, 6, XMM2, XMM2); /* vpsllq xmm2, xmm2, 32 */
	e_byte(e, 32);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xf4, XMM0, XMM0, XMM1);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xd4, XMM0, XMM0, XMM2);
}

static bool arith(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3;
	bool fp = in->op == RV_VFADD || in->op == RV_VFSUB || in->op == RV_VFMUL || in->op == RV_VFDIV;
	bool move = in->op == RV_VMV_V || in->op == RV_VFMV_V; /* vfmv.v.f: the scalar's NaN box resolved */
	bool logic = in->op == RV_VAND || in->op == RV_VOR || in->op == RV_VXOR;
	bool map38 = false, evex_only; /* a 64-bit minimum or maximum */
	/* a 64-bit vmul without AVX-512DQ's vpmullq: from vpmuludq's 32 x 32 products (VEX) */
	bool mul64 =
	    in->op == RV_VMUL && sew == 8 && !t->j->v_dq && t->j->host_avx2 && (form == VF_VV || form == VF_VX);
	/* a 64-bit minimum or maximum without AVX-512's vpminsq and kin: vpcmpgtq (the unsigned ones on
	 * operands whose sign bits are flipped, vs1's in v_slide), then vpblendvb */
	bool minmax64 = sew == 8 && !t->j->v_resident && t->j->host_avx2 && t->j->host_sse42 &&
			(in->op == RV_VMIN || in->op == RV_VMAX || in->op == RV_VMINU || in->op == RV_VMAXU);
	unsigned step;
	uint8_t opc = 0, prefix = !fp || sew == 8 ? 0x66 : 0, *odd_frm = NULL, *short_vl;
	if (!mask_ok_blend(t) || !group_ok_blend(t) || !groups_aligned(t))
		return false;
	if (fp) {
		static const uint8_t fop[] = {0x58, 0x5c, 0x59, 0x5e};
		if ((sew != 4 && sew != 8) || (form != VF_VV && form != VF_VF))
			return false;
		opc = fop[in->op == RV_VFADD ? 0 : in->op == RV_VFSUB ? 1 : in->op == RV_VFMUL ? 2 : 3];
	} else if (!move) {
		opc = int_opcode(in->op, sew, &map38);
		if (in->op == RV_VMUL && (sew == 4 || (sew == 8 && t->j->v_dq)) && (form == VF_VV || form == VF_VX))
			opc = 0x40, map38 = true; /* pmulld, vpmullq */
		else if (mul64)
			opc = 0xf4; /* pmuludq's, below */
		if (!opc || (form != VF_VV && form != VF_VX && form != VF_VI) ||
		    (in->op == RV_VRSUB && form == VF_VV) || (map38 && !t->j->host_sse41) ||
		    (map38 && opc != 0x40 && form == VF_VI))
			return false;
	} else if (in->op == RV_VFMV_V ? form != VF_VF || (sew != 4 && sew != 8)
				       : form != VF_VV && form != VF_VX && form != VF_VI) {
		return false;
	}
	evex_only = map38 && sew == 8; /* vpminsq and its kin, vpmullq */
	if (evex_only && !t->j->v_resident && !minmax64)
		return false;
	short_vl = enter_group_blend(t);
	if (fp)
		odd_frm = check_frm(t);
	step = step_of(t, chunks);
	if (move && splat_stored(t, chunks, step)) {
		splat_operand(t, sew);
		t->v_splat = in->rd + 1;
		t->v_splat_at = t->idx;
	} else if (form == VF_VX || form == VF_VI) {
		scalar_operand(t, sew, step);
	} else if (form == VF_VF) {
		fp_scalar_broadcast(t, in->rs1, sew, step);
	}
	if (fp)
		keep_scalar(t, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		if (mul64) {
			vget(t, XMM0, in->rs2, k, step);
			if (form == VF_VV)
				vget(t, XMM1, in->rs1, k, step);
			multiply64(t, step);
			vput_tail(t, in->rd, k, XMM0, step, kr);
			continue;
		}
		if (minmax64) {
			bool l = step == 2, max = in->op == RV_VMAX || in->op == RV_VMAXU;
			vget(t, XMM0, in->rs2, k, step);
			if (form == VF_VV)
				vget(t, XMM1, in->rs1, k, step);
			if (in->op == RV_VMINU || in->op == RV_VMAXU) { /* xmm2 = (vs2 ^ sign) > (vs1 ^ sign) */
				e_mov_ri(e, RAX, top_bits_of(8));
				e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM1, M(RAX, 0));
				vec_store(t, M(REG_CPU, OFF(v_slide)), XMM2, step);
				e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM0, M(RAX, 0));
				e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x37, XMM2, XMM2, M(REG_CPU, OFF(v_slide)));
			} else { /* vpcmpgtq xmm2, xmm0, xmm1 */
				e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, 0x37, XMM2, XMM0, XMM1);
			}
			/* vs2 where it is greater (max) or not (min), the other elsewhere */
			blend_r(t, XMM0, max ? XMM1 : XMM0, max ? XMM0 : XMM1, XMM2, step);
			vput_tail(t, in->rd, k, XMM0, step, kr);
			continue;
		}
		if (in_place(t, step, sew)) {
			int rd = home(in->rd + k), a = home(in->rs2 + k), b = form == VF_VV ? home(in->rs1 + k) : XMM1;
			if (move && kr)
				vmovdqu_merge(t, sew, rd, b, kr);
			else if (move) /* vmovdqu64 */
				e_evex_rr(e, true, VEX_PP_F3, VEX_0F, true, 0x6f, rd, 0, b);
			else if (in->op == RV_VRSUB)
				evex_opk(t, step, 0x66, false, sew == 8, opc, rd, XMM1, a, kr, false);
			else if (!fp && !(kr && logic && sew < 4)) /* vpandd/q mask dwords or qwords */
				evex_opk(t, step, 0x66, map38, sew == 8, opc, rd, a, b, kr, false);
			if (fp || (kr && logic && sew < 4)) {
				/* masked, FP raises no flags for the elements past vl */
				evex_opk(t, step, prefix, false, sew == 8, opc, XMM0, a, b, fp ? kr : 0, true);
				if (fp)
					canonicalize(t, sew, step);
				vput_tail(t, in->rd, k, XMM0, step, kr);
			}
			continue;
		}
		if (move) {
			if (form == VF_VV)
				vget(t, XMM1, in->rs1, k, step);
			vput_tail(t, in->rd, k, XMM1, step, kr);
			continue;
		}
		if (in->op == RV_VRSUB) {                           /* scalar - vs2 */
			vec_unary(t, 0x66, 0x6f, XMM0, XMM1, step); /* movdqa */
			vec_op_v(t, 0x66, false, opc, XMM0, in->rs2, k, step, XMM2);
		} else if (evex_only) {
			vget(t, XMM0, in->rs2, k, step);
			if (form == VF_VV)
				vget(t, XMM2, in->rs1, k, step);
			evex_opk(t, step, 0x66, true, true, opc, XMM0, XMM0, form == VF_VV ? XMM2 : XMM1, 0, false);
		} else if (fp && kr) { /* EVEX, masked: no flags from the elements past vl */
			vget(t, XMM0, in->rs2, k, step);
			if (form == VF_VV)
				vget(t, XMM2, in->rs1, k, step);
			evex_opk(t, step, prefix, false, sew == 8, opc, XMM0, XMM0, form == VF_VV ? XMM2 : XMM1, kr,
				 true);
			canonicalize(t, sew, step);
		} else if (fp && t->v_blending) { /* 1.0 op 1.0 past vl: no flags */
			vget(t, XMM0, in->rs2, k, step);
			blend_one(t, XMM0, k, step);
			if (form == VF_VV)
				vget(t, XMM1, in->rs1, k, step);
			else
				scalar_again(t, step);
			blend_one(t, XMM1, k, step);
			vec_op_r(t, prefix, false, opc, XMM0, XMM1, step);
			canonicalize(t, sew, step);
		} else {
			vget(t, XMM0, in->rs2, k, step);
			if (form == VF_VV)
				vec_op_v(t, prefix, map38, opc, XMM0, in->rs1, k, step, XMM2);
			else
				vec_op_r(t, prefix, map38, opc, XMM0, XMM1, step);
			if (fp)
				canonicalize(t, sew, step);
		}
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* fp_widen_convert where the host blends (v_blend), 16 bytes of vd at a time from the 8 of vs2
 * under them: singles to doubles (vcvtps2pd, a NaN made canonical), 32-bit integers to doubles
 * (vcvtdq2pd; an unsigned one as its 16-bit halves, the high one times 65536 plus the low one:
 * exact, and +0 for 0 in every rounding mode, where x - 2^31 + 2^31 is -0 rounding down), 16-bit
 * ones to singles (vpmovsxwd or vpmovzxwd, vcvtdq2ps); vd blended at twice SEW as the widening
 * integer forms do, and a single past vl or inactive made 1.0 first (its keep mask's dwords 0 and
 * 2: an sNaN there raises nothing) */
static bool fp_widen_convert_blend(struct tctx *t)
{
	static const struct {
		uint32_t low16[4];
		double two16[2];
	} unsigned_bits __attribute__((aligned(16))) = {{[0 ... 3] = 0xffffu}, {65536.0, 65536.0}};
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, lmul8 = t->v_lmul8;
	unsigned sregs = group_regs(t), dregs = lmul8 < 4 ? 1 : lmul8 / 4, dchunks = dregs * t->cpu->vlenb / 16;
	bool by_v0 = !in->rm, blend = by_v0 || !(t->v_whole && lmul8 >= 4), single = op == RV_VFWCVT_F_F;
	if (!t->j->v_blend || dchunks > 16 || lmul8 > 32 || !mask_ok_blend(t) ||
	    (single ? sew != 4 : sew != 2 && sew != 4) || in->rd % dregs || in->rs2 % sregs ||
	    groups_overlap(in->rs2, sregs, in->rd, dregs))
		return false; /* a source overlapping vd: the interpreter's */
	widen_masks(t, by_v0, blend);
	for (unsigned u = 0; u < dchunks; u++) {
		struct mem keep = by_v0 ? M(REG_CPU, OFF(v_elem) + 32) : MX(RDX, RCX, 16 * (int32_t)u);
		if (by_v0) /* first: it takes xmm0 and xmm2 */
			blend_elements(t, u, 1);
		narrow_half(t, XMM0, in->rs2, u);
		if (blend && single) { /* vpshufd xmm2, keep, 0x08; vpblendvb xmm0, xmm0, [1.0f], xmm2 */
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x70, XMM2, 0, keep);
			e_byte(e, 0x08);
			e_mov_ri(e, RAX, (uint64_t)(uintptr_t)&blend_bytes);
			blend_m(t, XMM0, XMM0, M(RAX, one_of(4)), XMM2, 1);
		}
		if (single) { /* vcvtps2pd */
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM0, 0, XMM0);
			canonicalize(t, 8, 1);
		} else if (sew == 4 && op == RV_VFWCVT_F_XU) {
			e_mov_ri(e, RAX, (uint64_t)(uintptr_t)&unsigned_bits);
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xdb, XMM1, XMM0, M(RAX, 0)); /* vpand: low */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x72, 2, XMM0, XMM0);         /* vpsrld: high */
			e_byte(e, 16);
			e_vex_rr(e, false, VEX_PP_F3, VEX_0F, false, 0xe6, XMM0, 0, XMM0); /* vcvtdq2pd */
			e_vex_rr(e, false, VEX_PP_F3, VEX_0F, false, 0xe6, XMM1, 0, XMM1);
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x59, XMM0, XMM0, M(RAX, 16)); /* vmulpd */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x58, XMM0, XMM0, XMM1);       /* vaddpd */
		} else if (sew == 4) {                                                              /* vcvtdq2pd */
			e_vex_rr(e, false, VEX_PP_F3, VEX_0F, false, 0xe6, XMM0, 0, XMM0);
		} else { /* vpmovsxwd or vpmovzxwd, vcvtdq2ps */
			extend(t, XMM0, 2, op == RV_VFWCVT_F_X, 1);
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x5b, XMM0, 0, XMM0);
		}
		if (blend) {
			vec_load(t, XMM2, keep, 1);
			blend_m(t, XMM0, XMM0, vreg(t, in->rd, u), XMM2, 1);
		}
		vput(t, in->rd, u, XMM0, 1);
	}
	widen_masks_done(t, sew, lmul8, by_v0);
	return true;
}

/* vfwcvt.f.f.v (F to D), vfwcvt.f.x.v and vfwcvt.f.xu.v (32-bit integers to D, 16-bit ones to
 * F): each 16 or 32 bytes of vd from the 8 or 16 source bytes under it, converted under the
 * element mask (zeroing: no flags and no NaN from the others), a NaN made canonical; all exact */
static bool fp_widen_convert(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, dsew = 2 * sew, step, per;
	unsigned sregs = group_regs(t), dregs = t->v_lmul8 < 4 ? 1 : t->v_lmul8 / 4;
	unsigned dchunks = dregs * t->cpu->vlenb / 16;
	bool sign = op == RV_VFWCVT_F_X;
	if (!t->j->v_masks)
		return fp_widen_convert_blend(t);
	if (t->v_lmul8 > 32 || !mask_ok(t) || (op == RV_VFWCVT_F_F ? sew != 4 : sew != 2 && sew != 4) ||
	    in->rd % dregs || in->rs2 % sregs || groups_overlap(in->rs2, sregs, in->rd, dregs))
		return false; /* a source overlapping vd (allowed in its highest part): the interpreter's */
	enter_group(t);
	step = step_of(t, dchunks);
	per = 16 * step / dsew;
	for (unsigned u = 0; u < dchunks; u += step) {
		int kr = elems_k(t, u * 16 / dsew, per);
		narrow_half(t, XMM0, in->rs2, u);
		if (op == RV_VFWCVT_F_F) { /* vcvtps2pd */
			e_evex_rrk(e, step == 2, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM0, 0, XMM0, kr, true);
			canonicalize(t, 8, step);
		} else if (sew == 4) { /* vcvtdq2pd, vcvtudq2pd */
			e_evex_rrk(e, step == 2, VEX_PP_F3, VEX_0F, false, sign ? 0xe6 : 0x7a, XMM0, 0, XMM0, kr, true);
		} else { /* 16 to 32 bits, then vcvtdq2ps */
			extend(t, XMM0, 2, sign, step);
			e_evex_rrk(e, step == 2, VEX_PP_NONE, VEX_0F, false, 0x5b, XMM0, 0, XMM0, kr, true);
		}
		vput_masked(t, dsew, in->rd, u, XMM0, step, kr);
	}
	finish_wide(t, step);
	return true;
}

/* fp_narrow_convert where the host blends (v_blend): 16 bytes of vd at a time from vs2's two
 * chunks under them (one past a fractional LMUL's group), a double past vl or inactive made 1.0
 * first (the keep mask's dwords widened by vpmovsxdq: it would raise flags), each converted
 * (vcvtpd2ps) and the halves joined (vmovlhps), a NaN made canonical, then vd's old elements
 * blended back */
static bool fp_narrow_convert_blend(struct tctx *t, unsigned sregs)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned dchunks = group_chunks(t), schunks = sregs * t->cpu->vlenb / 16;
	bool blend = !(t->v_whole && t->v_lmul8 >= 8 && in->rm);
	uint8_t *odd_frm;
	if (!blends(t) || !mask_ok_blend(t))
		return false;
	enter_group_blend(t); /* vl is VLMAX where it does not blend */
	odd_frm = check_frm(t);
	for (unsigned d = 0; d < dchunks; d++) {
		struct mem keep = blend_at(t, BLEND_KEEP, d);
		elem_k(t, d, 1); /* first, masked: it takes xmm0 and xmm2 */
		for (unsigned h = 0; h < 2; h++) {
			int x = h ? XMM1 : XMM0;
			vget(t, x, in->rs2, 2 * d + h < schunks ? 2 * d + h : 2 * d, 1);
			if (blend) { /* vpmovsxdq xmm2, [keep + 8h]; vpblendvb x, x, [1.0], xmm2 */
				struct mem half = keep;
				half.disp += 8 * (int32_t)h;
				e_vex_rm(e, false, VEX_PP_66, VEX_0F38, false, 0x25, XMM2, 0, half);
				e_mov_ri(e, RAX, (uint64_t)(uintptr_t)&blend_bytes);
				blend_m(t, x, x, M(RAX, one_of(8)), XMM2, 1);
			}
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x5a, x, 0, x); /* vcvtpd2ps */
		}
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x16, XMM0, XMM0, XMM1); /* vmovlhps */
		canonicalize(t, 4, 1);
		vput_tail(t, in->rd, d, XMM0, 1, 0);
	}
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* vfncvt.f.f.w (D to F): each 16 bytes of vd from the 32 (16 for a fractional LMUL) of vs2 under
 * it, vcvtpd2ps under the element mask (rounding by frm), a NaN made canonical */
static bool fp_narrow_convert(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned dregs = group_regs(t), sregs = t->v_lmul8 < 4 ? 1 : t->v_lmul8 / 4;
	unsigned dchunks = dregs * t->cpu->vlenb / 16, step = sregs >= 2 ? 2 : 1;
	uint8_t *odd_frm;
	if (t->v_sew != 4 || t->v_lmul8 > 32 || in->rd % dregs || in->rs2 % sregs ||
	    (in->rd != in->rs2 && groups_overlap(in->rd, dregs, in->rs2, sregs)))
		return false;
	if (!t->j->v_masks)
		return fp_narrow_convert_blend(t, sregs);
	if (!mask_ok(t))
		return false;
	enter_group(t);
	odd_frm = check_frm(t);
	for (unsigned d = 0; d < dchunks; d++) {
		int kr = elems_k(t, d * 4, 4);
		vget(t, XMM0, in->rs2, 2 * d, step);
		e_evex_rrk(e, step == 2, VEX_PP_66, VEX_0F, true, 0x5a, XMM0, 0, XMM0, kr, true); /* vcvtpd2ps */
		canonicalize(t, 4, 1);
		vput_masked(t, 4, in->rd, d, XMM0, 1, kr);
	}
	finish_wide(t, step);
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* vrgather (.vv with SEW indexes, .vx, .vi) where vs2's group fits in two ymm (VLEN 128, LMUL 4
 * or less) with the registers resident: the group in ymm1 as the table (or its two homes, for
 * vpermi2b/w/d/q, at LMUL 4), the indexes in xmm2
 * (ymm2; a scalar one broadcast, VLMAX where it is above), vpermb/w/d/q into xmm0 (ymm0) under
 * k1 = the active elements whose index is below VLMAX, zeroing (0 for the others), then put under
 * the element mask */
static bool gather_in_register(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), form = in->rs3, step;
	static const uint8_t bcast[9] = {[1] = 0x7a, [2] = 0x7b, [4] = 0x7c, [8] = 0x7c};
	static const uint8_t perm[9] = {[1] = 0x8d, [2] = 0x8d, [4] = 0x36, [8] = 0x36};
	static const uint8_t perm2[9] = {[1] = 0x75, [2] = 0x75, [4] = 0x76, [8] = 0x76}; /* vpermi2b/w/d/q */
	uint8_t *short_vl;
	if (!t->j->v_masks || !t->j->v_resident || t->v_lmul8 > 32 || (sew == 1 && !t->j->v_vbmi) || !mask_ok(t) ||
	    (form != VF_VV && form != VF_VX && form != VF_VI) || !groups_aligned(t) ||
	    groups_overlap(in->rd, regs, in->rs2, regs) ||
	    (form == VF_VV && groups_overlap(in->rd, regs, in->rs1, regs)))
		return false; /* overlaps are reserved: the interpreter raises SIGILL */
	short_vl = enter_group(t);
	step = step_of(t, chunks);
	if (regs <= 2)
		vget(t, XMM1, in->rs2, 0, regs == 2 ? 2 : 1);
	if (form != VF_VV) { /* the index, VLMAX where it is above, in every element of xmm2 */
		if (form == VF_VX)
			t_get(t, RAX, in->rs1);
		else
			e_mov_ri(e, RAX, (uint64_t)in->imm & 31);
		e_mov_ri(e, RCX, t->v_vlmax);
		e_alu_rr(e, ALU_CMP, true, RAX, RCX);
		e_cmov(e, CC_AE, RAX, RCX);
		e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F38, sew == 8, bcast[sew], XMM2, 0, RAX, 0);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		if (form == VF_VV)
			vget(t, XMM2, in->rs1, k, step);
		e_mov_ri(e, RAX, t->v_vlmax);
		e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F38, sew == 8, bcast[sew], XMM0, 0, RAX, 0);
		/* vpcmpub/uw/ud/uq k1{kr}, xmm2, xmm0, less than */
		e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F3A, sew == 2 || sew == 8, sew <= 2 ? 0x3e : 0x1e, 1, XMM2,
			      XMM0, kr);
		e_byte(e, 1);
		if (regs <= 2) { /* vpermb/w/d/q xmm0{k1}{z}, xmm2 (indexes), ymm1 (the table; vpermd/q: ymm only) */
			e_evex_rrk(e, step == 2 || sew >= 4, VEX_PP_66, VEX_0F38, sew == 2 || sew == 8, perm[sew], XMM0,
				   XMM2, XMM1, 1, true);
		} else { /* ymm0 = the indexes, then vpermi2b/w/d/q ymm0{k1}{z} over the group's two homes */
			e_evex_rr(e, true, VEX_PP_F3, VEX_0F, true, 0x6f, XMM0, 0, XMM2);
			e_evex_rrk(e, true, VEX_PP_66, VEX_0F38, sew == 2 || sew == 8, perm2[sew], XMM0, home(in->rs2),
				   home(in->rs2 + 2), 1, true);
		}
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, 2);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* gather_blend's constants: for each SEW, the byte of each element's index that spreads to all of
 * its bytes (vpshufb) and each byte's offset in its element; 15, 16 and 0 in every byte */
static const struct {
	uint8_t spread[9][16], offset[9][16], fifteen[16], sixteen[16], zero[16];
} gather_bytes __attribute__((aligned(16))) = {
    .spread = {[2] = {0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10, 12, 12, 14, 14},
	       [4] = {0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12},
	       [8] = {0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8}},
    .offset = {[2] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1},
	       [4] = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3},
	       [8] = {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7}},
    .fifteen = {[0 ... 15] = 15},
    .sixteen = {[0 ... 15] = 16},
};

#define GATHER_AT(field) M(RDX, (int32_t)offsetof(__typeof__(gather_bytes), field))

/* vrgather (.vv, .vx, .vi) where the host blends (v_blend), the source's elements below VLMAX in
 * at most 128 bytes. .vx/.vi: the element (or 0 past VLMAX) broadcast. .vv, 16 bytes of vd at a
 * time: each index made the byte offsets of its element's bytes in vs2's group (shifted by SEW,
 * spread, offsets added), all ones where it is VLMAX or more; then for each 16 bytes of vs2 a
 * vpshufb by them less 16 per chunk before, with bit 7 set where they reach past the chunk, ORed
 * together (the scratch control in v_slide, since vpshufb takes its table from a register) */
static bool gather_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), form = in->rs3;
	unsigned lg = (unsigned)__builtin_ctz(sew), vlmax = (unsigned)t->v_vlmax, sources = (vlmax * sew + 15) / 16;
	static const uint8_t bcast[9] = {[1] = 0x78, [2] = 0x79, [4] = 0x58, [8] = 0x59}; /* vpbroadcastb/w/d/q */
	static const uint8_t cmpeq[9] = {[1] = 0x74, [2] = 0x75, [4] = 0x76};
	static const uint8_t sll[9] = {[2] = 0x71, [4] = 0x72, [8] = 0x73};
	const int32_t scratch = OFF(v_slide);
	uint64_t high = sew < 8 && (uint64_t)vlmax >> (8 * sew) ? 0 : ~(uint64_t)(vlmax - 1);
	if (!blends(t) || !mask_ok_blend(t) || sources > 8 || (form != VF_VV && form != VF_VX && form != VF_VI) ||
	    !groups_aligned(t) || groups_overlap(in->rd, regs, in->rs2, regs) ||
	    (form == VF_VV && groups_overlap(in->rd, regs, in->rs1, regs)))
		return false;                 /* overlaps are reserved: the interpreter raises SIGILL */
	enter_group_blend(t);                 /* vl is VLMAX where it does not blend */
	for (unsigned b = sew; b < 8; b *= 2) /* the element's bits at and above VLMAX's, in each */
		high = (high & (~0ull >> (64 - 8 * b))) * (1 | 1ull << (8 * b));
	if (form != VF_VV) { /* xmm1 = vs2[index], or 0 where the index is VLMAX or more */
		if (form == VF_VX)
			t_get(t, RAX, in->rs1);
		else
			e_mov_ri(e, RAX, (uint64_t)in->imm & 31);
		e_lea(e, RCX, MXS(REG_CPU, RAX, lg, OFF(v) + (int32_t)(in->rs2 * t->cpu->vlenb)));
		e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&gather_bytes.zero);
		e_alu_ri(e, ALU_CMP, true, RAX, (int32_t)vlmax);
		e_cmov(e, CC_AE, RCX, RDX);
		e_vex_rm(e, false, VEX_PP_66, VEX_0F38, false, bcast[sew], XMM1, 0, M(RCX, 0));
	}
	for (unsigned k = 0; k < chunks; k++) {
		int kr = elem_k(t, k, 1);
		if (form != VF_VV) {
			e_sse_rr(e, 0x66, false, 0x6f, XMM0, XMM1); /* movdqa */
			vput_tail(t, in->rd, k, XMM0, 1, kr);
			continue;
		}
		vget(t, XMM2, in->rs1, k, 1);
		e_mov_ri(e, RAX, high);
		e_sse_rr(e, 0x66, true, 0x6e, XMM0, RAX);                             /* movq */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F38, false, 0x59, XMM0, 0, XMM0);  /* vpbroadcastq */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xdb, XMM0, XMM0, XMM2); /* vpand */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, XMM1); /* vpxor */
		e_vex_rr(e, false, VEX_PP_66, sew == 8 ? VEX_0F38 : VEX_0F, false, sew == 8 ? 0x29 : cmpeq[sew], XMM0,
			 XMM0, XMM1); /* vpcmpeq: all ones where the index is below VLMAX */
		e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&gather_bytes);
		if (sew > 1) { /* xmm2 = the bytes' offsets in the group: index * SEW spread, plus 0..SEW-1 */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, sll[sew], 6, XMM2, XMM2);
			e_byte(e, (uint8_t)lg);
			e_vex_rm(e, false, VEX_PP_66, VEX_0F38, false, 0x00, XMM2, XMM2, GATHER_AT(spread[sew]));
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xfc, XMM2, XMM2,
				 GATHER_AT(offset[sew])); /* vpaddb */
		}
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x76, XMM1, XMM1, XMM1); /* vpcmpeqd: all ones */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM1); /* vpxor: the invalid ones */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xeb, XMM2, XMM2, XMM0); /* vpor */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM0); /* vpxor: the result */
		for (unsigned s = 0; s < sources; s++) {
			if (s) /* vpsubb xmm2, 16: relative to chunk s (an invalid 0xff stays above 0x80) */
				e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xf8, XMM2, XMM2, GATHER_AT(sixteen));
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x64, XMM1, XMM2,
				 GATHER_AT(fifteen));                                         /* vpcmpgtb */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xeb, XMM1, XMM1, XMM2); /* vpor */
			vec_store(t, M(REG_CPU, scratch), XMM1, 1);
			vget(t, XMM1, in->rs2, s, 1);
			e_vex_rm(e, false, VEX_PP_66, VEX_0F38, false, 0x00, XMM1, XMM1,
				 M(REG_CPU, scratch));                                        /* vpshufb */
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM1); /* vpor */
		}
		vput_tail(t, in->rd, k, XMM0, 1, kr);
	}
	return true;
}

/* vaaddu, vaadd (.vv, .vx) on e8/e16 where vxrm is rnu (round to nearest up: the interpreter's
 * otherwise): vpavgb/w, which is (a + b + 1) >> 1 unsigned; signed, with the sign bits flipped
 * before and after */
static bool averaging_add(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	bool sign = in->op == RV_VAADD, masks = t->j->v_masks, l;
	struct mem bits = M(RAX, 0); /* the sign bits, through rax (blending's masks take xmm0 and xmm2) */
	uint8_t *not_rnu, *short_vl;
	if (sew > 2 || !(masks ? mask_ok(t) && group_ok(t) : blends(t) && mask_ok_blend(t)) || !groups_aligned(t) ||
	    (form != VF_VV && form != VF_VX))
		return false;
	short_vl = masks ? enter_group(t) : enter_group_blend(t);
	e_load(e, RAX, M(REG_CPU, OFF(vxrm)), 1, false);
	e_test_rr(e, false, RAX, RAX);
	not_rnu = e_jcc(e, CC_NE);
	step = step_of(t, chunks);
	l = step == 2;
	if (form == VF_VX) {
		scalar_operand(t, sew, step); /* xmm1 */
		if (sign) {
			e_mov_ri(e, RAX, top_bits_of(sew));
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, bits); /* vpxor */
		}
	}
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		if (sign) {
			e_mov_ri(e, RAX, top_bits_of(sew));
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, bits);
			if (form == VF_VV)
				e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, bits);
		}
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, sew == 1 ? 0xe0 : 0xe3, XMM0, XMM0, XMM1); /* vpavgb/w */
		if (sign)
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, bits);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	slow_path(t, not_rnu, "vxrm other than rnu: no host averaging for it");
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vmul and the multiply-adds (vmacc, vnmsac, vmadd, vnmsub; .vv, .vx) on e8, which x86 has no
 * multiply for: the even bytes' products by vpmullw (their low bytes), the odd ones' from both
 * shifted down a byte and the product shifted back up, the even bytes then merged in under k1
 * (every other byte; blending, ANDed and ORed in); then the addend (vd, or vs2 where vd is a
 * factor) plus or minus it */
static bool byte_multiply(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, chunks = group_chunks(t), form = in->rs3, step;
	bool madd = op != RV_VMUL, acc = op == RV_VMACC || op == RV_VNMSAC, sub = op == RV_VNMSAC || op == RV_VNMSUB;
	static const uint16_t low_bytes[16] __attribute__((aligned(32))) = {[0 ... 15] = 0xff};
	bool masks = t->j->v_masks;
	uint8_t *short_vl;
	if (!(masks ? mask_ok(t) && group_ok(t) : blends(t) && mask_ok_blend(t)) || !groups_aligned(t) ||
	    (form != VF_VV && form != VF_VX))
		return false;
	short_vl = masks ? enter_group(t) : enter_group_blend(t);
	step = step_of(t, chunks);
	if (masks) {
		e_mov_ri(e, RAX, 0x5555555555555555ull);
		kmov_from(t, 1, RAX);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, madd && !acc ? in->rd : in->rs2, k, step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		else
			scalar_operand(t, 1, step);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xd5, XMM2, XMM0, XMM1); /* vpmullw: the even bytes */
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0x71, 2, XMM0, XMM0);    /* vpsrlw xmm0, 8 */
		e_byte(e, 8);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0x71, 2, XMM1, XMM1); /* vpsrlw xmm1, 8 */
		e_byte(e, 8);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xd5, XMM0, XMM0, XMM1); /* the odd bytes */
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0x71, 6, XMM0, XMM0);    /* vpsllw xmm0, 8 */
		e_byte(e, 8);
		if (masks) {
			vmovdqu_merge(t, 1, XMM0, XMM2, 1); /* the even bytes in */
		} else { /* vpand xmm2, xmm2, [0x00ff words]; vpor xmm0, xmm0, xmm2 */
			e_mov_ri(e, RAX, (uint64_t)(uintptr_t)low_bytes);
			e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM2, M(RAX, 0));
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM2);
		}
		if (madd) { /* xmm2 = the addend + or - the product (vpaddb, vpsubb) */
			vget(t, XMM2, acc ? in->rd : in->rs2, k, step);
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, sub ? 0xf8 : 0xfc, XMM2, XMM2, XMM0);
			if (t->v_blending) /* vput_tail blends through xmm2 */
				vec_unary(t, 0x66, 0x6f, XMM0, XMM2, step);
		}
		vput_tail(t, in->rd, k, madd && !t->v_blending ? XMM2 : XMM0, step, kr);
	}
	finish_wide(t, 2);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vsaddu, vsadd, vssubu, vssub (.vv, .vx, .vi) on e8/e16: x86's saturating adds and subtracts;
 * vxsat set where an active element saturated (differs from the wrapping result) */
static bool saturating(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	bool sub = op == RV_VSSUBU || op == RV_VSSUB;
	/* paddusb/w, paddsb/w, psubusb/w, psubsb/w by [op][sew == 2]; the wrapping paddb/w, psubb/w */
	static const uint8_t sat[4][2] = {{0xdc, 0xdd}, {0xec, 0xed}, {0xd8, 0xd9}, {0xe8, 0xe9}};
	uint8_t wrap = sub ? (sew == 1 ? 0xf8 : 0xf9) : (sew == 1 ? 0xfc : 0xfd), *none, *short_vl;
	bool masks = t->j->v_masks;
	if (sew > 2 || !(masks ? mask_ok(t) && group_ok(t) : blends(t) && mask_ok_blend(t)) || !groups_aligned(t) ||
	    (form != VF_VV && form != VF_VX && form != VF_VI))
		return false;
	short_vl = masks ? enter_group(t) : enter_group_blend(t);
	step = step_of(t, chunks);
	if (form != VF_VV)
		scalar_operand(t, sew, step); /* xmm1 */
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, wrap, XMM2, XMM0, XMM1);
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, sat[op - RV_VSADDU][sew == 2], XMM0, XMM0, XMM1);
		if (masks) { /* vpcmpb/w k1{kr}, xmm0, xmm2, not equal; kortestq k1, k1 */
			e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F3A, sew == 2, 0x3f, 1, XMM0, XMM2, kr);
			e_byte(e, 4);
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, true, 0x98, 1, 0, 1);
			none = e_jcc(e, CC_E);
		} else { /* vpcmpeqb/w xmm2, xmm2, xmm0: all ones where not saturated */
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, sew == 1 ? 0x74 : 0x75, XMM2, XMM2, XMM0);
			if (t->v_blending) { /* vpandn xmm2, xmm2, [active]: saturated and active; vptest */
				e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F, false, 0xdf, XMM2, XMM2,
					 blend_at(t, BLEND_ACTIVE, k));
				e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F38, false, 0x17, XMM2, 0, XMM2);
			} else { /* a bit per byte, all set where none saturated */
				vec_unary(t, 0x66, 0xd7, RAX, XMM2, step); /* pmovmskb */
				e_alu_ri(e, ALU_CMP, false, RAX, step == 2 ? -1 : 0xffff);
			}
			none = e_jcc(e, CC_E);
		}
		e_store_i8(e, M(REG_CPU, OFF(vxsat)), 1);
		e_patch(none, e->p);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vcompress.vm: the elements of vs2 whose bit in vs1 is set (below vl) packed from vd's element 0
 * on, the rest of vd as it was: vd copied to the vCPU's v_slide, each 16 bytes of vs2
 * compress-stored there (vpcompressb/w/d/q [v_slide + rcx]{k1}) with rcx moving by their count,
 * then vd loaded back; VLMAX at most 64 (the bits in one word) */
static bool compress(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), per = 16 / sew;
	int32_t slide = OFF(v_slide); /* far enough that its displacement is 32 bits, never EVEX's scaled 8 */
	if (!t->j->v_masks || (sew <= 2 && !t->j->v_vbmi2) || !t->j->host_bitcount || t->v_vlmax > 64 ||
	    regs * t->cpu->vlenb > sizeof t->cpu->v_slide || !groups_aligned(t) ||
	    groups_overlap(in->rd, regs, in->rs2, regs) || groups_overlap(in->rd, regs, in->rs1, 1))
		return false; /* overlaps are reserved: the interpreter raises SIGILL */
	make_live(t);
	vword_get(t, RDX, in->rs1, 0); /* rdx = vs1's bits of the elements below VLMAX and vl */
	e_mov_ri(e, RCX, t->v_vlmax >= 64 ? UINT64_MAX : ~(~0ull << t->v_vlmax));
	e_alu_rr(e, ALU_AND, true, RDX, RCX);
	if (!t->v_whole)
		and_below_vl(t, RDX, RCX, 0);
	for (unsigned c = 0; c < chunks; c++) {
		vget(t, XMM0, in->rd, c, 1);
		vec_store(t, M(REG_CPU, slide + 16 * (int32_t)c), XMM0, 1);
	}
	e_alu_rr(e, ALU_XOR, false, RCX, RCX);
	for (unsigned c = 0; c < chunks && c * per < t->v_vlmax; c++) {
		e_mov_rr(e, true, RAX, RDX);
		if (c)
			e_shift_i(e, SH_SHR, true, RAX, (uint8_t)(c * per));
		keep_low(t, RAX, per);
		kmov_from(t, 1, RAX);
		vget(t, XMM0, in->rs2, c, 1);
		e_evex_rmk(e, false, VEX_PP_66, VEX_0F38, sew == 2 || sew == 8, sew <= 2 ? 0x63 : 0x8b, XMM0, 0,
			   MX(REG_CPU, RCX, slide), 1, false);
		e_bitcount(e, 0xb8, true, RAX, RAX); /* popcnt: the bytes they took */
		if (sew > 1)
			e_shift_i(e, SH_SHL, true, RAX, (uint8_t)(sew == 2 ? 1 : sew == 4 ? 2 : 3));
		e_alu_rr(e, ALU_ADD, true, RCX, RAX);
	}
	for (unsigned c = 0; c < chunks; c++) {
		vec_load(t, XMM0, M(REG_CPU, slide + 16 * (int32_t)c), 1);
		vput(t, in->rd, c, XMM0, 1);
	}
	return true;
}

/* For compress_shuffle: an element's bit over its bytes, 8 bytes' worth (2 to 8 elements), and
 * each byte's index */
static const struct {
	uint8_t h[16], s[4], d[2];
	uint8_t iota[16];
} compress_bytes = {{0x00, 0x03, 0x0c, 0x0f, 0x30, 0x33, 0x3c, 0x3f, 0xc0, 0xc3, 0xcc, 0xcf, 0xf0, 0xf3, 0xfc, 0xff},
		    {0x00, 0x0f, 0xf0, 0xff},
		    {0x00, 0xff},
		    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}};

/* vcompress.vm where the host has no compress instruction for the element size (AVX2, or AVX-512
 * without VBMI2 for bytes and halfwords), or VLMAX is above 64 (up to 256): vd copied to the
 * vCPU's v_slide, then vs2 8 bytes at a time packed by vpshufb (compress_ctl, for the byte mask
 * of their elements' bits in vs1, below vl) and blended into v_slide at rcx's offset (the bytes
 * below their count), rcx moving by it; vd loaded back. A word of vs1's bits waits in v_elem. */
static bool compress_shuffle(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), half = 8 / sew;
	unsigned words = (unsigned)(t->v_vlmax + 63) / 64;
	int32_t slide = OFF(v_slide);
	uint64_t spread = sew == 2   ? (uint64_t)(uintptr_t)compress_bytes.h
			  : sew == 4 ? (uint64_t)(uintptr_t)compress_bytes.s
				     : (uint64_t)(uintptr_t)compress_bytes.d;
	if (!t->j->host_avx2 || !words_ok(t) || !t->j->host_bitcount || words > 4 ||
	    regs * t->cpu->vlenb + 8 > sizeof t->cpu->v_slide || !groups_aligned(t) ||
	    groups_overlap(in->rd, regs, in->rs2, regs) || groups_overlap(in->rd, regs, in->rs1, 1))
		return false; /* overlaps are reserved: the interpreter raises SIGILL */
	make_live(t);
	for (unsigned c = 0; c < chunks; c++) {
		vget(t, XMM0, in->rd, c, 1);
		vec_store(t, M(REG_CPU, slide + 16 * (int32_t)c), XMM0, 1);
	}
	e_alu_rr(e, ALU_XOR, false, RCX, RCX);
	for (unsigned h = 0; h < 2 * chunks && h * half < t->v_vlmax; h++) {
		unsigned first = h * half;
		if (first % 64 == 0) { /* v_elem = the word's bits of the elements below VLMAX and vl */
			unsigned n = (unsigned)t->v_vlmax - first;
			vword_get(t, RDX, in->rs1, first / 64);
			if (n < 64) {
				e_mov_ri(e, RAX, ~(~0ull << n));
				e_alu_rr(e, ALU_AND, true, RDX, RAX);
			}
			if (!t->v_whole)
				and_below_vl(t, RDX, RAX, first);
			e_store(e, M(REG_CPU, OFF(v_elem)), RDX, 8);
		}
		vget(t, XMM0, in->rs2, h / 2, 1);
		if (h % 2)
			bytes_down(t, XMM0, 8);
		e_load(e, RAX, M(REG_CPU, OFF(v_elem)), 8, false);
		if (first % 64)
			e_shift_i(e, SH_SHR, true, RAX, (uint8_t)(first % 64));
		e_alu_ri(e, ALU_AND, false, RAX, (int32_t)((1u << half) - 1));
		if (sew > 1) {
			e_mov_ri(e, RDX, spread);
			e_load(e, RAX, MX(RDX, RAX, 0), 1, false);
		}
		e_mov_ri(e, RDX, (uint64_t)(uintptr_t)t->j->compress_ctl);
		e_vex_rm(e, false, VEX_PP_66, VEX_0F38, false, 0x00, XMM1, XMM0, MXS(RDX, RAX, 3, 0)); /* vpshufb */
		e_bitcount(e, 0xb8, false, RAX, RAX);                                /* popcnt: the bytes they keep */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x6e, XMM2, 0, RAX);    /* vmovd */
		e_vex_rr(e, false, VEX_PP_66, VEX_0F38, false, 0x78, XMM2, 0, XMM2); /* vpbroadcastb */
		e_mov_ri(e, RDX, (uint64_t)(uintptr_t)compress_bytes.iota);
		e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x64, XMM2, XMM2, M(RDX, 0)); /* vpcmpgtb: below it */
		e_vex_rm(e, false, VEX_PP_F3, VEX_0F, false, 0x7e, XMM0, 0, MX(REG_CPU, RCX, slide)); /* vmovq */
		blend_r(t, XMM0, XMM0, XMM1, XMM2, 1);
		e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0xd6, XMM0, 0, MX(REG_CPU, RCX, slide)); /* vmovq */
		e_alu_rr(e, ALU_ADD, true, RCX, RAX);
	}
	for (unsigned c = 0; c < chunks; c++) {
		vec_load(t, XMM0, M(REG_CPU, slide + 16 * (int32_t)c), 1);
		vput(t, in->rd, c, XMM0, 1);
	}
	return true;
}

/* xmm2 (ymm2) = the vpshufb control that reverses the bytes of each sew-byte element */
static void byte_reverser(struct tctx *t, unsigned sew, unsigned step)
{
	struct emit *e = &t->e;
	uint64_t lo = 0;
	for (unsigned b = 0; b < 8; b++)
		lo |= (uint64_t)(b / sew * sew + sew - 1 - b % sew) << (8 * b);
	e_mov_ri(e, RAX, lo);
	e_vex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x6e, XMM2, 0, RAX); /* vmovq xmm2, rax */
	e_mov_ri(e, RAX, lo + 0x0808080808080808ull);
	e_vex_rr(e, false, VEX_PP_66, VEX_0F3A, true, 0x22, XMM2, XMM2, RAX); /* vpinsrq xmm2, xmm2, rax, 1 */
	e_byte(e, 1);
	if (step == 2) { /* vinserti128 ymm2, ymm2, xmm2, 1: the same in the upper lane */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F3A, false, 0x38, XMM2, XMM2, XMM2);
		e_byte(e, 1);
	}
}

/* Zvbb's nibble tables for AVX2 (each in both lanes, for vpshufb): a nibble's bits reversed, its
 * population and, for bytes' leading zeros, its own (vclz of the low nibble, less 4) and as the
 * high one (8 for 0: the low one decides then); masks and multipliers */
static const struct {
	uint8_t nibble[32], reverse[32], population[32], lead_lo[32], lead_hi[32], one_b[32];
	uint16_t one_w[16];
} zvbb_bytes __attribute__((aligned(32))) = {
    {[0 ... 31] = 0x0f},
    {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15, 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15},
    {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4},
    {8, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 8, 7, 6, 6, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4},
    {8, 3, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 8, 3, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0},
    {[0 ... 31] = 1},
    {[0 ... 15] = 1}};

#define ZVBB(field) M(RDX, (int32_t)offsetof(__typeof__(zvbb_bytes), field))

/* xmm0 = its low nibbles, xmm1 = its high ones (rdx = zvbb_bytes) */
static void nibbles(struct tctx *t, bool l)
{
	struct emit *e = &t->e;
	e_mov_ri(e, RDX, (uint64_t)(uintptr_t)&zvbb_bytes);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x71, 2, XMM1, XMM0); /* vpsrlw xmm1, xmm0, 4 */
	e_byte(e, 4);
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM0, XMM0, ZVBB(nibble)); /* vpand */
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM1, XMM1, ZVBB(nibble));
}

/* xmm = table[xmm]: vpshufb through xmm2 */
static void nibble_lookup(struct tctx *t, int x, struct mem table, bool l)
{
	vec_load(t, XMM2, table, l ? 2 : 1);
	e_vex_rr(&t->e, l, VEX_PP_66, VEX_0F38, false, 0x00, x, XMM2, x);
}

/* xmm0 = the population of each sew-byte element of xmm0: bytes' by their nibbles, then summed
 * by pairs (vpmaddubsw, vpmaddwd) or eights (vpsadbw) */
static void population_avx2(struct tctx *t, unsigned sew, bool l)
{
	struct emit *e = &t->e;
	nibbles(t, l);
	nibble_lookup(t, XMM0, ZVBB(population), l);
	nibble_lookup(t, XMM1, ZVBB(population), l);
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xfc, XMM0, XMM0, XMM1); /* vpaddb */
	if (sew == 2 || sew == 4)
		e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x04, XMM0, XMM0, ZVBB(one_b)); /* vpmaddubsw */
	if (sew == 4)
		e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xf5, XMM0, XMM0, ZVBB(one_w)); /* vpmaddwd */
	if (sew == 8) {
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, XMM1); /* vpxor: 0 */
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xf6, XMM0, XMM0, XMM1); /* vpsadbw */
	}
}

/* The Zvbb forms that count or reverse bits, where the host blends: vbrev8 (and vbrev, then
 * vrev8's shuffle) from each nibble reversed; vcpop.v (population_avx2); vctz as the population
 * of ~x & (x - 1); vclz of bytes from their nibbles' leading zeros (the lesser of the high
 * one's and 4 more than the low one's), of wider elements as the population of ~x once x's
 * highest set bit is smeared down over the rest */
static void bit_count_blend(struct tctx *t, unsigned op, unsigned sew, bool l, int32_t rev)
{
	static const uint8_t add[9] = {[1] = 0xfc, [2] = 0xfd, [4] = 0xfe, [8] = 0xd4};
	static const uint8_t shift_imm[9] = {[2] = 0x71, [4] = 0x72, [8] = 0x73};
	struct emit *e = &t->e;
	if (op == RV_VBREV8 || op == RV_VBREV) {
		nibbles(t, l);
		nibble_lookup(t, XMM0, ZVBB(reverse), l);
		nibble_lookup(t, XMM1, ZVBB(reverse), l);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x71, 6, XMM0, XMM0); /* vpsllw xmm0, xmm0, 4 */
		e_byte(e, 4);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM1); /* vpor */
		if (op == RV_VBREV && sew > 1)                                    /* vpshufb by the byte reverser */
			e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x00, XMM0, XMM0, M(REG_CPU, rev));
		return;
	}
	if (op == RV_VCLZ && sew == 1) {
		nibbles(t, l);
		nibble_lookup(t, XMM0, ZVBB(lead_lo), l);
		nibble_lookup(t, XMM1, ZVBB(lead_hi), l);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xda, XMM0, XMM0, XMM1); /* vpminub */
		return;
	}
	if (op == RV_VCTZ) { /* xmm1 = x - 1 (x + all ones), xmm0 = ~x & xmm1 */
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x76, XMM1, XMM1, XMM1); /* vpcmpeqd: all ones */
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, add[sew], XMM1, XMM1, XMM0);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM0, XMM0, XMM1); /* vpandn */
	} else if (op == RV_VCLZ) { /* x |= x >> 1, 2, 4 ... half the element's bits; then ~x */
		for (unsigned n = 1; n < 8 * sew; n *= 2) {
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, shift_imm[sew], 2, XMM1, XMM0); /* vpsrlw/d/q */
			e_byte(e, (uint8_t)n);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM1);
		}
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x76, XMM1, XMM1, XMM1);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM1); /* vpxor: ~x */
	}
	population_avx2(t, sew, l);
}

/* v_slide + 64 = an element's bits less one (31 or 63, w) in every 32- or 64-bit element: the
 * mask of a shift amount taken from a vector */
static struct mem shift_amount_mask(struct tctx *t, bool w)
{
	e_mov_ri(&t->e, RAX, w ? 63 : 31 | 31ull << 32);
	for (int32_t b = 0; b < 32; b += 8)
		e_store(&t->e, M(REG_CPU, OFF(v_slide) + 64 + b), RAX, 8);
	return M(REG_CPU, OFF(v_slide) + 64);
}

/* vandn, vrev8, vrol and vror (32- and 64-bit elements) where the host blends (v_blend): vpandn;
 * vpshufb by the byte reverser (kept in v_slide: v0's masks take xmm2); a rotate as two shifts
 * ORed, by an immediate, or by vpsllv/vpsrlv with the amount masked to the element's bits and
 * the other way's taken from x shifted by one, by (bits - 1) ^ the amount, in v_slide + 32; and
 * bit_count_blend's */
static bool bit_manipulation_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step, bits = 8 * sew;
	bool w = sew == 8, rotate = op == RV_VROL || op == RV_VROR, l;
	bool counts = op == RV_VBREV8 || op == RV_VBREV || op == RV_VCPOP_V || op == RV_VCTZ || op == RV_VCLZ;
	static const uint8_t shift_imm[9] = {[4] = 0x72, [8] = 0x73};
	int32_t rev = OFF(v_slide), amount = OFF(v_slide) + 32;
	struct mem amount_bits = {0};
	if (!blends(t) || !mask_ok_blend(t) || !groups_aligned(t) ||
	    (op == RV_VANDN ? form != VF_VV && form != VF_VX
	     : rotate       ? (sew != 4 && sew != 8) || (form != VF_VV && form != VF_VX && form != VF_VI)
			    : op != RV_VREV8 && !counts))
		return false;
	enter_group_blend(t); /* vl is VLMAX where it does not blend */
	step = step_of(t, chunks);
	l = step == 2;
	if (form == VF_VX)
		scalar_operand(t, sew, step); /* xmm1 */
	if ((op == RV_VREV8 || op == RV_VBREV) && sew > 1) {
		byte_reverser(t, sew, step);
		vec_store(t, M(REG_CPU, rev), XMM2, step);
	}
	if (rotate && form != VF_VI)
		amount_bits = shift_amount_mask(t, w);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		if (op == RV_VANDN) { /* vpandn xmm0, xmm1, xmm0: vs2 & ~vs1 */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM0, XMM1, XMM0);
		} else if (counts) {
			bit_count_blend(t, op, sew, l, rev);
		} else if (op == RV_VREV8) {
			if (sew > 1) /* vpshufb */
				e_vex_rm(e, l, VEX_PP_66, VEX_0F38, false, 0x00, XMM0, XMM0, M(REG_CPU, rev));
		} else if (form == VF_VI) { /* vpsll/vpsrl xmm2, xmm0, n and the other way, then vpor */
			unsigned n = (unsigned)in->imm & (bits - 1), left = op == RV_VROL ? n : (bits - n) % bits;
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, shift_imm[sew], 6, XMM2, XMM0);
			e_byte(e, (uint8_t)left);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, shift_imm[sew], 2, XMM0, XMM0);
			e_byte(e, (uint8_t)(left ? bits - left : bits)); /* by the element's bits: 0 */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM2);
		} else { /* rol: (x << n) | ((x >> 1) >> (bits - 1 - n)); ror the other way round */
			bool rol = op == RV_VROL;
			struct mem mask = amount_bits;
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM1, mask); /* vpand: n */
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, mask); /* vpxor: bits - 1 - n */
			vec_store(t, M(REG_CPU, amount), XMM2, step);
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, mask); /* n again */
			/* vpsllvd/q or vpsrlvd/q xmm2, xmm0, xmm2: the way by n */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F38, w, rol ? 0x47 : 0x45, XMM2, XMM0, XMM2);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, shift_imm[sew], rol ? 2 : 6, XMM0, XMM0);
			e_byte(e, 1); /* the other way by one, then by bits - 1 - n */
			e_vex_rm(e, l, VEX_PP_66, VEX_0F38, w, rol ? 0x45 : 0x47, XMM0, XMM0, M(REG_CPU, amount));
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM0, XMM0, XMM2);
		}
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	return true;
}

/* Zvbb's element-wise forms with AVX-512: vandn (vpandn), vrol/vror on e32/e64 (vprolv/vprorv),
 * vrev8 (vpshufb), vbrev8 and vbrev (GFNI's affine transform by the bit-reversing matrix, then
 * vrev8's shuffle), vclz on e32/e64 (AVX-512CD), vcpop.v (VPOPCNTDQ, BITALG) and vctz (the
 * population of (x - 1) & ~x); where the host lacks the instruction (and for vclz of bytes and
 * halfwords), bit_count_blend's AVX2 forms, the byte reverser in v_slide */
static bool bit_manipulation(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	bool w = sew == 8, binary = op == RV_VANDN || op == RV_VROL || op == RV_VROR;
	bool fallback = (op == RV_VCLZ && (sew < 4 || !t->j->v_cd)) ||
			((op == RV_VCPOP_V || op == RV_VCTZ) && !t->j->v_popcnt) ||
			((op == RV_VBREV8 || op == RV_VBREV) && !t->j->v_gfni);
	static const uint8_t add[9] = {[1] = 0xfc, [2] = 0xfd, [4] = 0xfe, [8] = 0xd4};
	uint8_t *short_vl;
	if (!t->j->v_masks)
		return bit_manipulation_blend(t);
	if (!mask_ok(t) || !group_ok(t) || !groups_aligned(t) ||
	    (binary && form != VF_VV && form != VF_VX && form != VF_VI) || (op == RV_VANDN && form == VF_VI))
		return false;
	if (((op == RV_VROL || op == RV_VROR) && sew < 4) || op == RV_VWSLL)
		return false;
	short_vl = enter_group(t);
	step = step_of(t, chunks);
	if (binary && form != VF_VV)
		scalar_operand(t, sew, step);                   /* xmm1 */
	if ((op == RV_VBREV8 || op == RV_VBREV) && !fallback) { /* xmm1 = the bit-reversing matrix */
		e_mov_ri(e, RAX, 0x8040201008040201ull);
		broadcast_rax(t, XMM1, 16 * step, true);
	}
	if ((op == RV_VREV8 || op == RV_VBREV) && sew > 1)
		byte_reverser(t, sew, step);
	if (op == RV_VBREV && sew > 1 && fallback) /* bit_count_blend takes xmm2 */
		vec_store(t, M(REG_CPU, OFF(v_slide)), XMM2, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		unsigned L = 16 * step;
		vget(t, XMM0, in->rs2, k, step);
		if (binary && form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		if (fallback) {
			bit_count_blend(t, op, sew, step == 2, OFF(v_slide));
			vput_tail(t, in->rd, k, XMM0, step, kr);
			continue;
		}
		switch (op) {
		case RV_VANDN: e_evex_len_rr(e, L, VEX_PP_66, VEX_0F, true, 0xdf, XMM0, XMM1, XMM0, 0); break;
		case RV_VROL:
		case RV_VROR: /* vprolvd/q, vprorvd/q xmm0, xmm0, xmm1 */
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F38, w, op == RV_VROL ? 0x15 : 0x14, XMM0, XMM0, XMM1, 0);
			break;
		case RV_VBREV8:
		case RV_VBREV: /* vgf2p8affineqb xmm0, xmm0, xmm1, 0 */
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F3A, true, 0xce, XMM0, XMM0, XMM1, 0);
			e_byte(e, 0);
			if (op == RV_VBREV8 || sew == 1)
				break;
			/* fall through */ /* then the bytes of each element reversed */
		case RV_VREV8:
			if (sew > 1) /* vpshufb */
				e_evex_len_rr(e, L, VEX_PP_66, VEX_0F38, false, 0x00, XMM0, XMM0, XMM2, 0);
			break;
		case RV_VCLZ: e_evex_len_rr(e, L, VEX_PP_66, VEX_0F38, w, 0x44, XMM0, 0, XMM0, 0); break;
		case RV_VCTZ: /* xmm1 = x - 1 (x + all ones), xmm0 = ~x & xmm1 */
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F3A, false, 0x25, XMM1, XMM1, XMM1, 0);
			e_byte(e, 0xff);
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F, w, add[sew], XMM1, XMM1, XMM0, 0);
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F, true, 0xdf, XMM0, XMM0, XMM1, 0);
			/* fall through */
		default: /* vpopcntb/w/d/q */
			e_evex_len_rr(e, L, VEX_PP_66, VEX_0F38, sew == 2 || sew == 8, sew <= 2 ? 0x54 : 0x55, XMM0, 0,
				      XMM0, 0);
		}
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vfwadd, vfwsub, vfwmul (.vv, .vf) and vfwadd.w, vfwsub.w (.wv, .wf) from F to D: the single
 * sources widened exactly (vcvtps2pd), then one D operation rounding by frm (a product of two
 * singles is exact in D), all under the element mask with zeroing (no flags from the others), a
 * NaN made canonical; a .vf scalar is widened with each chunk, under its mask, so that a
 * signaling NaN raises NV only where an element uses it */
/* fp_widening where the host blends (v_blend), 16 bytes of vd (two doubles) at a time: the singles
 * under them (and a .vf scalar) made 1.0 where vd keeps its element (past vl, inactive: their
 * keep mask's dwords 0 and 2, as fp_widen_convert_blend's), a .wv/.wf double source likewise by
 * the whole mask, all widened (vcvtps2pd), the D operation, a NaN made canonical, vd blended */
static bool fp_widening_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, form = in->rs3, lmul8 = t->v_lmul8;
	unsigned sregs = group_regs(t), dregs = lmul8 < 4 ? 1 : lmul8 / 4, dchunks = dregs * t->cpu->vlenb / 16;
	bool wide = form == VF_WV || form == VF_WF, scalar = form == VF_VF || form == VF_WF;
	bool by_v0 = !in->rm, blend = by_v0 || !(t->v_whole && lmul8 >= 4);
	uint8_t opc = op == RV_VFWMUL ? 0x59 : op == RV_VFWSUB || op == RV_VFWSUB_W ? 0x5c : 0x58, *odd_frm;
	if (!t->j->v_blend || dchunks > 16 || lmul8 > 32 || !mask_ok_blend(t) || in->rd % dregs ||
	    in->rs2 % (wide ? dregs : sregs) || (!scalar && in->rs1 % sregs))
		return false;
	if ((!wide && groups_overlap(in->rs2, sregs, in->rd, dregs)) ||
	    (!scalar && groups_overlap(in->rs1, sregs, in->rd, dregs)) ||
	    (wide && !scalar && groups_overlap(in->rs1, sregs, in->rs2, dregs)))
		return false; /* reserved, or allowed in vd's highest part: the interpreter's */
	odd_frm = check_frm(t);
	if (scalar) { /* xmm1 = the single in every element */
		fp_scalar(t, in->rs1, 4);
		broadcast(t, 4, 1);
	}
	widen_masks(t, by_v0, blend);
	for (unsigned u = 0; u < dchunks; u++) {
		struct mem keep = by_v0 ? M(REG_CPU, OFF(v_elem) + 32) : MX(RDX, RCX, 16 * (int32_t)u);
		int b = scalar ? XMM2 : XMM1;
		if (by_v0) /* first: it takes xmm0 and xmm2 */
			blend_elements(t, u, 1);
		e_mov_ri(e, RAX, (uint64_t)(uintptr_t)&blend_bytes);
		if (wide) {
			vget(t, XMM0, in->rs2, u, 1);
			if (blend) {
				vec_load(t, XMM2, keep, 1);
				blend_m(t, XMM0, XMM0, M(RAX, one_of(8)), XMM2, 1);
			}
		} else {
			narrow_half(t, XMM0, in->rs2, u);
			if (blend) { /* vpshufd xmm2, keep, 0x08: the singles' masks */
				e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x70, XMM2, 0, keep);
				e_byte(e, 0x08);
				blend_m(t, XMM0, XMM0, M(RAX, one_of(4)), XMM2, 1);
			}
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM0, 0, XMM0); /* vcvtps2pd */
		}
		if (!scalar)
			narrow_half(t, XMM1, in->rs1, u);
		if (blend) {
			e_vex_rm(e, false, VEX_PP_66, VEX_0F, false, 0x70, XMM2, 0, keep);
			e_byte(e, 0x08);
			blend_m(t, b, XMM1, M(RAX, one_of(4)), XMM2, 1);
		} else if (scalar) {
			vec_unary(t, 0x66, 0x6f, XMM2, XMM1, 1); /* movdqa */
		}
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x5a, b, 0, b);
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, opc, XMM0, XMM0, b); /* vaddpd/vsubpd/vmulpd */
		canonicalize(t, 8, 1);
		if (blend) {
			vec_load(t, XMM2, keep, 1);
			blend_m(t, XMM0, XMM0, vreg(t, in->rd, u), XMM2, 1);
		}
		vput(t, in->rd, u, XMM0, 1);
	}
	widen_masks_done(t, 4, lmul8, by_v0);
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

static bool fp_widening(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, form = in->rs3, step, per;
	unsigned sregs = group_regs(t), dregs = t->v_lmul8 < 4 ? 1 : t->v_lmul8 / 4;
	unsigned dchunks = dregs * t->cpu->vlenb / 16;
	bool wide = form == VF_WV || form == VF_WF, scalar = form == VF_VF || form == VF_WF;
	uint8_t opc = op == RV_VFWMUL ? 0x59 : op == RV_VFWSUB || op == RV_VFWSUB_W ? 0x5c : 0x58, *odd_frm;
	if (!t->j->v_masks && t->v_sew == 4)
		return fp_widening_blend(t);
	if (!t->j->v_masks || t->v_sew != 4 || t->v_lmul8 > 32 || !mask_ok(t) || in->rd % dregs ||
	    in->rs2 % (wide ? dregs : sregs) || (!scalar && in->rs1 % sregs))
		return false;
	/* a narrow source overlapping vd (reserved, or allowed in its highest part): the interpreter's */
	if ((!wide && groups_overlap(in->rs2, sregs, in->rd, dregs)) ||
	    (!scalar && groups_overlap(in->rs1, sregs, in->rd, dregs)) ||
	    (wide && !scalar && groups_overlap(in->rs1, sregs, in->rs2, dregs)))
		return false;
	enter_group(t);
	odd_frm = check_frm(t);
	step = step_of(t, dchunks);
	per = 16 * step / 8;
	if (scalar) { /* xmm1 = the single in every element */
		fp_scalar(t, in->rs1, 4);
		broadcast(t, 4, 1);
	}
	for (unsigned u = 0; u < dchunks; u += step) {
		int kr = elems_k(t, u * 2, per);
		if (wide) {
			vget(t, XMM0, in->rs2, u, step);
		} else { /* vs2's 8 (16) bytes under chunk u, widened */
			narrow_half(t, XMM0, in->rs2, u);
			e_evex_rrk(e, step == 2, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM0, 0, XMM0, kr, true);
		}
		if (scalar) {
			e_evex_rrk(e, step == 2, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM2, 0, XMM1, kr, true);
		} else {
			narrow_half(t, XMM2, in->rs1, u);
			e_evex_rrk(e, step == 2, VEX_PP_NONE, VEX_0F, false, 0x5a, XMM2, 0, XMM2, kr, true);
		}
		/* vaddpd/vsubpd/vmulpd xmm0{kr}{z}, xmm0, xmm2 */
		e_evex_rrk(e, step == 2, VEX_PP_66, VEX_0F, true, opc, XMM0, XMM0, XMM2, kr, true);
		canonicalize(t, 8, step);
		vput_masked(t, 8, in->rd, u, XMM0, step, kr);
	}
	finish_wide(t, step);
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* An F/D form (.vv or .vf) with aligned groups, where the host has the masks */
static bool fp_vv_vf_ok(const struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned form = in->rs3;
	return t->j->v_masks && (t->v_sew == 4 || t->v_sew == 8) && mask_ok(t) && group_ok(t) && groups_aligned(t) &&
	       (form == VF_VV || form == VF_VF);
}

/* The F/D .vv and .vf forms where the host blends (v_blend): whether they can, and then the
 * group entered, the chunks at a time in *step and a .vf scalar broadcast in xmm1 */
static bool fp_blend_enter(struct tctx *t, unsigned *step)
{
	const struct rv_insn *in = t->in;
	unsigned sew = t->v_sew, form = in->rs3;
	if ((sew != 4 && sew != 8) || !blends(t) || !mask_ok_blend(t) || !groups_aligned(t) ||
	    (form != VF_VV && form != VF_VF))
		return false;
	enter_group_blend(t); /* vl is VLMAX where it does not blend */
	*step = step_of(t, group_chunks(t));
	if (form == VF_VF)
		fp_scalar_broadcast(t, in->rs1, sew, *step);
	return true;
}

/* sign_injection where the host blends (v_blend): the sign bits (xmm0) from vs1 or the scalar
 * (xmm1, kept), the rest from vs2 (xmm2), by vpand, vpandn, vpor and vpxor */
static bool sign_injection_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step, op = in->op;
	bool l;
	if (!fp_blend_enter(t, &step))
		return false;
	l = step == 2;
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		e_mov_ri(e, RAX, top_bits_of(sew));
		vec_load(t, XMM0, M(RAX, 0), step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		vget(t, XMM2, in->rs2, k, step);
		if (op != RV_VFSGNJX) /* vpandn xmm2, xmm0, xmm2: vs2 without its sign */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM2, XMM0, XMM2);
		if (op == RV_VFSGNJN) /* vpandn xmm0, xmm1, xmm0: vs1's sign flipped */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM0, XMM1, XMM0);
		else /* vpand xmm0, xmm0, xmm1: vs1's sign */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM0, XMM0, XMM1);
		/* vpxor (vfsgnjx: vs2's sign flipped where vs1's is set) or vpor */
		e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, op == RV_VFSGNJX ? 0xef : 0xeb, XMM0, XMM0, XMM2);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	return true;
}

/* vfsgnj, vfsgnjn, vfsgnjx (.vv, .vf) on F/D elements: bitwise, one vpternlogd/q per chunk with
 * the sign bit in each element of xmm0 (the select, or for vfsgnjx the sign to flip), vs1 or the
 * scalar in xmm1, vs2 in xmm2; no flags, no NaN made canonical (as RISC-V) */
static bool sign_injection(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	uint8_t imm = in->op == RV_VFSGNJ ? 0xca : in->op == RV_VFSGNJN ? 0x3a : 0x6a; /* x0 ? x1 : x2, ... */
	uint8_t *short_vl;
	if (!t->j->v_masks)
		return sign_injection_blend(t);
	if (!fp_vv_vf_ok(t))
		return false;
	short_vl = enter_group(t);
	step = step_of(t, chunks);
	if (form == VF_VF)
		fp_scalar_broadcast(t, in->rs1, sew, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		e_mov_ri(e, RAX, 1ull << (8 * sew - 1));
		broadcast_rax(t, XMM0, 16 * step, sew == 8);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		vget(t, XMM2, in->rs2, k, step);
		e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F3A, sew == 8, 0x25, XMM0, XMM1, XMM2, 0); /* vpternlog */
		e_byte(e, imm);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* fp_min_max where the host blends (v_blend): the inactive elements and those past vl made 1.0
 * in both operands (no NaN, no flag), an unordered pair sending the chunk and the rest to the
 * interpreter, equal ones given the second operand's sign fixed (ANDed for max, ORed for min, so
 * that max(-0, +0) is +0) in xmm2, the .vf scalar kept in xmm1 */
static bool fp_min_max_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	bool w = sew == 8, max = in->op == RV_VFMAX, l;
	uint8_t pp = w ? VEX_PP_66 : VEX_PP_NONE, *slow[16] = {NULL};
	if (!fp_blend_enter(t, &step))
		return false;
	l = step == 2;
	keep_scalar(t, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VV)
			vget(t, XMM1, in->rs1, k, step);
		else
			scalar_again(t, step);
		if (t->v_blending) {
			blend_one(t, XMM0, k, step);
			blend_one(t, XMM1, k, step);
		}
		e_vex_rr(e, l, pp, VEX_0F, false, 0xc2, XMM2, XMM0, XMM1); /* vcmpunordps/pd */
		e_byte(e, 3);
		e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, 0x17, XMM2, 0, XMM2); /* vptest */
		slow[k] = e_jcc(e, CC_NE);
		e_vex_rr(e, l, pp, VEX_0F, false, 0xc2, XMM2, XMM0, XMM1); /* vcmpeqps/pd */
		e_byte(e, 0);
		if (max) { /* xmm2 = ~xmm0 & eq, then ~xmm2 & xmm1: xmm1 with xmm0's clear bits where equal */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM2, XMM0, XMM2);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdf, XMM2, XMM2, XMM1);
		} else { /* xmm2 = (eq & xmm0) | xmm1 */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM2, XMM0);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM2, XMM2, XMM1);
		}
		e_vex_rr(e, l, pp, VEX_0F, false, max ? 0x5f : 0x5d, XMM0, XMM0, XMM2); /* vmax/vminps/pd */
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	from_element(t, slow, chunks, 16 / sew, "a NaN operand of vfmin/vfmax");
	return true;
}

/* vfmin, vfmax (.vv, .vf) on F/D elements where no active operand is a NaN (one that is sends
 * the chunk and the rest to the interpreter: x86 answers its second operand and raises invalid
 * for a quiet NaN too): min_max_fixed under the element mask */
static bool fp_min_max(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3, step;
	bool w = sew == 8, max = in->op == RV_VFMAX;
	uint8_t *slow[64] = {NULL}, *short_vl;
	if (!t->j->v_masks)
		return fp_min_max_blend(t);
	if (!fp_vv_vf_ok(t) || chunks > 64)
		return false;
	short_vl = enter_group(t);
	step = step_of(t, chunks);
	if (form == VF_VF)
		fp_scalar_broadcast(t, in->rs1, sew, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VV) /* the other operand in xmm2, which min_max_fixed changes */
			vget(t, XMM2, in->rs1, k, step);
		else
			e_evex_rr(e, step == 2, VEX_PP_F3, VEX_0F, true, 0x6f, XMM2, 0, XMM1); /* vmovdqu64 */
		unordered(t, 16 * step, w, 1, XMM0, kr);
		unordered(t, 16 * step, w, 2, XMM2, kr);
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x98, 1, 0, 2); /* kortestw k1, k2 */
		slow[k] = e_jcc(e, CC_NE);
		min_max_fixed(t, max, w, 16 * step, XMM0, XMM2, kr);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	from_element(t, slow, chunks, 16 / sew, "a NaN operand of vfmin/vfmax");
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* For conversion_blend: singles' magnitude, the largest below 2^31, 2^31 itself, the largest single
 * below 2^32 as an integer, 0x0000ffff, 65536.0 (2^31's bits over an integer: top_bits) */
static const struct {
	uint32_t abs[8], big[8], two31[8], big_u[8], low16[8], two16[8];
} conversion_bits
    __attribute__((aligned(32))) = {{[0 ... 7] = 0x7fffffffu}, {[0 ... 7] = 0x4effffffu}, {[0 ... 7] = 0x4f000000u},
				    {[0 ... 7] = 0x4f7fffffu}, {[0 ... 7] = 0xffffu},     {[0 ... 7] = 0x47800000u}};

#define CONV(field) M(RAX, (int32_t)offsetof(__typeof__(conversion_bits), field))

/* xmm0 = vcvtps2dq (vcvttps2dq with rtz) of xmm0's singles in [0, 2^32), -0 too: those from
 * 2^31 on less 2^31 first (exact) and the sign bit added back, the others as they are; each way
 * takes a value that converts exactly (0, 2^31) where the other applies, so that no flag comes
 * from it. The first way's result waits in v_slide (rax = conversion_bits). */
static void to_unsigned(struct tctx *t, bool rtz, bool l)
{
	struct emit *e = &t->e;
	uint8_t pp = rtz ? VEX_PP_F3 : VEX_PP_66;
	unsigned step = l ? 2 : 1;
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0x66, XMM2, XMM0, CONV(big)); /* vpcmpgtd: 2^31 on */
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, XMM1);      /* vpxor: 0 */
	blend_r(t, XMM1, XMM0, XMM1, XMM2, step);                              /* below 2^31, else 0 */
	e_vex_rr(e, l, pp, VEX_0F, false, 0x5b, XMM1, 0, XMM1);                /* vcvt(t)ps2dq */
	vec_store(t, M(REG_CPU, OFF(v_slide)), XMM1, step);
	vec_load(t, XMM1, CONV(two31), step);
	blend_r(t, XMM1, XMM1, XMM0, XMM2, step);                                  /* from 2^31 on, else 2^31 */
	e_vex_rm(e, l, VEX_PP_NONE, VEX_0F, false, 0x5c, XMM1, XMM1, CONV(two31)); /* vsubps */
	e_vex_rr(e, l, pp, VEX_0F, false, 0x5b, XMM1, 0, XMM1);
	e_mov_ri(e, RDX, top_bits_of(4));
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM1, M(RDX, 0)); /* vpxor: + 2^31 */
	vec_load(t, XMM0, M(REG_CPU, OFF(v_slide)), step);
	blend_r(t, XMM0, XMM0, XMM1, XMM2, step);
}

/* xmm0 = its unsigned 32-bit integers as singles: the high and low 16 bits each converted
 * exactly (vcvtdq2ps), the high ones times 65536 (exact), then added: one rounding, by frm */
static void from_unsigned(struct tctx *t, bool l)
{
	struct emit *e = &t->e;
	e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM1, XMM0, CONV(low16)); /* vpand */
	e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x72, 2, XMM0, XMM0);           /* vpsrld xmm0, 16 */
	e_byte(e, 16);
	e_vex_rr(e, l, VEX_PP_NONE, VEX_0F, false, 0x5b, XMM0, 0, XMM0); /* vcvtdq2ps */
	e_vex_rr(e, l, VEX_PP_NONE, VEX_0F, false, 0x5b, XMM1, 0, XMM1);
	e_vex_rm(e, l, VEX_PP_NONE, VEX_0F, false, 0x59, XMM0, XMM0, CONV(two16)); /* vmulps */
	e_vex_rr(e, l, VEX_PP_NONE, VEX_0F, false, 0x58, XMM0, XMM0, XMM1);        /* vaddps */
}

/* conversion where the host blends (v_blend): singles to and from 32-bit integers (vcvtps2dq,
 * vcvttps2dq, vcvtdq2ps; the unsigned ones by to_unsigned and from_unsigned), the inactive
 * elements and those past vl made 1.0 (exact either way: no flag), an active one that saturates
 * (signed: a magnitude of 2^31 or more; unsigned: 2^32 or more, or negative but -0), or a NaN,
 * sending the chunk and the rest to the interpreter (x86 gives 0x80000000 where RISC-V
 * saturates) */
static bool conversion_blend(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, chunks = group_chunks(t), step;
	bool rtz = op == RV_VFCVT_RTZ_X_F || op == RV_VFCVT_RTZ_XU_F, l;
	bool to_int = rtz || op == RV_VFCVT_X_F || op == RV_VFCVT_XU_F;
	bool unsign = op == RV_VFCVT_XU_F || op == RV_VFCVT_RTZ_XU_F || op == RV_VFCVT_F_XU;
	uint8_t *slow[16] = {NULL}, *odd_frm = NULL;
	if (t->v_sew != 4 || !blends(t) || !mask_ok_blend(t) || !groups_aligned(t))
		return false;
	enter_group_blend(t); /* vl is VLMAX where it does not blend */
	if (!rtz)
		odd_frm = check_frm(t);
	step = step_of(t, chunks);
	l = step == 2;
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (t->v_blending)
			blend_one(t, XMM0, k, step);
		e_mov_ri(e, RAX, (uint64_t)(uintptr_t)&conversion_bits);
		if (to_int && !unsign) { /* |x| above the largest single below 2^31 (a NaN too) */
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, XMM0, CONV(abs));
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0x66, XMM2, XMM2, CONV(big));
			e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, 0x17, XMM2, 0, XMM2); /* vptest */
			slow[k] = e_jcc(e, CC_NE);
		} else if (to_int) { /* negative but -0 (its bits with the sign flipped above 0), or x
				      * above the largest single below 2^32 (a NaN too) */
			e_mov_ri(e, RDX, top_bits_of(4));
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM1, XMM0, M(RDX, 0)); /* vpxor */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, XMM2);
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x66, XMM1, XMM1, XMM2); /* vpcmpgtd */
			e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0x66, XMM2, XMM0, CONV(big_u));
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xeb, XMM2, XMM2, XMM1); /* vpor */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, 0x17, XMM2, 0, XMM2);  /* vptest */
			slow[k] = e_jcc(e, CC_NE);
		}
		if (unsign && to_int)
			to_unsigned(t, rtz, l);
		else if (unsign)
			from_unsigned(t, l);
		else /* vcvttps2dq (F3), vcvtps2dq (66), vcvtdq2ps (none) */
			e_vex_rr(e, l,
				 rtz      ? VEX_PP_F3
				 : to_int ? VEX_PP_66
					  : VEX_PP_NONE,
				 VEX_0F, false, 0x5b, XMM0, 0, XMM0);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	from_element(t, slow, chunks, 4, "a conversion that saturates, or of a NaN");
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* vfcvt between F/D and integers of the same width (e64's with AVX-512DQ), masked and with
 * tails, by AVX-512's conversions under the element mask (no flags from the others): rounding by
 * MXCSR (frm) or, rtz, truncating. An active source whose conversion would saturate, is NaN, or
 * (unsigned target) is negative sends the chunk and the rest to the interpreter before anything
 * is written for it: x86 gives its "integer indefinite" there, RISC-V the limits. */
static bool conversion(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, chunks = group_chunks(t), step;
	bool to_int = op == RV_VFCVT_XU_F || op == RV_VFCVT_X_F || op == RV_VFCVT_RTZ_XU_F || op == RV_VFCVT_RTZ_X_F;
	bool uns = op == RV_VFCVT_XU_F || op == RV_VFCVT_RTZ_XU_F || op == RV_VFCVT_F_XU;
	bool rtz = op == RV_VFCVT_RTZ_XU_F || op == RV_VFCVT_RTZ_X_F, w = sew == 8;
	/* the conversion's prefix and opcode (0F map): [to_int][uns][rtz] */
	static const uint8_t pp[2][2][2] = {{{VEX_PP_NONE, 0}, {VEX_PP_F2, 0}},
					    {{VEX_PP_66, VEX_PP_F3}, {VEX_PP_NONE, VEX_PP_NONE}}};
	static const uint8_t pp64[2][2][2] = {{{VEX_PP_F3, 0}, {VEX_PP_F3, 0}},
					      {{VEX_PP_66, VEX_PP_66}, {VEX_PP_66, VEX_PP_66}}};
	static const uint8_t opc[2][2][2][2] = {/* sew 4 */ {{{0x5b, 0}, {0x7a, 0}}, {{0x5b, 0x5b}, {0x79, 0x78}}},
						/* sew 8 */ {{{0xe6, 0}, {0x7a, 0}}, {{0x7b, 0x7a}, {0x79, 0x78}}}};
	uint8_t *slow[64] = {NULL}, *odd_frm = NULL, *short_vl;
	if (!t->j->v_masks)
		return conversion_blend(t);
	if ((sew != 4 && sew != 8) || (sew == 8 && !t->j->v_dq) || !mask_ok(t) || !group_ok(t) || chunks > 64 ||
	    !groups_aligned(t))
		return false;
	short_vl = enter_group(t);
	if (!rtz)
		odd_frm = check_frm(t);
	step = step_of(t, chunks);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		if (to_int) { /* k1 = the active elements out of range: |x| (x for unsigned) at or above the limit */
			static const uint64_t limit[2][2] = {{0x4f000000, 0x4f800000},
							     {0x43e0000000000000ull, 0x43f0000000000000ull}};
			int x = XMM0;
			if (!uns) { /* vpandd/q xmm2, xmm2 (the sign cleared), xmm0 */
				e_mov_ri(e, RAX, w ? INT64_MAX : INT32_MAX);
				broadcast_rax(t, XMM2, 16 * step, w);
				e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F, w, 0xdb, XMM2, XMM2, XMM0, 0);
				x = XMM2;
			}
			e_mov_ri(e, RAX, limit[w][uns]);
			broadcast_rax(t, XMM1, 16 * step, w);
			e_evex_len_rr(e, 16 * step, VEX_PP_66, VEX_0F3A, w, 0x1e, 1, x, XMM1, kr); /* vpcmpud/uq k1 */
			e_byte(e, 5);                                                              /* not less than */
			e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x98, 1, 0, 1);             /* kortestw k1, k1 */
			slow[k] = e_jcc(e, CC_NE);
		}
		e_evex_len_rr(e, 16 * step, w ? pp64[to_int][uns][rtz] : pp[to_int][uns][rtz], VEX_0F, w,
			      opc[w][to_int][uns][rtz], XMM0, 0, XMM0, kr);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	from_element(t, slow, chunks, 16 / sew, "a conversion that saturates, or of a NaN");
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* Whether multiply_add's chunks k and k + step (ymm) are in homes: vd's, vs2's and vs1's, unmasked
 * and not blending */
static bool fma_pair_homed(struct tctx *t, unsigned k, unsigned step, unsigned chunks)
{
	const struct rv_insn *in = t->in;
	for (unsigned c = k; c <= k + step; c += step)
		if (vhome(t, in->rd + c) < 0 || vhome(t, in->rs2 + c) < 0 ||
		    (in->rs3 == VF_VV && vhome(t, in->rs1 + c) < 0))
			return false;
	return step == 2 && k + step < chunks && in->rm && !t->v_blending;
}

/* vfmacc and its kin on F/D elements with FMA3 (vd = +-(vs1 * vs2) +- vd, or +-(vs1 * vd) +- vs2
 * for vfmadd and its kin). x86 raises no invalid-operation flag for inf * 0 plus a quiet NaN, where
 * RISC-V raises NV: a chunk (or pair of them) with a NaN result is not written, and leaves the
 * rest of the instruction, from its first element (vstart), to the interpreter. */
static bool multiply_add(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3;
	unsigned k, per_chunk = 16 / sew, step;
	bool acc = in->op >= RV_VFMACC; /* the 231 forms: vd is the addend */
	/* x86's names by the signs: fmadd a*b+c, fmsub a*b-c, fnmadd -(a*b)+c, fnmsub -(a*b)-c */
	static const uint8_t op231[] = {0xb8 /* vfmacc */, 0xbe /* vfnmacc */, 0xba /* vfmsac */, 0xbc /* vfnmsac */};
	static const uint8_t op213[] = {0xa8 /* vfmadd */, 0xae /* vfnmadd */, 0xaa /* vfmsub */, 0xac /* vfnmsub */};
	static const char *nan_why = "a NaN result: RISC-V raises NV for inf * 0 plus a quiet NaN";
	uint8_t opc, *short_vl, *odd_frm, *nan[64] = {NULL};
	unsigned restore[64] = {0};
	if (!t->j->host_fma || (sew != 4 && sew != 8) || !mask_ok_blend(t) || !group_ok_blend(t) || chunks > 64 ||
	    !groups_aligned(t) || (form != VF_VV && form != VF_VF))
		return false;
	opc = acc ? op231[in->op - RV_VFMACC] : op213[in->op - RV_VFMADD];
	short_vl = enter_group_blend(t);
	odd_frm = check_frm(t);
	step = step_of(t, chunks);
	if (form == VF_VF)
		fp_scalar_broadcast(t, in->rs1, sew, step);
	keep_scalar(t, step);
	/* under a tail mask (merging: the elements past vl keep vd's) the FMA and the NaN test raise
	 * no flags for them */
	if (in_place(t, step, sew)) {
		/* two ymm at a time, in their homes: vd kept in ymm0 and ymm2, then multiplied and
		 * added with vs1 (or the scalar) and vs2, NaNs in k1 and k2 and one test; a NaN puts
		 * vd back before the interpreter (the cold stub's restore) */
		bool pairs = in->rm; /* a masked one's mask is in k3, one chunk at a time */
		for (k = 0; k < chunks; k += pairs ? 2 * step : step) {
			bool pair = pairs && k + step < chunks, one_test = pair;
			for (unsigned h = 0; h <= (unsigned)pair; h++) {
				unsigned c = k + h * step;
				int x = h ? XMM2 : XMM0, a = form == VF_VV ? home(in->rs1 + c) : XMM1,
				    d = home(in->rd + c);
				int kr = elem_k(t, c, step);
				vget(t, x, in->rd, c, step);
				e_evex_rrk(e, true, VEX_PP_66, VEX_0F38, sew == 8, opc, d, a, home(in->rs2 + c), kr,
					   false);
				if (kr && h && one_test) /* the first one's test, put off, before this one's */
					unordered(t, 32, sew == 8, 1, home(in->rd + k), 0);
				one_test &= !kr;
				if (!one_test)
					unordered(t, 32, sew == 8, 1 + (int)h, d, kr); /* k1 (k2) */
			}
			if (one_test) { /* vcmpunordps/pd k1, both: a NaN in either */
				e_evex_len_rr(e, 32, sew == 8 ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, sew == 8, 0xc2, 1,
					      home(in->rd + k), home(in->rd + k + step), 0);
				e_byte(e, 3);
			}
			e_vex_rr(e, false, 0, VEX_0F, false, 0x98, 1, 0, pair && !one_test ? 2 : 1); /* kortestw */
			nan[k] = e_jcc(e, CC_NE);
			restore[k] =
			    (unsigned)home(in->rd + k) << 16 | (pair ? (unsigned)home(in->rd + k + step) << 24 : 0);
		}
	} else {
		for (k = 0; k < chunks; k += step) {
			int kr;
			if (fma_pair_homed(t, k, step, chunks)) {
				/* two chunks in their homes (AVX2), vd kept in ymm0 and ymm2; one test of
				 * both for a NaN (into ymm1: the scalar broadcast again for the next pair) */
				int d0 = vhome(t, in->rd + k), d1 = vhome(t, in->rd + k + step);
				for (unsigned h = 0; h < 2; h++) {
					unsigned c = k + h * step;
					int a = form == VF_VV ? vhome(t, in->rs1 + c) : XMM1;
					vec_unary(t, 0x66, 0x6f, h ? XMM2 : XMM0, h ? d1 : d0, step); /* movdqa */
					e_vex_rr(e, true, VEX_PP_66, VEX_0F38, sew == 8, opc, h ? d1 : d0, a,
						 vhome(t, in->rs2 + c));
				}
				e_vex_rr(e, true, sew == 8 ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, false, 0xc2, XMM1, d0,
					 d1);
				e_byte(e, 3);                                                       /* vcmpunordps/pd */
				e_vex_rr(e, true, VEX_PP_66, VEX_0F38, false, 0x17, XMM1, 0, XMM1); /* vptest */
				nan[k] = e_jcc(e, CC_NE);
				restore[k] = (unsigned)d0 << 16 | (unsigned)d1 << 24;
				if (form == VF_VF && k + 2 * step < chunks)
					fp_scalar_broadcast(t, in->rs1, sew, step);
				k += step;
				continue;
			}
			kr = elem_k(t, k, step);
			/* xmm0 = vd; xmm1 = vs1 (or the scalar); the other factor or addend (xmm2 or memory) */
			vget(t, XMM0, in->rd, k, step);
			if (form == VF_VV)
				vget(t, XMM1, in->rs1, k, step);
			if (kr) { /* EVEX: the FMA and vcmpunordps k1 under the tail mask */
				vget(t, XMM2, in->rs2, k, step);
				e_evex_rrk(e, step == 2, VEX_PP_66, VEX_0F38, sew == 8, opc, XMM0, XMM1, XMM2, kr,
					   false);
				unordered(t, 16 * step, sew == 8, 1, XMM0, kr);
				e_vex_rr(e, false, 0, VEX_0F, false, 0x98, 1, 0, 1); /* kortestw k1, k1 */
				nan[k] = e_jcc(e, CC_NE);
				vput(t, in->rd, k, XMM0, step);
				continue;
			}
			if (t->v_blending) { /* 1.0 * 1.0 + 1.0 past vl: no flags */
				blend_one(t, XMM0, k, step);
				if (form == VF_VF)
					scalar_again(t, step);
				blend_one(t, XMM1, k, step);
				vget(t, XMM2, in->rs2, k, step);
				blend_one(t, XMM2, k, step);
				e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F38, sew == 8, opc, XMM0, XMM1, XMM2);
			} else if (t->j->v_resident) {
				vget(t, XMM2, in->rs2, k, step);
				e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F38, sew == 8, opc, XMM0, XMM1, XMM2);
			} else if (home_chunk(t, in->rs2 + k, step) >= 0) {
				e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F38, sew == 8, opc, XMM0, XMM1,
					 home_chunk(t, in->rs2 + k, step));
			} else {
				e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F38, sew == 8, opc, XMM0, XMM1,
					 vreg(t, in->rs2, k));
			}
			nan_mask(t, sew, 3, step);
			vec_unary(t, sew == 8 ? 0x66 : 0, 0x50, RAX, XMM2, step); /* movmskps/pd */
			e_test_rr(e, false, RAX, RAX);
			nan[k] = e_jcc(e, CC_NE);
			vput_tail(t, in->rd, k, XMM0, step, 0);
		}
	}
	finish_wide(t, step);
	for (k = 0; k < chunks; k++) /* the rest from chunk k's first element, coming back past it all */
		if (nan[k])
			t_cold_helper_vstart(t, nan[k], interp_v, nan_why, k * per_chunk | restore[k]);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	return true;
}

/* vmacc, vnmsac, vmadd, vnmsub on e16/e32 (and e64 with vpmullq, or multiply64): a
 * multiplication, then an addition or subtraction */
static bool int_multiply_add(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3;
	bool acc = in->op == RV_VMACC || in->op == RV_VNMSAC; /* vd is the addend, else a factor */
	bool sub = in->op == RV_VNMSAC || in->op == RV_VNMSUB;
	uint8_t addsub = sew == 2   ? (sub ? 0xf9 : 0xfd)
			 : sew == 4 ? (sub ? 0xfa : 0xfe)
				    : (sub ? 0xfb : 0xd4),
		*short_vl;
	unsigned step;
	bool mul64 = sew == 8 && !t->j->v_dq && t->j->host_avx2; /* multiply64's */
	if ((sew != 2 && !(sew == 4 && t->j->host_sse41) && !(sew == 8 && t->j->v_dq) && !mul64) || !mask_ok_blend(t) ||
	    !group_ok_blend(t) || !groups_aligned(t) || (form != VF_VV && form != VF_VX))
		return false;
	short_vl = enter_group_blend(t);
	step = step_of(t, chunks);
	if (form == VF_VX)
		scalar_operand(t, sew, step);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		/* xmm0 = vs1 (or rs1) * (vs2, or vd); then addend +- xmm0 */
		if (mul64) { /* the other factor in xmm1 (.vx: the scalar there already) */
			vget(t, form == VF_VV ? XMM1 : XMM0, acc ? in->rs2 : in->rd, k, step);
			if (form == VF_VV)
				vget(t, XMM0, in->rs1, k, step);
			multiply64(t, step);
		} else if (in_place(t, step, sew)) {
			int a = form == VF_VV ? home(in->rs1 + k) : XMM1, rd = home(in->rd + k);
			evex_op(t, 0x66, sew >= 4, sew == 8, sew >= 4 ? 0x40 : 0xd5, XMM0, a,
				acc ? home(in->rs2 + k) : rd);
			evex_opk(t, step, 0x66, false, sew == 8, addsub, rd, acc ? rd : home(in->rs2 + k), XMM0, kr,
				 false);
			continue;
		} else if (sew != 8 && step == 2 && vhome(t, (acc ? in->rs2 : in->rd) + k) >= 0 &&
			   (form != VF_VV || vhome(t, in->rs1 + k) >= 0)) { /* from the homes: vpmulld, vpmullw */
			e_vex_rr(&t->e, true, VEX_PP_66, sew == 4 ? VEX_0F38 : VEX_0F, false, sew == 4 ? 0x40 : 0xd5,
				 XMM0, form == VF_VV ? vhome(t, in->rs1 + k) : XMM1,
				 vhome(t, (acc ? in->rs2 : in->rd) + k));
		} else {
			if (form == VF_VV)
				vget(t, XMM0, in->rs1, k, step);
			else
				vec_unary(t, 0x66, 0x6f, XMM0, XMM1, step); /* movdqa */
			if (sew == 8) {                                     /* vpmullq xmm0, xmm0, xmm2 (EVEX only) */
				vget(t, XMM2, acc ? in->rs2 : in->rd, k, step);
				e_evex_len_rr(&t->e, 16 * step, VEX_PP_66, VEX_0F38, true, 0x40, XMM0, XMM0, XMM2, 0);
			} else {
				vec_op_v(t, 0x66, sew == 4, sew == 4 ? 0x40 : 0xd5, XMM0, acc ? in->rs2 : in->rd, k,
					 step, XMM2);
			}
		}
		if (!t->v_blending && !kr && step == 2 && vhome(t, in->rd + k) >= 0 &&
		    vhome(t, (acc ? in->rd : in->rs2) + k) >= 0) { /* the sum into vd's home */
			e_vex_rr(&t->e, true, VEX_PP_66, VEX_0F, false, addsub, vhome(t, in->rd + k),
				 vhome(t, (acc ? in->rd : in->rs2) + k), XMM0);
			continue;
		}
		vget(t, XMM2, acc ? in->rd : in->rs2, k, step);
		vec_op_r(t, 0x66, false, addsub, XMM2, XMM0, step);
		if (t->v_blending) /* vput_tail blends through xmm2 */
			vec_unary(t, 0x66, 0x6f, XMM0, XMM2, step);
		vput_tail(t, in->rd, k, t->v_blending ? XMM0 : XMM2, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vsll, vsrl, vsra by an immediate or x[rs1] (masked to SEW's bits), e16 to e64, and vsll and
 * vsrl on e8 too (x86 has no byte shifts: word shifts and a mask; nor a 64-bit arithmetic one in
 * SSE) */
static bool shift(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), form = in->rs3;
	unsigned digit = shift_digit[shift_kind(in->op)];
	/* bytes (vsll, vsrl): shifted as words, then the bits that crossed from the next byte cleared
	 * by the byte mask in v_slide */
	bool bytes = sew == 1 && in->op != RV_VSRA;
	unsigned wsew = bytes ? 2 : sew;
	uint8_t by_reg = shift_by_count[shift_kind(in->op)][wsew], *short_vl;
	unsigned step;
	if ((sew == 1 && !bytes) || !by_reg || !mask_ok_blend(t) || !group_ok_blend(t) || !groups_aligned(t) ||
	    (form != VF_VI && form != VF_VX))
		return false;
	short_vl = enter_group_blend(t);
	step = step_of(t, chunks);
	if (form == VF_VX) {
		t_get(t, RAX, in->rs1);
		e_alu_ri(e, ALU_AND, false, RAX, (int32_t)(8 * sew - 1));
		e_sse_rr(e, 0x66, true, 0x6e, XMM1, RAX); /* movq xmm1, rax: the count for 16 or 32 bytes */
	}
	if (bytes) { /* rax = 0xff shifted the same way, in every byte, then over xmm2 (ymm2) */
		if (form == VF_VX)
			e_mov_rr(e, false, RCX, RAX);
		else
			e_mov_ri(e, RCX, (uint64_t)in->imm & 7);
		e_mov_ri(e, RAX, 0xff);
		e_shift_cl(e, in->op == RV_VSLL ? SH_SHL : SH_SHR, false, RAX);
		e_alu_ri(e, ALU_AND, false, RAX, 0xff);
		e_mov_ri(e, RDX, 0x0101010101010101ull);
		e_imul_rr(e, true, RAX, RDX);
		for (int32_t b = 0; b < 32; b += 8) /* in v_slide: blending's masks take xmm2 */
			e_store(e, M(REG_CPU, OFF(v_slide) + b), RAX, 8);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		if (in_place(t, step, sew) && !bytes) { /* EVEX: the destination in vvvv, by an immediate */
			int rd = home(in->rd + k), a = home(in->rs2 + k);
			if (form == VF_VX) {
				evex_opk(t, step, 0x66, false, sew == 8, by_reg, rd, a, XMM1, kr, false);
			} else {
				e_evex_rrk(e, true, VEX_PP_66, VEX_0F, sew == 8, shift_by_imm[sew], (int)digit, rd, a,
					   kr, false);
				e_byte(e, (uint8_t)(in->imm & (8 * sew - 1)));
			}
			continue;
		}
		vget(t, XMM0, in->rs2, k, step);
		if (form == VF_VI) {
			if (step == 2) /* VEX: the destination in vvvv */
				e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, shift_by_imm[wsew], (int)digit, XMM0, XMM0);
			else
				e_sse_rr(e, 0x66, false, shift_by_imm[wsew], (int)digit, XMM0);
			e_byte(e, (uint8_t)(in->imm & (8 * sew - 1)));
		} else {
			vec_op_r(t, 0x66, false, by_reg, XMM0, XMM1, step);
		}
		if (bytes)
			vec_op_m(t, 0x66, false, 0xdb, XMM0, M(REG_CPU, OFF(v_slide)), step); /* pand */
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vsll.vv, vsrl.vv, vsra.vv on e32 and e64: vpsllv/vpsrlv/vpsravd by vs1's elements masked to
 * SEW's bits (the mask in v_slide + 64); the 64-bit arithmetic one, which AVX2 lacks, as
 * ((x ^ s) >> n) ^ s with s each element's sign (vpcmpgtq) */
static bool shift_vv(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, chunks = group_chunks(t), step;
	bool w = sew == 8, l;
	struct mem bits;
	uint8_t op = in->op == RV_VSLL ? 0x47 : in->op == RV_VSRL || w ? 0x45 : 0x46, *short_vl;
	if ((sew != 4 && sew != 8) || !t->j->host_avx2 || in->rs3 != VF_VV || !mask_ok_blend(t) || !group_ok_blend(t) ||
	    !groups_aligned(t))
		return false;
	short_vl = enter_group_blend(t);
	step = step_of(t, chunks);
	l = step == 2;
	bits = shift_amount_mask(t, w);
	for (unsigned k = 0; k < chunks; k += step) {
		int kr = elem_k(t, k, step);
		vget(t, XMM0, in->rs2, k, step);
		vget(t, XMM1, in->rs1, k, step);
		e_vex_rm(e, l, VEX_PP_66, VEX_0F, false, 0xdb, XMM1, XMM1, bits); /* vpand */
		if (in->op == RV_VSRA && w) {
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, XMM2);   /* vpxor: 0 */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F38, false, 0x37, XMM2, XMM2, XMM0); /* vpcmpgtq: s */
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM2);
		}
		e_vex_rr(e, l, VEX_PP_66, VEX_0F38, w, op, XMM0, XMM0, XMM1);
		if (in->op == RV_VSRA && w)
			e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, XMM2);
		vput_tail(t, in->rd, k, XMM0, step, kr);
	}
	finish_wide(t, step);
	short_vl_path(t, short_vl, "vl below VLMAX: tails stay undisturbed");
	return true;
}

/* vmv.x.s: element 0, sign-extended (whatever vl is) */
static bool move_to_scalar(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	make_live(t);
	sync_out(t, in->rs2);
	e_load(&t->e, RAX, vreg(t, in->rs2, 0), (int)t->v_sew, true);
	t_put(t, in->rd, RAX);
	return true;
}

/* vfmv.f.s: f[rd] = element 0 (whatever vl is), NaN-boxed for e32 */
static bool fp_move_to_scalar(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew;
	if (sew != 4 && sew != 8)
		return false;
	make_live(t);
	if (t->j->v_resident)
		vword_get(t, RAX, in->rs2, 0);
	else
		e_load(e, RAX, vreg(t, in->rs2, 0), 8, false);
	if (sew == 4) { /* the low 32 bits, boxed */
		e_mov_rr(e, false, RAX, RAX);
		e_mov_ri(e, RCX, 0xffffffff00000000ull);
		e_alu_rr(e, ALU_OR, true, RAX, RCX);
	}
	t_fput_gpr(t, in->rd, RAX);
	return true;
}

/* vd's element 0 = rax's low SEW bytes, the rest of vd as it was (through rcx and rdx) */
static void put_element0(struct tctx *t, unsigned rd)
{
	struct emit *e = &t->e;
	unsigned sew = t->v_sew;
	if (!t->j->v_resident) {
		e_store(e, vreg(t, rd, 0), RAX, (int)sew);
		return;
	}
	if (sew < 8) { /* into the low sew bytes of vd's first word */
		vword_get(t, RCX, rd, 0);
		e_mov_ri(e, RDX, (1ull << (8 * sew)) - 1);
		e_alu_rr(e, ALU_AND, true, RAX, RDX);
		e_unary(e, 2, true, RDX); /* not */
		e_alu_rr(e, ALU_AND, true, RCX, RDX);
		e_alu_rr(e, ALU_OR, true, RAX, RCX);
	}
	vword_put(t, rd, 0, RAX);
}

/* vmv.s.x, vfmv.s.f: element 0 = x[rs1] or f[rs1] where vl is not 0 (vstart is 0 after the vsetvli), the rest of vd
 * as it was */
static bool move_to_vector(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	bool fp = in->op == RV_VFMV_S_F;
	uint8_t *none;
	if (t->v_vl_const == 0 || (fp && t->v_sew != 4 && t->v_sew != 8))
		return false;
	make_live(t);
	none = vl_zero_test(t);
	if (fp) /* a single's NaN box resolved */
		fp_scalar(t, in->rs1, t->v_sew);
	else
		t_get(t, RAX, in->rs1);
	put_element0(t, in->rd);
	if (none)
		e_patch(none, e->p);
	return true;
}

/* x op= y for a reduction: SSE (SSE4.1's 0F38 forms), EVEX for the 64-bit minimum and maximum */
static void reduce_rr(struct tctx *t, uint8_t opc, bool map38, int x, int y)
{
	if (map38 && t->v_sew == 8)
		evex_opk(t, 1, 0x66, true, true, opc, x, x, y, 0, false);
	else if (map38)
		e_sse38_rr(&t->e, opc, x, y);
	else
		e_sse_rr(&t->e, 0x66, false, opc, x, y);
}

/* A blending reduction under v0.t: blend_elements for chunk k, which takes xmm0 (the result so
 * far, kept in v_slide meanwhile from the second chunk on) and xmm2 */
static void reduction_elements(struct tctx *t, unsigned k)
{
	if (k)
		vec_store(t, M(REG_CPU, OFF(v_slide)), XMM0, 1);
	blend_elements(t, k, 1);
	if (k)
		vec_load(t, XMM0, M(REG_CPU, OFF(v_slide)), 1);
}

/* vwredsumu, vwredsum (.vs): vs2's elements (e8 to e32) widened to 2 * SEW and summed with vs1's
 * element 0 into vd's element 0: each 16 bytes with the inactive elements and those past vl
 * zeroed first (with the masks, or blending: pand with the active bytes), extended in two halves
 * and added; the lanes then folded */
static bool widening_reduction(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, dsew = 2 * sew, regs = group_regs(t), chunks = group_chunks(t);
	bool masked = masks_needed(t), sign = in->op == RV_VWREDSUM;
	bool blend = !masked && blends(t) && (!t->v_whole || !in->rm || t->v_lmul8 < 8) && (in->rm || mask_ok_blend(t));
	uint8_t add = int_opcode_add(dsew), *short_vl = NULL, *none = NULL;
	if (sew > 4 || !t->j->host_sse41 || (!masked && !blend && (!in->rm || t->v_lmul8 < 8)) || in->rs2 % regs ||
	    ((masked || blend) && t->v_vl_const == 0))
		return false;
	if (blend) {
		if (!t->v_masked)
			blend_masks(t);
		t->v_masked = true;
		none = vl_zero_test(t);
	} else if (masked) {
		make_live(t);
		none = vl_zero_test(t);
	} else {
		short_vl = enter_whole_group(t);
	}
	for (unsigned k = 0; k < chunks; k++) {
		if (blend && !in->rm)
			reduction_elements(t, k);
		if (!k)
			e_sse_rr(e, 0x66, false, 0xef, XMM0, XMM0); /* pxor: the sum */
		vget(t, XMM1, in->rs2, k, 1);
		if (masked) { /* vmovdqu8/16/32 xmm1{k3}{z}, xmm1 */
			int kr = elems_k(t, k * 16 / sew, 16 / sew);
			e_evex_rrk(e, false, sew <= 2 ? VEX_PP_F2 : VEX_PP_F3, VEX_0F, sew == 2, 0x6f, XMM1, 0, XMM1,
				   kr, true);
		}
		if (blend) /* pand with the active bytes */
			vec_op_m(t, 0x66, false, 0xdb, XMM1, blend_at(t, BLEND_ACTIVE, k), 1);
		e_sse_rr(e, 0x66, false, 0x6f, XMM2, XMM1); /* movdqa: the low 8 bytes widened */
		extend(t, XMM2, sew, sign, 1);
		e_sse_rr(e, 0x66, false, add, XMM0, XMM2);
		bytes_down(t, XMM1, 8); /* and the high ones */
		extend(t, XMM1, sew, sign, 1);
		e_sse_rr(e, 0x66, false, add, XMM0, XMM1);
	}
	for (unsigned width = 8; width >= dsew; width /= 2) { /* fold the upper half of each width in */
		e_sse_rr(e, 0x66, false, 0x6f, XMM1, XMM0);   /* movdqa */
		e_sse_rr(e, 0x66, false, 0x73, 3, XMM1);      /* psrldq xmm1, width */
		e_byte(e, (uint8_t)width);
		e_sse_rr(e, 0x66, false, add, XMM0, XMM1);
		if (width == dsew)
			break;
	}
	vget(t, XMM1, in->rs1, 0, 1);
	e_sse_rr(e, 0x66, false, add, XMM0, XMM1);
	e_sse_rr(e, 0x66, true, 0x7e, XMM0, RAX); /* movq rax, xmm0 */
	t->v_sew = dsew;                          /* the result's width */
	put_element0(t, in->rd);
	t->v_sew = sew;
	if (none)
		e_patch(none, e->p);
	short_vl_path(t, short_vl, "vl below VLMAX: fewer elements");
	return true;
}

/* vredsum, vredand, vredor, vredxor, vredminu, vredmin, vredmaxu, vredmax (.vs) over a group: its
 * chunks combined in xmm0, the lanes folded into the low one, vs1's element 0 combined, the
 * result in vd's element 0 (the rest of vd is tail). With the host's masks, the elements past
 * vl or inactive are the operation's identity first (elems_k), and a vl of 0 leaves vd as it is. */
static bool reduction(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), op = in->op;
	static const unsigned as[] = {RV_VADD, RV_VAND, RV_VOR, RV_VXOR, RV_VMINU, RV_VMIN, RV_VMAXU, RV_VMAX};
	uint64_t top = 1ull << (8 * sew - 1), ident = op == RV_VREDAND || op == RV_VREDMINU ? UINT64_MAX
						      : op == RV_VREDMAX                    ? top
						      : op == RV_VREDMIN                    ? top - 1
											    : 0;
	/* blending (v_blend): a short vl, v0.t or a fractional LMUL's elements past VLMAX */
	bool map38, masked = masks_needed(t),
		    short_blend = !masked && blends(t) && (!t->v_whole || !in->rm || t->v_lmul8 < 8) &&
				  (in->rm || mask_ok_blend(t));
	/* a signed minimum or maximum blends as the unsigned one of the elements with their sign bits
	 * flipped (whose identity is all ones or 0), the result flipped back */
	bool flip = short_blend && (op == RV_VREDMAX || op == RV_VREDMIN) && sew < 8;
	unsigned as_op = flip ? (op == RV_VREDMAX ? RV_VMAXU : RV_VMINU) : as[op - RV_VREDSUM];
	/* the elements past vl (and inactive) made the identity, 0 or all ones */
	bool blend = short_blend && (flip || ident == 0 || ident == UINT64_MAX);
	uint8_t opc = int_opcode(as_op, sew, &map38), *short_vl = NULL, *none = NULL;
	if (flip)
		ident = op == RV_VREDMAX ? 0 : UINT64_MAX;
	if ((!masked && !blend && (!in->rm || t->v_lmul8 < 8)) || in->rs2 % regs ||
	    ((masked || blend) && t->v_vl_const == 0) || (map38 && !t->j->host_sse41) ||
	    (map38 && sew == 8 && !t->j->v_resident))
		return false;
	if (blend) {
		if (!t->v_masked)
			blend_masks(t);
		t->v_masked = true;
		none = vl_zero_test(t);
		if (flip) {
			e_mov_ri(e, RAX, top);
			broadcast(t, sew, 1); /* xmm1: the sign bits */
		}
	} else if (masked) {
		make_live(t);
		none = vl_zero_test(t);
		e_mov_ri(e, RAX, ident);
		broadcast(t, sew, 1); /* xmm1 */
	} else {
		short_vl = enter_whole_group(t);
	}
	for (unsigned k = 0; k < chunks; k++) {
		int x = k ? XMM2 : XMM0;
		if (blend && !in->rm)
			reduction_elements(t, k);
		if (masked) {
			int kr = elems_k(t, k * 16 / sew, 16 / sew);
			vget(t, x, in->rs2, k, 1); /* vpblendmb/w/d/q x{k3}, xmm1, x: the identity where inactive */
			e_evex_rrk(e, false, VEX_PP_66, VEX_0F38, sew == 2 || sew == 8, sew <= 2 ? 0x66 : 0x64, x, XMM1,
				   x, kr, false);
		} else {
			vget(t, x, in->rs2, k, 1);
		}
		if (flip)
			e_sse_rr(e, 0x66, false, 0xef, x, XMM1); /* pxor */
		if (blend) /* pand with the active bytes, or por with the kept ones */
			vec_op_m(t, 0x66, false, ident ? 0xeb : 0xdb, x,
				 blend_at(t, ident ? BLEND_KEEP : BLEND_ACTIVE, k), 1);
		if (k)
			reduce_rr(t, opc, map38, XMM0, XMM2);
	}
	for (unsigned width = 8; width >= sew; width /= 2) { /* fold the upper half of each width in */
		e_sse_rr(e, 0x66, false, 0x6f, XMM1, XMM0);  /* movdqa */
		e_sse_rr(e, 0x66, false, 0x73, 3, XMM1);     /* psrldq xmm1, width */
		e_byte(e, (uint8_t)width);
		reduce_rr(t, opc, map38, XMM0, XMM1);
		if (width == sew)
			break;
	}
	vget(t, XMM1, in->rs1, 0, 1);
	if (flip) { /* vs1's element 0 flipped too (the other lanes are not looked at) */
		e_mov_ri(e, RAX, top);
		e_sse_rr(e, 0x66, true, 0x6e, XMM2, RAX); /* movq xmm2, rax */
		e_sse_rr(e, 0x66, false, 0xef, XMM1, XMM2);
	}
	reduce_rr(t, opc, map38, XMM0, XMM1);
	e_sse_rr(e, 0x66, true, 0x7e, XMM0, RAX); /* movq rax, xmm0 */
	if (flip) {
		e_mov_ri(e, RCX, top);
		e_alu_rr(e, ALU_XOR, true, RAX, RCX);
	}
	put_element0(t, in->rd);
	if (none)
		e_patch(none, e->p);
	short_vl_path(t, short_vl, "vl below VLMAX: fewer elements");
	return true;
}

/* vfredosum and vfredusum (both in element order, as QEMU sums the unordered one too): element
 * 0 of vd = vs1[0] plus the active elements of vs2 one at a time by addss/addsd (frm in MXCSR,
 * the flags as they come), a NaN made canonical at the end unless none was added (vs1[0] is the
 * result then, as it is); where not all VLMAX (at most 64) are active, their bits (vl's and
 * v0's) in rdx, tested one by one (with the host's masks, or BMI2's bzhi where it blends) */
static bool fp_reduction(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), per = 16 / sew;
	bool masked = masks_needed(t) || (blends(t) && t->j->host_bmi2 && (!t->v_whole || !in->rm || t->v_lmul8 < 8));
	uint8_t pfx = sew == 8 ? 0xf2 : 0xf3, *short_vl = NULL, *none = NULL, *none_added = NULL, *odd_frm;
	if ((sew != 4 && sew != 8) || in->rs2 % regs || (!masked && (!in->rm || t->v_lmul8 < 8)) || t->v_vlmax > 64 ||
	    (masked && t->v_vl_const == 0))
		return false;
	if (masked)
		make_live(t);
	else
		short_vl = enter_whole_group(t);
	odd_frm = check_frm(t);
	if (masked) {
		none = vl_zero_test(t);
		e_mov_ri(e, RDX, t->v_vlmax >= 64 ? UINT64_MAX : ~(~0ull << t->v_vlmax));
		if (!t->v_whole)
			and_below_vl(t, RDX, RCX, 0);
		if (!in->rm) {
			v0_bits(t, RAX, 0);
			e_alu_rr(e, ALU_AND, true, RDX, RAX);
		}
	}
	vget(t, XMM0, in->rs1, 0, 1);
	for (unsigned k = 0; k < chunks; k++) {
		vget(t, XMM1, in->rs2, k, 1);
		for (unsigned j = 0; j < per && k * per + j < t->v_vlmax; j++) {
			uint8_t *inactive = NULL;
			if (masked) {
				e_bt_ri(e, 4, RDX, (uint8_t)(k * per + j));
				inactive = e_jcc(e, CC_AE);
			}
			if (j) { /* pshufd xmm2, xmm1: element j in the low lane */
				e_sse_rr(e, 0x66, false, 0x70, XMM2, XMM1);
				e_byte(e, (uint8_t)(sew == 4 ? j : 0xee));
			}
			e_sse_rr(e, pfx, false, 0x58, XMM0, j ? XMM2 : XMM1); /* addss/addsd */
			if (inactive)
				e_patch(inactive, e->p);
		}
	}
	if (masked) { /* none active: vs1[0] as it is, a signaling NaN too */
		e_test_rr(e, true, RDX, RDX);
		none_added = e_jcc(e, CC_E);
	}
	e_sse_rr(e, sew == 8 ? 0x66 : 0, false, 0x2e, XMM0, XMM0); /* ucomiss/sd: a NaN is the canonical one */
	t_cold_value(t, e_jcc(e, CC_P), COLD_XMM, sew == 8 ? RV_NAN_D : RV_NAN_S);
	if (none_added)
		e_patch(none_added, e->p);
	e_sse_rr(e, 0x66, true, 0x7e, XMM0, RAX); /* movq rax, xmm0 */
	put_element0(t, in->rd);
	if (none)
		e_patch(none, e->p);
	slow_path(t, odd_frm, "frm is RMM or reserved: no host rounding mode");
	short_vl_path(t, short_vl, "vl below VLMAX: fewer elements");
	return true;
}

/* The jump taken where element 0 of x (a double, w, or a single) is a NaN, tested on its bits
 * (through rax and rcx): a compare would raise invalid for a signaling one, which RISC-V's
 * vfredmax/vfredmin do not where no element is active */
static uint8_t *nan_test_quiet(struct tctx *t, int x, bool w)
{
	struct emit *e = &t->e;
	e_vex_rr(e, false, VEX_PP_66, VEX_0F, w, 0x7e, x, 0, RAX); /* vmovd/vmovq rax, x */
	e_alu_rr(e, ALU_ADD, w, RAX, RAX);                         /* the sign shifted out */
	e_mov_ri(e, RCX, w ? 0xffe0000000000000ull : 0xff000000u);
	e_alu_rr(e, ALU_CMP, w, RAX, RCX);
	return e_jcc(e, CC_A);
}

/* vfredmax, vfredmin where no active element nor vs1[0] is a NaN (one that is: the interpreter's,
 * which raises NV for a signaling one): the chunks folded with max/min (inactive elements first
 * set to -inf or +inf), then the lanes, then vs1[0], into element 0 of vd */
/* x = max(x, y) (min) with max(+0, -0) = +0 and min = -0, neither a NaN, in VEX forms (AVX2):
 * x86's answer for equal ones is its second operand, so both orders are taken and ANDed (ORed);
 * tmp changed. With scalar, element 0 alone (the others of y may be anything) */
static void min_max_vex(struct tctx *t, bool max, bool w, bool l256, bool scalar, int x, int y, int tmp)
{
	struct emit *e = &t->e;
	uint8_t pp = scalar ? (w ? VEX_PP_F2 : VEX_PP_F3) : w ? VEX_PP_66 : VEX_PP_NONE, op = max ? 0x5f : 0x5d;
	e_vex_rr(e, l256, pp, VEX_0F, false, op, tmp, x, y);
	e_vex_rr(e, l256, pp, VEX_0F, false, op, x, y, x);
	e_vex_rr(e, l256, w ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, false, max ? 0x54 : 0x56, x, x, tmp); /* vand/vor */
}

/* vfredmax and vfredmin with AVX2 (registers in the vCPU): the chunks combined in ymm0 (a chunk
 * with a NaN, or vs1[0] a NaN: the interpreter, nothing written yet), the lanes folded into lane
 * 0, then vs1[0]. Blending (a short vl, v0.t, a fractional LMUL), 16 bytes at a time, the
 * elements past vl and the inactive ones made the identity (-inf for the maximum, +inf for the
 * minimum, from v_slide + 32) first. */
static bool fp_minmax_reduction_avx2(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), step, n = 0;
	bool max = in->op == RV_VFREDMAX, w = sew == 8;
	bool blend = blends(t) && (!t->v_whole || !in->rm || t->v_lmul8 < 8) && (in->rm || mask_ok_blend(t));
	uint64_t inf = w ? 0x7ff0000000000000ull : 0x7f800000, ident;
	uint8_t *short_vl = NULL, *none = NULL, *nan[65];
	if (!t->j->host_avx2 || t->j->v_resident || t->j->v_masks || (!blend && (!in->rm || t->v_lmul8 < 8)) ||
	    (sew != 4 && sew != 8) || in->rs2 % regs || chunks > 64 || (blend && t->v_vl_const == 0))
		return false;
	if (blend) {
		if (!t->v_masked)
			blend_masks(t);
		t->v_masked = true;
		none = vl_zero_test(t);
		ident = max ? inf | 1ull << (8 * sew - 1) : inf;
		e_mov_ri(e, RAX, w ? ident : ident | ident << 32);
		e_store(e, M(REG_CPU, OFF(v_slide) + 32), RAX, 8);
		e_store(e, M(REG_CPU, OFF(v_slide) + 40), RAX, 8);
		step = 1;
	} else {
		short_vl = enter_whole_group(t);
		step = step_of(t, chunks);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		int x = k ? XMM2 : XMM0;
		if (blend && !in->rm)
			reduction_elements(t, k);
		if (blend) { /* x = vs2's chunk where active, the identity elsewhere */
			vec_load(t, x, M(REG_CPU, OFF(v_slide) + 32), 1);
			vec_load(t, XMM1, blend_at(t, BLEND_ACTIVE, k), 1);
			blend_m(t, x, x, vreg(t, in->rs2, k), XMM1, 1);
		} else {
			vget(t, x, in->rs2, k, step);
		}
		e_vex_rr(e, step == 2, w ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, false, 0xc2, XMM1, x, x); /* vcmpunord */
		e_byte(e, 3);
		vec_unary(t, w ? 0x66 : 0, 0x50, RAX, XMM1, step); /* vmovmskps/pd */
		e_test_rr(e, false, RAX, RAX);
		nan[n++] = e_jcc(e, CC_NE);
		if (k)
			min_max_vex(t, max, w, step == 2, false, XMM0, XMM2, XMM1);
	}
	if (step == 2) { /* vextractf128 xmm2, ymm0, 1: the high lane over the low */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F3A, false, 0x19, XMM0, 0, XMM2);
		e_byte(e, 1);
		min_max_vex(t, max, w, false, false, XMM0, XMM2, XMM1);
	}
	for (unsigned per = 16 / sew / 2; per; per /= 2) { /* the other elements over element 0: pshufd */
		e_sse_rr(e, 0x66, false, 0x70, XMM2, XMM0);
		e_byte(e, per == 2 || w ? 0x4e : 0xb1);
		min_max_vex(t, max, w, false, false, XMM0, XMM2, XMM1);
	}
	vget(t, XMM2, in->rs1, 0, 1);
	nan[n++] = nan_test_quiet(t, XMM2, w);
	min_max_vex(t, max, w, false, true, XMM0, XMM2, XMM1); /* vs1's other elements are not looked at */
	e_sse_rr(e, 0x66, true, 0x7e, XMM0, RAX);              /* movq rax, xmm0 */
	put_element0(t, in->rd);
	if (none)
		e_patch(none, e->p);
	while (n)
		t_cold_helper(t, nan[--n], interp_v, "a NaN in a vfredmax/vfredmin");
	short_vl_path(t, short_vl, "vl below VLMAX: fewer elements");
	return true;
}

static bool fp_minmax_reduction(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), per = 16 / sew;
	bool masked = masks_needed(t), max = in->op == RV_VFREDMAX, w = sew == 8;
	uint8_t *short_vl = NULL, *none = NULL, *nan[65] = {NULL};
	uint64_t inf = w ? 0x7ff0000000000000ull : 0x7f800000;
	if (!t->j->v_masks || (sew != 4 && sew != 8) || in->rs2 % regs || chunks > 64 ||
	    (!masked && (!in->rm || t->v_lmul8 < 8)) || (masked && t->v_vl_const == 0))
		return false;
	if (masked) {
		make_live(t);
		none = vl_zero_test(t);
		e_mov_ri(e, RAX, max ? inf | 1ull << (8 * sew - 1) : inf); /* the identity: -inf or +inf */
		broadcast_rax(t, XMM1, 16, w);
	} else {
		short_vl = enter_whole_group(t);
	}
	for (unsigned k = 0; k < chunks; k++) {
		int x = k ? XMM2 : XMM0, kr = masked ? elems_k(t, k * per, per) : 0;
		vget(t, x, in->rs2, k, 1);
		unordered(t, 16, w, 1, x, kr);
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x98, 1, 0, 1); /* kortestw k1, k1 */
		nan[k] = e_jcc(e, CC_NE);
		if (kr) /* vpblendmd/q x{k3}, xmm1, x: the identity where inactive */
			e_evex_len_rr(e, 16, VEX_PP_66, VEX_0F38, w, 0x64, x, XMM1, x, kr);
		if (k)
			min_max_fixed(t, max, w, 16, XMM0, XMM2, 0);
	}
	for (unsigned n = per / 2; n; n /= 2) { /* the other lanes over lane 0: pshufd xmm2, xmm0, swap */
		e_sse_rr(e, 0x66, false, 0x70, XMM2, XMM0);
		e_byte(e, n == 2 || w ? 0x4e : 0xb1);
		min_max_fixed(t, max, w, 16, XMM0, XMM2, 0);
	}
	vget(t, XMM2, in->rs1, 0, 1);
	nan[64] = nan_test_quiet(t, XMM2, w);
	e_mov_ri(e, RAX, 1);
	e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, false, 0x92, 2, 0, RAX); /* kmovw k2, eax: lane 0 only */
	min_max_fixed(t, max, w, 16, XMM0, XMM2, 2);
	e_sse_rr(e, 0x66, true, 0x7e, XMM0, RAX); /* movq rax, xmm0 */
	put_element0(t, in->rd);
	if (none)
		e_patch(none, e->p);
	for (unsigned k = 0; k <= 64; k++) /* nothing written yet: all of it */
		if (nan[k])
			t_cold_helper(t, nan[k], interp_v, "a NaN in a vfredmax/vfredmin");
	short_vl_path(t, short_vl, "vl below VLMAX: fewer elements");
	return true;
}

/* vd's word q = rax where rcx has its bits, vd's own elsewhere (rcx and rdx clobbered) */
static void merge_word(struct tctx *t, unsigned q)
{
	struct emit *e = &t->e;
	e_alu_rr(e, ALU_AND, true, RAX, RCX);
	vword_get(t, RDX, t->in->rd, q);
	e_unary(e, 2, true, RCX); /* not */
	e_alu_rr(e, ALU_AND, true, RDX, RCX);
	e_alu_rr(e, ALU_OR, true, RAX, RDX);
	vword_put(t, t->in->rd, q, RAX);
}

/* x = the bits vmsbf, vmsif or vmsof makes of the word x alone (rcx clobbered): ~x & (x - 1),
 * x ^ (x - 1), x & -x (all ones, all ones, zero where x is zero) */
static void set_first_of_word(struct tctx *t, enum rv_op op, int x)
{
	struct emit *e = &t->e;
	if (op == RV_VMSOF) {
		e_mov_rr(e, true, RCX, x);
		e_unary(e, 3, true, RCX); /* neg */
		e_alu_rr(e, ALU_AND, true, x, RCX);
		return;
	}
	e_lea(e, RCX, M(x, -1));
	if (op == RV_VMSIF) {
		e_alu_rr(e, ALU_XOR, true, x, RCX);
	} else {
		e_unary(e, 2, true, x); /* not */
		e_alu_rr(e, ALU_AND, true, x, RCX);
	}
}

/* Register vd (its 128 bits, resident) = the words lo (bits 0-63) and hi (through xmm2) */
static void put_words(struct tctx *t, unsigned vd, int lo, int hi)
{
	struct emit *e = &t->e;
	e_vex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x6e, XMM2, 0, lo);      /* vmovq xmm2, lo */
	e_vex_rr(e, false, VEX_PP_66, VEX_0F3A, true, 0x22, XMM2, XMM2, hi); /* vpinsrq xmm2, xmm2, hi, 1 */
	e_byte(e, 1);
	vput(t, vd, 0, XMM2, 1);
}

/* x = the index of the lowest set bit of the 128 in rcx (0-63) and rdx (64-127), not both zero;
 * returns the jump the rcx case takes, to be patched where the rdx case ends */
static uint8_t *lowest_of_words(struct emit *e, int x)
{
	uint8_t *high, *low;
	e_test_rr(e, true, RCX, RCX);
	high = e_jcc(e, CC_E);
	e_bitcount(e, 0xbc, true, x, RCX); /* tzcnt */
	low = e_jmp(e);
	e_patch(high, e->p);
	e_bitcount(e, 0xbc, true, x, RDX);
	e_alu_ri(e, ALU_ADD, true, x, 64);
	return low;
}

/* vmsbf/vmsif/vmsof vd (in->rd) unmasked at vl = VLMAX = 128 (a vector strcpy's e8 m8 at VLEN
 * 128) of the words rax and rdx: both made without branches and written together, so that vd's
 * old bits are not read (in a loop they would chain each pass to the last) */
static void set_first_whole(struct tctx *t, const struct rv_insn *in)
{
	struct emit *e = &t->e;
	set_first_of_word(t, in->op, RDX);
	e_alu_rr(e, ALU_XOR, false, RCX, RCX);
	e_test_rr(e, true, RAX, RAX);
	e_cmov(e, CC_NE, RDX, RCX); /* word 1 only where word 0 has no set bit */
	set_first_of_word(t, in->op, RAX);
	if (!t->j->v_resident && vhome(t, in->rd) < 0) { /* as words */
		vword_put(t, in->rd, 0, RAX);
		vword_put(t, in->rd, 1, RDX);
		return;
	}
	put_words(t, in->rd, RAX, RDX); /* into its register, through xmm2 */
}

/* Whether the instruction is a vmsbf/vmsif/vmsof that set_first_whole makes of vs2 = src */
static bool set_first_whole_of(const struct tctx *t, const struct rv_insn *in, unsigned src)
{
	return in && (in->op == RV_VMSBF || in->op == RV_VMSIF || in->op == RV_VMSOF) && in->rm && in->rs2 == src &&
	       in->rd != src && t->v_vlmax == 128 && t->v_whole;
}

/* vmsbf.m, vmsif.m, vmsof.m where VLMAX is 256 or less (four words): x = vs2's bits of the active
 * elements (active_word); in the word of its lowest set bit t = x & -x gives vmsof (t), vmsbf
 * (t - 1) and vmsif (t | (t - 1)), the words before it are all ones (vmsbf, vmsif) or zeros
 * (vmsof) and those after it zeros; vd's bits of the other elements stay. Each word tested in
 * turn, the one with the first set bit finishing off the rest; unmasked at vl = VLMAX = 128,
 * set_first_whole. */
static bool set_first(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned words = (unsigned)(t->v_vlmax + 63) / 64;
	uint8_t *found[4], *done[5];
	if (!words_ok(t) || words > 4 || in->rd == in->rs2 || (!in->rm && in->rd == 0))
		return false; /* the interpreter raises SIGILL for the last two */
	make_live(t);
	if (set_first_whole_of(t, in, in->rs2) && !t->j->v_resident) {
		vword_get(t, RAX, in->rs2, 0);
		vword_get(t, RDX, in->rs2, 1);
		set_first_whole(t, in);
		return true;
	}
	if (set_first_whole_of(t, in, in->rs2)) {
		vget(t, XMM2, in->rs2, 0, 1);
		e_vex_rr(e, false, VEX_PP_66, VEX_0F3A, true, 0x16, XMM2, 0, RDX); /* vpextrq rdx, xmm2, 1 */
		e_byte(e, 1);
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, true, 0x7e, XMM2, 0, RAX); /* vmovq rax, xmm2 */
		set_first_whole(t, in);
		return true;
	}
	for (unsigned q = 0; q < words; q++) {
		active_word(t, q);
		vword_get(t, RDX, in->rs2, q);
		e_alu_rr(e, ALU_AND, true, RDX, RCX); /* rdx = x */
		found[q] = e_jcc(e, CC_NE);
		e_mov_ri(e, RAX, in->op == RV_VMSOF ? 0 : UINT64_MAX);
		merge_word(t, q);
	}
	done[0] = e_jmp(e);
	for (unsigned q = 0; q < words; q++) {
		e_patch(found[q], e->p);
		e_mov_rr(e, true, RAX, RDX); /* rax = t = x & -x */
		e_unary(e, 3, true, RAX);    /* neg */
		e_alu_rr(e, ALU_AND, true, RAX, RDX);
		if (in->op == RV_VMSBF) {
			e_lea(e, RAX, M(RAX, -1));
		} else if (in->op == RV_VMSIF) {
			e_lea(e, RDX, M(RAX, -1));
			e_alu_rr(e, ALU_OR, true, RAX, RDX);
		}
		merge_word(t, q);
		for (unsigned r = q + 1; r < words; r++) {
			active_word(t, r);
			e_alu_rr(e, ALU_XOR, false, RAX, RAX);
			merge_word(t, r);
		}
		done[q + 1] = e_jmp(e);
	}
	for (unsigned q = 0; q <= words; q++)
		e_patch(done[q], e->p);
	return true;
}

/* The first set bit of rax, word q of a mask whose first nbits count, jumps to found[*n] with
 * it in rax (tzcnt of a non-zero value is bsf's result where the host has no BMI1) */
static void first_in_word(struct tctx *t, unsigned q, unsigned nbits, uint8_t **found, unsigned *n)
{
	struct emit *e = &t->e;
	uint8_t *zero;
	if (nbits - q * 64 < 64) {
		e_mov_ri(e, RCX, ~(~0ull << (nbits - q * 64)));
		e_alu_rr(e, ALU_AND, true, RAX, RCX);
	}
	e_test_rr(e, true, RAX, RAX);
	zero = e_jcc(e, CC_E);
	e_bitcount(e, 0xbc, true, RAX, RAX);
	if (q)
		e_alu_ri(e, ALU_ADD, true, RAX, (int32_t)(64 * q));
	found[(*n)++] = e_jmp(e);
	e_patch(zero, e->p);
}

/* Where an instruction computes guest rd: its host register, or rax (then t_put) */
static int rd_or_rax(const struct tctx *t, unsigned rd)
{
	return rd && t_host_reg(t, rd) >= 0 ? t_host_reg(t, rd) : RAX;
}

/* rd = -1, or where the found[] jumps come with x (rd_or_rax's) */
static void first_found(struct tctx *t, unsigned rd, int x, uint8_t **found, unsigned n)
{
	e_mov_ri(&t->e, x, UINT64_MAX);
	while (n)
		e_patch(found[--n], t->e.p);
	if (x == RAX)
		t_put(t, rd, RAX);
}

/* vcmpps/pd's predicates for vmfeq, vmfle, vmflt, vmfne, vmfgt, vmfge: EQ_OQ, LE_OS, LT_OS, NEQ_UQ,
 * GT_OS, GE_OS (the ordered ones raise invalid for any NaN, as vmflt and its kin do; vmfeq and
 * vmfne for a signaling one) */
static const uint8_t fp_predicate[] = {0x00, 0x02, 0x01, 0x04, 0x0e, 0x0d};

/* The unsigned compares (vmsltu, vmsleu, vmsgtu) as signed ones of operands whose sign bits are
 * flipped: before mask_compare's chunks, ymm1 = the sign bits (.vv) or the scalar operand flipped
 * (.vx, .vi: the sign bits in ymm2 then); signed, ymm1 = the scalar operand */
static bool flips(unsigned op)
{
	return op == RV_VMSLTU || op == RV_VMSLEU || op == RV_VMSGTU;
}

static void ordered_operands(struct tctx *t, unsigned step)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned sew = t->v_sew;
	uint64_t top = 1ull << (8 * sew - 1);
	if (in->op >= RV_VMFEQ && in->op <= RV_VMFGE) {
		if (in->rs3 == VF_VF)
			fp_scalar_broadcast(t, in->rs1, sew, step);
		return;
	}
	if (!flips(in->op)) {
		if (in->rs3 != VF_VV)
			scalar_operand(t, sew, step);
		return;
	}
	e_mov_ri(e, RAX, top);
	broadcast(t, sew, step);
	if (in->rs3 == VF_VV)
		return;
	e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0x6f, XMM2, 0, XMM1); /* vmovdqa ymm2, ymm1 */
	if (in->rs3 == VF_VX)
		t_get(t, RAX, in->rs1);
	else
		e_mov_ri(e, RAX, (uint64_t)in->imm);
	e_mov_ri(e, RCX, top);
	e_alu_rr(e, ALU_XOR, true, RAX, RCX);
	broadcast(t, sew, step);
}

/* xmm0 (ymm0, vs2's chunk k) = vs2 > the other operand, or for vmslt/vmsltu the other > vs2, by
 * vpcmpgtb/w/d/q (vmsle/vmsleu invert the bits later); an FP compare by vcmpps/pd, with both
 * operands' elements past vl made 0.0 first where it blends (so that they raise no flag) */
static void ordered_compare(struct tctx *t, unsigned k, unsigned step, bool blend)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	static const uint8_t pcmpgt[9] = {[1] = 0x64, [2] = 0x65, [4] = 0x66, [8] = 0x37};
	unsigned sew = t->v_sew;
	bool vv = in->rs3 == VF_VV, swap = in->op == RV_VMSLT || in->op == RV_VMSLTU;
	int other = vv ? XMM2 : XMM1, sign = vv ? XMM1 : XMM2;
	if (vv)
		vget(t, XMM2, in->rs1, k, step);
	if (in->op >= RV_VMFEQ && in->op <= RV_VMFGE) { /* vcmpps/pd xmm0, xmm0, other, predicate */
		if (blend) {                            /* vpand with the active bytes */
			e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F, false, 0xdb, XMM0, XMM0,
				 blend_at(t, BLEND_ACTIVE, k));
			e_vex_rm(e, step == 2, VEX_PP_66, VEX_0F, false, 0xdb, XMM2, other,
				 blend_at(t, BLEND_ACTIVE, k));
			other = XMM2;
		}
		e_vex_rr(e, step == 2, sew == 8 ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, false, 0xc2, XMM0, XMM0, other);
		e_byte(e, fp_predicate[in->op - RV_VMFEQ]);
		return;
	}
	if (flips(in->op)) { /* vpxor */
		e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xef, XMM0, XMM0, sign);
		if (vv)
			e_vex_rr(e, step == 2, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, sign);
	}
	e_vex_rr(e, step == 2, VEX_PP_66, sew == 8 ? VEX_0F38 : VEX_0F, false, pcmpgt[sew], XMM0, swap ? other : XMM0,
		 swap ? XMM0 : other);
}

/* Whether the store after msif (a vmsif or vmsbf into v0 that set_first_whole makes) runs in
 * first_of_masks, or in mask_compare's AVX2 test of a homed group: a unit-stride vse of SEW
 * elements under v0.t, through a base vfirst.m leaves as it is, with the registers resident in
 * zmm homes and AVX-512's masks, or its group in a ymm home, vl VLMAX and whole registers live,
 * so that the store emits no state of its own */
static bool mask_store_fusable(const struct tctx *t, const struct rv_insn *first, const struct rv_insn *msif,
			       const struct rv_insn *store)
{
	return msif->rd == 0 && msif->op != RV_VMSOF && store && store->op == RV_VSE && !store->rm && store->rs3 == 1 &&
	       store->rs1 != first->rd && /* its base register's check made before vfirst.m writes it */
	       (unsigned)store->imm / 8 == t->v_sew && store->rd != 0 && store->rd % group_regs(t) == 0 &&
	       (t->j->v_resident ? t->j->v_masks && !t->j->v_blend && t->v_live : vhome(t, store->rd) >= 0) &&
	       t->v_whole && t->v_lmul8 >= 8;
}

/* The store (t->idx + 3) as its own, and emitted twice: the base register's check made in both */
static void mask_store_as(struct tctx *t, const struct rv_insn *as, uint32_t checked, int32_t drift, bool pair)
{
	unsigned rs1 = t->insns[t->idx + 3].rs1;
	int idx = t->idx;
	const struct rv_insn *in = t->in;
	uint64_t pc = t->pc;
	t->base_checked = checked;
	t->base_drift[rs1] = drift;
	t->idx = idx + 3;
	t->pc = t->insn_pc[idx + 3];
	t->in = as;
	load_store_as(t, pair);
	t->idx = idx;
	t->pc = pc;
	t->in = in;
}

/* After mask_compare's vmseq of a whole register's 128 elements into k3 (0-63) and k1 (64-127):
 * vd their two words, vfirst.m (first) into its rd and, where they follow, a vmsif, vmsbf or vmsof
 * of vd (msif) and a store under v0.t (store). That the compare found nothing (every pass of a
 * string's loop but its last) is tested on the masks, unless the caller tested it first (none,
 * the jump it takes then): vd is zero then, rd -1, msif's register all ones (vmsof's zero) and
 * the store a whole one, and no word is moved to a general register. */
static void first_of_masks(struct tctx *t, unsigned vd, const struct rv_insn *first, const struct rv_insn *msif,
			   const struct rv_insn *store, uint8_t *none)
{
	struct emit *e = &t->e;
	struct rv_insn whole;
	int x = rd_or_rax(t, first->rd);
	uint32_t checked = t->base_checked;
	int32_t drift = store ? t->base_drift[store->rs1] : 0;
	uint8_t *low, *join;
	/* pairs of stores (store_pair) take a shuffle each on port 5, where the four compares that
	 * make the words also run: not where they run at every pass */
	bool tested = none != NULL;
	if (!none) { /* else tested before the words were made */
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, true, 0x98, 1, 0, 3); /* kortestq k1, k3 */
		none = e_jcc(e, CC_E);
	}
	e_vex_rr(e, false, VEX_PP_F2, VEX_0F, true, 0x93, RCX, 0, 3); /* kmovq rcx, k3 */
	e_vex_rr(e, false, VEX_PP_F2, VEX_0F, true, 0x93, RDX, 0, 1); /* kmovq rdx, k1 */
	put_words(t, vd, RCX, RDX);
	low = lowest_of_words(e, x);
	e_patch(low, e->p);
	if (x == RAX)
		t_put(t, first->rd, RAX);
	if (msif) {
		e_mov_rr(e, true, RAX, RCX);
		set_first_whole(t, msif);
	}
	if (store)
		mask_store_as(t, store, checked, drift, false);
	join = e_jmp(e);
	e_patch(none, e->p);
	if (t->j->v_resident) /* 32 bytes: zeros in vd's half of its home, ones in the other */
		e_mov_ri(e, RDX, (uint64_t)(uintptr_t)(vd & 1 ? &blend_bytes.active[240] : &blend_bytes.keep[240]));
	if (msif && msif->op != RV_VMSOF && t->j->v_resident && vd / 2 == msif->rd / 2 && vd != msif->rd) {
		/* the two halves of one home (v1 and v0): written by one load, where inserting each
		 * half takes a shuffle (port 5 on Intel, which the compares and a paired store use) */
		e_evex_rm(e, true, VEX_PP_F3, VEX_0F, true, 0x6f, home(vd), 0, M(RDX, 0)); /* vmovdqu64 */
		msif = NULL;
	} else if (t->j->v_resident) { /* vpandq with that: no shuffle (port 5) */
		e_evex_rm(e, true, VEX_PP_66, VEX_0F, true, 0xdb, home(vd), home(vd), M(RDX, 0));
	} else {
		e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0xef, XMM2, XMM2, XMM2); /* vpxor: zero */
		vput(t, vd, 0, XMM2, 1);
	}
	e_mov_ri(e, x, UINT64_MAX);
	if (x == RAX)
		t_put(t, first->rd, RAX);
	if (msif) {
		if (msif->op != RV_VMSOF)
			e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x76, XMM2, XMM2, XMM2); /* vpcmpeqd: all ones */
		vput(t, msif->rd, 0, XMM2, 1);
	}
	if (store) {
		whole = *store;
		whole.rm = 1;
		mask_store_as(t, &whole, checked, drift, tested);
	}
	e_patch(join, e->p);
	t->consumed = store ? 4 : msif ? 3 : 2;
}

/* vmseq, vmsne and, with the registers in the vCPU and AVX2, the ordered and FP compares
 * (ordered_compare) (.vv, .vx, .vi, .vf): one bit of vd per element, 64 stored at a time once the elements
 * they come from are read (vd may be the lowest register of a source group); where VLMAX is
 * below a register's bits, those past it stay as they were (a fractional LMUL, AVX2 only: the
 * chunks its VLMAX elements lie in, their bits past it dropped with the tail's). With the registers resident, 32
 * bytes are compared into k1 at a time (a compare with 0 as vptestnm), and a mask of the whole
 * register goes to it at once; a vfirst.m of the mask right after it takes the words from
 * rcx and rdx (the pair runs as one), and so does a vmsbf/vmsif/vmsof of the mask after it (a
 * vector strcpy's three). */
static bool mask_compare(struct tctx *t)
{
	const struct rv_insn *in = t->in, *first = t_peek(t, 1);
	struct emit *e = &t->e;
	static const uint8_t pcmpeq[9] = {[1] = 0x74, [2] = 0x75, [4] = 0x76};
	unsigned sew = t->v_sew, regs = group_regs(t), form = in->rs3;
	unsigned per_chunk = 16 / sew, nbits = (unsigned)t->v_vlmax, done = 0, step, per_step, nfound = 0;
	unsigned chunks = (nbits * sew + 15) / 16; /* a fractional LMUL's: those its VLMAX elements lie in */
	uint8_t *short_vl = NULL, *found[2], *no_zero = NULL;
	const struct rv_insn *mask_store = NULL; /* strcpy's store under v0.t, in both ways of the test */
	struct rv_insn whole_store;
	uint32_t checked = 0;
	int32_t drift = 0;
	/* AVX2 (v_blend) with vl perhaps below VLMAX: each word's bits from vl on stay as they were */
	bool fp = in->op >= RV_VMFEQ && in->op <= RV_VMFGE, ordered = in->op != RV_VMSEQ && in->op != RV_VMSNE;
	/* an FP compare's elements past vl or inactive, blended to 0.0 (blend_masks, blend_elements),
	 * raise no flag */
	bool fp_blend = fp && (!in->rm || !t->v_whole || t->v_lmul8 < 8) && blends(t);
	bool tail = t->j->v_blend && t->j->host_bmi2 && (!t->v_whole || !in->rm || t->v_lmul8 < 8) && (!fp || fp_blend),
	     k1, pairs, whole, fuse, kfuse, msif_fused;
	if (ordered && (!t->j->host_avx2 || t->j->v_resident || (sew == 8 && !t->j->host_sse42)))
		return false; /* VEX forms on registers in the vCPU only */
	if (fp ? (sew != 4 && sew != 8) || (form != VF_VV && form != VF_VF) : form == VF_VF)
		return false;
	if ((!in->rm && !tail) || (t->v_lmul8 < 8 && (t->j->v_resident || !tail)) || in->rs2 % regs ||
	    (form != VF_VV && form != VF_VX && form != VF_VI && !fp) || (form == VF_VV && in->rs1 % regs) ||
	    (sew == 8 && !t->j->host_sse41) || (in->rd > in->rs2 && in->rd < in->rs2 + regs) ||
	    (form == VF_VV && in->rd > in->rs1 && in->rd < in->rs1 + regs))
		return false;
	if (tail)
		make_live(t);
	else
		short_vl = enter_whole_group(t);
	if (tail && fp_blend && !t->v_masked)
		blend_masks(t);
	t->v_masked |= tail && fp_blend;
	step = step_of(t, chunks);
	per_step = per_chunk * step;
	k1 = in_place(t, step, sew);
	pairs = k1 && sew == 1 && chunks % 4 == 0; /* a word from two compares: k1 and k2 */
	/* the register's two words from rcx and rdx at the end (with AVX2, from each chunk's pmovmskb) */
	whole = (k1 || (!tail && t->j->host_avx2 && sew == 1)) && nbits == 128;
	fuse = whole && first && first->op == RV_VFIRST_M && first->rm && first->rs2 == in->rd;
	/* vmseq's words left in k3 and k1 for first_of_masks */
	kfuse = fuse && pairs && !tail && in->op == RV_VMSEQ;
	/* a string's vmsif after the pair (strcpy's), made of the same words */
	msif_fused = fuse && !kfuse && !tail && set_first_whole_of(t, t_peek(t, 2), in->rd);
	if (ordered)
		ordered_operands(t, step);
	else if (fuse && !k1 && form == VF_VI && in->imm == 0)
		e_sse_rr(e, 0x66, false, 0xef, XMM1, XMM1); /* pxor: zeros, the whole ymm (VEX) */
	else if (form != VF_VV && !(k1 && form == VF_VI && in->imm == 0))
		scalar_operand(t, sew, step);
	if (fuse && !k1 && in->op == RV_VMSEQ && form == VF_VI && in->imm == 0 && chunks == 8 && step == 2 &&
	    vhome(t, in->rs2) >= 0 && vhome(t, in->rs2 + 2) >= 0 && vhome(t, in->rs2 + 4) >= 0 &&
	    vhome(t, in->rs2 + 6) >= 0) {
		/* AVX2, the group homed: no zero byte in it (a string's every pass but its last) found by
		 * the bytewise minimum of its four ymm registers and one compare with xmm1's zeros; vd
		 * is zero then, vfirst's rd -1 and the vmsif's register all ones, made without the
		 * words (no_zero jumps past the pair and the vmsif) */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0xda, XMM0, vhome(t, in->rs2), vhome(t, in->rs2 + 2));
		e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0xda, XMM2, vhome(t, in->rs2 + 4), vhome(t, in->rs2 + 6));
		e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0xda, XMM0, XMM0, XMM2); /* vpminub */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F, false, 0x74, XMM0, XMM0, XMM1); /* vpcmpeqb */
		e_vex_rr(e, true, VEX_PP_66, VEX_0F38, false, 0x17, XMM0, 0, XMM0);  /* vptest */
		uint8_t *has_zero = e_jcc(e, CC_NE);
		int x = rd_or_rax(t, first->rd);
		vput(t, in->rd, 0, XMM1, 1);
		e_mov_ri(e, x, UINT64_MAX);
		if (x == RAX)
			t_put(t, first->rd, RAX);
		if (msif_fused) {
			const struct rv_insn *msif = t_peek(t, 2);
			if (msif->op != RV_VMSOF)
				e_vex_rr(e, false, VEX_PP_66, VEX_0F, false, 0x76, XMM2, XMM2, XMM2); /* vpcmpeqd */
			vput(t, msif->rd, 0, msif->op != RV_VMSOF ? XMM2 : XMM1, 1);
			mask_store = t_peek(t, 3);
			if (mask_store && !mask_store_fusable(t, first, msif, mask_store))
				mask_store = NULL;
		}
		if (mask_store) { /* under v0's ones: a whole store */
			whole_store = *mask_store;
			whole_store.rm = 1;
			checked = t->base_checked;
			drift = t->base_drift[mask_store->rs1];
			mask_store_as(t, &whole_store, checked, drift, false);
		}
		no_zero = e_jmp(e);
		e_patch(has_zero, e->p);
	}
	if (kfuse && form == VF_VI && in->imm == 0 && chunks == 8) {
		/* no zero byte in the group (a string's every pass but its last): the bytewise minimum
		 * of its four homes tested, one compare where the words take four and two kunpckdq,
		 * all on port 5 */
		evex_op(t, 0x66, false, false, 0xda, XMM0, home(in->rs2), home(in->rs2 + 2)); /* vpminub */
		evex_op(t, 0x66, false, false, 0xda, XMM1, home(in->rs2 + 4), home(in->rs2 + 6));
		evex_op(t, 0x66, false, false, 0xda, XMM0, XMM0, XMM1);
		e_evex_rr(e, true, VEX_PP_F3, VEX_0F38, false, 0x26, 1, XMM0, XMM0); /* vptestnmb k1 */
		e_vex_rr(e, false, VEX_PP_NONE, VEX_0F, true, 0x98, 1, 0, 1);        /* kortestq k1, k1 */
		no_zero = e_jcc(e, CC_E);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		unsigned at = done % 64;
		uint8_t cmp = sew == 8 ? 0x29 : pcmpeq[sew]; /* pcmpeqq is in 0F38 */
		if (k1) { /* vpcmpeq or vptestnm k1; kmovd (byte, word) or kmovw eax, k1 */
			int a = home(in->rs2 + k), kr = pairs && k % 4 ? 2 : 1;
			if (form == VF_VI && in->imm == 0)
				e_evex_rr(e, true, VEX_PP_F3, VEX_0F38, sew == 2 || sew == 8, sew <= 2 ? 0x26 : 0x27,
					  kr, a, a);
			else
				evex_op(t, 0x66, sew == 8, sew == 8, cmp, kr, a,
					form == VF_VV ? home(in->rs1 + k) : XMM1);
			if (pairs && k % 4 == 0)
				continue; /* the word's low half in k1 */
			if (kfuse) {      /* kunpckdq k3 (elements 0-63) or k1, k2, k1 */
				e_vex_rr(e, true, VEX_PP_NONE, VEX_0F, true, 0x4b, done ? 1 : 3, 2, 1);
				done += 2 * per_step;
				continue;
			}
			if (pairs) { /* kunpckdq k1, k2, k1; kmovq rdx, k1: a word */
				e_vex_rr(e, true, VEX_PP_NONE, VEX_0F, true, 0x4b, 1, 2, 1);
				e_vex_rr(e, false, VEX_PP_F2, VEX_0F, true, 0x93, RDX, 0, 1);
				if (in->op == RV_VMSNE)
					e_unary(e, 2, true, RDX); /* not */
				done += 2 * per_step;
				goto word;
			}
			e_vex_rr(e, false, sew <= 2 ? VEX_PP_F2 : VEX_PP_NONE, VEX_0F, false, 0x93, RAX, 0, 1);
		} else {
			if (tail && fp_blend && !in->rm) { /* v_elem for chunk k (rdx kept in rcx) */
				e_mov_rr(e, true, RCX, RDX);
				blend_elements(t, k, step);
				e_mov_rr(e, true, RDX, RCX);
			}
			vget(t, XMM0, in->rs2, k, step);
			if (ordered) /* xmm0 = vs2 > the other, or (swapped) the other > vs2: pcmpgt */
				ordered_compare(t, k, step, tail && fp_blend);
			else if (form == VF_VV)
				vec_op_v(t, 0x66, sew == 8, cmp, XMM0, in->rs1, k, step, XMM1);
			else
				vec_op_r(t, 0x66, sew == 8, cmp, XMM0, XMM1, step);
			if (sew == 2)
				vec_op_r(t, 0x66, false, 0x63, XMM0, XMM0,
					 step); /* packsswb: a byte per element (per lane) */
			if (sew <= 2)
				vec_unary(t, 0x66, 0xd7, RAX, XMM0, step); /* pmovmskb */
			else
				vec_unary(t, sew == 8 ? 0x66 : 0, 0x50, RAX, XMM0, step); /* movmskps/pd */
			if (sew == 2 && step == 2) { /* each lane's 8 bits, then their copies: bits 0-7 and 16-23 */
				e_mov_rr(e, false, RCX, RAX);
				e_shift_i(e, SH_SHR, false, RCX, 8);
				e_alu_ri(e, ALU_AND, false, RCX, 0xff00);
				e_movzx8(e, RAX, RAX);
				e_alu_rr(e, ALU_OR, false, RAX, RCX);
			} else if (sew == 2) {
				e_movzx8(e, RAX, RAX);
			}
		}
		if (in->op == RV_VMSNE || in->op == RV_VMSLE || in->op == RV_VMSLEU)
			e_alu_ri(e, ALU_XOR, false, RAX, per_step == 32 ? -1 : (int32_t)((1u << per_step) - 1));
		if (at) {
			e_shift_i(e, SH_SHL, true, RAX, (uint8_t)at);
			e_alu_rr(e, ALU_OR, true, RDX, RAX);
		} else {
			e_mov_rr(e, true, RDX, RAX);
		}
		done += per_step;
	word:
		if (whole && done == 64) {
			e_mov_rr(e, true, RCX, RDX);
		} else if (whole && done == 128) {
			put_words(t, in->rd, RCX, RDX);
		} else if (done % 64 == 0 || done >= nbits) { /* a fractional LMUL's chunk has more */
			unsigned upto = done < nbits ? done : nbits, w = (upto - 1) / 64, n = nbits - 64 * w;
			bool in_reg = t->j->v_resident || vhome(t, in->rd) >= 0;
			struct mem q = vcpu_reg(t, in->rd, 0);
			q.disp += (int32_t)(8 * w);
			if (tail) { /* the active bits (below VLMAX and vl, under v0) from the compare, vd's own
				       elsewhere */
				e_mov_ri(e, RCX, n >= 64 ? UINT64_MAX : ~(~0ull << n));
				and_below_vl(t, RCX, RAX, 64 * w);
				if (!in->rm) { /* v0's word, not yet overwritten where vd is v0 */
					struct mem v0 = vreg(t, 0, 0);
					v0.disp += (int32_t)(8 * w);
					e_alu_rm(e, ALU_AND, true, RCX, v0);
				}
				e_alu_rr(e, ALU_AND, true, RDX, RCX);
				e_unary(e, 2, true, RCX); /* not */
				if (in_reg)
					vword_get(t, RAX, in->rd, w);
				else
					e_load(e, RAX, q, 8, false);
				e_alu_rr(e, ALU_AND, true, RAX, RCX);
				e_alu_rr(e, ALU_OR, true, RDX, RAX);
			} else if (upto % 64) { /* the bits past VLMAX */
				if (in_reg)
					vword_get(t, RAX, in->rd, w);
				else
					e_load(e, RAX, q, 8, false);
				e_mov_ri(e, RCX, ~0ull << (upto % 64));
				e_alu_rr(e, ALU_AND, true, RAX, RCX);
				e_alu_rr(e, ALU_OR, true, RDX, RAX);
			}
			if (in_reg)
				vword_put(t, in->rd, w, RDX);
			else
				e_store(e, q, RDX, 8);
		}
	}
	finish_wide(t, step);
	if (kfuse) {
		const struct rv_insn *msif = t_peek(t, 2), *store;
		if (!set_first_whole_of(t, msif, in->rd))
			msif = NULL;
		store = msif ? t_peek(t, 3) : NULL;
		if (store && !mask_store_fusable(t, first, msif, store))
			store = NULL;
		first_of_masks(t, in->rd, first, msif, store, no_zero);
	} else if (fuse) { /* no bit set (a string's common case) tested first; into rd's host register */
		uint8_t *none;
		int x = rd_or_rax(t, first->rd);
		e_mov_rr(e, true, x, RCX);
		e_alu_rr(e, ALU_OR, true, x, RDX);
		none = e_jcc(e, CC_E);
		found[nfound++] = lowest_of_words(e, x);
		found[nfound++] = e_jmp(e);
		e_patch(none, e->p);
		first_found(t, first->rd, x, found, nfound);
		t->consumed = 2;
		if (msif_fused) { /* strcpy's vmsif: from rcx and rdx */
			e_mov_rr(e, true, RAX, RCX);
			set_first_whole(t, t_peek(t, 2));
			t->consumed = 3;
		}
		if (mask_store) {
			mask_store_as(t, mask_store, checked, drift, false);
			t->consumed = 4;
		}
		if (no_zero)
			e_patch(no_zero, e->p);
	}
	short_vl_path(t, short_vl, "vl below VLMAX: the mask's tail stays undisturbed");
	return true;
}

/* The integer compares into a mask (vmseq, vmsne, vmsltu, vmslt, vmsleu, vmsle, vmsgtu, vmsgt)
 * where the host has the masks and vl may be below VLMAX, the compare is masked or the LMUL
 * fractional: vpcmp[u] into k1 a chunk at a time, a word's bits gathered in rdx, then written
 * where active_word says (the others, tail and inactive, stay) */
static bool compare_masked(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op, sew = t->v_sew, regs = group_regs(t), chunks = group_chunks(t), form = in->rs3, step, per;
	bool sign = op == RV_VMSLT || op == RV_VMSLE || op == RV_VMSGT, fp = op >= RV_VMFEQ && op <= RV_VMFGE;
	/* vpcmp's predicates; vcmpps/pd's (fp_predicate) */
	uint8_t pred = fp                                  ? fp_predicate[op - RV_VMFEQ]
		       : op == RV_VMSEQ                    ? 0
		       : op == RV_VMSNE                    ? 4
		       : op == RV_VMSLTU || op == RV_VMSLT ? 1
		       : op == RV_VMSLEU || op == RV_VMSLE ? 2
							   : 6;
	if (!t->j->v_masks || in->rs2 % regs || (fp && ((sew != 4 && sew != 8) || (form != VF_VV && form != VF_VF))) ||
	    (!fp && form != VF_VV && form != VF_VX && form != VF_VI) || (form == VF_VV && in->rs1 % regs) ||
	    (in->rd > in->rs2 && in->rd < in->rs2 + regs) ||
	    (form == VF_VV && in->rd > in->rs1 && in->rd < in->rs1 + regs))
		return false; /* vd inside a source group but not its first register: the interpreter's */
	enter_group(t);
	step = step_of(t, chunks);
	per = 16 * step / sew;
	if (form == VF_VF)
		fp_scalar_broadcast(t, in->rs1, sew, step);
	else if (form != VF_VV)
		scalar_operand(t, sew, step);
	for (unsigned w = 0; w * 64 < t->v_vlmax; w++) {
		active_word(t, w);
		for (unsigned k = 0; k < chunks; k += step) {
			unsigned first = k / step * per;
			int a = home(in->rs2 + k), b = form == VF_VV ? home(in->rs1 + k) : XMM1;
			if (first < 64 * w || first >= 64 * w + 64)
				continue;
			if (step == 1) {
				vget(t, XMM0, in->rs2, k, 1);
				a = XMM0;
				if (form == VF_VV)
					vget(t, XMM2, in->rs1, k, 1), b = XMM2;
			}
			if (fp) /* vcmpps/pd k1{active}, a, b, pred: no flag from the others */
				e_evex_rrk(e, step == 2, sew == 8 ? VEX_PP_66 : VEX_PP_NONE, VEX_0F, sew == 8, 0xc2, 1,
					   a, b, elem_k_via(t, k, step, RAX), false);
			else /* vpcmp[u]b/w/d/q k1, a, b, pred */
				e_evex_rr(e, step == 2, VEX_PP_66, VEX_0F3A, sew == 2 || sew == 8,
					  (uint8_t)((sew >= 4 ? 0x1e : 0x3e) + sign), 1, a, b);
			e_byte(e, pred);
			e_vex_rr(e, false, VEX_PP_F2, VEX_0F, false, 0x93, RAX, 0, 1); /* kmovd eax, k1 */
			if (first % 64)
				e_shift_i(e, SH_SHL, true, RAX, (uint8_t)(first % 64));
			if (first % 64)
				e_alu_rr(e, ALU_OR, true, RDX, RAX);
			else
				e_mov_rr(e, true, RDX, RAX);
		}
		/* vd's word: the compare's bits where active, its own elsewhere */
		e_alu_rr(e, ALU_AND, true, RDX, RCX);
		e_unary(e, 2, true, RCX); /* not */
		vword_get(t, RAX, in->rd, w);
		e_alu_rr(e, ALU_AND, true, RAX, RCX);
		e_alu_rr(e, ALU_OR, true, RDX, RAX);
		vword_put(t, in->rd, w, RDX);
	}
	finish_wide(t, step);
	return true;
}

/* vfirst.m: the first set bit among the first VLMAX of vs2, or -1 */
static bool first_set(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	unsigned nbits = (unsigned)t->v_vlmax, n = 0;
	uint8_t *found[16], *short_vl = NULL;
	bool masked = words_masked(t); /* the bits active_word gives (below vl, under v0) */
	if ((!in->rm && !masked) || nbits > 64 * 16)
		return false;
	if (masked)
		make_live(t);
	else
		short_vl = enter_whole_group(t);
	for (unsigned q = 0; q * 64 < nbits; q++) {
		struct mem m = vreg(t, in->rs2, 0);
		m.disp += (int32_t)(8 * q);
		if (masked)
			active_word(t, q);
		if (t->j->v_resident)
			vword_get(t, RAX, in->rs2, q);
		else
			e_load(&t->e, RAX, m, 8, false);
		if (masked)
			e_alu_rr(&t->e, ALU_AND, true, RAX, RCX);
		first_in_word(t, q, masked ? 64 * q + 64 : nbits, found, &n);
	}
	first_found(t, in->rd, RAX, found, n);
	short_vl_path(t, short_vl, "vl below VLMAX: the bits past vl do not count");
	return true;
}

/* vmand, vmnand, vmandn, vmxor, vmor, vmnor, vmorn, vmxnor (vmmv, vmnot, vmclr, vmset among
 * them), where words_ok: vd's bits below vl from vs2's and vs1's, a word at a time
 * (active_word's), the others as they were */
static bool mask_logical(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned op = in->op;
	if (!words_ok(t) || !in->rm)
		return false;
	make_live(t);
	for (unsigned w = 0; w * 64 < t->v_vlmax; w++) {
		active_word(t, w);
		vword_get(t, RAX, in->rs2, w);
		vword_get(t, RDX, in->rs1, w);
		if (op == RV_VMANDN || op == RV_VMORN)
			e_unary(e, 2, true, RDX); /* not */
		e_alu_rr(e,
			 op == RV_VMXOR || op == RV_VMXNOR                   ? ALU_XOR
			 : op == RV_VMOR || op == RV_VMORN || op == RV_VMNOR ? ALU_OR
									     : ALU_AND,
			 true, RAX, RDX);
		if (op == RV_VMNAND || op == RV_VMNOR || op == RV_VMXNOR)
			e_unary(e, 2, true, RAX);
		e_alu_rr(e, ALU_AND, true, RAX, RCX);
		e_unary(e, 2, true, RCX);
		vword_get(t, RDX, in->rd, w);
		e_alu_rr(e, ALU_AND, true, RDX, RCX);
		e_alu_rr(e, ALU_OR, true, RAX, RDX);
		vword_put(t, in->rd, w, RAX);
	}
	return true;
}

/* vcpop.m: the set bits among the first VLMAX of vs2 (where words_masked: the active ones,
 * active_word's), counted by popcnt */
static bool count_set(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	unsigned nbits = (unsigned)t->v_vlmax;
	int x = rd_or_rax(t, in->rd);
	uint8_t *short_vl = NULL;
	bool masked = words_masked(t);
	if ((!in->rm && !masked) || !t->j->host_bitcount || nbits > 128 || x == RCX || x == RDX)
		return false;
	if (masked)
		make_live(t);
	else
		short_vl = enter_whole_group(t);
	for (unsigned q = 0; q * 64 < nbits; q++) {
		if (masked)
			active_word(t, q);
		else
			e_mov_ri(e, RCX, nbits - q * 64 >= 64 ? UINT64_MAX : ~(~0ull << (nbits - q * 64)));
		vword_get(t, RAX, in->rs2, q);
		e_alu_rr(e, ALU_AND, true, RAX, RCX);
		e_bitcount(e, 0xb8, true, q ? RAX : RDX, RAX); /* popcnt */
		if (q)
			e_alu_rr(e, ALU_ADD, true, RDX, RAX);
	}
	e_mov_rr(e, true, x, RDX);
	if (x == RAX)
		t_put(t, in->rd, RAX);
	short_vl_path(t, short_vl, "vl below VLMAX: the bits past vl do not count");
	return true;
}

/* Whether instruction in may write x[r] (any with r as its rd field but stores, branches and
 * the vector accesses and forms whose rd is a vector register: a loop whose vle wrote v12 had a2,
 * its pointers' step, taken for written, and tested the pointers at each pass) */
static bool may_write_x(const struct rv_insn *in, unsigned r)
{
	unsigned f = rv_op_format(in->op);
	if (f == F_V)
		return in->rd == r && (in->op == RV_VMV_X_S || in->op == RV_VCPOP_M || in->op == RV_VFIRST_M);
	return in->rd == r && f != F_STORE && f != F_FSTORE && f != F_B && f != F_VMEM;
}

/* Whether every write to x[r] in the loop's n instructions leaves at most VLMAX << 3: a vset*'s
 * vl, csrr of vl, or (one level) slli by 3 or less of such a register */
static bool vl_bounded(struct tctx *t, int n, unsigned r, bool shifted)
{
	for (int k = 0; k < n; k++) {
		const struct rv_insn *in = &t->insns[k];
		if (!may_write_x(in, r) || in->op == RV_VSETVLI || in->op == RV_VSETIVLI ||
		    (in->op == RV_CSRRS && in->rs1 == 0 && in->imm == RV_CSR_VL))
			continue;
		if (!shifted && in->op == RV_SLLI && in->imm <= 3 && in->rs1 != r && vl_bounded(t, n, in->rs1, true))
			continue;
		return false;
	}
	return true;
}

/* The base registers of the loop's unmasked unit-stride vector accesses that only move up, by
 * add b, b, x with x at most VLMAX << 3 (a strip-mined loop's pointers): tested against the space
 * once at the block's entry (the block runs in the interpreter where one is out of it), not at
 * each pass. Sound because each pass that moves one by vl (not 0) also accesses at it, so that it
 * cannot pass the space's end by more than two passes' bytes without a fault in the 64 KiB guard
 * past it (RVX_SPACE_GUARD). stride[b]: the register of b's add where it has one, else
 * NO_STRIDE. */
enum { NO_STRIDE = 0xff };
static uint32_t stepping_bases(struct tctx *t, int n, uint8_t *stride)
{
	uint32_t steps = 0;
	for (int k = 0; k < n; k++) {
		const struct rv_insn *in = &t->insns[k];
		unsigned b = in->rs1, by = 0;
		int writes = 0;
		bool ok = true;
		if ((in->op != RV_VLE && in->op != RV_VSE && in->op != RV_VLEFF) || !in->rm || in->rs3 != 1 || !b ||
		    (steps >> b & 1))
			continue;
		for (int w = 0; w < n && ok; w++) {
			const struct rv_insn *p = &t->insns[w];
			unsigned x = p->rs1 == b ? p->rs2 : p->rs1;
			if (may_write_x(p, b)) {
				ok = p->op == RV_ADD && (p->rs1 == b || p->rs2 == b) && x != b &&
				     vl_bounded(t, n, x, false);
				writes++;
				by = x;
			}
		}
		if (ok) {
			steps |= 1u << b;
			stride[b] = writes == 1 ? (uint8_t)by : NO_STRIDE;
		}
	}
	return steps;
}

/* Whether every pass sets register x before its add that steps base b (no branch before it) */
static bool set_before_step(const struct tctx *t, int n, unsigned b, unsigned x)
{
	for (int k = 0; k < n && !may_write_x(&t->insns[k], b) && !rv_ends_block(&t->insns[k]); k++)
		if (may_write_x(&t->insns[k], x))
			return true;
	return false;
}

/* A stepping base moved once a pass, by a register the loop sets only to vl (or vl << 3 at most),
 * stays checked through its add wherever the add is (loop_bases), once that register is tested
 * here to be no more before the first pass (unless the pass sets it before the add): a base
 * moved before its access (a string's loop, p += vl at the top) needs no test at each pass then. */
static void strides_bounded(struct tctx *t, int n, uint32_t steps, const uint8_t *stride, uint64_t vlmax)
{
	uint32_t tested = 0; /* a stride register that moves two bases is tested once */
	for (unsigned b = 1; b < 32; b++) {
		unsigned x = stride[b];
		int h;
		if (!(steps >> b & 1) || x == NO_STRIDE)
			continue;
		if (x && !(tested >> x & 1) && !set_before_step(t, n, b, x)) {
			tested |= 1u << x;
			h = t_host_reg(t, x);
			if (h < 0) {
				t_get(t, RAX, x);
				h = RAX;
			}
			e_alu_ri(&t->e, ALU_CMP, true, h, (int32_t)(vlmax << 3));
			t_cold_value(t, e_jcc(&t->e, CC_A), COLD_INTERPRET, 0);
		}
		t->loop_bases |= 1u << b;
	}
}

/* The forms whose emitters read vector registers in the vCPU other than through vreg and vword
 * (v0's bits of a masked form, the scalar gathers and scatters, vrgather's table): no homes in a
 * loop that has one */
static bool reads_vcpu(const struct rv_insn *in)
{
	unsigned f = rv_op_format(in->op);
	if (f != F_V && f != F_VMEM)
		return false;
	/* a masked store of bytes or halfwords takes v0's words (store_prefix's active_word, v0_bits) */
	bool prefix_store = in->op == RV_VSE && in->rs3 == 1 && in->imm < 32;
	/* unordered indexed accesses of every element by indexes of 32 bits or fewer take their
	 * registers from the homes (gather_scatter_scalar) */
	bool unordered = in->op == RV_VLUXEI || in->op == RV_VSUXEI;
	return (!in->rm && !prefix_store) || in->op == RV_VLSE || in->op == RV_VSSE ||
	       (unordered && (in->rs3 != 1 || in->imm > 32)) || in->op == RV_VLOXEI || in->op == RV_VSOXEI ||
	       in->op == RV_VRGATHER || in->op == RV_VCOMPRESS ||
	       ((in->op == RV_VLE || in->op == RV_VSE) && in->rs3 != 1);
}

/* The registers a vd (rd) or vs2 operand of in spans, where a group of the loop's vtype spans
 * regs: twice that for a widening form's vd and a narrowing (or .w) form's vs2, at most 8 */
static unsigned operand_regs(const struct rv_insn *in, unsigned regs, bool rd)
{
	unsigned op = in->op;
	bool wide_d = (op >= RV_VWADDU && op <= RV_VWMACCSU) || (op >= RV_VFWCVT_XU_F && op <= RV_VFWCVT_RTZ_X_F) ||
		      (op >= RV_VFWADD && op <= RV_VFWNMSAC);
	bool wide_s = (op >= RV_VNSRL && op <= RV_VNCLIP) || (op >= RV_VFNCVT_XU_F && op <= RV_VFNCVT_RTZ_X_F) ||
		      (op >= RV_VWADDU_W && op <= RV_VWSUB_W) || op == RV_VFWADD_W || op == RV_VFWSUB_W;
	unsigned n = (rd ? wide_d : wide_s) ? 2 * regs : regs;
	return n < 8 ? n : 8;
}

/* Homes for a vector loop's registers on a host with AVX2 and no AVX-512 (where they live in the
 * vCPU, and each form loads its sources from there and stores its result back, so that a loop's
 * values, an accumulator's included, go through memory at every form): the register pairs the
 * loop's count instructions name most, each in one of xmm3-15 as a ymm (VLEN 128: 32 bytes, two
 * registers), taken from the FP registers that no instruction of the loop names (f_read: those
 * its .vf forms read). They are swapped in before the loop head and out at every exit, stored for
 * helpers, and a fault takes them from the signal frame (jit_block's xswap). An emitter that
 * reaches a homed register in the vCPU (vreg, vword) has the block translated again without. */
bool jit_v_homes_host(const struct tctx *t)
{
	return t->homes_ok && !t->j->v_resident && t->j->host_avx2 && t->j->ymmh_off && t->cpu->vlenb == 16;
}

static void choose_homes(struct tctx *t, int count, uint32_t f_read, const struct rv_vtype *vt)
{
	unsigned uses[16] = {0}, regs = lmul_regs((unsigned)vt->lmul8);
	int free_xmm[NXMAPPED], nfree = 0;
	struct rv_vtype now;
	if (!jit_v_homes_host(t))
		return;
	for (int k = 0; k < count; k++) {
		const struct rv_insn *in = &t->insns[k];
		unsigned f = rv_op_format(in->op);
		if (reads_vcpu(in))
			return;
		if (jit_scalar_fp(in->op)) /* any of its register fields may name an f register */
			f_read |= 1u << in->rd | 1u << in->rs1 | 1u << in->rs2 | 1u << in->rs3;
		if (in->op == RV_VFMV_F_S)
			f_read |= 1u << in->rd;
		if (in->op == RV_VFMV_S_F) /* a .vf operand whose form is VF_V */
			f_read |= 1u << in->rs1;
		if ((in->op == RV_VSETVLI || in->op == RV_VSETIVLI) &&
		    rv_vtype_decode((uint64_t)in->imm, t->cpu->vlenb, &now))
			regs = lmul_regs((unsigned)now.lmul8); /* a loop of several vtypes */
		if (f != F_V && f != F_VMEM)
			continue;
		for (unsigned r = 0; r < operand_regs(in, regs, true); r++)
			uses[((in->rd + r) / 2) & 15]++;
		for (unsigned r = 0; f == F_V && r < operand_regs(in, regs, false); r++)
			if (in->op != RV_VMV_V && in->op != RV_VFMV_V)
				uses[((in->rs2 + r) / 2) & 15]++;
		for (unsigned r = 0; f == F_V && in->rs3 == VF_VV && r < regs; r++)
			uses[((in->rs1 + r) / 2) & 15]++;
	}
	for (unsigned g = 0; g < 32; g++)
		if (jit_xmm_reg(g) >= 0 && !(f_read >> g & 1))
			free_xmm[nfree++] = jit_xmm_reg(g);
	while (nfree) {
		unsigned best = 0;
		for (unsigned p = 1; p < 16; p++)
			if (uses[p] > uses[best])
				best = p;
		if (!uses[best])
			break;
		uses[best] = 0;
		t->v_home[best] = (int8_t)free_xmm[--nfree];
		t->xswap[free_xmm[nfree] - 3] = (uint8_t)(best + 1);
		t->nxswaps++;
	}
	if (!t->nxswaps)
		return;
	t_xswap_in(t);
	t->nswaps += t->nxswaps;
	t->swapped = true;
}

/* A vector loop: a block that branches back to its start, with a vsetvli, where every vset*
 * sets the same vtype (or, v_vtypes, which begins with its vsetvli and sets more than one: each
 * vsetvli stores its vtype). vtype, vstart and v_used are then the same at every pass: where the
 * block begins with the vsetvli, they are stored once before the loop head; where instructions
 * come first (which may fault with the old vtype), they are checked there instead, and the
 * block's first pass runs in the interpreter when they differ. The vector registers are made
 * live before the loop head too, its stepping pointers tested against the space there, and,
 * when the block writes no f register, a .vf single's NaN box tested there once (each pass
 * then broadcasts the scalar from its register). */
void jit_v_loop(struct tctx *t)
{
	const struct rv_insn *first = NULL;
	bool f_written = false, frm_written = false, fp_arith = false;
	uint32_t f_read = 0, steps;
	uint8_t stride[32];
	int count = 0;
	struct rv_vtype vt;
	t->v_loop = false;
	t->v_vtypes = false;
	t->v_sse_free = true;
	if (!t->npeeked || t->ptb || t->no_fuse || (t->cpu->v_ctrl & 3) == V_CTRL_OFF || t->cpu->vlenb % 16)
		return;
	for (int n = 0;; n++) {
		const struct rv_insn *in = n ? t_peek(t, n) : &t->insns[0];
		if (in && !first && (in->op == RV_VSETVLI || in->op == RV_VSETIVLI))
			first = in;
		if (!in || in->op == RV_VSETVL)
			return;
		if ((in->op == RV_VSETVLI || in->op == RV_VSETIVLI) && in->imm != first->imm)
			t->v_vtypes = true;
		if (jit_uses_sse(in))
			t->v_sse_free = false;
		if (jit_scalar_fp(in->op) || in->op == RV_VFMV_F_S)
			f_written = true; /* conservatively: any FP instruction may write f[rd] */
		if (in->op >= RV_FIRST_V && rv_op_format(in->op) == F_V && in->rs3 == VF_VF)
			f_read |= 1u << in->rs1;
		if (jit_csr_op(in->op) && (in->imm == RV_CSR_FRM || in->imm == RV_CSR_FCSR))
			frm_written = true;
		if (in->op == RV_VFADD || in->op == RV_VFSUB || in->op == RV_VFMUL || in->op == RV_VFDIV ||
		    (in->op >= RV_VFMADD && in->op <= RV_VFNMSAC))
			fp_arith = true; /* the forms that check frm */
		if (rv_ends_block(in)) {
			if (rv_op_format(in->op) != F_B || t->insn_pc[n] + (uint64_t)in->imm != t->block_pc)
				return;
			count = n + 1;
			break;
		}
	}
	/* more than one vtype: the block must begin with its vsetvli (no instruction runs under the
	 * last pass's) */
	if (!first || !rv_vtype_decode((uint64_t)first->imm, t->cpu->vlenb, &vt) ||
	    (t->v_vtypes && first != &t->insns[0])) {
		t->v_vtypes = false;
		return;
	}
	t->v_loop = true;
	choose_homes(t, count, f_read, &vt);
	steps = stepping_bases(t, count, stride);
	t_check_bases(t, steps);
	strides_bounded(t, count, steps, stride, vt.vlmax);
	if (first == &t->insns[0]) {
		store_vtype(t, first->imm);
	} else {
		struct emit *e = &t->e;
		e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vtype)), (int32_t)first->imm);
		t_cold_value(t, e_jcc(e, CC_NE), COLD_INTERPRET, 0);
		e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vstart)), 0);
		t_cold_value(t, e_jcc(e, CC_NE), COLD_INTERPRET, 0);
		e_load(e, RAX, M(REG_CPU, OFF(v_used)), 1, false);
		e_test_rr(e, false, RAX, RAX);
		t_cold_value(t, e_jcc(e, CC_E), COLD_INTERPRET, 0);
	}
	make_live(t);
	if (fp_arith && !frm_written) { /* frm stays as it is in the loop: the FP forms need not check it */
		t_cold_value(t, check_frm(t), COLD_INTERPRET, 0);
		t->frm_checked = true;
	}
	if (f_written || (vt.sew != 4 && vt.sew != 8))
		return;
	if (vt.sew == 4) /* a .vf single tested for its NaN box once */
		t_boxed_before_loop(t, f_read);
}

/* The element-wise forms, which mask their tail (enter_group): whether translated, or -1 for
 * another instruction. One that returns false has emitted nothing. */
static int element_wise(struct tctx *t)
{
	t->v_blending = false;
	switch (t->in->op) {
	case RV_VLE:
	case RV_VSE:
		if (t->in->rs3 > 1)
			return gather_scatter(t);
		/* fall through */
	case RV_VLEFF: return (unsigned)t->in->imm / 8 == t->v_sew ? load_store(t) : load_store_eew(t);
	case RV_VLSE:
		if (t->in->rs2 == 0 && broadcast_load(t))
			return true;
		/* fall through */
	case RV_VSSE:
	case RV_VLUXEI:
	case RV_VSUXEI: return gather_scatter(t);
	case RV_VLM:
	case RV_VSM: return mask_memory(t);
	case RV_VFCVT_XU_F:
	case RV_VFCVT_X_F:
	case RV_VFCVT_F_XU:
	case RV_VFCVT_F_X:
	case RV_VFCVT_RTZ_XU_F:
	case RV_VFCVT_RTZ_X_F: return conversion(t);
	case RV_VFSGNJ:
	case RV_VFSGNJN:
	case RV_VFSGNJX: return sign_injection(t);
	case RV_VFMIN:
	case RV_VFMAX: return fp_min_max(t);
	case RV_VFWCVT_F_F:
	case RV_VFWCVT_F_X:
	case RV_VFWCVT_F_XU: return fp_widen_convert(t);
	case RV_VFNCVT_F_F: return fp_narrow_convert(t);
	case RV_VFWADD:
	case RV_VFWSUB:
	case RV_VFWMUL:
	case RV_VFWADD_W:
	case RV_VFWSUB_W: return fp_widening(t);
	case RV_VRGATHER: return t->j->v_masks ? gather_in_register(t) : gather_blend(t);
	case RV_VCOMPRESS: return compress(t) || compress_shuffle(t);
	case RV_VSADDU:
	case RV_VSADD:
	case RV_VSSUBU:
	case RV_VSSUB: return saturating(t);
	case RV_VAADDU:
	case RV_VAADD: return averaging_add(t);
	case RV_VANDN:
	case RV_VROL:
	case RV_VROR:
	case RV_VBREV:
	case RV_VBREV8:
	case RV_VREV8:
	case RV_VCLZ:
	case RV_VCTZ:
	case RV_VCPOP_V: return bit_manipulation(t);
	case RV_VMUL:
		if (t->v_sew == 1)
			return byte_multiply(t);
		return arith(t);
	case RV_VADD:
	case RV_VSUB:
	case RV_VRSUB:
	case RV_VAND:
	case RV_VOR:
	case RV_VXOR:
	case RV_VMV_V:
	case RV_VFMV_V:
	case RV_VMINU:
	case RV_VMIN:
	case RV_VMAXU:
	case RV_VMAX:
	case RV_VFADD:
	case RV_VFSUB:
	case RV_VFMUL:
	case RV_VFDIV: return arith(t);
	case RV_VFMACC:
	case RV_VFNMACC:
	case RV_VFMSAC:
	case RV_VFNMSAC:
	case RV_VFMADD:
	case RV_VFNMADD:
	case RV_VFMSUB:
	case RV_VFNMSUB: return multiply_add(t);
	case RV_VMACC:
	case RV_VNMSAC:
	case RV_VMADD:
	case RV_VNMSUB: return t->v_sew == 1 ? byte_multiply(t) : int_multiply_add(t);
	case RV_VSLL:
	case RV_VSRL:
	case RV_VSRA: return t->in->rs3 == VF_VV ? shift_vv(t) : shift(t);
	case RV_VWADDU:
	case RV_VWADD:
	case RV_VWSUBU:
	case RV_VWSUB:
	case RV_VWADDU_W:
	case RV_VWADD_W:
	case RV_VWSUBU_W:
	case RV_VWSUB_W:
	case RV_VWMULU:
	case RV_VWMUL:
	case RV_VWMACCU:
	case RV_VWMACC: return widening(t);
	case RV_VNSRL:
	case RV_VNSRA: return narrowing(t);
	case RV_VMERGE: return merge(t);
	case RV_VSLIDEDOWN:
	case RV_VSLIDEUP:
	case RV_VSLIDE1DOWN:
	case RV_VSLIDE1UP:
	case RV_VFSLIDE1DOWN:
	case RV_VFSLIDE1UP: return slide(t);
	case RV_VZEXT_VF2:
	case RV_VSEXT_VF2:
	case RV_VZEXT_VF4:
	case RV_VSEXT_VF4:
	case RV_VZEXT_VF8:
	case RV_VSEXT_VF8: return extension(t);
	case RV_VID: return index_sequence(t);
	}
	return -1;
}

/* Register-only runs where the vector registers live in the vCPU: two or more unmasked integer
 * forms or moves on whole groups (vl is VLMAX) with no memory access among them, so that none can
 * fault, are translated a chunk at a time. Each group the run names holds one of xmm0-2 (ymm)
 * for the chunk, loaded once where the run reads it before writing it and stored once where it
 * writes it, where one form at a time loads its sources and stores its result for every chunk;
 * the stores bound such code (a vector hash's pass: 10 stores of 32 bytes to the vCPU for its
 * five forms, 4 this way). The scalars of .vx and .vi forms and the counts of shifts by a scalar
 * go to v_slide first: the run writes no x register. */
#define RUN_FORMS   12
#define RUN_SCALARS 8 /* 32 bytes each in v_slide */

struct run_form {
	uint8_t opc, digit, shift; /* digit: a shift by an immediate (66 0F 71-73 /digit ib), by shift */
	bool map38, move, count;   /* move: vd = vs1 or the scalar; count: the slot holds a shift count */
	/* xmm of vd, vs2 and vs1 (-1: not read), and the v_slide slot of a scalar or count (-1: none) */
	int8_t d, a, b, slot;
};

/* The xmm register (0-2) of group reg in the run, taken when new; -1 when three are taken */
static int run_group(unsigned *grp, int *ngrp, unsigned reg)
{
	for (int g = 0; g < *ngrp; g++)
		if (grp[g] == reg)
			return g;
	if (*ngrp == 3)
		return -1;
	grp[*ngrp] = reg;
	return (*ngrp)++;
}

/* The run's form for `in` on sew-byte elements, with xmm registers for its groups from grp
 * (ngrp so far): false where the run cannot take it */
static bool run_form_of(const struct tctx *t, const struct rv_insn *in, unsigned sew, unsigned *grp, int *ngrp,
			int *nslots, struct run_form *f)
{
	unsigned regs = group_regs(t), form = in->rs3;
	bool scalar = form == VF_VX || form == VF_VI;
	if (!in->rm || (form != VF_VV && !scalar) || in->rd % regs || in->rs2 % regs ||
	    (form == VF_VV && in->rs1 % regs))
		return false;
	memset(f, 0, sizeof *f);
	f->a = f->b = f->slot = -1;
	switch (in->op) {
	case RV_VADD:
	case RV_VSUB:
	case RV_VAND:
	case RV_VOR:
	case RV_VXOR:
	case RV_VMINU:
	case RV_VMIN:
	case RV_VMAXU:
	case RV_VMAX:
		f->opc = int_opcode(in->op, sew, &f->map38);
		if (!f->opc || (f->map38 && sew == 8)) /* vpminsq and its kin are AVX-512's */
			return false;
		break;
	case RV_VMUL:
		if (sew == 2)
			f->opc = 0xd5; /* vpmullw */
		else if (sew == 4)
			f->opc = 0x40, f->map38 = true; /* vpmulld */
		else
			return false;
		if (form == VF_VI)
			return false;
		break;
	case RV_VSLL:
	case RV_VSRL:
	case RV_VSRA:
		if (form == VF_VV || !shift_by_count[shift_kind(in->op)][sew])
			return false;
		if (form == VF_VI) {
			f->opc = shift_by_imm[sew];
			f->digit = shift_digit[shift_kind(in->op)];
			f->shift = (uint8_t)(in->imm & (8 * (int64_t)sew - 1));
		} else {
			f->opc = shift_by_count[shift_kind(in->op)][sew];
			f->count = true;
		}
		break;
	case RV_VMV_V: f->move = true; break;
	default: return false;
	}
	if (!f->move && (f->a = (int8_t)run_group(grp, ngrp, in->rs2)) < 0)
		return false;
	if (form == VF_VV && (f->b = (int8_t)run_group(grp, ngrp, in->rs1)) < 0)
		return false;
	if ((f->d = (int8_t)run_group(grp, ngrp, in->rd)) < 0)
		return false;
	if (scalar && !f->digit) {
		if (*nslots == RUN_SCALARS)
			return false;
		f->slot = (int8_t)(*nslots)++;
	}
	return true;
}

/* The run from the current instruction, chunk by chunk: the instructions it took (0: none, nothing
 * emitted; it takes two at least) */
static int register_run(struct tctx *t)
{
	struct emit *e = &t->e;
	const struct rv_insn *in0 = t->in;
	struct run_form f[RUN_FORMS];
	const struct rv_insn *ins[RUN_FORMS];
	unsigned sew = t->v_sew, chunks, step, grp[3] = {0};
	int n = 0, ngrp = 0, nslots = 0, idx0 = t->idx;
	uint32_t read_first = 0, written = 0; /* by group */
	if (t->j->v_resident || !t->j->host_avx2 || !t->v_whole || t->v_lmul8 < 8 || t->no_fuse || t->ptb)
		return 0;
	chunks = group_chunks(t);
	step = step_of(t, chunks);
	for (; n < RUN_FORMS; n++) {
		const struct rv_insn *in = ins[n] = n ? t_peek(t, n) : in0;
		int g0 = ngrp, s0 = nslots;
		if (!in || !run_form_of(t, in, sew, grp, &ngrp, &nslots, &f[n])) {
			ngrp = g0, nslots = s0; /* what a refused form added */
			break;
		}
		/* sources before the destination: vxor v8, v8, v16 reads v8 first */
		if (f[n].a >= 0 && !(written >> f[n].a & 1))
			read_first |= 1u << f[n].a;
		if (f[n].b >= 0 && !(written >> f[n].b & 1))
			read_first |= 1u << f[n].b;
		written |= 1u << f[n].d;
	}
	if (n < 2)
		return 0;
	for (int i = 0; i < n; i++) { /* the scalars, broadcast once */
		if (f[i].slot < 0)
			continue;
		scalar_rax(t, ins[i]);
		if (f[i].count) {
			e_alu_ri(e, ALU_AND, false, RAX, (int32_t)(8 * sew - 1));
			e_store(e, M(REG_CPU, OFF(v_slide) + 32 * f[i].slot), RAX, 8);
			continue;
		}
		broadcast(t, sew, step);
		vec_store(t, M(REG_CPU, OFF(v_slide) + 32 * f[i].slot), XMM1, step);
	}
	for (unsigned k = 0; k < chunks; k += step) {
		bool l = step == 2;
		for (int g = 0; g < ngrp; g++)
			if (read_first >> g & 1)
				vget(t, XMM0 + g, grp[g], k, step);
		for (int i = 0; i < n; i++) {
			const struct run_form *r = &f[i];
			int map = r->map38 ? VEX_0F38 : VEX_0F;
			if (r->move && r->b >= 0) { /* vmovdqa */
				if (r->d != r->b)
					e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, 0x6f, XMM0 + r->d, 0, XMM0 + r->b);
			} else if (r->move) { /* vmovdqu */
				e_vex_rm(e, l, VEX_PP_F3, VEX_0F, false, 0x6f, XMM0 + r->d, 0,
					 M(REG_CPU, OFF(v_slide) + 32 * r->slot));
			} else if (r->digit) {
				e_vex_rr(e, l, VEX_PP_66, VEX_0F, false, r->opc, r->digit, XMM0 + r->d, XMM0 + r->a);
				e_byte(e, r->shift);
			} else if (r->slot < 0) {
				e_vex_rr(e, l, VEX_PP_66, map, false, r->opc, XMM0 + r->d, XMM0 + r->a, XMM0 + r->b);
			} else {
				e_vex_rm(e, l, VEX_PP_66, map, false, r->opc, XMM0 + r->d, XMM0 + r->a,
					 M(REG_CPU, OFF(v_slide) + 32 * r->slot));
			}
		}
		for (int g = 0; g < ngrp; g++)
			if (written >> g & 1)
				vput(t, grp[g], k, XMM0 + g, step);
	}
	finish_wide(t, step);
	t->idx = idx0;
	t->in = in0;
	return n;
}

/* Instruction n of a run (0: the current one) made the current one for its emitter */
static bool run_insn(struct tctx *t, int idx0, int n)
{
	const struct rv_insn *in;
	t->idx = idx0;
	in = n ? t_peek(t, n) : &t->insns[idx0];
	if (!in)
		return false;
	t->in = in;
	t->idx = idx0 + n;
	t->pc = t->insn_pc[idx0 + n];
	return true;
}

/* Where vl may be below VLMAX or not (the common vsetvli of a strip-mined loop) and the host can
 * mask: the run of element-wise forms from here translated twice, unmasked after one test of vl
 * (merge masking would make each destination depend on its old value, a chain through every
 * pass of a loop), then masked for a shorter vl; the two meet after the run. */
static int element_wise_run(struct tctx *t)
{
	struct emit *e = &t->e;
	const struct rv_insn *in0 = t->in;
	int idx0 = t->idx, n, r = 0, k;
	uint64_t pc0 = t->pc;
	uint32_t checked = t->base_checked;
	bool live = t->v_live;
	uint8_t *start = e->p, *short_vl, *done;
	if ((n = register_run(t)) > 0) {
		t->consumed = n;
		return 1;
	}
	if (!(t->j->v_masks || t->j->v_blend) || t->v_whole || t->v_lmul8 < 8 || t->v_vl_const != UINT64_MAX)
		return element_wise(t);
	short_vl = vl_test(t);
	t->v_whole = true;
	for (n = 0; run_insn(t, idx0, n); n += k) {
		k = register_run(t);
		if (!k && (r = element_wise(t)) > 0)
			k = 1;
		if (!k)
			break;
	}
	if (!n) { /* not one of them, or not a form it translates: nothing but the test emitted */
		e->p = start;
		t->v_whole = false;
		return r;
	}
	done = e_jmp(e);
	e_patch(short_vl, e->p);
	t->v_splat = 0;
	t->base_checked = checked;
	t->v_live = live;
	t->v_whole = false;
	t->v_masked = false;
	for (int i = 0; i < n; i++) {
		run_insn(t, idx0, i);
		element_wise(t);
	}
	e_patch(done, e->p);
	t->v_masked = false; /* the unmasked path computed none */
	t->in = in0;
	t->idx = idx0;
	t->pc = pc0;
	t->consumed = n;
	return 1;
}

/* A block whose vector instructions come before any vset* (a loop whose vsetvli was hoisted out
 * of it, as compilers do where vl stays the same) takes the vtype it is translated under for
 * granted, tested at each entry and pass with vstart 0 and v_used (where they differ, the block
 * runs in the interpreter): its forms translate as after a vsetvli that gives no vl. */
void jit_v_speculate(struct tctx *t)
{
	struct emit *e = &t->e;
	struct rv_vtype vt;
	bool vector = false;
	if (t->v_loop || !t->npeeked || t->ptb || t->no_fuse || (t->cpu->v_ctrl & 3) == V_CTRL_OFF ||
	    t->cpu->vlenb % 16 || !rv_vtype_decode(t->cpu->vtype, t->cpu->vlenb, &vt))
		return;
	for (int n = 0; !vector; n++) {
		const struct rv_insn *in = n ? t_peek(t, n) : &t->insns[0];
		if (!in || in->op == RV_VSETVLI || in->op == RV_VSETIVLI || in->op == RV_VSETVL)
			break;
		vector = in->op >= RV_FIRST_V && in->op != RV_VLRE && in->op != RV_VSR; /* those need no vtype */
		if (rv_ends_block(in))
			break;
	}
	if (!vector)
		return;
	e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vtype)), (int32_t)t->cpu->vtype);
	t_cold_value(t, e_jcc(e, CC_NE), COLD_INTERPRET, 0);
	e_alu_mi(e, ALU_CMP, true, M(REG_CPU, OFF(vstart)), 0);
	t_cold_value(t, e_jcc(e, CC_NE), COLD_INTERPRET, 0);
	e_load(e, RAX, M(REG_CPU, OFF(v_used)), 1, false);
	e_test_rr(e, false, RAX, RAX);
	t_cold_value(t, e_jcc(e, CC_E), COLD_INTERPRET, 0);
	t->v_known = true;
	t->v_whole = false;
	t->v_masked = false;
	t->v_vl_in = 0;
	t->v_vl_const = UINT64_MAX;
	t->v_sew = vt.sew;
	t->v_lmul8 = (unsigned)vt.lmul8;
	t->v_vlmax = vt.vlmax;
}

/* csrr of vl, vtype or vlenb: a read turns the vector state on, as any vector instruction */
bool jit_v_csr(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	struct emit *e = &t->e;
	int x = rd_or_rax(t, in->rd);
	if (in->op != RV_CSRRS || in->rs1 != 0 || (t->cpu->v_ctrl & 3) == V_CTRL_OFF)
		return false;
	switch (in->imm) {
	case RV_CSR_VL:
		if (t->v_known && t->v_whole) /* VLMAX, tested or given */
			e_mov_ri(e, x, t->v_vlmax);
		else
			e_load(e, x, M(REG_CPU, OFF(vl)), 8, false);
		break;
	case RV_CSR_VTYPE: e_load(e, x, M(REG_CPU, OFF(vtype)), 8, false); break;
	case RV_CSR_VLENB: e_mov_ri(e, x, t->cpu->vlenb); break;
	default: return false;
	}
	if (!t->v_loop) /* set before a loop's head */
		e_store_i8(e, M(REG_CPU, OFF(v_used)), 1);
	if (x == RAX)
		t_put(t, in->rd, RAX);
	return true;
}

bool jit_v(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	int r;
	t->v_blending = false;
	if ((t->cpu->v_ctrl & 3) == V_CTRL_OFF || t->cpu->vlenb % 16)
		return false; /* the interpreter raises SIGILL */
	switch (in->op) {
	case RV_VSETVLI:
	case RV_VSETIVLI: return vsetvli(t);
	case RV_VSETVL: t->v_known = false; return false;
	case RV_VLRE:
	case RV_VSR: return whole_registers(t);
	}
	if (!t->v_known)
		return false;
	if ((r = element_wise_run(t)) >= 0)
		return r;
	switch (in->op) {
	case RV_VMSEQ:
	case RV_VMSNE:
		if (!t->j->v_masks || (t->v_lmul8 >= 8 && in->rm && t->v_whole))
			return mask_compare(t);
		return compare_masked(t);
	case RV_VMSLTU:
	case RV_VMSLT:
	case RV_VMSLEU:
	case RV_VMSLE:
	case RV_VMSGTU:
	case RV_VMSGT:
	case RV_VMFEQ:
	case RV_VMFLE:
	case RV_VMFLT:
	case RV_VMFNE:
	case RV_VMFGT:
	case RV_VMFGE:
		if (!t->j->v_masks)
			return mask_compare(t);
		return compare_masked(t);
	case RV_VFIRST_M: return first_set(t);
	case RV_VMSBF:
	case RV_VMSIF:
	case RV_VMSOF: return set_first(t);
	case RV_VCPOP_M: return count_set(t);
	case RV_VMANDN:
	case RV_VMAND:
	case RV_VMOR:
	case RV_VMXOR:
	case RV_VMORN:
	case RV_VMNAND:
	case RV_VMNOR:
	case RV_VMXNOR: return mask_logical(t);
	case RV_VMV_X_S: return move_to_scalar(t);
	case RV_VMV_S_X:
	case RV_VFMV_S_F: return move_to_vector(t);
	case RV_VFMV_F_S: return fp_move_to_scalar(t);
	case RV_VMVR: return move_registers(t);
	case RV_VREDSUM:
	case RV_VREDAND:
	case RV_VREDOR:
	case RV_VREDXOR:
	case RV_VREDMINU:
	case RV_VREDMIN:
	case RV_VREDMAXU:
	case RV_VREDMAX: return reduction(t);
	case RV_VFREDOSUM:
	case RV_VFREDUSUM: return fp_reduction(t);
	case RV_VWREDSUMU:
	case RV_VWREDSUM: return widening_reduction(t);
	case RV_VFREDMAX:
	case RV_VFREDMIN: return fp_minmax_reduction(t) || fp_minmax_reduction_avx2(t);
	}
	return false;
}
