/* The vector extension (V 1.0) in the reference interpreter: configuration, every load and
 * store form, integer and fixed-point arithmetic, masks, permutations, reductions, and the F/D
 * element arithmetic. Tail and inactive elements are left undisturbed (what the agnostic
 * policies allow and QEMU does). Encodings the ISA reserves for the current vtype (misaligned
 * register groups, forbidden overlaps, SEW without an FP type) raise SIGILL. */
#include <string.h>

#include "../riscv/fp.h"
#include "interp.h"

#define X(r) cpu->x[r]

/* ---- vtype */

static int vsetvl(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t vtype = in->op == RV_VSETVL ? X(in->rs2) : (uint64_t)in->imm, avl;
	struct rv_vtype t;
	if (!rv_vtype_decode(vtype, cpu->vlenb, &t)) {
		cpu->vtype = 1ull << 63;
		cpu->vl = 0;
		cpu->vstart = 0;
		X(in->rd) = 0;
		return EXEC_NEXT;
	}
	if (in->op == RV_VSETIVLI)
		avl = in->rs1;
	else if (in->rs1)
		avl = X(in->rs1);
	else
		avl = in->rd ? UINT64_MAX : cpu->vl;
	cpu->vl = avl < t.vlmax ? avl : t.vlmax;
	cpu->vtype = vtype;
	cpu->vstart = 0;
	X(in->rd) = cpu->vl;
	return EXEC_NEXT;
}

/* ---- registers and elements */

static inline uint8_t *elem(struct rvx_vcpu *cpu, unsigned reg, uint64_t i, unsigned size)
{
	return cpu->v + (size_t)reg * cpu->vlenb + i * size;
}

static inline uint64_t get(struct rvx_vcpu *cpu, unsigned reg, uint64_t i, unsigned size)
{
	const uint8_t *p = elem(cpu, reg, i, size);
	switch (size) {
	case 1: return *p;
	case 2: return (uint64_t)p[0] | (uint64_t)p[1] << 8;
	case 4: {
		uint32_t v;
		memcpy(&v, p, 4);
		return v;
	}
	default: {
		uint64_t v;
		memcpy(&v, p, 8);
		return v;
	}
	}
}

static inline int64_t sext(uint64_t v, unsigned size)
{
	return size == 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size);
}

static inline uint64_t zext(uint64_t v, unsigned size)
{
	return size == 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static inline void put(struct rvx_vcpu *cpu, unsigned reg, uint64_t i, unsigned size, uint64_t v)
{
	memcpy(elem(cpu, reg, i, size), &v, size); /* little-endian host */
}

static inline bool mbit(const struct rvx_vcpu *cpu, unsigned reg, uint64_t i)
{
	return (cpu->v[(size_t)reg * cpu->vlenb + (i >> 3)] >> (i & 7)) & 1;
}

static inline void put_mbit(struct rvx_vcpu *cpu, unsigned reg, uint64_t i, bool b)
{
	uint8_t *p = &cpu->v[(size_t)reg * cpu->vlenb + (i >> 3)];
	*p = (uint8_t)((*p & ~(1u << (i & 7))) | (unsigned)b << (i & 7));
}

static inline bool active(const struct rvx_vcpu *cpu, const struct rv_insn *in, uint64_t i)
{
	return in->rm || mbit(cpu, 0, i);
}

/* Registers in a group of emul8/8 registers (at least one). */
static inline unsigned regs_of(int emul8)
{
	return emul8 < 8 ? 1 : (unsigned)emul8 / 8;
}

/* A group must start at a multiple of its size and fit in the register file. */
static bool aligned(unsigned reg, int emul8)
{
	return emul8 <= 64 && reg % regs_of(emul8) == 0;
}

static bool overlap(unsigned a, unsigned na, unsigned b, unsigned nb)
{
	return a < b + nb && b < a + na;
}

/* Whether destination group d (emul8 de) may share registers with source group s (se): only where
 * the ISA allows it (a narrower destination in the source's lowest part, a wider one in its
 * highest part with the source at least one register). */
static bool may_overlap(unsigned d, int de, unsigned s, int se)
{
	unsigned nd = regs_of(de), ns = regs_of(se);
	if (!overlap(d, nd, s, ns))
		return true;
	if (de == se)
		return true;
	if (de < se)
		return d == s;
	return se >= 8 && s == d + nd - ns;
}

/* A vector register may feed one instruction with one EEW only (the mask, v0, has EEW 1): a
 * masked instruction whose vector source group holds v0, or two sources of different EEW that
 * share a register, is reserved. QEMU 10 checks it for the element-wise, widening, narrowing,
 * merge, gather, slide, extension and indexed-load forms, not for compares, reductions, vadc and
 * stores; rvx does as it does. */
static bool source_uses_mask(const struct rv_insn *in, unsigned reg)
{
	return !in->rm && reg == 0; /* groups start at a multiple of their size */
}

static bool sources_clash(unsigned a, int ae, unsigned b, int be)
{
	return ae != be && overlap(a, regs_of(ae), b, regs_of(be));
}

/* ---- fixed point */

/* v >> d rounded by vxrm (d < 64... or 64 for a shift out of a 64-bit value) */
static uint64_t round_shift(const struct rvx_vcpu *cpu, uint64_t v, unsigned d, bool arith)
{
	uint64_t r = 0, shifted;
	if (d == 0)
		return v;
	shifted = arith ? (uint64_t)((int64_t)v >> (d > 63 ? 63 : d)) : (d > 63 ? 0 : v >> d);
	switch (cpu->vxrm) {
	case 0: r = (v >> (d - 1)) & 1; break; /* rnu */
	case 1:                                /* rne */
		r = ((v >> (d - 1)) & 1) && ((d > 1 && (v & ((1ull << (d - 1)) - 1))) || (d < 64 && ((v >> d) & 1)));
		break;
	case 2: r = 0; break; /* rdn */
	default: r = !(d < 64 && ((v >> d) & 1)) && (v & (d >= 64 ? UINT64_MAX : (1ull << d) - 1)) != 0; break;
	}
	return shifted + r;
}

/* The same on a 128-bit value (averaging adds, vsmul) */
static __int128 round_shift128(const struct rvx_vcpu *cpu, __int128 v, unsigned d)
{
	unsigned __int128 u = (unsigned __int128)v, low = d ? u & (((unsigned __int128)1 << d) - 1) : 0;
	__int128 r = 0;
	if (d == 0)
		return v;
	switch (cpu->vxrm) {
	case 0: r = (u >> (d - 1)) & 1; break;
	case 1: r = ((u >> (d - 1)) & 1) && ((low & (((unsigned __int128)1 << (d - 1)) - 1)) || ((u >> d) & 1)); break;
	case 2: r = 0; break;
	default: r = !((u >> d) & 1) && low != 0; break;
	}
	return (v >> d) + r;
}

/* ---- loads and stores */

/* vl<n>re<eew>.v, vs<n>r.v: n registers of EEW elements, whatever vtype holds */
static int whole_registers(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	unsigned eew = (unsigned)in->imm / 8, nf = in->rs3, vd = in->rd;
	uint64_t base = X(in->rs1), n = (uint64_t)nf * cpu->vlenb / eew;
	if (vd % nf)
		return EXEC_ILLEGAL;
	for (uint64_t i = cpu->vstart; i < n; i++) {
		cpu->vstart = i;
		void *p = interp_addr(cpu, base + i * eew, eew);
		if (in->op == RV_VSR)
			memcpy(p, elem(cpu, vd, i, eew), eew);
		else
			memcpy(elem(cpu, vd, i, eew), p, eew);
		interp_note_vaccess(cpu, base + i * eew, elem(cpu, vd, i, eew), eew, in->op == RV_VSR);
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

static int vmem(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned eew = (unsigned)in->imm / 8, nf = in->rs3, vd = in->rd;
	bool store = in->op >= RV_VSE;
	bool indexed = in->op == RV_VLUXEI || in->op == RV_VLOXEI || in->op == RV_VSUXEI || in->op == RV_VSOXEI;
	uint64_t base = X(in->rs1), stride = eew * nf, vl = cpu->vl, i;
	unsigned dsize = eew;
	int emul8 = (int)((uint64_t)t->lmul8 * eew / t->sew), demul8 = emul8;

	if (in->op == RV_VLM || in->op == RV_VSM) { /* ceil(vl / 8) bytes */
		uint64_t n = (vl + 7) / 8;
		for (i = cpu->vstart; i < n; i++) {
			cpu->vstart = i;
			uint8_t *p = interp_addr(cpu, base + i, 1);
			if (store)
				*p = cpu->v[(size_t)vd * cpu->vlenb + i];
			else
				cpu->v[(size_t)vd * cpu->vlenb + i] = *p;
			interp_note_vaccess(cpu, base + i, p, 1, store);
		}
		cpu->vstart = 0;
		return EXEC_NEXT;
	}
	if (indexed) { /* data has SEW and LMUL; the index vector EEW */
		dsize = t->sew;
		demul8 = t->lmul8;
		if (!aligned(in->rs2, emul8) || (!store && !may_overlap(vd, demul8, in->rs2, emul8)) ||
		    (!store && source_uses_mask(in, in->rs2)))
			return EXEC_ILLEGAL;
		if (nf > 1 && !store && overlap(vd, regs_of(demul8) * nf, in->rs2, regs_of(emul8)))
			return EXEC_ILLEGAL;
	}
	if (emul8 < 1 || emul8 > 64 || !aligned(vd, demul8) || regs_of(demul8) * nf > 8 ||
	    vd + regs_of(demul8) * nf > 32 || (!in->rm && vd == 0 && !store))
		return EXEC_ILLEGAL;
	if (in->op == RV_VLSE || in->op == RV_VSSE)
		stride = X(in->rs2);
	/* fault-only-first: one look at the address space when the whole access is readable (an
	 * element after the first that is not trims vl instead of faulting) */
	bool trim = in->op == RV_VLEFF && vl > 1 && !space_check(&cpu->m->space, base, vl * stride, PROT_READ);
	uint64_t readable_page = UINT64_MAX;
	/* unmasked, unit-stride, one field, all of it mapped as it must be: one copy (no element can
	 * fault, so vstart has nothing to say) */
	if ((in->op == RV_VLE || in->op == RV_VSE || (in->op == RV_VLEFF && !trim)) && in->rm && nf == 1 &&
	    cpu->vstart == 0 && vl > 0 && !cpu->vaccess &&
	    space_check(&cpu->m->space, base, vl * eew, store ? PROT_READ | PROT_WRITE : PROT_READ)) {
		uint8_t *p = interp_addr(cpu, base, (unsigned)(vl * eew));
		if (store)
			memcpy(p, elem(cpu, vd, 0, eew), vl * eew);
		else
			memcpy(elem(cpu, vd, 0, eew), p, vl * eew);
		return EXEC_NEXT;
	}
	for (i = cpu->vstart; i < vl; i++) {
		if (!active(cpu, in, i))
			continue;
		for (unsigned f = 0; f < nf; f++) {
			uint64_t addr, off = f * dsize;
			unsigned reg = vd + f * regs_of(demul8);
			if (indexed)
				addr = base + get(cpu, in->rs2, i, eew) + off;
			else
				addr = base + i * stride + off;
			if (trim && i > 0 && (addr >> 12) != readable_page) {
				if (!space_check(&cpu->m->space, addr, dsize, PROT_READ)) {
					cpu->vl = i;
					cpu->vstart = 0;
					return EXEC_NEXT;
				}
				readable_page = (addr + dsize - 1) >> 12 == addr >> 12 ? addr >> 12 : UINT64_MAX;
			}
			cpu->vstart = i;
			void *p = interp_addr(cpu, addr, dsize);
			if (store)
				memcpy(p, elem(cpu, reg, i, dsize), dsize);
			else
				memcpy(elem(cpu, reg, i, dsize), p, dsize);
			interp_note_vaccess(cpu, addr, elem(cpu, reg, i, dsize), dsize, store);
		}
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

/* ---- integer arithmetic */

static bool is_compare(unsigned op)
{
	return op >= RV_VMSEQ && op <= RV_VMSGT;
}

static bool is_widening(unsigned op)
{
	return op >= RV_VWADDU && op <= RV_VWMACCSU;
}

static bool is_narrowing(unsigned op)
{
	return op >= RV_VNSRL && op <= RV_VNCLIP;
}

static uint64_t sat_add(struct rvx_vcpu *cpu, uint64_t a, uint64_t b, unsigned size, bool sgn, bool sub)
{
	if (sgn) {
		__int128 r = sub ? (__int128)sext(a, size) - sext(b, size) : (__int128)sext(a, size) + sext(b, size);
		__int128 max = ((__int128)1 << (8 * size - 1)) - 1, min = -max - 1;
		if (r > max || r < min) {
			cpu->vxsat = 1;
			r = r > max ? max : min;
		}
		return (uint64_t)r;
	}
	unsigned __int128 r =
	    sub ? (unsigned __int128)zext(a, size) - zext(b, size) : (unsigned __int128)zext(a, size) + zext(b, size);
	unsigned __int128 max = size == 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
	if (sub && zext(a, size) < zext(b, size)) {
		cpu->vxsat = 1;
		return 0;
	}
	if (!sub && r > max) {
		cpu->vxsat = 1;
		return (uint64_t)max;
	}
	return (uint64_t)r;
}

/* Narrowing clip of a 2*SEW value to SEW bits, saturating (vnclip, vnclipu). */
static uint64_t clip(struct rvx_vcpu *cpu, __int128 v, unsigned size, bool sgn)
{
	__int128 max = sgn ? ((__int128)1 << (8 * size - 1)) - 1 : ((__int128)1 << (8 * size)) - 1;
	__int128 min = sgn ? -max - 1 : 0;
	if (v > max || v < min) {
		cpu->vxsat = 1;
		v = v > max ? max : min;
	}
	return (uint64_t)v;
}

/* One element of a single-width or widening/narrowing integer operation: a is vs2's element,
 * b the other operand (vs1's element, x[rs1] or the immediate), d vd's old element. */
static uint64_t int_op(struct rvx_vcpu *cpu, unsigned op, uint64_t a, uint64_t b, uint64_t d, unsigned size,
		       unsigned asize)
{
	unsigned bits = 8 * size, sh = (unsigned)b & (8 * asize - 1);
	int64_t sa = sext(a, asize), sb = sext(b, size);
	uint64_t ua = zext(a, asize), ub = zext(b, size);
	switch (op) {
	case RV_VADD: return a + b;
	case RV_VSUB: return a - b;
	case RV_VRSUB: return b - a;
	case RV_VMINU: return ua < ub ? a : b;
	case RV_VMIN: return sa < sb ? a : b;
	case RV_VMAXU: return ua > ub ? a : b;
	case RV_VMAX: return sa > sb ? a : b;
	case RV_VAND: return a & b;
	case RV_VOR: return a | b;
	case RV_VXOR: return a ^ b;
	case RV_VSLL: return a << (b & (bits - 1));
	case RV_VSRL: return ua >> (b & (bits - 1));
	case RV_VSRA: return (uint64_t)(sa >> (b & (bits - 1)));
	case RV_VSSRL: return round_shift(cpu, ua, (unsigned)b & (bits - 1), false);
	case RV_VSSRA: return round_shift(cpu, (uint64_t)sa, (unsigned)b & (bits - 1), true);
	case RV_VNSRL: return ua >> sh;
	case RV_VNSRA: return (uint64_t)(sa >> sh);
	case RV_VNCLIPU: return clip(cpu, (__int128)round_shift(cpu, ua, sh, false), size, false);
	case RV_VNCLIP: return clip(cpu, (__int128)(int64_t)round_shift(cpu, (uint64_t)sa, sh, true), size, true);
	case RV_VSADDU: return sat_add(cpu, a, b, size, false, false);
	case RV_VSADD: return sat_add(cpu, a, b, size, true, false);
	case RV_VSSUBU: return sat_add(cpu, a, b, size, false, true);
	case RV_VSSUB: return sat_add(cpu, a, b, size, true, true);
	case RV_VAADDU: return (uint64_t)round_shift128(cpu, (__int128)ua + ub, 1);
	case RV_VAADD: return (uint64_t)round_shift128(cpu, (__int128)sa + sb, 1);
	case RV_VASUBU: return (uint64_t)round_shift128(cpu, (__int128)ua - (__int128)ub, 1);
	case RV_VASUB: return (uint64_t)round_shift128(cpu, (__int128)sa - sb, 1);
	case RV_VSMUL: {
		__int128 r = round_shift128(cpu, (__int128)sa * sb, bits - 1);
		return clip(cpu, r, size, true);
	}
	case RV_VMUL: return a * b;
	case RV_VMULH: return (uint64_t)(((__int128)sa * sb) >> bits);
	case RV_VMULHU: return (uint64_t)(((unsigned __int128)ua * ub) >> bits);
	case RV_VMULHSU: return (uint64_t)(((__int128)sa * (__int128)ub) >> bits);
	case RV_VDIVU: return ub == 0 ? UINT64_MAX : ua / ub;
	case RV_VREMU: return ub == 0 ? ua : ua % ub;
	case RV_VDIV:
		if (sb == 0)
			return UINT64_MAX;
		if (sb == -1 && sa == sext(1ull << (bits - 1), size))
			return (uint64_t)sa;
		return (uint64_t)(sa / sb);
	case RV_VREM:
		if (sb == 0)
			return (uint64_t)sa;
		if (sb == -1)
			return 0;
		return (uint64_t)(sa % sb);
	case RV_VMACC: return b * a + d;
	case RV_VNMSAC: return d - b * a;
	case RV_VMADD: return b * d + a;
	case RV_VNMSUB: return a - b * d;
	default: return 0;
	}
}

static bool int_compare(unsigned op, uint64_t a, uint64_t b, unsigned size)
{
	int64_t sa = sext(a, size), sb = sext(b, size);
	uint64_t ua = zext(a, size), ub = zext(b, size);
	switch (op) {
	case RV_VMSEQ: return ua == ub;
	case RV_VMSNE: return ua != ub;
	case RV_VMSLTU: return ua < ub;
	case RV_VMSLT: return sa < sb;
	case RV_VMSLEU: return ua <= ub;
	case RV_VMSLE: return sa <= sb;
	case RV_VMSGTU: return ua > ub;
	default: return sa > sb;
	}
}

/* The scalar operand of a .vx/.vi form, or vs1's element i of the given size */
static uint64_t operand(struct rvx_vcpu *cpu, const struct rv_insn *in, uint64_t i, unsigned size)
{
	switch (in->rs3) {
	case VF_VX:
	case VF_WX:
	case VF_VXM: return X(in->rs1);
	case VF_VI:
	case VF_WI:
	case VF_VIM: return (uint64_t)in->imm;
	default: return get(cpu, in->rs1, i, size);
	}
}

static bool vector_source(const struct rv_insn *in)
{
	return in->rs3 == VF_VV || in->rs3 == VF_WV || in->rs3 == VF_VVM || in->rs3 == VF_VS || in->rs3 == VF_MM;
}

static int int_arith(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, vd = in->rd, vs2 = in->rs2;
	uint64_t vl = cpu->vl, i;
	const int s1e = t->lmul8; /* the groups' EMUL * 8: vs1's, then vd's and vs2's */
	int de = s1e, s2e = s1e;
	unsigned dsize = sew, asize = sew, bsize = sew;
	bool widening = is_widening(op), narrowing = is_narrowing(op), cmp = is_compare(op);
	bool carry = op == RV_VADC || op == RV_VSBC || op == RV_VMADC || op == RV_VMSBC;

	if (widening || narrowing) {
		if (sew == 8 || t->lmul8 == 64)
			return EXEC_ILLEGAL;
		if (widening) {
			de *= 2;
			dsize = 2 * sew;
			if (in->rs3 == VF_WV || in->rs3 == VF_WX) {
				s2e *= 2;
				asize = 2 * sew;
			}
		} else {
			s2e *= 2;
			asize = 2 * sew;
		}
	}
	if (cmp || op == RV_VMADC || op == RV_VMSBC)
		de = 1; /* a mask register */
	if (!aligned(vd, de) || !aligned(vs2, s2e) || (vector_source(in) && !aligned(in->rs1, s1e)))
		return EXEC_ILLEGAL;
	if (!in->rm && vd == 0 && de != 1 && !carry)
		return EXEC_ILLEGAL; /* a masked destination overlapping the mask */
	if (in->rs3 == VF_VVM || in->rs3 == VF_VXM || in->rs3 == VF_VIM) {
		if (vd == 0 && !(op == RV_VMADC || op == RV_VMSBC))
			return EXEC_ILLEGAL;
	}
	if (!may_overlap(vd, de, vs2, s2e) || (vector_source(in) && !may_overlap(vd, de, in->rs1, s1e)))
		return EXEC_ILLEGAL;
	if (!cmp && !carry &&
	    (source_uses_mask(in, vs2) ||
	     (vector_source(in) && (source_uses_mask(in, in->rs1) || sources_clash(vs2, s2e, in->rs1, s1e)))))
		return EXEC_ILLEGAL;
	if (widening && in->rs3 != VF_WV && in->rs3 != VF_WX && overlap(vd, regs_of(de), vs2, regs_of(s2e)) &&
	    !may_overlap(vd, de, vs2, s2e))
		return EXEC_ILLEGAL;
	if (cmp && in->rm && cpu->vstart == 0) { /* unmasked compares: eight mask bits at a time */
		uint64_t scalar = in->rs3 == VF_VX ? X(in->rs1) : (uint64_t)in->imm;
		uint8_t *m = &cpu->v[(size_t)vd * cpu->vlenb];
		for (i = 0; i < vl; i += 8) {
			unsigned bits = 0, n = vl - i < 8 ? (unsigned)(vl - i) : 8, keep = 0xffu << n;
			for (unsigned k = 0; k < n; k++) {
				uint64_t b = in->rs3 == VF_VV ? get(cpu, in->rs1, i + k, sew) : scalar;
				bits |= (unsigned)int_compare(op, get(cpu, vs2, i + k, sew), b, sew) << k;
			}
			m[i / 8] = (uint8_t)((m[i / 8] & keep) | bits); /* bits past vl stay (tail) */
		}
		return EXEC_NEXT;
	}
	for (i = cpu->vstart; i < vl; i++) {
		uint64_t a = get(cpu, vs2, i, asize), b, r;
		if (op == RV_VMERGE) {
			put(cpu, vd, i, sew, mbit(cpu, 0, i) ? operand(cpu, in, i, sew) : a);
			continue;
		}
		if (carry) {
			bool c = in->rs3 >= VF_VVM && mbit(cpu, 0, i);
			uint64_t bb = zext(operand(cpu, in, i, sew), sew), aa = zext(a, sew);
			unsigned __int128 full = (op == RV_VADC || op == RV_VMADC) ? (unsigned __int128)aa + bb + c
										   : (unsigned __int128)aa - bb - c;
			if (op == RV_VADC || op == RV_VSBC)
				put(cpu, vd, i, sew, (uint64_t)full);
			else if (op == RV_VMADC)
				put_mbit(cpu, vd, i, (full >> (8 * sew)) != 0);
			else
				put_mbit(cpu, vd, i, (unsigned __int128)aa < (unsigned __int128)bb + c);
			continue;
		}
		if (!active(cpu, in, i))
			continue;
		b = operand(cpu, in, i, bsize);
		if (cmp) {
			put_mbit(cpu, vd, i, int_compare(op, a, b, sew));
			continue;
		}
		if (widening) { /* sources extended to 2*SEW, then the single-width operation there */
			bool sa = op == RV_VWADD || op == RV_VWSUB || op == RV_VWADD_W || op == RV_VWSUB_W ||
				  op == RV_VWMUL || op == RV_VWMACC || op == RV_VWMULSU || op == RV_VWMACCUS;
			bool sb = op == RV_VWADD || op == RV_VWSUB || op == RV_VWADD_W || op == RV_VWSUB_W ||
				  op == RV_VWMUL || op == RV_VWMACC || op == RV_VWMACCSU;
			uint64_t d = get(cpu, vd, i, dsize);
			uint64_t wa = asize == dsize ? a : sa ? (uint64_t)sext(a, sew) : zext(a, sew);
			uint64_t wb = sb ? (uint64_t)sext(b, sew) : zext(b, sew);
			if (op == RV_VWMULSU)
				wb = zext(b, sew);
			if (op == RV_VWMACCSU) { /* signed vs1/rs1 times unsigned vs2 */
				wa = zext(a, sew);
				wb = (uint64_t)sext(b, sew);
			}
			if (op == RV_VWMACCUS) {
				wa = (uint64_t)sext(a, sew);
				wb = zext(b, sew);
			}
			switch (op) {
			case RV_VWADDU:
			case RV_VWADD:
			case RV_VWADDU_W:
			case RV_VWADD_W: r = wa + wb; break;
			case RV_VWSUBU:
			case RV_VWSUB:
			case RV_VWSUBU_W:
			case RV_VWSUB_W: r = wa - wb; break;
			case RV_VWMULU:
			case RV_VWMUL:
			case RV_VWMULSU: r = wa * wb; break;
			default: r = wa * wb + d; break; /* the widening multiply-adds */
			}
			put(cpu, vd, i, dsize, r);
			continue;
		}
		r = int_op(cpu, op, a, b, get(cpu, vd, i, sew), sew, asize);
		put(cpu, vd, i, dsize, r);
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

/* ---- reductions, masks, permutations */

static int reduction(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, wide = (op == RV_VWREDSUMU || op == RV_VWREDSUM) ? 2 * sew : sew;
	uint64_t acc, i;
	if (cpu->vstart)
		return EXEC_ILLEGAL;
	if (!aligned(in->rs2, t->lmul8) || (wide != sew && sew == 8))
		return EXEC_ILLEGAL;
	if (cpu->vl == 0)
		return EXEC_NEXT;
	acc = get(cpu, in->rs1, 0, wide);
	for (i = 0; i < cpu->vl; i++) {
		uint64_t e = get(cpu, in->rs2, i, sew);
		if (!active(cpu, in, i))
			continue;
		switch (op) {
		case RV_VREDSUM: acc += e; break;
		case RV_VREDAND: acc &= e; break;
		case RV_VREDOR: acc |= e; break;
		case RV_VREDXOR: acc ^= e; break;
		case RV_VREDMINU: acc = zext(e, sew) < zext(acc, sew) ? e : acc; break;
		case RV_VREDMIN: acc = sext(e, sew) < sext(acc, sew) ? e : acc; break;
		case RV_VREDMAXU: acc = zext(e, sew) > zext(acc, sew) ? e : acc; break;
		case RV_VREDMAX: acc = sext(e, sew) > sext(acc, sew) ? e : acc; break;
		case RV_VWREDSUMU: acc += zext(e, sew); break;
		default: acc += (uint64_t)sext(e, sew); break; /* vwredsum */
		}
	}
	put(cpu, in->rd, 0, wide, acc);
	return EXEC_NEXT;
}

static int mask_logical(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t vl = cpu->vl;
	for (uint64_t i = cpu->vstart; i < vl; i++) {
		bool a = mbit(cpu, in->rs2, i), b = mbit(cpu, in->rs1, i), r;
		switch (in->op) {
		case RV_VMANDN: r = a && !b; break;
		case RV_VMAND: r = a && b; break;
		case RV_VMOR: r = a || b; break;
		case RV_VMXOR: r = a != b; break;
		case RV_VMORN: r = a || !b; break;
		case RV_VMNAND: r = !(a && b); break;
		case RV_VMNOR: r = !(a || b); break;
		default: r = a == b; break;
		}
		put_mbit(cpu, in->rd, i, r);
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

static int unary(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, vd = in->rd, vs2 = in->rs2;
	uint64_t vl = cpu->vl, i, n = 0;
	bool seen = false;
	switch (op) {
	case RV_VMV_X_S: X(in->rd) = (uint64_t)sext(get(cpu, vs2, 0, sew), sew); return EXEC_NEXT;
	case RV_VMV_S_X:
		if (cpu->vstart < vl)
			put(cpu, vd, 0, sew, X(in->rs1));
		cpu->vstart = 0;
		return EXEC_NEXT;
	case RV_VCPOP_M:
	case RV_VFIRST_M: {
		int64_t first = -1;
		if (cpu->vstart)
			return EXEC_ILLEGAL;
		for (i = 0; i < vl; i += 8) { /* a byte of mask bits at a time */
			unsigned bits = cpu->v[(size_t)vs2 * cpu->vlenb + i / 8];
			if (!in->rm)
				bits &= cpu->v[i / 8];
			if (vl - i < 8)
				bits &= (1u << (vl - i)) - 1;
			if (bits && first < 0)
				first = (int64_t)(i + (unsigned)__builtin_ctz(bits));
			n += (unsigned)__builtin_popcount(bits);
		}
		X(in->rd) = op == RV_VCPOP_M ? n : (uint64_t)first;
		return EXEC_NEXT;
	}
	case RV_VMSBF:
	case RV_VMSIF:
	case RV_VMSOF:
		if (cpu->vstart || vd == vs2 || (!in->rm && vd == 0))
			return EXEC_ILLEGAL;
		for (i = 0; i < vl; i++) {
			bool b = mbit(cpu, vs2, i), r;
			if (!active(cpu, in, i))
				continue;
			if (op == RV_VMSBF)
				r = !seen && !b;
			else if (op == RV_VMSIF)
				r = !seen;
			else
				r = !seen && b;
			seen = seen || b;
			put_mbit(cpu, vd, i, r);
		}
		return EXEC_NEXT;
	case RV_VIOTA:
		if (cpu->vstart || !aligned(vd, t->lmul8) || overlap(vd, regs_of(t->lmul8), vs2, 1) ||
		    (!in->rm && vd == 0))
			return EXEC_ILLEGAL;
		for (i = 0; i < vl; i++) {
			if (!active(cpu, in, i))
				continue;
			put(cpu, vd, i, sew, n);
			n += mbit(cpu, vs2, i);
		}
		return EXEC_NEXT;
	case RV_VID:
		if (!aligned(vd, t->lmul8) || (!in->rm && vd == 0))
			return EXEC_ILLEGAL;
		for (i = cpu->vstart; i < vl; i++)
			if (active(cpu, in, i))
				put(cpu, vd, i, sew, i);
		cpu->vstart = 0;
		return EXEC_NEXT;
	default: { /* vzext/vsext.vf2/4/8 */
		unsigned f = op == RV_VZEXT_VF8 || op == RV_VSEXT_VF8   ? 8
			     : op == RV_VZEXT_VF4 || op == RV_VSEXT_VF4 ? 4
									: 2;
		bool sgn = op == RV_VSEXT_VF8 || op == RV_VSEXT_VF4 || op == RV_VSEXT_VF2;
		int se = t->lmul8 / (int)f;
		if (sew / f == 0 || se < 1 || !aligned(vd, t->lmul8) || !aligned(vs2, se) ||
		    !may_overlap(vd, t->lmul8, vs2, se) || (!in->rm && vd == 0) || source_uses_mask(in, vs2))
			return EXEC_ILLEGAL;
		for (i = cpu->vstart; i < vl; i++) {
			uint64_t e = get(cpu, vs2, i, sew / f);
			if (active(cpu, in, i))
				put(cpu, vd, i, sew, sgn ? (uint64_t)sext(e, sew / f) : e);
		}
		cpu->vstart = 0;
		return EXEC_NEXT;
	}
	}
}

static uint64_t fp_scalar(const struct rvx_vcpu *cpu, unsigned r, unsigned size)
{
	return size == 4 ? rv_unbox_s(cpu->f[r]) : cpu->f[r];
}

static int permute(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, vd = in->rd, vs2 = in->rs2, n;
	uint64_t vl = cpu->vl, vlmax = t->vlmax, i, off;
	if (!aligned(vd, t->lmul8) || !aligned(vs2, t->lmul8) || (!in->rm && vd == 0) || source_uses_mask(in, vs2) ||
	    (in->rs3 == VF_VV && source_uses_mask(in, in->rs1)))
		return EXEC_ILLEGAL;
	switch (op) {
	case RV_VSLIDEUP:
	case RV_VSLIDE1UP:
	case RV_VFSLIDE1UP:
		if (overlap(vd, regs_of(t->lmul8), vs2, regs_of(t->lmul8)))
			return EXEC_ILLEGAL;
		off = op == RV_VSLIDEUP ? operand(cpu, in, 0, 8) : 1;
		for (i = cpu->vstart > off ? cpu->vstart : off; i < vl; i++)
			if (active(cpu, in, i))
				put(cpu, vd, i, sew, get(cpu, vs2, i - off, sew));
		if (op != RV_VSLIDEUP && cpu->vstart == 0 && vl > 0 && active(cpu, in, 0))
			put(cpu, vd, 0, sew, op == RV_VSLIDE1UP ? X(in->rs1) : fp_scalar(cpu, in->rs1, sew));
		break;
	case RV_VSLIDEDOWN:
	case RV_VSLIDE1DOWN:
	case RV_VFSLIDE1DOWN:
		off = op == RV_VSLIDEDOWN ? operand(cpu, in, 0, 8) : 1;
		for (i = cpu->vstart; i < vl; i++) {
			uint64_t v;
			if (!active(cpu, in, i))
				continue;
			if (op != RV_VSLIDEDOWN && i == vl - 1)
				v = op == RV_VSLIDE1DOWN ? X(in->rs1) : fp_scalar(cpu, in->rs1, sew);
			else
				v = off < vlmax && i + off < vlmax ? get(cpu, vs2, i + off, sew) : 0;
			put(cpu, vd, i, sew, v);
		}
		break;
	case RV_VRGATHER:
	case RV_VRGATHEREI16: {
		unsigned isize = op == RV_VRGATHEREI16 ? 2 : sew;
		int ie = op == RV_VRGATHEREI16 ? (int)((uint64_t)t->lmul8 * 2 / sew) : t->lmul8;
		uint8_t tmp[8 * RVX_VLENB_MAX];
		if (overlap(vd, regs_of(t->lmul8), vs2, regs_of(t->lmul8)) ||
		    (in->rs3 == VF_VV &&
		     (!aligned(in->rs1, ie) || overlap(vd, regs_of(t->lmul8), in->rs1, regs_of(ie)) ||
		      (isize != sew && overlap(vs2, regs_of(t->lmul8), in->rs1, regs_of(ie))))))
			return EXEC_ILLEGAL;
		memcpy(tmp, elem(cpu, vs2, 0, 1), (size_t)regs_of(t->lmul8) * cpu->vlenb);
		for (i = cpu->vstart; i < vl; i++) {
			uint64_t k = in->rs3 == VF_VV ? get(cpu, in->rs1, i, isize) : operand(cpu, in, i, 8), v = 0;
			if (!active(cpu, in, i))
				continue;
			if (k < vlmax)
				memcpy(&v, tmp + k * sew, sew);
			put(cpu, vd, i, sew, v);
		}
		break;
	}
	case RV_VCOMPRESS:
		if (cpu->vstart || overlap(vd, regs_of(t->lmul8), vs2, regs_of(t->lmul8)) ||
		    overlap(vd, regs_of(t->lmul8), in->rs1, 1))
			return EXEC_ILLEGAL;
		for (i = 0, n = 0; i < vl; i++)
			if (mbit(cpu, in->rs1, i))
				put(cpu, vd, n++, sew, get(cpu, vs2, i, sew));
		break;
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

/* ---- floating point (SEW 32 and 64: F and D elements) */

static uint64_t fp_binary(unsigned op, uint64_t a, uint64_t b, uint64_t d, unsigned size, int rm, unsigned *fl)
{
	enum fp_arith k;
	uint64_t x = a, y = b, z = 0;
	switch (op) {
	case RV_VFADD: k = FP_ADD; break;
	case RV_VFSUB: k = FP_SUB; break;
	case RV_VFRSUB: k = FP_SUB, x = b, y = a; break;
	case RV_VFMUL: k = FP_MUL; break;
	case RV_VFDIV: k = FP_DIV; break;
	case RV_VFRDIV: k = FP_DIV, x = b, y = a; break;
	case RV_VFMIN:
	case RV_VFMAX:
		return size == 4 ? fp_minmax_s((uint32_t)a, (uint32_t)b, op == RV_VFMAX, fl)
				 : fp_minmax_d(a, b, op == RV_VFMAX, fl);
	case RV_VFSGNJ: return (a & ~(1ull << (8 * size - 1))) | (b & (1ull << (8 * size - 1)));
	case RV_VFSGNJN: return (a & ~(1ull << (8 * size - 1))) | (~b & (1ull << (8 * size - 1)));
	case RV_VFSGNJX: return a ^ (b & (1ull << (8 * size - 1)));
	/* vd = +-(vs1 * vs2) +- vd; vd = +-(vs1 * vd) +- vs2 (b is the vs1/scalar operand) */
	case RV_VFMACC: k = FP_MADD, x = b, y = a, z = d; break;
	case RV_VFNMACC: k = FP_NMADD, x = b, y = a, z = d; break;
	case RV_VFMSAC: k = FP_MSUB, x = b, y = a, z = d; break;
	case RV_VFNMSAC: k = FP_NMSUB, x = b, y = a, z = d; break;
	case RV_VFMADD: k = FP_MADD, x = b, y = d, z = a; break;
	case RV_VFNMADD: k = FP_NMADD, x = b, y = d, z = a; break;
	case RV_VFMSUB: k = FP_MSUB, x = b, y = d, z = a; break;
	default: k = FP_NMSUB, x = b, y = d, z = a; break; /* vfnmsub */
	}
	return size == 4 ? fp_arith_s(k, (uint32_t)x, (uint32_t)y, (uint32_t)z, rm, fl)
			 : fp_arith_d(k, x, y, z, rm, fl);
}

static bool fp_compare(unsigned op, uint64_t a, uint64_t b, unsigned size, unsigned *fl)
{
	uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
	switch (op) {
	case RV_VMFEQ: return size == 4 ? fp_cmp_s(FP_EQ, a32, b32, fl) : fp_cmp_d(FP_EQ, a, b, fl);
	case RV_VMFNE: return !(size == 4 ? fp_cmp_s(FP_EQ, a32, b32, fl) : fp_cmp_d(FP_EQ, a, b, fl));
	case RV_VMFLT: return size == 4 ? fp_cmp_s(FP_LT, a32, b32, fl) : fp_cmp_d(FP_LT, a, b, fl);
	case RV_VMFLE: return size == 4 ? fp_cmp_s(FP_LE, a32, b32, fl) : fp_cmp_d(FP_LE, a, b, fl);
	case RV_VMFGT: return size == 4 ? fp_cmp_s(FP_LT, b32, a32, fl) : fp_cmp_d(FP_LT, b, a, fl);
	default: return size == 4 ? fp_cmp_s(FP_LE, b32, a32, fl) : fp_cmp_d(FP_LE, b, a, fl);
	}
}

static uint64_t fp_convert_wide(unsigned op, uint64_t a, unsigned size, unsigned dsize, int rm, unsigned *fl);

/* A conversion of one element from size bytes to dsize bytes. To a 16-bit integer (vfncvt from
 * F): through 32 bits, then saturated, an out-of-range value raising only NV. */
static uint64_t fp_convert(unsigned op, uint64_t a, unsigned size, unsigned dsize, int rm, unsigned *fl)
{
	bool to_int =
	    op == RV_VFNCVT_XU_F || op == RV_VFNCVT_X_F || op == RV_VFNCVT_RTZ_XU_F || op == RV_VFNCVT_RTZ_X_F;
	if (to_int && dsize == 2) {
		bool sgn = op == RV_VFNCVT_X_F || op == RV_VFNCVT_RTZ_X_F;
		unsigned f = 0;
		int64_t v = (int64_t)fp_convert_wide(op, a, size, 4, rm, &f);
		int64_t lo = sgn ? -32768 : 0, hi = sgn ? 32767 : 65535;
		if (!sgn)
			v = (int64_t)(uint32_t)v;
		if (v < lo || v > hi) {
			*fl |= FFLAG_NV;
			return (uint64_t)(v < lo ? lo : hi);
		}
		*fl |= f;
		return (uint64_t)v;
	}
	return fp_convert_wide(op, a, size, dsize, rm, fl);
}

static uint64_t fp_convert_wide(unsigned op, uint64_t a, unsigned size, unsigned dsize, int rm, unsigned *fl)
{
	int64_t sa = sext(a, size);
	uint64_t ua = zext(a, size);
	switch (op) {
	case RV_VFCVT_RTZ_XU_F:
	case RV_VFWCVT_RTZ_XU_F:
	case RV_VFNCVT_RTZ_XU_F: rm = RM_RTZ; /* fall through */
	case RV_VFCVT_XU_F:
	case RV_VFWCVT_XU_F:
	case RV_VFNCVT_XU_F:
		return size == 4 ? fp_to_int_s((uint32_t)a, (int)(8 * dsize), 1, rm, fl)
				 : fp_to_int_d(a, (int)(8 * dsize), 1, rm, fl);
	case RV_VFCVT_RTZ_X_F:
	case RV_VFWCVT_RTZ_X_F:
	case RV_VFNCVT_RTZ_X_F: rm = RM_RTZ; /* fall through */
	case RV_VFCVT_X_F:
	case RV_VFWCVT_X_F:
	case RV_VFNCVT_X_F:
		return size == 4 ? fp_to_int_s((uint32_t)a, (int)(8 * dsize), 0, rm, fl)
				 : fp_to_int_d(a, (int)(8 * dsize), 0, rm, fl);
	case RV_VFCVT_F_XU:
	case RV_VFWCVT_F_XU:
	case RV_VFNCVT_F_XU: return dsize == 4 ? fp_from_int_s(ua, 64, 1, rm, fl) : fp_from_int_d(ua, 64, 1, rm, fl);
	case RV_VFCVT_F_X:
	case RV_VFWCVT_F_X:
	case RV_VFNCVT_F_X:
		return dsize == 4 ? fp_from_int_s((uint64_t)sa, 64, 0, rm, fl)
				  : fp_from_int_d((uint64_t)sa, 64, 0, rm, fl);
	case RV_VFWCVT_F_F: return size == 2 ? fp_h_to_s((uint16_t)a, fl) : fp_s_to_d((uint32_t)a, fl);
	case RV_VFNCVT_F_F: return dsize == 2 ? fp_s_to_h((uint32_t)a, rm, fl) : fp_d_to_s(a, rm, fl);
	default: { /* vfncvt.rod.f.f.w: round to odd (truncate, then set the last bit when inexact) */
		unsigned f = 0;
		uint32_t r = fp_d_to_s(a, RM_RTZ, &f);
		if ((f & FFLAG_NX) && (r & 0x7f800000u) != 0x7f800000u)
			r |= 1;
		*fl |= f;
		return r;
	}
	}
}

/* vfrec7/vfrsqrt7's 7-bit tables, computed as the ISA manual defines them: the estimate at the
 * midpoint of each input interval, rounded to nearest (rec7: 1/x for a significand x in [1, 2);
 * rsqrt7: 1/sqrt(x) for x in [1, 4), the exponent's parity choosing the half) */
static unsigned rec7_entry(unsigned i)
{
	double x = 1.0 + (i + 0.5) / 128.0;
	return (unsigned)((2.0 / x - 1.0) * 128.0 + 0.5);
}

static unsigned rsqrt7_entry(unsigned i)
{
	double x = ((i >> 6) ? 1.0 : 2.0) * (1.0 + ((i & 63) + 0.5) / 64.0);
	double r = 1.0 / __builtin_sqrt(x); /* in (0.5, 1] */
	unsigned e = (unsigned)((2.0 * r - 1.0) * 128.0 + 0.5);
	return e > 127 ? 127 : e;
}

/* The estimates on a float of size bytes (4 or 8): sign, exponent and significand fields. */
static uint64_t estimate7(uint64_t a, unsigned size, bool rsqrt, int rm, unsigned *fl)
{
	int mbits = size == 4 ? 23 : 52, ebits = size == 4 ? 8 : 11, bias = (1 << (ebits - 1)) - 1;
	uint64_t sign = a >> (8 * size - 1), sig = a & ((1ull << mbits) - 1), emax = (1u << ebits) - 1;
	int64_t exp = (int64_t)((a >> mbits) & emax);
	uint64_t nan = size == 4 ? RV_NAN_S : RV_NAN_D, inf = emax << mbits, top = sign << (8 * size - 1);
	if (exp == (int64_t)emax && sig) { /* NaN */
		if (!(sig >> (mbits - 1)))
			*fl |= FFLAG_NV;
		return nan;
	}
	if (exp == (int64_t)emax) /* infinity */
		return rsqrt ? (sign ? (*fl |= FFLAG_NV, nan) : 0) : top;
	if (exp == 0 && sig == 0) {
		*fl |= FFLAG_DZ;
		return top | inf;
	}
	if (rsqrt && sign) {
		*fl |= FFLAG_NV;
		return nan;
	}
	if (exp == 0) { /* subnormal: normalise */
		while (!(sig >> (mbits - 1))) {
			sig <<= 1;
			exp--;
		}
		sig = (sig << 1) & ((1ull << mbits) - 1);
	}
	if (rsqrt) {
		unsigned idx = (unsigned)((exp & 1) << 6) | (unsigned)(sig >> (mbits - 6));
		int64_t oexp = (3 * bias - 1 - exp) / 2;
		return ((uint64_t)oexp << mbits) | (uint64_t)rsqrt7_entry(idx) << (mbits - 7);
	}
	if (exp < -1) { /* the reciprocal overflows: infinity or the largest finite, by the rounding direction */
		bool to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && !sign) || (rm == RM_RDN && sign);
		*fl |= FFLAG_OF | FFLAG_NX;
		return top | (to_inf ? inf : inf - 1);
	}
	int64_t oexp = 2 * bias - 1 - exp;
	uint64_t osig = (uint64_t)rec7_entry((unsigned)(sig >> (mbits - 7))) << (mbits - 7);
	if (oexp <= 0) { /* a subnormal result */
		osig = (osig | 1ull << mbits) >> (1 - oexp);
		oexp = 0;
	}
	return top | ((uint64_t)oexp << mbits) | osig;
}

static int fp_arith_v(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, vd = in->rd, vs2 = in->rs2, fl = 0;
	unsigned rmf = cpu->frm;
	int rm = rmf <= 4 ? (int)rmf : -1, de = t->lmul8, s2e = de;
	unsigned dsize = sew, asize = sew, bsize = sew;
	bool widening = (op >= RV_VFWADD && op <= RV_VFWNMSAC) || (op >= RV_VFWCVT_XU_F && op <= RV_VFWCVT_RTZ_X_F);
	bool narrowing = op >= RV_VFNCVT_XU_F && op <= RV_VFNCVT_RTZ_X_F;
	bool cmp = op >= RV_VMFEQ && op <= RV_VMFGE;
	bool int_src = op == RV_VFCVT_F_XU || op == RV_VFCVT_F_X || op == RV_VFWCVT_F_XU || op == RV_VFWCVT_F_X ||
		       op == RV_VFNCVT_F_XU || op == RV_VFNCVT_F_X;
	bool int_dst = (op >= RV_VFCVT_XU_F && op <= RV_VFNCVT_RTZ_X_F) && !int_src && op != RV_VFWCVT_F_F &&
		       op != RV_VFNCVT_F_F && op != RV_VFNCVT_ROD_F_F;
	uint64_t vl = cpu->vl, i;

	if (rm < 0)
		return EXEC_ILLEGAL;
	if (widening || narrowing) {
		if (t->lmul8 == 64 || sew == 8)
			return EXEC_ILLEGAL;
		if (widening) {
			de *= 2;
			dsize = 2 * sew;
			if (in->rs3 == VF_WV || in->rs3 == VF_WF) {
				s2e *= 2;
				asize = 2 * sew;
			}
		} else {
			s2e *= 2;
			asize = 2 * sew;
		}
	}
	/* the FP side of the operation must be F or D (Zvfh's half precision is not there) */
	if (!(int_src                 ? dsize >= 4
	      : int_dst               ? asize >= 4
	      : widening || narrowing ? sew == 4
				      : sew >= 4) &&
	    !((op == RV_VFWCVT_F_F || op == RV_VFNCVT_F_F) && sew == 2)) /* Zvfhmin's half <-> single */
		return EXEC_ILLEGAL;
	if (cmp)
		de = 1;
	if (!aligned(vd, de) || !aligned(vs2, s2e) || (in->rs3 == VF_VV && !aligned(in->rs1, t->lmul8)))
		return EXEC_ILLEGAL;
	if (!in->rm && vd == 0 && !cmp && op != RV_VFMERGE)
		return EXEC_ILLEGAL;
	if (!may_overlap(vd, de, vs2, s2e) || (in->rs3 == VF_VV && !may_overlap(vd, de, in->rs1, t->lmul8)))
		return EXEC_ILLEGAL;
	if (!cmp && (source_uses_mask(in, vs2) ||
		     ((in->rs3 == VF_VV || in->rs3 == VF_WV) &&
		      (source_uses_mask(in, in->rs1) || sources_clash(vs2, s2e, in->rs1, t->lmul8)))))
		return EXEC_ILLEGAL;
	for (i = cpu->vstart; i < vl; i++) {
		uint64_t a = get(cpu, vs2, i, asize), b = 0, r;
		if (op == RV_VFMERGE) {
			put(cpu, vd, i, sew, mbit(cpu, 0, i) ? fp_scalar(cpu, in->rs1, sew) : a);
			continue;
		}
		if (!active(cpu, in, i))
			continue;
		if (in->rs3 == VF_VF || in->rs3 == VF_WF)
			b = fp_scalar(cpu, in->rs1, sew);
		else if (in->rs3 == VF_VV || in->rs3 == VF_WV)
			b = get(cpu, in->rs1, i, bsize);
		if (cmp) {
			put_mbit(cpu, vd, i, fp_compare(op, a, b, sew, &fl));
			continue;
		}
		if (in->rs3 == VF_V) { /* unary */
			if (op == RV_VFSQRT)
				r = sew == 4 ? fp_arith_s(FP_SQRT, (uint32_t)a, 0, 0, rm, &fl)
					     : fp_arith_d(FP_SQRT, a, 0, 0, rm, &fl);
			else if (op == RV_VFCLASS)
				r = sew == 4 ? fp_class_s((uint32_t)a) : fp_class_d(a);
			else if (op == RV_VFREC7 || op == RV_VFRSQRT7)
				r = estimate7(a, sew, op == RV_VFRSQRT7, rm, &fl);
			else
				r = fp_convert(op, a, asize, dsize, rm, &fl);
			put(cpu, vd, i, dsize, r);
			continue;
		}
		if (widening) { /* F operands made D exactly, then the D operation */
			uint64_t wa = asize == 8 ? a : fp_s_to_d((uint32_t)a, &fl), wb = fp_s_to_d((uint32_t)b, &fl);
			unsigned base = op == RV_VFWADD || op == RV_VFWADD_W   ? RV_VFADD
					: op == RV_VFWSUB || op == RV_VFWSUB_W ? RV_VFSUB
					: op == RV_VFWMUL                      ? RV_VFMUL
					: op == RV_VFWMACC                     ? RV_VFMACC
					: op == RV_VFWNMACC                    ? RV_VFNMACC
					: op == RV_VFWMSAC                     ? RV_VFMSAC
									       : RV_VFNMSAC;
			r = fp_binary(base, wa, wb, get(cpu, vd, i, 8), 8, rm, &fl);
			put(cpu, vd, i, 8, r);
			continue;
		}
		put(cpu, vd, i, sew, fp_binary(op, a, b, get(cpu, vd, i, sew), sew, rm, &fl));
	}
	cpu->fflags |= fl;
	cpu->vstart = 0;
	return EXEC_NEXT;
}

static int fp_reduction(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, fl = 0;
	bool wide = op == RV_VFWREDUSUM || op == RV_VFWREDOSUM;
	int rm = cpu->frm <= 4 ? (int)cpu->frm : -1;
	uint64_t acc, i;
	if (rm < 0 || cpu->vstart || sew < 4 || (wide && sew != 4) || !aligned(in->rs2, t->lmul8))
		return EXEC_ILLEGAL;
	if (cpu->vl == 0)
		return EXEC_NEXT;
	acc = get(cpu, in->rs1, 0, wide ? 8 : sew);
	for (i = 0; i < cpu->vl; i++) {
		uint64_t e = get(cpu, in->rs2, i, sew);
		if (!active(cpu, in, i))
			continue;
		if (wide)
			acc = fp_arith_d(FP_ADD, acc, fp_s_to_d((uint32_t)e, &fl), 0, rm, &fl);
		else if (op == RV_VFREDMIN || op == RV_VFREDMAX)
			acc = fp_binary(op == RV_VFREDMIN ? RV_VFMIN : RV_VFMAX, acc, e, 0, sew, rm, &fl);
		else
			acc = fp_binary(RV_VFADD, acc, e, 0, sew, rm, &fl);
	}
	put(cpu, in->rd, 0, wide ? 8 : sew, acc);
	cpu->fflags |= fl;
	return EXEC_NEXT;
}

static int fp_move(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned sew = t->sew;
	if (sew < 4)
		return EXEC_ILLEGAL;
	switch (in->op) {
	case RV_VFMV_F_S: {
		uint64_t e = get(cpu, in->rs2, 0, sew);
		cpu->f[in->rd] = sew == 4 ? RV_BOX_S(e) : e;
		return EXEC_NEXT;
	}
	case RV_VFMV_S_F:
		if (cpu->vstart < cpu->vl)
			put(cpu, in->rd, 0, sew, fp_scalar(cpu, in->rs1, sew));
		cpu->vstart = 0;
		return EXEC_NEXT;
	default: /* vfmv.v.f */
		if (!aligned(in->rd, t->lmul8))
			return EXEC_ILLEGAL;
		for (uint64_t i = cpu->vstart; i < cpu->vl; i++)
			put(cpu, in->rd, i, sew, fp_scalar(cpu, in->rs1, sew));
		cpu->vstart = 0;
		return EXEC_NEXT;
	}
}

/* ---- Zvbb */

static uint64_t bit_reverse(uint64_t v, unsigned bits)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < bits; i++)
		r |= ((v >> i) & 1) << (bits - 1 - i);
	return r;
}

static int zvbb(struct rvx_vcpu *cpu, const struct rv_insn *in, const struct rv_vtype *t)
{
	unsigned op = in->op, sew = t->sew, bits = 8 * sew, dsize = op == RV_VWSLL ? 2 * sew : sew;
	int de = op == RV_VWSLL ? 2 * t->lmul8 : t->lmul8;
	if (op == RV_VWSLL && (sew == 8 || t->lmul8 == 64))
		return EXEC_ILLEGAL;
	if (!aligned(in->rd, de) || !aligned(in->rs2, t->lmul8) || (in->rs3 == VF_VV && !aligned(in->rs1, t->lmul8)) ||
	    (!in->rm && in->rd == 0) || !may_overlap(in->rd, de, in->rs2, t->lmul8) ||
	    (in->rs3 == VF_VV && !may_overlap(in->rd, de, in->rs1, t->lmul8)) || source_uses_mask(in, in->rs2) ||
	    (in->rs3 == VF_VV && source_uses_mask(in, in->rs1)))
		return EXEC_ILLEGAL;
	for (uint64_t i = cpu->vstart; i < cpu->vl; i++) {
		uint64_t a = get(cpu, in->rs2, i, sew), b, r = 0;
		unsigned n;
		if (!active(cpu, in, i))
			continue;
		b = in->rs3 == VF_V ? 0 : operand(cpu, in, i, sew);
		switch (op) {
		case RV_VANDN: r = a & ~b; break;
		case RV_VROL:
		case RV_VROR:
			n = (unsigned)b & (bits - 1);
			if (op == RV_VROR)
				n = (bits - n) & (bits - 1);
			r = n ? a << n | a >> (bits - n) : a;
			break;
		case RV_VWSLL: r = a << (b & (2 * bits - 1)); break;
		case RV_VBREV: r = bit_reverse(a, bits); break;
		case RV_VBREV8:
			for (unsigned k = 0; k < sew; k++)
				r |= bit_reverse((a >> (8 * k)) & 0xff, 8) << (8 * k);
			break;
		case RV_VREV8:
			for (unsigned k = 0; k < sew; k++)
				r |= ((a >> (8 * k)) & 0xff) << (8 * (sew - 1 - k));
			break;
		case RV_VCLZ: r = a ? (uint64_t)__builtin_clzll(a) - (64 - bits) : bits; break;
		case RV_VCTZ: r = a ? (uint64_t)__builtin_ctzll(a) : bits; break;
		default: r = (uint64_t)__builtin_popcountll(a); break; /* vcpop.v */
		}
		put(cpu, in->rd, i, dsize, r);
	}
	cpu->vstart = 0;
	return EXEC_NEXT;
}

/* ---- dispatch */

int interp_v(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	struct rv_vtype t;
	unsigned op = in->op;
	if ((cpu->v_ctrl & 3) == V_CTRL_OFF) /* turned off for this program (prctl, at its exec) */
		return EXEC_ILLEGAL;
	cpu->v_used = true;
	if (op <= RV_VSETVL)
		return vsetvl(cpu, in);
	if (op == RV_VLRE || op == RV_VSR)
		return whole_registers(cpu, in);
	if (!rv_vtype_decode(cpu->vtype, cpu->vlenb, &t))
		return EXEC_ILLEGAL; /* vill */
	if (rv_op_format(op) == F_VMEM)
		return vmem(cpu, in, &t);
	switch (op) {
	case RV_VMV_V: { /* vmv.v.v/x/i */
		if (!aligned(in->rd, t.lmul8) || (in->rs3 == VF_VV && !aligned(in->rs1, t.lmul8)))
			return EXEC_ILLEGAL;
		for (uint64_t i = cpu->vstart; i < cpu->vl; i++)
			put(cpu, in->rd, i, t.sew, operand(cpu, in, i, t.sew));
		cpu->vstart = 0;
		return EXEC_NEXT;
	}
	case RV_VMVR: { /* whole registers, regardless of vtype */
		unsigned n = (unsigned)in->imm;
		if (in->rd % n || in->rs2 % n)
			return EXEC_ILLEGAL;
		if (cpu->vstart < (uint64_t)n * cpu->vlenb / t.sew)
			memmove(elem(cpu, in->rd, cpu->vstart, t.sew), elem(cpu, in->rs2, cpu->vstart, t.sew),
				(size_t)n * cpu->vlenb - cpu->vstart * t.sew);
		cpu->vstart = 0;
		return EXEC_NEXT;
	}
	case RV_VREDSUM:
	case RV_VREDAND:
	case RV_VREDOR:
	case RV_VREDXOR:
	case RV_VREDMINU:
	case RV_VREDMIN:
	case RV_VREDMAXU:
	case RV_VREDMAX:
	case RV_VWREDSUMU:
	case RV_VWREDSUM: return reduction(cpu, in, &t);
	case RV_VFREDUSUM:
	case RV_VFREDOSUM:
	case RV_VFREDMIN:
	case RV_VFREDMAX:
	case RV_VFWREDUSUM:
	case RV_VFWREDOSUM: return fp_reduction(cpu, in, &t);
	case RV_VFMV_F_S:
	case RV_VFMV_S_F:
	case RV_VFMV_V: return fp_move(cpu, in, &t);
	case RV_VSLIDEUP:
	case RV_VSLIDEDOWN:
	case RV_VSLIDE1UP:
	case RV_VSLIDE1DOWN:
	case RV_VRGATHER:
	case RV_VRGATHEREI16:
	case RV_VCOMPRESS: return permute(cpu, in, &t);
	case RV_VFSLIDE1UP:
	case RV_VFSLIDE1DOWN: return t.sew < 4 ? EXEC_ILLEGAL : permute(cpu, in, &t);
	default: break;
	}
	if (op >= RV_VANDN)
		return zvbb(cpu, in, &t);
	if (op >= RV_VMANDN && op <= RV_VMXNOR)
		return mask_logical(cpu, in);
	if (op >= RV_VMV_X_S && op <= RV_VID)
		return unary(cpu, in, &t);
	if (op >= RV_VFADD)
		return fp_arith_v(cpu, in, &t);
	return int_arith(cpu, in, &t);
}
