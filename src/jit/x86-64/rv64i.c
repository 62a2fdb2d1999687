/* RV64I (and Zifencei's fence) inline; branches, jumps and system instructions end blocks
 * and are translated in translate.c. CSR accesses go to the interpreter's helper: they are
 * rare and touch FP state kept in the vCPU. */
#include "internal.h"

/* dst op= guest register g, whether g is mapped, in the vCPU, or x0. */
static void alu_with(struct tctx *t, int op, bool w, int dst, unsigned g)
{
	if (g == 0)
		e_alu_ri(&t->e, op, w, dst, 0);
	else if (t_host_reg(t, g) >= 0)
		e_alu_rr(&t->e, op, w, dst, t_host_reg(t, g));
	else
		e_alu_rm(&t->e, op, w, dst, M(REG_CPU, OFF_X(g)));
}

/* A W operation's result into h: sign-extended, unless no later use can see its upper half. */
static void sext_result(struct tctx *t, int h)
{
	if (t->upper_dead)
		return;
	if (h == RAX)
		e_movsxd(&t->e, h, h);
	else
		t_extend_w(t, t->in->rd, h, 1);
}

static bool commutes(int op)
{
	return op == ALU_ADD || op == ALU_AND || op == ALU_OR || op == ALU_XOR;
}

/* The value of guest register g, sign-extended from its low 32 bits, into host register dst; or
 * just moved when it is known to be so already. */
static void sext_from(struct tctx *t, int dst, unsigned g)
{
	if (g == 0 || (t->sext_known & (1u << g)))
		t_get(t, dst, g);
	else if (t_host_reg(t, g) >= 0)
		e_movsxd(&t->e, dst, t_host_reg(t, g));
	else
		e_load(&t->e, dst, M(REG_CPU, OFF_X(g)), 4, true);
}

/* rd = rs (mv), or its low 32 bits sign-extended (sext.w) */
static void move(struct tctx *t, unsigned rd, unsigned rs, bool word)
{
	int h = t_host_reg(t, rd);
	if (!word || (t->sext_known & (1u << rs))) {
		t_move(t, rd, rs);
		return;
	}
	if (rd == 0)
		return;
	sext_from(t, h >= 0 ? h : RAX, rs);
	if (h < 0)
		t_put(t, rd, RAX);
}

static void alu_rr(struct tctx *t, int op, bool word)
{
	const struct rv_insn *in = t->in;
	int h = t_host_reg(t, in->rd);
	/* mv and sext.w in their other spellings: x + 0, 0 + x, x | 0, x ^ 0, x - 0 */
	if ((in->rs2 == 0 && (commutes(op) || op == ALU_SUB) && op != ALU_AND) ||
	    (in->rs1 == 0 && commutes(op) && op != ALU_AND)) {
		move(t, in->rd, in->rs2 == 0 ? in->rs1 : in->rs2, word && !t->upper_dead);
		return;
	}
	if (op == ALU_ADD && !word && t_load_of_sum(t, in->rs1, in->rs2, 0, 1))
		return;
	/* rd in the vCPU and one of the sources: the operation on it there */
	if (h < 0 && in->rd != 0 && !word && (in->rd == in->rs1 || (commutes(op) && in->rd == in->rs2))) {
		unsigned other = in->rd == in->rs1 ? in->rs2 : in->rs1;
		int b = t_host_reg(t, other);
		if (b < 0 || other == 0) {
			t_get(t, RAX, other);
			b = RAX;
		}
		e_alu_mr(&t->e, false, op, true, M(REG_CPU, OFF_X(in->rd)), b);
		return;
	}
	/* straight into a mapped destination: two instructions, or one */
	if (h >= 0 && in->rd != 0) {
		unsigned a = in->rs1, b = in->rs2;
		if (in->rd == b && in->rd != a) {
			if (!commutes(op))
				goto general;
			a = in->rs2;
			b = in->rs1;
		}
		if (in->rd != a)
			t_get(t, h, a);
		alu_with(t, op, !word, h, b);
		if (word)
			sext_result(t, h);
		return;
	}
general:
	t_get(t, RAX, in->rs1);
	alu_with(t, op, !word, RAX, in->rs2);
	if (word)
		sext_result(t, RAX);
	t_put(t, in->rd, RAX);
}

static void alu_ri(struct tctx *t, int op, bool word)
{
	const struct rv_insn *in = t->in;
	int h = t_host_reg(t, in->rd), s = t_host_reg(t, in->rs1);
	if (in->imm == 0 && op != ALU_AND) { /* mv, sext.w */
		move(t, in->rd, in->rs1, word && !t->upper_dead);
		return;
	}
	if (in->rs1 == 0 && in->rd != 0) { /* li: the immediate (12 bits: the W forms give the same) */
		t_put_imm(t, in->rd, op == ALU_AND ? 0 : (uint64_t)in->imm);
		return;
	}
	if (h < 0 && in->rd != 0 && in->rd == in->rs1 && !word) { /* in the vCPU: on it there */
		e_alu_mi(&t->e, op, true, M(REG_CPU, OFF_X(in->rd)), (int32_t)in->imm);
		return;
	}
	/* addi between mapped registers is one lea */
	if (op == ALU_ADD && !word && h >= 0 && s >= 0 && in->rs1 != 0) {
		e_lea(&t->e, h, M(s, (int32_t)in->imm));
		return;
	}
	if (h >= 0 && in->rd != 0) {
		if (in->rd != in->rs1)
			t_get(t, h, in->rs1);
		if (in->imm != 0 || op == ALU_AND)
			e_alu_ri(&t->e, op, !word, h, (int32_t)in->imm);
		if (word)
			sext_result(t, h);
		return;
	}
	t_get(t, RAX, in->rs1);
	if (in->imm != 0 || op == ALU_AND)
		e_alu_ri(&t->e, op, !word, RAX, (int32_t)in->imm);
	if (word)
		sext_result(t, RAX);
	t_put(t, in->rd, RAX);
}

/* slt, sltu, slti, sltiu (and so seqz, snez, sgtz): where rd has a host register of its own, it
 * is zeroed before the compare and set in its low byte, with no copy through rax; rs1 = x0
 * compared as a test of rs2 */
static bool set_cmp_in_place(struct tctx *t, int cc, bool imm)
{
	const struct rv_insn *in = t->in;
	int rd = t_host_reg(t, in->rd), a = t_host_reg(t, in->rs1), b = imm ? -1 : t_host_reg(t, in->rs2);
	struct mem m1 = M(REG_CPU, OFF_X(in->rs1));
	if (rd < 0 || in->rd == in->rs1 || (!imm && in->rd == in->rs2) || (!in->rs1 && (imm || !in->rs2)) ||
	    (!imm && a < 0 && b < 0 && in->rs2))
		return false;
	e_alu_rr(&t->e, ALU_XOR, false, rd, rd);
	if (!in->rs1) { /* 0 < rs2: rs2 != 0 unsigned, rs2 > 0 signed */
		if (b >= 0)
			e_test_rr(&t->e, true, b, b);
		else
			e_alu_mi(&t->e, ALU_CMP, true, M(REG_CPU, OFF_X(in->rs2)), 0);
		cc = cc == CC_B ? CC_NE : CC_G;
	} else if (imm) {
		if (a >= 0)
			e_alu_ri(&t->e, ALU_CMP, true, a, (int32_t)in->imm);
		else
			e_alu_mi(&t->e, ALU_CMP, true, m1, (int32_t)in->imm);
	} else if (a >= 0) {
		alu_with(t, ALU_CMP, true, a, in->rs2);
	} else if (in->rs2) {
		e_alu_mr(&t->e, false, ALU_CMP, true, m1, b);
	} else {
		e_alu_mi(&t->e, ALU_CMP, true, m1, 0);
	}
	e_setcc8(&t->e, cc, rd);
	return true;
}

static void set_cmp(struct tctx *t, int cc, bool imm)
{
	const struct rv_insn *in = t->in;
	if (set_cmp_in_place(t, cc, imm))
		return;
	t_get(t, RAX, in->rs1);
	if (imm)
		e_alu_ri(&t->e, ALU_CMP, true, RAX, (int32_t)in->imm);
	else
		alu_with(t, ALU_CMP, true, RAX, in->rs2);
	e_setcc(&t->e, cc, RAX);
	t_put(t, in->rd, RAX);
}

static void shift_rr(struct tctx *t, int op, bool word)
{
	const struct rv_insn *in = t->in;
	t_get(t, RAX, in->rs1);
	t_get(t, RCX, in->rs2);
	e_shift_cl(&t->e, op, !word, RAX); /* x86 masks the count as RISC-V does: 63, or 31 for W */
	if (word)
		sext_result(t, RAX);
	t_put(t, in->rd, RAX);
}

/* rd = rs shifted by k, a W form's result sign-extended */
static void shift_of(struct tctx *t, unsigned rd, unsigned rs, int op, bool word, unsigned k)
{
	t_get(t, RCX, rs);
	e_shift_i(&t->e, op, !word, RCX, (uint8_t)k);
	if (word && op != SH_SHR)
		e_movsxd(&t->e, RCX, RCX);
	t_put(t, rd, RCX);
}

/* Whether instruction p reads or writes guest register r (x0 never counts) */
static bool touches(const struct rv_insn *p, unsigned r)
{
	return r && (p->rd == r || t_reads(p, r));
}

/* srli(w) a, x, k and slli(w) b, x, 64 - k (32 - k), then or d, a, b: a rotate as compilers
 * write it without Zbb (Debian's rv64gc), often spread among other work. Up to 16 instructions
 * from the first shift, the other shift and the or, with only pure integer operations between
 * that leave a, b and d alone and do not write x: one ror into d made here, the other two done
 * with it; a and b are written too unless overwritten after the or before anything reads them
 * or may leave. */
static bool shift_pair_rotate(struct tctx *t)
{
	const struct rv_insn *s0 = t->in, *s1 = NULL, *o = NULL, *p;
	bool w = s0->op == RV_SRLIW || s0->op == RV_SLLIW;
	unsigned srl = w ? RV_SRLIW : RV_SRLI, sll = w ? RV_SLLIW : RV_SLLI, bits = w ? 32 : 64, x = s0->rs1;
	int n1 = 0, no = 0, h;
	if (!s0->rd || s0->rd == x)
		return false;
	for (int n = 1; n <= 16 && !o; n++) {
		if (!(p = t_peek(t, n)))
			return false;
		if (!s1 && p->op == (s0->op == srl ? sll : srl) && p->rs1 == x && p->rd && p->rd != s0->rd &&
		    (unsigned)(s0->imm + p->imm) == bits) {
			s1 = p;
			n1 = n;
		} else if (s1 && p->op == RV_OR && p->rd &&
			   ((p->rs1 == s0->rd && p->rs2 == s1->rd) || (p->rs1 == s1->rd && p->rs2 == s0->rd))) {
			o = p;
			no = n;
		} else if (!t_pure(t, n) || touches(p, s0->rd) || p->rd == x || (s1 && touches(p, s1->rd))) {
			return false;
		}
	}
	if (!o)
		return false;
	for (int n = 1; n < no; n++) /* b and d are written early: nothing between may see them */
		if (n != n1 && (touches(t_peek(t, n), s1->rd) || touches(t_peek(t, n), o->rd)))
			return false;
	/* straight into d's host register unless d is x, which the shifts below still read */
	h = o->rd != x ? t_host_reg(t, o->rd) : -1;
	if (h < 0)
		h = RAX;
	t_get(t, h, x);
	e_shift_i(&t->e, SH_ROR, !w, h, (uint8_t)(s0->op == srl ? s0->imm : s1->imm));
	for (int k = 0; k < 2; k++) {
		p = k ? s1 : s0;
		if (p->rd != o->rd && !t_dead_after(t, p->rd, no + 1))
			shift_of(t, p->rd, x, p->op == srl ? SH_SHR : SH_SHL, w, (unsigned)p->imm);
	}
	t->done_early[t->idx + n1] = t->done_early[t->idx + no] = true;
	if (w && h != RAX)
		t_extend_w(t, o->rd, h, no + 1);
	else if (w)
		e_movsxd(&t->e, RAX, RAX);
	if (h == RAX)
		t_put(t, o->rd, RAX);
	return true;
}

/* slli t, i, k (k 1-3) and add d, t, b (or b, t): an array's element address as compilers write
 * it without Zba, one lea into d (and, as one load by that address mode, with a load into the
 * same register after it); t is written too unless it is d or dead after the add. The same with
 * slliw and addw (x * 5 as (x << 2) + x), the lea's result sign-extended unless nothing sees
 * its upper half. */
static bool scaled_sum(struct tctx *t, bool word)
{
	const struct rv_insn *in = t->in, *a = t_peek(t, 1);
	unsigned b;
	int hb, hi, hd;
	bool keep;
	if (!a || a->op != (word ? RV_ADDW : RV_ADD) || !a->rd || in->imm < 1 || in->imm > 3 || !in->rd || !in->rs1 ||
	    (a->rs1 == in->rd) == (a->rs2 == in->rd))
		return false;
	b = a->rs1 == in->rd ? a->rs2 : a->rs1;
	if (!b)
		return false;
	if (!word && a->rd == in->rd && t_load_of_sum(t, b, in->rs1, (unsigned)in->imm, 2))
		return true;
	keep = a->rd != in->rd && !t_dead_after(t, in->rd, 2);
	hb = t_host_reg(t, b);
	hi = t_host_reg(t, in->rs1);
	hd = keep ? -1 : t_host_reg(t, a->rd); /* with t kept, the sum waits in rax: t is made of i */
	if (hb < 0) {
		t_get(t, RAX, b);
		hb = RAX;
	}
	if (hi < 0) {
		t_get(t, RCX, in->rs1);
		hi = RCX;
	}
	e_lea(&t->e, hd >= 0 ? hd : RAX, MXS(hb, hi, (unsigned)in->imm, 0));
	t->consumed = 2;
	if (word && hd >= 0)
		t_extend_w(t, a->rd, hd, 2);
	else if (word && !t_upper_dead_after(t, a->rd, 2))
		e_movsxd(&t->e, RAX, RAX);
	if (keep)
		shift_of(t, in->rd, in->rs1, SH_SHL, word, (unsigned)in->imm);
	if (hd < 0)
		t_put(t, a->rd, RAX);
	return true;
}

/* slli rd, rs, k and srli (srai) rd, rd, k with k 32, 48 or 56: rd = rs's low word, halfword or
 * byte zero- (sign-) extended, as RV64GC code without Zba/Zbb writes zext.w, zext.h and the
 * casts to a narrower type: one mov, movzx or movsx */
static bool extend_pair(struct tctx *t)
{
	const struct rv_insn *in = t->in, *p;
	bool sign;
	int h;
	if (in->rd == 0 || (in->imm != 32 && in->imm != 48 && in->imm != 56) || !(p = t_peek(t, 1)) ||
	    (p->op != RV_SRLI && p->op != RV_SRAI) || p->rd != in->rd || p->rs1 != in->rd || p->imm != in->imm)
		return false;
	sign = p->op == RV_SRAI;
	h = t_host_reg(t, in->rd);
	if (h < 0)
		h = RAX;
	t_get(t, h, in->rs1);
	if (in->imm == 32 && sign)
		e_movsxd(&t->e, h, h);
	else if (in->imm == 32)
		e_mov_rr(&t->e, false, h, h);
	else if (in->imm == 48)
		(sign ? e_movsx16 : e_movzx16)(&t->e, h, h);
	else
		(sign ? e_movsx8 : e_movzx8)(&t->e, h, h);
	if (h == RAX)
		t_put(t, in->rd, RAX);
	t->consumed = 2;
	return true;
}

bool jit_load_size(unsigned op, int *size, bool *sign)
{
	switch (op) {
	case RV_LB: *size = 1, *sign = true; return true;
	case RV_LH: *size = 2, *sign = true; return true;
	case RV_LW: *size = 4, *sign = true; return true;
	case RV_LD: *size = 8, *sign = false; return true;
	case RV_LBU: *size = 1, *sign = false; return true;
	case RV_LHU: *size = 2, *sign = false; return true;
	case RV_LWU: *size = 4, *sign = false; return true;
	default: return false;
	}
}

/* The load p into rd by the guest address gbase + (index << k) + sum + p's offset (index a host
 * register other than rax and rdx), which does the work of the `ahead` instructions before it
 * too: a fault replays them all */
static void load_by_sum(struct tctx *t, unsigned gbase, int index, unsigned k, int32_t sum, const struct rv_insn *p,
			unsigned rd, int ahead)
{
	int size, h, base = t_host_reg(t, gbase);
	bool sign = false;
	struct mem m;
	(void)jit_load_size(p->op, &size, &sign);
	if (base < 0) {
		t_get(t, RAX, gbase);
		base = RAX;
	}
	m = t_address_sum(t, base, index, k, sum, (int32_t)p->imm, rd, ahead);
	h = t_host_reg(t, rd);
	t_fault_site_replay(t, ahead + 1);
	e_load(&t->e, h >= 0 ? h : RDX, m, size, sign);
	if (h < 0)
		t_put(t, rd, RDX);
	t->consumed = ahead + 1;
}

/* A table lookup as gcc writes it where the table is far from its base: [andi t, s, 255]
 * slli t, i, k [addi t, t, c] add t, t, b (or b, t) and a load into t by t: one load by
 * [b + (i << k) + c + its offset], the byte index a movzx (t's own register untouched, so that a
 * fault replays the run from where t was as before it). Without the andi and the addi it is
 * scaled_sum's. */
static bool index_load(struct tctx *t)
{
	const struct rv_insn *in = t->in, *sh = in, *p;
	unsigned tr = in->rd, src = in->rs1, b;
	int n = 0, c = 0, index = t_host_reg(t, src), size;
	bool zext = in->op == RV_ANDI, sign;
	if (zext && (in->imm != 255 || !(sh = t_peek(t, ++n)) || sh->op != RV_SLLI || sh->rs1 != tr))
		return false;
	if (!tr || sh->rd != tr || sh->imm < 1 || sh->imm > 3 || !src || !(p = t_peek(t, ++n)))
		return false;
	if (p->op == RV_ADDI && p->rd == tr && p->rs1 == tr) {
		c = (int32_t)p->imm;
		if (!(p = t_peek(t, ++n)))
			return false;
	} else if (!zext) {
		return false;
	}
	if (p->op != RV_ADD || p->rd != tr || (p->rs1 == tr) == (p->rs2 == tr))
		return false;
	b = p->rs1 == tr ? p->rs2 : p->rs1;
	if (!b || !(p = t_peek(t, ++n)) || p->rs1 != tr || p->rd != tr || !jit_load_size(p->op, &size, &sign))
		return false;
	if (zext && index >= 0)
		e_movzx8(&t->e, RCX, index);
	else if (zext)
		e_load(&t->e, RCX, M(REG_CPU, OFF_X(src)), 1, false);
	else if (index < 0)
		t_get(t, RCX, src);
	load_by_sum(t, b, zext || index < 0 ? RCX : index, (unsigned)sh->imm, c, p, tr, n);
	return true;
}

static void shift_ri(struct tctx *t, int op, bool word)
{
	const struct rv_insn *in = t->in;
	if ((op == SH_SHR || op == SH_SHL) && shift_pair_rotate(t))
		return;
	if (op == SH_SHL && ((!word && (extend_pair(t) || index_load(t))) || scaled_sum(t, word)))
		return;
	int h = t_host_reg(t, in->rd), src = t_host_reg(t, in->rs1);
	if (h >= 0 && in->rd != 0 && in->imm) {
		if (!word && op == SH_SHL && in->imm <= 3 && in->rd != in->rs1 && in->rs1 && src >= 0) {
			e_lea(&t->e, h,
			      (struct mem){NOREG, src, 0, (unsigned)in->imm, false}); /* lea h, [src * 2^imm] */
			return;
		}
		if (in->rd != in->rs1)
			t_get(t, h, in->rs1);
		e_shift_i(&t->e, op, !word, h, (uint8_t)in->imm);
		/* a logical right shift leaves bit 31 clear: the 32-bit result is its own extension */
		if (word && op != SH_SHR)
			sext_result(t, h);
		return;
	}
	if (h < 0 && in->rd != 0 && in->rd == in->rs1 && !word) { /* in the vCPU: shifted there */
		if (in->imm)
			e_shift_mi(&t->e, op, true, M(REG_CPU, OFF_X(in->rd)), (uint8_t)in->imm);
		return;
	}
	t_get(t, RAX, in->rs1);
	if (in->imm)
		e_shift_i(&t->e, op, !word, RAX, (uint8_t)in->imm);
	else if (word && !t->upper_dead)
		e_mov_rr(&t->e, false, RAX, RAX);
	if (word && !(op == SH_SHR && in->imm))
		sext_result(t, RAX);
	t_put(t, in->rd, RAX);
}

/* Whether the n accesses of size bytes at run[i]->imm tile 2, 4 or 8 contiguous bytes: each
 * one at its place in part, the lowest offset in *lo */
static bool tiles(const struct rv_insn *const *run, int n, int size, const struct rv_insn **part, int *lo)
{
	int w = n * size;
	*lo = (int)run[0]->imm;
	for (int i = 1; i < n; i++)
		*lo = (int)run[i]->imm < *lo ? (int)run[i]->imm : *lo;
	if (w != 2 && w != 4 && w != 8)
		return false;
	for (int i = 0; i < n; i++)
		part[i] = NULL;
	for (int i = 0; i < n; i++) {
		int at = (int)run[i]->imm - *lo;
		if (at % size || at >= w || part[at / size])
			return false;
		part[at / size] = run[i];
	}
	return true;
}

/* copy_run's load q, instruction 2n of the run, after its stores: its fault site its own, the
 * run's registers taken from rdx there */
static void copy_run_load(struct tctx *t, const struct rv_insn *q, int size, bool sign, int n)
{
	int h = q->rd ? t_host_reg(t, q->rd) : -1;
	struct mem m = t_address(t, q->rs1, q->imm); /* checked already: no code */
	t_fault_site_at(t, 2 * n);
	if (!t->e.full)
		t->faults[t->nfaults - 1].copy_loads = (uint8_t)n;
	e_load(&t->e, h >= 0 ? h : RDX, m, size, sign);
	if (h < 0)
		t_put(t, q->rd, RDX);
}

/* A run of narrow loads through one base that fills 2, 4 or 8 contiguous bytes, each into its
 * own register, then a run of stores of those registers through another base in the same
 * layout (gcc's copy of an unaligned word, byte by byte): one load, the registers taken from it
 * that live on, and one store of it. A fault in either replays the loads and the stores. A load
 * after them through a base checked already (gcc reads the word it copied) joins the run, so
 * that the registers it or the code after it overwrite need not be taken: a fault in it takes
 * them from the word still in rdx (copy_loads), as the replay of a copy whose stores wrote over
 * its source would read other bytes. */
static bool copy_run(struct tctx *t, int size, bool sign)
{
	const struct rv_insn *in = t->in, *ld[8] = {in}, *st[8], *part[8], *spart[8], *p, *q;
	int n = 1, lo, slo, w, qsize = 0, after;
	uint32_t written = 1u << in->rd;
	bool qsign;
	struct emit *e = &t->e;
	struct mem m;
	if (!in->rd || in->rd == in->rs1)
		return false;
	while (n * size < 8 && (p = t_peek(t, n)) && p->op == in->op && p->rs1 == in->rs1 && p->rd &&
	       !(written >> p->rd & 1) && ld[n - 1]->rd != in->rs1) {
		ld[n++] = p;
		written |= 1u << p->rd;
	}
	w = n * size;
	if (!tiles(ld, n, size, part, &lo))
		return false;
	p = t_peek(t, n);
	if (!p || p->op != (size == 1 ? RV_SB : size == 2 ? RV_SH : RV_SW) || (written >> p->rs1 & 1))
		return false;
	for (int k = 0; k < n; k++)
		if (!(st[k] = t_peek(t, n + k)) || st[k]->op != p->op || st[k]->rs1 != p->rs1)
			return false;
	if (!tiles(st, n, size, spart, &slo))
		return false;
	for (int k = 0; k < n; k++) /* each store puts its register where its load took it */
		if (spart[k]->rs2 != part[k]->rd)
			return false;
	if (!(q = t_peek(t, 2 * n)) || !jit_load_size(q->op, &qsize, &qsign) || (written >> q->rs1 & 1) ||
	    !(t->base_checked >> q->rs1 & 1) || t->split_any)
		qsize = 0;
	after = 2 * n + (qsize != 0);
	m = t_address(t, in->rs1, lo);
	t_fault_site_replay(t, n);
	e_load(e, RDX, m, w, false);
	for (int k = 0; k < n; k++) {
		int h = t_host_reg(t, ld[k]->rd), dst = h >= 0 ? h : RAX, src = RDX;
		unsigned shift = 8 * (unsigned)((int)ld[k]->imm - lo);
		if ((qsize && q->rd == ld[k]->rd) || t_dead_after(t, ld[k]->rd, after))
			continue;
		if (shift) {
			e_mov_rr(e, true, dst, RDX);
			e_shift_i(e, SH_SHR, true, dst, (uint8_t)shift);
			src = dst;
		}
		if (shift && !sign && shift + 8 * (unsigned)size == 8 * (unsigned)w)
			; /* the shift left only this part */
		else if (size == 1)
			(sign ? e_movsx8 : e_movzx8)(e, dst, src);
		else if (size == 2)
			(sign ? e_movsx16 : e_movzx16)(e, dst, src);
		else if (sign)
			e_movsxd(e, dst, src);
		else
			e_mov_rr(e, false, dst, src);
		if (h < 0)
			t_put(t, ld[k]->rd, RAX);
	}
	/* the store's exits and fault go back to the first load: a register that dies after the
	 * stores was never written */
	m = t_address(t, p->rs1, slo);
	t_fault_site_replay(t, 2 * n);
	e_store(e, m, RDX, w);
	if (qsize)
		copy_run_load(t, q, qsize, qsign, n);
	t->consumed = after;
	return true;
}

/* The load no longer waits for the sum (a table lookup's critical path); a fault in it replays
 * them all. */
bool t_load_of_sum(struct tctx *t, unsigned gbase, unsigned gindex, unsigned k, int ahead)
{
	const struct rv_insn *in = ahead > 1 ? t_peek(t, ahead - 1) : t->in, *p;
	int size, index;
	bool sign;
	if (!in || !in->rd || !gbase || !gindex || !(p = t_peek(t, ahead)) || p->rs1 != in->rd || p->rd != in->rd ||
	    !jit_load_size(p->op, &size, &sign))
		return false;
	index = t_host_reg(t, gindex);
	if (index < 0) {
		t_get(t, RCX, gindex);
		index = RCX;
	}
	load_by_sum(t, gbase, index, k, 0, p, in->rd, ahead);
	return true;
}

/* ld, an addi, xori, ori or andi of its value, and sd back to the same place, where the place
 * looks split pages up (cluster mode): one look-up serves both accesses (a counter in a page
 * that threads on several ranks update, each its own). A stale look-up faults in either access
 * as it would in one (the page's shadow is made inaccessible when it joins); the store's fault
 * finds rd updated and runs the store again. */
static bool split_update(struct tctx *t)
{
	static const int alu[][2] = {{RV_ADDI, ALU_ADD}, {RV_XORI, ALU_XOR}, {RV_ORI, ALU_OR}, {RV_ANDI, ALU_AND}};
	const struct rv_insn *in = t->in, *op, *st;
	int k = 0, h, v;
	struct mem m;
	if (!t->split_here || t->ptb || t->cpu->m->gdb || !in->rd || in->rd == in->rs1 || !(op = t_peek_split(t, 1)) ||
	    !(st = t_peek_split(t, 2)) || op->rd != in->rd || op->rs1 != in->rd || st->op != RV_SD ||
	    st->rs1 != in->rs1 || st->rs2 != in->rd || st->imm != in->imm)
		return false;
	while (k < 4 && alu[k][0] != (int)op->op)
		k++;
	if (k == 4)
		return false;
	m = t_split_address(t, t_address(t, in->rs1, in->imm), 8);
	h = t_host_reg(t, in->rd);
	v = h >= 0 ? h : RDX;
	t_fault_site(t);
	e_load(&t->e, v, m, 8, false);
	e_alu_ri(&t->e, alu[k][1], true, v, (int32_t)op->imm);
	if (h < 0)
		t_put(t, in->rd, RDX);
	t_fault_site_at(t, 2);
	e_store(&t->e, m, v, 8);
	t->consumed = 3;
	return true;
}

static void load(struct tctx *t, int size, bool sign)
{
	const struct rv_insn *in = t->in;
	if (size < 8 && copy_run(t, size, sign))
		return;
	if (size == 8 && split_update(t))
		return;
	struct mem m = t_address(t, in->rs1, in->imm);
	int h = in->rd ? t_host_reg(t, in->rd) : -1;
	if (t->split_here)
		m = t_split_address(t, m, size);
	t_fault_site(t);
	/* x86 loads are precise too: a faulting load leaves its destination as it was */
	e_load(&t->e, h >= 0 ? h : RDX, m, size, sign);
	if (h < 0)
		t_put(t, in->rd, RDX);
}

/* A run of narrow stores through one base that fills 2, 4 or 8 contiguous bytes (gcc's copy
 * of an unaligned word: byte stores to the stack, then a word load) becomes one store: x86
 * forwards a store to a load only when one store covers it, else the load waits for them all.
 * The one store does the work of the run: a fault in it replays them one by one. */
static bool store_run(struct tctx *t, int size)
{
	const struct rv_insn *in = t->in, *run[8] = {in}, *part[8]; /* part: the store at each offset */
	int n = 1, best, lo, k;
	struct mem m;
	while (n * size < 8) {
		const struct rv_insn *p = t_peek(t, n);
		if (!p || p->op != in->op || p->rs1 != in->rs1)
			break;
		run[n++] = p;
	}
	/* the longest prefix whose stores tile 2, 4 or 8 bytes */
	for (best = n; best >= 2 && !tiles(run, best, size, part, &lo); best--)
		;
	if (best < 2)
		return false;
	m = t_address(t, in->rs1, lo);
	t_get(t, RDX, part[best - 1]->rs2);
	for (k = best - 2; k >= 0; k--) { /* the highest part first, then each below it */
		unsigned g = part[k]->rs2;
		int h = t_host_reg(t, g);
		e_shift_i(&t->e, SH_SHL, true, RDX, (uint8_t)(8 * size));
		if (!g)
			continue;
		if (h < 0)
			e_load(&t->e, RCX, M(REG_CPU, OFF_X(g)), size, false);
		else if (size == 1)
			e_movzx8(&t->e, RCX, h);
		else if (size == 2)
			e_movzx16(&t->e, RCX, h);
		else
			e_mov_rr(&t->e, false, RCX, h);
		e_alu_rr(&t->e, ALU_OR, true, RDX, RCX);
	}
	t_fault_site_replay(t, best);
	e_store(&t->e, m, RDX, best * size);
	t->consumed = best;
	return true;
}

static void store(struct tctx *t, int size)
{
	const struct rv_insn *in = t->in;
	if (size < 8 && store_run(t, size))
		return;
	struct mem m = t_address(t, in->rs1, in->imm);
	int h = in->rs2 ? t_host_reg(t, in->rs2) : -1;
	if (h < 0)
		t_get(t, RDX, in->rs2);
	if (t->split_here)
		m = t_split_address(t, m, size);
	t_fault_site(t);
	e_store(&t->e, m, h >= 0 ? h : RDX, size);
}

/* lui or auipc and an addi of its register (la, li of 32 bits): the sum at once */
static void constant(struct tctx *t)
{
	uint64_t v;
	t->consumed = t->in->rd && t_peek(t, 1) && t_constant(t, t->idx, 2, &v) ? 2 : 1;
	if (t->consumed == 1) /* lui or auipc alone: always a constant */
		t_constant(t, t->idx, 1, &v);
	t_put_imm(t, t->in->rd, v);
}

bool jit_rv64i(struct tctx *t)
{
	const struct rv_insn *in = t->in;
	switch (in->op) {
	case RV_LUI:
	case RV_AUIPC: constant(t); return true;
	case RV_LB: load(t, 1, true); return true;
	case RV_LH: load(t, 2, true); return true;
	case RV_LW: load(t, 4, true); return true;
	case RV_LD: load(t, 8, false); return true;
	case RV_LBU: load(t, 1, false); return true;
	case RV_LHU: load(t, 2, false); return true;
	case RV_LWU: load(t, 4, false); return true;
	case RV_SB: store(t, 1); return true;
	case RV_SH: store(t, 2); return true;
	case RV_SW: store(t, 4); return true;
	case RV_SD: store(t, 8); return true;
	case RV_ADDI: alu_ri(t, ALU_ADD, false); return true;
	case RV_XORI: alu_ri(t, ALU_XOR, false); return true;
	case RV_ORI: alu_ri(t, ALU_OR, false); return true;
	case RV_ANDI:
		if (!index_load(t))
			alu_ri(t, ALU_AND, false);
		return true;
	case RV_ADDIW: alu_ri(t, ALU_ADD, true); return true;
	case RV_SLTI: set_cmp(t, CC_L, true); return true;
	case RV_SLTIU: set_cmp(t, CC_B, true); return true;
	case RV_SLLI: shift_ri(t, SH_SHL, false); return true;
	case RV_SRLI: shift_ri(t, SH_SHR, false); return true;
	case RV_SRAI: shift_ri(t, SH_SAR, false); return true;
	case RV_SLLIW: shift_ri(t, SH_SHL, true); return true;
	case RV_SRLIW: shift_ri(t, SH_SHR, true); return true;
	case RV_SRAIW: shift_ri(t, SH_SAR, true); return true;
	case RV_ADD: alu_rr(t, ALU_ADD, false); return true;
	case RV_SUB: alu_rr(t, ALU_SUB, false); return true;
	case RV_XOR: alu_rr(t, ALU_XOR, false); return true;
	case RV_OR: alu_rr(t, ALU_OR, false); return true;
	case RV_AND: alu_rr(t, ALU_AND, false); return true;
	case RV_ADDW: alu_rr(t, ALU_ADD, true); return true;
	case RV_SUBW: alu_rr(t, ALU_SUB, true); return true;
	case RV_SLT: set_cmp(t, CC_L, false); return true;
	case RV_SLTU: set_cmp(t, CC_B, false); return true;
	case RV_SLL: shift_rr(t, SH_SHL, false); return true;
	case RV_SRL: shift_rr(t, SH_SHR, false); return true;
	case RV_SRA: shift_rr(t, SH_SAR, false); return true;
	case RV_SLLW: shift_rr(t, SH_SHL, true); return true;
	case RV_SRLW: shift_rr(t, SH_SHR, true); return true;
	case RV_SRAW: shift_rr(t, SH_SAR, true); return true;
	case RV_FENCE:
		/* x86 is TSO: only a store followed by a load needs a barrier, and only when another
		 * agent can see guest memory */
		if ((in->imm & 0x10) && (in->imm & 0x2) &&
		    __atomic_load_n(&t->cpu->m->shared_memory, __ATOMIC_RELAXED)) {
			e_byte(&t->e, 0x0f);
			e_byte(&t->e, 0xae);
			e_byte(&t->e, 0xf0); /* mfence */
		}
		return true;
	}
	return false;
}
