/* The scalar instructions of the RVA23U64 profile beyond RV64GC and Zba/Zbb/Zbs: Zicond, Zbc,
 * Zbkb, Zbkx, Zimop and Zcmop, Zicbom (decoded; Linux does not enable it for user mode), Zicboz
 * and Zawrs. Zcb's compressed forms decode to instructions the other files run; the Zicbop and
 * Zihint* hints are ORI, FENCE and ADD. */
#include <math.h>
#include <sched.h>
#include <string.h>

#include "../riscv/fp.h"
#include "interp.h"

#define X(r) cpu->x[r]

/* Carry-less product of a and b: bits 0-63 (clmul), 64-127 (clmulh) or 63-126 (clmulr). */
static uint64_t clmul(uint64_t a, uint64_t b, int low_bit)
{
	uint64_t r = 0;
	for (int i = 0; i < 64; i++) {
		int s = i - low_bit; /* where a's bit 0 lands, from the result's bit 0 */
		if (!((b >> i) & 1) || s <= -64)
			continue;
		r ^= s >= 0 ? a << s : a >> -s;
	}
	return r;
}

static uint64_t brev8(uint64_t v)
{
	uint64_t r = 0;
	for (int i = 0; i < 64; i++)
		if ((v >> i) & 1)
			r |= 1ull << ((i & ~7) | (7 - (i & 7)));
	return r;
}

/* Each element of b (4 or 8 bits) indexes an element of a; out of range gives 0. */
static uint64_t xperm(uint64_t a, uint64_t b, unsigned bits)
{
	uint64_t r = 0, mask = (1ull << bits) - 1;
	for (unsigned i = 0; i < 64; i += bits) {
		uint64_t k = (b >> i) & mask;
		if (k * bits < 64)
			r |= ((a >> (k * bits)) & mask) << i;
	}
	return r;
}

#define F(r)        cpu->f[r]
#define RV_BOX_H(v) (0xffffffffffff0000ull | (uint16_t)(v))

static uint16_t unbox_h(uint64_t r)
{
	return (r >> 16) == 0xffffffffffffull ? (uint16_t)r : 0x7e00;
}

static bool is_nan_d(uint64_t a)
{
	return (a & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (a & 0xfffffffffffffull);
}

static bool is_snan_d(uint64_t a)
{
	return is_nan_d(a) && !(a & 0x8000000000000ull);
}

/* The F operations on singles computed in double (exact for all of these) */
static uint64_t widen(const struct rv_insn *in, uint64_t r, unsigned *fl)
{
	bool single = in->op == RV_FMINM_S || in->op == RV_FMAXM_S || in->op == RV_FROUND_S ||
		      in->op == RV_FROUNDNX_S || in->op == RV_FLEQ_S || in->op == RV_FLTQ_S;
	uint32_t s = rv_unbox_s(r);
	if (!single)
		return r;
	if ((s & 0x7f800000u) == 0x7f800000u && (s & 0x7fffffu)) /* keep the signaling bit visible */
		return 0x7ff0000000000000ull | (uint64_t)(s >> 31) << 63 | (uint64_t)(s & 0x7fffffu) << 29;
	return fp_s_to_d(s, fl);
}

static double round_by(double x, int rm)
{
	switch (rm) {
	case RM_RTZ: return trunc(x);
	case RM_RDN: return floor(x);
	case RM_RUP: return ceil(x);
	case RM_RMM: return round(x);
	default: return nearbyint(x); /* the host's mode in emulator code: nearest, ties to even */
	}
}

static uint64_t fcvtmod(uint64_t a, unsigned *fl)
{
	int e = (int)((a >> 52) & 0x7ff);
	uint64_t sig = (a & 0xfffffffffffffull) | (e ? 1ull << 52 : 0), low;
	bool neg = a >> 63, inexact = false, in_range;
	if (e == 0x7ff) {
		*fl |= FFLAG_NV;
		return 0;
	}
	if (e < 1023) { /* |a| < 1 */
		inexact = a << 1 != 0;
		low = 0;
	} else if (e - 1075 >= 0) { /* an integer: its low bits */
		low = e - 1075 >= 32 ? 0 : sig << (e - 1075);
	} else {
		unsigned drop = (unsigned)(1075 - e);
		inexact = (sig & ((1ull << drop) - 1)) != 0;
		low = sig >> drop;
	}
	/* in int32's range when |trunc(a)| < 2^31, or it is -2^31 */
	in_range = e < 1023 + 31 || (neg && e == 1023 + 31 && (sig >> 21) == (1ull << 31));
	if (!in_range)
		*fl |= FFLAG_NV;
	else if (inexact)
		*fl |= FFLAG_NX;
	low = neg ? 0 - low : low;
	return (uint64_t)(int64_t)(int32_t)(uint32_t)low;
}

static int fp_newer(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	unsigned fl = 0, rmf = in->rm == RV_RM_DYN ? cpu->frm : in->rm;
	int rm = rmf <= 4 ? (int)rmf : -1;
	uint64_t a = widen(in, F(in->rs1), &fl), b = widen(in, F(in->rs2), &fl);
	bool single = in->op == RV_FMINM_S || in->op == RV_FMAXM_S || in->op == RV_FROUND_S || in->op == RV_FROUNDNX_S;
	uint64_t r = 0;
	if (rm < 0 && rv_op_format(in->op) == F_FR1_RM)
		return EXEC_ILLEGAL;
	switch (in->op) {
	case RV_FLH: F(in->rd) = RV_BOX_H(interp_load(cpu, X(in->rs1) + (uint64_t)in->imm, 2)); return EXEC_NEXT;
	case RV_FSH: {
		uint16_t v = (uint16_t)F(in->rs2);
		memcpy(interp_addr(cpu, X(in->rs1) + (uint64_t)in->imm, 2), &v, 2);
		return EXEC_NEXT;
	}
	case RV_FMV_X_H: X(in->rd) = (uint64_t)(int64_t)(int16_t)F(in->rs1); return EXEC_NEXT;
	case RV_FMV_H_X: F(in->rd) = RV_BOX_H(X(in->rs1)); return EXEC_NEXT;
	case RV_FCVT_S_H: F(in->rd) = RV_BOX_S(fp_h_to_s(unbox_h(F(in->rs1)), &fl)); break;
	case RV_FCVT_D_H: F(in->rd) = fp_s_to_d(fp_h_to_s(unbox_h(F(in->rs1)), &fl), &fl); break;
	case RV_FCVT_H_S: F(in->rd) = RV_BOX_H(fp_s_to_h(rv_unbox_s(F(in->rs1)), rm, &fl)); break;
	case RV_FCVT_H_D: F(in->rd) = RV_BOX_H(fp_d_to_h(F(in->rs1), rm, &fl)); break;
	case RV_FLI_S:
	case RV_FLI_D: {
		unsigned i = in->rs1;
		double v = fp_fli_value(i);
		if (in->op == RV_FLI_S) {
			float f = (float)v;
			uint32_t bits;
			memcpy(&bits, &f, 4);
			F(in->rd) = RV_BOX_S(i == 1 ? 0x00800000u : i == 31 ? RV_NAN_S : bits);
		} else {
			memcpy(&r, &v, 8);
			F(in->rd) = i == 1 ? 0x0010000000000000ull : i == 31 ? RV_NAN_D : r;
		}
		return EXEC_NEXT;
	}
	case RV_FMINM_S:
	case RV_FMAXM_S:
	case RV_FMINM_D:
	case RV_FMAXM_D: {
		bool max = in->op == RV_FMAXM_S || in->op == RV_FMAXM_D;
		if (is_nan_d(a) || is_nan_d(b)) {
			if (is_snan_d(a) || is_snan_d(b))
				fl |= FFLAG_NV;
			F(in->rd) = single ? RV_BOX_S(RV_NAN_S) : RV_NAN_D;
		} else {
			r = fp_minmax_d(a, b, max, &fl);
			F(in->rd) = single ? RV_BOX_S(fp_d_to_s(r, RM_RNE, &fl)) : r;
		}
		break;
	}
	case RV_FROUND_S:
	case RV_FROUNDNX_S:
	case RV_FROUND_D:
	case RV_FROUNDNX_D: {
		double x, y;
		if (is_nan_d(a)) {
			if (is_snan_d(a))
				fl |= FFLAG_NV;
			F(in->rd) = single ? RV_BOX_S(RV_NAN_S) : RV_NAN_D;
			break;
		}
		memcpy(&x, &a, 8);
		y = round_by(x, rm);
		if (y != x && (in->op == RV_FROUNDNX_S || in->op == RV_FROUNDNX_D))
			fl |= FFLAG_NX;
		memcpy(&r, &y, 8);
		F(in->rd) = single ? RV_BOX_S(fp_d_to_s(r, RM_RNE, &(unsigned){0})) : r;
		break;
	}
	case RV_FCVTMOD_W_D: X(in->rd) = fcvtmod(F(in->rs1), &fl); break;
	default: { /* fleq, fltq: quiet comparisons (only a signaling NaN raises NV) */
		bool lt = in->op == RV_FLTQ_S || in->op == RV_FLTQ_D;
		if (is_nan_d(a) || is_nan_d(b)) {
			if (is_snan_d(a) || is_snan_d(b))
				fl |= FFLAG_NV;
			X(in->rd) = 0;
		} else {
			unsigned none = 0;
			X(in->rd) = (uint64_t)fp_cmp_d(lt ? FP_LT : FP_LE, a, b, &none);
		}
		break;
	}
	}
	cpu->fflags |= fl;
	return EXEC_NEXT;
}

int interp_rva23(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), r;
	if (in->op >= RV_FLH)
		return fp_newer(cpu, in);
	switch (in->op) {
	case RV_CZERO_EQZ: r = b ? a : 0; break;
	case RV_CZERO_NEZ: r = b ? 0 : a; break;
	case RV_CLMUL: r = clmul(a, b, 0); break;
	case RV_CLMULH: r = clmul(a, b, 64); break;
	case RV_CLMULR: r = clmul(a, b, 63); break;
	case RV_PACK: r = (a & 0xffffffffull) | b << 32; break;
	case RV_PACKH: r = (a & 0xff) | (b & 0xff) << 8; break;
	case RV_PACKW: r = (uint64_t)(int64_t)(int32_t)((a & 0xffff) | (b & 0xffff) << 16); break;
	case RV_BREV8: r = brev8(a); break;
	case RV_XPERM4: r = xperm(a, b, 4); break;
	case RV_XPERM8: r = xperm(a, b, 8); break;
	case RV_MOP_R:
	case RV_MOP_RR: r = 0; break;
	case RV_C_MOP: return EXEC_NEXT;
	case RV_CBO_INVAL:
	case RV_CBO_CLEAN:
	case RV_CBO_FLUSH: return EXEC_ILLEGAL; /* Linux leaves them disabled in user mode (as QEMU does) */
	case RV_CBO_ZERO: /* a block never crosses a page: it faults before any byte is written, or not at all */
		memset(interp_addr(cpu, a & ~(uint64_t)(RV_CBO_BLOCK - 1), RV_CBO_BLOCK), 0, RV_CBO_BLOCK);
		return EXEC_NEXT;
	case RV_WRS_NTO:
	case RV_WRS_STO: /* wait for a reservation's store: a hint that may return at once */
		sched_yield();
		return EXEC_NEXT;
	default: return EXEC_ILLEGAL;
	}
	X(in->rd) = r;
	return EXEC_NEXT;
}
