#include "interp.h"

#define X(r) cpu->x[r]

static uint64_t rol64(uint64_t v, unsigned s)
{
	s &= 63;
	return s ? (v << s) | (v >> (64 - s)) : v;
}

static uint32_t rol32(uint32_t v, unsigned s)
{
	s &= 31;
	return s ? (v << s) | (v >> (32 - s)) : v;
}

static uint64_t orc_b(uint64_t v)
{
	uint64_t r = 0;
	int i;
	for (i = 0; i < 64; i += 8)
		if ((v >> i) & 0xff)
			r |= 0xffull << i;
	return r;
}

int interp_zb(struct rvx_vcpu *cpu, const struct rv_insn *in)
{
	uint64_t a = X(in->rs1), b = X(in->rs2), r;
	unsigned sh = (unsigned)in->imm;
	switch (in->op) {
	case RV_ADD_UW: r = (uint32_t)a + b; break;
	case RV_SH1ADD: r = (a << 1) + b; break;
	case RV_SH2ADD: r = (a << 2) + b; break;
	case RV_SH3ADD: r = (a << 3) + b; break;
	case RV_SH1ADD_UW: r = ((uint64_t)(uint32_t)a << 1) + b; break;
	case RV_SH2ADD_UW: r = ((uint64_t)(uint32_t)a << 2) + b; break;
	case RV_SH3ADD_UW: r = ((uint64_t)(uint32_t)a << 3) + b; break;
	case RV_SLLI_UW: r = (uint64_t)(uint32_t)a << sh; break;
	case RV_ANDN: r = a & ~b; break;
	case RV_ORN: r = a | ~b; break;
	case RV_XNOR: r = ~(a ^ b); break;
	case RV_CLZ: r = a ? (uint64_t)__builtin_clzll(a) : 64; break;
	case RV_CLZW: r = (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32; break;
	case RV_CTZ: r = a ? (uint64_t)__builtin_ctzll(a) : 64; break;
	case RV_CTZW: r = (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32; break;
	case RV_CPOP: r = (uint64_t)__builtin_popcountll(a); break;
	case RV_CPOPW: r = (uint64_t)__builtin_popcount((uint32_t)a); break;
	case RV_MAX: r = (int64_t)a > (int64_t)b ? a : b; break;
	case RV_MAXU: r = a > b ? a : b; break;
	case RV_MIN: r = (int64_t)a < (int64_t)b ? a : b; break;
	case RV_MINU: r = a < b ? a : b; break;
	case RV_SEXT_B: r = (uint64_t)(int64_t)(int8_t)a; break;
	case RV_SEXT_H: r = (uint64_t)(int64_t)(int16_t)a; break;
	case RV_ZEXT_H: r = (uint16_t)a; break;
	case RV_ROL: r = rol64(a, (unsigned)b); break;
	case RV_ROR: r = rol64(a, 64 - (unsigned)(b & 63)); break;
	case RV_RORI: r = rol64(a, 64 - sh); break;
	case RV_ROLW: r = (uint64_t)(int32_t)rol32((uint32_t)a, (unsigned)b); break;
	case RV_RORW: r = (uint64_t)(int32_t)rol32((uint32_t)a, 32 - (unsigned)(b & 31)); break;
	case RV_RORIW: r = (uint64_t)(int32_t)rol32((uint32_t)a, 32 - sh); break;
	case RV_ORC_B: r = orc_b(a); break;
	case RV_REV8: r = __builtin_bswap64(a); break;
	case RV_BCLR: r = a & ~(1ull << (b & 63)); break;
	case RV_BCLRI: r = a & ~(1ull << sh); break;
	case RV_BEXT: r = (a >> (b & 63)) & 1; break;
	case RV_BEXTI: r = (a >> sh) & 1; break;
	case RV_BINV: r = a ^ (1ull << (b & 63)); break;
	case RV_BINVI: r = a ^ (1ull << sh); break;
	case RV_BSET: r = a | (1ull << (b & 63)); break;
	case RV_BSETI: r = a | (1ull << sh); break;
	default: return EXEC_ILLEGAL;
	}
	X(in->rd) = r;
	return EXEC_NEXT;
}
